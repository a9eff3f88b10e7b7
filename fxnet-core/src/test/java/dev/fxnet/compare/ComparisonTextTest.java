package dev.fxnet.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Table cells of {@link ComparisonText} and the footnotes of figures that were not computed. */
class ComparisonTextTest {
    @Test
    void valuesArePrintedExactlyOrAsPowersOfTwo() {
        assertEquals("448", ComparisonText.shortValue(new BigDecimal("448.000")));
        assertEquals("0.001953125", ComparisonText.shortValue(SpecValues.pow2(-9)));
        assertEquals("2^-133", ComparisonText.shortValue(SpecValues.pow2(-133)));
        assertEquals("-2^100", ComparisonText.shortValue(SpecValues.pow2(100).negate()));
        assertEquals("~0.999969", ComparisonText.shortValue(BigDecimal.ONE.subtract(SpecValues.pow2(-15))));
        // bfloat16's largest value (2 - 2^-7) 2^127
        BigDecimal omega = BigDecimal.valueOf(255).multiply(SpecValues.pow2(120));
        assertEquals("~3.38953e+38", ComparisonText.shortValue(omega));
    }

    @Test
    void aFormatTooLargeToCompileIsFootnotedAndItsCsvCellIsEmpty() {
        ComparisonPlan plan = ComparisonPlan.defaults(List.of(CompareFormats.parse("e2m1"),
                CompareFormats.parse("Q11.0"))).withSections(EnumSet.of(ComparisonPlan.Section.SIZE));
        Comparison c = Comparison.run(plan, 1, n -> { });
        String md = ComparisonText.markdown(c);
        assertTrue(md.contains("| Q11.0 | 4096 | —[^1] | — | — | — |"), md);
        assertTrue(md.contains("[^1]: |F| = 4096 > 2048 finite values: not compiled"), md);
        assertTrue(ComparisonText.csv(c).contains("size,Q11.0,relu,parameters,,|F| = 4096 > 2048 finite values: not compiled"),
                ComparisonText.csv(c));
    }
}

package dev.fxnet.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fxnet.arith.Arithmetic;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link FormatFacts} against the brute-force enumeration of {@link SpecValues} (bit patterns decoded from
 * SPEC §8, fixed-point codes from SPEC §1) and against closed forms of the OCP/IEEE documents.
 */
class FormatFactsOracleTest {
    private static void check(Arithmetic ar, List<SpecValues.Value> vals) {
        FormatFacts f = FormatFacts.of(ar);
        assertEquals(vals.size(), f.finiteValues(), "finite values of " + ar);
        assertEquals(0, vals.get(0).value().compareTo(f.min()), "min of " + ar);
        assertEquals(0, vals.get(vals.size() - 1).value().compareTo(f.max()), "max of " + ar);
        var smallest = vals.stream().map(SpecValues.Value::value).filter(v -> v.signum() > 0).min(BigDecimal::compareTo);
        assertEquals(smallest.isPresent(), f.smallestPositive().isPresent(), "a smallest positive value in " + ar);
        smallest.ifPresent(s -> assertEquals(0, s.compareTo(f.smallestPositive().get()), "smallest positive of " + ar));
        long unit = vals.stream().filter(v -> v.value().abs().compareTo(BigDecimal.ONE) <= 0).count();
        assertEquals(unit, f.inUnitInterval(), "values in [-1, 1] of " + ar);
    }

    @ParameterizedTest
    @CsvSource({"e2m1,2,1,1,FINITE", "e2m3,2,3,1,FINITE", "e3m2,3,2,3,FINITE", "e4m3,4,3,7,FN", "e5m2,5,2,15,IEEE",
        "'float(3,1)',3,1,3,IEEE", "'float(2,0,specials=FN)',2,0,1,FN", "'float(3,2,bias=1,specials=FINITE)',3,2,1,FINITE",
        "binary16,5,10,15,IEEE"})
    void floatFactsMatchTheDecodedBitPatterns(String name, int e, int m, int bias, String specials) {
        check(CompareFormats.parse(name), SpecValues.floats(e, m, bias, specials));
    }

    @ParameterizedTest
    @CsvSource({"'p=3,q=4',3,4,false", "Q3.4,3,4,true", "Q0.7,0,7,true", "Q1.6,1,6,true", "'p=1,q=2',1,2,false",
        "Q0.3,0,3,true", "'ap_fixed<6,3>',2,3,true", "'p=0,q=0',0,0,false"})
    void fixedFactsMatchTheEnumeratedCodes(String name, int p, int q, boolean twos) {
        check(CompareFormats.parse(name), SpecValues.fixed(p, q, twos));
    }

    /** Closed forms: e4m3 has 2^8 - 2 NaN patterns - 1 (+-0) = 253 values up to 448; e5m2 247 up to 57344. */
    @Test
    void closedFormsOfThe8BitFloats() {
        FormatFacts e4m3 = FormatFacts.of(CompareFormats.parse("e4m3"));
        assertEquals(253, e4m3.finiteValues());
        assertEquals(0, new BigDecimal("448").compareTo(e4m3.max()));
        assertEquals(0, SpecValues.pow2(-9).compareTo(e4m3.smallestPositive().get()));
        // [-1, 1]: per sign 7 subnormals, 8 values in each of the binades 2^-6 .. 2^-1, and 1; and zero
        assertEquals(2 * (6 * 8 + 7 + 1) + 1, e4m3.inUnitInterval());
        FormatFacts e5m2 = FormatFacts.of(CompareFormats.parse("e5m2"));
        assertEquals(2 * (31 * 4 - 1) + 1, e5m2.finiteValues());
        assertEquals(0, new BigDecimal("57344").compareTo(e5m2.max()));
        assertEquals(0, SpecValues.pow2(-16).compareTo(e5m2.smallestPositive().get()));
        FormatFacts e2m1 = FormatFacts.of(CompareFormats.parse("e2m1"));
        assertEquals(15, e2m1.finiteValues());
        assertEquals(0, new BigDecimal("6").compareTo(e2m1.max()));
        assertEquals(5, e2m1.inUnitInterval()); // -1, -0.5, 0, 0.5, 1
    }

    @Test
    void bitBudgetsListTheAcceptanceFormats() {
        List<String> b8 = CompareFormats.ofBits(8).stream().map(CompareFormats::name).toList();
        assertEquals(List.of("p=3,q=4", "Q0.7", "Q1.6", "Q3.4", "e4m3", "e5m2"), b8);
        List<String> b4 = CompareFormats.ofBits(4).stream().map(CompareFormats::name).toList();
        assertEquals(List.of("p=1,q=2", "Q0.3", "Q1.2", "e2m1"), b4);
        for (int bits : CompareFormats.BUDGETS) {
            for (Arithmetic ar : CompareFormats.ofBits(bits)) {
                assertEquals(bits, CompareFormats.bits(ar), ar.toString());
                assertEquals(ar, CompareFormats.parse(CompareFormats.name(ar)), "name reads back: " + ar);
            }
        }
    }
}

package dev.fxnet.gadget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The gadget search stops on a count of tail searches ({@link IndicatorGadgets#MAX_TAIL_SEARCHES}), never
 * on the clock, so {@code compile} writes the same bytes on any machine and under any load.
 */
class IndicatorSearchBudgetTest {
    /** relu on Q2.2 FLOOR WRAP at fan-in 4: the golden case that searches the most tails (30). */
    private static final Machine WRAP = Machine.of(
            FixedPointArithmetic.of(FixedPointFormat.of(2, 2, Encoding.TWOS_COMPLEMENT), Rounding.FLOOR, Overflow.WRAP),
            Accumulation.PER_OP, Activations.named("relu"));

    @Test
    void theBudgetThatTheSearchNeedsGivesTheSameGadgetsAsTheDefault() {
        String found = IndicatorGadgets.search(WRAP, 4, IndicatorGadgets.MAX_TAIL_SEARCHES).summary();
        assertEquals(found, IndicatorGadgets.search(WRAP, 4, 30).summary());
        assertEquals(found, IndicatorGadgets.find(WRAP, 4).summary());
    }

    @Test
    void theCountAloneDecidesWhereTheSearchStops() {
        String full = IndicatorGadgets.search(WRAP, 4, 30).summary();
        String short29 = IndicatorGadgets.search(WRAP, 4, 29).summary();
        assertNotEquals(full, short29, "one tail search less must end the search earlier");
        assertEquals(short29, IndicatorGadgets.search(WRAP, 4, 29).summary());
        String first = assertThrows(IllegalArgumentException.class, () -> IndicatorGadgets.search(WRAP, 4, 2)).getMessage();
        String second = assertThrows(IllegalArgumentException.class, () -> IndicatorGadgets.search(WRAP, 4, 2)).getMessage();
        assertEquals(first, second);
        assertTrue(first.contains("tails of up to 4 neurons for 2 of them")
                && first.contains("the budget of 2 tail searches was reached"), first);
    }

    @Test
    void aNegativeBudgetIsRefused() {
        assertEquals("tail search budget -1 is negative",
                assertThrows(IllegalArgumentException.class, () -> IndicatorGadgets.search(WRAP, 4, -1)).getMessage());
    }

    /** A budget in time would make the result depend on the machine: no clock in the searching packages. */
    @Test
    void theSearchingPackagesReadNoClock() throws IOException {
        Pattern clock = Pattern.compile("System\\.nanoTime|System\\.currentTimeMillis|java\\.time\\.|Instant\\.now"
                + "|Clock\\.|Thread\\.sleep");
        List<String> offenders;
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/java/dev/fxnet/construct")),
                Files.walk(Path.of("src/main/java/dev/fxnet/theory")))) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return clock.matcher(Files.readString(p)).find();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Path::toString).collect(Collectors.toList());
        }
        assertEquals(List.of(), offenders);
    }
}

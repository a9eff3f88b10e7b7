package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code fxnet size} with a floating-point {@code --format} (SPEC §8): one row per (d, strategy), the
 * counting lower bound from the number of finite values counted here from the format's definition,
 * the ratio recomputed from the printed parameters, and the refusals.
 */
class FloatSizeCliTest {
    /** e2m3 (SPEC §8: e=2, m=3, bias 1, FINITE): 2^5 patterns per sign, +-0 one value, so 63 finite values. */
    private static final int E2M3_VALUES = 2 * 32 - 1;

    @Test
    void sizesOfFloatNetworksAgainstTheCountingBound() {
        CliRun r = CliRun.of("size", "--format", "e2m3", "--act", "relu", "--grid-dims", "1,2", "--csv", "--quiet");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("format,d,strategy,points,neurons,depth,widest,parameters,lower_bound,ratio", lines.get(0));
        assertEquals(1 + 2 * 4, lines.size(), r.out()); // cubes, boxes, steps, columns
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            if (c[2].equals("columns") && c[1].equals("1")) {
                assertEquals("refused", c[4], line); // columns needs d >= 2
                continue;
            }
            int d = Integer.parseInt(c[1]);
            long points = (long) Math.pow(E2M3_VALUES, d);
            assertEquals("e2m3", c[0]);
            assertEquals(points, Long.parseLong(c[3]), line);
            assertEquals(points, Long.parseLong(c[8]), line); // lower bound |F|^d
            BigDecimal ratio = BigDecimal.valueOf(Long.parseLong(c[7])).divide(BigDecimal.valueOf(points), 3,
                    RoundingMode.HALF_EVEN);
            assertEquals(0, ratio.compareTo(new BigDecimal(c[9])), line);
            assertTrue(Long.parseLong(c[7]) >= points, line); // a network for a random table is not smaller
        }
    }

    @Test
    void refusesWhatFloatSizesCannotDo() {
        CliRun binary = CliRun.of("size", "--format", "e2m1", "--strategies", "binary");
        assertEquals(2, binary.code());
        assertEquals(1, binary.err().lines().count(), binary.err());
        assertTrue(binary.err().contains("fixed point only"), binary.err());
        CliRun nan = CliRun.of("size", "--format", "e4m3", "--overflow", "NAN");
        assertEquals(2, nan.code());
        assertTrue(nan.err().contains("overflow: "), nan.err());
        CliRun bits = CliRun.of("size", "--format", "e2m1", "--int-bits", "2");
        assertEquals(2, bits.code());
        assertEquals("", bits.out());
    }
}

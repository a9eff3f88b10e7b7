package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code fxnet info} for float formats: the numbers of SPEC §8's table and OCP E4M3, worked out by hand. */
class FloatInfoCliTest {

    @Test
    void e4m3() {
        CliRun r = CliRun.of("info", "e4m3");
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.contains("bias          7"), out);
        assertTrue(out.contains("emin, emax    -6, 8"), out);
        assertTrue(out.contains("largest       448  (bits 0x7E, code 126)"), out);
        assertTrue(out.contains("min normal    0.015625  (bits 0x08, code 8)  = 2^-6"), out);
        assertTrue(out.contains("max subnormal 0.013671875  (bits 0x07, code 7)"), out); // 7/8 * 2^-6
        assertTrue(out.contains("min subnormal 0.001953125  (bits 0x01, code 1)  = 2^-9"), out);
        assertTrue(out.contains("finite values 253"), out); // 2 * 126 + 1: 0x7F is NaN
        assertTrue(out.contains("2^-3 = 0.125 above 1"), out);
        assertTrue(out.contains("spacing at largest  2^5 = 32"), out); // 448 = 1.75 * 2^8, spacing 2^(8-3)
        assertTrue(out.contains("NaN 0x7F and 0xFF; no infinities"), out);
    }

    @Test
    void binary16AndAliases() {
        CliRun r = CliRun.of("info", "HALF");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("largest       65504  (bits 0x7BFF"), r.out());
        assertTrue(r.out().contains("+inf 0x7C00, -inf 0xFC00"), r.out());
        assertTrue(r.out().contains("finite values 63487"), r.out()); // 2 * (31 * 1024 - 1) + 1
    }

    @Test
    void badFloatFormatsExitTwoWithOneLine() {
        for (String bad : new String[] {"float(0,3)", "float(9,9)", "float(3,4,bias=x)", "float(3,0)"}) {
            CliRun r = CliRun.of("info", bad);
            assertEquals(2, r.code(), bad);
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.out().isEmpty(), r.out());
        }
    }
}

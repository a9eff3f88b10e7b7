package dev.fxnet.arith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The spellings of SPEC §1 (formats) and the alias table of SPEC §2 (rounding modes). */
class FormatAndModeSpellingTest {

    private static void assertFormat(String text, int p, int q, Encoding e) {
        FixedPointFormat f = FixedPointFormat.parse(text);
        assertEquals(p, f.intBits(), text);
        assertEquals(q, f.fracBits(), text);
        assertEquals(e, f.encoding(), text);
        // the code range follows from (p, q, encoding) alone
        assertEquals((1L << (p + q)) - 1, f.maxCode(), text);
        assertEquals(e == Encoding.TWOS_COMPLEMENT ? -(1L << (p + q)) : -((1L << (p + q)) - 1), f.minCode(), text);
    }

    @Test
    void specExamples() {
        // ARM Q3.4: 3 integer bits excluding sign, 4 fractional, two's complement
        assertFormat("Q3.4", 3, 4, Encoding.TWOS_COMPLEMENT);
        // Xilinx ap_fixed<8,4>: W=8 bits incl. sign, I=4 integer bits incl. sign -> p = I-1 = 3, q = W-I = 4
        assertFormat("ap_fixed<8,4>", 3, 4, Encoding.TWOS_COMPLEMENT);
        // paper style: symmetric
        assertFormat("p=3,q=4", 3, 4, Encoding.SYMMETRIC);
    }

    @Test
    void moreSpellings() {
        assertFormat("Q0.7", 0, 7, Encoding.TWOS_COMPLEMENT);
        assertFormat("Q15.0", 15, 0, Encoding.TWOS_COMPLEMENT);
        assertFormat("Q0.30", 0, 30, Encoding.TWOS_COMPLEMENT);
        assertFormat("Q30.0", 30, 0, Encoding.TWOS_COMPLEMENT);
        assertFormat("ap_fixed<16,1>", 0, 15, Encoding.TWOS_COMPLEMENT); // I = 1: only the sign bit
        assertFormat("ap_fixed<8,8>", 7, 0, Encoding.TWOS_COMPLEMENT); // I = W: an integer format
        assertFormat("ap_fixed<31,1>", 0, 30, Encoding.TWOS_COMPLEMENT); // p+q = 30, the limit
        assertFormat("ap_fixed<31,31>", 30, 0, Encoding.TWOS_COMPLEMENT);
        assertFormat("p=0,q=0", 0, 0, Encoding.SYMMETRIC);
        assertFormat("p=2,q=1", 2, 1, Encoding.SYMMETRIC);
        assertFormat("p=30,q=0", 30, 0, Encoding.SYMMETRIC);
        assertFormat("p=12,q=18", 12, 18, Encoding.SYMMETRIC);
    }

    @Test
    void refusals() {
        String[] bad = {
            "p=20,q=11", "p=31,q=0", "p=0,q=31", // p + q > 30
            "Q16.15", "Q31.0", "Q0.31", // 32 bits
            "ap_fixed<32,2>", "ap_fixed<32,32>", "ap_fixed<40,10>", // p + q = W - 1 > 30
            "ap_fixed<4,8>", "ap_fixed<8,9>", // I > W
            "garbage", "", "p=3", "q=4", "Q", "Q3.4.5", "ap_fixed<8>", "ap_fixed<,>", "p=-1,q=3", "p=3,q=-1",
            "fixed<8,4>", "3.4", "p=3;q=4", "p=99999999999999999999,q=0",
        };
        for (String s : bad) {
            assertThrows(IllegalArgumentException.class, () -> FixedPointFormat.parse(s), s);
        }
        assertThrows(IllegalArgumentException.class, () -> FixedPointFormat.of(31, 0, Encoding.SYMMETRIC));
        assertThrows(IllegalArgumentException.class, () -> FixedPointFormat.of(0, 31, Encoding.TWOS_COMPLEMENT));
        assertThrows(IllegalArgumentException.class, () -> FixedPointFormat.of(16, 15, Encoding.SYMMETRIC));
        assertThrows(IllegalArgumentException.class, () -> FixedPointFormat.of(-1, 3, Encoding.SYMMETRIC));
        assertThrows(IllegalArgumentException.class, () -> FixedPointFormat.of(3, -1, Encoding.SYMMETRIC));
        assertThrows(IllegalArgumentException.class, () -> FixedPointFormat.of(Integer.MAX_VALUE, Integer.MAX_VALUE,
                Encoding.SYMMETRIC));
        // the limit itself is accepted
        for (int p = 0; p <= 30; p++) {
            FixedPointFormat.of(p, 30 - p, Encoding.SYMMETRIC);
            FixedPointFormat.of(p, 30 - p, Encoding.TWOS_COMPLEMENT);
        }
    }

    @Test
    void roundingAliasesOfTheSpecTable() {
        Object[][] table = {
            {Rounding.HALF_EVEN, new String[] {"HALF_EVEN", "AP_RND_CONV", "SC_RND_CONV", "Convergent"}},
            {Rounding.HALF_UP, new String[] {"HALF_UP", "AP_RND_INF", "SC_RND_INF", "Round"}},
            {Rounding.HALF_DOWN, new String[] {"HALF_DOWN", "AP_RND_ZERO", "SC_RND_ZERO"}},
            {Rounding.HALF_CEILING, new String[] {"HALF_CEILING", "AP_RND", "SC_RND", "Nearest"}},
            {Rounding.HALF_FLOOR, new String[] {"HALF_FLOOR", "AP_RND_MIN_INF", "SC_RND_MIN_INF"}},
            {Rounding.FLOOR, new String[] {"FLOOR", "AP_TRN", "SC_TRN", "Floor"}},
            {Rounding.DOWN, new String[] {"DOWN", "AP_TRN_ZERO", "SC_TRN_ZERO", "Zero"}},
            {Rounding.CEILING, new String[] {"CEILING", "Ceiling"}},
            {Rounding.UP, new String[] {"UP"}},
        };
        assertEquals(Rounding.values().length, table.length);
        for (Object[] row : table) {
            for (String s : (String[]) row[1]) {
                assertEquals(row[0], Rounding.parse(s), s);
            }
        }
        for (String s : new String[] {"", "HALF", "AP_RND_CONVX", "nearest-even-ish", "SC_RND_MAX_INF", "TRUNC_ZERO"}) {
            assertThrows(IllegalArgumentException.class, () -> Rounding.parse(s), s);
        }
    }

    @Test
    void overflowNames() {
        assertEquals(Overflow.SATURATE, Overflow.parse("SATURATE"));
        assertEquals(Overflow.WRAP, Overflow.parse("WRAP"));
        assertThrows(IllegalArgumentException.class, () -> Overflow.parse("CLAMP_OR_SOMETHING"));
    }
}

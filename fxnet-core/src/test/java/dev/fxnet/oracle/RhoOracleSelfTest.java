package dev.fxnet.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fxnet.arith.Rounding;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Checks the oracle itself: against a hand-written table, and its two roundings against each other. */
class RhoOracleSelfTest {
    private static final String[] INPUTS = {"5.5", "2.5", "1.6", "1.1", "1.0", "-1.0", "-1.1", "-1.6", "-2.5", "-5.5"};
    // Rows for the seven Java modes are the table of java.math.RoundingMode's documentation; the two
    // extra rows are written by hand from "nearest, ties toward +infinity / -infinity".
    private static final Object[][] TABLE = {
        {"UP", new long[] {6, 3, 2, 2, 1, -1, -2, -2, -3, -6}},
        {"DOWN", new long[] {5, 2, 1, 1, 1, -1, -1, -1, -2, -5}},
        {"CEILING", new long[] {6, 3, 2, 2, 1, -1, -1, -1, -2, -5}},
        {"FLOOR", new long[] {5, 2, 1, 1, 1, -1, -2, -2, -3, -6}},
        {"HALF_UP", new long[] {6, 3, 2, 1, 1, -1, -1, -2, -3, -6}},
        {"HALF_DOWN", new long[] {5, 2, 2, 1, 1, -1, -1, -2, -2, -5}},
        {"HALF_EVEN", new long[] {6, 2, 2, 1, 1, -1, -1, -2, -2, -6}},
        {"HALF_CEILING", new long[] {6, 3, 2, 1, 1, -1, -1, -2, -2, -5}},
        {"HALF_FLOOR", new long[] {5, 2, 2, 1, 1, -1, -1, -2, -3, -6}},
    };

    @Test
    void handTable() {
        assertEquals(9, Rounding.values().length);
        for (Object[] row : TABLE) {
            Rounding mode = Rounding.valueOf((String) row[0]);
            long[] want = (long[]) row[1];
            for (int i = 0; i < INPUTS.length; i++) {
                BigDecimal x = new BigDecimal(INPUTS[i]);
                assertEquals(want[i], RhoOracle.roundDecimal(x, mode).longValueExact(), mode + " " + x);
                // the same number as a rational with denominator 10
                BigInteger num = x.movePointRight(1).toBigIntegerExact();
                assertEquals(want[i], RhoOracle.roundRational(num, BigInteger.TEN, mode).longValueExact(), mode + " " + x);
                assertEquals(want[i], RhoOracle.roundRational(num.negate(), BigInteger.TEN.negate(), mode).longValueExact());
            }
        }
    }

    @Test
    void decimalAndRationalRoundingsAgree() {
        for (Rounding mode : Rounding.values()) {
            for (int s = 0; s <= 5; s++) {
                for (long num = -200; num <= 200; num++) {
                    BigDecimal x = RhoOracle.value(num, s);
                    BigInteger a = RhoOracle.roundDecimal(x, mode);
                    BigInteger b = RhoOracle.roundRational(BigInteger.valueOf(num), BigInteger.ONE.shiftLeft(s), mode);
                    assertEquals(a, b, mode + " " + x);
                    // nearest modes are within 1/2, directed within 1 and on the right side
                    BigDecimal err = new BigDecimal(a).subtract(x).abs();
                    boolean nearest = mode.name().startsWith("HALF_");
                    assert err.compareTo(nearest ? new BigDecimal("0.5") : BigDecimal.ONE) <= 0;
                }
            }
        }
    }

    @Test
    void overflowByHand() {
        // p=1,q=1: codes -4..3 (two's), -3..3 (symmetric), n = 3 bits, modulus 8
        assertEquals(3, RhoOracle.overflow(BigInteger.valueOf(9), 1, 1, true, false));
        assertEquals(-4, RhoOracle.overflow(BigInteger.valueOf(-9), 1, 1, true, false));
        assertEquals(-3, RhoOracle.overflow(BigInteger.valueOf(-9), 1, 1, false, false));
        assertEquals(-4, RhoOracle.overflow(BigInteger.valueOf(4), 1, 1, true, true));
        assertEquals(1, RhoOracle.overflow(BigInteger.valueOf(9), 1, 1, true, true));
        assertEquals(3, RhoOracle.overflow(BigInteger.valueOf(-5), 1, 1, true, true));
        assertEquals(-4, RhoOracle.overflow(BigInteger.valueOf(-4), 1, 1, true, true));
        assertEquals(0, RhoOracle.overflow(BigInteger.valueOf(-16), 1, 1, true, true));
    }
}

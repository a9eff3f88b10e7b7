package dev.fxnet.arith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fxnet.oracle.RhoOracle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * FixedPointArithmetic against the independent {@link RhoOracle} (SPEC §1–3). Only the public API of the
 * code under test is called; every expected value comes from the oracle.
 */
class ArithmeticOracleTest {

    /** One arithmetic under test together with its description for the oracle. */
    private static final class Config {
        final int p, q;
        final boolean twos, wrap;
        final Rounding mode;
        final FixedPointArithmetic arith;

        Config(int p, int q, boolean twos, Rounding mode, boolean wrap) {
            this.p = p;
            this.q = q;
            this.twos = twos;
            this.wrap = wrap;
            this.mode = mode;
            FixedPointFormat f = FixedPointFormat.of(p, q, twos ? Encoding.TWOS_COMPLEMENT : Encoding.SYMMETRIC);
            this.arith = FixedPointArithmetic.of(f, mode, wrap ? Overflow.WRAP : Overflow.SATURATE);
        }

        long rho(BigInteger rounded) {
            return RhoOracle.overflow(rounded, p, q, twos, wrap);
        }

        @Override
        public String toString() {
            return "p=" + p + ",q=" + q + (twos ? ",TWOS" : ",SYM") + "," + mode + (wrap ? ",WRAP" : ",SAT");
        }
    }

    private static List<Config> configs(int p, int q, boolean twos) {
        List<Config> list = new ArrayList<>();
        for (Rounding mode : Rounding.values()) {
            list.add(new Config(p, q, twos, mode, false));
            if (twos) {
                list.add(new Config(p, q, twos, mode, true));
            }
        }
        return list;
    }

    @Test
    void codeRangeAndValues() {
        for (int p = 0; p <= 30; p++) {
            for (int q = 0; p + q <= 30; q++) {
                for (boolean twos : new boolean[] {false, true}) {
                    FixedPointFormat f = FixedPointFormat.of(p, q, twos ? Encoding.TWOS_COMPLEMENT : Encoding.SYMMETRIC);
                    long max = (1L << (p + q)) - 1; // SPEC §1 table, written out again
                    long min = twos ? -(1L << (p + q)) : -max;
                    assertEquals(max, f.maxCode(), f::toString);
                    assertEquals(min, f.minCode(), f::toString);
                    for (long k : new long[] {min, min + 1, -1, 0, 1, max - 1, max}) {
                        BigDecimal want = new BigDecimal(k).divide(new BigDecimal(BigInteger.ONE.shiftLeft(q)));
                        assertEquals(0, want.compareTo(f.value(k)), () -> f + " value(" + k + ")");
                    }
                }
            }
        }
    }

    @Test
    void symmetricWrapIsRefused() {
        for (int p = 0; p <= 4; p++) {
            for (int q = 0; q <= 4; q++) {
                FixedPointFormat f = FixedPointFormat.of(p, q, Encoding.SYMMETRIC);
                for (Rounding mode : Rounding.values()) {
                    assertThrows(IllegalArgumentException.class, () -> FixedPointArithmetic.of(f, mode, Overflow.WRAP));
                }
            }
        }
    }

    /**
     * Every pair of codes of every format with p+q <= 6, both encodings, nine modes, both overflows:
     * add and multiply. The exact product a*b*2^-2q is scaled to c = a*b/2^q and rounded by the oracle.
     */
    @Test
    void exhaustiveAddAndMultiplySmallFormats() {
        long compared = 0;
        for (int p = 0; p <= 6; p++) {
            for (int q = 0; p + q <= 6; q++) {
                for (boolean twos : new boolean[] {false, true}) {
                    List<Config> cs = configs(p, q, twos);
                    long min = RhoOracle.minCode(p, q, twos);
                    long max = RhoOracle.maxCode(p, q);
                    BigDecimal pow = RhoOracle.pow2neg(q);
                    for (long a = min; a <= max; a++) {
                        for (long b = min; b <= max; b++) {
                            BigInteger sum = BigInteger.valueOf(a + b); // (a+b)*2^-q scaled by 2^q: already an integer
                            BigDecimal prod = new BigDecimal(a * b).multiply(pow); // exact a*b/2^q
                            BigInteger[] roundedProd = new BigInteger[9];
                            for (Config c : cs) {
                                int m = c.mode.ordinal();
                                if (roundedProd[m] == null) {
                                    roundedProd[m] = RhoOracle.roundDecimal(prod, c.mode);
                                }
                                long wantAdd = c.rho(sum);
                                long gotAdd = c.arith.add(a, b);
                                long wantMul = c.rho(roundedProd[m]);
                                long gotMul = c.arith.multiply(a, b);
                                if (wantAdd != gotAdd || wantMul != gotMul) {
                                    fail(c + " a=" + a + " b=" + b + ": add want " + wantAdd + " got " + gotAdd
                                            + "; multiply want " + wantMul + " got " + gotMul);
                                }
                                compared += 2;
                            }
                        }
                    }
                }
            }
        }
        System.out.println("[oracle] exhaustive add/multiply comparisons: " + compared);
    }

    /** Fractions f of eps added to grid points: ties, near ties, thirds, tiny offsets. */
    private static final String[] FRACTIONS = {
        "0", "0.5", "0.25", "0.75", "0.3333333333333333333333333", "0.6666666666666666666666667",
        "1E-40", "0.9999999999999999999999999999999999999999",
        "0.4999999999999999999999999999999999999999", "0.5000000000000000000000000000000000000001",
    };

    @Test
    void roundOnAGridOfRealsSmallFormats() {
        long compared = 0;
        for (int p = 0; p <= 6; p++) {
            for (int q = 0; p + q <= 6; q++) {
                for (boolean twos : new boolean[] {false, true}) {
                    BigDecimal pow = RhoOracle.pow2neg(q);
                    long min = RhoOracle.minCode(p, q, twos);
                    long max = RhoOracle.maxCode(p, q);
                    for (Config c : configs(p, q, twos)) {
                        for (long m = min - 3; m <= max + 3; m++) {
                            for (String fs : FRACTIONS) {
                                for (int sign : new int[] {1, -1}) {
                                    BigDecimal cc = new BigDecimal(m).add(new BigDecimal(fs).multiply(BigDecimal.valueOf(sign)));
                                    BigDecimal x = cc.multiply(pow); // exact real x = c * 2^-q
                                    long want = c.rho(RhoOracle.roundDecimal(cc, c.mode));
                                    long got = c.arith.round(x);
                                    if (want != got) {
                                        fail(c + " round(" + x.toPlainString() + "): want " + want + " got " + got);
                                    }
                                    compared++;
                                }
                            }
                        }
                    }
                }
            }
        }
        System.out.println("[oracle] round(BigDecimal) grid comparisons: " + compared);
    }

    private static long randomCode(Random r, long min, long max) {
        switch (r.nextInt(8)) {
            case 0:
                return min + r.nextInt(3);
            case 1:
                return max - r.nextInt(3);
            case 2:
                return r.nextInt(5) - 2;
            default:
                return min + (long) Math.floor(r.nextDouble() * (max - min + 1));
        }
    }

    private static Config randomConfig(Random r) {
        int n = r.nextInt(31);
        if (r.nextInt(3) == 0) {
            n = 30 - r.nextInt(3);
        }
        int p = r.nextInt(n + 1);
        int q = n - p;
        boolean twos = r.nextBoolean();
        boolean wrap = twos && r.nextBoolean();
        return new Config(p, q, twos, Rounding.values()[r.nextInt(9)], wrap);
    }

    @Test
    void randomisedUpTo30Bits() {
        Random r = new Random(20261129L);
        int compared = 0;
        for (int iter = 0; iter < 3000; iter++) {
            Config c = randomConfig(r);
            long min = RhoOracle.minCode(c.p, c.q, c.twos);
            long max = RhoOracle.maxCode(c.p, c.q);
            for (int j = 0; j < 20; j++) {
                long a = randomCode(r, min, max);
                long b = randomCode(r, min, max);
                assertEquals(c.rho(BigInteger.valueOf(a).add(BigInteger.valueOf(b))), c.arith.add(a, b),
                        c + " add " + a + " " + b);
                BigInteger num = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
                BigDecimal prod = new BigDecimal(num).multiply(RhoOracle.pow2neg(c.q));
                assertEquals(c.rho(RhoOracle.roundDecimal(prod, c.mode)), c.arith.multiply(a, b),
                        c + " multiply " + a + " " + b);
                // the rational rounding as a second opinion on the same product
                assertEquals(c.rho(RhoOracle.roundRational(num, BigInteger.ONE.shiftLeft(c.q), c.mode)),
                        c.arith.multiply(a, b));
                // round() of an arbitrary real around the range (up to 4x beyond it)
                BigDecimal x = new BigDecimal(r.nextGaussian() * Math.scalb(1.0, c.p + 1)).add(
                        new BigDecimal(r.nextLong()).movePointLeft(19 + r.nextInt(40)));
                if (r.nextInt(4) == 0) { // an exact tie (a half-integer multiple of eps)
                    x = RhoOracle.value(2 * randomCode(r, min, max) + 1, c.q + 1);
                }
                BigDecimal cc = x.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(c.q)));
                assertEquals(c.rho(RhoOracle.roundDecimal(cc, c.mode)), c.arith.round(x), c + " round " + x);
                compared += 4;
            }
        }
        System.out.println("[oracle] randomised arithmetic comparisons: " + compared);
    }

    /** fusedSum = rho(b + sum w*y) with the exact sum: c = b + (sum w*y) / 2^q. */
    private static long fusedOracle(Config c, long bias, long[] w, long[] y, int count) {
        BigInteger acc = BigInteger.ZERO;
        for (int i = 0; i < count; i++) {
            acc = acc.add(BigInteger.valueOf(w[i]).multiply(BigInteger.valueOf(y[i])));
        }
        BigInteger num = BigInteger.valueOf(bias).shiftLeft(c.q).add(acc);
        return c.rho(RhoOracle.roundRational(num, BigInteger.ONE.shiftLeft(c.q), c.mode));
    }

    @Test
    void fusedSumRandomAndLongOverflowing() {
        Random r = new Random(77L);
        int compared = 0;
        for (int iter = 0; iter < 4000; iter++) {
            Config c = randomConfig(r);
            if (iter % 2 == 0) { // force the widest formats, where products are ~2^60
                int p = r.nextInt(31);
                boolean twos = r.nextBoolean();
                c = new Config(p, 30 - p, twos, Rounding.values()[r.nextInt(9)], twos && r.nextBoolean());
            }
            long min = RhoOracle.minCode(c.p, c.q, c.twos);
            long max = RhoOracle.maxCode(c.p, c.q);
            int len = iter % 5 == 0 ? 200 + r.nextInt(2000) : r.nextInt(12);
            long[] w = new long[len + 3];
            long[] y = new long[len + 3];
            int mode = r.nextInt(3);
            for (int i = 0; i < w.length; i++) {
                if (mode == 0) { // all products +2^60-ish: the long sum overflows after 8 terms
                    w[i] = max;
                    y[i] = max;
                } else if (mode == 1) { // alternating huge products: exact cancellation matters
                    w[i] = i % 2 == 0 ? max : min;
                    y[i] = i % 3 == 0 ? min : max;
                } else {
                    w[i] = randomCode(r, min, max);
                    y[i] = randomCode(r, min, max);
                }
            }
            // entries beyond count must be ignored
            w[len] = w[len + 1] = w[len + 2] = max;
            y[len] = y[len + 1] = y[len + 2] = max;
            long bias = randomCode(r, min, max);
            long want = fusedOracle(c, bias, w, y, len);
            long got = c.arith.fusedSum(bias, w, y, len);
            assertEquals(want, got, c + " fusedSum len=" + len + " bias=" + bias + " kind=" + mode);
            compared++;
        }
        // a hand-checkable case: p=0,q=30, 16 products (2^30-1)^2 = 2^60 - 2^31 + 1 each, sum exceeds 2^63;
        // value = 16*(2^30-1)^2 / 2^30 ~ 2^34, far above M < 1: SATURATE gives max, and WRAP gives a
        // residue we compute from c = floor(16*(2^60-2^31+1)/2^30) = 16*2^30 - 32 + floor(16/2^30) = 2^34 - 32.
        long max = (1L << 30) - 1;
        long[] w = new long[16];
        long[] y = new long[16];
        java.util.Arrays.fill(w, max);
        java.util.Arrays.fill(y, max);
        FixedPointFormat f = FixedPointFormat.of(0, 30, Encoding.TWOS_COMPLEMENT);
        assertEquals(max, FixedPointArithmetic.of(f, Rounding.FLOOR, Overflow.SATURATE).fusedSum(0, w, y, 16));
        // (2^34 - 32) mod 2^31 = 2^31 - 32, which as a residue in [-2^30, 2^30) is -32
        assertEquals(-32, FixedPointArithmetic.of(f, Rounding.FLOOR, Overflow.WRAP).fusedSum(0, w, y, 16));
        // CEILING: 16/2^30 > 0 so c = 2^34 - 31 -> -31
        assertEquals(-31, FixedPointArithmetic.of(f, Rounding.CEILING, Overflow.WRAP).fusedSum(0, w, y, 16));
        System.out.println("[oracle] fusedSum comparisons: " + (compared + 3));
    }

    @Test
    void smallHandCases() {
        // p=2,q=1 symmetric (SPEC §5 example format): codes -7..7, eps = 1/2
        FixedPointFormat f = FixedPointFormat.of(2, 1, Encoding.SYMMETRIC);
        FixedPointArithmetic he = FixedPointArithmetic.of(f, Rounding.HALF_EVEN, Overflow.SATURATE);
        // 1.5 * 1.5 = 2.25 -> c = 4.5 -> HALF_EVEN 4 (2.0)
        assertEquals(4, he.multiply(3, 3));
        // 2.5 * 1.5 = 3.75 -> c = 7.5 -> 8 -> saturates to 7
        assertEquals(7, he.multiply(5, 3));
        // -1.5 * 1.5 = -2.25 -> c = -4.5 -> HALF_EVEN -4, HALF_UP -5, HALF_CEILING -4, HALF_FLOOR -5
        assertEquals(-4, he.multiply(-3, 3));
        assertEquals(-5, FixedPointArithmetic.of(f, Rounding.HALF_UP, Overflow.SATURATE).multiply(-3, 3));
        assertEquals(-4, FixedPointArithmetic.of(f, Rounding.HALF_CEILING, Overflow.SATURATE).multiply(-3, 3));
        assertEquals(-5, FixedPointArithmetic.of(f, Rounding.HALF_FLOOR, Overflow.SATURATE).multiply(-3, 3));
        assertEquals(-4, FixedPointArithmetic.of(f, Rounding.HALF_DOWN, Overflow.SATURATE).multiply(-3, 3));
        // 0.5 * 0.5 = 0.25 -> c = 0.5: HALF_EVEN 0, HALF_UP 1, UP 1, DOWN 0, CEILING 1, FLOOR 0
        assertEquals(0, he.multiply(1, 1));
        assertEquals(1, FixedPointArithmetic.of(f, Rounding.UP, Overflow.SATURATE).multiply(1, 1));
        assertEquals(-1, FixedPointArithmetic.of(f, Rounding.UP, Overflow.SATURATE).multiply(-1, 1));
        assertEquals(0, FixedPointArithmetic.of(f, Rounding.CEILING, Overflow.SATURATE).multiply(-1, 1));
        assertEquals(-7, he.add(-5, -5));
        // two's complement p=2,q=1: codes -8..7, n = 4 bits; 3.5 + 0.5 = 4 -> c = 8 -> WRAP -8
        FixedPointFormat t = FixedPointFormat.of(2, 1, Encoding.TWOS_COMPLEMENT);
        assertEquals(-8, FixedPointArithmetic.of(t, Rounding.HALF_EVEN, Overflow.WRAP).add(7, 1));
        assertEquals(7, FixedPointArithmetic.of(t, Rounding.HALF_EVEN, Overflow.SATURATE).add(7, 1));
        assertEquals(-8, FixedPointArithmetic.of(t, Rounding.HALF_EVEN, Overflow.SATURATE).add(-8, -1));
        // -4 * -4 = 16 -> c = 32 -> 32 mod 16 = 0
        assertEquals(0, FixedPointArithmetic.of(t, Rounding.HALF_EVEN, Overflow.WRAP).multiply(-8, -8));
    }
}

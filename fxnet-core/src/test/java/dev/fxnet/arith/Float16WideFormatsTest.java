package dev.fxnet.arith;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.upokecenter.numbers.EFloat;
import dev.fxnet.oracle.EFloatOracle;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The 16-bit formats, where pairs are too many for an exhaustive check: binary16 {@code HALF_EVEN}
 * conversions against a bit-level double-to-half converter written here (Java 17 has no
 * {@code Float.floatToFloat16}; the converter is the classic guard/sticky algorithm), and random pairs of
 * binary16 and bfloat16 in every mode and policy against peteroupc EFloat.
 */
class Float16WideFormatsTest {
    private static final FloatFormat HALF = FloatFormat.parse("binary16");

    /**
     * IEEE 754 binary16 bits of a finite double, round to nearest even, overflow to infinity: the
     * significand is shifted to 11 bits (fewer below 2^-14), the dropped bits decide with the guard bit and
     * the sticky bits, and a carry runs into the exponent field (up to the infinity pattern 0x7C00).
     */
    static int toHalfBits(double d) {
        long bits = Double.doubleToRawLongBits(d);
        int sign = (int) (bits >>> 63) << 15;
        int exp = (int) ((bits >>> 52) & 0x7FF);
        long sig = bits & 0xFFFFFFFFFFFFFL;
        if (exp == 0 && sig == 0) {
            return 0; // zero is written +0
        }
        int e = exp == 0 ? -1022 : exp - 1023;
        if (exp != 0) {
            sig |= 1L << 52;
        }
        if (e > 15) {
            return sign | 0x7C00;
        }
        int shift = e >= -14 ? 42 : 42 + (-14 - e);
        long kept;
        boolean guard;
        boolean sticky;
        if (shift >= 64) {
            kept = 0;
            guard = false;
            sticky = true;
        } else {
            kept = sig >>> shift;
            guard = ((sig >>> (shift - 1)) & 1) != 0;
            sticky = (sig & ((1L << (shift - 1)) - 1)) != 0;
        }
        if (guard && (sticky || (kept & 1) != 0)) {
            kept++;
        }
        int result = e >= -14 ? (int) (((long) (e + 15) << 10) + kept - 1024) : (int) kept;
        if (result >= 0x7C00) {
            result = 0x7C00;
        }
        return result == 0 ? 0 : sign | result;
    }

    @Test
    void converterSelfCheck() {
        assertEquals(0x3C00, toHalfBits(1.0));
        assertEquals(0x7BFF, toHalfBits(65504.0));
        assertEquals(0x7BFF, toHalfBits(65519.99));
        assertEquals(0x7C00, toHalfBits(65520.0)); // the tie above 65504 goes to the even 2^16: infinity
        assertEquals(0x0001, toHalfBits(Math.scalb(1.0, -24)));
        assertEquals(0x0000, toHalfBits(Math.scalb(1.0, -25))); // tie with 0: even
        assertEquals(0x0001, toHalfBits(Math.scalb(1.5, -25)));
        assertEquals(0xC000, toHalfBits(-2.0));
        assertEquals(0x3555, toHalfBits(1.0 / 3));
    }

    @Test
    void binary16HalfEvenConversionsAgreeWithBitLevelConverter() {
        FloatArithmetic a = FloatArithmetic.of(HALF, Rounding.HALF_EVEN, FloatOverflow.INF);
        Random rnd = new Random(16);
        for (int i = 0; i < 120_000; i++) {
            double d;
            if (i % 3 == 0) { // random bits in and around the binary16 range
                d = Math.scalb(1 + rnd.nextDouble(), rnd.nextInt(50) - 32) * (rnd.nextBoolean() ? 1 : -1);
            } else if (i % 3 == 1) { // near ties: a half value plus or minus a tiny amount
                long c = rnd.nextInt((int) (2 * HALF.maxCode() + 1)) - HALF.maxCode();
                double v = HALF.doubleValue(c);
                double next = HALF.doubleValue(Math.min(c + 1, HALF.maxCode()));
                double mid = (v + next) / 2; // exact in double
                d = mid + (rnd.nextInt(3) - 1) * Math.ulp(mid);
            } else { // every float32 bit pattern is fair game
                float f = Float.intBitsToFloat(rnd.nextInt());
                if (Float.isNaN(f) || Float.isInfinite(f)) {
                    continue;
                }
                d = f;
            }
            int want = toHalfBits(d);
            assertEquals(want, HALF.bits(a.round(new BigDecimal(d))), () -> "rho(" + d + ")");
            assertEquals(want, HALF.bits(a.roundDouble(d)), () -> "roundDouble(" + d + ")");
        }
    }

    @Test
    void binary16RandomPairsHalfEven() {
        FloatArithmetic a = FloatArithmetic.of(HALF, Rounding.HALF_EVEN, FloatOverflow.INF);
        Random rnd = new Random(17);
        for (int i = 0; i < 300_000; i++) {
            long x = rnd.nextInt((int) (2 * HALF.maxCode() + 1)) - HALF.maxCode();
            long y = rnd.nextInt((int) (2 * HALF.maxCode() + 1)) - HALF.maxCode();
            double vx = HALF.doubleValue(x);
            double vy = HALF.doubleValue(y);
            // both exact in double: products have <= 22 significant bits, sums <= 41
            assertEquals(toHalfBits(vx * vy), HALF.bits(a.multiply(x, y)), () -> vx + " * " + vy);
            assertEquals(toHalfBits(vx + vy), HALF.bits(a.add(x, y)), () -> vx + " + " + vy);
        }
    }

    @Test
    void randomPairsOfSixteenBitFormatsInEveryModeAgainstEFloat() {
        Random rnd = new Random(18);
        for (String name : new String[] {"binary16", "bfloat16", "float(6,9,specials=FN)", "float(4,11,specials=FINITE)"}) {
            FloatFormat f = FloatFormat.parse(name);
            EFloatOracle o = new EFloatOracle(f.exponentBits(), f.mantissaBits(), f.bias(), f.specials().name());
            for (FloatOverflow pol : FloatOverflow.values()) {
                if (!(pol == FloatOverflow.SATFINITE || (pol == FloatOverflow.INF && f.hasInfinity())
                        || (pol == FloatOverflow.NAN && f.specials() == FloatFormat.Specials.FN))) {
                    continue;
                }
                for (Rounding r : Rounding.values()) {
                    FloatArithmetic a = FloatArithmetic.of(f, r, pol);
                    for (int i = 0; i < 1500; i++) {
                        long x = randomCode(rnd, f);
                        long y = randomCode(rnd, f);
                        EFloat ex = o.decode(f.bits(x)).value;
                        EFloat ey = o.decode(f.bits(y)).value;
                        assertEquals(o.round(ex.Add(ey), r.name(), pol.name()), o.decode(f.bits(a.add(x, y))),
                                () -> a + ": " + ex + " + " + ey);
                        assertEquals(o.round(ex.Multiply(ey), r.name(), pol.name()), o.decode(f.bits(a.multiply(x, y))),
                                () -> a + ": " + ex + " * " + ey);
                    }
                }
            }
        }
    }

    @Test
    void fusedSumsOfSixteenBitFormatsAgainstEFloat() {
        Random rnd = new Random(19);
        for (String name : new String[] {"binary16", "bfloat16"}) {
            FloatFormat f = FloatFormat.parse(name);
            EFloatOracle o = new EFloatOracle(f.exponentBits(), f.mantissaBits(), f.bias(), f.specials().name());
            for (Rounding r : Rounding.values()) {
                FloatArithmetic a = FloatArithmetic.of(f, r, FloatOverflow.INF);
                for (int trial = 0; trial < 300; trial++) {
                    int count = 1 + rnd.nextInt(8);
                    long[] w = new long[count];
                    long[] y = new long[count];
                    long bias = randomCode(rnd, f);
                    EFloat exact = o.decode(f.bits(bias)).value;
                    for (int i = 0; i < count; i++) {
                        w[i] = rnd.nextInt(3) == 0 ? randomCode(rnd, f) : rnd.nextInt(2 * 15360 + 1) - 15360; // |w| <= 1 mostly
                        y[i] = randomCode(rnd, f);
                        exact = exact.Add(o.decode(f.bits(w[i])).value.Multiply(o.decode(f.bits(y[i])).value));
                    }
                    assertEquals(o.round(exact, r.name(), "INF"), o.decode(f.bits(a.fusedSum(bias, w, y, count))), a + "");
                }
            }
        }
    }

    /**
     * Sums whose double result is inexact (exponents more than 53 apart, only in bfloat16): powers of two
     * and values with a few significand bits plus much smaller values of either sign, where the exact sum
     * lies just beside a grid point, a midpoint or a binade boundary.
     */
    @Test
    void bfloat16SumsOfFarApartValuesAgainstEFloat() {
        FloatFormat f = FloatFormat.parse("bfloat16");
        EFloatOracle o = new EFloatOracle(8, 7, 127, "IEEE");
        Random rnd = new Random(20);
        for (Rounding r : Rounding.values()) {
            FloatArithmetic a = FloatArithmetic.of(f, r, FloatOverflow.INF);
            for (int i = 0; i < 2500; i++) {
                int bigExp = 60 + rnd.nextInt(195); // biased exponent of the large operand
                int t = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(4) == 0 ? 0x40 : rnd.nextInt(128); // 1, 1.5, random
                int bigBits = (bigExp << 7) | t;
                int smallExp = Math.max(0, bigExp - 54 - rnd.nextInt(60));
                int smallBits = (smallExp << 7) | rnd.nextInt(128);
                long x = f.codeOfBits(rnd.nextBoolean() ? bigBits : bigBits | 0x8000);
                long y = f.codeOfBits(rnd.nextBoolean() ? smallBits : smallBits | 0x8000);
                EFloat ex = o.decode(f.bits(x)).value;
                EFloat ey = o.decode(f.bits(y)).value;
                assertEquals(o.round(ex.Add(ey), r.name(), "INF"), o.decode(f.bits(a.add(x, y))), () -> a + ": " + ex + " + " + ey);
                assertEquals(o.round(ey.Add(ex), r.name(), "INF"), o.decode(f.bits(a.add(y, x))), () -> a + ": " + ey + " + " + ex);
            }
        }
    }

    /** Uniform codes half of the time; otherwise codes near the ends and near zero, where the edge cases are. */
    private static long randomCode(Random rnd, FloatFormat f) {
        long n = f.maxCode();
        long c;
        switch (rnd.nextInt(4)) {
            case 0:
                c = rnd.nextInt(64); // zero and subnormals
                break;
            case 1:
                c = n - rnd.nextInt(64); // near Omega
                break;
            default:
                c = rnd.nextInt((int) n + 1);
        }
        return rnd.nextBoolean() ? c : -c;
    }
}

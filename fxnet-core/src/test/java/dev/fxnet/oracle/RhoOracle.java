package dev.fxnet.oracle;

import dev.fxnet.arith.Rounding;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An independent oracle for {@code rho} of SPEC §2, written from the SPEC text alone and sharing
 * no code with {@code src/main}. Only the <em>names</em> of the production enum {@link Rounding}
 * are used as keys; every decision is made here.
 *
 * <p>Two independent roundings are provided and are cross-checked by {@code RhoOracleSelfTest}:
 * <ul>
 *   <li>{@link #roundDecimal}: an exact {@link BigDecimal}; the seven Java modes delegate to the JDK's
 *       {@link BigDecimal#setScale(int, RoundingMode)} (SPEC: "exactly Java's meanings"), and the two
 *       extra modes are written from their definitions: {@code HALF_CEILING(c) = floor(c + 1/2)},
 *       {@code HALF_FLOOR(c) = ceil(c - 1/2)};</li>
 *   <li>{@link #roundRational}: an exact rational {@code num/den}, by floor division and a comparison
 *       of twice the remainder with the denominator, each mode spelt out case by case.</li>
 * </ul>
 */
public final class RhoOracle {
    private RhoOracle() {
    }

    private static final BigDecimal HALF = new BigDecimal("0.5");

    /** The code range of SPEC §1: {@code [min, max]}. */
    public static long maxCode(int p, int q) {
        return (1L << (p + q)) - 1;
    }

    public static long minCode(int p, int q, boolean twos) {
        return twos ? -(1L << (p + q)) : -((1L << (p + q)) - 1);
    }

    /** {@code 2^-q} as an exact decimal: {@code 5^q * 10^-q}. */
    public static BigDecimal pow2neg(int q) {
        return new BigDecimal(BigInteger.valueOf(5).pow(q), q);
    }

    /** The exact value {@code k * 2^-q}. */
    public static BigDecimal value(long k, int q) {
        return new BigDecimal(BigInteger.valueOf(k).multiply(BigInteger.valueOf(5).pow(q)), q);
    }

    /** Rounds the exact decimal {@code c} to an integer in {@code mode}. */
    public static BigInteger roundDecimal(BigDecimal c, Rounding mode) {
        switch (mode.name()) {
            case "HALF_CEILING":
                return c.add(HALF).setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
            case "HALF_FLOOR":
                return c.subtract(HALF).setScale(0, RoundingMode.CEILING).toBigIntegerExact();
            default:
                return c.setScale(0, RoundingMode.valueOf(mode.name())).toBigIntegerExact();
        }
    }

    /** Rounds the exact rational {@code num/den} to an integer in {@code mode}. */
    public static BigInteger roundRational(BigInteger num, BigInteger den, Rounding mode) {
        if (den.signum() == 0) {
            throw new ArithmeticException("zero denominator");
        }
        if (den.signum() < 0) {
            num = num.negate();
            den = den.negate();
        }
        BigInteger[] qr = num.divideAndRemainder(den); // truncating
        BigInteger fl = qr[0];
        BigInteger r = qr[1];
        if (r.signum() < 0) { // make r in [0, den)
            fl = fl.subtract(BigInteger.ONE);
            r = r.add(den);
        }
        if (r.signum() == 0) {
            return fl; // exact: every mode returns the integer itself
        }
        BigInteger ce = fl.add(BigInteger.ONE);
        int half = r.shiftLeft(1).compareTo(den); // sign of (frac - 1/2)
        boolean positive = fl.signum() >= 0; // value in (fl, fl+1) with fl >= 0  <=>  value > 0
        switch (mode.name()) {
            case "FLOOR":
                return fl;
            case "CEILING":
                return ce;
            case "DOWN":
                return positive ? fl : ce;
            case "UP":
                return positive ? ce : fl;
            default:
                break;
        }
        if (half < 0) {
            return fl;
        }
        if (half > 0) {
            return ce;
        }
        switch (mode.name()) { // exact tie at fl + 1/2
            case "HALF_EVEN":
                return fl.testBit(0) ? ce : fl;
            case "HALF_UP":
                return positive ? ce : fl;
            case "HALF_DOWN":
                return positive ? fl : ce;
            case "HALF_CEILING":
                return ce;
            case "HALF_FLOOR":
                return fl;
            default:
                throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    /** Overflow handling of SPEC §2 applied to an already rounded integer {@code c}. */
    public static long overflow(BigInteger c, int p, int q, boolean twos, boolean wrap) {
        BigInteger lo = BigInteger.valueOf(minCode(p, q, twos));
        BigInteger hi = BigInteger.valueOf(maxCode(p, q));
        if (wrap) {
            if (!twos) {
                throw new IllegalArgumentException("WRAP needs two's complement");
            }
            BigInteger mod = BigInteger.ONE.shiftLeft(1 + p + q); // 2^n
            return c.subtract(lo).mod(mod).add(lo).longValueExact();
        }
        if (c.compareTo(lo) < 0) {
            return lo.longValueExact();
        }
        if (c.compareTo(hi) > 0) {
            return hi.longValueExact();
        }
        return c.longValueExact();
    }

    /** {@link #overflow(BigInteger, int, int, boolean, boolean)} on a long, for hot loops. */
    public static long overflow(long c, int p, int q, boolean twos, boolean wrap) {
        long lo = minCode(p, q, twos);
        long hi = maxCode(p, q);
        if (wrap) {
            if (!twos) {
                throw new IllegalArgumentException("WRAP needs two's complement");
            }
            return Math.floorMod(c - lo, 1L << (1 + p + q)) + lo;
        }
        return Math.max(lo, Math.min(hi, c));
    }

    /** {@code rho(x)}: scale by {@code 2^q}, round in {@code mode}, then handle overflow. */
    public static long rho(BigDecimal x, int p, int q, boolean twos, Rounding mode, boolean wrap) {
        BigDecimal c = x.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(q)));
        return overflow(roundDecimal(c, mode), p, q, twos, wrap);
    }

    /** {@code rho(num / 2^s)} for an exact dyadic rational, by the rational rounding. */
    public static long rhoDyadic(BigInteger num, int s, int p, int q, boolean twos, Rounding mode, boolean wrap) {
        // c = num * 2^-s * 2^q
        BigInteger n = num;
        BigInteger d = BigInteger.ONE;
        if (q >= s) {
            n = n.shiftLeft(q - s);
        } else {
            d = d.shiftLeft(s - q);
        }
        return overflow(roundRational(n, d, mode), p, q, twos, wrap);
    }
}

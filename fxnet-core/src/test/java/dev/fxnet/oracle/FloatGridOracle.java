package dev.fxnet.oracle;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A brute-force model of SPEC §8's floating-point rounding, written from the SPEC alone: it lists every
 * positive finite value of a format by decoding each bit pattern with the SPEC's formulas, extends the
 * list upward with the same binade structure (the values an unbounded exponent would add, used to find
 * where a value beyond {@code Omega} rounds before overflow), and rounds a real by locating its two
 * neighbours with a binary search and choosing between them by the mode's definition. Modes and
 * policies are strings so that nothing of fxnet is used.
 *
 * <p>Results are signed ranks ({@code 0} = zero, {@code +-k} = the k-th positive value), with
 * {@code +-(N+1)} for infinities and {@code N+2} for NaN, as SPEC §8's design numbers them.
 */
public final class FloatGridOracle {
    public final int e;
    public final int m;
    public final int bias;
    public final String specials;
    /** Positive finite values in increasing order; index i-1 holds rank i. */
    public final BigDecimal[] positives;
    /** positives followed by values beyond Omega (unbounded exponent), up to 2^(emax + 3). */
    private final BigDecimal[] extended;
    public final int n;

    public FloatGridOracle(int e, int m, int bias, String specials) {
        this.e = e;
        this.m = m;
        this.bias = bias;
        this.specials = specials;
        List<BigDecimal> pos = new ArrayList<>();
        for (int b = 0; b < (1 << e); b++) {
            for (int t = 0; t < (1 << m); t++) {
                if (b == 0 && t == 0) {
                    continue;
                }
                boolean top = b == (1 << e) - 1;
                if (top && specials.equals("IEEE")) {
                    continue;
                }
                if (top && specials.equals("FN") && t == (1 << m) - 1) {
                    continue;
                }
                pos.add(decode(b, t));
            }
        }
        positives = pos.toArray(new BigDecimal[0]);
        n = positives.length;
        for (int i = 1; i < n; i++) {
            if (positives[i].compareTo(positives[i - 1]) <= 0) {
                throw new AssertionError("decoded values not increasing");
            }
        }
        // continue beyond Omega: the grid of binade floor(log2 Omega) and the next binades, step 2^(E-m)
        List<BigDecimal> ext = new ArrayList<>(pos);
        BigDecimal omega = positives[n - 1];
        int eTop = floorLog2(omega);
        BigDecimal v = omega;
        for (int eb = eTop; eb <= eTop + 3; eb++) {
            BigDecimal step = pow2(eb - m);
            BigDecimal end = pow2(eb + 1);
            while (true) {
                BigDecimal next = v.add(step);
                if (next.compareTo(end) > 0) {
                    break;
                }
                ext.add(next);
                v = next;
            }
        }
        extended = ext.toArray(new BigDecimal[0]);
    }

    private BigDecimal decode(int b, int t) {
        if (b == 0) {
            return BigDecimal.valueOf(t).multiply(pow2(1 - bias - m));
        }
        return BigDecimal.valueOf((1L << m) + t).multiply(pow2(b - bias - m));
    }

    public static BigDecimal pow2(int k) {
        return k >= 0 ? new BigDecimal(java.math.BigInteger.ONE.shiftLeft(k))
                : BigDecimal.ONE.divide(new BigDecimal(java.math.BigInteger.ONE.shiftLeft(-k)));
    }

    static int floorLog2(BigDecimal v) {
        int k = (int) Math.floor(Math.log(v.doubleValue()) / Math.log(2)) - 2;
        while (pow2(k + 1).compareTo(v) <= 0) {
            k++;
        }
        while (pow2(k).compareTo(v) > 0) {
            k--;
        }
        return k;
    }

    /** The value of a signed rank (finite). */
    public BigDecimal value(long rank) {
        if (rank == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal v = positives[(int) Math.abs(rank) - 1];
        return rank < 0 ? v.negate() : v;
    }

    /** rho of the exact real v in {@code mode} (a SPEC §2 name) with {@code policy} SATFINITE|INF|NAN. */
    public long round(BigDecimal v, String mode, String policy) {
        int sign = v.signum();
        if (sign == 0) {
            return 0;
        }
        BigDecimal a = v.abs();
        boolean negative = sign < 0;
        // neighbours among 0 and the extended positives
        int idx = Arrays.binarySearch(extended, a, BigDecimal::compareTo);
        long mag;
        if (idx >= 0) {
            mag = idx + 1;
        } else {
            int ins = -idx - 1; // extended[ins - 1] < a < extended[ins]
            if (ins >= extended.length) {
                return overflow(negative, mode, policy);
            }
            long loRank = ins; // rank of lower neighbour (0 = zero)
            BigDecimal lo = ins == 0 ? BigDecimal.ZERO : extended[ins - 1];
            BigDecimal hi = extended[ins];
            boolean up = chooseHigherMagnitude(a, lo, hi, negative, mode);
            mag = up ? loRank + 1 : loRank;
        }
        if (mag > n) {
            return overflow(negative, mode, policy);
        }
        return negative ? -mag : mag;
    }

    /** Between magnitudes lo < |v| < hi: whether the result's magnitude is hi. */
    private boolean chooseHigherMagnitude(BigDecimal a, BigDecimal lo, BigDecimal hi, boolean negative, String mode) {
        switch (mode) {
            case "UP":
                return true;
            case "DOWN":
                return false;
            case "CEILING":
                return !negative;
            case "FLOOR":
                return negative;
            default:
                break;
        }
        int c = a.subtract(lo).compareTo(hi.subtract(a));
        if (c != 0) {
            return c > 0;
        }
        switch (mode) {
            case "HALF_UP":
                return true;
            case "HALF_DOWN":
                return false;
            case "HALF_CEILING":
                return !negative;
            case "HALF_FLOOR":
                return negative;
            case "HALF_EVEN":
                return isOddMultiple(lo, a);
            default:
                throw new IllegalArgumentException(mode);
        }
    }

    /** Whether lo / u is odd, u the spacing of |v|'s binade (max(floor(log2|v|), emin) - m). */
    private boolean isOddMultiple(BigDecimal lo, BigDecimal a) {
        int eb = Math.max(floorLog2(a), 1 - bias);
        BigDecimal k = lo.divide(pow2(eb - m), MathContext.UNLIMITED);
        return k.toBigIntegerExact().testBit(0);
    }

    private long overflow(boolean negative, String mode, String policy) {
        boolean far = mode.startsWith("HALF_") || mode.equals("UP") || (mode.equals("CEILING") && !negative)
                || (mode.equals("FLOOR") && negative);
        if (policy.equals("SATFINITE") || !far) {
            return negative ? -n : n;
        }
        if (policy.equals("INF")) {
            return negative ? -(n + 1) : n + 1;
        }
        return n + 2;
    }
}

package dev.fxnet.compare;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Test oracle: the finite values of a format enumerated from their definitions alone, sharing no code
 * with the arithmetic package. Floats: every bit pattern of {@code 1 + e + m} bits decoded as SPEC §8
 * says (sign, biased exponent B, trailing T; B = 0 subnormal {@code T 2^(1 - bias - m)}, else
 * {@code (2^m + T) 2^(B - bias - m)}; the top exponent reserved for inf/NaN under IEEE, only its all-ones
 * T for NaN under FN, nothing under FINITE; -0 is 0). Fixed point: codes {@code k 2^-q} over the
 * encoding's range (SPEC §1). Each value carries the parity of its encoding's last bit (T's lowest bit, or
 * the code's), which is what ties-to-even looks at.
 */
final class SpecValues {
    /** A value and whether its encoding's last bit is 0. */
    record Value(BigDecimal value, boolean even) {
    }

    private SpecValues() {
    }

    static BigDecimal pow2(int k) {
        return k >= 0 ? new BigDecimal(BigInteger.ONE.shiftLeft(k)) : BigDecimal.ONE.divide(new BigDecimal(
                BigInteger.ONE.shiftLeft(-k)));
    }

    /** The finite values of float(e, m, bias, specials), increasing, each once. */
    static List<Value> floats(int e, int m, int bias, String specials) {
        TreeMap<BigDecimal, Boolean> vals = new TreeMap<>();
        int topB = (1 << e) - 1;
        int allT = (1 << m) - 1;
        for (int bits = 0; bits < 1 << (1 + e + m); bits++) {
            int s = bits >> (e + m);
            int b = (bits >> m) & topB;
            int t = bits & allT;
            if (specials.equals("IEEE") && b == topB || specials.equals("FN") && b == topB && t == allT) {
                continue;
            }
            BigDecimal v = b == 0 ? BigDecimal.valueOf(t).multiply(pow2(1 - bias - m))
                    : BigDecimal.valueOf((1L << m) + t).multiply(pow2(b - bias - m));
            v = (s == 1 ? v.negate() : v).stripTrailingZeros();
            vals.put(v.signum() == 0 ? BigDecimal.ZERO : v, (t & 1) == 0);
        }
        List<Value> out = new ArrayList<>();
        vals.forEach((v, even) -> out.add(new Value(v, even)));
        return out;
    }

    /** The values of a fixed-point format p, q (two's complement or symmetric), increasing. */
    static List<Value> fixed(int p, int q, boolean twos) {
        long max = (1L << (p + q)) - 1;
        long min = twos ? -(1L << (p + q)) : -max;
        List<Value> out = new ArrayList<>();
        for (long k = min; k <= max; k++) {
            out.add(new Value(BigDecimal.valueOf(k).multiply(pow2(-q)).stripTrailingZeros(), (k & 1) == 0));
        }
        return out;
    }

    /**
     * rho(v) by brute force: the nearest value, ties to the even one; beyond the ends the end value
     * (SATURATE, SATFINITE: every excess rounds to the largest magnitude).
     */
    static BigDecimal roundHalfEven(List<Value> vals, BigDecimal v) {
        Value best = null;
        BigDecimal bestDist = null;
        for (Value c : vals) {
            BigDecimal d = c.value().subtract(v).abs();
            int cmp = bestDist == null ? -1 : d.compareTo(bestDist);
            if (cmp < 0 || cmp == 0 && c.even()) {
                best = c;
                bestDist = d;
            }
        }
        return best.value();
    }
}

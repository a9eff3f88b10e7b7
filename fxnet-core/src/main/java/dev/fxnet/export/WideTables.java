package dev.fxnet.export;

import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The tables with which the exports compute a WIDE sum of a float format of at most 8 bits
 * exactly: values as integers, the exact sum as an int64 multiple of {@code 2^unitExp}, and the
 * step function {@code S -> rho(S * 2^unitExp)} on the integers computed by the arithmetic itself.
 *
 * <p>Every finite value is an integer multiple of {@code 2^s}, {@code s = emin - m} (the smallest
 * spacing); a product of two is a multiple of {@code 2^(2s)}; the sum's unit is
 * {@code 2^min(s, 2s)}. {@code rho} is constant between consecutive rounding boundaries (finite
 * values, midpoints of neighbours, and beyond {@code +-Omega} the next grid point and one more, past
 * which everything overflows alike), so on the integers it can change only at a boundary b and b + 1
 * (b an integer) or at ceil(b): the result at each such integer, and below the first, is the whole
 * function. Patterns index every table: {@code a * P + b} for a weight a and an input b.
 *
 * @param unitExp the sum's unit exponent
 * @param stepAt the integers where the result can change, increasing
 * @param stepResult {@code stepResult[i + 1]} is the pattern of rho from {@code stepAt[i]} on,
 *     {@code stepResult[0]} below {@code stepAt[0]}; so the index is the number of steps at or below
 * @param product a finite weight times a finite input in sum units (0 where either is special)
 * @param biasValue a finite pattern's value in sum units
 * @param nanTerm 1 where the term is NaN (input NaN, or zero weight times infinity)
 * @param posInfTerm 1 where the term is +inf
 * @param negInfTerm 1 where the term is -inf
 */
record WideTables(int unitExp, long[] stepAt, long[] stepResult, long[] product, long[] biasValue,
        long[] nanTerm, long[] posInfTerm, long[] negInfTerm, long posInf, long negInf, long nan) {

    static WideTables of(FloatArithmetic ar) {
        FloatFormat f = ar.format();
        int s = f.emin() - f.mantissaBits();
        int u = Math.min(s, 2 * s);
        int p = 1 << f.totalBits();
        long[] val = new long[p];
        int[] kind = new int[p]; // 0 finite, 1 +inf, 2 -inf, 3 NaN
        for (int b = 0; b < p; b++) {
            long z = f.codeOfBits(b);
            if (ar.isFinite(z)) {
                val[b] = scaled(f.value(z), s).longValueExact();
            } else {
                kind[b] = z == f.nanCode() ? 3 : z > 0 ? 1 : 2;
            }
        }
        long scaleProd = 1L << Math.max(s, 0);
        long scaleBias = 1L << Math.max(-s, 0);
        long[] product = new long[p * p];
        long[] nanT = new long[p * p];
        long[] pos = new long[p * p];
        long[] neg = new long[p * p];
        long[] bias = new long[p];
        for (int a = 0; a < p; a++) {
            bias[a] = kind[a] == 0 ? val[a] * scaleBias : 0;
            for (int b = 0; b < p; b++) {
                int i = a * p + b;
                if (kind[a] != 0) {
                    continue; // weights are finite
                }
                if (kind[b] == 0) {
                    product[i] = val[a] * val[b] * scaleProd; // within int64: checked by the export
                } else if (kind[b] == 3 || val[a] == 0) {
                    nanT[i] = 1;
                } else if ((kind[b] == 1) == (val[a] > 0)) {
                    pos[i] = 1;
                } else {
                    neg[i] = 1;
                }
            }
        }
        List<long[]> steps = steps(ar, u);
        long[] at = new long[steps.size()];
        long[] res = new long[steps.size() + 1];
        res[0] = f.bits(roundScaled(ar, BigInteger.valueOf(steps.get(0)[0] - 1), u));
        for (int i = 0; i < at.length; i++) {
            at[i] = steps.get(i)[0];
            res[i + 1] = steps.get(i)[1];
        }
        long pi = f.hasInfinity() ? f.bits(f.positiveInfinityCode()) : 0;
        long ni = f.hasInfinity() ? f.bits(f.negativeInfinityCode()) : 0;
        long na = f.hasNaN() ? f.bits(f.nanCode()) : 0;
        return new WideTables(u, at, res, product, bias, nanT, pos, neg, pi, ni, na);
    }

    /** A value in units of 2^e (exact: the caller guarantees divisibility). */
    static BigInteger scaled(BigDecimal v, int e) {
        BigDecimal x = e >= 0 ? v.divide(new BigDecimal(BigInteger.TWO.pow(e)))
                : v.multiply(new BigDecimal(BigInteger.TWO.pow(-e)));
        return x.toBigIntegerExact();
    }

    private static long roundScaled(FloatArithmetic ar, BigInteger n, int u) {
        BigDecimal x = new BigDecimal(n);
        x = u >= 0 ? x.multiply(new BigDecimal(BigInteger.TWO.pow(u)))
                : x.divide(new BigDecimal(BigInteger.TWO.pow(-u)));
        return ar.round(x);
    }

    /** The integers where rho can change, each with its result (consecutive equal results merged). */
    private static List<long[]> steps(FloatArithmetic ar, int u) {
        FloatFormat f = ar.format();
        List<BigDecimal> grid = new ArrayList<>();
        for (long k = f.minCode(); k <= f.maxCode(); k++) {
            grid.add(f.value(k));
        }
        BigDecimal omega = f.value(f.maxCode());
        BigDecimal gap = omega.subtract(f.value(f.maxCode() - 1));
        BigDecimal next = omega.add(gap);
        BigDecimal beyond = next.add(gap);
        grid.add(0, next.negate());
        grid.add(0, beyond.negate());
        grid.add(next);
        grid.add(beyond);
        TreeSet<BigInteger> at = new TreeSet<>();
        BigDecimal unit = u >= 0 ? new BigDecimal(BigInteger.TWO.pow(u))
                : BigDecimal.ONE.divide(new BigDecimal(BigInteger.TWO.pow(-u)));
        for (int i = 0; i < grid.size(); i++) {
            addBoundary(at, grid.get(i).divide(unit));
            if (i + 1 < grid.size()) {
                addBoundary(at, grid.get(i).add(grid.get(i + 1)).divide(BigDecimal.valueOf(2)).divide(unit));
            }
        }
        List<long[]> out = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (BigInteger b : at) {
            long r = f.bits(roundScaled(ar, b, u));
            if (out.isEmpty() || r != previous) {
                out.add(new long[] {b.longValueExact(), r});
                previous = r;
            }
        }
        return out;
    }

    private static void addBoundary(TreeSet<BigInteger> at, BigDecimal b) {
        BigInteger fl = b.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
        at.add(fl.add(BigInteger.ONE));
        if (new BigDecimal(fl).compareTo(b) == 0) {
            at.add(fl);
        }
    }
}

package dev.fxnet.gadget;

import java.util.Arrays;
import java.util.Optional;

/**
 * Arithmetic of the ring {@code R = (Z/2^n)[X]/(X^N - 1)}, {@code N = 2^n}, in which a function
 * {@code g: F -> Z/2^n} of a two's-complement format with {@code n} bits is the element
 * {@code sum_i g(min + i) X^i}, and the shifts of {@code g} are its multiples by {@code X^s}
 * (docs/THEORY.md §12). Elements are arrays of {@code N} residues in {@code [0, N)}; the modulus of
 * the coefficients and the length are the same number {@code N}, which is what Lemma U uses.
 * Stateless; every method is a pure function of its arguments.
 */
public final class ModularRing {
    private ModularRing() {
    }

    /** The residue of {@code v} modulo {@code n} (a power of two), in {@code [0, n)}. */
    public static long residue(long v, long n) {
        return v & (n - 1);
    }

    /**
     * Lemma U's criterion: {@code g} is a unit of {@code R} iff the sum of its coefficients is odd.
     *
     * @throws IllegalArgumentException if the length of {@code g} is not a power of two
     */
    public static boolean oddSum(long[] g) {
        checkLength(g);
        long parity = 0;
        for (long c : g) {
            parity ^= c & 1;
        }
        return parity == 1;
    }

    /** The cyclic convolution {@code a * b} in {@code R} ({@code O(N^2)}). */
    public static long[] multiply(long[] a, long[] b) {
        checkLength(a);
        if (b.length != a.length) {
            throw new IllegalArgumentException("ring elements of different lengths " + a.length + " and " + b.length);
        }
        int n = a.length;
        long mask = n - 1L;
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long ai = a[i];
            if (ai == 0) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                int k = (i + j) & (n - 1);
                out[k] = (out[k] + ai * b[j]) & mask;
            }
        }
        return out;
    }

    /**
     * The inverse of {@code g} in {@code R} by Newton's iteration {@code V <- V (2 - G V)} on
     * {@code G' = a^-1 G}, {@code a = G(1)} (odd), from {@code V = 1}; the error {@code 1 - G'V}
     * squares at each step and {@code 1 - G'} is nilpotent (docs/THEORY.md §12, Lemma U), so the
     * iteration ends; the result is checked ({@code G V = 1}) before it is returned. Empty when the
     * sum of {@code g} is even (then {@code g} is not a unit).
     */
    public static Optional<long[]> inverse(long[] g) {
        if (!oddSum(g)) {
            return Optional.empty();
        }
        int n = g.length;
        long mask = n - 1L;
        long a = 0;
        for (long c : g) {
            a = (a + c) & mask;
        }
        long aInv = inverseOfOdd(a, n);
        long[] gp = new long[n];
        for (int i = 0; i < n; i++) {
            gp[i] = (g[i] * aInv) & mask;
        }
        long[] v = delta(n, 0);
        int bits = Long.numberOfTrailingZeros(n);
        for (int it = 0; it < 2 * (bits + Long.numberOfTrailingZeros(Math.max(2, n)) + 2); it++) {
            long[] gv = multiply(gp, v);
            if (Arrays.equals(gv, delta(n, 0))) {
                long[] inv = new long[n];
                for (int i = 0; i < n; i++) {
                    inv[i] = (v[i] * aInv) & mask;
                }
                return Optional.of(inv);
            }
            long[] twoMinus = new long[n];
            for (int i = 0; i < n; i++) {
                twoMinus[i] = (-gv[i]) & mask;
            }
            twoMinus[0] = (twoMinus[0] + 2) & mask;
            v = multiply(v, twoMinus);
        }
        throw new IllegalStateException("Newton's iteration did not converge for an element with odd sum");
    }

    /** The inverse of an odd {@code a} modulo {@code n} (a power of two), by Newton's iteration. */
    public static long inverseOfOdd(long a, long n) {
        if ((a & 1) == 0) {
            throw new IllegalArgumentException("only odd residues are invertible modulo a power of two, was " + a);
        }
        long x = a; // a * a = 1 mod 8
        for (int i = 0; i < 6; i++) {
            x = x * (2 - a * x);
        }
        return x & (n - 1);
    }

    /** {@code K X^i}: the indicator of index {@code i} times one. */
    public static long[] delta(int n, int i) {
        long[] d = new long[n];
        d[i] = 1;
        return d;
    }

    /** The 2-adic valuation of a residue modulo {@code n} ({@code log2 n} for 0). */
    public static int valuation(long r, long n) {
        long x = r & (n - 1);
        return x == 0 ? Long.numberOfTrailingZeros(n) : Long.numberOfTrailingZeros(x);
    }

    private static void checkLength(long[] g) {
        if (g.length == 0 || Integer.bitCount(g.length) != 1) {
            throw new IllegalArgumentException("a ring element has 2^n coefficients, had " + g.length);
        }
    }
}

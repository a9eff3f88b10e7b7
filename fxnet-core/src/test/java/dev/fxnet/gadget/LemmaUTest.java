package dev.fxnet.gadget;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Lemma U (docs/THEORY.md §12): an element of {@code (Z/2^n)[X]/(X^N - 1)}, {@code N = 2^n}, is a
 * unit iff the sum of its coefficients is odd. Oracles independent of {@link ModularRing}: for
 * {@code n <= 2} exhaustive search of an inverse over the whole ring; for {@code n <= 4} the
 * determinant of the circulant matrix over the integers (a matrix over {@code Z/2^n} is invertible iff
 * its determinant is odd).
 */
class LemmaUTest {
    @Test
    void parityAgreesWithExhaustiveInverseSearch() {
        for (int n = 1; n <= 2; n++) {
            int size = 1 << n;
            long total = pow(size, size);
            for (long code = 0; code < total; code++) {
                long[] g = digits(code, size);
                boolean invertible = false;
                for (long v = 0; v < total && !invertible; v++) {
                    invertible = isOne(product(g, digits(v, size), size));
                }
                assertEquals(invertible, ModularRing.oddSum(g), "n=" + n + " g=" + java.util.Arrays.toString(g));
                assertEquals(invertible, ModularRing.inverse(g).isPresent());
            }
        }
    }

    @Test
    void parityAgreesWithTheCirculantDeterminant() {
        Random r = new Random(14);
        for (int n = 1; n <= 4; n++) {
            int size = 1 << n;
            for (int trial = 0; trial < 300; trial++) {
                long[] g = new long[size];
                for (int i = 0; i < size; i++) {
                    g[i] = r.nextInt(size);
                }
                boolean detOdd = circulantDeterminant(g).testBit(0);
                assertEquals(detOdd, ModularRing.oddSum(g), "n=" + n);
                Optional<long[]> inv = ModularRing.inverse(g);
                assertEquals(detOdd, inv.isPresent());
                inv.ifPresent(v -> assertArrayEquals(ModularRing.delta(size, 0), product(g, v, size)));
            }
        }
    }

    private static long pow(long b, int e) {
        long p = 1;
        for (int i = 0; i < e; i++) {
            p *= b;
        }
        return p;
    }

    private static long[] digits(long code, int size) {
        long[] d = new long[size];
        for (int i = 0; i < size; i++) {
            d[i] = code % size;
            code /= size;
        }
        return d;
    }

    /** Cyclic convolution written out from the definition, independent of ModularRing.multiply. */
    private static long[] product(long[] a, long[] b, int size) {
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                out[(i + j) % size] = Math.floorMod(out[(i + j) % size] + a[i] * b[j], size);
            }
        }
        return out;
    }

    private static boolean isOne(long[] v) {
        if (v[0] != 1) {
            return false;
        }
        for (int i = 1; i < v.length; i++) {
            if (v[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** det of the matrix {@code M[i][j] = g[(i - j) mod N]} over the integers, by fraction-free elimination. */
    private static BigInteger circulantDeterminant(long[] g) {
        int n = g.length;
        BigInteger[][] a = new BigInteger[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = BigInteger.valueOf(g[Math.floorMod(i - j, n)]);
            }
        }
        BigInteger prev = BigInteger.ONE;
        int sign = 1;
        for (int k = 0; k < n - 1; k++) {
            if (a[k][k].signum() == 0) {
                int swap = -1;
                for (int i = k + 1; i < n; i++) {
                    if (a[i][k].signum() != 0) {
                        swap = i;
                        break;
                    }
                }
                if (swap < 0) {
                    return BigInteger.ZERO;
                }
                BigInteger[] t = a[k];
                a[k] = a[swap];
                a[swap] = t;
                sign = -sign;
            }
            for (int i = k + 1; i < n; i++) {
                for (int j = k + 1; j < n; j++) {
                    a[i][j] = a[i][j].multiply(a[k][k]).subtract(a[i][k].multiply(a[k][j])).divide(prev);
                }
            }
            prev = a[k][k];
        }
        return sign > 0 ? a[n - 1][n - 1] : a[n - 1][n - 1].negate();
    }
}

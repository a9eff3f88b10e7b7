package dev.fxnet.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fxnet.arith.Rounding;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The piecewise rational activations against a direct rational evaluation of the SPEC §6 formulas
 * and the independent {@link ReferenceRounding}, on every code of small formats in all nine modes,
 * plus the ties and the extremes by hand.
 */
class PiecewiseRationalActivationTest {
    /** An exact rational {@code num/den}, {@code den > 0}; just enough arithmetic for SPEC §6. */
    private static final class Q {
        final BigInteger num;
        final BigInteger den;

        Q(BigInteger num, BigInteger den) {
            BigInteger g = num.gcd(den);
            if (g.signum() == 0) {
                g = BigInteger.ONE;
            }
            this.num = num.divide(g);
            this.den = den.divide(g);
        }

        static Q of(long num, long den) {
            return new Q(BigInteger.valueOf(num), BigInteger.valueOf(den));
        }

        Q plus(Q o) {
            return new Q(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
        }

        Q times(Q o) {
            return new Q(num.multiply(o.num), den.multiply(o.den));
        }

        int compareTo(Q o) {
            return num.multiply(o.den).compareTo(o.num.multiply(den));
        }

        Q min(Q o) {
            return compareTo(o) <= 0 ? this : o;
        }

        Q max(Q o) {
            return compareTo(o) >= 0 ? this : o;
        }
    }

    private static final Q ZERO = Q.of(0, 1);
    private static final Q ONE = Q.of(1, 1);

    /** sigma(z) straight from the SPEC §6 table. */
    private static Q sigma(String name, Q z) {
        switch (name) {
            case "identity":
                return z;
            case "relu":
                return z.max(ZERO);
            case "leaky_relu":
                return z.compareTo(ZERO) >= 0 ? z : z.times(Q.of(1, 100));
            case "hardtanh":
                return ONE.min(Q.of(-1, 1).max(z));
            case "hardsigmoid":
                return ONE.min(ZERO.max(z.times(Q.of(1, 6)).plus(Q.of(1, 2))));
            case "hardswish":
                return z.times(sigma("hardsigmoid", z));
            case "step":
                return z.compareTo(ZERO) >= 0 ? ONE : ZERO;
            default:
                throw new AssertionError(name);
        }
    }

    private static long reference(String name, long k, int q, Rounding mode) {
        Q c = sigma(name, Q.of(k, 1L << q)).times(Q.of(1L << q, 1));
        return ReferenceRounding.round(c.num, c.den, mode);
    }

    private static final PiecewiseRationalActivation[] ALL = {PiecewiseRationalActivation.IDENTITY,
        PiecewiseRationalActivation.RELU, PiecewiseRationalActivation.LEAKY_RELU, PiecewiseRationalActivation.HARDTANH,
        PiecewiseRationalActivation.HARDSIGMOID, PiecewiseRationalActivation.HARDSWISH, PiecewiseRationalActivation.STEP};

    @Test
    void everyCodeOfSmallFormatsInEveryMode() {
        // all formats with p + q = 9 share the codes -(2^9)..2^9-1 (two's complement covers symmetric);
        // every q from 0 to 9 is visited
        for (PiecewiseRationalActivation a : ALL) {
            for (int q = 0; q <= 9; q++) {
                for (long k = -512; k < 512; k++) {
                    for (Rounding m : Rounding.values()) {
                        assertEquals(reference(a.name(), k, q, m), a.roundScaled(k, q, m),
                                a.name() + " k=" + k + " q=" + q + " " + m);
                    }
                }
            }
        }
    }

    @Test
    void largeCodesAndFractionBitsAgree() {
        long[] ks = {(1L << 31) - 1, -(1L << 31) + 1, 1L << 30, -(1L << 30), 3L << 29, -(3L << 29), 3L << 28, -(3L << 28),
            (3L << 29) - 1, -(3L << 29) + 1, 123456789, -987654321, 100, -100, -101, -150, -250};
        for (PiecewiseRationalActivation a : ALL) {
            for (int q : new int[] {0, 1, 7, 20, 28, 29, 30}) {
                for (long k : ks) {
                    for (Rounding m : Rounding.values()) {
                        assertEquals(reference(a.name(), k, q, m), a.roundScaled(k, q, m),
                                a.name() + " k=" + k + " q=" + q + " " + m);
                    }
                }
            }
        }
    }

    /** Checks each mode's answer for an exact tie {@code c = floor + 1/2}, written out from the mode definitions. */
    private static void assertTie(Activation a, long k, int q, long floor) {
        boolean negative = floor < 0;
        for (Rounding m : Rounding.values()) {
            long v;
            switch (m) {
                case HALF_EVEN:
                    v = floor % 2 == 0 ? floor : floor + 1;
                    break;
                case HALF_UP:
                case UP:
                    v = negative ? floor : floor + 1;
                    break;
                case HALF_DOWN:
                case DOWN:
                    v = negative ? floor + 1 : floor;
                    break;
                case HALF_CEILING:
                case CEILING:
                    v = floor + 1;
                    break;
                default:
                    v = floor;
            }
            assertEquals(v, a.roundScaled(k, q, m), a.name() + " k=" + k + " q=" + q + " " + m);
        }
    }

    @Test
    void exactTies() {
        // hardsigmoid(0) = 1/2: at q = 0, c = 1/2 is a tie between 0 and 1
        assertTie(PiecewiseRationalActivation.HARDSIGMOID, 0, 0, 0);
        // hardsigmoid(3 * 2^-2) = 1/8 + 1/2 = 5/8: at q = 2, c = 5/2, tie between 2 and 3
        assertTie(PiecewiseRationalActivation.HARDSIGMOID, 3, 2, 2);
        // hardswish(-1.5) = -1.5 * (1/4) = -3/8: at q = 2, c = -3/2, tie between -2 and -1
        assertTie(PiecewiseRationalActivation.HARDSWISH, -6, 2, -2);
        // hardswish(1) = 1 * (2/3) = 2/3: q = 0, no tie (rounds like 0.67)
        assertEquals(1, PiecewiseRationalActivation.HARDSWISH.roundScaled(1, 0, Rounding.HALF_DOWN));
        // leaky_relu(-50) = -1/2: tie between -1 and 0; leaky_relu(-150) = -3/2 between -2 and -1
        assertTie(PiecewiseRationalActivation.LEAKY_RELU, -50, 0, -1);
        assertTie(PiecewiseRationalActivation.LEAKY_RELU, -150, 0, -2);
        // at q = 1, k = -50: leaky_relu(-25) = -1/4, c = -1/2; leaky_relu(-250) = -5/2 at q = 0
        assertTie(PiecewiseRationalActivation.LEAKY_RELU, -50, 1, -1);
        assertTie(PiecewiseRationalActivation.LEAKY_RELU, -250, 0, -3);
    }

    @Test
    void hardswishNeedsMoreThan64BitsAtQ30() {
        // k (k + 3*2^30) overflows a long for k = 2^31 - 1: c = k (k + 3 2^30) / (6 2^30)
        long k = (1L << 31) - 1;
        BigInteger num = BigInteger.valueOf(k).multiply(BigInteger.valueOf(k + (3L << 30)));
        BigInteger den = BigInteger.valueOf(6L << 30);
        for (Rounding m : Rounding.values()) {
            assertEquals(ReferenceRounding.round(num, den, m), PiecewiseRationalActivation.HARDSWISH.roundScaled(k, 30, m));
        }
    }
}

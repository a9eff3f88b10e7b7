package dev.fxnet.activation;

import dev.fxnet.arith.Rounding;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The built-in activations of SPEC §6 that are piecewise rational functions with rational
 * coefficients: {@code identity}, {@code relu}, {@code leaky_relu}, {@code hardtanh},
 * {@code hardsigmoid}, {@code hardswish} and {@code step}.
 *
 * <p><b>Exactness.</b> For {@code z = k * 2^-q}, {@code sigma(z) * 2^q} is a rational number
 * {@code num / den} with integer numerator and denominator; {@link #roundScaled} computes both
 * exactly (in {@code long}, or {@link BigInteger} where a product could exceed 63 bits) and rounds
 * the quotient with {@link Rounding#roundQuotient}. No floating point is involved, so the result is
 * correctly rounded in every mode, ties included (e.g. {@code hardsigmoid(0) = 1/2} at {@code q = 0}).
 *
 * <p>Definitions ({@code z = k * 2^-q}, {@code c = sigma(z) * 2^q}):
 * <ul>
 *   <li>{@code identity}: {@code c = k};</li>
 *   <li>{@code relu}: {@code c = max(0, k)};</li>
 *   <li>{@code leaky_relu}: {@code c = k} for {@code k >= 0}, {@code k / 100} otherwise;</li>
 *   <li>{@code hardtanh}: {@code c = min(2^q, max(-2^q, k))};</li>
 *   <li>{@code hardsigmoid}: {@code min(1, max(0, z/6 + 1/2))}, so {@code c = (k + 3*2^q) / 6} clamped
 *       to {@code [0, 2^q]};</li>
 *   <li>{@code hardswish}: {@code z * hardsigmoid(z)}: {@code c = k} for {@code k >= 3*2^q}, {@code 0} for
 *       {@code k <= -3*2^q}, otherwise {@code k (k + 3*2^q) / (6 * 2^q)};</li>
 *   <li>{@code step}: {@code c = 2^q} for {@code k >= 0}, {@code 0} otherwise.</li>
 * </ul>
 */
public final class PiecewiseRationalActivation implements Activation {
    /** {@code sigma(z) = z}. */
    public static final PiecewiseRationalActivation IDENTITY = new PiecewiseRationalActivation(Kind.IDENTITY);
    /** {@code sigma(z) = max(0, z)}. */
    public static final PiecewiseRationalActivation RELU = new PiecewiseRationalActivation(Kind.RELU);
    /** {@code sigma(z) = z} for {@code z >= 0}, {@code z / 100} otherwise. */
    public static final PiecewiseRationalActivation LEAKY_RELU = new PiecewiseRationalActivation(Kind.LEAKY_RELU);
    /** {@code sigma(z) = min(1, max(-1, z))}. */
    public static final PiecewiseRationalActivation HARDTANH = new PiecewiseRationalActivation(Kind.HARDTANH);
    /** {@code sigma(z) = min(1, max(0, z/6 + 1/2))}. */
    public static final PiecewiseRationalActivation HARDSIGMOID = new PiecewiseRationalActivation(Kind.HARDSIGMOID);
    /** {@code sigma(z) = z * hardsigmoid(z)}. */
    public static final PiecewiseRationalActivation HARDSWISH = new PiecewiseRationalActivation(Kind.HARDSWISH);
    /** {@code sigma(z) = 1} for {@code z >= 0}, {@code 0} otherwise. */
    public static final PiecewiseRationalActivation STEP = new PiecewiseRationalActivation(Kind.STEP);

    private static final BigInteger THREE = BigInteger.valueOf(3);
    private static final BigInteger SIX = BigInteger.valueOf(6);
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);
    private static final BigInteger[] ZERO = {BigInteger.ZERO, BigInteger.ONE};
    private static final BigInteger[] ONE = {BigInteger.ONE, BigInteger.ONE};

    private final Kind kind;

    private PiecewiseRationalActivation(Kind kind) {
        this.kind = kind;
    }

    @Override
    public String name() {
        return kind.specName;
    }

    @Override
    public double applyAsDouble(double z) {
        return kind.applyAsDouble(z);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Exact rational evaluation; see the class documentation.
     *
     * @throws IllegalArgumentException if {@code |k| >= 2^31} or {@code q} is outside {@code 0..30}
     */
    @Override
    public long roundScaled(long k, int fracBits, Rounding rounding) {
        Activations.checkArguments(k, fracBits);
        return kind.scaled(k, fracBits, Objects.requireNonNull(rounding, "rounding"));
    }

    /**
     * {@code sigma(n/d)} exactly, as a fresh array {@code {numerator, denominator}} with a positive
     * denominator (not reduced), for rounding on grids other than fixed point.
     *
     * @throws IllegalArgumentException if {@code d <= 0}
     */
    BigInteger[] exactValue(BigInteger n, BigInteger d) {
        if (d.signum() <= 0) {
            throw new IllegalArgumentException("denominator must be positive, was " + d);
        }
        return kind.rational(n, d).clone();
    }

    /** Always {@code true}: the evaluation is exact rational arithmetic. */
    @Override
    public boolean isCorrectlyRounded() {
        return true;
    }

    /** The name, e.g. {@code leaky_relu}. */
    @Override
    public String toString() {
        return kind.specName;
    }

    private enum Kind {
        IDENTITY("identity") {
            @Override
            double applyAsDouble(double z) {
                return z;
            }

            @Override
            BigInteger[] rational(BigInteger n, BigInteger d) {
                return new BigInteger[] {n, d};
            }

            @Override
            long scaled(long k, int q, Rounding r) {
                return k;
            }
        },
        /** {@code sigma(z) = max(0, z)}. */
        RELU("relu") {
            @Override
            double applyAsDouble(double z) {
                return z > 0 ? z : 0.0;
            }

            @Override
            BigInteger[] rational(BigInteger n, BigInteger d) {
                return n.signum() > 0 ? new BigInteger[] {n, d} : ZERO;
            }

            @Override
            long scaled(long k, int q, Rounding r) {
                return Math.max(0, k);
            }
        },
        /** {@code sigma(z) = z} for {@code z >= 0}, {@code z / 100} otherwise (the exact decimal slope 0.01). */
        LEAKY_RELU("leaky_relu") {
            @Override
            double applyAsDouble(double z) {
                return z >= 0 ? z : z / 100;
            }

            @Override
            BigInteger[] rational(BigInteger n, BigInteger d) {
                return n.signum() >= 0 ? new BigInteger[] {n, d} : new BigInteger[] {n, d.multiply(HUNDRED)};
            }

            @Override
            long scaled(long k, int q, Rounding r) {
                return k >= 0 ? k : r.roundQuotient(k, 100);
            }
        },
        /** {@code sigma(z) = min(1, max(-1, z))}. */
        HARDTANH("hardtanh") {
            @Override
            double applyAsDouble(double z) {
                return Math.min(1.0, Math.max(-1.0, z));
            }

            @Override
            BigInteger[] rational(BigInteger n, BigInteger d) {
                if (n.compareTo(d) > 0) {
                    return ONE;
                }
                return n.compareTo(d.negate()) < 0 ? new BigInteger[] {BigInteger.ONE.negate(), BigInteger.ONE} : new BigInteger[] {n, d};
            }

            @Override
            long scaled(long k, int q, Rounding r) {
                long one = 1L << q;
                return Math.min(one, Math.max(-one, k));
            }
        },
        /** {@code sigma(z) = min(1, max(0, z/6 + 1/2))}. */
        HARDSIGMOID("hardsigmoid") {
            @Override
            double applyAsDouble(double z) {
                return Math.min(1.0, Math.max(0.0, z / 6 + 0.5));
            }

            @Override
            BigInteger[] rational(BigInteger n, BigInteger d) {
                BigInteger three = d.multiply(THREE);
                if (n.compareTo(three.negate()) <= 0) {
                    return ZERO;
                }
                return n.compareTo(three) >= 0 ? ONE : new BigInteger[] {n.add(three), d.multiply(SIX)};
            }

            @Override
            long scaled(long k, int q, Rounding r) {
                long three = 3L << q;
                if (k <= -three) {
                    return 0;
                }
                if (k >= three) {
                    return 1L << q;
                }
                // c = 2^q (k 2^-q / 6 + 1/2) = (k + 3*2^q) / 6, in (0, 2^q): |numerator| < 2^34
                return r.roundQuotient(k + three, 6);
            }
        },
        /** {@code sigma(z) = z * hardsigmoid(z)}. */
        HARDSWISH("hardswish") {
            @Override
            double applyAsDouble(double z) {
                return z * Math.min(1.0, Math.max(0.0, z / 6 + 0.5));
            }

            @Override
            BigInteger[] rational(BigInteger n, BigInteger d) {
                BigInteger three = d.multiply(THREE);
                if (n.compareTo(three.negate()) <= 0) {
                    return ZERO;
                }
                return n.compareTo(three) >= 0 ? new BigInteger[] {n, d}
                        : new BigInteger[] {n.multiply(n.add(three)), d.multiply(d).multiply(SIX)};
            }

            @Override
            long scaled(long k, int q, Rounding r) {
                long three = 3L << q;
                if (k <= -three) {
                    return 0;
                }
                if (k >= three) {
                    return k;
                }
                // c = 2^q * z * (z/6 + 1/2) = k (k + 3*2^q) / (6 * 2^q); |k| < 2^31 and 0 < k + 3*2^q < 2^33,
                // so the product can reach 2^64: fall back to BigInteger when it does not fit.
                long den = 6L << q;
                long b = k + three;
                long hi = Math.multiplyHigh(k, b);
                long lo = k * b;
                if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
                    return r.roundQuotient(lo, den);
                }
                return r.roundQuotient(BigInteger.valueOf(k).multiply(BigInteger.valueOf(b)), BigInteger.valueOf(den))
                        .longValueExact();
            }
        },
        /** {@code sigma(z) = 1} for {@code z >= 0}, {@code 0} otherwise. */
        STEP("step") {
            @Override
            double applyAsDouble(double z) {
                return z >= 0 ? 1.0 : 0.0;
            }

            @Override
            BigInteger[] rational(BigInteger n, BigInteger d) {
                return n.signum() >= 0 ? ONE : ZERO;
            }

            @Override
            long scaled(long k, int q, Rounding r) {
                return k >= 0 ? 1L << q : 0;
            }
        };

        private final String specName;

        Kind(String specName) {
            this.specName = specName;
        }

        abstract double applyAsDouble(double z);

        abstract long scaled(long k, int q, Rounding r);

        /** {@code sigma(n/d)} exactly, as {@code {numerator, denominator > 0}}; {@code d > 0}. */
        abstract BigInteger[] rational(BigInteger n, BigInteger d);
    }
}

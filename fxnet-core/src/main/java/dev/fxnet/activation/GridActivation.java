package dev.fxnet.activation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * Correctly rounded activations on a non-uniform grid: {@code rho(sigma(x))} for an exact real
 * {@code x} (a double) and any {@link MonotoneRounding} {@code rho}, e.g. a floating-point format's
 * rounding with its overflow (SPEC §8).
 *
 * <p>The piecewise rational built-ins are evaluated exactly as rationals and rounded once. The
 * transcendental built-ins use the decomposition {@code sigma = A + T} of
 * {@link TranscendentalActivation} with enclosures of {@code |T|}: since {@code rho} is monotone, the
 * rounded value is decided as soon as the roundings of both ends of the enclosure, and of the
 * one-sided limit at the exact anchor {@code A} on the side where {@code T} lies, agree. Because
 * {@code T != 0} and {@code rho} only steps at multiples of {@code 2^-r}, that one-sided limit is
 * {@code rho(A +- delta)} for any positive {@code delta} below both lattices (see {@link #justAbove}); this
 * decides results that lie extremely close to a grid point or an overflow threshold, such as
 * {@code sigmoid(-448)} (about {@code 2^-646}) rounding to 0 or to the smallest subnormal by the mode.
 */
public final class GridActivation {
    private GridActivation() {
    }

    /**
     * {@code rho(sigma(x))}, correctly rounded.
     *
     * @param x an exact real that is a double (every value of a float format of at most 16 bits is one)
     * @throws IllegalArgumentException if {@code sigma} is not a built-in activation, or {@code x} is not a double
     * @throws ArithmeticException as {@link TranscendentalActivation#roundScaled} (not known to happen)
     */
    public static long round(Activation sigma, BigDecimal x, MonotoneRounding rho) {
        Objects.requireNonNull(x, "x");
        double xd = x.doubleValue();
        if (!Double.isFinite(xd) || new BigDecimal(xd).compareTo(x) != 0) {
            throw new IllegalArgumentException("an activation on a grid needs an argument that is a double, was " + x);
        }
        return round(sigma, xd, rho);
    }

    /**
     * {@code rho(sigma(x))}, correctly rounded, for the exact value of the finite double {@code x}.
     *
     * @throws IllegalArgumentException if {@code sigma} is not a built-in, or {@code x} is not finite
     * @throws ArithmeticException as {@link TranscendentalActivation#roundScaled} (not known to happen)
     */
    public static long round(Activation sigma, double x, MonotoneRounding rho) {
        Objects.requireNonNull(sigma, "activation");
        Objects.requireNonNull(rho, "rounding");
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("an activation on a grid needs a finite argument, was " + x);
        }
        if (sigma instanceof PiecewiseRationalActivation) {
            BigInteger[] nd = toRational(x);
            BigInteger[] v = ((PiecewiseRationalActivation) sigma).exactValue(nd[0], nd[1]);
            return rho.round(v[0], v[1]);
        }
        if (sigma instanceof TranscendentalActivation) {
            return ((TranscendentalActivation) sigma).roundOn(x, rho);
        }
        throw new IllegalArgumentException("activation " + sigma.name() + " is not a built-in; only the built-ins of"
                + " SPEC §6 can be rounded on a floating-point grid");
    }

    /** The exact value of a finite double as {@code {numerator, 2^k}}. */
    private static BigInteger[] toRational(double x) {
        if (x == 0) {
            return new BigInteger[] {BigInteger.ZERO, BigInteger.ONE};
        }
        int exp = Math.getExponent(x);
        long mant = (long) Math.scalb(Math.abs(x), 52 - Math.max(exp, Double.MIN_EXPONENT)); // an integer < 2^53
        int scale = Math.max(exp, Double.MIN_EXPONENT) - 52; // |x| = mant 2^scale, exactly
        BigInteger num = BigInteger.valueOf(x < 0 ? -mant : mant);
        return scale >= 0 ? new BigInteger[] {num.shiftLeft(scale), BigInteger.ONE}
                : new BigInteger[] {num, BigInteger.ONE.shiftLeft(-scale)};
    }

    /**
     * The limit of a built-in {@code sigma} at {@code +inf} ({@code positive}) or {@code -inf} (SPEC §8):
     * a finite real, or empty when the limit is that same infinity ({@code identity(+-inf) = +-inf},
     * {@code leaky_relu(-inf) = -inf}, and {@code +inf} for the unbounded ones at {@code +inf}).
     *
     * @throws IllegalArgumentException if {@code sigma} is not a built-in
     */
    public static Optional<BigDecimal> limit(Activation sigma, boolean positive) {
        String n = sigma.name();
        if (!Activations.names().contains(n) || Activations.named(n) != sigma) {
            throw new IllegalArgumentException("activation " + n + " is not a built-in; its limits at +-inf are unknown");
        }
        switch (n) {
            case "sigmoid":
            case "hardsigmoid":
            case "step":
                return Optional.of(positive ? BigDecimal.ONE : BigDecimal.ZERO);
            case "tanh":
            case "hardtanh":
                return Optional.of(positive ? BigDecimal.ONE : BigDecimal.ONE.negate());
            case "identity":
            case "leaky_relu":
                return Optional.empty();
            case "elu":
                return positive ? Optional.empty() : Optional.of(BigDecimal.ONE.negate());
            default: // relu, softplus, silu, mish, gelu, gelu_tanh, hardswish: +inf at +inf, 0 at -inf
                return positive ? Optional.empty() : Optional.of(BigDecimal.ZERO);
        }
    }

    /** {@code rho(v)} for an exact decimal {@code v}. */
    static long round(BigDecimal v, MonotoneRounding rho) {
        BigInteger[] nd = toRational(v);
        return rho.round(nd[0], nd[1]);
    }

    private static BigInteger[] toRational(BigDecimal v) {
        if (v.scale() > 0) {
            return new BigInteger[] {v.unscaledValue(), BigInteger.TEN.pow(v.scale())};
        }
        return new BigInteger[] {v.unscaledValue().multiply(BigInteger.TEN.pow(-v.scale())), BigInteger.ONE};
    }

    /**
     * The decision for {@code c = d + s r} with {@code rlo <= r <= rhi}, {@code r > 0}: the code if every
     * such {@code c} rounds to it, else {@link TranscendentalActivation#UNDECIDED}.
     */
    static long decide(BigDecimal d, int s, BigDecimal rlo, BigDecimal rhi, MonotoneRounding rho) {
        long low;
        long high;
        if (s > 0) {
            low = justAbove(d, rho);
            if (rlo.signum() > 0) {
                low = Math.max(low, round(d.add(rlo), rho));
            }
            high = round(d.add(rhi), rho);
        } else {
            high = justBelow(d, rho);
            if (rlo.signum() > 0) {
                high = Math.min(high, round(d.subtract(rlo), rho));
            }
            low = round(d.subtract(rhi), rho);
        }
        return low == high ? low : TranscendentalActivation.UNDECIDED;
    }

    /**
     * {@link #decide} in double, for an anchor {@code d} that is a double: the sums {@code d +- r} are
     * enclosed by stepping one ulp outward ({@code nextDown}/{@code nextUp} of the rounded sum), and the
     * one-sided limits at {@code d} are {@code rho(nextUp(d))}, {@code rho(nextDown(d))}, valid when
     * {@code d} is a multiple of {@code 2^-(r+2)} and its ulp is below {@code 2^-(r+2)} ({@code r} the
     * resolution near {@code d}), so that no step of {@code rho} lies between {@code d} and its neighbour. Returns
     * {@link TranscendentalActivation#UNDECIDED} when that does not hold or the enclosure does not decide.
     */
    static long decideDouble(double d, int s, double rlo, double rhi, MonotoneRounding rho) {
        int n = rho.resolutionBitsNear(d) + 2;
        if (n > 1000 || Math.ulp(d) >= Math.scalb(1.0, -n) || Math.rint(Math.scalb(d, n)) != Math.scalb(d, n)) {
            return TranscendentalActivation.UNDECIDED;
        }
        long low;
        long high;
        if (s > 0) {
            low = rho.roundDouble(Math.nextUp(d));
            if (rlo > 0) {
                low = Math.max(low, rho.roundDouble(Math.nextDown(d + rlo)));
            }
            high = rho.roundDouble(Math.nextUp(d + rhi));
        } else {
            high = rho.roundDouble(Math.nextDown(d));
            if (rlo > 0) {
                high = Math.min(high, rho.roundDouble(Math.nextUp(d - rlo)));
            }
            low = rho.roundDouble(Math.nextDown(d - rhi));
        }
        return low == high ? low : TranscendentalActivation.UNDECIDED;
    }

    /**
     * The limit of {@code rho(c)} as {@code c} decreases to the dyadic {@code d}: {@code rho(d + 2^-n)} with
     * {@code n} two more than both {@code rho}'s resolution and the binary scale of {@code d}, so that no
     * step of {@code rho} lies in {@code (d, d + 2^-n]}.
     */
    static long justAbove(BigDecimal d, MonotoneRounding rho) {
        return round(d.add(delta(d, rho)), rho);
    }

    /** The limit of {@code rho(c)} as {@code c} increases to the dyadic {@code d}; see {@link #justAbove}. */
    static long justBelow(BigDecimal d, MonotoneRounding rho) {
        return round(d.subtract(delta(d, rho)), rho);
    }

    private static BigDecimal delta(BigDecimal d, MonotoneRounding rho) {
        // a dyadic decimal with scale s is a multiple of 2^-s (its 5^s factor divides the unscaled value)
        int n = Math.max(rho.resolutionBits(), Math.max(d.scale(), 0)) + 2;
        return new BigDecimal(BigInteger.valueOf(5).pow(n), n); // 5^n 10^-n = 2^-n
    }
}

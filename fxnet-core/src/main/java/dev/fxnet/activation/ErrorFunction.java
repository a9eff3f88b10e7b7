package dev.fxnet.activation;

/**
 * The complementary error function in double precision, for plots ({@link Activation#applyAsDouble})
 * and for the fast path of {@code gelu}. Java has no {@code erf}; this one uses two classical
 * expansions, chosen so that no subtraction loses more than a few bits of relative accuracy:
 * <ul>
 *   <li>{@code 0 <= x < 1.25}: {@code erfc = 1 - erf} with the positive-term series
 *       {@code erf x = (2/sqrt pi) x e^(-x^2) sum_n (2x^2)^n/(2n+1)!!} (DLMF 7.6.2); here
 *       {@code erfc(x) > erfc(1.25) > 2^-4}, so the subtraction costs at most 4 bits;</li>
 *   <li>{@code x >= 1.25}: the continued fraction
 *       {@code erfc x = (e^(-x^2)/sqrt pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))}
 *       (DLMF 7.9.2), evaluated backward from a depth that decreases with {@code x}.</li>
 * </ul>
 *
 * <p>The factor {@code e^(-x^2)} is computed from {@code x^2} split exactly into {@code hi + lo}
 * (fused multiply-add), as {@code exp(-hi)(1 - lo)}, so its error does not grow with {@code x^2}.
 *
 * <p><b>Error bound.</b> For {@code 0 <= x <= 37}, the relative error of {@link #erfcHalfSqrt2} is
 * below {@code 2^-46}; measured maximum about {@code 2^-48}, checked by the unit tests against the
 * rigorous interval evaluation ({@link IntervalMath#geluTail}) on a dense grid. The fast path of gelu
 * assumes {@code 2^-40 + 2^-47 x^2}, a margin of at least 64.
 */
final class ErrorFunction {
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double ONE_OVER_SQRT_PI = 0.5641895835477563;
    private static final double INV_SQRT2 = 0.7071067811865476;
    /** Below this argument erfc is {@code 1 - erf}; {@code erfc(1.25) > 0.07}, so the subtraction costs under 4 bits. */
    private static final double SWITCH = 1.25;
    /**
     * The continued fraction depth is {@code n = 12 + DEPTH/u^2}, so {@code u sqrt(n) >= 20}. Measured
     * against the rigorous enclosure, the truncation error behaves like {@code 2^(-3.2 u sqrt n)} for
     * {@code u >= 1.25} (e.g. {@code 2^-41} at {@code u = 1.25, n = 80}), so this depth leaves it below
     * {@code 2^-60}, far under the rounding errors.
     */
    private static final double DEPTH = 400;

    private ErrorFunction() {
    }

    /** {@code erfc(u)} for {@code u >= 0}; 0 beyond the double range. */
    static double erfc(double u) {
        if (!(u >= 0)) {
            throw new IllegalArgumentException("erfc needs u >= 0, was " + u);
        }
        if (u > 27.3) {
            return 0.0;
        }
        double hi = u * u;
        double lo = Math.fma(u, u, -hi); // u^2 = hi + lo exactly
        return erfc(u, Math.exp(-hi) * (1 - lo));
    }

    /**
     * {@code erfc(x / sqrt 2)} for {@code x >= 0}, with the factor {@code e^(-x^2/2)} computed from the
     * exact {@code x^2} (split as {@code hi + lo} with a fused multiply-add), so the error does not
     * grow with {@code x^2}. This is what the gelu fast path uses.
     */
    static double erfcHalfSqrt2(double x) {
        if (!(x >= 0)) {
            throw new IllegalArgumentException("erfc needs x >= 0, was " + x);
        }
        if (x > 38.6) {
            return 0.0;
        }
        double hi = x * x;
        double lo = Math.fma(x, x, -hi);
        return erfc(x * INV_SQRT2, Math.exp(-0.5 * hi) * (1 - 0.5 * lo));
    }

    /** {@code erfc(u)} given {@code expNegU2 = e^(-u^2)}. */
    private static double erfc(double u, double expNegU2) {
        if (u < SWITCH) {
            return 1 - erfSeries(u, expNegU2);
        }
        int depth = 12 + (int) (DEPTH / (u * u));
        double f = u;
        for (int n = depth; n >= 1; n--) {
            f = u + 0.5 * n / f;
        }
        return expNegU2 * ONE_OVER_SQRT_PI / f;
    }

    /** {@code erf(u)} for {@code 0 <= u < 2} by the positive series, given {@code e^(-u^2)}. */
    private static double erfSeries(double u, double expNegU2) {
        double u2 = u * u;
        double t = 1;
        double s = 1;
        for (int n = 0; n < 200; n++) {
            t *= 2 * u2 / (2 * n + 3);
            s += t;
            if (t < 1e-18 * s) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * u * expNegU2 * s;
    }

    /** {@code erf(x)} for any {@code x}. */
    static double erf(double x) {
        double a = Math.abs(x);
        double e = a < 0.5 ? erfSeries(a, Math.exp(-a * a)) : 1 - erfc(a);
        return x < 0 ? -e : e;
    }

    /** The standard normal distribution function {@code Phi(z) = erfc(-z/sqrt2)/2}, for any {@code z}. */
    static double phi(double z) {
        double tail = 0.5 * erfcHalfSqrt2(Math.abs(z));
        return z < 0 ? tail : 1 - tail;
    }
}

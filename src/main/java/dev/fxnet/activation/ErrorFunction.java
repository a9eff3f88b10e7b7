package dev.fxnet.activation;

/**
 * The complementary error function in double precision, for plots ({@link Activation#applyAsDouble})
 * and for the fast path of {@code gelu}. Java has no {@code erf}; this one uses two classical
 * expansions, chosen so that no subtraction loses more than a few bits of relative accuracy:
 * <ul>
 *   <li>{@code 0 <= x < 2}: {@code erfc = 1 - erf} with the positive-term series
 *       {@code erf x = (2/sqrt pi) x e^(-x^2) sum_n (2x^2)^n/(2n+1)!!} (DLMF 7.6.2); here
 *       {@code erfc(x) >= erfc(2) > 2^-8}, so the subtraction costs at most 8 bits;</li>
 *   <li>{@code x >= 2}: the continued fraction
 *       {@code erfc x = (e^(-x^2)/sqrt pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))}
 *       (DLMF 7.9.2), evaluated backward from a depth that decreases with {@code x}.</li>
 * </ul>
 *
 * <p><b>Error bound.</b> For {@code 0 <= x <= 27}, the relative error of {@link #erfc} is below
 * {@code 2^-44 + 2^-51 x^2} (the second term is the effect of the rounding of {@code x^2} inside
 * {@code e^(-x^2)}), a bound the unit tests check against the rigorous interval evaluation on a
 * dense set of points; the fast path of gelu assumes {@code 2^-40 + 2^-46 x^2}, a margin of 16.
 */
final class ErrorFunction {
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double ONE_OVER_SQRT_PI = 0.5641895835477563;

    private ErrorFunction() {
    }

    /** {@code erfc(x)} for {@code x >= 0}; 0 beyond the double range. */
    static double erfc(double x) {
        if (!(x >= 0)) {
            throw new IllegalArgumentException("erfc needs x >= 0, was " + x);
        }
        if (x < 2) {
            return 1 - erfSeries(x);
        }
        if (x > 27.3) {
            return 0.0;
        }
        int depth = 12 + (int) (300 / (x * x));
        double f = x;
        for (int n = depth; n >= 1; n--) {
            f = x + 0.5 * n / f;
        }
        return Math.exp(-x * x) * ONE_OVER_SQRT_PI / f;
    }

    /** {@code erf(x)} for {@code 0 <= x < 2} by the positive series. */
    private static double erfSeries(double x) {
        double x2 = x * x;
        double t = 1;
        double s = 1;
        for (int n = 0; n < 200; n++) {
            t *= 2 * x2 / (2 * n + 3);
            s += t;
            if (t < 1e-18 * s) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * x * Math.exp(-x2) * s;
    }

    /** {@code erf(x)} for any {@code x}. */
    static double erf(double x) {
        double a = Math.abs(x);
        double e = a < 0.5 ? erfSeries(a) : 1 - erfc(a);
        return x < 0 ? -e : e;
    }

    /** The standard normal distribution function {@code Phi(z) = erfc(-z/sqrt2)/2}, for any {@code z}. */
    static double phi(double z) {
        double x = Math.abs(z) * 0.7071067811865476;
        double tail = 0.5 * erfc(x);
        return z < 0 ? tail : 1 - tail;
    }
}

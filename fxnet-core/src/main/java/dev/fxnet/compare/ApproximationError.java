package dev.fxnet.compare;

import dev.fxnet.arith.Arithmetic;
import dev.fxnet.target.CertifiedRounding;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * How well {@code rho_F o g} approximates {@code g} on the values of F in an interval {@code [a, b]}:
 * over every finite value {@code x} of F with {@code a <= x <= b}, the code {@code rho_F(g(x))} is
 * certified exactly ({@link CertifiedRounding}); the errors {@code |rho_F(g(x)) - g(x)|} are then
 * computed from a 40-digit approximation of {@code g(x)} and reported in double (a figure, not a
 * decision). The relative error is taken over the points with {@code g(x) != 0}; where {@code g(x)}
 * lies beyond the range of F the rounding saturates, and the error counts like any other (those points
 * are counted in {@link #saturated}).
 *
 * @param format the format's short name
 * @param function the name of {@code g}
 * @param points the number of values of F in the interval
 * @param maxAbsolute {@code max |rho(g(x)) - g(x)|} (0 if there are no points)
 * @param maxRelative {@code max |rho(g(x)) - g(x)| / |g(x)|} over {@code g(x) != 0} (0 if none)
 * @param saturated the number of points where {@code g(x)} is beyond the largest or below the smallest value
 * @param xs the points {@code x}, increasing (for curves)
 * @param errors {@code |rho(g(x)) - g(x)|} at each point of {@code xs}
 */
public record ApproximationError(String format, String function, long points, double maxAbsolute, double maxRelative,
        long saturated, double[] xs, double[] errors) {

    /** The most points {@link #of} evaluates in one format; a larger interval is refused. */
    public static final long MAX_POINTS = 1L << 17;

    public ApproximationError {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(function, "function");
        xs = xs.clone();
        errors = errors.clone();
    }

    @Override
    public double[] xs() {
        return xs.clone();
    }

    @Override
    public double[] errors() {
        return errors.clone();
    }

    /** The number of values of F in {@code [a, b]}, exactly. */
    public static long pointsIn(Arithmetic ar, BigDecimal a, BigDecimal b) {
        return Math.max(0, Codes.lastAtMost(ar, b) - Codes.firstAtLeast(ar, a) + 1);
    }

    /**
     * The error of {@code rho_F o g} on the values of F in {@code [a, b]}.
     *
     * @throws IllegalArgumentException if {@code a > b}, there are more than {@link #MAX_POINTS} points,
     *     or {@code g} is undefined at one of them
     */
    public static ApproximationError of(Arithmetic ar, TestFunction g, BigDecimal a, BigDecimal b) {
        if (a.compareTo(b) > 0) {
            throw new IllegalArgumentException("interval [" + a + ", " + b + "] is empty");
        }
        long first = Codes.firstAtLeast(ar, a);
        long n = pointsIn(ar, a, b);
        if (n > MAX_POINTS) {
            throw new IllegalArgumentException(CompareFormats.name(ar) + " has " + n + " values in [" + a + ", " + b
                    + "]; compare evaluates at most " + MAX_POINTS);
        }
        BigDecimal lo = ar.value(ar.minCode());
        BigDecimal hi = ar.value(ar.maxCode());
        double[] xs = new double[(int) n];
        double[] abs = new double[(int) n];
        double[] rel = new double[(int) n];
        boolean[] sat = new boolean[(int) n];
        IntStream.range(0, (int) n).parallel().forEach(i -> {
            BigDecimal x = ar.value(first + i);
            CertifiedRounding.Value v = CertifiedRounding.at(g.expression(), ar, x);
            BigDecimal gx = v.approximation();
            BigDecimal err = ar.value(v.code()).subtract(gx).abs();
            xs[i] = x.doubleValue();
            abs[i] = err.doubleValue();
            rel[i] = gx.signum() == 0 ? 0 : err.divide(gx.abs(), MathContext.DECIMAL64).doubleValue();
            sat[i] = gx.compareTo(hi) > 0 || gx.compareTo(lo) < 0;
        });
        double maxAbs = 0;
        double maxRel = 0;
        long saturated = 0;
        for (int i = 0; i < n; i++) {
            maxAbs = Math.max(maxAbs, abs[i]);
            maxRel = Math.max(maxRel, rel[i]);
            saturated += sat[i] ? 1 : 0;
        }
        return new ApproximationError(CompareFormats.name(ar), g.name(), n, maxAbs, maxRel, saturated, xs, abs);
    }
}

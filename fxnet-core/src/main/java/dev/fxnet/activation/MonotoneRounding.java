package dev.fxnet.activation;

import java.math.BigInteger;

/**
 * A rounding {@code rho} of exact reals to integer codes that is a monotone step function whose steps
 * all lie on a dyadic lattice: what {@link GridActivation} needs to round {@code sigma(x)} correctly
 * on a grid that is not uniform (a floating-point format).
 *
 * <p>Contract: {@link #round} is monotone non-decreasing in {@code num/den}, and it is constant on
 * every open interval between consecutive integer multiples of {@code 2^-resolutionBits()} (so its value
 * changes only at such multiples).
 */
public interface MonotoneRounding {
    /** The code of {@code rho(num / den)}, {@code den > 0}. */
    long round(BigInteger num, BigInteger den);

    /**
     * {@code rho} of a finite double's exact value. The default converts it to a rational; implementations
     * may override it with a faster exact computation.
     */
    default long roundDouble(double v) {
        java.math.BigDecimal d = new java.math.BigDecimal(v);
        if (d.scale() > 0) {
            return round(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
        }
        return round(d.unscaledValue().multiply(BigInteger.TEN.pow(-d.scale())), BigInteger.ONE);
    }

    /** {@code r} such that every point where {@link #round} changes value is a multiple of {@code 2^-r}. */
    int resolutionBits();

    /**
     * {@code r} such that every point where {@link #round} changes value within {@code [|v|/2, 2|v|]} (and
     * its negative) is a multiple of {@code 2^-r}; at most {@link #resolutionBits()}. The default is
     * {@link #resolutionBits()}; a floating-point rounding has coarser steps at larger magnitudes.
     */
    default int resolutionBitsNear(double v) {
        return resolutionBits();
    }
}

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

    /** {@code r} such that every point where {@link #round} changes value is a multiple of {@code 2^-r}. */
    int resolutionBits();
}

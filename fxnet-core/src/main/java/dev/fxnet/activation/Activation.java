package dev.fxnet.activation;

import dev.fxnet.arith.Rounding;

/**
 * An activation function {@code sigma} and its correctly rounded fixed-point version
 * {@code tau(z) = rho(sigma(z))} (SPEC §3, §6).
 *
 * <p>The contract of {@link #roundScaled}: for the exact real {@code sigma(k * 2^-q)}, return the
 * integer {@code round(sigma(k * 2^-q) * 2^q)} in the given mode, before any overflow handling.
 * For a built-in activation ({@link #isCorrectlyRounded()} true) this is exact in every mode, also
 * where {@code sigma} lies extremely close to a rounding boundary. Implementations are immutable and
 * thread-safe.
 */
public interface Activation {
    /** The name used in network files and on the command line, e.g. {@code gelu}. */
    String name();

    /** {@code sigma(z)} in double precision: for plots and exploration only, never for results. */
    double applyAsDouble(double z);

    /**
     * {@code round(sigma(k * 2^-fracBits) * 2^fracBits)} in mode {@code rounding}, as an integer
     * (not yet mapped into any code range).
     *
     * @param k the code of the argument, {@code |k| < 2^31}
     * @param fracBits {@code q}, {@code 0 <= q <= 30}
     */
    long roundScaled(long k, int fracBits, Rounding rounding);

    /** Whether {@link #roundScaled} is guaranteed correctly rounded (true for every built-in). */
    boolean isCorrectlyRounded();
}

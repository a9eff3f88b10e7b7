package dev.fxnet.arith;

import java.math.BigDecimal;

/**
 * A finite number system with rounded operations, seen through integer codes.
 *
 * <p>Codes are ordered like the values they stand for ({@code a < b} iff {@code value(a) < value(b)})
 * and form the contiguous range {@link #minCode()}..{@link #maxCode()}. A fixed-point format
 * ({@link FixedPointArithmetic}) uses its integer codes; a floating-point format can number its
 * finite values in increasing order and implement the same contract.
 *
 * <p>Every operation is the exact real operation followed by this system's rounding
 * {@code rho}: {@code add(a, b) = rho(value(a) + value(b))}, {@code multiply(a, b) = rho(value(a) * value(b))}.
 * Implementations are immutable and thread-safe.
 */
public interface Arithmetic {
    /** The smallest code. */
    long minCode();

    /** The largest code. */
    long maxCode();

    /** The number of values, {@code maxCode() - minCode() + 1}. */
    default long size() {
        return maxCode() - minCode() + 1;
    }

    /** The exact value of a code. */
    BigDecimal value(long code);

    /** {@code rho(x)}: the code of the exact real {@code x} after rounding and overflow handling. */
    long round(BigDecimal x);

    /** {@code a (+) b = rho(a + b)}. */
    long add(long a, long b);

    /** {@code a (*) b = rho(a * b)}. */
    long multiply(long a, long b);

    /**
     * {@code rho(bias + sum_i weights[i] * inputs[i])}, the exact sum rounded once (the {@code WIDE}
     * accumulation of SPEC §4). Only the first {@code count} entries are used.
     */
    long fusedSum(long bias, long[] weights, long[] inputs, int count);
}

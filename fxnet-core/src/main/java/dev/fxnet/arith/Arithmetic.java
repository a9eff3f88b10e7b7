package dev.fxnet.arith;

import java.math.BigDecimal;
import java.util.OptionalLong;

/**
 * A finite number system with rounded operations, seen through integer codes.
 *
 * <p>Codes are ordered like the values they stand for ({@code a < b} iff {@code value(a) < value(b)})
 * and form the contiguous range {@link #minCode()}..{@link #maxCode()}; code {@code 0} is the value
 * {@code 0} and code {@code -c} the value {@code -value(c)} wherever both are codes. A fixed-point format
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

    /**
     * Whether {@code code} stands for a finite value: {@code minCode() <= code <= maxCode()}. Only a
     * floating-point arithmetic with overflow {@code INF} or {@code NAN} has other codes (its specials,
     * {@code -inf = minCode() - 1}, {@code +inf = maxCode() + 1}, {@code NaN = maxCode() + 2}), which
     * {@link #value} refuses.
     */
    default boolean isFinite(long code) {
        return code >= minCode() && code <= maxCode();
    }

    /** The exact value of a finite code. */
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

    /**
     * The number system without its rounding and overflow, for messages, e.g. {@code p=3,q=3,SYMMETRIC}.
     * The default is {@code toString()}.
     */
    default String formatName() {
        return toString();
    }

    /**
     * The exact value of a code as a plain decimal, e.g. {@code -0.375}. The default is
     * {@code value(code).toPlainString()}.
     */
    default String decimal(long code) {
        return value(code).toPlainString();
    }

    /** The code whose value is exactly {@code v}, or empty if no code has that value. */
    default OptionalLong codeOf(BigDecimal v) {
        long c = round(v);
        return value(c).compareTo(v) == 0 ? OptionalLong.of(c) : OptionalLong.empty();
    }

    /**
     * How results beyond the largest or below the smallest value are brought back: {@code true}
     * when they become the nearest end of the range (fixed-point {@code SATURATE}, floating-point
     * {@code SATFINITE}), so that adding terms of one sign moves a sum monotonically and then
     * keeps it at the end.
     */
    boolean saturates();

    /**
     * {@code true} when {@code add} is addition modulo the number of codes (two's-complement
     * {@code WRAP}): codes form a cyclic group under {@link #add} and {@link #subtract}.
     */
    boolean wraps();

    /** {@code a (-) b = rho(a - b)}. */
    default long subtract(long a, long b) {
        return round(value(a).subtract(value(b)));
    }

    /** {@code rho(b + w * y)}, the exact sum rounded once (a fused multiply-add, SPEC §4 {@code WIDE} with one term). */
    default long fma(long w, long y, long b) {
        return round(value(b).add(value(w).multiply(value(y))));
    }

    /**
     * {@code acc (+) t (+) t ... (+) t} with {@code k >= 0} terms {@code t}, every sum rounded, in
     * order. The default adds until {@code k} terms are added or the sum stops changing (after
     * which it never changes again); implementations may compute it in closed form.
     *
     * @throws IllegalArgumentException if {@code k < 0}
     */
    default long addCopies(long acc, long t, long k) {
        if (k < 0) {
            throw new IllegalArgumentException("copies k must be >= 0, was " + k);
        }
        long a = acc;
        for (long i = 0; i < k; i++) {
            long next = add(a, t);
            if (next == a) {
                return a;
            }
            a = next;
        }
        return a;
    }

    /**
     * {@code rho(bias + sum_i copies[i] * weights[i] * inputs[i])}: the exact sum with each product
     * counted {@code copies[i]} times, rounded once (a {@code WIDE} neuron listing copies of its
     * sources). Only the first {@code count} entries are used.
     */
    default long fusedSum(long bias, long[] weights, long[] inputs, long[] copies, int count) {
        BigDecimal s = value(bias);
        for (int i = 0; i < count; i++) {
            s = s.add(BigDecimal.valueOf(copies[i]).multiply(value(weights[i])).multiply(value(inputs[i])));
        }
        return round(s);
    }
}

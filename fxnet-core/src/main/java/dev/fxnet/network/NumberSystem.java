package dev.fxnet.network;

import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatOverflow;
import dev.fxnet.arith.Overflow;

/**
 * The parts of fxnet's files and output that depend on the number system, in one place: how a code
 * is written in a code column and in a network file, how such a number is read back, how an input
 * value given as a decimal is read, and the {@code format} object and overflow name of the network
 * file. A fixed-point format (SPEC §1, §5) writes its integer codes; a floating-point format
 * (SPEC §8) writes bit patterns as unsigned integers and holds signed ranks inside fxnet.
 *
 * <p>Implementations are immutable; {@link #of} picks the one for an arithmetic.
 */
public sealed interface NumberSystem permits FixedPointSystem, FloatSystem {
    /**
     * The number system of {@code arithmetic}.
     *
     * @throws IllegalArgumentException if fxnet has no file format for this arithmetic
     */
    static NumberSystem of(Arithmetic arithmetic) {
        if (arithmetic instanceof FixedPointArithmetic) {
            return new FixedPointSystem((FixedPointArithmetic) arithmetic);
        }
        if (arithmetic instanceof FloatArithmetic) {
            return new FloatSystem((FloatArithmetic) arithmetic);
        }
        throw new IllegalArgumentException("no file format for " + arithmetic);
    }

    /** The arithmetic. */
    Arithmetic arithmetic();

    /**
     * What a code column and a network file hold for {@code code}: the code itself in fixed point,
     * the bit pattern (an unsigned integer) in floating point. Special codes (infinities, NaN) of
     * a floating-point arithmetic are written as their bit patterns too.
     */
    long number(long code);

    /**
     * The code written as {@link #number}; the inverse of {@link #number} on finite values.
     *
     * @throws IllegalArgumentException naming the number and why it is refused: outside the codes,
     *     or (floating point) not a bit pattern of the format, or an infinity or NaN
     */
    long parameter(long number);

    /**
     * The code of an input value written as a decimal, e.g. {@code 0.375}.
     *
     * @throws IllegalArgumentException if the text is not a number, not a (finite) value of the
     *     format, or out of range; the message names the text
     */
    long parseValue(String text);

    /** The exact value of a code as a plain decimal, or {@code inf}, {@code -inf}, {@code nan}. */
    default String decimal(long code) {
        return arithmetic().decimal(code);
    }

    /** The JSON object {@code $.format} of the network file on one line, e.g. {@code {"intBits": 2, ...}}. */
    String formatJson();

    /** The name of the overflow handling in {@code $.arithmetic.overflow}. */
    String overflowName();

    /** The name of the rounding mode in {@code $.arithmetic.rounding}. */
    String roundingName();

    /**
     * The overflow mode of a floating-point format named {@code text} ({@code SATFINITE}, {@code INF},
     * {@code NAN}, any case).
     *
     * @throws IllegalArgumentException naming the text; for a fixed-point mode such as
     *     {@code SATURATE}, saying that it is one
     */
    static FloatOverflow floatOverflow(String text) {
        try {
            return FloatOverflow.parse(text);
        } catch (IllegalArgumentException e) {
            throw otherSystem(e, text, () -> Overflow.parse(text),
                    "a fixed-point overflow mode; float formats take SATFINITE (default), INF or NAN");
        }
    }

    /**
     * The overflow mode of a fixed-point format named {@code text} ({@code SATURATE}, {@code WRAP}
     * or an alias, any case).
     *
     * @throws IllegalArgumentException naming the text; for a floating-point mode such as {@code INF},
     *     saying that it is one
     */
    static Overflow fixedOverflow(String text) {
        try {
            return Overflow.parse(text);
        } catch (IllegalArgumentException e) {
            throw otherSystem(e, text, () -> FloatOverflow.parse(text),
                    "a floating-point overflow mode; fixed-point formats take SATURATE (default) or WRAP");
        }
    }

    private static IllegalArgumentException otherSystem(IllegalArgumentException e, String text, Runnable other,
            String kind) {
        try {
            other.run();
        } catch (IllegalArgumentException notOther) {
            return e;
        }
        return new IllegalArgumentException(text.trim() + " is " + kind);
    }
}

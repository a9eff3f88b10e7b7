package dev.fxnet.theory;

import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.arith.FloatOverflow;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The arithmetic axis of a verdict table over formats of either number system (SPEC §1 and §8):
 * every listed format, in the order given, with every overflow mode of its own number system that
 * it admits, and every rounding mode. Fixed-point formats take {@code fixedOverflows} ({@code WRAP}
 * only with two's complement); floating-point formats take {@code floatOverflows} ({@code INF} only
 * with {@code specials=IEEE}, {@code NAN} only with {@code specials=FN}); combinations a format does
 * not admit are left out, as {@code WRAP} with {@code SYMMETRIC} is in {@link VerdictTable.FormatGrid}.
 *
 * @param formats the formats, each a {@link FixedPointFormat} or a {@link FloatFormat}, in row order
 * @param fixedOverflows the overflow modes of the fixed-point formats
 * @param floatOverflows the overflow modes of the floating-point formats
 * @param roundings the rounding modes, for both number systems
 */
public record ArithmeticGrid(List<Object> formats, List<Overflow> fixedOverflows, List<FloatOverflow> floatOverflows,
        List<Rounding> roundings) {
    /**
     * @throws IllegalArgumentException if there is no format or no rounding, if a format is neither a
     *     {@link FixedPointFormat} nor a {@link FloatFormat}, or if a number system present among the
     *     formats has no overflow mode
     * @throws NullPointerException if a list or an element is null
     */
    public ArithmeticGrid {
        formats = List.copyOf(formats);
        fixedOverflows = List.copyOf(fixedOverflows);
        floatOverflows = List.copyOf(floatOverflows);
        roundings = List.copyOf(roundings);
        if (formats.isEmpty() || roundings.isEmpty()) {
            throw new IllegalArgumentException("an arithmetic grid needs at least one format and one rounding mode");
        }
        for (Object f : formats) {
            if (!(f instanceof FixedPointFormat) && !(f instanceof FloatFormat)) {
                throw new IllegalArgumentException("a grid format is a FixedPointFormat or a FloatFormat, not " + f);
            }
            if (f instanceof FixedPointFormat && fixedOverflows.isEmpty()) {
                throw new IllegalArgumentException("the fixed-point format " + f + " needs an overflow mode");
            }
            if (f instanceof FloatFormat && floatOverflows.isEmpty()) {
                throw new IllegalArgumentException("the float format " + f + " needs an overflow mode");
            }
        }
    }

    /** The grid of {@code formats} with the defaults {@code SATURATE} (fixed point) and {@code SATFINITE} (floats). */
    public static ArithmeticGrid of(List<Object> formats, List<Rounding> roundings) {
        return new ArithmeticGrid(formats, List.of(Overflow.SATURATE), List.of(FloatOverflow.SATFINITE), roundings);
    }

    /** The arithmetics of the grid in row order: format, then overflow, then rounding. */
    public List<Arithmetic> arithmetics() {
        List<Arithmetic> out = new ArrayList<>();
        for (Object f : formats) {
            if (f instanceof FixedPointFormat) {
                FixedPointFormat x = (FixedPointFormat) f;
                for (Overflow o : fixedOverflows) {
                    if (o == Overflow.WRAP && x.encoding() == Encoding.SYMMETRIC) {
                        continue;
                    }
                    for (Rounding r : roundings) {
                        out.add(FixedPointArithmetic.of(x, r, o));
                    }
                }
            } else {
                FloatFormat x = (FloatFormat) f;
                for (FloatOverflow o : floatOverflows) {
                    if (!admits(x, o)) {
                        continue;
                    }
                    for (Rounding r : roundings) {
                        out.add(FloatArithmetic.of(x, r, o));
                    }
                }
            }
        }
        return out;
    }

    /** Whether {@link FloatArithmetic#of} accepts {@code overflow} for {@code format}. */
    static boolean admits(FloatFormat format, FloatOverflow overflow) {
        return switch (Objects.requireNonNull(overflow)) {
            case SATFINITE -> true;
            case INF -> format.specials() == FloatFormat.Specials.IEEE;
            case NAN -> format.specials() == FloatFormat.Specials.FN;
        };
    }

    /**
     * The {@code format} column of a verdict table for an arithmetic: {@code p=P,q=Q,ENCODING} in
     * fixed point, the explicit {@code float(E,M,bias=B,specials=S)} for every float format (presets
     * included), so that the column alone fixes the set of values.
     */
    public static String formatColumn(Arithmetic arithmetic) {
        if (arithmetic instanceof FloatArithmetic) {
            return ((FloatArithmetic) arithmetic).format().generalSpelling();
        }
        FixedPointFormat f = ((FixedPointArithmetic) arithmetic).format();
        return "p=" + f.intBits() + ",q=" + f.fracBits() + "," + f.encoding().name();
    }
}

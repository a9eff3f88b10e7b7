package dev.fxnet.engine;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.arith.FloatOverflow;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.gadget.Question;
import dev.fxnet.gadget.Setting;
import dev.fxnet.theory.ArithmeticGrid;

/**
 * A {@link Question} spelled as plain text, the unit of a sweep: the activation's name, the format
 * ({@code p=P,q=Q,ENCODING} or {@code float(E,M,bias=B,specials=S)}), overflow, rounding,
 * accumulation, weights and dimension. {@link #question()} reads it back to an equal question, so a
 * key shipped to another JVM asks the same question.
 */
public record SettingKey(String activation, String format, String overflow, String rounding, String accumulation,
        boolean binary, int dims) implements WorkUnit {
    private static final long serialVersionUID = 1L;

    /** The key of a question with a built-in activation. */
    public static SettingKey of(Question q) {
        Setting s = q.setting();
        Arithmetic ar = s.arithmetic();
        String overflow = ar instanceof FloatArithmetic ? ((FloatArithmetic) ar).overflow().name()
                : ((FixedPointArithmetic) ar).overflow().name();
        String rounding = ar instanceof FloatArithmetic ? ((FloatArithmetic) ar).rounding().name()
                : ((FixedPointArithmetic) ar).rounding().name();
        return new SettingKey(s.activation().name(), ArithmeticGrid.formatColumn(ar), overflow, rounding,
                s.accumulation().name(), q.binary(), q.dims());
    }

    /**
     * The question this key spells.
     *
     * @throws IllegalArgumentException naming the field that does not parse
     */
    public Question question() {
        Arithmetic ar;
        if (FloatFormat.isFloatSpelling(format)) {
            ar = FloatArithmetic.of(FloatFormat.parse(format), Rounding.parse(rounding), FloatOverflow.parse(overflow));
        } else {
            ar = FixedPointArithmetic.of(FixedPointFormat.parse(format), Rounding.parse(rounding),
                    Overflow.parse(overflow));
        }
        return Question.of(Setting.of(ar, Accumulation.parse(accumulation), Activations.named(activation)), binary,
                dims);
    }

    @Override
    public long weight() {
        return 1;
    }
}

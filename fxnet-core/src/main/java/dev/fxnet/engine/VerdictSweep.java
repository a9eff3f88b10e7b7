package dev.fxnet.engine;

import dev.fxnet.gadget.Question;
import dev.fxnet.theory.Universality;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A sweep: the verdict of every question of a grid ({@link Universality#check}), one
 * {@link SettingKey} per unit, rows in the order of the questions whatever the engine.
 */
public final class VerdictSweep {
    private VerdictSweep() {
    }

    /**
     * The rows of {@code questions}, in order.
     *
     * @param progress receives 1 per finished row; may be null
     */
    public static List<VerdictRow> run(Engine engine, List<Question> questions, LongConsumer progress) {
        List<SettingKey> keys = new ArrayList<>();
        for (Question q : questions) {
            keys.add(SettingKey.of(q));
        }
        return engine.run(keys, new Task(), progress);
    }

    /** The work of one unit: the key's question decided, then its row. */
    static final class Task implements Work<SettingKey, VerdictRow> {
        private static final long serialVersionUID = 1L;

        @Override
        public VerdictRow run(SettingKey key, LongConsumer progress) {
            VerdictRow row = VerdictRow.of(Universality.check(key.question()), key.dims());
            progress.accept(1);
            return row;
        }
    }
}

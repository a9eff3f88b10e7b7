package dev.fxnet.gadget;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A one-input two-level <em>test</em> of one coordinate: the network of a {@link StepGadget}
 * ({@code r = tau(acc(bias; weight, x))} followed by {@link Stage}s) whose {@code on}-set need not be
 * a half-line. A step {@code [x >= a]} or {@code [x <= a]} can be the AND of two or three tests whose
 * {@code on}-sets meet exactly in the half-line ({@link StepGadget#cover}); docs/THEORY.md §14,
 * Lemma C (test covers). Immutable value type.
 */
public final class TestGadget {
    private final long bias;
    private final long weight;
    private final List<Stage> stages;
    private final Levels levels;

    private TestGadget(long bias, long weight, List<Stage> stages, Levels levels) {
        this.bias = bias;
        this.weight = weight;
        this.stages = stages;
        this.levels = levels;
    }

    /**
     * A test.
     *
     * @throws IllegalArgumentException if {@code on == off}
     */
    public static TestGadget of(long bias, long weight, List<Stage> stages, long on, long off) {
        Objects.requireNonNull(stages, "stages");
        if (on == off) {
            throw new IllegalArgumentException("a test needs two levels, got on = off = " + on);
        }
        return new TestGadget(bias, weight, List.copyOf(stages), new Levels(on, off));
    }

    /** This test followed by one more stage that maps its levels to {@code (newOn, newOff)}. */
    public TestGadget then(Stage s, long newOn, long newOff) {
        List<Stage> st = new ArrayList<>(stages);
        st.add(s);
        return of(bias, weight, st, newOn, newOff);
    }

    public long bias() {
        return bias;
    }

    public long weight() {
        return weight;
    }

    public List<Stage> stages() {
        return stages;
    }

    /** The levels {@code (on, off)}. */
    public Levels levels() {
        return levels;
    }

    public long on() {
        return levels.on();
    }

    public long off() {
        return levels.off();
    }

    /** Hidden layers used: {@code 1 + stages}. */
    public int depth() {
        return 1 + stages.size();
    }

    /** Neurons used, counting the copies each stage needs of everything below it. */
    public long neurons() {
        long below = 1;
        for (Stage s : stages) {
            below = s.copies() * below + 1;
        }
        return below;
    }

    /** The test's output at input {@code x}. */
    public long evaluate(Machine m, long x) {
        long y = m.tau(m.pre(bias, weight, x));
        for (Stage s : stages) {
            y = s.apply(m, y);
        }
        return y;
    }

    /** The test with values of {@code f} in place of codes. */
    public String describe(dev.fxnet.arith.Arithmetic f) {
        StringBuilder b = new StringBuilder("tau(" + f.decimal(bias) + " + " + f.decimal(weight) + "*x)");
        for (Stage s : stages) {
            b.append(" -> ").append(s.describe(f));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "tau(" + bias + " + " + weight + "*x)" + (stages.isEmpty() ? "" : " -> " + stages);
    }
}

package dev.fxnet.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A small one-input network computing a two-level step of one coordinate: {@code on} when
 * {@code x >= threshold} ({@link #up()}) or {@code x <= threshold} (not up), {@code off} otherwise.
 * Layer 1 is {@code r = tau(acc(bias; weight, x))}; each {@link Stage} then adds one layer (with its
 * copies of the layer below). Verified by {@link #verify} on every code {@code x} of the format, which
 * is every input the gadget can receive. Immutable value type.
 */
public final class StepGadget {
    private final long threshold;
    private final boolean up;
    private final long bias;
    private final long weight;
    private final List<Stage> stages;
    private final long on;
    private final long off;

    private StepGadget(long threshold, boolean up, long bias, long weight, List<Stage> stages, long on, long off) {
        this.threshold = threshold;
        this.up = up;
        this.bias = bias;
        this.weight = weight;
        this.stages = stages;
        this.on = on;
        this.off = off;
    }

    /**
     * A step gadget.
     *
     * @throws IllegalArgumentException if {@code on == off}
     */
    public static StepGadget of(long threshold, boolean up, long bias, long weight, List<Stage> stages, long on,
            long off) {
        Objects.requireNonNull(stages, "stages");
        if (on == off) {
            throw new IllegalArgumentException("a step needs two levels, got on = off = " + on);
        }
        return new StepGadget(threshold, up, bias, weight, List.copyOf(stages), on, off);
    }

    /** This gadget followed by one more stage that maps its levels to {@code (newOn, newOff)}. */
    public StepGadget then(Stage s, long newOn, long newOff) {
        List<Stage> st = new ArrayList<>(stages);
        st.add(s);
        return of(threshold, up, bias, weight, st, newOn, newOff);
    }

    public long threshold() {
        return threshold;
    }

    /** True: on for {@code x >= threshold}; false: on for {@code x <= threshold}. */
    public boolean up() {
        return up;
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

    public long on() {
        return on;
    }

    public long off() {
        return off;
    }

    /** Hidden layers used: {@code 1 + stages}. */
    public int depth() {
        return 1 + stages.size();
    }

    /** Neurons used, counting the copies each stage needs of everything below it. */
    public long neurons() {
        long total = 1;
        long below = 1; // neurons of the gadget up to the current layer
        for (Stage s : stages) {
            below = s.copies() * below + 1;
        }
        total = below;
        return total;
    }

    /** Whether the step should be on at {@code x}. */
    public boolean isOn(long x) {
        return up ? x >= threshold : x <= threshold;
    }

    /** The gadget's output at input {@code x}. */
    public long evaluate(CodeMachine m, long x) {
        long y = m.tau(m.accumulate1(bias, weight, x));
        for (Stage s : stages) {
            y = s.apply(m, y);
        }
        return y;
    }

    /** Checks the gadget on every code; returns the first failing input, or empty. */
    public java.util.OptionalLong verify(CodeMachine m) {
        for (long x = m.min(); x <= m.max(); x++) {
            if (evaluate(m, x) != (isOn(x) ? on : off)) {
                return java.util.OptionalLong.of(x);
            }
        }
        return java.util.OptionalLong.empty();
    }

    @Override
    public String toString() {
        return "[x " + (up ? ">=" : "<=") + " " + threshold + "] = tau(" + bias + " + " + weight + "*x)"
                + (stages.isEmpty() ? "" : " -> " + stages) + " : on " + on + ", off " + off;
    }
}

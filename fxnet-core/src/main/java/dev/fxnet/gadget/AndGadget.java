package dev.fxnet.gadget;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * A hidden neuron computing the AND of two switches with levels {@code (on, off)}:
 * {@code tau(bias (+) k1 copies of w1 (*) s1 (+) k2 copies of w2 (*) s2)} is {@code on} iff
 * {@code s1 = s2 = on}, else {@code off}. Verified by {@link #verify} on all four inputs it can
 * receive. Immutable value type.
 */
public final class AndGadget {
    private final long bias;
    private final long w1;
    private final long k1;
    private final long w2;
    private final long k2;
    private final long on;
    private final long off;
    private final Stage after; // may be null: the optional second layer

    private AndGadget(long bias, long w1, long k1, long w2, long k2, Levels levels, Stage after) {
        this.bias = bias;
        this.w1 = w1;
        this.k1 = k1;
        this.w2 = w2;
        this.k2 = k2;
        this.on = levels.on();
        this.off = levels.off();
        this.after = after;
    }

    /**
     * An AND gadget.
     *
     * @throws IllegalArgumentException if a copy count is below 1 or {@code on == off}
     */
    public static AndGadget of(long bias, long w1, long k1, long w2, long k2, long on, long off) {
        if (k1 < 1 || k2 < 1 || on == off) {
            throw new IllegalArgumentException("an AND gadget needs copies >= 1 and on != off");
        }
        return new AndGadget(bias, w1, k1, w2, k2, new Levels(on, off), null);
    }

    /**
     * This gadget with a second layer: {@code k} copies of the AND neuron feed one {@code after}
     * neuron that maps the AND neuron's levels back to {@code (on, off)}.
     */
    public AndGadget withAfter(Stage stage) {
        return new AndGadget(bias, w1, k1, w2, k2, new Levels(on, off), java.util.Objects.requireNonNull(stage, "stage"));
    }

    /**
     * The same gadget declared with other (final) levels: used when {@link #after()} maps the AND
     * neuron's own levels to {@code (newOn, newOff)}.
     */
    public AndGadget relevel(long newOn, long newOff) {
        return new AndGadget(bias, w1, k1, w2, k2, new Levels(newOn, newOff), after);
    }

    /** The optional second layer. */
    public java.util.Optional<Stage> after() {
        return java.util.Optional.ofNullable(after);
    }

    /** Hidden layers used: 1 or 2. */
    public int depth() {
        return after == null ? 1 : 2;
    }

    /** Copies of the first input the gadget needs (counting the second layer's copies). */
    public long copies1() {
        return after == null ? k1 : k1 * after.copies();
    }

    /** Copies of the second input the gadget needs (counting the second layer's copies). */
    public long copies2() {
        return after == null ? k2 : k2 * after.copies();
    }

    /** Neurons of the gadget itself. */
    public long ownNeurons() {
        return after == null ? 1 : 1 + after.copies();
    }

    public long bias() {
        return bias;
    }

    public long w1() {
        return w1;
    }

    public long k1() {
        return k1;
    }

    public long w2() {
        return w2;
    }

    public long k2() {
        return k2;
    }

    public long on() {
        return on;
    }

    public long off() {
        return off;
    }

    /**
     * Folds {@code leaves} level by level into a balanced binary tree, {@code and} at every node and an
     * odd last leaf of a level paired with {@code trueBeside} of it (the constant switch TRUE):
     * {@code ceil(log2 n)} levels for {@code n >= 1} leaves. The shape of a point's indicator and of a
     * test cover (docs/THEORY.md §3), whatever the nodes are: values, neuron counts or neurons.
     *
     * @throws IllegalArgumentException if there are no leaves
     */
    public static <T> T tree(List<T> leaves, UnaryOperator<T> trueBeside, BinaryOperator<T> and) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("an AND tree needs at least one leaf");
        }
        List<T> level = leaves;
        while (level.size() > 1) {
            List<T> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                T left = level.get(i);
                next.add(and.apply(left, i + 1 < level.size() ? level.get(i + 1) : trueBeside.apply(left)));
            }
            level = next;
        }
        return level.get(0);
    }

    /** The output for switch values {@code s1}, {@code s2}. */
    public long evaluate(Machine m, long s1, long s2) {
        long y = m.tau(m.chain2(bias, w1, s1, k1, w2, s2, k2));
        return after == null ? y : after.apply(m, y);
    }

    /** Whether the gadget is correct on all four combinations of {@code on}/{@code off}. */
    public boolean verify(Machine m) {
        return evaluate(m, on, on) == on && evaluate(m, on, off) == off && evaluate(m, off, on) == off
                && evaluate(m, off, off) == off;
    }

    /** The gadget with values of {@code f} in place of codes (see {@link Stage#describe}). */
    public String describe(dev.fxnet.arith.Arithmetic f) {
        return "AND = tau(" + f.decimal(bias) + " + " + (k1 == 1 ? "" : k1 + " copies of ") + f.decimal(w1) + "*s1 + "
                + (k2 == 1 ? "" : k2 + " copies of ") + f.decimal(w2) + "*s2)"
                + (after == null ? "" : " -> " + after.describe(f)) + ": on " + f.decimal(on) + ", off " + f.decimal(off);
    }

    /** The gadget in codes. */
    @Override
    public String toString() {
        return "AND = tau(" + bias + " + " + (k1 == 1 ? "" : k1 + " x ") + w1 + "*s1 + " + (k2 == 1 ? "" : k2 + " x ") + w2
                + "*s2)" + (after == null ? "" : " -> " + after) + " : on " + on + ", off " + off;
    }
}

package dev.fxnet.gadget;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The certificate of the sufficient condition S (docs/THEORY.md): switch levels {@code on != off},
 * for every threshold an increasing and a decreasing {@link StepGadget} with those levels, an
 * {@link AndGadget}, a bias-only neuron {@code TRUE = tau(trueBias) = on}, and an
 * {@link OutputGadget}. From these, every {@code f: F^d -> F} for every {@code d} has a network
 * (the construction in docs/THEORY.md §3). Immutable.
 */
public final class Certificate {
    private final Levels levels;
    private final long trueBias;
    private final Steps steps;
    private final AndGadget and;
    private final List<Stage> finalStages;
    private final Stage copy; // may be null
    private final OutputGadget output;

    /**
     * The step gadgets of a certificate, indexed by {@code threshold - min}: {@code up[i]} for
     * {@code [x >= min + i]} ({@code null} at the least code), {@code down[i]} for {@code [x <= min + i]}
     * ({@code null} at the greatest). The arrays are the record's own: build it with copies.
     */
    public record Steps(StepGadget[] up, StepGadget[] down, long min) {
    }

    private Certificate(Levels levels, long trueBias, Steps steps, AndGadget and, List<Stage> finalStages, Stage copy,
            OutputGadget output) {
        this.levels = levels;
        this.trueBias = trueBias;
        this.steps = steps;
        this.and = and;
        this.finalStages = finalStages;
        this.copy = copy;
        this.output = output;
    }

    /**
     * A gadget set; the arrays of {@code steps} are indexed by {@code threshold - minCode} (copied).
     *
     * @throws IllegalArgumentException if levels disagree between the parts
     */
    public static Certificate of(Levels levels, long trueBias, Steps steps, AndGadget and, List<Stage> finalStages,
            OutputGadget output) {
        Objects.requireNonNull(and, "and");
        Objects.requireNonNull(finalStages, "finalStages");
        Objects.requireNonNull(output, "output");
        long on = levels.on();
        long off = levels.off();
        if (and.on() != on || and.off() != off || (finalStages.isEmpty() && (output.on() != on || output.off() != off))) {
            throw new IllegalArgumentException("gadgets must share the levels on " + on + ", off " + off);
        }
        StepGadget[] up = steps.up();
        StepGadget[] down = steps.down();
        for (int i = 0; i < up.length; i++) {
            for (StepGadget g : new StepGadget[] {up[i], down[i]}) {
                if (g != null && (g.on() != on || g.off() != off)) {
                    throw new IllegalArgumentException("step " + g + " does not have levels on " + on + ", off " + off);
                }
            }
        }
        return new Certificate(levels, trueBias, new Steps(up.clone(), down.clone(), steps.min()), and,
                List.copyOf(finalStages), null, output);
    }

    public long on() {
        return levels.on();
    }

    public long off() {
        return levels.off();
    }

    /** The switch levels {@code (on, off)} shared by the steps and the AND gadget. */
    public Levels levels() {
        return levels;
    }

    /** The bias of the constant neuron {@code TRUE}: {@code tau(trueBias) = on}. */
    public long trueBias() {
        return trueBias;
    }

    /** The step gadget for {@code [x >= a]} ({@code a > minCode}). */
    public StepGadget up(long a) {
        return steps.up()[(int) (a - steps.min())];
    }

    /** The step gadget for {@code [x <= a]} ({@code a < maxCode}). */
    public StepGadget down(long a) {
        return steps.down()[(int) (a - steps.min())];
    }

    /**
     * This set with a copy stage for padding.
     *
     * @throws IllegalArgumentException if {@code copy} is null
     */
    public Certificate withCopy(Stage copy) {
        return new Certificate(levels, trueBias, steps, and, finalStages, Objects.requireNonNull(copy, "copy"), output);
    }

    public AndGadget and() {
        return and;
    }

    /**
     * The last hidden layers (0 to 2) between the indicators and the output, mapping the levels
     * {@code (on, off)} to the output gadget's levels.
     */
    public List<Stage> finalStages() {
        return finalStages;
    }

    public OutputGadget output() {
        return output;
    }

    /**
     * The common step depth: the largest step depth. Shorter steps are padded with the
     * {@link #copy()} stage when there is one, otherwise with {@code AND(s, TRUE)} (1-layer AND only).
     */
    public int stepDepth() {
        return rawStepDepth();
    }

    /** The optional one-layer copy stage mapping {@code on -> on}, {@code off -> off}. */
    public Optional<Stage> copy() {
        return Optional.ofNullable(copy);
    }

    private int rawStepDepth() {
        int d = 1;
        for (int i = 0; i < steps.up().length; i++) {
            if (steps.up()[i] != null) {
                d = Math.max(d, steps.up()[i].depth());
            }
            if (steps.down()[i] != null) {
                d = Math.max(d, steps.down()[i].depth());
            }
        }
        return d;
    }

    /** Hidden layers of the construction for inputs of dimension {@code d}: steps, then the AND tree. */
    public int hiddenLayers(int d) {
        return stepDepth() + and.depth() * andTreeHeight(d) + finalStages.size();
    }

    /** {@code ceil(log2(2d))}: the height of the AND tree over the {@code 2d} coordinate tests. */
    public static int andTreeHeight(int d) {
        int h = 0;
        while ((1L << h) < 2L * d) {
            h++;
        }
        return h;
    }

    /** An upper bound on the neurons of one point's indicator, for dimension {@code d}. */
    public double indicatorNeurons(int d) {
        double leaf = 1;
        int depth = stepDepth();
        for (int i = 0; i < steps.up().length; i++) {
            for (StepGadget g : new StepGadget[] {steps.up()[i], steps.down()[i]}) {
                if (g == null) {
                    continue;
                }
                double s = g.neurons();
                for (int j = g.depth(); j < depth; j++) {
                    s = copy != null ? 1 + copy.copies() * s : 1 + and.k1() * s + and.k2(); // copy or AND(s, TRUE)
                }
                leaf = Math.max(leaf, s);
            }
        }
        double s = leaf;
        for (int j = 0; j < andTreeHeight(d); j++) {
            s = and.ownNeurons() + and.copies1() * s + and.copies2() * s;
        }
        for (Stage f : finalStages) {
            s = 1 + f.copies() * s;
        }
        return s;
    }

    /** An upper bound on the hidden neurons used per point {@code v} with {@code f(v) != 0}. */
    public double neuronsPerPoint(int d) {
        return indicatorNeurons(d) * Math.max(1, output.maxTerms());
    }

    /** Verifies every part on every input it can receive; returns the failures (empty when all pass). */
    public List<String> verify(Machine m) {
        List<String> bad = new ArrayList<>();
        if (m.tau(trueBias) != on()) {
            bad.add("TRUE: tau(" + trueBias + ") != " + on());
        }
        StepGadget[] up = steps.up();
        StepGadget[] down = steps.down();
        for (int i = 0; i < up.length; i++) {
            long a = steps.min() + i;
            if (a > m.min() && (up[i] == null || up[i].threshold() != a || !up[i].up() || up[i].verify(m).isPresent())) {
                bad.add("step [x >= " + a + "] missing or wrong");
            }
            if (a < m.max() && (down[i] == null || down[i].threshold() != a || down[i].up()
                    || down[i].verify(m).isPresent())) {
                bad.add("step [x <= " + a + "] missing or wrong");
            }
        }
        if (copy != null && (copy.apply(m, on()) != on() || copy.apply(m, off()) != off())) {
            bad.add("copy stage wrong");
        }
        if (copy == null && and.depth() != 1) { // padding by AND(s, TRUE) adds and.depth() layers at a time
            for (int i = 0; i < steps.up().length; i++) {
                for (StepGadget g : new StepGadget[] {steps.up()[i], steps.down()[i]}) {
                    if (g != null && (stepDepth() - g.depth()) % and.depth() != 0) {
                        bad.add("steps of unequal depth and no one-layer padding");
                        i = steps.up().length;
                        break;
                    }
                }
            }
        }
        if (!and.verify(m)) {
            bad.add("AND gadget wrong");
        }
        for (int i = 0; i < up.length; i++) { // a cover's own AND is checked by its verify; TRUE is checked above
            for (StepGadget g : new StepGadget[] {up[i], down[i]}) {
                if (g != null && g.isCover() && (g.on() != on() || g.off() != off())) {
                    bad.add("test cover " + g + " does not have the levels on " + on() + ", off " + off());
                }
            }
        }
        long a = on();
        long z = off();
        for (Stage f : finalStages) {
            a = f.apply(m, a);
            z = f.apply(m, z);
        }
        if (a != output.on() || z != output.off()) {
            bad.add("final stage does not map (" + on() + ", " + off() + ") to the output levels");
        }
        output.verify(m).ifPresent(c -> bad.add("output decomposition of " + c + " wrong"));
        return bad;
    }

    /** How many thresholds are realised by test covers (docs/THEORY.md §14, Lemma C). */
    public int covers() {
        int k = 0;
        for (int i = 0; i < steps.up().length; i++) {
            for (StepGadget g : new StepGadget[] {steps.up()[i], steps.down()[i]}) {
                k += g != null && g.isCover() ? 1 : 0;
            }
        }
        return k;
    }

    /** The account of the test covers for {@link #describe}: empty when there are none. */
    private String coverNote(java.util.function.Function<StepGadget, String> show) {
        if (covers() == 0) {
            return "";
        }
        StepGadget sample = null;
        for (int i = 0; i < steps.up().length && sample == null; i++) {
            for (StepGadget g : new StepGadget[] {steps.up()[i], steps.down()[i]}) {
                if (g != null && g.isCover()) {
                    sample = g;
                    break;
                }
            }
        }
        return "; " + covers() + " thresholds as ANDs of two-level tests (e.g. " + show.apply(sample) + ")";
    }

    /** A step gadget that shows the shape of all of them (the one for the smallest positive threshold). */
    public Optional<StepGadget> sampleStep() {
        for (int i = 0; i < steps.up().length; i++) {
            if (steps.up()[i] != null && steps.up()[i].threshold() > 0) {
                return Optional.of(steps.up()[i]);
            }
        }
        return Optional.empty();
    }

    /**
     * A human-readable account of the construction for dimension {@code d}, every bias, weight,
     * threshold and level written as its value in {@code f} (the format of the gadgets).
     */
    public String describe(int d, dev.fxnet.arith.Arithmetic f) {
        StringBuilder stages = new StringBuilder();
        for (Stage s : finalStages) {
            stages.append(stages.length() == 0 ? "" : ", ").append(s.describe(f));
        }
        return "levels on " + f.decimal(on()) + ", off " + f.decimal(off()) + "; steps of depth <= " + stepDepth()
                + sampleStep().map(s -> " (e.g. " + s.describe(f) + ")").orElse("") + coverNote(s -> s.describe(f))
                + "; " + and.describe(f)
                + "; TRUE = tau(" + f.decimal(trueBias) + "); " + output.describe(f) + "; indicator of a point in F^" + d
                + ": AND tree of height " + andTreeHeight(d) + " over [x_i >= v_i], [x_i <= v_i]; "
                + (finalStages.isEmpty() ? "" : "then " + stages + " -> levels (" + f.decimal(output.on()) + ", "
                + f.decimal(output.off()) + "); ") + hiddenLayers(d) + " hidden layers; <= "
                + String.format(java.util.Locale.ROOT, "%.3g", neuronsPerPoint(d)) + " hidden neurons per point";
    }

    /** A human-readable account of the construction, in codes. */
    public String describe(int d) {
        return "levels on " + on() + ", off " + off() + "; steps of depth <= " + stepDepth()
                + sampleStep().map(s -> " (e.g. " + s + ")").orElse("") + coverNote(StepGadget::toString) + "; " + and
                + "; TRUE = tau(" + trueBias + "); "
                + output + "; indicator of a point in F^" + d + ": AND tree of height " + andTreeHeight(d)
                + " over [x_i >= v_i], [x_i <= v_i]; " + (finalStages.isEmpty() ? "" : "then " + finalStages + " -> levels ("
                + output.on() + ", " + output.off() + "); ") + hiddenLayers(d) + " hidden layers; <= "
                + String.format(java.util.Locale.ROOT, "%.3g", neuronsPerPoint(d)) + " hidden neurons per point";
    }
}

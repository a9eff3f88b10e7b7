package dev.fxnet.gadget;

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
    private final TestGadget chain; // the first-layer neuron, its stages and levels (a cover: its first test's, AND levels)
    private final Partner partner; // may be null: a second first-layer neuron read by the first stage
    private final List<TestGadget> tests; // empty unless a test cover
    private final AndGadget and; // the AND of a test cover, else null

    private StepGadget(long threshold, boolean up, TestGadget chain, Partner partner) {
        this(threshold, up, chain, partner, List.of(), null);
    }

    private StepGadget(long threshold, boolean up, TestGadget chain, Partner partner, List<TestGadget> tests,
            AndGadget and) {
        this.threshold = threshold;
        this.up = up;
        this.chain = chain;
        this.partner = partner;
        this.tests = tests;
        this.and = and;
    }

    /** The most tests a cover may have (an AND tree of height 2). */
    public static final int MAX_TESTS = 4;

    /**
     * A step realised as a <em>test cover</em> (docs/THEORY.md §14, Lemma C): the balanced AND
     * tree ({@code and} at every node, an odd last signal paired with {@code TRUE = on}) over two to
     * {@link #MAX_TESTS} tests of equal depth with the levels of {@code and}. Whether the {@code on}-sets
     * of the tests meet exactly in the half-line is what {@link #verify} checks, on every code.
     *
     * @throws IllegalArgumentException if there are fewer than 2 or more than {@link #MAX_TESTS} tests,
     *     their depths differ, or a level differs from the AND gadget's
     */
    public static StepGadget cover(long threshold, boolean up, List<TestGadget> tests, AndGadget and) {
        Objects.requireNonNull(and, "and");
        if (tests.size() < 2 || tests.size() > MAX_TESTS) {
            throw new IllegalArgumentException("a test cover has 2 to " + MAX_TESTS + " tests, got " + tests.size());
        }
        for (TestGadget t : tests) {
            if (t.depth() != tests.get(0).depth() || t.on() != and.on() || t.off() != and.off()) {
                throw new IllegalArgumentException("the tests of a cover need equal depth and the AND's levels: " + tests);
            }
        }
        TestGadget t0 = tests.get(0);
        return new StepGadget(threshold, up, TestGadget.of(t0.bias(), t0.weight(), t0.stages(), and.on(), and.off()),
                null, List.copyOf(tests), and);
    }

    /** The tests of a cover (empty for a plain step). */
    public List<TestGadget> tests() {
        return tests;
    }

    /** Whether this step is a test cover (an AND tree over {@link #tests()}). */
    public boolean isCover() {
        return !tests.isEmpty();
    }

    /** The AND gadget of a cover. */
    public java.util.Optional<AndGadget> coverAnd() {
        return java.util.Optional.ofNullable(and);
    }

    /** Height of a cover's AND tree: {@code ceil(log2 k)} for {@code k} tests (0 for a plain step). */
    public int coverHeight() {
        int h = 0;
        while ((1 << h) < tests.size()) {
            h++;
        }
        return h;
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
        return new StepGadget(threshold, up, TestGadget.of(bias, weight, stages, on, off), null);
    }

    /** This gadget followed by one more stage that maps its levels to {@code (newOn, newOff)}. */
    public StepGadget then(Stage s, long newOn, long newOff) {
        if (isCover()) {
            throw new IllegalStateException("a test cover takes no further stage");
        }
        if (newOn == newOff) {
            throw new IllegalArgumentException("a step needs two levels, got on = off = " + newOn);
        }
        return new StepGadget(threshold, up, chain.then(s, newOn, newOff), partner);
    }

    /**
     * This step with its first stage (one copy) also reading a second first-layer neuron
     * {@code r2 = tau(acc(p.bias; p.weight, x))} with weight {@code p.readWeight}, after {@code r}: the
     * stage is {@code tau(c (+) (v (*) r) (+) (v2 (*) r2))}, {@code v2 = p.readWeight}.
     *
     * @throws IllegalArgumentException if the first stage is missing or has more than one copy
     */
    public StepGadget withPartner(Partner p) {
        Objects.requireNonNull(p, "partner");
        if (isCover()) {
            throw new IllegalStateException("a test cover has no partner");
        }
        if (chain.stages().isEmpty() || chain.stages().get(0).copies() != 1) {
            throw new IllegalArgumentException("a partner needs a first stage with one copy");
        }
        return new StepGadget(threshold, up, chain, p);
    }

    /** The partner first-layer neuron, if any. */
    public java.util.Optional<Partner> partner() {
        return java.util.Optional.ofNullable(partner);
    }

    public long threshold() {
        return threshold;
    }

    /** True: on for {@code x >= threshold}; false: on for {@code x <= threshold}. */
    public boolean up() {
        return up;
    }

    public long bias() {
        return chain.bias();
    }

    public long weight() {
        return chain.weight();
    }

    public List<Stage> stages() {
        return chain.stages();
    }

    public long on() {
        return chain.on();
    }

    public long off() {
        return chain.off();
    }

    /** The levels {@code (on, off)}. */
    public Levels levels() {
        return chain.levels();
    }

    /** Hidden layers used: {@code 1 + stages}; for a cover, the tests' depth plus its AND tree. */
    public int depth() {
        return isCover() ? tests.get(0).depth() + and.depth() * coverHeight() : chain.depth();
    }

    /** Neurons used, counting the copies each stage needs of everything below it. */
    public long neurons() {
        if (isCover()) { // a TRUE leaf is one bias-only neuron
            return AndGadget.tree(tests.stream().map(TestGadget::neurons).toList(), left -> 1L,
                    (a, b) -> and.ownNeurons() + and.copies1() * a + and.copies2() * b);
        }
        return chain.neurons() + (partner == null ? 0 : 1);
    }

    /** Whether the step should be on at {@code x}. */
    public boolean isOn(long x) {
        return up ? x >= threshold : x <= threshold;
    }

    /** The gadget's output at input {@code x}. */
    public long evaluate(Machine m, long x) {
        if (isCover()) { // exactly the network's tree: a TRUE leaf outputs tau(trueBias) = on
            return AndGadget.tree(tests.stream().map(t -> t.evaluate(m, x)).toList(), left -> on(),
                    (a, b) -> and.evaluate(m, a, b));
        }
        if (partner == null) {
            return chain.evaluate(m, x);
        }
        List<Stage> stages = chain.stages();
        long y = m.tau(m.pre(chain.bias(), chain.weight(), x));
        long y2 = m.tau(m.pre(partner.bias(), partner.weight(), x));
        Stage s0 = stages.get(0);
        y = m.tau(m.accumulate(s0.bias(), new long[] {s0.weight(), partner.readWeight()}, new long[] {y, y2}, 2));
        for (int i = 1; i < stages.size(); i++) {
            y = stages.get(i).apply(m, y);
        }
        return y;
    }

    /** Checks the gadget on every code; returns the first failing input, or empty. */
    public java.util.OptionalLong verify(Machine m) {
        if (isCover() && !and.verify(m)) {
            return java.util.OptionalLong.of(m.min());
        }
        for (long x = m.min(); x <= m.max(); x++) {
            if (evaluate(m, x) != (isOn(x) ? on() : off())) {
                return java.util.OptionalLong.of(x);
            }
        }
        return java.util.OptionalLong.empty();
    }

    /** The gadget with values of {@code f} in place of codes (see {@link Stage#describe}). */
    public String describe(dev.fxnet.arith.Arithmetic f) {
        if (isCover()) {
            StringBuilder c = new StringBuilder("[x " + (up ? ">=" : "<=") + " " + f.decimal(threshold) + "] = AND of");
            for (TestGadget t : tests) {
                c.append(t == tests.get(0) ? " " : ", ").append(t.describe(f));
            }
            return c.append(": on ").append(f.decimal(on())).append(", off ").append(f.decimal(off())).toString();
        }
        StringBuilder b = new StringBuilder("[x " + (up ? ">=" : "<=") + " " + f.decimal(threshold) + "] = tau("
                + f.decimal(bias()) + " + " + f.decimal(weight()) + "*x)");
        if (partner != null) {
            b.append(" with tau(").append(f.decimal(partner.bias())).append(" + ").append(f.decimal(partner.weight()))
                    .append("*x) read by weight ").append(f.decimal(partner.readWeight()));
        }
        for (Stage s : stages()) {
            b.append(" -> ").append(s.describe(f));
        }
        return b.append(": on ").append(f.decimal(on())).append(", off ").append(f.decimal(off())).toString();
    }

    /** The gadget in codes. */
    @Override
    public String toString() {
        if (isCover()) {
            return "[x " + (up ? ">=" : "<=") + " " + threshold + "] = AND of " + tests + " : on " + on() + ", off " + off();
        }
        return "[x " + (up ? ">=" : "<=") + " " + threshold + "] = tau(" + bias() + " + " + weight() + "*x)"
                + (partner == null ? "" : " with tau(" + partner.bias() + " + " + partner.weight() + "*x) read by weight " + partner.readWeight())
                + (stages().isEmpty() ? "" : " -> " + stages()) + " : on " + on() + ", off " + off();
    }
}

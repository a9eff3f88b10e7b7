package dev.fxnet.construct;

import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.OutputGadget;
import dev.fxnet.gadget.ZeroTests;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import dev.fxnet.target.FunctionTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The construction of Theorem Z (docs/THEORY.md §10): "N and a zero of tau imply universal"
 * under SATURATE with {@code p >= 1}, a positive set {@code [z*, M]} and an output level. Seven hidden
 * layers: the four layers of the {@link ZeroTests} pair tests {@code D_(v_i,u)} (0 at {@code v_i},
 * {@code A = tau(M)} at {@code u}); the OR of the tests of a point {@code v},
 * {@code O_v = tau(z (+) K copies of every D_(v_i,u), u != v_i)}, which is 0 exactly at {@code x = v};
 * a NOT, {@code I_v = tau(M (+) K copies of -1.0 (*) O_v)} when {@code tau(m) = 0} (on-level {@code A}),
 * else a landing neuron on the constant {@code A} (on-level {@code tau(m)}); a relevelling stage
 * {@code tau(z' (+) k copies of w (*) I_v)} to a level with an {@link OutputGadget}; and the output
 * neuron, which adds the decomposition of {@code f(v)} over copies of point {@code v}'s switch (all
 * other switches are 0 and add nothing). Immutable plan; networks are built per table.
 */
public final class ZeroConstruction {
    /** Hidden layers of every network of this construction. */
    public static final int HIDDEN_LAYERS = 7;

    private final ZeroTests tests;
    private final long orZero;
    private final Optional<ZeroTests.Landing> not; // empty: NOT by saturation at m (tau(m) = 0)
    private final long indicatorOn;
    private final long relevelZero;
    private final long relevelWeight;
    private final long relevelCopies;
    private final OutputGadget output;

    private ZeroConstruction(ZeroTests tests, long orZero, Optional<ZeroTests.Landing> not, long indicatorOn,
            long[] relevel, OutputGadget output) {
        this.tests = tests;
        this.orZero = orZero;
        this.not = not;
        this.indicatorOn = indicatorOn;
        this.relevelZero = relevel[0];
        this.relevelWeight = relevel[1];
        this.relevelCopies = relevel[2];
        this.output = output;
    }

    /** The plan of Theorem Z for a setting, or the hypothesis that fails. */
    public record Outcome(Optional<ZeroConstruction> plan, String why) {
    }

    /** Builds and verifies every gadget of the construction; empty with the reason where a hypothesis fails. */
    public static Outcome plan(Machine m) {
        Objects.requireNonNull(m, "machine");
        ZeroTests.Outcome t = ZeroTests.build(m);
        if (t.tests().isEmpty()) {
            return new Outcome(Optional.empty(), t.why());
        }
        ZeroTests z = t.tests().get();
        long one = z.one();
        long k = z.copies();
        long a = m.tau(m.max());
        long b = m.tau(m.min());
        long orZero = z.toZero().zero();
        if (m.tau(m.chain(orZero, one, a, k)) != a) {
            return new Outcome(Optional.empty(), "OR does not saturate");
        }
        Optional<ZeroTests.Landing> not = Optional.empty();
        long on = a;
        if (b != 0) {
            not = ZeroTests.landing(m, one, k, 0, a, false);
            on = b;
            if (not.isEmpty()) {
                return new Outcome(Optional.empty(), "no NOT: no zero of tau to land on from A");
            }
        } else if (m.tau(m.chain(m.max(), -one, a, k)) != 0) {
            return new Outcome(Optional.empty(), "NOT does not saturate at m");
        }
        for (long[] r : relevels(m, on, k)) {
            long level = m.tau(m.chain(r[0], r[1], on, r[2]));
            Optional<OutputGadget> out = OutputGadget.find(m, level, 0);
            if (out.isPresent() && out.get().verify(m).isEmpty()) {
                return new Outcome(Optional.of(new ZeroConstruction(z, orZero, not, on, r, out.get())), "");
            }
        }
        return new Outcome(Optional.empty(), "no relevelled indicator level has an output decomposition");
    }

    /** Candidate relevelling stages {@code (zero, weight, copies)}, one per distinct nonzero level, first seen first. */
    private static List<long[]> relevels(Machine m, long on, long k) {
        Map<Long, long[]> byLevel = new LinkedHashMap<>();
        for (long z = m.min(); z <= m.max(); z++) {
            if (m.tau(z) != 0) {
                continue;
            }
            for (long w = m.min(); w <= m.max(); w++) {
                for (long c : new long[] {1, k}) {
                    long level = m.tau(m.chain(z, w, on, c));
                    if (level != 0 && m.tau(m.chain(z, w, 0, c)) == 0) {
                        byLevel.putIfAbsent(level, new long[] {z, w, c});
                    }
                }
            }
        }
        return new ArrayList<>(byLevel.values());
    }

    /** The pair tests. */
    public ZeroTests tests() {
        return tests;
    }

    /** The on-level of the point indicators before relevelling. */
    public long indicatorOn() {
        return indicatorOn;
    }

    /** The output decomposition (levels: the relevelled indicator, 0). */
    public OutputGadget output() {
        return output;
    }

    /** A one-line account in codes. */
    public String describe() {
        Machine m = tests.machine();
        return "pair tests from separating neurons (z* = " + tests.zStar() + ", A = tau(M) = " + m.tau(m.max())
                + ", K = " + tests.copies() + " copies), OR on the zero " + orZero + ", NOT "
                + (not.isEmpty() ? "by saturation at m (tau(m) = 0)" : "landing on the zero " + not.get().zero())
                + ", indicator on-level " + indicatorOn + ", relevelled by tau(" + relevelZero + " + " + relevelCopies
                + " x " + relevelWeight + "*y) to " + output.on() + "; " + HIDDEN_LAYERS + " hidden layers";
    }

    /** The network computing {@code f} ({@code |F|^d} points), built as in the proof of Theorem Z. */
    public Network network(FunctionTable f) {
        Builder b = new Builder(this, f.dims());
        return b.build(f);
    }

    /** Builds one network layer by layer; neuron indices are remembered per gadget. */
    private static final class Builder {
        private final ZeroConstruction c;
        private final Machine m;
        private final ZeroTests z;
        private final int dims;
        private final int k;
        private final List<List<Neuron>> layers = new ArrayList<>();
        private final Map<String, int[]> at = new LinkedHashMap<>();

        Builder(ZeroConstruction c, int dims) {
            this.c = c;
            this.m = c.tests.machine();
            this.z = c.tests;
            this.dims = dims;
            this.k = (int) z.copies();
            for (int l = 0; l <= HIDDEN_LAYERS; l++) {
                layers.add(new ArrayList<>());
            }
        }

        /** Adds {@code n} copies of a neuron to layer {@code l} (0-based) under {@code key}, once. */
        private int[] add(int l, String key, int n, Neuron neuron) {
            return at.computeIfAbsent(key, x -> {
                int[] idx = new int[n];
                for (int i = 0; i < n; i++) {
                    idx[i] = layers.get(l).size();
                    layers.get(l).add(neuron);
                }
                return idx;
            });
        }

        Network build(FunctionTable f) {
            long one = z.one();
            int[] constB = add(2, "B", k, Neuron.constant(m.min()));
            int[] constA = c.not.isPresent() ? add(4, "A", k, Neuron.constant(m.max())) : new int[0];
            List<long[]> terms = new ArrayList<>(); // output terms: {source, weight}
            long[] point = new long[dims];
            for (int i = 0; i < f.size(); i++) {
                long value = f.code(i);
                if (value == c.output.bias()) {
                    continue;
                }
                f.space().point(i, point);
                long[] weights = c.output.weightsFor(value);
                int[] switches = pointSwitch(point, weights.length, constA, constB, one);
                for (int t = 0; t < weights.length; t++) {
                    terms.add(new long[] {switches[t], weights[t]});
                }
            }
            List<Layer> ls = new ArrayList<>();
            for (int l = 0; l < HIDDEN_LAYERS; l++) {
                List<Neuron> layer = layers.get(l);
                ls.add(Layer.of(layer.isEmpty() ? List.of(Neuron.constant(0)) : layer));
            }
            int[] src = terms.stream().mapToInt(t -> (int) t[0]).toArray();
            long[] w = terms.stream().mapToLong(t -> t[1]).toArray();
            ls.add(Layer.of(Neuron.of(c.output.bias(), src, w)));
            return Network.of(m.setting().fixedPoint(), m.accumulation(), m.activation(), dims, ls,
                    Map.of("construction", "Theorem Z (docs/THEORY.md §10)"));
        }

        /** {@code n} copies of the relevelled indicator of {@code point} in layer 7 (index 6). */
        private int[] pointSwitch(long[] point, int n, int[] constA, int[] constB, long one) {
            String p = java.util.Arrays.toString(point);
            List<Integer> src = new ArrayList<>();
            List<Long> w = new ArrayList<>();
            for (int i = 0; i < dims; i++) {
                for (long u = m.min(); u <= m.max(); u++) {
                    if (u != point[i]) {
                        for (int d : pairTest(i, z.test(point[i], u), constB, one)) {
                            src.add(d);
                            w.add(one);
                        }
                    }
                }
            }
            int[] or = add(4, "O" + p, k, neuron(c.orZero, src, w));
            int[] ind = add(5, "I" + p, (int) c.relevelCopies, not(or, constA, one));
            int[] rel = new int[ind.length];
            long[] rw = new long[ind.length];
            for (int i = 0; i < ind.length; i++) {
                rel[i] = ind[i];
                rw[i] = c.relevelWeight;
            }
            return add(6, "R" + p, n, Neuron.of(c.relevelZero, rel, rw));
        }

        private Neuron not(int[] or, int[] constA, long one) {
            if (c.not.isEmpty()) {
                long[] w = new long[or.length];
                java.util.Arrays.fill(w, -one);
                return Neuron.of(m.max(), or, w);
            }
            return landing(c.not.get(), or, constA, one);
        }

        /** The K copies (layer 4, index 3) of the pair test {@code t} of coordinate {@code i}. */
        private int[] pairTest(int i, ZeroTests.PairTest t, int[] constB, long one) {
            int[] r = add(0, "r" + i + "," + t.bias() + "," + t.weight(), 1,
                    Neuron.of(t.bias(), new int[] {i}, new long[] {t.weight()}));
            String hKey = "h" + i + "," + t.bias() + "," + t.weight() + "," + t.sign() + "," + t.shift();
            int[] h = add(1, hKey, k, Neuron.of(t.shift(), r, new long[] {t.sign()}));
            long[] ones = new long[k];
            java.util.Arrays.fill(ones, one);
            int[] q = add(2, "Q" + hKey, k, Neuron.of(m.min(), h, ones));
            return add(3, "D" + i + "," + t.v() + "," + t.u(), k, landing(z.toZero(), q, constB, one));
        }

        /** A landing neuron: bias the zero, K rounds of (signal copy with 1.0, constant copy with -1.0). */
        private Neuron landing(ZeroTests.Landing l, int[] signal, int[] constant, long one) {
            List<Integer> src = new ArrayList<>();
            List<Long> w = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                src.add(l.signalFirst() ? signal[j] : constant[j]);
                w.add(l.signalFirst() ? one : -one);
                src.add(l.signalFirst() ? constant[j] : signal[j]);
                w.add(l.signalFirst() ? -one : one);
            }
            return neuron(l.zero(), src, w);
        }

        private static Neuron neuron(long bias, List<Integer> src, List<Long> w) {
            return Neuron.of(bias, src.stream().mapToInt(Integer::intValue).toArray(),
                    w.stream().mapToLong(Long::longValue).toArray());
        }
    }
}

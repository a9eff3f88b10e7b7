package dev.fxnet.construct;

import dev.fxnet.target.FunctionTable;
import dev.fxnet.gadget.AndGadget;
import dev.fxnet.gadget.Certificate;
import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.OutputGadget;
import dev.fxnet.gadget.Partner;
import dev.fxnet.gadget.Stage;
import dev.fxnet.gadget.StepGadget;
import dev.fxnet.gadget.TestGadget;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The network of the proof of Theorem 2 (docs/THEORY.md §3), built from the {@link Certificate} of
 * the sufficient condition S that a UNIVERSAL verdict rests on: for every point {@code v} with
 * {@code f(v) != b0}, the {@code 2d} step tests of its coordinates (padded to the common depth),
 * a balanced tree of AND gadgets (leaves padded with TRUE), the output stages, and the output neuron
 * listing the copies of each indicator with the weights of the output decomposition of
 * {@code f(v)} (under WRAP with a modular output, the bias that cancels every off-term).
 *
 * <p>A signal needed in {@code k} copies (a stage or AND gadget reading {@code k} copies of the
 * layer below, SPEC §4 lists a source once) is computed by {@code k} neurons; neurons computing the
 * same signal are shared between consumers, so each distinct (signal, copy) pair is one neuron. The
 * network is not verified here: {@link Compiler} verifies it on every point like any other.
 */
final class CertifiedConstruction {
    /** More hidden neurons than this are refused (the construction stops as soon as it needs more). */
    static final long MAX_NEURONS = 4_000_000;

    private CertifiedConstruction() {
    }

    /** A signal of the construction: what one neuron computes, and at which hidden layer (1-based). */
    private sealed interface Wire permits First, Partnered, Staged, Anded, Constant {
        int layer();
    }

    /** A first-layer neuron {@code tau(acc(b; w, x_j))}. */
    private record First(int coordinate, long bias, long weight) implements Wire {
        public int layer() {
            return 1;
        }
    }

    /** The first stage of a step with a partner: {@code tau(c (+) v r (+) v2 r2)}. */
    private record Partnered(First r, First r2, long bias, long weight, long partnerWeight) implements Wire {
        public int layer() {
            return 2;
        }
    }

    /** One neuron reading {@code stage.copies()} copies of {@code below}. */
    private record Staged(Wire below, Stage stage) implements Wire {
        public int layer() {
            return below.layer() + 1;
        }
    }

    /** The AND neuron over {@code k1} copies of {@code s1} and {@code k2} copies of {@code s2}. */
    private record Anded(Wire s1, Wire s2, AndGadget and) implements Wire {
        public int layer() {
            return s1.layer() + 1;
        }
    }

    /** A bias-only neuron {@code tau(bias)} at a given layer. */
    private record Constant(long bias, int layer) implements Wire {
    }

    private record Copy(Wire signal, long index) {
    }

    /** What {@link #build} gives: the network, or why it was not built. */
    sealed interface Outcome permits Built, TooLarge {
    }

    /**
     * The network, the number of point indicators in it and its output bias.
     *
     * @param network the network, not yet verified
     * @param indicators the points with {@code f(v) != b0}, one indicator each
     * @param outputBias the output neuron's bias
     */
    record Built(Network network, int indicators, long outputBias) implements Outcome {
    }

    /** @param reason why the network was not built (it would exceed {@link #MAX_NEURONS}) */
    record TooLarge(String reason) implements Outcome {
    }

    /**
     * The construction for {@code t} from {@code c}, or {@link TooLarge} as soon as it needs more than
     * {@link #MAX_NEURONS} hidden neurons. Neurons are counted as they are made, shared ones once;
     * one point's indicator never needs more than {@link Certificate#neuronsPerPoint}, which is
     * checked first, so at most {@code 2 MAX_NEURONS} neurons are ever held.
     */
    static Outcome build(FunctionTable t, Machine m, Certificate c) {
        OutputGadget out = c.output();
        double perPoint = c.neuronsPerPoint(t.dims());
        if (perPoint > MAX_NEURONS) {
            return new TooLarge(String.format(java.util.Locale.ROOT, "the construction from the certificate of S"
                    + " (docs/THEORY.md §3) needs up to %.3g hidden neurons for one point's indicator in d = %d, more"
                    + " than %d", perPoint, t.dims(), MAX_NEURONS));
        }
        Builder b = new Builder(m, c, t.dims());
        List<Integer> sources = new ArrayList<>();
        List<Long> weights = new ArrayList<>();
        int points = 0;
        for (int i = 0; i < t.size(); i++) {
            long[] w = out.weightsFor(t.code(i));
            if (w.length == 0) {
                continue;
            }
            Wire indicator = b.indicator(t.space().point(i));
            for (int j = 0; j < w.length; j++) {
                sources.add(b.id(indicator, j));
                weights.add(w[j]);
            }
            points++;
            if (b.neurons() > MAX_NEURONS) {
                return new TooLarge("the construction from the certificate of S (docs/THEORY.md §3) needs more than "
                        + MAX_NEURONS + " hidden neurons (reached after " + points + " points with f(v) != "
                        + m.dec(out.bias()) + ")");
            }
        }
        Network net = b.network(out, sources, weights);
        Neuron output = net.layers().get(net.layers().size() - 1).neurons().get(0);
        return new Built(net, points, output.bias());
    }

    /** The network of Theorem W (docs/THEORY.md §12) for {@code t} from {@code c}, or {@link TooLarge}. */
    static Outcome build(FunctionTable t, Machine m, dev.fxnet.gadget.ModularCertificate c) {
        return ModularConstruction.build(t, m, c);
    }

    private static final class Builder {
        private final Machine m;
        private final Certificate c;
        private final int dims;
        private final int depth;
        private final int hiddenLayers;
        private final List<List<Neuron>> layers = new ArrayList<>();
        private final Map<Copy, Integer> ids = new HashMap<>();

        /** Hidden neurons made so far. */
        long neurons() {
            return ids.size();
        }

        Builder(Machine m, Certificate c, int dims) {
            this.m = m;
            this.c = c;
            this.dims = dims;
            this.depth = c.stepDepth();
            this.hiddenLayers = c.hiddenLayers(dims);
            for (int l = 0; l < hiddenLayers; l++) {
                layers.add(new ArrayList<>());
            }
        }

        /** The indicator of point {@code v} after the output stages: on' at {@code v}, off' elsewhere. */
        Wire indicator(long[] v) {
            List<Wire> tests = new ArrayList<>();
            for (int j = 0; j < dims; j++) {
                tests.add(v[j] > m.min() ? test(j, c.up(v[j])) : new Constant(c.trueBias(), depth));
                tests.add(v[j] < m.max() ? test(j, c.down(v[j])) : new Constant(c.trueBias(), depth));
            }
            Wire s = AndGadget.tree(tests, this::trueBeside, (s1, s2) -> and(s1, s2, c.and())); // height andTreeHeight(d)
            for (Stage f : c.finalStages()) {
                s = new Staged(s, f);
            }
            return s;
        }

        /** The constant switch TRUE in the layer of {@code w}, to pair with it in an AND tree. */
        private Wire trueBeside(Wire w) {
            return new Constant(c.trueBias(), w.layer());
        }

        private static Wire and(Wire s1, Wire s2, AndGadget g) {
            Wire a = new Anded(s1, s2, g);
            return g.after().isPresent() ? new Staged(a, g.after().get()) : a;
        }

        /**
         * A step gadget on coordinate {@code j}, padded to the common step depth; a test cover is the
         * balanced tree of its AND over its tests (an odd last one paired with TRUE), as
         * {@link StepGadget#evaluate} computes it.
         */
        private Wire test(int j, StepGadget g) {
            if (g.isCover()) {
                List<Wire> ts = new ArrayList<>();
                for (TestGadget t : g.tests()) {
                    Wire s = new First(j, t.bias(), t.weight());
                    for (Stage st : t.stages()) {
                        s = new Staged(s, st);
                    }
                    ts.add(s);
                }
                AndGadget ga = g.coverAnd().orElseThrow();
                return pad(AndGadget.tree(ts, this::trueBeside, (s1, s2) -> and(s1, s2, ga)));
            }
            First r = new First(j, g.bias(), g.weight());
            Wire s = r;
            int from = 0;
            if (g.partner().isPresent()) {
                Partner p = g.partner().get();
                Stage s0 = g.stages().get(0);
                s = new Partnered(r, new First(j, p.bias(), p.weight()), s0.bias(), s0.weight(), p.readWeight());
                from = 1;
            }
            for (int i = from; i < g.stages().size(); i++) {
                s = new Staged(s, g.stages().get(i));
            }
            return pad(s);
        }

        /** {@code s} padded to the common step depth: the copy stage, else {@code AND(s, TRUE)}. */
        private Wire pad(Wire s) {
            while (s.layer() < depth) {
                s = c.copy().isPresent() ? new Staged(s, c.copy().get()) : and(s, trueBeside(s), c.and());
            }
            return s;
        }

        /** The index in its layer of copy {@code index} of {@code s}, made (with what it reads) on first use. */
        int id(Wire s, long index) {
            Copy key = new Copy(s, index);
            Integer id = ids.get(key);
            if (id != null) {
                return id;
            }
            Neuron n = neuron(s);
            List<Neuron> layer = layers.get(s.layer() - 1);
            layer.add(n);
            ids.put(key, layer.size() - 1);
            return layer.size() - 1;
        }

        private Neuron neuron(Wire s) {
            if (s instanceof First f) {
                return Neuron.of(f.bias(), new int[] {f.coordinate()}, new long[] {f.weight()});
            }
            if (s instanceof Partnered p) {
                return Neuron.of(p.bias(), new int[] {id(p.r(), 0), id(p.r2(), 0)}, new long[] {p.weight(), p.partnerWeight()});
            }
            if (s instanceof Staged st) {
                return copies(st.stage().bias(), new Wire[] {st.below()}, new long[] {st.stage().weight()},
                        new long[] {st.stage().copies()});
            }
            if (s instanceof Anded a) {
                return copies(a.and().bias(), new Wire[] {a.s1(), a.s2()}, new long[] {a.and().w1(), a.and().w2()},
                        new long[] {a.and().k1(), a.and().k2()});
            }
            return Neuron.constant(((Constant) s).bias());
        }

        /** A neuron listing {@code copies[i]} copies of {@code signals[i]} with weight {@code weights[i]}, in order. */
        private Neuron copies(long bias, Wire[] signals, long[] weights, long[] copies) {
            int n = (int) Arrays.stream(copies).sum();
            int[] src = new int[n];
            long[] w = new long[n];
            int k = 0;
            for (int i = 0; i < signals.length; i++) {
                for (long j = 0; j < copies[i]; j++) {
                    src[k] = id(signals[i], j);
                    w[k++] = weights[i];
                }
            }
            return Neuron.of(bias, src, w);
        }

        Network network(OutputGadget out, List<Integer> sources, List<Long> weights) {
            long[] w = weights.stream().mapToLong(Long::longValue).toArray();
            long bias = out.bias();
            if (out.isModular()) { // cancel the off-terms of every listed copy (THEORY §3 (iv'))
                long[] offs = new long[w.length];
                Arrays.fill(offs, out.off());
                bias = m.arithmetic().subtract(0, m.accumulate(0, w, offs, w.length));
            }
            if (out.isCompensated() && !sources.isEmpty()) { // WIDE without a zero: constants off (THEORY §3 (iv''))
                List<Integer> src = new ArrayList<>(sources);
                List<Long> ws = new ArrayList<>(weights);
                long rest = -weights.stream().mapToLong(Long::longValue).sum();
                Constant offSignal = new Constant(out.offBias(), layers.size());
                for (long j = 0; rest != 0; j++) {
                    long part = Math.max(m.min(), Math.min(m.max(), rest));
                    src.add(id(offSignal, j));
                    ws.add(part);
                    rest -= part;
                }
                sources = src;
                w = ws.stream().mapToLong(Long::longValue).toArray();
            }
            List<Layer> ls = new ArrayList<>();
            for (List<Neuron> l : sources.isEmpty() ? List.<List<Neuron>>of() : layers) { // f = b0: the bias alone
                ls.add(Layer.of(l));
            }
            ls.add(Layer.of(Neuron.of(bias, sources.stream().mapToInt(Integer::intValue).toArray(), w)));
            return Network.of(m.arithmetic(), m.accumulation(), m.activation(), dims, ls, Map.of());
        }
    }
}

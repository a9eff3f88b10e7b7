package dev.fxnet.construct;

import dev.fxnet.gadget.Decomposition;
import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.ModularAnd;
import dev.fxnet.gadget.ModularCertificate;
import dev.fxnet.gadget.ModularRing;
import dev.fxnet.gadget.ModularTerms;
import dev.fxnet.gadget.Stage;
import dev.fxnet.gadget.Tap;
import dev.fxnet.gadget.UnitRecipe;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import dev.fxnet.target.FunctionTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The network of Theorem W (docs/THEORY.md §12.4) from a {@link ModularCertificate}: per
 * coordinate, the first-layer neurons {@code tau(b -+ x_i)} for every bias {@code b} (and, when the unit
 * is deeper, its family's second-layer neurons and chain stages at every shift, docs/THEORY.md §12.7
 * Lemma S), the unit layer (every shift, in as many replicas as a combination
 * lists), the point tests {@code tau(c + K [x_i = v])} as integer combinations of the unit's shifts
 * (coefficients {@code K e^-1 X^v}, each realised by the weights whose terms are integer multiples of
 * the unit), a balanced AND tree per point, and the modular output. Every neuron computing the same
 * signal is shared; the network is not verified here ({@link Compiler} and the tests verify it on
 * every point).
 */
final class ModularConstruction {
    private ModularConstruction() {
    }

    /** A neuron of the construction: kind, hidden layer (1-based), parameters, replica. */
    private record Key(char kind, int layer, long a, long b, int replica) {
    }

    /** The network for {@code t}, or {@link CertifiedConstruction.TooLarge}. */
    static CertifiedConstruction.Outcome build(FunctionTable t, Machine m, ModularCertificate c) {
        if (m.size() > ModularCertificate.EXPLICIT_LIMIT) {
            return new CertifiedConstruction.TooLarge("the construction of Theorem W computes the unit's inverse; |F| = "
                    + m.size() + " > " + ModularCertificate.EXPLICIT_LIMIT);
        }
        Plan p = new Plan(m, c, t.dims());
        List<Integer> sources = new ArrayList<>();
        List<Long> weights = new ArrayList<>();
        long offTerms = 0;
        int points = 0;
        for (int i = 0; i < t.size(); i++) {
            long[] w = p.output.labels(p.terms.residue(t.code(i))).orElseThrow();
            if (w.length == 0) {
                continue;
            }
            Key root = p.indicator(i, t.space().point(i));
            for (int j = 0; j < w.length; j++) {
                sources.add(p.id(new Key(root.kind(), root.layer(), root.a(), root.b(), j)));
                weights.add(w[j]);
                offTerms += p.terms.term(w[j], c.off());
            }
            points++;
            if (p.neurons() > CertifiedConstruction.MAX_NEURONS) {
                return new CertifiedConstruction.TooLarge("the construction of Theorem W needs more than "
                        + CertifiedConstruction.MAX_NEURONS + " hidden neurons");
            }
        }
        long bias = p.terms.code(-offTerms);
        return new CertifiedConstruction.Built(p.network(t.dims(), bias, sources, weights), points, bias);
    }

    /** The signals of the construction, created on demand, layer by layer. */
    private static final class Plan {
        private final Machine m;
        private final ModularCertificate c;
        private final ModularTerms terms;
        private final int depth;
        private final int dims;
        private final long[] coefficients;
        private final Decomposition unitWeights;
        private final Decomposition output;
        private final List<Map<Key, Integer>> ids = new ArrayList<>();
        private final List<List<Neuron>> layers = new ArrayList<>();
        private final Map<Integer, long[]> pointsById = new HashMap<>();

        Plan(Machine m, ModularCertificate c, int dims) {
            this.m = m;
            this.c = c;
            this.terms = ModularTerms.of(m);
            this.depth = c.unit().depth();
            this.dims = dims;
            this.coefficients = c.pointCoefficients(m, terms);
            this.unitWeights = unitMultipliers(m, terms, c.unit());
            this.output = Decomposition.ofSwitch(terms, allCodes(m), c.on(), c.off());
        }

        int neurons() {
            return layers.stream().mapToInt(List::size).sum();
        }

        /** The root of the AND tree of point {@code index} ({@code x}: its codes). */
        Key indicator(int index, long[] x) {
            pointsById.put(index, x);
            return child(index, x, (c.hiddenLayers(dims) - depth - 1) / c.and().depth(), 0);
        }

        int id(Key k) {
            while (ids.size() < k.layer()) {
                ids.add(new HashMap<>());
                layers.add(new ArrayList<>());
            }
            Integer id = ids.get(k.layer() - 1).get(k);
            if (id != null) {
                return id;
            }
            Neuron n = make(k);
            int fresh = layers.get(k.layer() - 1).size();
            layers.get(k.layer() - 1).add(n);
            ids.get(k.layer() - 1).put(k, fresh);
            return fresh;
        }

        private Neuron make(Key k) {
            switch (k.kind()) {
                case 'F': // tau(b - x_i): coordinate a, bias b
                    return Neuron.of(terms.code(k.b()), new int[] {(int) k.a()}, new long[] {terms.minusOne()});
                case 'G': // tau(b + x_i): coordinate a, bias b
                    return Neuron.of(terms.code(k.b()), new int[] {(int) k.a()}, new long[] {-terms.minusOne()});
                case 'H':
                    return secondLayer(k);
                case 'S': { // chain stage at layer l >= 3 of the family at shift b
                    Stage st = c.unit().chain().get(k.layer() - 3);
                    int below = id(new Key(k.layer() == 3 ? 'H' : 'S', k.layer() - 1, k.a(), k.b(), 0));
                    return Neuron.of(st.bias(), new int[] {below}, new long[] {st.weight()});
                }
                case 'T':
                    return pointTest((int) k.a(), k.b());
                case 'C':
                    return Neuron.constant(terms.code(c.testBias() + c.testGain()));
                default:
                    return andNode(k);
            }
        }

        /**
         * The family's second-layer neuron at shift {@code b} of coordinate {@code a}: it lists the
         * first-layer neurons of the unit's taps at that shift ({@code Tap#biasAt}); a tap repeating an
         * earlier one's neuron reads a replica of it (a source is listed once per neuron).
         */
        private Neuron secondLayer(Key k) {
            UnitRecipe u = c.unit();
            List<Integer> src = new ArrayList<>();
            List<Long> w = new ArrayList<>();
            Map<Key, Integer> seen = new HashMap<>();
            for (Tap tap : u.taps()) {
                Key first = new Key(tap.slope() < 0 ? 'F' : 'G', 1, k.a(), tap.biasAt(k.b(), terms), 0);
                int replica = seen.merge(first, 1, Integer::sum) - 1;
                src.add(id(new Key(first.kind(), 1, first.a(), first.b(), replica)));
                w.add(tap.weight());
            }
            return neuron(u.c2(), src, w);
        }

        /** {@code tau(c + K [x_i = min + v])}: the shifts of the unit with coefficients {@code K e^-1 X^v}. */
        private Neuron pointTest(int coordinate, long v) {
            int n = coefficients.length;
            List<Integer> src = new ArrayList<>();
            List<Long> w = new ArrayList<>();
            for (int s = 0; s < n; s++) {
                long[] labels = unitWeights.labels(coefficients[(int) ((s - v) & (n - 1))]).orElseThrow();
                for (int r = 0; r < labels.length; r++) {
                    src.add(id(new Key(depth == 1 ? 'F' : depth == 2 ? 'H' : 'S', depth, coordinate, s, r)));
                    w.add(labels[r]);
                }
            }
            return neuron(c.testBias(), src, w);
        }

        /**
         * An AND node of point {@code a}: kind 'A' is the gadget's output, kind 'B' (staged gadgets) its
         * first neuron; {@code b} is the position at its level.
         */
        private Neuron andNode(Key k) {
            ModularAnd and = c.and();
            if (k.kind() == 'A' && and.staged()) {
                int first = id(new Key('B', k.layer() - 1, k.a(), k.b(), 0));
                return Neuron.of(and.stageBias(), new int[] {first}, new long[] {and.stageWeight()});
            }
            long[] x = pointsById.get((int) k.a());
            int firstLayer = k.kind() == 'B' ? k.layer() : k.layer() - and.depth() + 1;
            int level = (firstLayer - depth - 2) / and.depth() + 1;
            long pos = k.b();
            long[] aw = and.weights();
            Key left = child(k.a(), x, level - 1, 2 * pos);
            Key right = child(k.a(), x, level - 1, 2 * pos + 1);
            List<Integer> src = new ArrayList<>();
            List<Long> w = new ArrayList<>();
            for (Key ch : new Key[] {left, right}) {
                for (int r = 0; r < aw.length; r++) {
                    src.add(id(new Key(ch.kind(), ch.layer(), ch.a(), ch.b(), r)));
                    w.add(aw[r]);
                }
            }
            return neuron(and.bias(), src, w);
        }

        /** The node at {@code level} (0: the point tests) and {@code pos} of point {@code a}'s tree, or TRUE. */
        private Key child(long a, long[] x, int level, long pos) {
            int layer = depth + 1 + level * c.and().depth();
            if (pos >= ((dims - 1) >> level) + 1) {
                return new Key('C', layer, 0, 0, 0);
            }
            if (level == 0) {
                return new Key('T', layer, pos, terms.residue(x[(int) pos] - m.min()), 0);
            }
            return new Key('A', layer, a, pos, 0);
        }

        private static Neuron neuron(long bias, List<Integer> src, List<Long> w) {
            int[] s = src.stream().mapToInt(Integer::intValue).toArray();
            long[] ws = w.stream().mapToLong(Long::longValue).toArray();
            return Neuron.of(bias, s, ws);
        }

        Network network(int dims, long bias, List<Integer> sources, List<Long> weights) {
            List<Layer> ls = new ArrayList<>();
            for (List<Neuron> l : layers) {
                ls.add(Layer.of(l));
            }
            ls.add(Layer.of(neuron(bias, sources, weights)));
            return Network.of(m.setting().fixedPoint(), m.accumulation(), m.activation(), dims, ls,
                    Map.of("construction", "Theorem W (docs/THEORY.md §12)"));
        }
    }

    private static List<Long> allCodes(Machine m) {
        List<Long> all = new ArrayList<>();
        for (long w = m.min(); w <= m.max(); w++) {
            all.add(w);
        }
        return all;
    }

    /**
     * The weights {@code w} whose term on every value of the unit's hidden signal is {@code j} times
     * the unit's ({@code T(w, h) = j T(wu, h)}), as generators {@code j}: listing a shift of the signal
     * with these weights adds {@code (sum j) e}.
     */
    private static Decomposition unitMultipliers(Machine m, ModularTerms t, UnitRecipe u) {
        long[] h = u.hidden(m, t);
        java.util.TreeSet<Long> values = new java.util.TreeSet<>();
        for (long y : h) {
            values.add(y);
        }
        long pivot = Long.MIN_VALUE;
        for (long y : values) {
            long e = t.term(u.wu(), y);
            if ((e & 1) == 1) {
                pivot = y;
                break;
            }
        }
        long pivotInv = ModularRing.inverseOfOdd(t.term(u.wu(), pivot), t.modulus());
        List<Long> gens = new ArrayList<>();
        List<Long> labels = new ArrayList<>();
        for (long w = m.min(); w <= m.max(); w++) {
            long tp = t.term(w, pivot);
            if (tp == ModularTerms.INEXACT) {
                continue;
            }
            long j = t.residue(tp * pivotInv);
            boolean ok = true;
            for (long y : values) {
                long tw = t.term(w, y);
                ok &= tw != ModularTerms.INEXACT && tw == t.residue(j * t.term(u.wu(), y));
            }
            if (ok) {
                gens.add(j);
                labels.add(w);
            }
        }
        return Decomposition.over(t.modulus(), gens.stream().mapToLong(Long::longValue).toArray(),
                labels.stream().mapToLong(Long::longValue).toArray());
    }
}

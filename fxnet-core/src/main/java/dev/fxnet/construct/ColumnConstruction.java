package dev.fxnet.construct;

import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.gadget.IndicatorGadgets;
import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.Stage;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import dev.fxnet.target.FunctionTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The columns construction (docs/COMPACT.md, Theorems C and C'): about one parameter per nonzero
 * entry of the table, for {@code d >= 2}.
 *
 * <p>Layout: the shared detectors and NORs of {@link IndicatorGadgets} build indicators
 * {@code J_b = [x_{d-1} = b]} (one per column value used) and {@code I_a = [(x_0..x_{d-2}) = a]}
 * (one per slice used), each exactly 0 or {@code h}; then per slice {@code a} the neurons
 * {@code P_{a,i} = tau(B + W I_a + sum_b v(y_i(b)) J_b)} listing the i-th term {@code y_i(b)} of the
 * decomposition of each positive entry ({@link SliceGadget#terms}), and {@code N_{a,i}} the same for
 * the negative entries; the output is {@code 0 + sum_a (P_{a,1..k} - N_{a,1..k})}. Zero entries are
 * not listed. For relu, {@code B = -M}, {@code W = M}, {@code v(y) = y} (Theorem C). Every hypothesis
 * is checked exhaustively over F before building, and the compiler still verifies the network on
 * every point.
 */
final class ColumnConstruction {
    private ColumnConstruction() {
    }

    /** A planned network: the table, the setting, gadgets and slice neuron, and its exact parameter count. */
    record Plan(FunctionTable t, Machine s, IndicatorGadgets g, SliceGadget slice, Layout layout) {
        long parameters() {
            return layout.parameters();
        }
    }

    /**
     * Why the columns construction does not apply to {@code t} in setting {@code s} with gadgets
     * {@code g}, or empty if its hypotheses (docs/COMPACT.md, Theorem C') hold: {@code d >= 2}, the
     * weights {@code +-1}, a slice neuron ({@link SliceGadget}, checked on every weight of F) and a
     * decomposition of every value of the table into at most {@link SliceGadget#MAX_TERMS} of its outputs.
     */
    static Optional<String> refusal(FunctionTable t, Machine s, IndicatorGadgets g) {
        int d = t.dims();
        if (d < 2) {
            return Optional.of("the columns strategy needs d >= 2 (it indexes slices by x0..x{d-2}), was d = " + d);
        }
        if (s.one().isEmpty() || !s.contains(-s.one().getAsLong())) {
            return Optional.of("the columns strategy needs the values 1 and -1 in " + s.arithmetic().formatName());
        }
        Optional<SliceGadget> slice = SliceGadget.find(s, g.high());
        if (slice.isEmpty()) {
            return Optional.of("the columns strategy needs a slice neuron tau(b + w*I + v*J) that is 0 unless I and J"
                    + " are both on, and positive then, for some v; none exists in " + s + " (b = -M or min, all w, v)");
        }
        Map<Long, long[]> terms = new java.util.HashMap<>();
        for (int i = 0; i < t.size(); i++) {
            long f = t.code(i);
            if (terms.computeIfAbsent(f, slice.get()::terms) == null) {
                return Optional.of("the columns strategy: no sum of at most " + SliceGadget.MAX_TERMS + " outputs of the slice neuron ("
                        + slice.get().describe() + ") gives the table value " + s.dec(f) + " in " + s);
            }
        }
        return Optional.empty();
    }

    /**
     * The plan of the columns network for {@code t}.
     *
     * @throws IllegalArgumentException with the reason if the hypotheses do not hold ({@link #refusal})
     */
    static Plan plan(FunctionTable t, Machine s, IndicatorGadgets g) {
        Optional<String> no = refusal(t, s, g);
        if (no.isPresent()) {
            throw new IllegalArgumentException(no.get());
        }
        SliceGadget slice = SliceGadget.find(s, g.high()).orElseThrow();
        return new Plan(t, s, g, slice, Layout.of(t, s, g, slice));
    }

    /**
     * The network of {@code plan}, checked to have the planned number of parameters.
     *
     * @throws IllegalStateException if the built network's parameters differ from the plan (a bug)
     */
    static Network build(Plan plan) {
        Machine s = plan.s();
        IndicatorGadgets g = plan.g();
        Layout l = plan.layout();
        List<Layer> layers = new ArrayList<>();
        for (int k = 0; k < g.detectorLength(); k++) {
            List<Neuron> ns = new ArrayList<>();
            for (int i = 0; i < l.detectors.size(); i++) {
                Stage st = g.detector(l.detectors.get(i).kind(), l.detectors.get(i).threshold()).get(k);
                ns.add(Neuron.of(st.bias(), new int[] {k == 0 ? l.detectors.get(i).coordinate() : i},
                        new long[] {st.weight()}));
            }
            layers.add(Layer.of(ns));
        }
        List<Neuron> nor = new ArrayList<>();
        for (Indicator ind : l.indicators) {
            nor.add(Neuron.of(g.norBias(), ind.detectors(), ind.norWeights()));
        }
        layers.add(Layer.of(nor));
        for (Stage st : g.normalizer()) {
            List<Neuron> ns = new ArrayList<>();
            for (int i = 0; i < nor.size(); i++) {
                ns.add(Neuron.of(st.bias(), new int[] {i}, new long[] {st.weight()}));
            }
            layers.add(Layer.of(ns));
        }
        List<Neuron> slices = new ArrayList<>();
        for (SliceNeuron n : l.sliceNeurons) {
            slices.add(Neuron.of(plan.slice().bias(), n.sources(), n.weights()));
        }
        layers.add(Layer.of(slices));
        int[] src = new int[slices.size()];
        long[] w = new long[slices.size()];
        long one = s.one().getAsLong();
        for (int i = 0; i < src.length; i++) {
            src[i] = i;
            w[i] = l.sliceNeurons.get(i).positive() ? one : -one;
        }
        layers.add(Layer.of(Neuron.of(0, src, w)));
        Network net = Network.of(s.arithmetic(), s.accumulation(), s.activation(), plan.t().dims(), layers, Map.of());
        if (net.size().parameters() != plan.parameters()) {
            throw new IllegalStateException("internal error: planned " + plan.parameters() + " parameters, built "
                    + net.size().parameters());
        }
        return net;
    }

    /** A detector chain: the input coordinate, the kind and the threshold code. */
    record Detector(int coordinate, IndicatorGadgets.Kind kind, long threshold) {
    }

    /** An indicator (a NOR neuron): the detectors it reads and their NOR weights. */
    record Indicator(int[] detectors, long[] norWeights) {
    }

    /**
     * A neuron of the slice layer: its sources (indicator indices, the slice indicator first) and
     * weights, and whether the output adds it ({@code P_a}) or subtracts it ({@code N_a}, {@code N'_a}).
     */
    record SliceNeuron(int[] sources, long[] weights, boolean positive) {
    }

    /** Detectors, indicators and slice neurons of a columns network, in network order. */
    static final class Layout {
        final List<Detector> detectors = new ArrayList<>();
        final Map<Detector, Integer> detectorIndex = new LinkedHashMap<>();
        final List<Indicator> indicators = new ArrayList<>();
        final List<SliceNeuron> sliceNeurons = new ArrayList<>();
        private final Machine s;
        private final IndicatorGadgets g;
        private final SliceGadget slice;
        private final Map<Long, long[]> terms = new java.util.HashMap<>();
        private final int[] columnIndicator;

        private Layout(Machine s, IndicatorGadgets g, SliceGadget slice) {
            this.s = s;
            this.g = g;
            this.slice = slice;
            this.columnIndicator = new int[s.size()];
            java.util.Arrays.fill(columnIndicator, -1);
        }

        static Layout of(FunctionTable t, Machine s, IndicatorGadgets g, SliceGadget slice) {
            Layout l = new Layout(s, g, slice);
            int d = t.dims();
            int n = s.size();
            int slices = t.size() / n;
            // column indicators first, in increasing b, for the values of x{d-1} with a nonzero entry
            boolean[] usedColumn = new boolean[n];
            for (int i = 0; i < t.size(); i++) {
                usedColumn[i % n] |= t.code(i) != 0;
            }
            for (int b = 0; b < n; b++) {
                if (usedColumn[b]) {
                    l.columnIndicator[b] = l.indicator(new int[] {d - 1}, new long[] {s.min() + b});
                }
            }
            for (int a = 0; a < slices; a++) {
                l.slice(t, a);
            }
            return l;
        }

        /**
         * The slice indicator and the slice neurons of slice {@code a}: {@code P_i} lists the i-th terms
         * of the positive entries' decompositions, {@code N_i} those of the negative ones (in the output:
         * {@code +P_1 .. +P_k}, then {@code -N_1 .. -N_k}).
         */
        private void slice(FunctionTable t, int a) {
            int n = s.size();
            int d = t.dims();
            int k = SliceGadget.MAX_TERMS;
            List<List<long[]>> lists = new ArrayList<>();
            for (int i = 0; i < 2 * k; i++) {
                lists.add(new ArrayList<>());
            }
            for (int b = 0; b < n; b++) {
                long f = t.code(a * n + b);
                long[] ys = terms.computeIfAbsent(f, slice::terms);
                for (int i = 0; i < ys.length; i++) {
                    lists.get((f > 0 ? 0 : k) + i).add(new long[] {b, slice.weightOf().get(ys[i])});
                }
            }
            if (lists.stream().allMatch(List::isEmpty)) {
                return;
            }
            long[] point = t.space().point((long) a * n);
            int[] coords = new int[d - 1];
            long[] values = new long[d - 1];
            for (int j = 0; j < d - 1; j++) {
                coords[j] = j;
                values[j] = point[j];
            }
            int ia = indicator(coords, values);
            for (int i = 0; i < 2 * k; i++) {
                sliceNeuron(ia, lists.get(i), i < k);
            }
        }

        private void sliceNeuron(int ia, List<long[]> entries, boolean positive) {
            if (entries.isEmpty()) {
                return;
            }
            int[] src = new int[entries.size() + 1];
            long[] w = new long[entries.size() + 1];
            src[0] = ia;
            w[0] = slice.sliceWeight();
            for (int i = 0; i < entries.size(); i++) {
                src[i + 1] = columnIndicator[(int) entries.get(i)[0]];
                w[i + 1] = entries.get(i)[1];
            }
            sliceNeurons.add(new SliceNeuron(src, w, positive));
        }

        /** Adds the indicator of {@code x_{coords[i]} = values[i]} for all i; returns its index. */
        private int indicator(int[] coords, long[] values) {
            List<Integer> ids = new ArrayList<>();
            List<Long> ws = new ArrayList<>();
            for (int i = 0; i < coords.length; i++) {
                long v = values[i];
                if (v > s.min()) {
                    ids.add(detector(new Detector(coords[i], IndicatorGadgets.Kind.LO, v)));
                    ws.add(g.norWeight(IndicatorGadgets.Kind.LO, v));
                }
                if (v < s.max()) {
                    ids.add(detector(new Detector(coords[i], IndicatorGadgets.Kind.HI, v)));
                    ws.add(g.norWeight(IndicatorGadgets.Kind.HI, v));
                }
            }
            indicators.add(new Indicator(ids.stream().mapToInt(Integer::intValue).toArray(),
                    ws.stream().mapToLong(Long::longValue).toArray()));
            return indicators.size() - 1;
        }

        private int detector(Detector key) {
            return detectorIndex.computeIfAbsent(key, k -> {
                detectors.add(k);
                return detectors.size() - 1;
            });
        }

        /**
         * The exact parameter count (docs/COMPACT.md §3): {@code 2 D} per detector chain, {@code 1 +
         * fan-in + 2 L} per indicator, {@code 1 + fan-in} per slice neuron, {@code 1 + (slice
         * neurons)} for the output.
         */
        long parameters() {
            long p = 2L * g.detectorLength() * detectors.size();
            for (Indicator i : indicators) {
                p += 1 + i.detectors().length + 2L * g.normalizerLength();
            }
            for (SliceNeuron n : sliceNeurons) {
                p += 1 + n.sources().length;
            }
            return p + 1 + sliceNeurons.size();
        }
    }
}

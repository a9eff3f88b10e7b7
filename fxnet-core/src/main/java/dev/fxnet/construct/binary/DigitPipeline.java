package dev.fxnet.construct.binary;

import dev.fxnet.gadget.Machine;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Neuron;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The digit pipeline of the bit-slice construction (docs/BINARY-COMPACT.md §3): narrow relu layers
 * that turn each coordinate {@code x_i} into <em>digit pairs</em> {@code (B_j, C_j)}, {@code B_j = M [digit j
 * of x_i]}, {@code C_j = M - B_j}, whose pattern determines {@code x_i}. Codes only; the setting is one where
 * {@link BitSliceCompiler#outside} is null (relu, SATURATE, PER_OP, symmetric fixed point).
 *
 * <p>Every layer after the first two holds a constant neuron {@code K = tau(acc(M; +all))} = M first and
 * then, per coordinate, a block of the same <em>template</em>: neurons given by an effective bias
 * {@code e} in {@code {-M, 0, M}} and a few <em>wanted</em> reads of the previous template. The real
 * neuron absorbs every other source by saturation (Lemma A of the document: all signals are
 * {@code >= 0}, so {@code -M - y = -M} and {@code M + y = M}): bias {@code -M}, the unwanted sources
 * with {@code -1}, then {@code +K} (which returns the accumulator to 0) for {@code e = 0}, or bias
 * {@code M} and the unwanted sources with {@code +1} for {@code e = M}; then the wanted reads. Its
 * output is therefore {@code tau(acc(e; wanted))}, which is what the template values are computed
 * with, exactly, with the setting's own operations, on every value of the coordinate.
 *
 * <p>The template: a <em>fold</em> {@code y -> T(y) = min(2y, M) - relu(2y - M)} (two layers, read by
 * twins), whose byproduct {@code relu(2y - M)} is {@code >= 1} exactly where {@code y >= (M+1)/2}; every
 * such byproduct, and the coordinate's sign pieces, start a <em>chain</em> of doublings
 * {@code z -> min(2z, M)} that runs until it takes only the values 0 and {@code M}. The fold stops when
 * its value is constant; the pipeline ends when every chain is two-valued, with one layer of digit pairs.
 * Constant digits are dropped; the patterns of distinct values of {@code x_i} are checked distinct.
 */
final class DigitPipeline {
    /** A template neuron: effective bias and wanted reads (template indices and signs +-1), in order. */
    record Spec(long bias, int[] sources, int[] signs) {
    }

    /**
     * The outcome: the real layers from the first to the digit layer, the number of digits per
     * coordinate, and the digit pattern of every code {@code min + t} ({@code patterns[t][j]}).
     */
    record Digits(List<Layer> layers, int digits, boolean[][] patterns) {
    }

    private static final int MAX_LAYERS = 200;

    private final Machine s;
    private final long big;
    private final long one;
    private final int dims;
    private final List<Layer> layers;
    private List<long[]> values;

    private DigitPipeline(Machine s, int dims, List<Layer> layers, List<long[]> values) {
        this.s = s;
        this.big = s.max();
        this.one = s.one().orElseThrow();
        this.dims = dims;
        this.layers = layers;
        this.values = values;
    }

    /**
     * The pipeline for {@code d = 1} or {@code d = 2}, or a refusal naming the stage.
     *
     * @throws IllegalArgumentException if {@code dims} is not 1 or 2 (a bug)
     */
    static Attempt<Digits> build(Machine s, int dims) {
        if (dims == 1) {
            return oneCoordinate(s);
        }
        if (dims != 2) {
            throw new IllegalArgumentException("the digit pipeline is for d = 1 or 2, not " + dims);
        }
        return CoordinatePieces.build(s).map(p -> {
            DigitPipeline pipe = new DigitPipeline(s, 2, p.layers(), p.values());
            // template of layer 3: the fold of the pieces, and the chains of the three sign digits
            List<Spec> third = new ArrayList<>();
            for (int c = 0; c < 2; c++) { // min(|2x|, 2M - |2x|) = P0 - P1 + N0 - N1, twice
                third.add(new Spec(0, new int[] {0, 4, 2, 5}, new int[] {1, -1, 1, -1}));
            }
            for (int[] pair : new int[][] {{4, 5}, {0, 1}, {2, 3}}) { // [|2x| > M], [x > 0], [x < 0]
                int sign = 1;
                third.add(new Spec(0, pair, new int[] {sign, sign}));
                third.add(new Spec(0, pair, new int[] {sign, sign}));
            }
            pipe.emit(third);
            return pipe;
        }).flatMap(pipe -> pipe.run(new int[] {0, 1}, List.of(new int[] {2, 3}, new int[] {4, 5}, new int[] {6, 7})));
    }

    /**
     * {@code d = 1}: layer 1 holds {@code P = relu(x)} and {@code N = relu(-x)} three times each; layer 2
     * the constant, {@code |x| = P - P + P + N - N + N} twice and {@code min(3P, M)}, {@code min(3N, M)}
     * twice each (the supports of {@code P} and {@code N} are disjoint, so {@code -N} after {@code 3P}
     * only acts where {@code P = 0}).
     */
    private static Attempt<Digits> oneCoordinate(Machine s) {
        long one = s.one().orElseThrow();
        List<Neuron> first = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            first.add(Neuron.of(0, new int[] {0}, new long[] {i < 3 ? one : -one}));
        }
        int[] all = {0, 1, 2, 3, 4, 5};
        List<Neuron> second = new ArrayList<>();
        second.add(Neuron.of(s.max(), all, signs(one, 1, 1, 1, 1, 1, 1)));
        for (int c = 0; c < 2; c++) {
            second.add(Neuron.of(0, all, signs(one, 1, -1, 1, 1, -1, 1)));
        }
        for (int c = 0; c < 2; c++) {
            second.add(Neuron.of(0, all, signs(one, 1, 1, 1, -1, -1, -1)));
        }
        for (int c = 0; c < 2; c++) {
            second.add(Neuron.of(0, all, signs(one, -1, -1, -1, 1, 1, 1)));
        }
        List<Layer> layers = new ArrayList<>(List.of(Layer.of(first), Layer.of(second)));
        List<long[]> vals = new ArrayList<>();
        for (int j = 1; j < second.size(); j++) {
            vals.add(new long[s.size()]);
        }
        long[] in = new long[1];
        long[] hidden = new long[6];
        for (int t = 0; t < s.size(); t++) {
            in[0] = s.min() + t;
            for (int i = 0; i < 6; i++) {
                hidden[i] = output(s, first.get(i), in);
            }
            if (output(s, second.get(0), hidden) != s.max()) {
                return Attempt.refused("bit slices: the constant neuron of layer 2 is not M at x = " + s.dec(in[0]));
            }
            for (int j = 1; j < second.size(); j++) {
                vals.get(j - 1)[t] = output(s, second.get(j), hidden);
            }
        }
        DigitPipeline pipe = new DigitPipeline(s, 1, layers, vals);
        return pipe.run(new int[] {0, 1}, List.of(new int[] {2, 3}, new int[] {4, 5}));
    }

    private static long[] signs(long one, int... signs) {
        long[] w = new long[signs.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = signs[i] * one;
        }
        return w;
    }

    /** The output {@code tau(acc)} of a hidden neuron on the values {@code in} of its previous layer. */
    static long output(Machine s, Neuron n, long[] in) {
        long[] y = new long[n.fanIn()];
        for (int i = 0; i < y.length; i++) {
            y[i] = in[n.source(i)];
        }
        return s.tau(s.accumulate(n.bias(), n.weights(), y, y.length));
    }

    /**
     * Folds and doubles from the template whose fold value is held by {@code fold} (two copies) and
     * whose chains are {@code chains} (two copies each), then adds the digit layer.
     */
    private Attempt<Digits> run(int[] fold, List<int[]> chains) {
        int[] value = fold; // the fold value's copies, or null while the fold is half done or finished
        int[] half = null; // A, B, B' of a half-done fold
        List<int[]> live = chains;
        for (int round = 0; ; round++) {
            if (round > MAX_LAYERS) {
                return Attempt.refused("bit slices: the digit chains did not settle in " + MAX_LAYERS + " layers");
            }
            live = live.stream().filter(c -> !constant(values.get(c[0]))).toList();
            if (distinguishing(live)) { // the fold has given enough digits; keep only the chains needed
                value = null;
                half = null;
                live = essential(live);
            }
            if (value == null && half == null && live.stream().allMatch(c -> twoValued(values.get(c[0])))) {
                return digitLayer(live);
            }
            List<Spec> next = new ArrayList<>();
            int[] nextValue = null;
            int[] nextHalf = null;
            List<int[]> nextLive = new ArrayList<>();
            if (value != null) {
                nextHalf = new int[] {next.size(), next.size() + 1, next.size() + 2};
                next.add(new Spec(0, value, new int[] {1, 1}));
                next.add(new Spec(-big, value, new int[] {1, 1}));
                next.add(new Spec(-big, value, new int[] {1, 1}));
            } else if (half != null) {
                nextValue = new int[] {next.size(), next.size() + 1};
                next.add(new Spec(0, new int[] {half[0], half[1]}, new int[] {1, -1}));
                next.add(new Spec(0, new int[] {half[0], half[1]}, new int[] {1, -1}));
                nextLive.add(doubling(next, new int[] {half[1], half[2]}));
            }
            for (int[] c : live) {
                nextLive.add(doubling(next, c));
            }
            emit(next);
            value = nextValue;
            half = nextHalf;
            live = nextLive;
        }
    }

    /** Adds the two copies of {@code min(2z, M)} for the chain {@code c} to {@code next}; their indices. */
    private static int[] doubling(List<Spec> next, int[] c) {
        int[] at = {next.size(), next.size() + 1};
        next.add(new Spec(0, c, new int[] {1, 1}));
        next.add(new Spec(0, c, new int[] {1, 1}));
        return at;
    }

    /** The digit layer: {@code B = tau(acc(0; +z))}, {@code C = tau(acc(M; -z))} per chain that is not constant. */
    private Attempt<Digits> digitLayer(List<int[]> chains) {
        List<Spec> next = new ArrayList<>();
        for (int[] c : chains) {
            if (!constant(values.get(c[0]))) {
                next.add(new Spec(0, new int[] {c[0]}, new int[] {1}));
                next.add(new Spec(big, new int[] {c[0]}, new int[] {-1}));
            }
        }
        emit(next);
        int digits = next.size() / 2;
        boolean[][] patterns = new boolean[s.size()][digits];
        Set<String> seen = new HashSet<>();
        for (int t = 0; t < s.size(); t++) {
            for (int j = 0; j < digits; j++) {
                long b = values.get(2 * j)[t];
                long c = values.get(2 * j + 1)[t];
                if (!(b == big && c == 0 || b == 0 && c == big)) {
                    return Attempt.refused("bit slices: digit " + j + " is (" + s.dec(b) + ", " + s.dec(c)
                            + ") at x = " + s.dec(s.min() + t) + ", not (M, 0) or (0, M)");
                }
                patterns[t][j] = b == big;
            }
            if (!seen.add(Arrays.toString(patterns[t]))) {
                return Attempt.refused("bit slices: two values of a coordinate have the same digits, e.g. x = "
                        + s.dec(s.min() + t));
            }
        }
        return Attempt.built(new Digits(layers, digits, patterns));
    }

    /** Appends the template layer {@code specs}: its real neurons (every coordinate) and its values. */
    private void emit(List<Spec> specs) {
        int prevWidth = values.size();
        List<Neuron> real = new ArrayList<>();
        real.add(constantNeuron(1 + dims * prevWidth));
        for (int i = 0; i < dims; i++) {
            for (Spec sp : specs) {
                real.add(absorbing(sp, 1 + i * prevWidth, 1 + dims * prevWidth));
            }
        }
        layers.add(Layer.of(real));
        List<long[]> next = new ArrayList<>();
        for (Spec sp : specs) {
            long[] v = new long[s.size()];
            for (int t = 0; t < v.length; t++) {
                long acc = sp.bias();
                for (int r = 0; r < sp.sources().length; r++) {
                    acc = s.add(acc, s.mul(sp.signs()[r] * one, values.get(sp.sources()[r])[t]));
                }
                v[t] = s.tau(acc);
            }
            next.add(v);
        }
        values = next;
    }

    /** {@code K = tau(acc(M; +y for every source))}. */
    private Neuron constantNeuron(int width) {
        int[] src = new int[width];
        long[] w = new long[width];
        for (int i = 0; i < width; i++) {
            src[i] = i;
            w[i] = one;
        }
        return Neuron.of(big, src, w);
    }

    /**
     * The real neuron of {@code sp} for the coordinate block at {@code offset} of a previous layer of
     * {@code width} sources (source 0 the constant {@code K = M}): absorbs the unwanted sources.
     */
    private Neuron absorbing(Spec sp, int offset, int width) {
        boolean[] wanted = new boolean[width];
        for (int r : sp.sources()) {
            wanted[offset + r] = true;
        }
        int[] src = new int[width];
        long[] w = new long[width];
        int k = 0;
        long absorbSign = sp.bias() == big ? one : -one;
        for (int i = 1; i < width; i++) {
            if (!wanted[i]) {
                src[k] = i;
                w[k++] = absorbSign;
            }
        }
        src[k] = 0; // K: +M back to 0 for the effective bias 0, else absorbed with the rest
        w[k++] = sp.bias() == 0 ? one : absorbSign;
        for (int r = 0; r < sp.sources().length; r++) {
            src[k] = offset + sp.sources()[r];
            w[k++] = sp.signs()[r] * one;
        }
        return Neuron.of(sp.bias() == big ? big : -big, src, w);
    }

    /** Whether the digits {@code [z > 0]} of the chains {@code chains} tell every two codes apart. */
    private boolean distinguishing(List<int[]> chains) {
        Set<String> seen = new HashSet<>();
        for (int t = 0; t < s.size(); t++) {
            StringBuilder key = new StringBuilder();
            for (int[] c : chains) {
                key.append(values.get(c[0])[t] > 0 ? '1' : '0');
            }
            if (!seen.add(key.toString())) {
                return false;
            }
        }
        return true;
    }

    /** {@code chains} without those (tried in order) whose digit the others already determine. */
    private List<int[]> essential(List<int[]> chains) {
        List<int[]> kept = new ArrayList<>(chains);
        for (int i = 0; i < kept.size(); ) {
            List<int[]> without = new ArrayList<>(kept);
            without.remove(i);
            if (distinguishing(without)) {
                kept = without;
            } else {
                i++;
            }
        }
        return kept;
    }

    private static boolean constant(long[] v) {
        return Arrays.stream(v).allMatch(x -> x == v[0]);
    }

    private boolean twoValued(long[] v) {
        return Arrays.stream(v).allMatch(x -> x == 0 || x == big);
    }
}

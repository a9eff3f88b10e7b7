package dev.fxnet.construct.binary;

import dev.fxnet.gadget.Machine;
import dev.fxnet.network.Neuron;
import dev.fxnet.target.FunctionTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongUnaryOperator;

/**
 * The thresholds of the saturated sign construction (docs/THEORY.md §13.1.5, Theorem B8):
 * second-layer neurons {@code z = tau(acc(beta; k1 (p y), k2 (-p y)))} over a first-layer neuron {@code y}
 * (a <em>ramp</em>: any bias, signs and order): {@code k1} copies of {@code y} with sign {@code p = +-1},
 * then {@code k2} with sign {@code -p}, {@code (k1, k2) = (2, 0)} or {@code (k, k)}, {@code 1 <= k <= maxK};
 * the bias {@code beta} is one after which the twins of every ramp cancel. Each threshold is seen by the later layers
 * only through its <em>class</em> on a point, a function of {@code z} given by {@code classOf}
 * (which of its two steps are on). The thresholds are chosen greedily, each refining the partition of
 * {@code F^d} by the classes most among a fixed pseudo-random sample of candidates (every candidate
 * once the sample stops refining), until the partition is discrete: the classes then determine the point.
 *
 * @param ramps the first-layer neurons read, with their values on every point ({@code rampValues})
 * @param rampValues per ramp, its outputs on every point (point index order of the table's input space)
 * @param reads per threshold {@code {ramp index, p, k1, k2, beta}}
 * @param values per threshold, {@code z} on every point
 */
record SignThresholds(List<Neuron> ramps, List<long[]> rampValues, List<long[]> reads, List<long[]> values) {
    /** Candidates evaluated per round before every candidate is tried. */
    static final int SAMPLE = 512;

    /**
     * Chooses thresholds whose classes determine every point of the table's {@code F^d}, or empty if
     * the classes of all candidates do not.
     */
    static Optional<SignThresholds> choose(FunctionTable target, Machine s, LongUnaryOperator classOf, int maxK) {
        long[][] pts = Directions.points(target);
        Map<String, long[]> byValues = new LinkedHashMap<>();
        Map<String, Neuron> neuronOf = new HashMap<>();
        rampCandidates(s, pts, byValues, neuronOf);
        List<long[]> ramps = new ArrayList<>(byValues.values());
        List<Neuron> rampNeurons = new ArrayList<>();
        for (String k : byValues.keySet()) {
            rampNeurons.add(neuronOf.get(k));
        }
        long[] biases = biases(s, ramps);
        int[][] patterns = patterns(maxK);
        long candidates = (long) ramps.size() * patterns.length * biases.length;
        int n = pts.length;
        int[] cls = new int[n];
        int[] scratch = new int[4 * n];
        Arrays.fill(scratch, -1);
        int classes = 1;
        List<long[]> chosen = new ArrayList<>();
        long[] state = {0x2545F4914F6CDD1DL};
        while (classes < n) {
            long best = -1;
            int bestClasses = classes;
            for (int k = 0; k < SAMPLE; k++) {
                state[0] = state[0] * 6364136223846793005L + 1442695040888963407L;
                long c = Long.remainderUnsigned(state[0] >>> 11, candidates);
                int got = refined(cls, classes(s, ramps, patterns, biases, c, classOf), null, scratch);
                if (got > bestClasses) {
                    bestClasses = got;
                    best = c;
                }
            }
            for (long c = 0; best < 0 && c < candidates; c++) { // the sample did not refine: the first candidate that does
                if (refined(cls, classes(s, ramps, patterns, biases, c, classOf), null, scratch) > classes) {
                    best = c;
                }
            }
            if (best < 0) {
                return Optional.empty();
            }
            classes = refined(cls, classes(s, ramps, patterns, biases, best, classOf), cls, scratch);
            chosen.add(decode(patterns, biases, best, ramps.size()));
        }
        return Optional.of(used(s, rampNeurons, ramps, chosen));
    }

    /** Every first-layer neuron's outputs on every point, distinct functions only, in order of bias, then shape. */
    private static void rampCandidates(Machine s, long[][] pts, Map<String, long[]> byValues, Map<String, Neuron> neuronOf) {
        int d = pts[0].length;
        long one = s.one().orElseThrow();
        for (int[][] shape : BinaryGadgets.firstLayerShapes(d)) {
            long[] w = new long[d];
            int[] order = shape[1];
            for (int j = 0; j < d; j++) {
                w[j] = shape[0][j] * one;
            }
            long[] ys = new long[d];
            for (long b = s.min(); b <= s.max(); b++) {
                long[] y = new long[pts.length];
                for (int i = 0; i < pts.length; i++) {
                    for (int j = 0; j < d; j++) {
                        ys[j] = pts[i][order[j]];
                    }
                    y[i] = s.tau(s.accumulate(b, w, ys, d));
                }
                String key = Arrays.toString(y);
                if (byValues.putIfAbsent(key, y) == null) {
                    neuronOf.put(key, Neuron.of(b, order, w));
                }
            }
        }
    }

    /** The biases after which the twins of every ramp cancel (in one order or the other) on every value. */
    private static long[] biases(Machine s, List<long[]> ramps) {
        long[] union = ramps.stream().flatMapToLong(Arrays::stream).distinct().sorted().toArray();
        List<Long> out = new ArrayList<>();
        for (long b = s.min(); b <= s.max(); b++) {
            if (BinaryGadgets.cancels(s, b, union) != 0) {
                out.add(b);
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * The reading patterns {@code {p, k1, k2}} ({@code k1} copies of {@code p y}, then {@code k2} of
     * {@code -p y}): {@code {p, 2, 0}} and {@code {p, k, k}} for {@code 1 <= k <= maxK}, {@code p = +-1}.
     */
    private static int[][] patterns(int maxK) {
        List<int[]> out = new ArrayList<>();
        for (int p : new int[] {1, -1}) {
            out.add(new int[] {p, 2, 0});
            for (int k = 1; k <= maxK; k++) {
                out.add(new int[] {p, k, k});
            }
        }
        return out.toArray(int[][]::new);
    }

    /** Candidate {@code c} as {@code {ramp, p, k1, k2, beta}}. */
    private static long[] decode(int[][] patterns, long[] biases, long c, int ramps) {
        int r = (int) (c % ramps);
        long rest = c / ramps;
        int[] p = patterns[(int) (rest % patterns.length)];
        long beta = biases[(int) (rest / patterns.length)];
        return new long[] {r, p[0], p[1], p[2], beta};
    }

    /** The threshold {@code z} of candidate {@code read} on every point. */
    private static long[] z(Machine s, List<long[]> ramps, long[] read) {
        long[] y = ramps.get((int) read[0]);
        long one = s.one().orElseThrow();
        long[] byValue = new long[s.size()]; // z as a function of the ramp's value
        for (long v = s.min(); v <= s.max(); v++) {
            byValue[(int) (v - s.min())] = s.tau(s.chain2(read[4], read[1] * one, v, read[2], -read[1] * one, v, read[3]));
        }
        long[] out = new long[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = byValue[(int) (y[i] - s.min())];
        }
        return out;
    }

    private static long[] classes(Machine s, List<long[]> ramps, int[][] patterns, long[] biases, long c,
            LongUnaryOperator classOf) {
        long[] z = z(s, ramps, decode(patterns, biases, c, ramps.size()));
        for (int i = 0; i < z.length; i++) {
            z[i] = classOf.applyAsLong(z[i]);
        }
        return z;
    }

    /**
     * The number of classes of the partition {@code cls} refined by {@code key} (values 0..3); the
     * refined classes are written to {@code out} if it is not null. {@code scratch} ({@code 4 |cls|}
     * entries, all -1) is left as it was found.
     */
    private static int refined(int[] cls, long[] key, int[] out, int[] scratch) {
        int[] ks = new int[cls.length];
        int next = 0;
        for (int i = 0; i < cls.length; i++) {
            ks[i] = 4 * cls[i] + (int) key[i];
            if (scratch[ks[i]] < 0) {
                scratch[ks[i]] = next++;
            }
        }
        for (int i = 0; i < cls.length; i++) {
            if (out != null) {
                out[i] = scratch[ks[i]];
            }
        }
        for (int k : ks) {
            scratch[k] = -1;
        }
        return next;
    }

    /** The thresholds with only the ramps they read, renumbered. */
    private static SignThresholds used(Machine s, List<Neuron> neurons, List<long[]> ramps, List<long[]> chosen) {
        Map<Integer, Integer> index = new LinkedHashMap<>();
        List<Neuron> usedNeurons = new ArrayList<>();
        List<long[]> usedValues = new ArrayList<>();
        List<long[]> reads = new ArrayList<>();
        List<long[]> values = new ArrayList<>();
        for (long[] c : chosen) {
            int r = (int) c[0];
            Integer k = index.get(r);
            if (k == null) {
                k = usedNeurons.size();
                index.put(r, k);
                usedNeurons.add(neurons.get(r));
                usedValues.add(ramps.get(r));
            }
            values.add(z(s, ramps, c));
            reads.add(new long[] {k, c[1], c[2], c[3], c[4]});
        }
        return new SignThresholds(List.copyOf(usedNeurons), List.copyOf(usedValues), List.copyOf(reads), List.copyOf(values));
    }
}

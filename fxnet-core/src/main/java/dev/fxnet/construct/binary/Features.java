package dev.fxnet.construct.binary;

import dev.fxnet.eval.InputSpace;
import dev.fxnet.gadget.Machine;
import dev.fxnet.target.FunctionTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The features of the feature step construction ({@link FeatureConstruction}, docs/THEORY.md §13,
 * Theorem B5): binary first-layer neurons {@code phi_k(x) = tau(acc(b_k; s_k1 x_pi(1), ...))} whose
 * outputs together determine the point of {@code F^d}. They are chosen greedily among all
 * {@code |F| 2^d d!} first-layer neurons, each time the one that splits the classes of points with
 * equal features so far into the most classes, until every class is one point; the choice depends
 * only on the setting and {@code d}, never on the table.
 *
 * @param neurons per feature {@code {bias, shape index}} into {@link BinaryGadgets#firstLayerShapes}
 * @param values per feature, its output on every point of {@code F^d} (table order)
 */
record Features(List<long[]> neurons, long[][] values) {
    /** At most this many features are chosen. */
    static final int MAX_FEATURES = 48;
    /**
     * The most first-layer neuron evaluations ({@code |F| 2^d d!} neurons on {@code |F|^d} points)
     * the choice may take; above it the construction refuses (a count, not a time).
     */
    static final long MAX_WORK = 2_000_000_000L;

    /** The first-layer neuron evaluations {@link #choose} needs for {@code points} points of {@code F^d}. */
    static double work(Machine s, int d, long points) {
        double neurons = s.size() * Math.pow(2, d);
        for (int j = 2; j <= d; j++) {
            neurons *= j;
        }
        return neurons * points;
    }

    /**
     * The greedy features of {@code F^d} for the table's dimension, or empty if no choice of at most
     * {@link #MAX_FEATURES} determines the point (binary N-sep fails on {@code F^d}, or it needs more).
     * Each round takes the first-layer neuron with the most information per threshold it costs:
     * {@code log(classes after / classes before) / (its number of distinct outputs - 1)}, since the
     * construction builds a step for every value of a feature but its least, in both orientations.
     */
    static Optional<Features> choose(Machine s, FunctionTable target) {
        int n = target.size();
        int size = (int) s.size();
        int[][] all = outputs(s, target);
        int[] distinct = new int[all.length];
        for (int c = 0; c < all.length; c++) {
            distinct[c] = (int) Arrays.stream(all[c]).distinct().count();
        }
        int shapes = BinaryGadgets.firstLayerShapes(target.dims()).size();
        int[] cls = new int[n];
        int classes = 1;
        List<long[]> chosen = new ArrayList<>();
        List<long[]> values = new ArrayList<>();
        int[] stamp = new int[n * size];
        int round = 0;
        while (classes < n && chosen.size() < MAX_FEATURES) {
            int best = -1;
            double bestScore = 0;
            for (int c = 0; c < all.length; c++) {
                if (distinct[c] < 2) {
                    continue;
                }
                round++;
                int count = 0;
                for (int i = 0; i < n; i++) {
                    int key = cls[i] * size + all[c][i];
                    if (stamp[key] != round) {
                        stamp[key] = round;
                        count++;
                    }
                }
                double score = Math.log((double) count / classes) / (distinct[c] - 1);
                if (count > classes && score > bestScore) {
                    bestScore = score;
                    best = c;
                }
            }
            if (best < 0) {
                return Optional.empty();
            }
            classes = refine(cls, all[best], size);
            chosen.add(new long[] {s.min() + best / shapes, best % shapes});
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = s.min() + all[best][i];
            }
            values.add(v);
        }
        return classes == n ? Optional.of(new Features(List.copyOf(chosen), values.toArray(long[][]::new)))
                : Optional.empty();
    }

    /**
     * Every first-layer neuron's outputs on every point, as offsets from {@code min}: candidate
     * {@code b * shapes + h} has bias {@code min + b} and shape {@code h}.
     */
    private static int[][] outputs(Machine s, FunctionTable target) {
        int d = target.dims();
        int n = target.size();
        long[][] pts = Directions.points(target);
        List<int[][]> shapes = BinaryGadgets.firstLayerShapes(d);
        int size = (int) s.size();
        int[][] all = new int[size * shapes.size()][];
        for (int h = 0; h < shapes.size(); h++) {
            int[] order = shapes.get(h)[1];
            long[] w = new long[d];
            for (int j = 0; j < d; j++) {
                w[j] = shapes.get(h)[0][j] * s.one().orElseThrow();
            }
            long[] ys = new long[d];
            for (int b = 0; b < size; b++) {
                int[] out = new int[n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < d; j++) {
                        ys[j] = pts[i][order[j]];
                    }
                    out[i] = (int) (s.tau(s.accumulate(s.min() + b, w, ys, d)) - s.min());
                }
                all[b * shapes.size() + h] = out;
            }
        }
        return all;
    }

    /** Refines the classes {@code cls} by the outputs {@code out} in place; returns the number of classes. */
    private static int refine(int[] cls, int[] out, int size) {
        int[] id = new int[cls.length * size];
        Arrays.fill(id, -1);
        int next = 0;
        for (int i = 0; i < cls.length; i++) {
            int key = cls[i] * size + out[i];
            if (id[key] < 0) {
                id[key] = next++;
            }
            cls[i] = id[key];
        }
        return next;
    }

    /** The number of features. */
    int count() {
        return neurons.size();
    }

    /**
     * The directions of the step construction: every feature {@code phi_k} (direction {@code 2k})
     * and its negation {@code -phi_k} (direction {@code 2k + 1}), so that both {@code [phi_k > v]}
     * and {@code [phi_k < v]} are steps of the form {@code [dir >= c]}; each as the rank of its value
     * among the values it takes ({@code 0..r-1}), so that thresholds fall only between values.
     */
    Directions directions(FunctionTable target) {
        int n = target.size();
        InputSpace sp = target.space();
        long[][] pts = new long[n][];
        for (int i = 0; i < n; i++) {
            pts[i] = sp.point(i);
        }
        int k2 = 2 * count();
        List<int[][]> shapes = BinaryGadgets.firstLayerShapes(target.dims());
        int[][] coefficients = new int[k2][];
        long[][] dv = new long[k2][n];
        long[] lo = new long[k2];
        long[] hi = new long[k2];
        for (int k = 0; k < k2; k++) {
            int sign = k % 2 == 0 ? 1 : -1;
            coefficients[k] = shapes.get((int) neurons.get(k / 2)[1])[0].clone();
            long[] sorted = Arrays.stream(values[k / 2]).map(x -> sign * x).distinct().sorted().toArray();
            for (int i = 0; i < n; i++) {
                dv[k][i] = Arrays.binarySearch(sorted, sign * values[k / 2][i]);
            }
            lo[k] = 0;
            hi[k] = sorted.length - 1;
        }
        return new Directions(pts, coefficients, dv, lo, hi, neurons.toArray(long[][]::new));
    }
}

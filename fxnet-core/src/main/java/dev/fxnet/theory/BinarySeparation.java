package dev.fxnet.theory;

import dev.fxnet.gadget.Machine;
import dev.fxnet.construct.binary.BinaryGadgets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * N-sep in dimension {@code d} for binary weights: every first-layer neuron of a binary-weight
 * network lists every input once with weight {@code +-1}, in some order, after a bias {@code b}.
 * If two points {@code x != x'} of {@code F^d} give the same output {@code tau(acc(b; +-x_pi(1), ...))}
 * for every bias, sign pattern and order, then every network gives them the same output (the later
 * layers see only the first layer's outputs), so the indicator of {@code x} is not represented.
 *
 * <p>The check enumerates all {@code |F| * 2^d * d!} first-layer neurons on all of {@code F^d}; it is
 * run for {@code |F|^d <=} {@link #MAX_POINTS}. In dimension 1 it is N-sep of {@link NecessaryCondition}.
 */
public final class BinarySeparation {
    /** Largest {@code |F|^d} checked. */
    public static final long MAX_POINTS = 1L << 16;

    private BinarySeparation() {
    }

    /** Whether the check runs for this machine and dimension. */
    public static boolean feasible(Machine m, int dims) {
        return dims >= 1 && dims <= 4 && Math.pow(m.size(), dims) <= MAX_POINTS && m.one().isPresent();
    }

    /**
     * Two points (indices in the {@link Witness} order) that no binary first-layer neuron separates,
     * or empty if every pair is separated.
     */
    public static Optional<long[]> unseparated(Machine m, int dims) {
        if (!feasible(m, dims)) {
            throw new IllegalArgumentException("binary separation is checked for |F|^d <= " + MAX_POINTS + ", d <= 4");
        }
        int size = (int) m.size();
        int n = (int) Math.round(Math.pow(size, dims));
        long one = m.one().getAsLong();
        long[] hash = new long[n];
        long[] x = new long[dims];
        long[] in = new long[dims];
        List<int[][]> shapes = BinaryGadgets.firstLayerShapes(dims);
        for (long b = m.min(); b <= m.max(); b++) {
            for (int[][] shape : shapes) {
                long[] w = weights(shape[0], one);
                for (int i = 0; i < n; i++) {
                    point(i, size, m.min(), x);
                    for (int j = 0; j < dims; j++) {
                        in[j] = x[shape[1][j]];
                    }
                    long y = m.tau(m.accumulate(b, w, in, dims));
                    hash[i] = hash[i] * 0x9E3779B97F4A7C15L + y + 0x632BE59BD9B4E019L;
                }
            }
        }
        Map<Long, Integer> first = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Integer j = first.putIfAbsent(hash[i], i);
            if (j != null && sameEverywhere(m, dims, j, i, shapes, one)) {
                return Optional.of(new long[] {j, i});
            }
        }
        return Optional.empty();
    }

    /** Confirms a hash collision exactly. */
    private static boolean sameEverywhere(Machine m, int dims, int p1, int p2, List<int[][]> shapes, long one) {
        int size = (int) m.size();
        long[] x1 = new long[dims];
        long[] x2 = new long[dims];
        point(p1, size, m.min(), x1);
        point(p2, size, m.min(), x2);
        long[] a = new long[dims];
        long[] c = new long[dims];
        for (long b = m.min(); b <= m.max(); b++) {
            for (int[][] shape : shapes) {
                long[] w = weights(shape[0], one);
                for (int j = 0; j < dims; j++) {
                    a[j] = x1[shape[1][j]];
                    c[j] = x2[shape[1][j]];
                }
                if (m.tau(m.accumulate(b, w, a, dims)) != m.tau(m.accumulate(b, w, c, dims))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static long[] weights(int[] signs, long one) {
        long[] w = new long[signs.length];
        for (int j = 0; j < w.length; j++) {
            w[j] = signs[j] * one;
        }
        return w;
    }

    /** The coordinates of point {@code i}: {@code x_j = min + (i / |F|^j) mod |F|}. */
    static void point(long i, int size, long min, long[] out) {
        long rest = i;
        for (int j = 0; j < out.length; j++) {
            out[j] = min + rest % size;
            rest /= size;
        }
    }

    private static String values(Machine m, long[] codes) {
        StringBuilder b = new StringBuilder("(");
        for (int j = 0; j < codes.length; j++) {
            b.append(j == 0 ? "" : ", ").append(m.dec(codes[j]));
        }
        return b.append(')').toString();
    }

    /** The witness for an unseparated pair: the indicator of the first point, value {@code 1} (or the largest code). */
    static Witness witness(Machine m, int dims, long[] pair) {
        int n = (int) Math.round(Math.pow(m.size(), dims));
        long[] out = new long[n];
        out[(int) pair[0]] = m.one().orElse(m.max());
        long[] a = new long[dims];
        long[] c = new long[dims];
        point(pair[0], (int) m.size(), m.min(), a);
        point(pair[1], (int) m.size(), m.min(), c);
        return Witness.of(dims, out, "every binary first-layer neuron tau(b (+) +-x_i (+) ...) (all " + m.size() + " biases, "
                + (1 << dims) + " sign patterns, every order) gives the points " + values(m, a) + " and "
                + values(m, c) + " the same output, so every binary-weight network does too");
    }
}

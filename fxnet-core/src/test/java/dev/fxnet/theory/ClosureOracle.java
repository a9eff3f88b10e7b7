package dev.fxnet.theory;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A second enumeration of the functions {@code F^d -> F} that PER_OP networks compute (SPEC §4), from
 * operation tables alone ({@code add}, {@code mul}, {@code tau} on indices {@code 0..n-1}; index
 * {@code zero} is the value 0). Written separately from {@link ExactDecider}: first-layer neurons
 * are enumerated explicitly (bias, then each input at most once, in either order at {@code d = 2});
 * a later neuron's accumulators are the closure of the constants under {@code acc -> acc (+) (w (*) g)};
 * and the layer sets {@code H_1 = tau(first layer)}, {@code H_(l+1) = tau(Reach(H_l))} are followed
 * until one repeats exactly (the map {@code H -> tau(Reach(H))} is a function on a finite set, so
 * from there the sequence is periodic and nothing new appears). A function is its values at the
 * points, numbered {@code sum_i f(point_i) n^i}, with {@code point_i}'s coordinate {@code j} equal to
 * {@code (i / n^j) mod n}. Test code only.
 */
final class ClosureOracle {
    private final int n;
    private final int dims;
    private final int points;
    private final int total;
    private final int[][] add;
    private final int[][] mul;
    private final int[] tau;

    ClosureOracle(int[][] add, int[][] mul, int[] tau, int dims) {
        this.n = tau.length;
        this.dims = dims;
        this.points = (int) Math.pow(n, dims);
        this.total = (int) Math.pow(n, points);
        this.add = add;
        this.mul = mul;
        this.tau = tau;
    }

    private int[] values(int f) {
        int[] v = new int[points];
        for (int i = 0; i < points; i++) {
            v[i] = f % n;
            f /= n;
        }
        return v;
    }

    private int encode(int[] v) {
        int f = 0;
        for (int i = points - 1; i >= 0; i--) {
            f = f * n + v[i];
        }
        return f;
    }

    private int coordinate(int point, int j) {
        return (int) (point / Math.pow(n, j)) % n;
    }

    /** The function {@code x -> acc(x) (+) (w (*) g(x))} pointwise. */
    private int step(int acc, int w, int g) {
        int[] a = values(acc);
        int[] b = values(g);
        for (int i = 0; i < points; i++) {
            a[i] = add[a[i]][mul[w][b[i]]];
        }
        return encode(a);
    }

    private int constant(int c) {
        int[] v = new int[points];
        java.util.Arrays.fill(v, c);
        return encode(v);
    }

    private int projection(int j) {
        int[] v = new int[points];
        for (int i = 0; i < points; i++) {
            v[i] = coordinate(i, j);
        }
        return encode(v);
    }

    /** Accumulators of first-layer neurons (d = 1 or 2): bias, then distinct inputs in any order. */
    BitSet firstLayer() {
        BitSet out = new BitSet(total);
        List<int[]> orders = dims == 1 ? List.of(new int[] {}, new int[] {0})
                : List.of(new int[] {}, new int[] {0}, new int[] {1}, new int[] {0, 1}, new int[] {1, 0});
        for (int[] order : orders) {
            List<Integer> accs = new ArrayList<>();
            for (int b = 0; b < n; b++) {
                accs.add(constant(b));
            }
            for (int j : order) {
                List<Integer> next = new ArrayList<>();
                for (int acc : accs) {
                    for (int w = 0; w < n; w++) {
                        next.add(step(acc, w, projection(j)));
                    }
                }
                accs = next;
            }
            accs.forEach(out::set);
        }
        return out;
    }

    /** Reach(G): the constants closed under {@code acc -> acc (+) (w (*) g)}, g in G. */
    BitSet reach(BitSet g) {
        Set<Integer> terms = new HashSet<>();
        for (int f = g.nextSetBit(0); f >= 0; f = g.nextSetBit(f + 1)) {
            for (int w = 0; w < n; w++) {
                int[] v = values(f);
                for (int i = 0; i < points; i++) {
                    v[i] = mul[w][v[i]];
                }
                terms.add(encode(v));
            }
        }
        int[][] termValues = terms.stream().map(this::values).toArray(int[][]::new);
        BitSet seen = new BitSet(total);
        java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>();
        for (int b = 0; b < n; b++) {
            seen.set(constant(b));
            work.add(constant(b));
        }
        int count = n;
        while (!work.isEmpty() && count < total) {
            int[] a = values(work.poll());
            for (int[] t : termValues) {
                int[] r = new int[points];
                for (int i = 0; i < points; i++) {
                    r[i] = add[a[i]][t[i]];
                }
                int code = encode(r);
                if (!seen.get(code)) {
                    seen.set(code);
                    work.add(code);
                    count++;
                }
            }
        }
        return seen;
    }

    /** {@code tau} applied pointwise to every function of {@code s}. */
    BitSet applyTau(BitSet s) {
        BitSet out = new BitSet(total);
        for (int f = s.nextSetBit(0); f >= 0; f = s.nextSetBit(f + 1)) {
            int[] v = values(f);
            for (int i = 0; i < points; i++) {
                v[i] = tau[v[i]];
            }
            out.set(encode(v));
        }
        return out;
    }

    /** Every function some network computes (with or without hidden layers). */
    BitSet representable() {
        BitSet first = firstLayer();
        BitSet all = (BitSet) first.clone();
        Set<BitSet> layers = new HashSet<>();
        BitSet h = applyTau(first);
        while (layers.add(h)) {
            BitSet r = reach(h);
            all.or(r);
            if (all.cardinality() == total) {
                break;
            }
            h = applyTau(r);
        }
        return all;
    }

    int total() {
        return total;
    }

    /** The number of a function given by its values (indices) at the points. */
    int function(int[] valuesAtPoints) {
        return encode(valuesAtPoints);
    }
}

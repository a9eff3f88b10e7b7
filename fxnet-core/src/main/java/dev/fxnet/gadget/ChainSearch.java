package dev.fxnet.gadget;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Bounded beam search for a chain of single-source hidden neurons {@code y -> tau(pre(b, w, y))}
 * that maps labelled sets of values to a goal. A state is one set of distinct values per class; a
 * step applies one neuron to every value of every class; a state in which two classes share a
 * value is dead (the chain could never tell them apart again). The search is exact: every value a
 * class can hold is carried, so a chain it returns is verified on every input it can receive.
 */
final class ChainSearch {
    private ChainSearch() {
    }

    /** What the chain must achieve. */
    interface Goal {
        /** Whether the classes (distinct sorted values per class) are where the chain should end. */
        boolean done(long[][] classes);

        /** A heuristic distance to the goal; lower is better. */
        double score(long[][] classes);
    }

    /** The candidate biases and weights of a search (tried in this order). */
    record Candidates(long[] biases, long[] weights) {

        /** Every code as a bias and every nonzero code as a weight for small formats; a sparse set otherwise. */
        static Candidates of(Machine s) {
            if (s.size() <= 256) {
                long[] all = new long[s.size()];
                long[] nz = new long[s.size() - (s.min() <= 0 && s.max() >= 0 ? 1 : 0)];
                int k = 0;
                for (long c = s.min(); c <= s.max(); c++) {
                    all[(int) (c - s.min())] = c;
                    if (c != 0) {
                        nz[k++] = c;
                    }
                }
                return new Candidates(all, nz);
            }
            TreeSet<Long> w = new TreeSet<>();
            for (long m = 1; m <= s.max(); m <<= 1) {
                for (long c : new long[] {m, m - 1, m + 1, 3 * m, 5 * m, 7 * m}) {
                    if (c > 0 && c <= s.max()) {
                        w.add(c);
                        w.add(-c);
                    }
                }
            }
            w.add(s.max());
            w.add(-s.max());
            w.add(s.min());
            w.remove(0L);
            TreeSet<Long> b = new TreeSet<>(w);
            b.add(0L);
            if (s.size() <= 2048) {
                for (long c = s.min(); c <= s.max(); c++) {
                    b.add(c);
                }
            } else {
                long step = Math.max(1, s.size() / 1024);
                for (long c = s.min(); c <= s.max(); c += step) {
                    b.add(c);
                }
            }
            return new Candidates(b.stream().mapToLong(Long::longValue).toArray(),
                    w.stream().mapToLong(Long::longValue).toArray());
        }
    }

    /** A state of the search: the classes after the chain from the root, the last neuron {@code (b, w)}. */
    private record Node(long[][] classes, Node parent, long b, long w, double score) {
        /** The chain from the start to this state, one one-copy {@link Stage} per neuron. */
        List<Stage> path() {
            List<Stage> p = new ArrayList<>();
            for (Node n = this; n.parent != null; n = n.parent) {
                p.add(0, Stage.of(n.b, n.w, 1));
            }
            return p;
        }
    }

    private static final class Key {
        final long[][] c;
        final int h;

        Key(long[][] c) {
            this.c = c;
            this.h = Arrays.deepHashCode(c);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).h == h && Arrays.deepEquals(((Key) o).c, c);
        }

        @Override
        public int hashCode() {
            return h;
        }
    }

    /**
     * Searches chains of length {@code 0..maxDepth}; returns the shortest found (one-copy stages),
     * or null.
     */
    static List<Stage> search(Machine s, long[][] start, Goal goal, int maxDepth, int beam, Candidates cand) {
        if (goal.done(start)) {
            return new ArrayList<>();
        }
        List<Node> frontier = List.of(new Node(start, null, 0, 0, goal.score(start)));
        Map<Key, Node> seen = new HashMap<>();
        seen.put(new Key(start), frontier.get(0));
        for (int depth = 1; depth <= maxDepth; depth++) {
            Node bestDone = null;
            List<Node> next = new ArrayList<>();
            Map<Key, Node> level = new HashMap<>();
            for (Node node : frontier) {
                for (long w : cand.weights()) {
                    for (long b : cand.biases()) {
                        long[][] out = apply(s, node.classes, b, w);
                        if (out == null) {
                            continue;
                        }
                        Key key = new Key(out);
                        if (seen.containsKey(key) || level.containsKey(key)) {
                            continue;
                        }
                        double sc = goal.score(out);
                        Node n = new Node(out, node, b, w, sc);
                        level.put(key, n);
                        if (goal.done(out)) {
                            if (bestDone == null || sc < bestDone.score) {
                                bestDone = n;
                            }
                        } else {
                            next.add(n);
                        }
                    }
                }
            }
            if (bestDone != null) {
                return bestDone.path();
            }
            seen.putAll(level);
            next.sort(Comparator.comparingDouble(n -> n.score));
            frontier = next.subList(0, Math.min(beam, next.size()));
            if (Boolean.getBoolean("fxnet.debugSearch")) {
                for (Node n : frontier) {
                    System.err.println("depth " + depth + " score " + n.score + " " + Arrays.deepToString(n.classes));
                }
            }
            if (frontier.isEmpty()) {
                return null;
            }
        }
        return null;
    }

    /** Applies one neuron to every class; null if two classes meet. */
    static long[][] apply(Machine s, long[][] classes, long b, long w) {
        long[][] out = new long[classes.length][];
        for (int c = 0; c < classes.length; c++) {
            long[] in = classes[c];
            long[] o = new long[in.length];
            for (int i = 0; i < in.length; i++) {
                o[i] = s.neuron(b, w, in[i]);
            }
            out[c] = distinctSorted(o);
        }
        for (int c = 0; c < out.length; c++) {
            for (int d = c + 1; d < out.length; d++) {
                if (SortedCodes.intersects(out[c], out[d])) {
                    return null;
                }
            }
        }
        return out;
    }

    static long[] distinctSorted(long[] v) {
        long[] a = v.clone();
        Arrays.sort(a);
        int k = 0;
        for (int i = 0; i < a.length; i++) {
            if (i == 0 || a[i] != a[i - 1]) {
                a[k++] = a[i];
            }
        }
        return Arrays.copyOf(a, k);
    }

}

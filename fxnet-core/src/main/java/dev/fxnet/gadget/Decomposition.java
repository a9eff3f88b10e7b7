package dev.fxnet.gadget;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shortest sums in {@code Z/N} ({@code N} a power of two): for generators {@code g_i} labelled by
 * weights {@code w_i}, every residue {@code r} reachable as {@code g_{i1} + ... + g_{ik}} with the
 * least {@code k}, by breadth-first search over the {@code N} residues. Used for the weights a neuron
 * lists so that its accumulator moves by a wanted residue (docs/THEORY.md §12.3). Immutable.
 */
public final class Decomposition {
    private final long modulus;
    private final int[] parent;
    private final long[] label;
    private final long[] generator;

    private Decomposition(long modulus, int[] parent, long[] label, long[] generator) {
        this.modulus = modulus;
        this.parent = parent;
        this.label = label;
        this.generator = generator;
    }

    /**
     * The shortest sums over {@code generators} (residues), each labelled by {@code labels[i]}.
     *
     * @throws IllegalArgumentException if the arrays differ in length or the modulus is not a power of two
     */
    public static Decomposition over(long modulus, long[] generators, long[] labels) {
        if (generators.length != labels.length || Long.bitCount(modulus) != 1 || modulus > (1L << 20)) {
            throw new IllegalArgumentException("generators and labels of equal length and a modulus 2^k <= 2^20 are needed");
        }
        int n = (int) modulus;
        int[] parent = new int[n];
        long[] label = new long[n];
        long[] gen = new long[n];
        Arrays.fill(parent, -2);
        parent[0] = -1;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(0);
        Map<Long, Long> distinct = new LinkedHashMap<>();
        for (int i = 0; i < generators.length; i++) {
            distinct.putIfAbsent(generators[i] & (modulus - 1), labels[i]);
        }
        while (!queue.isEmpty()) {
            int r = queue.poll();
            for (Map.Entry<Long, Long> g : distinct.entrySet()) {
                int s = (int) ((r + g.getKey()) & (modulus - 1));
                if (parent[s] == -2) {
                    parent[s] = r;
                    label[s] = g.getValue();
                    gen[s] = g.getKey();
                    queue.add(s);
                }
            }
        }
        return new Decomposition(modulus, parent, label, gen);
    }

    /**
     * The weights {@code w} of {@code ws} with exact terms on {@code on} and {@code off}, as generators
     * {@code T(w, on) - T(w, off)}: a neuron listing a switch with these weights moves by their sum.
     */
    public static Decomposition ofSwitch(ModularTerms t, List<Long> ws, long on, long off) {
        long[] g = new long[ws.size()];
        long[] l = new long[ws.size()];
        int k = 0;
        for (long w : ws) {
            long a = t.term(w, on);
            long b = t.term(w, off);
            if (a != ModularTerms.INEXACT && b != ModularTerms.INEXACT && a != b) {
                g[k] = t.residue(a - b);
                l[k++] = w;
            }
        }
        return over(t.modulus(), Arrays.copyOf(g, k), Arrays.copyOf(l, k));
    }

    /** The shortest list of weights of {@code ws} whose switch differences sum to {@code target}. */
    public static Optional<long[]> shortest(ModularTerms t, List<Long> ws, long on, long off, long target) {
        return ofSwitch(t, ws, on, off).labels(target);
    }

    /** The labels of a shortest sum equal to {@code target}, empty if none reaches it (0: the empty list). */
    public Optional<long[]> labels(long target) {
        int r = (int) (target & (modulus - 1));
        if (parent[r] == -2) {
            return Optional.empty();
        }
        int len = 0;
        for (int s = r; s != 0; s = parent[s]) {
            len++;
        }
        long[] out = new long[len];
        int i = 0;
        for (int s = r; s != 0; s = parent[s]) {
            out[i++] = label[s];
        }
        return Optional.of(out);
    }

    /** The longest shortest sum over all reachable residues. */
    public int maxLength() {
        int max = 0;
        for (int r = 0; r < parent.length; r++) {
            if (parent[r] != -2) {
                max = Math.max(max, labels(r).orElseThrow().length);
            }
        }
        return max;
    }
}

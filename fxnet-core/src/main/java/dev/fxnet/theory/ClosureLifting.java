package dev.fxnet.theory;

import dev.fxnet.gadget.Machine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * <b>Theorem L</b> (docs/THEORY.md §15.10): universality for every dimension from three
 * exhaustive closures over tiny domains, for PER_OP settings whose operations stay among the codes.
 * With levels {@code on != off}:
 * <ol>
 *   <li>(indicators) some hidden layer {@code D} of one-input networks computes, for every code
 *       {@code v}, the indicator {@code e_v} ({@code on} at {@code v}, {@code off} elsewhere) and the
 *       constant {@code on} (the layer sets of {@link ExactDecider}'s closure at {@code d = 1});</li>
 *   <li>(AND) networks reading two signals with values in {@code {off, on}} compute, at some hidden
 *       layer {@code a}, their AND with the same levels (the layered closure on the four points
 *       {@code {off, on}^2}, signals usable any number of times);</li>
 *   <li>(output) for every code {@code c}, a network reading one signal with values in
 *       {@code {off, on}} whose last hidden layer ({@code s} layers deep, the same for every {@code c})
 *       holds only functions vanishing at {@code off}, and an output neuron with bias 0 over them,
 *       gives 0 at {@code off} and {@code c} at {@code on}.</li>
 * </ol>
 * Every closure is computed with the {@link Machine}'s own operations, exhaustively. Feasible for
 * {@code |F|^|F| <= 2^20} ({@code |F| <= 7}) within {@link #WORK_LIMIT} additions. Static methods only.
 */
final class ClosureLifting {
    /** The name verdicts cite. */
    static final String NAME = "Theorem L (lifting from exhaustive closures, docs/THEORY.md §15.10)";

    /** The most functions {@code |F|^|F|} of one input the indicator closure enumerates. */
    static final long MAX_FUNCTIONS = 1L << 20;

    /** The most pointwise additions the closures may perform (a count, not a time). */
    static final long WORK_LIMIT = 1L << 31;

    /** The deepest AND gadget and output stage chain tried. */
    static final int MAX_DEPTH = 4;

    /**
     * A plan: the levels (codes), the depth of the indicators, of the AND gadget and the number of output stages.
     *
     * @param on the level of a true switch
     * @param off the level of a false switch
     * @param indicatorDepth the hidden layer {@code D} of the indicators
     * @param andDepth the hidden layers {@code a} of the AND gadget
     * @param outputStages the hidden layers {@code s} between the point indicator and the output neuron
     */
    record Plan(long on, long off, int indicatorDepth, int andDepth, int outputStages) {
        /** The hypotheses as checked, for the verdict's evidence. */
        List<String> hypotheses(Machine m) {
            return List.of("PER_OP, every operation among the " + m.size() + " codes",
                    "levels on " + m.dec(on) + ", off " + m.dec(off),
                    "every one-input indicator (on at v, off elsewhere) and the constant on at hidden layer " + indicatorDepth
                            + " of one-input networks (exhaustive closure over the " + m.size() + "^" + m.size() + " functions)",
                    "AND of two {off, on} signals at hidden layer " + andDepth + " (exhaustive closure on {off, on}^2)",
                    "every value c as 0 at off and c at on after " + outputStages
                            + " stage(s) vanishing at off and an output neuron with bias 0 (exhaustive closure on {off, on})");
        }

        /** Hidden layers of the construction in dimension {@code d}: {@code D + ceil(log2 d) a + s}. */
        int hiddenLayers(int d) {
            int h = 0;
            while ((1 << h) < d) {
                h++;
            }
            return indicatorDepth + h * andDepth + outputStages;
        }
    }

    private final Machine machine;
    private final int n;
    private final int zero;
    private final int[][] add;
    private final int[][] mul;
    private final int[] tau;
    private long work;

    private ClosureLifting(Machine m) {
        this.machine = m;
        this.n = m.size();
        this.zero = (int) -m.min();
        this.add = new int[n][n];
        this.mul = new int[n][n];
        this.tau = new int[n];
        for (int a = 0; a < n; a++) {
            tau[a] = (int) (m.tau(m.min() + a) - m.min());
            for (int b = 0; b < n; b++) {
                add[a][b] = (int) (m.add(m.min() + a, m.min() + b) - m.min());
                mul[a][b] = (int) (m.mul(m.min() + a, m.min() + b) - m.min());
            }
        }
    }

    /** Whether the theorem's closures can run: PER_OP, operations among the codes, {@code 2 <= |F|} and {@code |F|^|F| <= 2^20}. */
    static boolean feasible(Machine m) {
        return m.perOp() && (m.arithmetic().saturates() || m.arithmetic().wraps()) && m.size() >= 2
                && Math.pow(m.size(), m.size()) <= MAX_FUNCTIONS;
    }

    /** A plan whose three hypotheses hold, or empty (none found within the limits, or not {@link #feasible}). */
    static Optional<Plan> find(Machine m) {
        if (!feasible(m)) {
            return Optional.empty();
        }
        return new ClosureLifting(m).search();
    }

    /** Level pairs in code order; the cheap closures (AND, output) first, the one-input layers only when one passes. */
    private Optional<Plan> search() {
        List<Set<Integer>> layers = null;
        for (int on = 0; on < n; on++) {
            for (int off = 0; off < n; off++) {
                int a = on == off ? -1 : andDepth(on, off);
                int s = a < 0 ? -1 : outputStages(on, off);
                if (s < 0) {
                    continue;
                }
                layers = layers == null ? oneInputLayers() : layers;
                int depth = indicatorDepth(layers, on, off);
                if (depth >= 0) {
                    return Optional.of(new Plan(machine.min() + on, machine.min() + off, depth, a, s));
                }
            }
        }
        return Optional.empty();
    }

    /** The layer sets {@code A_1, A_2, ...} of one-input networks, as far as the work limit allows (at most 2). */
    private List<Set<Integer>> oneInputLayers() {
        Set<Integer> first = new HashSet<>();
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        for (int b = 0; b < n; b++) {
            first.add(constant(b, n));
            for (int w = 0; w < n; w++) {
                int[] f = new int[n];
                for (int i = 0; i < n; i++) {
                    f[i] = add[b][mul[w][x[i]]];
                }
                first.add(encode(f));
            }
        }
        List<Set<Integer>> layers = new ArrayList<>();
        layers.add(applyTau(first, n));
        BitSet r = reach(layers.get(0), n);
        if (r != null) {
            layers.add(applyTau(toSet(r), n));
        }
        return layers;
    }

    private int indicatorDepth(List<Set<Integer>> layers, int on, int off) {
        for (int d = 0; d < layers.size(); d++) {
            Set<Integer> layer = layers.get(d);
            boolean all = layer.contains(constant(on, n));
            for (int v = 0; v < n && all; v++) {
                int[] e = new int[n];
                Arrays.fill(e, off);
                e[v] = on;
                all = layer.contains(encode(e));
            }
            if (all) {
                return d + 1;
            }
        }
        return -1;
    }

    /** The least depth at which the AND of two {off, on} signals is computed, or -1. Points: (off,off), (off,on), (on,off), (on,on). */
    private int andDepth(int on, int off) {
        Set<Integer> g = new HashSet<>(List.of(encode(new int[] {off, off, on, on}), encode(new int[] {off, on, off, on})));
        int and = encode(new int[] {off, off, off, on});
        for (int k = 1; k <= MAX_DEPTH; k++) {
            BitSet r = reach(g, 4);
            if (r == null) {
                return -1;
            }
            g = applyTau(toSet(r), 4);
            if (g.contains(and)) {
                return k;
            }
        }
        return -1;
    }

    /** The least number of stages after which every value is an output (0 at off, c at on), or -1. Points: off, on. */
    private int outputStages(int on, int off) {
        Set<Integer> g = new HashSet<>(List.of(encode(new int[] {off, on})));
        for (int s = 0; s <= MAX_DEPTH; s++) {
            Set<Integer> vanishing = new HashSet<>();
            for (int f : g) {
                if (f % n == zero) {
                    vanishing.add(f);
                }
            }
            BitSet out = reachFromZero(vanishing);
            if (out == null) {
                return -1;
            }
            BitSet values = new BitSet(n);
            for (int f = out.nextSetBit(0); f >= 0; f = out.nextSetBit(f + 1)) {
                values.set(f / n);
            }
            if (values.cardinality() == n) {
                return s;
            }
            BitSet r = reach(g, 2);
            if (r == null) {
                return -1;
            }
            g = applyTau(toSet(r), 2);
        }
        return -1;
    }

    private BitSet reachFromZero(Set<Integer> g) {
        return closure(g, 2, List.of(constant(zero, 2)));
    }

    /** Reach(G) on {@code points} points: the constants closed under adding terms of {@code g}. */
    private BitSet reach(Set<Integer> g, int points) {
        List<Integer> starts = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            starts.add(constant(b, points));
        }
        return closure(g, points, starts);
    }

    /** The closure of {@code starts} under {@code acc -> acc (+) (w (*) g)}, {@code g} in {@code available}; null past the work limit. */
    private BitSet closure(Set<Integer> available, int points, List<Integer> starts) {
        Set<Integer> termSet = new HashSet<>();
        for (int f : available) {
            int[] v = decode(f, points);
            for (int w = 0; w < n; w++) {
                int[] t = new int[points];
                for (int i = 0; i < points; i++) {
                    t[i] = mul[w][v[i]];
                }
                termSet.add(encode(t));
            }
        }
        int[][] terms = termSet.stream().map(t -> decode(t, points)).toArray(int[][]::new);
        BitSet seen = new BitSet();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int s : starts) {
            if (!seen.get(s)) {
                seen.set(s);
                queue.add(s);
            }
        }
        while (!queue.isEmpty()) {
            int[] a = decode(queue.poll(), points);
            work += (long) terms.length * points;
            if (work > WORK_LIMIT) {
                return null;
            }
            for (int[] t : terms) {
                int r = 0;
                for (int i = points - 1; i >= 0; i--) {
                    r = r * n + add[a[i]][t[i]];
                }
                if (!seen.get(r)) {
                    seen.set(r);
                    queue.add(r);
                }
            }
        }
        return seen;
    }

    private Set<Integer> applyTau(Set<Integer> s, int points) {
        Set<Integer> out = new HashSet<>();
        for (int f : s) {
            int[] v = decode(f, points);
            for (int i = 0; i < points; i++) {
                v[i] = tau[v[i]];
            }
            out.add(encode(v));
        }
        return out;
    }

    private static Set<Integer> toSet(BitSet b) {
        Set<Integer> out = new HashSet<>();
        for (int f = b.nextSetBit(0); f >= 0; f = b.nextSetBit(f + 1)) {
            out.add(f);
        }
        return out;
    }

    private int constant(int c, int points) {
        int[] v = new int[points];
        Arrays.fill(v, c);
        return encode(v);
    }

    /** Point {@code i}'s value is digit {@code i} in base {@code |F|} (point 0 least significant). */
    private int encode(int[] v) {
        int f = 0;
        for (int i = v.length - 1; i >= 0; i--) {
            f = f * n + v[i];
        }
        return f;
    }

    private int[] decode(int f, int points) {
        int[] v = new int[points];
        for (int i = 0; i < points; i++) {
            v[i] = f % n;
            f /= n;
        }
        return v;
    }
}

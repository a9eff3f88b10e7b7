package dev.fxnet.theory;

import dev.fxnet.construct.binary.BinaryCompiler;
import dev.fxnet.construct.binary.BinaryNetwork;
import dev.fxnet.eval.FastEvaluator;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.gadget.Machine;
import dev.fxnet.target.FunctionTable;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Binary weights in dimension {@code d >= 3} (docs/THEORY.md §13):
 * <ul>
 *   <li><b>Lifting (Theorem B6).</b> Two points of {@code F^e} that no binary first-layer neuron
 *       separates stay unseparated in {@code F^d} for every {@code d >= e} once padded with zeros
 *       (a listed input 0 adds nothing, THEORY §1 F1), so the indicator of the first is not
 *       represented in dimension {@code d}: {@link #liftedPair} looks in {@code e = 2} and
 *       {@code e = d} where {@link BinarySeparation} runs.</li>
 *   <li><b>Construction (Theorem B5; in {@code d = 3} else Theorem B7, docs/THEORY.md §13.1).</b>
 *       The feature step construction, or the coordinate sign construction, compiled for a table
 *       {@link #everyValue} that takes every nonzero value at one point each, checked on every
 *       point of {@code F^d} where that is within {@link #FULL_BUDGET} weight-operations and on a
 *       deterministic sample (every nonzero point of the table and {@link #SAMPLE} others)
 *       otherwise.</li>
 * </ul>
 */
final class BinaryHighDimension {
    /** Weight-operations ({@code points x parameters}) up to which every point of {@code F^d} is evaluated. */
    static final long FULL_BUDGET = 20_000_000_000L;
    /** Points evaluated beyond the table's nonzero ones when {@code F^d} is too large for {@link #FULL_BUDGET}. */
    static final int SAMPLE = 512;
    /** Largest {@code |F|^d} for which a lifted witness is tabulated. */
    static final long MAX_WITNESS_POINTS = 1L << 22;

    private BinaryHighDimension() {
    }

    /** A pair {@code (e, i, j)}: points {@code i, j} of {@code F^e}, {@code e <= d}, no binary first-layer neuron separates. */
    record Pair(int dims, long first, long second) {
    }

    /** The first unseparated pair in {@code e = 2} (if {@code d > 2}), else in {@code e = d}, where the check runs. */
    static Optional<Pair> liftedPair(Machine m, int d) {
        for (int e : d > 2 ? new int[] {2, d} : new int[] {d}) {
            if (BinarySeparation.feasible(m, e)) {
                Optional<long[]> p = BinarySeparation.unseparated(m, e);
                if (p.isPresent()) {
                    return Optional.of(new Pair(e, p.get()[0], p.get()[1]));
                }
            }
        }
        return Optional.empty();
    }

    /** The index in {@code F^d} of point {@code i} of {@code F^e} padded with zeros (coordinates {@code e..d-1}). */
    static long padded(Machine m, long i, int e, int d) {
        long size = m.size();
        long zero = -m.min();
        long out = i;
        long scale = 1;
        for (int j = 0; j < e; j++) {
            scale *= size;
        }
        for (int j = e; j < d; j++) {
            out += zero * scale;
            scale *= size;
        }
        return out;
    }

    /** The lifted witness in {@code F^d}, if {@code |F|^d <= MAX_WITNESS_POINTS}. */
    static Optional<Witness> witness(Machine m, int d, Pair pair) {
        if (Math.pow(m.size(), d) > MAX_WITNESS_POINTS) {
            return Optional.empty();
        }
        long[] both = {padded(m, pair.first(), pair.dims(), d), padded(m, pair.second(), pair.dims(), d)};
        return Optional.of(BinarySeparation.witness(m, d, both));
    }

    /**
     * The table on {@code F^d} that is 0 except at one point per nonzero code {@code v}, where it is
     * {@code v}; the points are spread over the grid by a fixed stride (no randomness).
     */
    static FunctionTable everyValue(Machine m, int d) {
        long n = (long) Math.pow(m.size(), d);
        TreeSet<Long> used = new TreeSet<>();
        long[] at = new long[(int) m.size()];
        long stride = Math.max(1, n / m.size()) | 1;
        long next = n / 3;
        for (long v = m.min(); v <= m.max(); v++) {
            if (v == 0) {
                continue;
            }
            while (used.contains(next % n)) {
                next++;
            }
            at[(int) (v - m.min())] = next % n;
            used.add(next % n);
            next += stride;
        }
        int[] codes = new int[(int) n];
        for (long v = m.min(); v <= m.max(); v++) {
            if (v != 0) {
                codes[(int) at[(int) (v - m.min())]] = (int) v;
            }
        }
        return FunctionTable.of(m.setting().fixedPoint().format(), d, codes);
    }

    /** The outcome of compiling and checking: the network and the number of points it was checked on, or the refusal. */
    record Checked(Optional<BinaryNetwork> network, long points, boolean everyPoint, String refusal) {
    }

    /**
     * Compiles {@link #everyValue} with the binary compiler and evaluates the network ({@link FastEvaluator})
     * on every point where the budget allows, else on the sample.
     *
     * @throws IllegalStateException if the network is wrong on a checked point (a bug)
     */
    static Checked compileAndCheck(Machine m, int d) {
        double points = Math.pow(m.size(), d);
        if (points > MAX_WITNESS_POINTS) {
            return new Checked(Optional.empty(), 0, false, "|F|^d = " + (long) points + " points, over the "
                    + MAX_WITNESS_POINTS + " the construction tabulates");
        }
        FunctionTable g = everyValue(m, d);
        BinaryNetwork b;
        try {
            b = BinaryCompiler.compile(g, m);
        } catch (IllegalArgumentException e) {
            return new Checked(Optional.empty(), 0, false, e.getMessage());
        }
        long n = g.size();
        long params = b.network().size().parameters();
        boolean every = (double) n * params <= FULL_BUDGET;
        if (every && dev.fxnet.eval.EvaluationKernel.supports(b.network())) {
            // every point, through the block kernel (exact, all cores)
            dev.fxnet.eval.RangeCheck all = dev.fxnet.eval.EvaluationKernel.of(b.network())
                    .checkRange(0, n, i -> g.code((int) i), 1, null);
            if (all.mismatches() > 0) {
                dev.fxnet.eval.RangeCheck.Mismatch e = all.first().get(0);
                throw new IllegalStateException("internal error: the binary network for " + m + " on F^" + d
                        + " outputs " + e.actual() + " at point " + e.index() + " where the table has " + e.expected());
            }
            return new Checked(Optional.of(b), n, true, "");
        }
        FastEvaluator ev = new FastEvaluator(b.network());
        FastEvaluator.Scratch scratch = ev.scratch();
        InputSpace sp = g.space();
        long[] x = new long[d];
        long[] out = new long[1];
        long checked = 0;
        long state = 0x9E3779B97F4A7C15L;
        for (long i = 0, k = 0; every ? i < n : k < SAMPLE + m.size(); i++) {
            long idx;
            if (every) {
                idx = i;
            } else if (k < m.size()) {
                idx = nonZeroPoint(g, (int) k);
                k++;
                if (idx < 0) {
                    continue;
                }
            } else {
                state = state * 6364136223846793005L + 1442695040888963407L;
                idx = Long.remainderUnsigned(state >>> 11, n);
                k++;
            }
            sp.point(idx, x);
            ev.evaluate(x, out, scratch);
            if (out[0] != g.code((int) idx)) {
                throw new IllegalStateException("internal error: the binary network for " + m + " on F^" + d
                        + " outputs " + out[0] + " at point " + idx + " where the table has " + g.code((int) idx));
            }
            checked++;
        }
        return new Checked(Optional.of(b), checked, every, "");
    }

    /** The index of the {@code k}-th nonzero point of {@code g} in index order, or -1 if it has fewer. */
    private static long nonZeroPoint(FunctionTable g, int k) {
        int seen = 0;
        for (int i = 0; i < g.size(); i++) {
            if (g.code(i) != 0 && seen++ == k) {
                return i;
            }
        }
        return -1;
    }

    /** The point {@code a} of {@code F^e} padded with zeros to {@code F^d}, as values. */
    static String describe(Machine m, long[] a, int d) {
        StringBuilder b = new StringBuilder("(");
        for (int j = 0; j < d; j++) {
            b.append(j == 0 ? "" : ", ").append(m.dec(j < a.length ? a[j] : 0));
        }
        return b.append(')').toString();
    }
}

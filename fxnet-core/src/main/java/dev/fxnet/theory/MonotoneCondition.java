package dev.fxnet.theory;

import dev.fxnet.gadget.Machine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The sharper necessary condition <b>N-mono</b> (docs/THEORY.md §10, Theorem M): where every
 * product a hidden signal can meet is monotone in the signal in one common direction, every layer
 * after the first is monotone in the vector of all first-layer outputs, and functions that are not
 * monotone along that order are not represented.
 *
 * <p>Hypotheses (all finite checks on the setting's {@link Machine}): SATURATE, PER_OP;
 * {@code tau} monotone on F with direction {@code t}; for every weight {@code w}, the map
 * {@code y -> w (*) y} monotone on {@code Y = tau(F)} with one direction {@code s} common to all
 * {@code w} (constant maps count for both). Then the output of a network with {@code L >= 1} hidden
 * layers is monotone with direction {@code s (s t)^(L-1)} in {@code V(x)}, the vector of the outputs
 * of all first-layer neurons {@code tau(acc(b; w, x))}, ordered componentwise. N-mono fails when a
 * function {@code f: F -> F} exists that is monotone in no direction the networks can have along the
 * order {@code x <=_V x'} and is no network without hidden layer; fxnet returns it as the witness.
 * When a hypothesis fails, N-mono holds (there is nothing to check). Static methods only.
 */
public final class MonotoneCondition {
    /** The largest {@code |F|} for which the order {@code <=_V} is computed ({@code O(|F|^4)}). */
    public static final long LIMIT = 64;

    /** The most comparable pairs the witness search combines. */
    static final int MAX_PAIRS = 200;

    /** The condition's name in verdicts. */
    public static final String NAME = "N-mono";

    private MonotoneCondition() {
    }

    /**
     * Checks N-mono for general weights. The result holds ({@code TRUE}) where a hypothesis fails or
     * no witness exists, is {@code UNKNOWN} where the hypotheses hold but {@code |F| > }{@value #LIMIT},
     * and {@code FALSE} with a witness in dimension 1 where the obstruction applies.
     */
    public static NecessaryCondition.Result check(Machine m) {
        Objects.requireNonNull(m, "machine");
        if (!m.perOp() || !m.arithmetic().saturates()) {
            return holds("applies to SATURATE, PER_OP only");
        }
        int t = direction(m, codes(m), m::tau);
        if (t == 0) {
            return holds("tau is not monotone on F");
        }
        long[] ys = hiddenValues(m);
        int s = productDirection(m, ys);
        if (s == 0) {
            return holds("the products w (*) y, y in tau(F), are not all monotone in y in one direction");
        }
        if (m.size() > LIMIT) {
            return new NecessaryCondition.Result(Truth.UNKNOWN, "", NAME + ": hypotheses hold, order not computed for |F| = "
                    + m.size() + " > " + LIMIT, Optional.empty());
        }
        boolean[][] le = firstLayerOrder(m);
        List<long[]> pairs = comparablePairs(m, le);
        int[] allowed = s * t == 1 ? new int[] {s} : new int[] {1, -1};
        long[] f = witness(m, pairs.subList(0, Math.min(pairs.size(), MAX_PAIRS)), allowed);
        if (f == null && pairs.size() > MAX_PAIRS) {
            return new NecessaryCondition.Result(Truth.UNKNOWN, "", NAME + ": hypotheses hold, no witness among the first "
                    + MAX_PAIRS + " of " + pairs.size() + " comparable pairs", Optional.empty());
        }
        if (f == null) {
            return holds("hypotheses hold (direction " + sign(s * t) + " per layer), but no function on up to four points"
                    + " of comparable pairs with values in {m, -1, 0, 1, M} is a witness");
        }
        String inv = "SATURATE and PER_OP, tau " + (t > 0 ? "non-decreasing" : "non-increasing") + " on F, and every product"
                + " w (*) y with y in tau(F) = " + Arrays.toString(ys) + " " + (s > 0 ? "non-decreasing" : "non-increasing")
                + " in y: every network with a hidden layer computes a function of the first-layer outputs V(x) that is "
                + (allowed.length == 1 ? (s > 0 ? "non-decreasing" : "non-increasing") : "non-decreasing or non-increasing")
                + " in V; f is neither along the order V(x) <= V(x') of F, and no"
                + " network without hidden layer computes f (checked against every bias and weight)";
        return new NecessaryCondition.Result(Truth.FALSE, NAME, inv, Witness.of(1, f, inv));
    }

    private static NecessaryCondition.Result holds(String why) {
        return new NecessaryCondition.Result(Truth.TRUE, "", NAME + " holds: " + why, Optional.empty());
    }

    private static String sign(int d) {
        return d > 0 ? "+1" : "-1";
    }

    private static long[] codes(Machine m) {
        long[] c = new long[m.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = m.min() + i;
        }
        return c;
    }

    /** The values {@code tau(F)} that hidden signals take, ascending. */
    static long[] hiddenValues(Machine m) {
        return m.tauImage();
    }

    /** +1 if {@code g} is non-decreasing on the ascending {@code xs}, -1 if non-increasing and not constant, 0 otherwise. */
    private static int direction(Machine m, long[] xs, java.util.function.LongUnaryOperator g) {
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < xs.length; i++) {
            long a = g.applyAsLong(xs[i - 1]);
            long b = g.applyAsLong(xs[i]);
            up &= a <= b;
            down &= a >= b;
        }
        return up ? 1 : down ? -1 : 0;
    }

    /** The common direction of {@code y -> w (*) y} on {@code ys} over all weights (+1 if all are constant), or 0. */
    static int productDirection(Machine m, long[] ys) {
        boolean someUp = false;
        boolean someDown = false;
        for (long w = m.min(); w <= m.max(); w++) {
            long weight = w;
            int d = direction(m, ys, y -> m.mul(weight, y));
            boolean constant = direction(m, ys, y -> -m.mul(weight, y)) == 1 && d == 1;
            if (!constant) {
                someUp |= d == 1;
                someDown |= d == -1;
                if (d == 0) {
                    return 0;
                }
            }
        }
        return someUp && someDown ? 0 : someDown ? -1 : 1;
    }

    /** {@code le[x][x']}: every first-layer neuron {@code tau(acc(b; w, .))} has {@code r(x) <= r(x')} (indices from min). */
    static boolean[][] firstLayerOrder(Machine m) {
        int n = m.size();
        boolean[][] le = new boolean[n][n];
        for (boolean[] row : le) {
            Arrays.fill(row, true);
        }
        Set<List<Long>> seen = new HashSet<>();
        for (long b = m.min(); b <= m.max(); b++) {
            for (long w = m.min(); w <= m.max(); w++) {
                long[] r = new long[n];
                List<Long> key = new ArrayList<>(n);
                for (int x = 0; x < n; x++) {
                    r[x] = m.tau(m.pre(b, w, m.min() + x));
                    key.add(r[x]);
                }
                if (!seen.add(key)) {
                    continue;
                }
                for (int x = 0; x < n; x++) {
                    for (int y = 0; y < n; y++) {
                        le[x][y] &= r[x] <= r[y];
                    }
                }
            }
        }
        return le;
    }

    /** The pairs {@code (x, x')}, {@code x != x'}, with {@code V(x) <= V(x')}, as indices from min. */
    private static List<long[]> comparablePairs(Machine m, boolean[][] le) {
        List<long[]> pairs = new ArrayList<>();
        for (int x = 0; x < le.length; x++) {
            for (int y = 0; y < le.length; y++) {
                if (x != y && le[x][y]) {
                    pairs.add(new long[] {x, y});
                }
            }
        }
        return pairs;
    }

    /** Whether {@code f} (indexed from min) is monotone with direction {@code d} along every comparable pair. */
    private static boolean monotone(List<long[]> pairs, long[] f, int d) {
        for (long[] p : pairs) {
            if (d * (f[(int) p[1]] - f[(int) p[0]]) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A function, 0 off at most four points of comparable pairs, monotone in none of the {@code allowed}
     * directions and not computed without hidden layer; null if none of those is found.
     */
    private static long[] witness(Machine m, List<long[]> pairs, int[] allowed) {
        long[] values = Arrays.stream(new long[] {m.min(), -1, 0, 1, m.max()}).filter(m::contains).distinct().toArray();
        long[] weights = NecessaryCondition.weights(m, false);
        for (int i = 0; i < pairs.size(); i++) {
            for (int j = allowed.length == 1 ? i : i + 1; j < pairs.size(); j++) {
                int[] pts = Arrays.stream(new long[] {pairs.get(i)[0], pairs.get(i)[1], pairs.get(j)[0], pairs.get(j)[1]})
                        .mapToInt(v -> (int) v).distinct().toArray();
                int combos = (int) Math.pow(values.length, pts.length);
                for (int c = 0; c < combos; c++) {
                    long[] f = new long[m.size()];
                    for (int k = 0, rest = c; k < pts.length; k++, rest /= values.length) {
                        f[pts[k]] = values[rest % values.length];
                    }
                    if (Arrays.stream(allowed).noneMatch(d -> monotone(pairs, f, d))
                            && !NecessaryCondition.depthZero1(m, weights, f)) {
                        return f;
                    }
                }
            }
        }
        return null;
    }
}

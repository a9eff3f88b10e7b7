package dev.fxnet.theory;

import dev.fxnet.gadget.Levels;
import dev.fxnet.gadget.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The finitely many checked parts of Theorem P (docs/THEORY.md §11), each found in a short
 * candidate list and checked by a bounded number of exact evaluations ({@link PointwiseOps}): the
 * NOT stage, the first-layer neurons of edge thresholds (Lemma T'), the AND neuron (Lemma A) and the
 * relevelling stages before the output (Lemma O). Stateless.
 */
final class SaturationGadgets {
    private SaturationGadgets() {
    }

    /** NOT: {@code tau(M (+) K copies of u (*) s)} with {@code u < 0}, checked to swap the levels. */
    static Optional<Stage> not(PointwiseOps ops, long on, long off, long copies) {
        for (long u : magnitudes(ops)) {
            Stage s = Stage.of(ops.max(), -u, copies);
            if (ops.apply(s, on) == off && ops.apply(s, off) == on) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Positive weights tried: {@code 1.0}, {@code 2^j}, {@code 3 * 2^j} (codes) in F. */
    static List<Long> magnitudes(PointwiseOps ops) {
        Set<Long> ws = new LinkedHashSet<>();
        ws.add(ops.one());
        for (long w = 1; w <= ops.max(); w <<= 1) {
            ws.add(w);
            if (3 * w <= ops.max()) {
                ws.add(3 * w);
            }
        }
        return List.copyOf(ws);
    }

    /**
     * The edge thresholds (those Lemma T and the NOT stage leave open), each with a first-layer neuron
     * checked at the two codes around the threshold (Lemma T'); empty, with the reason in {@code why},
     * if there are more than {@link SaturationTheorem#EDGE_LIMIT} per direction or one has no neuron.
     */
    static Optional<Map<Long, SaturationPlan.FirstLayer>> edges(PointwiseOps ops, SaturationPlan base, List<String> why) {
        Map<Long, SaturationPlan.FirstLayer> edges = new HashMap<>();
        List<long[]> open = new ArrayList<>(); // {a, up}
        for (boolean up : new boolean[] {true, false}) {
            List<Long> gaps = gaps(ops, base, up);
            if (gaps.size() > SaturationTheorem.EDGE_LIMIT) {
                why.add("more than " + SaturationTheorem.EDGE_LIMIT + " thresholds " + (up ? "[x >= a]" : "[x <= a]")
                        + " outside the formulas of Lemma T (zv too far from 0 and no NOT stage)");
                return Optional.empty();
            }
            for (long a : gaps) {
                crossing(ops, base, a, up).or(() -> bottomPair(ops, base, a, up))
                        .ifPresent(f -> edges.put(SaturationPlan.key(a, up), f));
                open.add(new long[] {a, up ? 1 : 0});
            }
        }
        SaturationPlan withEdges = new SaturationPlan(base.v(), base.zv(), base.levels(), base.sign(), base.not(), edges,
                0, 0, List.of(), base.output(), base.edgeOfMin());
        for (long[] t : open) {
            if (withEdges.step(t[0], t[1] == 1, ops.one(), ops.min(), ops.max()).isEmpty()) {
                why.add("no first-layer neuron found for the edge threshold [x " + (t[1] == 1 ? ">=" : "<=") + " "
                        + ops.arithmetic().decimal(t[0]) + "]");
                return Optional.empty();
            }
        }
        return Optional.of(edges);
    }

    /** The thresholds of one direction not covered by Lemma T (direct, or NOT of the direct opposite step). */
    private static List<Long> gaps(PointwiseOps ops, SaturationPlan base, boolean up) {
        long m = ops.min();
        long mx = ops.max();
        long zv = base.zv();
        long[] direct = up ? new long[] {Math.max(m + 1, zv - mx), Math.min(mx, zv - m)}
                : new long[] {Math.max(base.edgeOfMin() ? m + 1 : m, m - zv), Math.min(mx - 1, mx - zv)};
        long[] opposite = up ? new long[] {Math.max(base.edgeOfMin() ? m + 1 : m, m - zv) + 1, Math.min(mx - 1, mx - zv) + 1}
                : new long[] {Math.max(m + 1, zv - mx) - 1, Math.min(mx, zv - m) - 1};
        List<long[]> covered = base.not().isPresent() ? List.of(direct, opposite) : List.of(direct);
        List<Long> gaps = new ArrayList<>();
        long x = up ? m + 1 : m;
        long hi = up ? mx : mx - 1;
        while (x <= hi && gaps.size() <= SaturationTheorem.EDGE_LIMIT) {
            long next = x;
            for (long[] iv : covered) {
                if (iv[0] <= x && x <= iv[1]) {
                    next = Math.max(next, iv[1] + 1);
                }
            }
            if (next == x) {
                gaps.add(x);
                x++;
            } else {
                x = next;
            }
        }
        return gaps;
    }

    /**
     * A first-layer neuron {@code g = acc(b; w, x)} crossing {@code zv} at the threshold: {@code w > 0},
     * {@code g(a-1) < zv <= g(a)} for {@code [x >= a]}; {@code w < 0}, {@code g(a) >= zv > g(a+1)} for
     * {@code [x <= a]}. By monotonicity of {@code g} in {@code x} this is the step (Lemma T').
     */
    static Optional<SaturationPlan.FirstLayer> crossing(PointwiseOps ops, SaturationPlan base, long a, boolean up) {
        long zv = base.zv();
        long inside = a;
        long outside = up ? a - 1 : a + 1;
        for (long mag : magnitudes(ops)) {
            long w = up ? mag : -mag;
            long t = ops.mul(w, inside);
            for (long d = -2; d <= 2; d++) {
                long b = zv - t + d;
                if (ops.contains(b) && ops.pre(b, w, inside) >= zv && ops.pre(b, w, outside) < zv) {
                    return Optional.of(new SaturationPlan.FirstLayer(b, w, base.sign()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Lemma B (two's complement): if {@code tau(-1) < 0}, the first-layer neuron {@code tau(M (+) x)} is
     * {@code tau(-1)} at {@code x = m} and {@code tau(z) >= 0}, {@code z >= 0}, above it; the stage
     * {@code (M, 1.0, K)} reads it as {@code [x >= m + 1]} and {@code (m, -1.0, K)} as {@code [x <= m]}.
     */
    static Optional<SaturationPlan.FirstLayer> bottomPair(PointwiseOps ops, SaturationPlan base, long a, boolean up) {
        boolean bottom = up ? a == ops.min() + 1 : a == ops.min();
        if (!bottom || ops.min() + ops.max() != -1 || ops.tau(-1) >= 0) {
            return Optional.empty();
        }
        long k = base.sign().copies();
        Stage read = up ? Stage.of(ops.max(), ops.one(), k) : Stage.of(ops.min(), -ops.one(), k);
        return Optional.of(new SaturationPlan.FirstLayer(ops.max(), ops.one(), read));
    }

    /**
     * The AND neuron {@code (c, w)}: {@code acc(c; w s1, w s2) >= zv} exactly when {@code s1 = s2 = on},
     * checked on the four inputs; the sign stage after it restores the levels (Lemma A).
     */
    static Optional<long[]> and(PointwiseOps ops, long on, long off, long zv) {
        for (long w : magnitudes(ops)) {
            long t = ops.mul(w, on);
            // the sum crosses zv between one and two on-terms: c in [zv - 2t, zv - t - 1], clamped into F
            long[] centres = {zv - 2 * t, Math.max(ops.min(), zv - 2 * t), zv - t - 1};
            for (long centre : centres) {
                for (long d = -2; d <= 2; d++) {
                    long c = centre + d;
                    if (ops.contains(c) && ops.pair(c, w, on, on) >= zv && ops.pair(c, w, on, off) < zv
                            && ops.pair(c, w, off, on) < zv && ops.pair(c, w, off, off) < zv) {
                        return Optional.of(new long[] {c, w});
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * At most {@code depth} one-copy stages mapping {@code (on, off)} to output levels {@code (on', 0)}
     * with {@code 1 <= |on'| <= 1.0} (Lemma O), by breadth-first search over a short candidate list
     * (weights {@code +-1.0}, {@code +-2^-q}; biases sending a level to 0, to {@code 1.0} or to the ends).
     */
    static Optional<List<Stage>> relevel(PointwiseOps ops, long on, long off, int depth) {
        Map<Levels, List<Stage>> seen = new HashMap<>();
        List<Levels> frontier = List.of(new Levels(on, off));
        seen.put(frontier.get(0), List.of());
        for (int level = 0; level <= depth; level++) {
            List<Levels> next = new ArrayList<>();
            for (Levels l : frontier) {
                if (l.off() == 0 && Math.abs(l.on()) >= 1 && Math.abs(l.on()) <= ops.one()) {
                    return Optional.of(seen.get(l));
                }
                if (level == depth) {
                    continue;
                }
                for (Stage s : candidates(ops, l)) {
                    Levels n = new Levels(ops.apply(s, l.on()), ops.apply(s, l.off()));
                    if (n.on() != n.off() && !seen.containsKey(n)) {
                        List<Stage> path = new ArrayList<>(seen.get(l));
                        path.add(s);
                        seen.put(n, List.copyOf(path));
                        next.add(n);
                    }
                }
            }
            frontier = next;
        }
        return Optional.empty();
    }

    private static List<Stage> candidates(PointwiseOps ops, Levels l) {
        List<Stage> out = new ArrayList<>();
        for (long w : new long[] {ops.one(), 1, -ops.one(), -1}) {
            long[] biases = {-ops.mul(w, l.off()), ops.min(), ops.one() - ops.mul(w, l.on()), 0, ops.max()};
            for (long b : biases) {
                if (ops.contains(b)) {
                    out.add(Stage.of(b, w, 1));
                }
            }
        }
        return out;
    }
}

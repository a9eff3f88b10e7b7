package dev.fxnet.gadget;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A search for the parts of an {@link IndicatorCertificate} on a symmetric domain of codes
 * {@code -radius..radius} smaller than F (the float theory's "almost all" domains,
 * docs/THEORY.md §15.4): detectors need to be right only on the domain's codes, so they
 * exist where a pair outside the domain is inseparable. Exhaustive over first neurons and bounded beam
 * searches ({@link ChainSearch}) for the tails, normalizer and padding, for {@code |F| <= }{@value #LIMIT};
 * the result is whatever {@link IndicatorCertificate#verify} accepts, so the search may fail but never
 * returns an unverified certificate. Budgets are counts.
 */
public final class DomainIndicatorSearch {
    /** The largest number of codes searched. */
    public static final int LIMIT = 64;
    /** Most tail searches (one per distinct pair of first-neuron classes) for one detector. */
    public static final int MAX_TAIL_SEARCHES = 64;
    /** Most NOR candidates verified as a whole certificate. */
    public static final int MAX_NOR_CHECKS = 256;

    private DomainIndicatorSearch() {
    }

    /** The verified certificate on {@code -radius..radius}, or why there is none (including "too large"). */
    public static IndicatorCertificate.Outcome search(Machine m, long radius) {
        if (m.size() > LIMIT) {
            return IndicatorCertificate.Outcome.failed("the domain search runs for |F| <= " + LIMIT + ", |F| = " + m.size());
        }
        ChainSearch.Candidates cand = ChainSearch.Candidates.of(m);
        Map<Long, List<Stage>> lo = new LinkedHashMap<>();
        Map<Long, List<Stage>> hi = new LinkedHashMap<>();
        for (long a = -radius; a <= radius; a++) {
            for (IndicatorGadgets.Kind k : IndicatorGadgets.Kind.values()) {
                if (k == IndicatorGadgets.Kind.LO ? a == -radius : a == radius) {
                    continue;
                }
                List<Stage> chain = detector(m, radius, k, a, cand);
                if (chain == null) {
                    return IndicatorCertificate.Outcome.failed("no detector " + k + "_" + m.dec(a) + " on |x| <= "
                            + m.dec(radius) + " (first neurons over F, tails of up to " + IndicatorGadgets.MAX_TAIL + ")");
                }
                (k == IndicatorGadgets.Kind.LO ? lo : hi).put(a, chain);
            }
        }
        if (lo.isEmpty()) {
            return IndicatorCertificate.Outcome.failed("the domain has one point");
        }
        int length = 0;
        for (List<Stage> c : lo.values()) {
            length = Math.max(length, c.size());
        }
        for (List<Stage> c : hi.values()) {
            length = Math.max(length, c.size());
        }
        if (!pad(m, radius, lo, length, cand) || !pad(m, radius, hi, length, cand)) {
            return IndicatorCertificate.Outcome.failed("no padding stage brings the detectors to one length");
        }
        return norOnwards(m, radius, lo, hi, cand);
    }

    /** A detector: a first neuron whose two sides on the domain are disjoint, and a tail to {0} and one sign. */
    private static List<Stage> detector(Machine m, long r, IndicatorGadgets.Kind k, long a, ChainSearch.Candidates cand) {
        Map<String, Boolean> tried = new HashMap<>();
        int searches = 0;
        for (long w : cand.weights()) {
            for (long b : cand.biases()) {
                long[][] cls = sides(m, r, k, a, b, w);
                if (cls == null) {
                    continue;
                }
                String key = Arrays.deepToString(cls);
                if (tried.putIfAbsent(key, Boolean.TRUE) != null || searches++ >= MAX_TAIL_SEARCHES) {
                    continue;
                }
                List<Stage> tail = ChainSearch.search(m, cls, DETECTOR, IndicatorGadgets.MAX_TAIL, IndicatorGadgets.BEAM, cand);
                if (tail != null) {
                    List<Stage> chain = new ArrayList<>();
                    chain.add(Stage.of(b, w, 1));
                    chain.addAll(tail);
                    return chain;
                }
            }
        }
        return null;
    }

    /** The values of {@code tau(pre(b, w, x))} on the ok side and the other side of the domain; null if they meet. */
    private static long[][] sides(Machine m, long r, IndicatorGadgets.Kind k, long a, long b, long w) {
        long[] ok = new long[(int) (2 * r + 1)];
        long[] bad = new long[(int) (2 * r + 1)];
        int no = 0;
        int nb = 0;
        for (long x = -r; x <= r; x++) {
            long y = m.neuron(b, w, x);
            if (k == IndicatorGadgets.Kind.LO ? x >= a : x <= a) {
                ok[no++] = y;
            } else {
                bad[nb++] = y;
            }
        }
        long[][] cls = {ChainSearch.distinctSorted(Arrays.copyOf(ok, no)), ChainSearch.distinctSorted(Arrays.copyOf(bad, nb))};
        return SortedCodes.intersects(cls[0], cls[1]) ? null : cls;
    }

    /** Done: the ok class is {0}, the other one nonzero value. */
    static final ChainSearch.Goal TWO_VALUED = new ChainSearch.Goal() {
        @Override
        public boolean done(long[][] c) {
            return c[0].length == 1 && c[0][0] == 0 && c[1].length == 1 && c[1][0] != 0;
        }

        @Override
        public double score(long[][] c) {
            return c[0].length + c[1].length + (c[0][0] == 0 ? 0 : 1);
        }
    };

    /** Done: the ok class is {0}, the other nonzero of one sign. */
    static final ChainSearch.Goal DETECTOR = new ChainSearch.Goal() {
        @Override
        public boolean done(long[][] c) {
            long[] v = c[1];
            return c[0].length == 1 && c[0][0] == 0 && v.length > 0 && (v[0] > 0 || v[v.length - 1] < 0);
        }

        @Override
        public double score(long[][] c) {
            return c[0].length + c[1].length + (c[0][0] == 0 ? 0 : 1);
        }
    };

    /** Appends one-copy stages keeping 0 at 0 and the nonzero outputs nonzero of one sign, up to one length. */
    private static boolean pad(Machine m, long r, Map<Long, List<Stage>> chains, int length, ChainSearch.Candidates cand) {
        for (Map.Entry<Long, List<Stage>> e : chains.entrySet()) {
            List<Stage> c = new ArrayList<>(e.getValue());
            while (c.size() < length) {
                long[] viol = outputs(m, r, c);
                Stage one = padStage(m, viol, cand);
                if (one == null) {
                    return false;
                }
                c.add(one);
            }
            e.setValue(c);
        }
        return true;
    }

    /** A one-copy stage keeping 0 at 0 and mapping {@code viol} to nonzero values of one sign; null if none. */
    private static Stage padStage(Machine m, long[] viol, ChainSearch.Candidates cand) {
        long[][] cls = {{0}, viol};
        for (long w : cand.weights()) {
            for (long b : cand.biases()) {
                long[][] out = ChainSearch.apply(m, cls, b, w);
                if (out != null && DETECTOR.done(out)) {
                    return Stage.of(b, w, 1);
                }
            }
        }
        return null;
    }

    /** The distinct nonzero outputs of a chain on the domain. */
    private static long[] outputs(Machine m, long r, List<Stage> chain) {
        long[] out = new long[(int) (2 * r + 1)];
        int n = 0;
        for (long x = -r; x <= r; x++) {
            long y = x;
            for (Stage s : chain) {
                y = s.apply(m, y);
            }
            if (y != 0) {
                out[n++] = y;
            }
        }
        return ChainSearch.distinctSorted(Arrays.copyOf(out, n));
    }

    /** The NOR, the normalizer and the output weights; each NOR candidate is verified as a whole. */
    static IndicatorCertificate.Outcome norOnwards(Machine m, long r, Map<Long, List<Stage>> lo,
            Map<Long, List<Stage>> hi, ChainSearch.Candidates cand) {
        IndicatorCertificate.Outcome last = IndicatorCertificate.Outcome.failed("no NOR neuron over F");
        java.util.TreeSet<Long> viol = new java.util.TreeSet<>(); // signed: every value a detector outputs, as w's sign sees it
        for (List<Stage> c : lo.values()) {
            for (long y : outputs(m, r, c)) {
                viol.add(y);
            }
        }
        for (List<Stage> c : hi.values()) {
            for (long y : outputs(m, r, c)) {
                viol.add(y);
            }
        }
        Map<List<Long>, Optional<List<Stage>>> normalizers = new HashMap<>();
        int verified = 0;
        for (long w = m.min(); w <= m.max() && verified < MAX_NOR_CHECKS; w++) {
            for (long b = m.min(); b <= m.max() && verified < MAX_NOR_CHECKS && w != 0; b++) {
                long off = off(m, b, w, viol);
                long on = m.tau(b);
                if (off == Long.MIN_VALUE || off == on) {
                    continue;
                }
                List<Stage> norm = normalizers.computeIfAbsent(List.of(off, on), k -> Optional.ofNullable(ChainSearch.search(
                        m, new long[][] {{off}, {on}}, NORMAL, IndicatorGadgets.MAX_NORMALIZER, IndicatorGadgets.BEAM, cand)))
                        .orElse(null);
                if (norm == null) {
                    continue;
                }
                verified++;
                List<Stage> full = new ArrayList<>(norm);
                long high = on;
                for (Stage st : norm) {
                    high = st.apply(m, high);
                }
                Map<Long, long[]> out = outputs(m, high);
                if (out.size() < m.size()) {
                    Stage scale = IndicatorCertificate.scaling(m, high);
                    if (scale == null) {
                        continue;
                    }
                    full.add(scale);
                    high = scale.apply(m, high);
                    out = outputs(m, high);
                }
                IndicatorCertificate.Outcome o = IndicatorCertificate.verify(m,
                        new IndicatorCertificate.Parts(r, lo, hi, b, w, full, high, out));
                if (o.certificate().isPresent()) {
                    return o;
                }
                last = o;
            }
        }
        return last;
    }

    /**
     * The NOR's off value for bias {@code b} and weight {@code +-w} (by the sign of each detector value): every
     * first term moves the accumulator strictly one common way and tau is constant from there to the end of F;
     * {@link Long#MIN_VALUE} if not.
     */
    private static long off(Machine m, long b, long w, java.util.SortedSet<Long> viol) {
        int sigma = 0;
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (long y : viol) {
            long wi = y > 0 ? w : -w;
            long a1 = m.pre(b, wi, y);
            int sg = Long.signum(a1 - b);
            if (sg == 0 || (sigma != 0 && sg != sigma) || (m.perOp() && Long.signum(m.mul(wi, y)) != sg)) {
                return Long.MIN_VALUE;
            }
            sigma = sg;
            lo = Math.min(lo, a1);
            hi = Math.max(hi, a1);
        }
        long off = sigma < 0 ? m.tau(m.min()) : m.tau(m.max());
        for (long z = sigma < 0 ? m.min() : lo; z <= (sigma < 0 ? hi : m.max()); z++) {
            if (m.tau(z) != off) {
                return Long.MIN_VALUE;
            }
        }
        return off;
    }

    /** Done: off is 0, on is nonzero. */
    private static final ChainSearch.Goal NORMAL = new ChainSearch.Goal() {
        @Override
        public boolean done(long[][] c) {
            return c[0][0] == 0 && c[1][0] != 0;
        }

        @Override
        public double score(long[][] c) {
            return Math.abs(c[0][0]);
        }
    };

    /**
     * Output weights from the bias 0 to every reachable code: PER_OP a breadth-first search over
     * accumulator values with terms {@code w (*) high}; WIDE one term {@code rho(w high)}.
     */
    static Map<Long, long[]> outputs(Machine m, long high) {
        Map<Long, long[]> out = new HashMap<>();
        if (!m.perOp()) {
            for (long w = m.min(); w <= m.max(); w++) {
                out.putIfAbsent(IndicatorCertificate.output(m, new long[] {w}, high), new long[] {w});
            }
            return out;
        }
        out.put(0L, new long[0]);
        ArrayDeque<Long> queue = new ArrayDeque<>(List.of(0L));
        while (!queue.isEmpty()) {
            long a = queue.poll();
            long[] path = out.get(a);
            for (long w = m.min(); w <= m.max() && path.length < IndicatorGadgets.MAX_OUTPUT_TERMS; w++) {
                long next = m.add(a, m.mul(w, high));
                if (!out.containsKey(next)) {
                    long[] p = Arrays.copyOf(path, path.length + 1);
                    p[path.length] = w;
                    out.put(next, p);
                    queue.add(next);
                }
            }
        }
        return out;
    }

    /** The certificate's parts as found, for tests. */
    static Optional<IndicatorCertificate> find(Machine m, long radius) {
        return search(m, radius).certificate();
    }
}

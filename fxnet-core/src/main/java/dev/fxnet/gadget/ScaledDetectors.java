package dev.fxnet.gadget;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A fast search for the parts of an {@link IndicatorCertificate} on all of F: every detector's first
 * neuron is a scaled difference, and one tail serves every threshold.
 *
 * <p>For {@code LO_a} the first neuron is {@code tau(-(W (*) a') (+) (W (*) x))} with {@code a'} the
 * code below {@code a} and {@code W} a power of two; for {@code HI_a} it is
 * {@code tau((W (*) a'') (+) (-W (*) x))}, {@code a''} the code above. Per threshold the scale
 * {@code W} is chosen among the powers of two of F so that the pre-activation is {@code > 0} on every
 * input on the detector's zero side and {@code <= 0} on every other input, and the smallest positive
 * pre-activation is largest (so that {@code tau} tells the sides apart even where it is flat near 0, as
 * sigmoid, softplus, gelu and silu are). The values of {@code tau} on the two sides, over all
 * thresholds, form two classes; one beam search ({@link ChainSearch}) finds a tail mapping the first to 0
 * and the second to nonzero values of one sign. The NOR, normalizer and output weights follow as in
 * {@link DomainIndicatorSearch}, and the whole is accepted only if {@link IndicatorCertificate#verify}
 * accepts it. The work is {@code O(|F|^2)} evaluations per scale plus one tail search, instead of a tail
 * search per cut.
 */
public final class ScaledDetectors {
    private ScaledDetectors() {
    }

    /** The verified certificate on all of F, or why this construction does not give one. */
    public static IndicatorCertificate.Outcome search(Machine m) {
        long r = Math.min(-m.min(), m.max());
        long[] scales = scales(m);
        Map<Long, Stage> loFirst = new LinkedHashMap<>();
        Map<Long, Stage> hiFirst = new LinkedHashMap<>();
        TreeSet<Long> ok = new TreeSet<>();
        TreeSet<Long> bad = new TreeSet<>();
        for (long a = -r; a <= r; a++) {
            for (boolean lo : new boolean[] {true, false}) {
                if (lo ? a == -r : a == r) {
                    continue;
                }
                Stage first = first(m, r, a, lo, scales, ok, bad);
                if (first == null) {
                    return IndicatorCertificate.Outcome.failed("scaled detectors: no power-of-two scale separates the"
                            + " sides of " + (lo ? "LO_" : "HI_") + m.dec(a));
                }
                (lo ? loFirst : hiFirst).put(a, first);
            }
        }
        long[][] classes = {toArray(ok), toArray(bad)};
        if (SortedCodes.intersects(classes[0], classes[1])) {
            return IndicatorCertificate.Outcome.failed("scaled detectors: tau takes a common value on the two sides");
        }
        ChainSearch.Candidates cand = ChainSearch.Candidates.of(m);
        List<Stage> tail = ChainSearch.search(m, classes, DomainIndicatorSearch.TWO_VALUED, IndicatorGadgets.MAX_TAIL,
                IndicatorGadgets.BEAM, cand);
        if (tail == null) {
            tail = ChainSearch.search(m, classes, DomainIndicatorSearch.DETECTOR, IndicatorGadgets.MAX_TAIL,
                    IndicatorGadgets.BEAM, cand);
        }
        if (tail != null) { // many nonzero outputs make a NOR hard to find: compress them to one where a chain does
            long[][] after = classes;
            for (Stage st : tail) {
                after = ChainSearch.apply(m, after, st.bias(), st.weight());
            }
            List<Stage> more = after[1].length > 1 ? ChainSearch.search(m, after, DomainIndicatorSearch.TWO_VALUED,
                    IndicatorGadgets.MAX_TAIL, IndicatorGadgets.BEAM, cand) : null;
            if (more != null) {
                tail = new ArrayList<>(tail);
                tail.addAll(more);
                for (Stage st : more) {
                    after = ChainSearch.apply(m, after, st.bias(), st.weight());
                }
            }
            IndicatorCertificate.Outcome o = DomainIndicatorSearch.norOnwards(m, r, chains(loFirst, tail), chains(hiFirst,
                    tail), cand);
            List<Stage> louder = amplified(m, tail, after[1], cand);
            if (o.certificate().isPresent() || louder.size() == tail.size()) {
                return o;
            }
            return DomainIndicatorSearch.norOnwards(m, r, chains(loFirst, louder), chains(hiFirst, louder), cand);
        }
        return IndicatorCertificate.Outcome.failed("scaled detectors: no common tail of up to " + IndicatorGadgets.MAX_TAIL
                + " neurons");
    }

    /**
     * The tail, followed by a chain (up to {@link IndicatorGadgets#MAX_NORMALIZER} one-copy neurons, found by
     * {@link ChainSearch}) that keeps 0 at 0 and maps the tail's one nonzero output to a value of magnitude at
     * least 1 (tiny outputs give NOR terms that round away); unchanged when the tail has several nonzero
     * outputs, already reaches 1, or no chain is found.
     */
    private static List<Stage> amplified(Machine m, List<Stage> tail, long[] nonzero, ChainSearch.Candidates cand) {
        if (nonzero.length != 1 || m.one().isEmpty() || Math.abs(nonzero[0]) >= m.one().getAsLong()) {
            return tail;
        }
        long one = m.one().getAsLong();
        ChainSearch.Goal loud = new ChainSearch.Goal() {
            @Override
            public boolean done(long[][] c) {
                return c[0][0] == 0 && Math.abs(c[1][0]) >= one;
            }

            @Override
            public double score(long[][] c) {
                return Math.abs(c[0][0]) - Math.abs(c[1][0]);
            }
        };
        List<Stage> more = ChainSearch.search(m, new long[][] {{0}, nonzero}, loud, IndicatorGadgets.MAX_NORMALIZER,
                IndicatorGadgets.BEAM, cand);
        if (more == null) {
            return tail;
        }
        List<Stage> out = new ArrayList<>(tail);
        out.addAll(more);
        return out;
    }

    private static Map<Long, List<Stage>> chains(Map<Long, Stage> first, List<Stage> tail) {
        Map<Long, List<Stage>> out = new LinkedHashMap<>();
        for (Map.Entry<Long, Stage> e : first.entrySet()) {
            List<Stage> c = new ArrayList<>();
            c.add(e.getValue());
            c.addAll(tail);
            out.put(e.getKey(), c);
        }
        return out;
    }

    /**
     * The first neuron of one detector with the best scale, adding its values of tau on the two sides to
     * {@code ok} and {@code bad}; null if no scale separates the sides.
     */
    private static Stage first(Machine m, long r, long a, boolean lo, long[] scales, TreeSet<Long> ok, TreeSet<Long> bad) {
        Stage best = null;
        long bestMargin = 0;
        for (long w : scales) {
            long b = lo ? -m.mul(w, a - 1) : m.mul(w, a + 1);
            long weight = lo ? w : -w;
            long margin = Long.MAX_VALUE;
            for (long x = -r; x <= r && margin > 0; x++) {
                long z = m.pre(b, weight, x);
                boolean zeroSide = lo ? x >= a : x <= a;
                if (zeroSide != (z > 0)) {
                    margin = 0;
                } else if (zeroSide) {
                    margin = Math.min(margin, z);
                }
            }
            if (margin > bestMargin) {
                bestMargin = margin;
                best = Stage.of(b, weight, 1);
            }
        }
        if (best != null) {
            for (long x = -r; x <= r; x++) {
                long y = m.neuron(best.bias(), best.weight(), x);
                ((lo ? x >= a : x <= a) ? ok : bad).add(y);
            }
        }
        return best;
    }

    /** The positive powers of two of F, by code. */
    private static long[] scales(Machine m) {
        TreeSet<Long> s = new TreeSet<>();
        for (int k = -64; k <= 64; k++) {
            BigDecimal v = k >= 0 ? BigDecimal.valueOf(2).pow(k) : BigDecimal.ONE.divide(BigDecimal.valueOf(2).pow(-k));
            m.arithmetic().codeOf(v).ifPresent(s::add);
        }
        return toArray(s);
    }

    private static long[] toArray(TreeSet<Long> s) {
        return s.stream().mapToLong(Long::longValue).toArray();
    }
}

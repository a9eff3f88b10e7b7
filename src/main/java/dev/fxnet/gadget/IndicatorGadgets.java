package dev.fxnet.gadget;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The sub-networks the indicator construction needs in one {@link Machine}, found by a bounded
 * search and verified on every input they can receive.
 *
 * <ul>
 *   <li><b>Detectors.</b> For every threshold {@code a} a chain of single-source hidden neurons
 *       {@code LO_a(x)} that is exactly {@code 0} iff {@code x >= a}, and {@code HI_a(x)} that is
 *       exactly {@code 0} iff {@code x <= a}; otherwise their output is a nonzero value of one sign
 *       (from a known set {@code V}). A detector is a first neuron {@code (b1, w1)} reading one input
 *       coordinate, which places the threshold at a cut {@code theta} of its pre-activation, followed
 *       by a tail shared by all thresholds with the same cut. All detectors have the same length.</li>
 *   <li><b>NOR.</b> One neuron {@code tau(b + sum_i w (*) s_i)} over detector outputs {@code s_i}: all
 *       zero gives {@code tau(b) = on}; any nonzero input moves the accumulator monotonically into an
 *       interval where {@code tau} is constant {@code = off}. This is the indicator of a box
 *       (a point is a box of side one); a box bound at the edge of F needs no detector.</li>
 *   <li><b>Normalizer.</b> A chain mapping {@code off -> 0} and {@code on -> h}, {@code h = 1} when
 *       {@code 1} is in F, else a nonzero value the output weights can scale.</li>
 *   <li><b>Output scaling.</b> For every value {@code c} the weights whose terms {@code w (*) h}
 *       add up to {@code c} exactly (one term, or two through an in-range partial sum).</li>
 * </ul>
 *
 * <p>Where nothing is found within the search, {@link #find} throws an
 * {@link IllegalArgumentException} naming the setting, the missing gadget and what was searched.
 */
public final class IndicatorGadgets {
    /** Longest tail searched after a detector's first neuron. */
    public static final int MAX_TAIL = 4;
    /** Longest normalizer chain searched. */
    public static final int MAX_NORMALIZER = 4;
    /** Beam width of the chain searches. */
    public static final int BEAM = 6;
    /**
     * Most detector tails searched (one beam search per cut of the first pre-activation) by one
     * attempt of {@link #find}; the search stops there and refuses if thresholds are still uncovered.
     *
     * <p>The budget is a count, never a time, so the gadgets (and the networks {@code compile}
     * writes) are the same bytes on any machine and under any load. It replaces a 60-second wall
     * clock. Measured before the change: the golden compile cases use at most 30 tail searches
     * (relu, Q2.2 FLOOR WRAP); a sweep of the identity over p + q &lt;= 5 (both encodings,
     * overflows and accumulations, fan-in 2 and 4; 499 attempts) used at most 174 (p=5,q=0 two's
     * complement WRAP, a refusal that took 40 s idle, so the clock was close to changing its
     * result). 256 leaves a wide margin above both; without a budget an attempt is
     * bounded only by the {@code 2|F| + 48} cuts it may try, which at large formats is hours.
     */
    public static final int MAX_TAIL_SEARCHES = 256;

    /** A detector kind: LO is zero iff {@code x >= a}; HI is zero iff {@code x <= a}. */
    public enum Kind { LO, HI }

    /** A tail for a cut: the pre-activation {@code z} of the first neuron is "ok" iff {@code z <= theta} (le) or {@code z >= theta}. */
    static final class Tail {
        final long theta;
        final boolean le;
        final List<long[]> neurons;
        long[] viol;

        Tail(long theta, boolean le, List<long[]> neurons, long[] viol) {
            this.theta = theta;
            this.le = le;
            this.neurons = neurons;
            this.viol = viol;
        }

        boolean ok(long z) {
            return le ? z <= theta : z >= theta;
        }
    }

    private final Machine s;
    private final int maxFanIn;
    /** Per kind, per threshold index ({@code a - min}): the whole chain, {@code {b, w}} per neuron. */
    private final long[][][][] detectors;
    /** Per kind, per threshold index: the sign of the detector's nonzero outputs. */
    private final int[][] signs;
    private final int detectorLength;
    private final long[] violations;
    private final long norBias;
    private final long norWeight;
    private final long off;
    private final long on;
    private final List<long[]> normalizer;
    private final long high;
    private final List<Tail> tails;

    private IndicatorGadgets(Machine s, int maxFanIn, long[][][][] detectors, int[][] signs, int detectorLength, long[] violations,
            long norBias, long norWeight, long off, long on, List<long[]> normalizer, long high, List<Tail> tails) {
        this.s = s;
        this.maxFanIn = maxFanIn;
        this.detectors = detectors;
        this.signs = signs;
        this.detectorLength = detectorLength;
        this.violations = violations;
        this.norBias = norBias;
        this.norWeight = norWeight;
        this.off = off;
        this.on = on;
        this.normalizer = normalizer;
        this.high = high;
        this.tails = tails;
    }

    private static final Map<String, IndicatorGadgets> CACHE = new LinkedHashMap<>();

    /**
     * Finds (or returns the cached) gadgets of {@code s} for indicators of up to {@code maxFanIn}
     * detector inputs.
     *
     * @throws IllegalArgumentException if some gadget does not exist within the search
     */
    public static synchronized IndicatorGadgets find(Machine s, int maxFanIn) {
        String key = s + " fanIn=" + maxFanIn;
        IndicatorGadgets g = CACHE.get(key);
        if (g == null) {
            g = new Finder(s, maxFanIn, MAX_TAIL_SEARCHES).run();
            if (CACHE.size() > 64) {
                CACHE.clear();
            }
            CACHE.put(key, g);
        }
        return g;
    }

    /**
     * Searches the gadgets of {@code s} afresh (no cache) with at most {@code tailSearchBudget}
     * tail searches per attempt; {@link #find} is this with {@link #MAX_TAIL_SEARCHES}.
     *
     * @throws IllegalArgumentException if some gadget does not exist within the search
     */
    static IndicatorGadgets search(Machine s, int maxFanIn, int tailSearchBudget) {
        if (tailSearchBudget < 0) {
            throw new IllegalArgumentException("tail search budget " + tailSearchBudget + " is negative");
        }
        return new Finder(s, maxFanIn, tailSearchBudget).run();
    }

    public Machine setting() {
        return s;
    }

    /** The number of hidden layers of every detector. */
    public int detectorLength() {
        return detectorLength;
    }

    /** The number of hidden layers of the normalizer (0 when the NOR already outputs {@code {0, h}}). */
    public int normalizerLength() {
        return normalizer.size();
    }

    /** The hidden layers of the whole indicator: detectors, NOR, normalizer. */
    public int indicatorDepth() {
        return detectorLength + 1 + normalizer.size();
    }

    /** The detector chain for {@code kind} at threshold code {@code a}: {@code {b, w}} per neuron, first reads the input. */
    public long[][] detector(Kind kind, long a) {
        long[][] d = detectors[kind.ordinal()][(int) (a - s.min())];
        if (d == null) {
            throw new IllegalStateException("no " + kind + " detector at " + s.dec(a) + " (trivial threshold)");
        }
        return d;
    }

    public long norBias() {
        return norBias;
    }

    /** The NOR weight for detectors whose nonzero outputs are positive (negated for negative ones). */
    public long norWeight() {
        return norWeight;
    }

    /** The NOR weight for the detector {@code (kind, a)}: {@link #norWeight()} or its negation, by the detector's sign. */
    public long norWeight(Kind kind, long a) {
        return signs[kind.ordinal()][(int) (a - s.min())] > 0 ? norWeight : -norWeight;
    }

    /** The indicator's output when the point is outside the box, after the normalizer: always 0. */
    public long high() {
        return high;
    }

    public List<long[]> normalizer() {
        return normalizer;
    }

    /** A description of the gadgets, for {@code meta} and the docs. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> ts = new ArrayList<>();
        for (Tail t : tails) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("cut", (t.le ? "z <= " : "z >= ") + s.dec(t.theta));
            tm.put("tail", chain(t.neurons));
            ts.add(tm);
        }
        m.put("detectorLayers", detectorLength);
        m.put("detectorTails", ts);
        m.put("nor", "tau(" + s.dec(norBias) + " + " + s.dec(norWeight) + " * sum s_i): on " + s.dec(on) + ", off "
                + s.dec(off));
        m.put("normalizer", chain(normalizer));
        m.put("indicatorHigh", s.dec(high));
        return m;
    }

    private List<String> chain(List<long[]> ns) {
        List<String> out = new ArrayList<>();
        for (long[] n : ns) {
            out.add("tau(" + s.dec(n[0]) + " + " + s.dec(n[1]) + " * y)");
        }
        return out;
    }

    /** A one-line summary. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append("detectors ").append(detectorLength).append(" layer(s) (");
        for (int i = 0; i < tails.size(); i++) {
            Tail t = tails.get(i);
            b.append(i == 0 ? "" : "; ").append(t.le ? "z<=" : "z>=").append(s.dec(t.theta)).append(" tail ")
                    .append(t.neurons.size());
        }
        b.append("), NOR tau(").append(s.dec(norBias)).append(" + ").append(s.dec(norWeight)).append("*sum) on=")
                .append(s.dec(on)).append(" off=").append(s.dec(off)).append(", normalizer ").append(normalizer.size())
                .append(" layer(s), high=").append(s.dec(high));
        return b.toString();
    }

    /**
     * Output weights for a point whose indicator is {@code high}: the terms, in order, that take an
     * accumulator from {@code start} to {@code target} exactly; each term needs its own copy of the
     * indicator. Returns null if no one- or two-term decomposition exists.
     */
    public long[] outputWeights(long start, long target) {
        if (start == target) {
            return new long[0];
        }
        return paths(start).get(target);
    }

    /** Most terms an output decomposition may use. */
    public static final int MAX_OUTPUT_TERMS = 32;

    private final Map<Long, Map<Long, long[]>> pathCache = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Shortest term sequences from {@code start} to every reachable output value. PER_OP: a breadth-first
     * search over accumulator values, one term {@code w (*) high} per step (each partial sum is a value
     * of F, so it is exact by construction). WIDE: one rounding of {@code start + (w_1 + ... + w_k) high},
     * so only the sum of the weight codes matters.
     */
    private Map<Long, long[]> paths(long start) {
        return pathCache.computeIfAbsent(start, st -> {
            Map<Long, long[]> out = new java.util.HashMap<>();
            if (s.perOp()) {
                Map<Long, Long> termWeight = new java.util.HashMap<>();
                for (long w = s.min(); w <= s.max(); w++) {
                    long t = s.mul(w, high);
                    termWeight.merge(t, w, (a, b) -> Math.abs(a) <= Math.abs(b) ? a : b);
                }
                java.util.ArrayDeque<Long> queue = new java.util.ArrayDeque<>();
                out.put(st, new long[0]);
                queue.add(st);
                while (!queue.isEmpty()) {
                    long a = queue.poll();
                    long[] path = out.get(a);
                    if (path.length >= MAX_OUTPUT_TERMS) {
                        continue;
                    }
                    for (Map.Entry<Long, Long> e : termWeight.entrySet()) {
                        long next = s.arithmetic().add(a, e.getKey());
                        if (!out.containsKey(next)) {
                            long[] p = java.util.Arrays.copyOf(path, path.length + 1);
                            p[path.length] = e.getValue();
                            out.put(next, p);
                            queue.add(next);
                        }
                    }
                }
            } else if (high == s.one().orElse(-1)) {
                // WIDE with unit terms: rho(start + K) = start + K exactly when in range; K is split into codes
                for (long v = s.min(); v <= s.max(); v++) {
                    long rest = v - st;
                    int k = (int) Math.max(1, Math.max(-Math.floorDiv(-rest, s.max()), -Math.floorDiv(rest, -s.min())));
                    long[] ws = new long[k];
                    for (int i = 0; i < k; i++) {
                        ws[i] = Math.max(s.min(), Math.min(s.max(), rest));
                        rest -= ws[i];
                    }
                    if (rest == 0 && acc(st, ws) == v) {
                        out.put(v, ws);
                    }
                }
            } else {
                for (int k = 1; k <= Math.min(16, MAX_OUTPUT_TERMS); k++) {
                    for (long sum = k * s.min(); sum <= k * s.max(); sum++) {
                        // k weights of F adding up to sum exactly; their WIDE sum with the indicator value
                        long[] ws = new long[k];
                        long rest = sum;
                        boolean fits = true;
                        for (int i = 0; i < k; i++) {
                            long r = k - 1 - i;
                            long lo = Math.max(s.min(), rest - r * s.max());
                            long hi = Math.min(s.max(), rest - r * s.min());
                            if (lo > hi) {
                                fits = false;
                                break;
                            }
                            ws[i] = Math.max(lo, Math.min(hi, rest));
                            rest -= ws[i];
                        }
                        if (fits && rest == 0) {
                            out.putIfAbsent(acc(st, ws), ws);
                        }
                    }
                }
            }
            out.remove(st);
            return out;
        });
    }

    private long[] wOrderCache;

    private long[] wOrder() {
        if (wOrderCache == null) {
            // weights tried in an order that finds "target - start" quickly when high = 1
            long[] w = new long[s.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = s.min() + i;
            }
            wOrderCache = w;
        }
        return wOrderCache;
    }

    /** The output accumulator from bias {@code start} with terms {@code w_i * high}. */
    long acc(long start, long[] ws) {
        long[] ys = new long[ws.length];
        Arrays.fill(ys, high);
        return s.accumulate(start, ws, ys, ws.length);
    }

    // ---------------------------------------------------------------------------------------------

    static final class Finder {
        final Machine s;
        final int maxFanIn;
        final ChainSearch.Candidates cand;
        final long one;
        /** Most tail searches per attempt (a count, so the outcome never depends on the clock). */
        final int budget;

        Finder(Machine s, int maxFanIn, int budget) {
            this.s = s;
            this.maxFanIn = maxFanIn;
            this.budget = budget;
            this.cand = ChainSearch.Candidates.of(s);
            this.one = s.one().orElse(-1);
            long big = 0;
            for (long z = s.min(); z <= s.max(); z++) {
                big = Math.max(big, Math.abs(s.tau(z)));
            }
            this.strongMin = big;
        }

        /** The largest |tau(z)|: detectors whose nonzero output is this large make the NOR easiest. */
        final long strongMin;
        boolean strong;

        /**
         * Tries detectors whose nonzero output is as large as tau allows (often one layer longer) and
         * the shortest detectors, and keeps the set whose indicators are cheaper (a normalizer layer
         * costs a neuron per indicator, a detector layer only a neuron per threshold).
         */
        IndicatorGadgets run() {
            IndicatorGadgets best = null;
            IllegalArgumentException failure = null;
            for (boolean st : new boolean[] {true, false}) {
                strong = st;
                try {
                    IndicatorGadgets g = attempt();
                    if (best == null || cost(g) < cost(best)) {
                        best = g;
                    }
                } catch (IllegalArgumentException e) {
                    failure = e;
                }
            }
            if (best == null) {
                throw failure;
            }
            return best;
        }

        static long cost(IndicatorGadgets g) {
            return 1000L * g.normalizer.size() + 10L * g.detectorLength;
        }

        IndicatorGadgets attempt() {
            int n = s.size();
            long[][][][] first = new long[2][n][][];
            Tail[][] tailOf = new Tail[2][n];
            int needed = 0;
            for (long a = s.min(); a <= s.max(); a++) {
                if (a > s.min()) {
                    needed++;
                }
                if (a < s.max()) {
                    needed++;
                }
            }
            List<Tail> tails = new ArrayList<>();
            int covered = 0;
            int searched = 0;
            List<long[]> cuts = cuts();
            // pass 1: first neurons with w = +-1 (exact), tails searched only where they help
            for (long[] cut : cuts) {
                if (covered == needed || searched >= budget) {
                    break;
                }
                long theta = cut[0];
                boolean le = cut[1] == 1;
                Tail probe = new Tail(theta, le, null, null);
                long[][] cls = classes(probe);
                if (cls == null) {
                    continue;
                }
                List<long[]> placeable = new ArrayList<>();
                for (Kind k : Kind.values()) {
                    for (long a = s.min(); a <= s.max(); a++) {
                        if (trivial(k, a) || first[k.ordinal()][(int) (a - s.min())] != null) {
                            continue;
                        }
                        long[] fn = firstNeuronFast(k, a, probe);
                        if (fn != null) {
                            placeable.add(new long[] {k.ordinal(), a, fn[0], fn[1]});
                        }
                    }
                }
                if (placeable.isEmpty()) {
                    continue;
                }
                searched++;
                Tail t = tail(probe, cls);
                if (t == null) {
                    continue;
                }
                tails.add(t);
                for (long[] p : placeable) {
                    int k = (int) p[0];
                    int i = (int) (p[1] - s.min());
                    if (first[k][i] == null) {
                        first[k][i] = new long[][] {{p[2], p[3]}};
                        tailOf[k][i] = t;
                        covered++;
                    }
                }
            }
            // pass 2: any first neuron, against the tails found, then against tails of further cuts
            if (covered < needed) {
                covered += placeByScan(first, tailOf, tails);
                int extra = 0;
                for (long[] cut : cuts) {
                    if (covered == needed || searched >= budget || extra >= 48) {
                        break;
                    }
                    Tail probe = new Tail(cut[0], cut[1] == 1, null, null);
                    if (tails.stream().anyMatch(t -> t.theta == probe.theta && t.le == probe.le)) {
                        continue;
                    }
                    long[][] cls = classes(probe);
                    if (cls == null || !anyScanPlaceable(first, probe)) {
                        continue;
                    }
                    extra++;
                    searched++;
                    Tail t = tail(probe, cls);
                    if (t != null) {
                        tails.add(t);
                        covered += placeByScan(first, tailOf, List.of(t));
                    }
                }
            }
            if (covered < needed) {
                String missing = missing(first);
                throw new IllegalArgumentException("no exact step gadget in " + s + ": " + missing
                        + " has no detector (a chain that is exactly 0 on one side of the threshold); examined the "
                        + cuts.size() + " cuts of the first pre-activation (z <= t, z >= t for t in F), every first"
                        + " neuron (b, w) in F^2 against each cut it could serve, and tails of up to " + MAX_TAIL
                        + " neurons for " + searched + " of them (beam " + BEAM
                        + ", biases and weights over " + (s.size() <= 256 ? "all of F" : "a sparse subset of F")
                        + ")"
                        + (searched >= budget ? "; the budget of " + budget + " tail searches was reached" : "")
                        + (zeroNeverOutput() ? "; tau(z) is never 0 for any z in F, so no hidden neuron outputs 0" : ""));
            }
            // uniform length: pad shorter tails
            int maxLen = 0;
            for (Tail t : tails) {
                maxLen = Math.max(maxLen, t.neurons.size());
            }
            List<Tail> used = new ArrayList<>();
            for (Tail[] row : tailOf) {
                for (Tail t : row) {
                    if (t != null && !used.contains(t)) {
                        used.add(t);
                    }
                }
            }
            maxLen = 0;
            for (Tail t : used) {
                maxLen = Math.max(maxLen, t.neurons.size());
            }
            for (Tail t : used) {
                while (t.neurons.size() < maxLen) {
                    long[] pad = pad(t.viol);
                    if (pad == null) {
                        throw new IllegalArgumentException("no padding neuron in " + s + " keeps a detector's 0 at 0 and"
                                + " its violation values " + values(t.viol) + " nonzero of one sign; searched all (bias, weight)");
                    }
                    List<long[]> ns = new ArrayList<>(t.neurons);
                    ns.add(pad);
                    long[] v = new long[t.viol.length];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = s.neuron(pad[0], pad[1], t.viol[i]);
                    }
                    t.neurons.clear();
                    t.neurons.addAll(ns);
                    t.viol = ChainSearch.distinctSorted(v);
                }
            }
            long[][][][] det = new long[2][s.size()][][];
            int[][] sg = new int[2][s.size()];
            TreeSet<Long> viol = new TreeSet<>();
            for (int k = 0; k < 2; k++) {
                for (int i = 0; i < s.size(); i++) {
                    if (first[k][i] == null) {
                        continue;
                    }
                    Tail t = tailOf[k][i];
                    long[][] chain = new long[1 + t.neurons.size()][];
                    chain[0] = first[k][i][0];
                    for (int j = 0; j < t.neurons.size(); j++) {
                        chain[j + 1] = t.neurons.get(j);
                    }
                    TreeSet<Long> mine = new TreeSet<>();
                    verifyDetector(Kind.values()[k], s.min() + i, chain, mine);
                    sg[k][i] = mine.isEmpty() || mine.first() > 0 ? 1 : -1;
                    viol.addAll(mine);
                    det[k][i] = chain;
                }
            }
            long[] violations = viol.stream().mapToLong(Long::longValue).toArray();
            long[] nor = nor(violations);
            if (nor == null) {
                throw new IllegalArgumentException("no NOR neuron in " + s + ": no (bias, weight) over F makes"
                        + " tau(b + w*s_1 + ... + w*s_k) one value when every s_i = 0 and another for every nonzero"
                        + " detector output in " + values(violations) + " (k <= " + maxFanIn + ")");
            }
            long offV = nor[2];
            long onV = nor[3];
            List<long[]> normalizer;
            long high;
            if (offV == 0 && (onV == one || (one < 0 && onV != 0))) {
                normalizer = List.of();
                high = onV;
            } else {
                normalizer = normalize(offV, onV, true, MAX_NORMALIZER + 2);
                if (normalizer == null) {
                    normalizer = normalize(offV, onV, false, MAX_NORMALIZER);
                }
                if (normalizer == null && offV == 0 && onV != 0) {
                    normalizer = List.of();
                }
                if (normalizer == null) {
                    throw new IllegalArgumentException("no normalizer in " + s + ": no chain of up to " + MAX_NORMALIZER
                            + " neurons maps the NOR outputs (off " + s.dec(offV) + ", on " + s.dec(onV)
                            + ") to 0 and a nonzero value");
                }
                long h = onV;
                long o = offV;
                for (long[] nn : normalizer) {
                    h = s.neuron(nn[0], nn[1], h);
                    o = s.neuron(nn[0], nn[1], o);
                }
                if (o != 0 || h == 0) {
                    throw new IllegalStateException("normalizer check failed");
                }
                high = h;
            }
            return new IndicatorGadgets(s, maxFanIn, det, sg, maxLen + 1, violations, nor[0], nor[1], offV, onV, normalizer,
                    high, used);
        }

        int placeByScan(long[][][][] first, Tail[][] tailOf, List<Tail> candidates) {
            int placed = 0;
            for (Kind k : Kind.values()) {
                for (long a = s.min(); a <= s.max(); a++) {
                    int i = (int) (a - s.min());
                    if (trivial(k, a) || first[k.ordinal()][i] != null) {
                        continue;
                    }
                    for (Tail t : candidates) {
                        long[] fn = firstNeuronScan(k, a, t);
                        if (fn != null) {
                            first[k.ordinal()][i] = new long[][] {fn};
                            tailOf[k.ordinal()][i] = t;
                            placed++;
                            break;
                        }
                    }
                }
            }
            return placed;
        }

        boolean anyScanPlaceable(long[][][][] first, Tail probe) {
            for (Kind k : Kind.values()) {
                for (long a = s.min(); a <= s.max(); a++) {
                    if (!trivial(k, a) && first[k.ordinal()][(int) (a - s.min())] == null
                            && firstNeuronScan(k, a, probe) != null) {
                        return true;
                    }
                }
            }
            return false;
        }

        boolean zeroNeverOutput() {
            for (long z = s.min(); z <= s.max(); z++) {
                if (s.tau(z) == 0) {
                    return false;
                }
            }
            return true;
        }

        String missing(long[][][][] first) {
            List<String> m = new ArrayList<>();
            for (Kind k : Kind.values()) {
                for (long a = s.min(); a <= s.max(); a++) {
                    if (!trivial(k, a) && first[k.ordinal()][(int) (a - s.min())] == null) {
                        m.add((k == Kind.LO ? "[x < " : "[x > ") + s.dec(a) + "]");
                    }
                }
            }
            return m.size() <= 4 ? String.join(", ", m) : String.join(", ", m.subList(0, 4)) + " and " + (m.size() - 4)
                    + " more thresholds";
        }

        String values(long[] v) {
            if (v.length <= 6) {
                List<String> out = new ArrayList<>();
                for (long x : v) {
                    out.add(s.dec(x));
                }
                return out.toString();
            }
            return "[" + s.dec(v[0]) + " .. " + s.dec(v[v.length - 1]) + ", " + v.length + " values]";
        }

        /** LO at min and HI at max are never violated: no detector needed. */
        boolean trivial(Kind k, long a) {
            return k == Kind.LO ? a == s.min() : a == s.max();
        }

        /** Cuts in the order they are tried: 0, the edges, then by distance from 0; both orientations. */
        List<long[]> cuts() {
            List<Long> order = new ArrayList<>();
            order.add(0L);
            for (long c : new long[] {s.min(), s.min() + 1, s.max() - 1, s.max()}) {
                if (c >= s.min() && c <= s.max() && !order.contains(c)) {
                    order.add(c);
                }
            }
            for (long d = 1; d <= Math.max(-s.min(), s.max()); d++) {
                for (long c : new long[] {-d, d}) {
                    if (c >= s.min() && c <= s.max() && !order.contains(c)) {
                        order.add(c);
                    }
                }
            }
            List<long[]> cuts = new ArrayList<>();
            for (long c : order) {
                cuts.add(new long[] {c, 1});
                cuts.add(new long[] {c, 0});
            }
            return cuts;
        }

        /** The classes {ok, viol} of tau(z) over all z for a cut, or null if they meet or one is empty. */
        long[][] classes(Tail t) {
            List<Long> ok = new ArrayList<>();
            List<Long> bad = new ArrayList<>();
            for (long z = s.min(); z <= s.max(); z++) {
                (t.ok(z) ? ok : bad).add(s.tau(z));
            }
            if (ok.isEmpty() || bad.isEmpty()) {
                return null;
            }
            long[][] cls = {ChainSearch.distinctSorted(ok.stream().mapToLong(Long::longValue).toArray()),
                ChainSearch.distinctSorted(bad.stream().mapToLong(Long::longValue).toArray())};
            return SortedCodes.intersects(cls[0], cls[1]) ? null : cls;
        }

        /** The least distance between a value of {@code a} and a value of {@code b} (both sorted). */
        static long gap(long[] a, long[] b) {
            long g = Long.MAX_VALUE;
            int i = 0;
            int j = 0;
            while (i < a.length && j < b.length) {
                g = Math.min(g, Math.abs(a[i] - b[j]));
                if (a[i] < b[j]) {
                    i++;
                } else {
                    j++;
                }
            }
            return g;
        }

        static boolean sameSignNonzero(long[] v) {
            return v.length > 0 && (v[0] > 0 || v[v.length - 1] < 0);
        }

        /**
         * Detector goal: ok -> exactly 0; violations -> nonzero values of one sign; when {@code single},
         * one value (a two-valued detector, which also keeps grid verification incremental).
         */
        static ChainSearch.Goal detectorGoal(boolean single) {
            return new ChainSearch.Goal() {
                @Override
                public boolean done(long[][] c) {
                    return c[0].length == 1 && c[0][0] == 0 && sameSignNonzero(c[1]) && (!single || c[1].length == 1);
                }

                @Override
                public double score(long[][] c) {
                    double sc = (c[0].length - 1) * 1000.0 + (c[0].length == 1 && c[0][0] == 0 ? 0 : 100)
                            + (sameSignNonzero(c[1]) ? 0 : 50) + c[1].length + 0.9 / (1 + gap(c[0], c[1]));
                    if (done(c)) {
                        long minAbs = Math.min(Math.abs(c[1][0]), Math.abs(c[1][c[1].length - 1]));
                        sc = -minAbs;
                    }
                    return sc;
                }
            };
        }

        static final ChainSearch.Goal DETECTOR_GOAL = detectorGoal(false);
        static final ChainSearch.Goal TWO_VALUED_GOAL = detectorGoal(true);

        Tail tail(Tail probe, long[][] cls) {
            List<long[]> chain = null;
            if (strong) {
                ChainSearch.Goal strongGoal = new ChainSearch.Goal() {
                    @Override
                    public boolean done(long[][] c) {
                        return TWO_VALUED_GOAL.done(c) && norGood(c[1][0]);
                    }

                    @Override
                    public double score(long[][] c) {
                        return TWO_VALUED_GOAL.score(c);
                    }
                };
                chain = ChainSearch.search(s, cls, strongGoal, MAX_TAIL + 1, BEAM, cand);
            }
            if (chain == null) {
                chain = ChainSearch.search(s, cls, TWO_VALUED_GOAL, MAX_TAIL, BEAM, cand);
            }
            if (chain == null) {
                chain = ChainSearch.search(s, cls, DETECTOR_GOAL, MAX_TAIL, BEAM, cand);
            }
            if (chain == null) {
                return null;
            }
            long[][] c = cls;
            for (long[] n : chain) {
                c = ChainSearch.apply(s, c, n[0], n[1]);
            }
            return new Tail(probe.theta, probe.le, new ArrayList<>(chain), c[1]);
        }

        private final java.util.Map<Long, Boolean> norGoodCache = new java.util.HashMap<>();

        /** Whether a detector with nonzero output {@code v} admits a NOR with off 0 and on 1 (no normalizer). */
        boolean norGood(long v) {
            return norGoodCache.computeIfAbsent(v, x -> {
                long[] n = nor(new long[] {x});
                return n != null && n[2] == 0 && (n[3] == one || (one < 0 && n[3] != 0));
            });
        }

        boolean okInput(Kind k, long a, long x) {
            return k == Kind.LO ? x >= a : x <= a;
        }

        boolean places(Kind k, long a, Tail t, long b, long w) {
            for (long x = s.min(); x <= s.max(); x++) {
                if (t.ok(s.pre(b, w, x)) != okInput(k, a, x)) {
                    return false;
                }
            }
            return true;
        }

        long[] firstNeuronFast(Kind k, long a, Tail t) {
            if (one < 0) {
                return null;
            }
            for (long w : new long[] {one, -one}) {
                if (!s.contains(w)) {
                    continue;
                }
                // ok(x) <=> (b + w x) on the ok side of theta
                long b = w > 0 ? t.theta - a : t.theta + a;
                if ((w > 0) != ((k == Kind.LO) != t.le)) {
                    continue; // monotonicity points the wrong way
                }
                if (s.contains(b) && places(k, a, t, b, w)) {
                    return new long[] {b, w};
                }
            }
            return null;
        }

        long[] firstNeuronScan(Kind k, long a, Tail t) {
            long inside = a; // an ok input at the boundary
            long outside = k == Kind.LO ? a - 1 : a + 1;
            for (long w : cand.weights) {
                for (long b : cand.biases) {
                    if (t.ok(s.pre(b, w, inside)) && !t.ok(s.pre(b, w, outside)) && places(k, a, t, b, w)) {
                        return new long[] {b, w};
                    }
                }
            }
            return null;
        }

        void verifyDetector(Kind k, long a, long[][] chain, TreeSet<Long> viol) {
            for (long x = s.min(); x <= s.max(); x++) {
                long y = x;
                for (long[] n : chain) {
                    y = s.neuron(n[0], n[1], y);
                }
                if (okInput(k, a, x) != (y == 0)) {
                    throw new IllegalStateException("detector " + k + " " + s.dec(a) + " fails at " + s.dec(x) + " in " + s);
                }
                if (y != 0) {
                    viol.add(y);
                }
            }
        }

        long[] pad(long[] viol) {
            long[][] cls = {{0}, viol};
            for (long w : cand.weights) {
                for (long b : cand.biases) {
                    long[][] out = ChainSearch.apply(s, cls, b, w);
                    if (out != null && (viol.length == 1 ? TWO_VALUED_GOAL : DETECTOR_GOAL).done(out)) {
                        return new long[] {b, w};
                    }
                }
            }
            return null;
        }

        /**
         * Whether the exact {@code b + k w v} lies in {@code [value(min) - u, value(max) + u)}, {@code u}
         * the step between neighbouring codes: then no partial sum of up to {@code k} such terms in
         * one direction leaves the range by a whole step (WRAP, where that would fold it over).
         */
        private boolean withinOneStep(long b, long k, long w, long v) {
            java.math.BigDecimal x = ar().value(b).add(java.math.BigDecimal.valueOf(k).multiply(ar().value(w))
                    .multiply(ar().value(v)));
            java.math.BigDecimal u = ar().value(s.max()).subtract(ar().value(s.max() - 1));
            return x.compareTo(ar().value(s.min()).subtract(u)) >= 0 && x.compareTo(ar().value(s.max()).add(u)) < 0;
        }

        private dev.fxnet.arith.Arithmetic ar() {
            return s.arithmetic();
        }

        /**
         * The NOR neuron: {bias, weight, off, on}. Every nonzero detector value v gives a term of one
         * sign; the accumulator after any nonempty set of such terms lies in an interval on which tau
         * is constant (off), while with no term it is the bias (on).
         */
        long[] nor(long[] viol) {
            long[] best = null;
            int bestRank = Integer.MAX_VALUE;
            boolean wrap = s.arithmetic().wraps();
            for (long w0 : cand.weights) {
                if (!s.contains(-w0)) {
                    continue;
                }
                for (long b : cand.biases) {
                    long lo = Long.MAX_VALUE;
                    long hi = Long.MIN_VALUE;
                    int sign = 0;
                    boolean okAll = true;
                    for (long v : viol) {
                        long w = v > 0 ? w0 : -w0;
                        long a1 = s.pre(b, w, v);
                        int sg = Long.signum(a1 - b);
                        if (sg == 0 || (sign != 0 && sg != sign)) {
                            okAll = false;
                            break;
                        }
                        sign = sg;
                        lo = Math.min(lo, a1);
                        hi = Math.max(hi, a1);
                        if (s.perOp() && Long.signum(s.mul(w, v)) != sg) {
                            okAll = false;
                            break;
                        }
                        if (wrap) {
                            // no partial sum may leave the range: k terms of at most |w v| each
                            if (!withinOneStep(b, maxFanIn, w, v)) {
                                okAll = false;
                                break;
                            }
                        }
                    }
                    if (!okAll || sign == 0) {
                        continue;
                    }
                    long from = sign < 0 ? s.min() : lo;
                    long to = sign < 0 ? hi : s.max();
                    long offV = s.tau(from);
                    boolean constant = true;
                    for (long z = from; z <= to; z++) {
                        if (s.tau(z) != offV) {
                            constant = false;
                            break;
                        }
                    }
                    long onV = s.tau(b);
                    if (!constant || onV == offV) {
                        continue;
                    }
                    int rank = (offV == 0 ? 0 : 4) + (onV == one ? 0 : (one < 0 && onV != 0 ? 0 : 2))
                            + (Math.abs(w0) == Math.abs(one) ? 0 : 1);
                    // without 1 in F, a larger on-value needs fewer output terms
                    if (rank < bestRank || (rank == bestRank && one < 0 && Math.abs(onV) > Math.abs(best[3]))) {
                        bestRank = rank;
                        best = new long[] {b, w0, offV, onV};
                        if (rank == 0 && one > 0) {
                            return best;
                        }
                    }
                }
            }
            return best;
        }

        List<long[]> normalize(long offV, long onV, boolean wantOne, int depth) {
            long target = one;
            ChainSearch.Goal goal = new ChainSearch.Goal() {
                @Override
                public boolean done(long[][] c) {
                    return c[0][0] == 0 && (wantOne && target > 0 ? c[1][0] == target : c[1][0] != 0);
                }

                @Override
                public double score(long[][] c) {
                    return Math.abs(c[0][0]) + (wantOne && target > 0 ? Math.abs(c[1][0] - target)
                            : -Math.abs(c[1][0]) * 0.5) - Math.abs(c[1][0] - c[0][0]) * 0.001;
                }
            };
            return ChainSearch.search(s, new long[][] {{offV}, {onV}}, goal, depth, BEAM, cand);
        }
    }
}

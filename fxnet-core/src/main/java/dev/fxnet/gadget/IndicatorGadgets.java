package dev.fxnet.gadget;

import dev.fxnet.arith.FixedPointArithmetic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

    /**
     * A cut of the first pre-activation {@code z} of a detector: {@code z} is "ok" (the detector must
     * output 0) iff {@code z <= theta} ({@code le}) or {@code z >= theta}.
     */
    record Cut(long theta, boolean le) {
        boolean ok(long z) {
            return le ? z <= theta : z >= theta;
        }
    }

    /**
     * The tail shared by all detectors whose first neuron places its threshold at {@code cut}: a chain
     * of one-copy {@link Stage}s taking every ok value of {@code tau(z)} to 0 and every other one into
     * {@code viol} (distinct, sorted, nonzero of one sign).
     */
    record Tail(Cut cut, List<Stage> neurons, long[] viol) {
        Tail {
            neurons = List.copyOf(neurons);
        }

        /** This tail with one more neuron, after which the nonzero outputs are {@code newViol}. */
        Tail then(Stage neuron, long[] newViol) {
            List<Stage> ns = new ArrayList<>(neurons);
            ns.add(neuron);
            return new Tail(cut, ns, newViol);
        }
    }

    /** The NOR neuron {@code tau(bias + sum weight (*) s_i)}: {@code on} when every input is 0, else {@code off}. */
    record Nor(long bias, long weight, long off, long on) {
    }

    /**
     * The detectors of one gadget set: per kind and threshold index ({@code a - min}) the whole chain
     * (one-copy stages, the first reading the input; null at a trivial threshold) and the sign of its nonzero outputs;
     * the common number of hidden layers; every nonzero output of any detector (sorted); the tails used.
     */
    record Detectors(List<Stage>[][] chains, int[][] signs, int length, long[] violations, List<Tail> tails) {
    }

    private final Machine s;
    private final Detectors detectors;
    private final Nor nor;
    private final List<Stage> normalizer;
    private final long high;

    private IndicatorGadgets(Machine s, Detectors detectors, Nor nor, List<Stage> normalizer, long high) {
        this.s = s;
        this.detectors = detectors;
        this.nor = nor;
        this.normalizer = normalizer;
        this.high = high;
    }

    private record Key(Setting setting, int fanIn) {
    }

    private static final Map<Key, Outcome> CACHE = new LinkedHashMap<>();

    /**
     * What the search found for one setting and fan-in: the gadgets, or the reason there are none
     * (the setting, the missing gadget and what was searched).
     *
     * @param gadgets the gadgets, if found
     * @param refusal why none were found; empty when found
     */
    public record Outcome(Optional<IndicatorGadgets> gadgets, String refusal) {
        /** @throws NullPointerException if an argument is null */
        public Outcome {
            Objects.requireNonNull(gadgets, "gadgets");
            Objects.requireNonNull(refusal, "refusal");
        }

        /**
         * The gadgets.
         *
         * @throws IllegalArgumentException with the refusal if none were found
         */
        public IndicatorGadgets orRefuse() {
            return gadgets.orElseThrow(() -> new IllegalArgumentException(refusal));
        }
    }

    /**
     * The gadgets of {@code s} for indicators of up to {@code maxFanIn} detector inputs, or why
     * there are none; cached per setting and fan-in.
     */
    public static synchronized Outcome search(Machine s, int maxFanIn) {
        Key key = new Key(s.setting(), maxFanIn);
        Outcome o = CACHE.get(key);
        if (o == null) {
            o = new Finder(s, maxFanIn, MAX_TAIL_SEARCHES).outcome();
            if (CACHE.size() > 64) {
                CACHE.clear();
            }
            CACHE.put(key, o);
        }
        return o;
    }

    /**
     * Finds (or returns the cached) gadgets of {@code s} for indicators of up to {@code maxFanIn}
     * detector inputs.
     *
     * @throws IllegalArgumentException if some gadget does not exist within the search
     */
    public static IndicatorGadgets find(Machine s, int maxFanIn) {
        return search(s, maxFanIn).orRefuse();
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
        return new Finder(s, maxFanIn, tailSearchBudget).outcome().orRefuse();
    }

    public Machine setting() {
        return s;
    }

    /** The number of hidden layers of every detector. */
    public int detectorLength() {
        return detectors.length();
    }

    /** The number of hidden layers of the normalizer (0 when the NOR already outputs {@code {0, h}}). */
    public int normalizerLength() {
        return normalizer.size();
    }

    /** The hidden layers of the whole indicator: detectors, NOR, normalizer. */
    public int indicatorDepth() {
        return detectors.length() + 1 + normalizer.size();
    }

    /** The detector chain for {@code kind} at threshold code {@code a}: {@code {b, w}} per neuron, first reads the input. */
    public List<Stage> detector(Kind kind, long a) {
        List<Stage> d = detectors.chains()[kind.ordinal()][(int) (a - s.min())];
        if (d == null) {
            throw new IllegalStateException("no " + kind + " detector at " + s.dec(a) + " (trivial threshold)");
        }
        return d;
    }

    public long norBias() {
        return nor.bias();
    }

    /** The NOR weight for detectors whose nonzero outputs are positive (negated for negative ones). */
    public long norWeight() {
        return nor.weight();
    }

    /** The NOR weight for the detector {@code (kind, a)}: {@link #norWeight()} or its negation, by the detector's sign. */
    public long norWeight(Kind kind, long a) {
        return detectors.signs()[kind.ordinal()][(int) (a - s.min())] > 0 ? nor.weight() : -nor.weight();
    }

    /** The indicator's output when the point is outside the box, after the normalizer: always 0. */
    public long high() {
        return high;
    }

    public List<Stage> normalizer() {
        return normalizer;
    }

    /** A description of the gadgets, for {@code meta} and the docs. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> ts = new ArrayList<>();
        for (Tail t : detectors.tails()) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("cut", (t.cut().le() ? "z <= " : "z >= ") + s.dec(t.cut().theta()));
            tm.put("tail", chain(t.neurons()));
            ts.add(tm);
        }
        m.put("detectorLayers", detectors.length());
        m.put("detectorTails", ts);
        m.put("nor", "tau(" + s.dec(nor.bias()) + " + " + s.dec(nor.weight()) + " * sum s_i): on " + s.dec(nor.on())
                + ", off " + s.dec(nor.off()));
        m.put("normalizer", chain(normalizer));
        m.put("indicatorHigh", s.dec(high));
        return m;
    }

    private List<String> chain(List<Stage> ns) {
        List<String> out = new ArrayList<>();
        for (Stage n : ns) {
            out.add("tau(" + s.dec(n.bias()) + " + " + s.dec(n.weight()) + " * y)");
        }
        return out;
    }

    /** A one-line summary. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append("detectors ").append(detectors.length()).append(" layer(s) (");
        for (int i = 0; i < detectors.tails().size(); i++) {
            Tail t = detectors.tails().get(i);
            b.append(i == 0 ? "" : "; ").append(t.cut().le() ? "z<=" : "z>=").append(s.dec(t.cut().theta()))
                    .append(" tail ").append(t.neurons().size());
        }
        b.append("), NOR tau(").append(s.dec(nor.bias())).append(" + ").append(s.dec(nor.weight())).append("*sum) on=")
                .append(s.dec(nor.on())).append(" off=").append(s.dec(nor.off())).append(", normalizer ").append(normalizer.size())
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
            } else if (!(s.arithmetic() instanceof FixedPointArithmetic)) {
                termsByValue(st, out);
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

    /**
     * WIDE in an arithmetic whose codes are not proportional to values (floating point, SPEC §8):
     * {@code rho(start + (w_1 + ... + w_k) h)}. The difference {@code v - start} is split greedily into
     * terms {@code w h} with the largest {@code |w|} whose term is not above what remains, at most
     * {@link #MAX_OUTPUT_TERMS} terms; with unit indicators ({@code h = 1}) this ends at 0 (the
     * remainder falls below the spacing of each term's binade, and every difference of two values is a
     * multiple of the smallest positive value). Every candidate is kept only if {@link #acc} gives
     * {@code v}.
     */
    private void termsByValue(long start, Map<Long, long[]> out) {
        java.math.BigDecimal from = s.arithmetic().value(start);
        java.math.BigDecimal h = s.arithmetic().value(high).abs();
        for (long v = s.min(); v <= s.max(); v++) {
            java.math.BigDecimal rest = s.arithmetic().value(v).subtract(from);
            List<Long> ws = new ArrayList<>();
            while (rest.signum() != 0 && ws.size() < MAX_OUTPUT_TERMS) {
                long c = largestNotAbove(rest.abs(), h);
                if (c == 0) {
                    break;
                }
                long w = rest.signum() * s.arithmetic().value(high).signum() > 0 ? c : -c;
                ws.add(w);
                rest = rest.subtract(s.arithmetic().value(w).multiply(s.arithmetic().value(high)));
            }
            long[] terms = ws.stream().mapToLong(Long::longValue).toArray();
            if (terms.length > 0 && acc(start, terms) == v) {
                out.put(v, terms);
            }
        }
    }

    /**
     * The largest code {@code c >= 0} whose value times {@code h > 0} is at most {@code x >= 0} (codes
     * are ordered like values).
     */
    private long largestNotAbove(java.math.BigDecimal x, java.math.BigDecimal h) {
        long lo = 0;
        long hi = s.max();
        while (lo < hi) {
            long mid = lo + (hi - lo + 1) / 2;
            if (s.arithmetic().value(mid).multiply(h).compareTo(x) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
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
            dev.fxnet.arith.Arithmetic ar = s.arithmetic();
            java.math.BigDecimal u = ar.wraps() ? ar.value(s.max()).subtract(ar.value(s.max() - 1)) : null; // a code step
            this.stepBelow = u == null ? null : ar.value(s.min()).subtract(u);
            this.stepAbove = u == null ? null : ar.value(s.max()).add(u);
        }

        /**
         * Under WRAP, {@code value(m) - u} and {@code value(M) + u}, {@code u} the step between
         * neighbouring codes (the range {@link #withinOneStep} checks); null otherwise.
         */
        private final java.math.BigDecimal stepBelow;
        private final java.math.BigDecimal stepAbove;

        /** The largest |tau(z)|: detectors whose nonzero output is this large make the NOR easiest. */
        final long strongMin;
        boolean strong;

        /** What one attempt gives: the gadgets, or the reason there are none (a refusal, not a bug). */
        sealed interface Attempt permits Found, Refused {
        }

        record Found(IndicatorGadgets gadgets) implements Attempt {
        }

        record Refused(String reason) implements Attempt {
        }

        /**
         * Tries detectors whose nonzero output is as large as tau allows (often one layer longer) and
         * the shortest detectors, and keeps the set whose indicators are cheaper (a normalizer layer
         * costs a neuron per indicator, a detector layer only a neuron per threshold).
         *
         * @throws IllegalArgumentException with the last attempt's reason if neither attempt finds gadgets
         */
        Outcome outcome() {
            IndicatorGadgets best = null;
            String refusal = null;
            for (boolean st : new boolean[] {true, false}) {
                strong = st;
                Attempt a = attempt();
                if (a instanceof Found f) {
                    if (best == null || cost(f.gadgets()) < cost(best)) {
                        best = f.gadgets();
                    }
                } else {
                    refusal = ((Refused) a).reason();
                }
            }
            return best == null ? new Outcome(Optional.empty(), refusal) : new Outcome(Optional.of(best), "");
        }

        static long cost(IndicatorGadgets g) {
            return 1000L * g.normalizer.size() + 10L * g.detectors.length();
        }

        /**
         * The detectors placed so far in one attempt: per kind and threshold index the first neuron
         * {@code {b, w}} and the tail after it; every tail found; the tail searches spent.
         */
        final class Cover {
            final Stage[][] first = new Stage[2][s.size()];
            final Tail[][] tailOf = new Tail[2][s.size()];
            final List<Tail> tails = new ArrayList<>();
            final int needed;
            int covered;
            int searched;

            Cover() {
                int need = 0;
                for (long a = s.min(); a <= s.max(); a++) {
                    if (a > s.min()) {
                        need++;
                    }
                    if (a < s.max()) {
                        need++;
                    }
                }
                needed = need;
            }

            boolean complete() {
                return covered == needed;
            }

            boolean open(Kind k, long a) {
                return !trivial(k, a) && first[k.ordinal()][(int) (a - s.min())] == null;
            }

            void place(Kind k, long a, Stage neuron, Tail t) {
                first[k.ordinal()][(int) (a - s.min())] = neuron;
                tailOf[k.ordinal()][(int) (a - s.min())] = t;
                covered++;
            }

            /** The tails some detector uses, in the order of kinds and thresholds. */
            List<Tail> used() {
                List<Tail> used = new ArrayList<>();
                for (Tail[] row : tailOf) {
                    for (Tail t : row) {
                        if (t != null && !used.contains(t)) {
                            used.add(t);
                        }
                    }
                }
                return used;
            }
        }

        /** Where an open detector can start on {@code cut}: its kind, threshold and first neuron. */
        private record Placement(Kind kind, long a, Stage neuron) {
        }

        /**
         * One attempt, in the search's own steps: detectors (first neurons and tails, padded to one
         * length), the NOR over their outputs, the normalizer after it.
         */
        Attempt attempt() {
            List<Cut> cuts = cuts();
            Cover c = new Cover();
            exactPass(c, cuts);
            if (!c.complete()) {
                scanPass(c, cuts);
            }
            if (!c.complete()) {
                return new Refused(noDetector(c, cuts.size()));
            }
            List<Tail> used = c.used();
            int maxLen = 0;
            for (Tail t : used) {
                maxLen = Math.max(maxLen, t.neurons().size());
            }
            Map<Tail, Tail> padded = new java.util.IdentityHashMap<>();
            for (Tail t : used) {
                Tail p = t;
                while (p.neurons().size() < maxLen) {
                    Stage pad = pad(p.viol());
                    if (pad == null) {
                        return new Refused("no padding neuron in " + s + " keeps a detector's 0 at 0 and"
                                + " its violation values " + values(p.viol()) + " nonzero of one sign; searched all (bias, weight)");
                    }
                    long[] v = new long[p.viol().length];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = s.neuron(pad.bias(), pad.weight(), p.viol()[i]);
                    }
                    p = p.then(pad, ChainSearch.distinctSorted(v));
                }
                padded.put(t, p);
            }
            Detectors d = detectors(c, padded, used, maxLen + 1);
            Nor nor = nor(d.violations());
            if (nor == null) {
                return new Refused("no NOR neuron in " + s + ": no (bias, weight) over F makes"
                        + " tau(b + w*s_1 + ... + w*s_k) one value when every s_i = 0 and another for every nonzero"
                        + " detector output in " + values(d.violations()) + " (k <= " + maxFanIn + ")");
            }
            return normalized(d, nor);
        }

        /** Pass 1: first neurons with {@code w = +-1} (exact), tails searched only where they help. */
        void exactPass(Cover c, List<Cut> cuts) {
            for (Cut cut : cuts) {
                if (c.complete() || c.searched >= budget) {
                    break;
                }
                long[][] cls = classes(cut);
                if (cls == null) {
                    continue;
                }
                List<Placement> placeable = new ArrayList<>();
                for (Kind k : Kind.values()) {
                    for (long a = s.min(); a <= s.max(); a++) {
                        if (!c.open(k, a)) {
                            continue;
                        }
                        Stage fn = firstNeuronFast(k, a, cut);
                        if (fn != null) {
                            placeable.add(new Placement(k, a, fn));
                        }
                    }
                }
                if (placeable.isEmpty()) {
                    continue;
                }
                c.searched++;
                Tail t = tail(cut, cls);
                if (t == null) {
                    continue;
                }
                c.tails.add(t);
                for (Placement p : placeable) {
                    if (c.open(p.kind(), p.a())) {
                        c.place(p.kind(), p.a(), p.neuron(), t);
                    }
                }
            }
        }

        /** Pass 2: any first neuron, against the tails found, then against tails of further cuts (at most 48). */
        void scanPass(Cover c, List<Cut> cuts) {
            placeByScan(c, c.tails);
            int extra = 0;
            for (Cut cut : cuts) {
                if (c.complete() || c.searched >= budget || extra >= 48) {
                    break;
                }
                if (c.tails.stream().anyMatch(t -> t.cut().equals(cut))) {
                    continue;
                }
                long[][] cls = classes(cut);
                if (cls == null || !anyScanPlaceable(c, cut)) {
                    continue;
                }
                extra++;
                c.searched++;
                Tail t = tail(cut, cls);
                if (t != null) {
                    c.tails.add(t);
                    placeByScan(c, List.of(t));
                }
            }
        }

        /** Why some threshold has no detector, and what was searched. */
        String noDetector(Cover c, int cutCount) {
            return "no exact step gadget in " + s + ": " + missing(c)
                    + " has no detector (a chain that is exactly 0 on one side of the threshold); examined the "
                    + cutCount + " cuts of the first pre-activation (z <= t, z >= t for t in F), every first"
                    + " neuron (b, w) in F^2 against each cut it could serve, and tails of up to " + MAX_TAIL
                    + " neurons for " + c.searched + " of them (beam " + BEAM
                    + ", biases and weights over " + (s.size() <= 256 ? "all of F" : "a sparse subset of F")
                    + ")"
                    + (c.searched >= budget ? "; the budget of " + budget + " tail searches was reached" : "")
                    + (zeroNeverOutput() ? "; tau(z) is never 0 for any z in F, so no hidden neuron outputs 0" : "");
        }

        /** Every detector chain (first neuron, then its padded tail), verified on every input. */
        Detectors detectors(Cover c, Map<Tail, Tail> padded, List<Tail> used, int length) {
            @SuppressWarnings("unchecked")
            List<Stage>[][] det = new List[2][s.size()];
            int[][] sg = new int[2][s.size()];
            TreeSet<Long> viol = new TreeSet<>();
            for (int k = 0; k < 2; k++) {
                for (int i = 0; i < s.size(); i++) {
                    if (c.first[k][i] == null) {
                        continue;
                    }
                    Tail t = padded.get(c.tailOf[k][i]);
                    List<Stage> chain = new ArrayList<>();
                    chain.add(c.first[k][i]);
                    chain.addAll(t.neurons());
                    TreeSet<Long> mine = new TreeSet<>();
                    verifyDetector(Kind.values()[k], s.min() + i, chain, mine);
                    sg[k][i] = mine.isEmpty() || mine.first() > 0 ? 1 : -1;
                    viol.addAll(mine);
                    det[k][i] = List.copyOf(chain);
                }
            }
            List<Tail> tails = new ArrayList<>();
            for (Tail t : used) {
                tails.add(padded.get(t));
            }
            return new Detectors(det, sg, length, viol.stream().mapToLong(Long::longValue).toArray(), List.copyOf(tails));
        }

        /** The normalizer after the NOR (none when the NOR already outputs {@code {0, h}}), and the gadgets. */
        Attempt normalized(Detectors d, Nor nor) {
            long offV = nor.off();
            long onV = nor.on();
            if (offV == 0 && (onV == one || (one < 0 && onV != 0))) {
                return new Found(new IndicatorGadgets(s, d, nor, List.of(), onV));
            }
            List<Stage> normalizer = normalize(offV, onV, true, MAX_NORMALIZER + 2);
            if (normalizer == null) {
                normalizer = normalize(offV, onV, false, MAX_NORMALIZER);
            }
            if (normalizer == null && offV == 0 && onV != 0) {
                normalizer = List.of();
            }
            if (normalizer == null) {
                return new Refused("no normalizer in " + s + ": no chain of up to " + MAX_NORMALIZER
                        + " neurons maps the NOR outputs (off " + s.dec(offV) + ", on " + s.dec(onV)
                        + ") to 0 and a nonzero value");
            }
            long h = onV;
            long o = offV;
            for (Stage nn : normalizer) {
                h = s.neuron(nn.bias(), nn.weight(), h);
                o = s.neuron(nn.bias(), nn.weight(), o);
            }
            if (o != 0 || h == 0) {
                throw new IllegalStateException("normalizer check failed");
            }
            return new Found(new IndicatorGadgets(s, d, nor, normalizer, h));
        }

        /** Places every open detector whose first neuron some candidate tail's cut admits (first tail first). */
        void placeByScan(Cover c, List<Tail> candidates) {
            for (Kind k : Kind.values()) {
                for (long a = s.min(); a <= s.max(); a++) {
                    if (!c.open(k, a)) {
                        continue;
                    }
                    for (Tail t : candidates) {
                        Stage fn = firstNeuronScan(k, a, t.cut());
                        if (fn != null) {
                            c.place(k, a, fn, t);
                            break;
                        }
                    }
                }
            }
        }

        boolean anyScanPlaceable(Cover c, Cut cut) {
            for (Kind k : Kind.values()) {
                for (long a = s.min(); a <= s.max(); a++) {
                    if (c.open(k, a) && firstNeuronScan(k, a, cut) != null) {
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

        String missing(Cover c) {
            List<String> m = new ArrayList<>();
            for (Kind k : Kind.values()) {
                for (long a = s.min(); a <= s.max(); a++) {
                    if (c.open(k, a)) {
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
        List<Cut> cuts() {
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
            List<Cut> cuts = new ArrayList<>();
            for (long c : order) {
                cuts.add(new Cut(c, true));
                cuts.add(new Cut(c, false));
            }
            return cuts;
        }

        /** The classes {ok, viol} of tau(z) over all z for a cut, or null if they meet or one is empty. */
        long[][] classes(Cut t) {
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

        Tail tail(Cut cut, long[][] cls) {
            List<Stage> chain = null;
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
            for (Stage n : chain) {
                c = ChainSearch.apply(s, c, n.bias(), n.weight());
            }
            return new Tail(cut, chain, c[1]);
        }

        private final java.util.Map<Long, Boolean> norGoodCache = new java.util.HashMap<>();

        /** Whether a detector with nonzero output {@code v} admits a NOR with off 0 and on 1 (no normalizer). */
        boolean norGood(long v) {
            return norGoodCache.computeIfAbsent(v, x -> {
                Nor n = nor(new long[] {x});
                return n != null && n.off() == 0 && (n.on() == one || (one < 0 && n.on() != 0));
            });
        }

        boolean okInput(Kind k, long a, long x) {
            return k == Kind.LO ? x >= a : x <= a;
        }

        boolean places(Kind k, long a, Cut t, long b, long w) {
            for (long x = s.min(); x <= s.max(); x++) {
                if (t.ok(s.pre(b, w, x)) != okInput(k, a, x)) {
                    return false;
                }
            }
            return true;
        }

        Stage firstNeuronFast(Kind k, long a, Cut t) {
            if (one < 0) {
                return null;
            }
            for (long w : new long[] {one, -one}) {
                if (!s.contains(w)) {
                    continue;
                }
                // ok(x) <=> (b + w x) on the ok side of theta
                long b = w > 0 ? t.theta() - a : t.theta() + a;
                if ((w > 0) != ((k == Kind.LO) != t.le())) {
                    continue; // monotonicity points the wrong way
                }
                if (s.contains(b) && places(k, a, t, b, w)) {
                    return Stage.of(b, w, 1);
                }
            }
            return null;
        }

        Stage firstNeuronScan(Kind k, long a, Cut t) {
            long inside = a; // an ok input at the boundary
            long outside = k == Kind.LO ? a - 1 : a + 1;
            for (long w : cand.weights()) {
                for (long b : cand.biases()) {
                    if (t.ok(s.pre(b, w, inside)) && !t.ok(s.pre(b, w, outside)) && places(k, a, t, b, w)) {
                        return Stage.of(b, w, 1);
                    }
                }
            }
            return null;
        }

        void verifyDetector(Kind k, long a, List<Stage> chain, TreeSet<Long> viol) {
            for (long x = s.min(); x <= s.max(); x++) {
                long y = x;
                for (Stage n : chain) {
                    y = s.neuron(n.bias(), n.weight(), y);
                }
                if (okInput(k, a, x) != (y == 0)) {
                    throw new IllegalStateException("detector " + k + " " + s.dec(a) + " fails at " + s.dec(x) + " in " + s);
                }
                if (y != 0) {
                    viol.add(y);
                }
            }
        }

        Stage pad(long[] viol) {
            long[][] cls = {{0}, viol};
            for (long w : cand.weights()) {
                for (long b : cand.biases()) {
                    long[][] out = ChainSearch.apply(s, cls, b, w);
                    if (out != null && (viol.length == 1 ? TWO_VALUED_GOAL : DETECTOR_GOAL).done(out)) {
                        return Stage.of(b, w, 1);
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
            dev.fxnet.arith.Arithmetic ar = s.arithmetic();
            java.math.BigDecimal x = ar.value(b).add(java.math.BigDecimal.valueOf(k).multiply(ar.value(w))
                    .multiply(ar.value(v)));
            return x.compareTo(stepBelow) >= 0 && x.compareTo(stepAbove) < 0;
        }

        /**
         * The NOR neuron, or null if there is none. Every nonzero detector value v gives a term of one
         * sign; the accumulator after any nonempty set of such terms lies in an interval on which tau
         * is constant (off), while with no term it is the bias (on).
         */
        Nor nor(long[] viol) {
            Nor best = null;
            int bestRank = Integer.MAX_VALUE;
            boolean wrap = s.arithmetic().wraps();
            for (long w0 : cand.weights()) {
                if (!s.contains(-w0)) {
                    continue;
                }
                for (long b : cand.biases()) {
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
                    if (rank < bestRank || (rank == bestRank && one < 0 && Math.abs(onV) > Math.abs(best.on()))) {
                        bestRank = rank;
                        best = new Nor(b, w0, offV, onV);
                        if (rank == 0 && one > 0) {
                            return best;
                        }
                    }
                }
            }
            return best;
        }

        List<Stage> normalize(long offV, long onV, boolean wantOne, int depth) {
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

package dev.fxnet.gadget;

import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Arithmetic;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bounded search for the gadgets of the sufficient condition S (general weights). What it tries,
 * in order (every candidate is verified on every input it can receive before it is used):
 * <ol>
 *   <li>raw steps: (R1) a single first-layer neuron {@code tau(acc(b; w, x))} that is already a
 *       two-level step; (R2, SATURATE) a first-layer neuron {@code r} followed by the sign trick
 *       {@code tau(c (+) K copies of v (*) r)} with {@code c in {m, M}} and {@code K} large enough to
 *       saturate, which is {@code tau(M)} or {@code tau(m)} according to the sign of {@code v (*) r};
 *       (R3, {@code |F| <= 32}) a first-layer neuron followed by any one-copy neuron;</li>
 *   <li>target levels {@code (on, off)}: each raw level pair and every image of one under one
 *       stage ({@code copies 1, 2} or the saturating {@code K}), {@code off = 0} first;</li>
 *   <li>for a target: an {@link OutputGadget}, an {@link AndGadget} (bias and two weights over F,
 *       copies 1 or 2; for {@code |F| > 256} weights from a short list), and for every threshold a raw
 *       step with the target levels or one relevelling stage onto them.</li>
 * </ol>
 * Failure proves nothing by itself: it is reported as what was tried.
 */
public final class GadgetSearch {
    /** The largest {@code |F|} searched ({@code O(|F|^3)} work). */
    public static final long LIMIT = 1L << 11;

    /** Above this {@code |F|} weights (not biases) are taken from a short list ({@link #weights()}). */
    public static final long DENSE_WEIGHTS = 256;

    private final Machine m;
    private final int n;
    private final long min;
    private final long max;
    private final List<String> tried = new ArrayList<>();
    private final List<Map<Long, StepGadget>> rawUp = new ArrayList<>();
    private final List<Map<Long, StepGadget>> rawDown = new ArrayList<>();
    /** (R6) test covers of the thresholds without a raw step, indexed like {@link #rawUp}, {@link #rawDown}. */
    private final List<List<RawCover>> coverUp = new ArrayList<>();
    private final List<List<RawCover>> coverDown = new ArrayList<>();

    /** Whether the routes R5 and R6 (searches over chains, the slow part) run. */
    private final boolean chainRoutes;

    private GadgetSearch(Machine m, boolean chainRoutes) {
        this.chainRoutes = chainRoutes;
        this.m = m;
        this.n = (int) m.size();
        this.min = m.min();
        this.max = m.max();
        for (int i = 0; i < n && n <= LIMIT; i++) { // beyond LIMIT run() stops before using these
            rawUp.add(new LinkedHashMap<>());
            rawDown.add(new LinkedHashMap<>());
            coverUp.add(new ArrayList<>());
            coverDown.add(new ArrayList<>());
        }
    }

    /** The outcome: the verified gadgets, or what was tried. */
    public static final class Outcome {
        private final Certificate gadgets;
        private final List<String> tried;

        Outcome(Certificate gadgets, List<String> tried) {
            this.gadgets = gadgets;
            this.tried = List.copyOf(tried);
        }

        public Optional<Certificate> gadgets() {
            return Optional.ofNullable(gadgets);
        }

        /** What was searched, in order, with the reason for failure when there is none. */
        public List<String> tried() {
            return tried;
        }
    }

    /** Searches gadgets for general weights. */
    public static Outcome search(Machine m) {
        return new GadgetSearch(m, true).run();
    }

    /**
     * Searches gadgets with the routes R1 to R4 only (no separating chains R5, no test covers R6); where
     * these cover every threshold the certificate is the one {@link #search} finds.
     */
    public static Outcome searchWithoutChains(Machine m) {
        return new GadgetSearch(m, false).run();
    }

    private long key(long on, long off) {
        return ((on - min) << 32) | (off - min);
    }

    private Outcome run() {
        if (n < 2) {
            tried.add("|F| = 1: nothing to separate");
            return new Outcome(null, tried);
        }
        if (n > LIMIT) {
            tried.add("gadget search skipped: |F| = " + n + " > " + LIMIT);
            return new Outcome(null, tried);
        }
        if (!findRawSteps()) {
            return new Outcome(null, tried);
        }
        List<Long> raws = rankedRawPairs();
        Map<Long, Map<Long, List<Stage>>> paths = new HashMap<>();
        for (long r : raws) {
            paths.put(r, reachable(r, false));
        }
        for (int round = 0; round < 2; round++) {
            if (round == 1) {
                for (long r : raws) {
                    paths.put(r, reachable(r, true));
                }
            }
            Optional<Certificate> found = tryRound(round, raws, paths);
            if (found.isPresent()) {
                return new Outcome(found.get(), tried);
            }
        }
        return new Outcome(null, tried);
    }

    /** Step 1: raw steps for every threshold (R1 to R4 as the format allows); whether none is missing. */
    private boolean findRawSteps() {
        rawSingle();
        if (m.arithmetic().saturates()) {
            rawSignTrick();
        }
        if (n <= 32 && missingRaw() > 0) {
            rawTwoStage();
        }
        if (n <= 8 && missingRaw() > 0) {
            rawPartner();
        }
        boolean chains = chainRoutes && n <= CHAIN_LIMIT && missingRaw() > 0;
        if (chains) {
            rawSeparatingChain();
        }
        boolean covers = chainRoutes && n <= CHAIN_LIMIT && missingRaw() > 0 && !m.arithmetic().saturates();
        if (covers) {
            rawCovers();
        }
        int missing = missingRaw();
        tried.add("raw steps (R1 single neuron" + (m.arithmetic().saturates() ? ", R2 sign trick" : "")
                + (n <= 32 ? ", R3 two neurons" : "") + (n <= 8 ? ", R4 two first-layer neurons" : "")
                + (chains ? ", R5 separating neuron and chain" : "") + (covers ? ", R6 test covers" : "") + "): " + (2 * (n - 1) - missing) + " of " + 2 * (n - 1)
                + " thresholds found" + (missing == 0 ? "" : "; missing: " + missingList()));
        return missing == 0;
    }

    /**
     * Steps 2 and 3 for one round of relevelling: the target levels every threshold reaches, tried in
     * rank order (at most 12) for an AND gadget, an output and the relevelled steps.
     */
    private Optional<Certificate> tryRound(int round, List<Long> raws, Map<Long, Map<Long, List<Stage>>> paths) {
        List<Long> targets = commonTargets(raws, paths);
        tried.add("round " + (round + 1) + " (relevel stages <= " + (round + 1) + "): " + targets.size()
                + " level pairs reachable by every step");
        int andTries = 0;
        for (long t : targets) {
            if (andTries >= 12) {
                break;
            }
            andTries++;
            Optional<Certificate> found = tryLevels(t, paths);
            if (found.isPresent()) {
                return found;
            }
        }
        tried.add("round " + (round + 1) + ": " + andTries + " level pairs tried for an AND gadget and output");
        return Optional.empty();
    }

    /** The certificate at the packed target levels {@code t}, verified, if its AND and output exist. */
    private Optional<Certificate> tryLevels(long t, Map<Long, Map<Long, List<Stage>>> paths) {
        long on = (t >>> 32) + min;
        long off = (t & 0xffffffffL) + min;
        AndGadget and = findAnd(on, off);
        if (and == null) {
            return Optional.empty();
        }
        Optional<Finish> finish = finish(on, off);
        if (finish.isEmpty()) {
            tried.add("levels (" + on + ", " + off + "): AND found, no output decomposition after <= 1 stage");
            return Optional.empty();
        }
        StepGadget[] up = new StepGadget[n];
        StepGadget[] down = new StepGadget[n];
        Stage copy = findCopy(on, off);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                up[i] = route(rawUp.get(i), paths, t);
                if (up[i] == null) {
                    up[i] = routeCover(min + i, true, coverUp.get(i), paths, t, and, copy);
                }
            }
            if (i < n - 1) {
                down[i] = route(rawDown.get(i), paths, t);
                if (down[i] == null) {
                    down[i] = routeCover(min + i, false, coverDown.get(i), paths, t, and, copy);
                }
            }
        }
        Certificate g = Certificate.of(new Levels(on, off), trueBias(on), new Certificate.Steps(up, down, min), and,
                finish.get().stages(), finish.get().output());
        if (copy != null) {
            g = g.withCopy(copy);
        }
        List<String> bad = g.verify(m);
        if (!bad.isEmpty()) {
            tried.add("levels (" + on + ", " + off + ") failed verification: " + bad);
            return Optional.empty();
        }
        tried.add("levels (" + on + ", " + off + "): all gadgets found and verified");
        return Optional.of(g);
    }

    /** The stages (0 to 2) between the indicator and the output neuron, and the output gadget after them. */
    private record Finish(List<Stage> stages, OutputGadget output) {
    }

    /** The output at the levels themselves, else after one or two stages. */
    private Optional<Finish> finish(long on, long off) {
        Optional<OutputGadget> out = OutputGadget.find(m, on, off);
        return out.isPresent() ? Optional.of(new Finish(List.of(), out.get())) : finalStage(on, off);
    }

    /** Raw level pairs, most widely available first (at most 6). */
    private List<Long> rankedRawPairs() {
        Map<Long, Integer> cover = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (long k : rawUp.get(i).keySet()) {
                cover.merge(k, 1, Integer::sum);
            }
            for (long k : rawDown.get(i).keySet()) {
                cover.merge(k, 1, Integer::sum);
            }
        }
        List<Long> keys = new ArrayList<>(cover.keySet());
        keys.sort((a, b) -> Integer.compare(cover.get(b), cover.get(a)));
        LinkedHashSet<Long> chosen = new LinkedHashSet<>(keys.subList(0, Math.min(4, keys.size())));
        for (int i = 0; i < n; i++) {
            for (Map<Long, StepGadget> raws : List.of(rawUp.get(i), rawDown.get(i))) {
                if (!raws.isEmpty() && raws.keySet().stream().noneMatch(chosen::contains)) {
                    chosen.add(raws.keySet().iterator().next());
                }
            }
            for (List<RawCover> cs : List.of(coverUp.get(i), coverDown.get(i))) {
                for (RawCover c : cs) {
                    for (TestGadget t : c.tests()) {
                        chosen.add(key(t.on(), t.off()));
                    }
                }
            }
        }
        return new ArrayList<>(chosen);
    }

    /** Level pairs reachable from a raw pair with their stages: depth 0 and 1, or also 2 (limited). */
    private Map<Long, List<Stage>> reachable(long raw, boolean deep) {
        Map<Long, List<Stage>> out = new LinkedHashMap<>();
        out.put(raw, List.of());
        long on = (raw >>> 32) + min;
        long off = (raw & 0xffffffffL) + min;
        Map<Long, List<Stage>> one = step(on, off, List.of());
        one.forEach(out::putIfAbsent);
        if (deep) {
            List<Long> mids = new ArrayList<>(one.keySet());
            mids.sort(this::byZeroOffThenSmallOn);
            for (long mid : mids.subList(0, Math.min(24, mids.size()))) {
                step((mid >>> 32) + min, (mid & 0xffffffffL) + min, one.get(mid)).forEach(out::putIfAbsent);
            }
        }
        return out;
    }

    private Map<Long, List<Stage>> step(long on, long off, List<Stage> prefix) {
        Map<Long, List<Stage>> out = new LinkedHashMap<>();
        for (Stage s : stageCandidates()) {
            long a = s.apply(m, on);
            long z = s.apply(m, off);
            if (a != z) {
                long k = key(a, z);
                if (!out.containsKey(k)) {
                    List<Stage> p = new ArrayList<>(prefix);
                    p.add(s);
                    out.put(k, p);
                }
            }
        }
        return out;
    }

    /** Level pairs every threshold reaches (through one of its raw steps), ranked. */
    private List<Long> commonTargets(List<Long> raws, Map<Long, Map<Long, List<Stage>>> paths) {
        java.util.Set<Long> common = null;
        for (int i = 0; i < n; i++) {
            for (int dir = 0; dir < 2; dir++) {
                if ((dir == 0 && i == 0) || (dir == 1 && i == n - 1)) {
                    continue;
                }
                java.util.Set<Long> here = new java.util.HashSet<>();
                for (long r : (dir == 0 ? rawUp : rawDown).get(i).keySet()) {
                    Map<Long, List<Stage>> p = paths.get(r);
                    if (p != null) {
                        here.addAll(p.keySet());
                    }
                }
                for (RawCover c : (dir == 0 ? coverUp : coverDown).get(i)) {
                    java.util.Set<Long> all = null; // the levels every test of the cover reaches
                    for (TestGadget t : c.tests()) {
                        Map<Long, List<Stage>> p = paths.get(key(t.on(), t.off()));
                        java.util.Set<Long> ks = p == null ? java.util.Set.of() : p.keySet();
                        if (all == null) {
                            all = new java.util.HashSet<>(ks);
                        } else {
                            all.retainAll(ks);
                        }
                    }
                    here.addAll(all);
                }
                if (common == null) {
                    common = here;
                } else {
                    common.retainAll(here);
                }
            }
        }
        List<Long> out = new ArrayList<>(common == null ? List.of() : common);
        java.util.Set<Long> rawSet = new java.util.HashSet<>(raws);
        out.sort((a, b) -> {
            int c = Boolean.compare(!rawSet.contains(a), !rawSet.contains(b));
            if (c != 0) {
                return c;
            }
            long offA = (a & 0xffffffffL) + min;
            long offB = (b & 0xffffffffL) + min;
            c = Boolean.compare(offA != 0, offB != 0);
            if (c != 0) {
                return c;
            }
            long spanA = Math.abs((a >>> 32) + min - offA);
            long spanB = Math.abs((b >>> 32) + min - offB);
            return Long.compare(spanB, spanA);
        });
        return out;
    }

    /** The step for one threshold at target levels: a raw step followed by its relevel stages. */
    private StepGadget route(Map<Long, StepGadget> raws, Map<Long, Map<Long, List<Stage>>> paths, long target) {
        long on = (target >>> 32) + min;
        long off = (target & 0xffffffffL) + min;
        for (Map.Entry<Long, StepGadget> e : raws.entrySet()) {
            Map<Long, List<Stage>> p = paths.get(e.getKey());
            if (p != null && p.containsKey(target)) {
                StepGadget g = e.getValue();
                List<Stage> st = p.get(target);
                for (int j = 0; j < st.size(); j++) {
                    boolean last = j == st.size() - 1;
                    long a = st.get(j).apply(m, g.on());
                    long z = st.get(j).apply(m, g.off());
                    g = g.then(st.get(j), last ? on : a, last ? off : z);
                }
                return g;
            }
        }
        return null;
    }

    /**
     * Orders packed images {@code (on - min) << 32 | (off - min)}: off value 0 first, then the smaller
     * {@code |on|}.
     */
    private int byZeroOffThenSmallOn(long a, long b) {
        long offA = (a & 0xffffffffL) + min;
        long offB = (b & 0xffffffffL) + min;
        int c = Boolean.compare(offA != 0, offB != 0);
        return c != 0 ? c : Long.compare(Math.abs((a >>> 32) + min), Math.abs((b >>> 32) + min));
    }

    /** Stages after the indicator that make the output decomposition possible, with that decomposition. */
    private Optional<Finish> finalStage(long on, long off) {
        Map<Long, List<Stage>> imgs = step(on, off, List.of());
        List<Long> keys = new ArrayList<>(imgs.keySet());
        keys.sort(this::byZeroOffThenSmallOn);
        int tries = 0;
        Finish best = null;
        for (long k : keys) {
            if (++tries > 300) {
                break;
            }
            Optional<OutputGadget> o = OutputGadget.find(m, (k >>> 32) + min, (k & 0xffffffffL) + min);
            if (o.isPresent() && (best == null || o.get().maxTerms() < best.output().maxTerms())) {
                best = new Finish(imgs.get(k), o.get());
                if (o.get().maxTerms() <= 1) {
                    break;
                }
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        // two stages: through an intermediate pair with off = 0 (or the first few)
        int mids = 0;
        for (long k : keys) {
            if (++mids > 16) {
                break;
            }
            Map<Long, List<Stage>> second = step((k >>> 32) + min, (k & 0xffffffffL) + min, imgs.get(k));
            for (Map.Entry<Long, List<Stage>> e : second.entrySet()) {
                long on2 = (e.getKey() >>> 32) + min;
                long off2 = (e.getKey() & 0xffffffffL) + min;
                if (off2 != 0) {
                    continue;
                }
                Optional<OutputGadget> o = OutputGadget.find(m, on2, off2);
                if (o.isPresent() && o.get().maxTerms() <= 2) {
                    return Optional.of(new Finish(e.getValue(), o.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** The first few thresholds without a raw step, e.g. {@code x >= 3, x <= -1} (codes). */
    private String missingList() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n && out.size() < 6; i++) {
            if (i > 0 && rawUp.get(i).isEmpty() && coverUp.get(i).isEmpty()) {
                out.add("x >= " + (min + i));
            }
            if (i < n - 1 && rawDown.get(i).isEmpty() && coverDown.get(i).isEmpty()) {
                out.add("x <= " + (min + i));
            }
        }
        return String.join(", ", out) + " (codes)";
    }

    private int missingRaw() {
        int missing = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && rawUp.get(i).isEmpty() && coverUp.get(i).isEmpty()) {
                missing++;
            }
            if (i < n - 1 && rawDown.get(i).isEmpty() && coverDown.get(i).isEmpty()) {
                missing++;
            }
        }
        return missing;
    }

    private long[] layer1(long b, long w) {
        long[] r = new long[n];
        for (int x = 0; x < n; x++) {
            r[x] = m.tau(m.pre(b, w, min + x));
        }
        return r;
    }

    /**
     * Where a two-level step changes level: the {@code cut} with {@code r = r[0]} on {@code [0, cut)}
     * and {@code r = r[cut] != r[0]} on {@code [cut, n)}, or -1 if {@code r} is not such a step.
     */
    private int stepCut(long[] r) {
        int cut = 1;
        while (cut < n && r[cut] == r[0]) {
            cut++;
        }
        if (cut == n) {
            return -1;
        }
        for (int x = cut; x < n; x++) {
            if (r[x] != r[cut]) {
                return -1;
            }
        }
        return cut;
    }

    /** Records r as a raw step if it is a two-level step; stages build it from layer 1 (b, w). */
    private void recordIfStep(long[] r, long b, long w, List<Stage> stages) {
        int cut = stepCut(r);
        if (cut < 0) {
            return;
        }
        long lo = r[0];
        long hi = r[cut];
        // r = lo on [min, min+cut), hi on [min+cut, max]
        rawUp.get(cut).putIfAbsent(key(hi, lo), StepGadget.of(min + cut, true, b, w, stages, hi, lo));
        rawDown.get(cut - 1).putIfAbsent(key(lo, hi), StepGadget.of(min + cut - 1, false, b, w, stages, lo, hi));
    }

    private long[] weightsCache;

    // ---- R6: test covers (docs/THEORY.md §14, Lemma C) ----

    /** A test cover of one threshold: two or three raw tests (each with its own levels). */
    private record RawCover(List<TestGadget> tests) {
    }

    /** Distinct leak sets kept per threshold (smallest first) when choosing covers. */
    private static final int COVER_LEAKS = 256;

    /** Leak sets combined into triples when no pair works. */
    private static final int COVER_TRIPLE_LEAKS = 40;

    /** Candidate covers tried per threshold. */
    private static final int COVER_TRIES = 48;

    /** R6: at most this many chain searches per setting (a count, not a time). */
    private static final int COVER_SEARCHES = Integer.getInteger("fxnet.spike.cover_searches", 200);

    /**
     * The step for one threshold as a test cover at target levels {@code t}: the cover's tests
     * relevelled onto {@code t}, padded to equal depth by {@code copy}, under the AND tree of
     * {@code and}; null if no cover of the threshold reaches {@code t}.
     */
    private StepGadget routeCover(long threshold, boolean up, List<RawCover> covers,
            Map<Long, Map<Long, List<Stage>>> paths, long t, AndGadget and, Stage copy) {
        long on = (t >>> 32) + min;
        long off = (t & 0xffffffffL) + min;
        for (RawCover c : covers) {
            List<TestGadget> tests = new ArrayList<>();
            for (TestGadget g : c.tests()) {
                Map<Long, List<Stage>> p = paths.get(key(g.on(), g.off()));
                if (p == null || !p.containsKey(t)) {
                    tests = null;
                    break;
                }
                List<Stage> st = p.get(t);
                for (int j = 0; j < st.size(); j++) {
                    boolean last = j == st.size() - 1;
                    g = g.then(st.get(j), last ? on : st.get(j).apply(m, g.on()), last ? off : st.get(j).apply(m, g.off()));
                }
                tests.add(g);
            }
            if (tests == null) {
                continue;
            }
            int depth = tests.stream().mapToInt(TestGadget::depth).max().orElse(1);
            if (copy == null && tests.stream().anyMatch(g -> g.depth() != depth)) {
                continue;
            }
            for (int j = 0; j < tests.size(); j++) {
                while (tests.get(j).depth() < depth) {
                    tests.set(j, tests.get(j).then(copy, on, off));
                }
            }
            StepGadget g = StepGadget.cover(threshold, up, tests, and);
            if (g.verify(m).isEmpty()) {
                return g;
            }
        }
        return null;
    }

    /**
     * (R6, WRAP) For each threshold still missing, a <em>test cover</em>: first-layer neurons
     * {@code r = tau(acc(b; w, x))} whose values on the half-line {@code H} of the threshold also occur
     * only on a <em>leak</em> {@code L} outside it ({@code r^-1(r(H)) = H + L}), two or three of them
     * with leaks that have no common point, each followed by a chain ({@link ChainSearch}, exact on
     * every value) that maps {@code r(H)} to one value and the other values to another. Each is a
     * two-level test that is on exactly on {@code H + L}; their AND is the step. The AND is added at
     * the target levels ({@link #routeCover}); the whole cover is verified on every code.
     */
    private void rawCovers() {
        List<int[]> open = new ArrayList<>(); // {a, up}: H = [a, n) when up (threshold a), [0, a) when down (a - 1)
        for (int a = 1; a < n; a++) {
            if (rawUp.get(a).isEmpty() && coverUp.get(a).isEmpty()) {
                open.add(new int[] {a, 1});
            }
            if (rawDown.get(a - 1).isEmpty() && coverDown.get(a - 1).isEmpty()) {
                open.add(new int[] {a, 0});
            }
        }
        List<Map<java.util.BitSet, long[]>> leaks = leaks(open);
        ChainSearch.Candidates cand = ChainSearch.Candidates.of(m);
        List<List<Stage>> known = new ArrayList<>();
        Map<List<Long>, Optional<TestGadget>> tests = new HashMap<>();
        int[] searches = {0};
        for (int k = 0; k < open.size(); k++) {
            int a = open.get(k)[0];
            boolean up = open.get(k)[1] == 1;
            List<Map.Entry<java.util.BitSet, long[]>> cands = new ArrayList<>(leaks.get(k).entrySet());
            cands.sort((u, v) -> u.getKey().cardinality() != v.getKey().cardinality()
                    ? Integer.compare(u.getKey().cardinality(), v.getKey().cardinality())
                    : Long.compare(u.getValue()[2], v.getValue()[2]));
            cands = cands.subList(0, Math.min(COVER_LEAKS, cands.size()));
            int tries = 0;
            for (int[] combo : combos(cands)) {
                if (++tries > COVER_TRIES) {
                    break;
                }
                List<TestGadget> ts = new ArrayList<>();
                for (int i : combo) {
                    long[] nb = cands.get(i).getValue();
                    Optional<TestGadget> g = tests.computeIfAbsent(List.of(nb[0], nb[1], (long) a, up ? 1L : 0L),
                            key -> coverTest(nb[0], nb[1], a, up, known, cand, searches));
                    if (g.isEmpty()) {
                        ts = null;
                        break;
                    }
                    ts.add(g.get());
                }
                if (ts != null) {
                    (up ? coverUp.get(a) : coverDown.get(a - 1)).add(new RawCover(ts));
                    break;
                }
            }
        }
    }

    /**
     * Per open threshold, the leaks of every first-layer neuron {@code (b, w)} that takes some value
     * off the half-line: leak (the inputs off {@code H} with a value {@code r} takes on {@code H}) to
     * {@code {b, w, distinct values}}, the neuron with the fewest distinct values kept per leak.
     */
    private List<Map<java.util.BitSet, long[]>> leaks(List<int[]> open) {
        List<Map<java.util.BitSet, long[]>> leaks = new ArrayList<>();
        for (int k = 0; k < open.size(); k++) {
            leaks.add(new HashMap<>());
        }
        boolean[] inH = new boolean[n];
        boolean[] seen = new boolean[n];
        for (long b = min; b <= max; b++) {
            for (long w : weights()) {
                long[] r = layer1(b, w);
                for (int k = 0; k < open.size(); k++) {
                    int a = open.get(k)[0];
                    boolean up = open.get(k)[1] == 1;
                    int lo = up ? a : 0;
                    int hi = up ? n : a;
                    java.util.Arrays.fill(inH, false);
                    java.util.Arrays.fill(seen, false);
                    int distinct = 0;
                    for (int x = lo; x < hi; x++) {
                        int v = (int) (r[x] - min);
                        if (!inH[v]) {
                            inH[v] = true;
                            seen[v] = true;
                            distinct++;
                        }
                    }
                    java.util.BitSet leak = new java.util.BitSet(n);
                    boolean offSide = false;
                    for (int x = 0; x < n; x++) {
                        if (x >= lo && x < hi) {
                            continue;
                        }
                        int v = (int) (r[x] - min);
                        if (inH[v]) {
                            leak.set(x);
                        } else {
                            offSide = true;
                            if (!seen[v]) {
                                seen[v] = true;
                                distinct++;
                            }
                        }
                    }
                    if (!offSide) {
                        continue;
                    }
                    long[] prev = leaks.get(k).get(leak);
                    if (prev == null || distinct < prev[2]) {
                        leaks.get(k).put(leak, new long[] {b, w, distinct});
                    }
                }
            }
        }
        return leaks;
    }

    /**
     * The index sets of candidates whose leaks have no common point: pairs with disjoint leaks (by
     * the sum of their ranks), then, when pairs are few, triples whose three leaks have no common point.
     */
    private static List<int[]> combos(List<Map.Entry<java.util.BitSet, long[]>> cands) {
        List<int[]> combos = new ArrayList<>();
        for (int i = 0; i < cands.size(); i++) {
            for (int j = i + 1; j < cands.size(); j++) {
                if (!cands.get(i).getKey().intersects(cands.get(j).getKey())) {
                    combos.add(new int[] {i, j});
                }
            }
        }
        combos.sort((u, v) -> Integer.compare(u[0] + u[1], v[0] + v[1]));
        if (combos.size() < COVER_TRIES) {
            int t = Math.min(COVER_TRIPLE_LEAKS, cands.size());
            for (int i = 0; i < t; i++) {
                for (int j = i + 1; j < t; j++) {
                    java.util.BitSet ij = (java.util.BitSet) cands.get(i).getKey().clone();
                    ij.and(cands.get(j).getKey());
                    if (ij.isEmpty()) {
                        continue; // a pair already
                    }
                    for (int l = j + 1; l < t; l++) {
                        if (!ij.intersects(cands.get(l).getKey())) {
                            combos.add(new int[] {i, j, l});
                        }
                    }
                }
            }
        }
        return combos;
    }

    /**
     * The test of R6 from the first-layer neuron {@code (b, w)} for the half-line of threshold
     * {@code a} ({@code up}: {@code [a, n)}, else {@code [0, a)} in input indices): on where {@code r}
     * takes a value it takes on the half-line, off elsewhere; empty if no chain makes it two-level.
     */
    private Optional<TestGadget> coverTest(long b, long w, int a, boolean up, List<List<Stage>> known,
            ChainSearch.Candidates cand, int[] searches) {
        long[] r = layer1(b, w);
        int lo = up ? a : 0;
        int hi = up ? n : a;
        long[] onVals = ChainSearch.distinctSorted(java.util.Arrays.copyOfRange(r, lo, hi));
        List<Long> offList = new ArrayList<>();
        for (int x = 0; x < n; x++) {
            if ((x < lo || x >= hi) && java.util.Arrays.binarySearch(onVals, r[x]) < 0) {
                offList.add(r[x]);
            }
        }
        long[][] cls = {onVals, ChainSearch.distinctSorted(offList.stream().mapToLong(Long::longValue).toArray())};
        List<Stage> chain = null;
        for (List<Stage> c : known) {
            if (TWO_LEVELS.done(applyChain(cls, c))) {
                chain = c;
                break;
            }
        }
        if (chain == null && searches[0] < COVER_SEARCHES) {
            searches[0]++;
            chain = ChainSearch.search(m, cls, TWO_LEVELS, CHAIN_DEPTH, CHAIN_BEAM, cand);
            if (chain != null && !chain.isEmpty()) {
                known.add(chain);
            }
        }
        if (chain == null) {
            return Optional.empty();
        }
        long[][] out = applyChain(cls, chain);
        TestGadget g = TestGadget.of(b, w, chain, out[0][0], out[1][0]);
        for (int x = 0; x < n; x++) { // on exactly where r takes a value of the half-line
            boolean on = java.util.Arrays.binarySearch(onVals, r[x]) >= 0;
            if (g.evaluate(m, min + x) != (on ? g.on() : g.off())) {
                return Optional.empty();
            }
        }
        return Optional.of(g);
    }

    /**
     * The weights tried in first-layer neurons and stages: every code when {@code |F| <= 256}, else
     * {@code +-1.0}, {@code +-M}, {@code +-1} code and {@code +-2^j}, {@code +-3 * 2^j} codes.
     */
    private long[] weights() {
        if (weightsCache != null) {
            return weightsCache;
        }
        LinkedHashSet<Long> order = new LinkedHashSet<>();
        if (n <= DENSE_WEIGHTS) {
            for (long v = min; v <= max; v++) {
                order.add(v);
            }
        } else {
            m.one().ifPresent(o -> {
                order.add(o);
                order.add(-o);
            });
            order.add(max);
            order.add(-max);
            for (long p = 1; p <= max; p <<= 1) {
                for (long v : new long[] {p, -p, 3 * p, -3 * p}) {
                    if (v >= min && v <= max) {
                        order.add(v);
                    }
                }
            }
            order.add(0L);
        }
        weightsCache = order.stream().mapToLong(Long::longValue).toArray();
        return weightsCache;
    }

    private void rawSingle() {
        for (long b = min; b <= max; b++) {
            for (long w : weights()) {
                recordIfStep(layer1(b, w), b, w, List.of());
            }
        }
    }

    private void rawTwoStage() {
        for (long b = min; b <= max; b++) {
            for (long w = min; w <= max; w++) {
                long[] r = layer1(b, w);
                long[] y = new long[n];
                for (long c = min; c <= max; c++) {
                    for (long v = min; v <= max; v++) {
                        for (int x = 0; x < n; x++) {
                            y[x] = m.tau(m.pre(c, v, r[x]));
                        }
                        recordIfStep(y, b, w, List.of(Stage.of(c, v, 1)));
                    }
                }
            }
        }
    }

    /** The largest {@code |F|} for which R5 (separating neuron and chain) runs. */
    public static final long CHAIN_LIMIT = 256;

    /** Separating first-layer neurons tried per threshold by R5. */
    private static final int CHAIN_NEURONS = Integer.getInteger("fxnet.spike.chain_neurons", 4);

    /** R5 chain length and beam width. */
    private static final int CHAIN_DEPTH = Integer.getInteger("fxnet.spike.chain_depth", 4);

    private static final int CHAIN_BEAM = Integer.getInteger("fxnet.spike.chain_beam", 6);

    /** R5: at most this many beam searches per setting (a count, so the outcome never depends on the clock). */
    private static final int CHAIN_SEARCHES = Integer.getInteger("fxnet.spike.chain_searches", 400);

    /** Two classes, each a single value: a two-level signal. */
    private static final ChainSearch.Goal TWO_LEVELS = new ChainSearch.Goal() {
        @Override
        public boolean done(long[][] c) {
            return c[0].length == 1 && c[1].length == 1;
        }

        @Override
        public double score(long[][] c) {
            long g = Long.MAX_VALUE;
            for (long a : c[0]) {
                for (long b : c[1]) {
                    g = Math.min(g, Math.abs(a - b));
                }
            }
            return c[0].length + c[1].length + 0.9 / (1 + g);
        }
    };

    /**
     * (R5) For each threshold still missing: first-layer neurons {@code r = tau(acc(b; w, x))} whose
     * values on {@code x >= a} and on {@code x < a} are disjoint (they <em>separate</em> the threshold),
     * followed by a chain of one-copy neurons (found by {@link ChainSearch}, exact on every value
     * {@code r} takes) that maps the two value sets to one value each. Needs neither saturation nor
     * any property of tau beyond the separation; chains found for one threshold are tried first on
     * the others.
     */
    private void rawSeparatingChain() {
        long[] ws = weights();
        // per cut a: the best few separating neurons (fewest distinct values), as {b, w, size}
        List<List<long[]>> best = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            best.add(new ArrayList<>());
        }
        int[] first = new int[n];
        int[] last = new int[n];
        int[] cover = new int[n + 1];
        int[] firstCount = new int[n + 1];
        int[] lastCount = new int[n + 1];
        for (long b = min; b <= max; b++) {
            for (long w : ws) {
                long[] r = layer1(b, w);
                java.util.Arrays.fill(first, -1);
                java.util.Arrays.fill(cover, 0);
                java.util.Arrays.fill(firstCount, 0);
                java.util.Arrays.fill(lastCount, 0);
                for (int x = 0; x < n; x++) {
                    int v = (int) (r[x] - min);
                    if (first[v] < 0) {
                        first[v] = x;
                    }
                    last[v] = x;
                }
                for (int v = 0; v < n; v++) {
                    if (first[v] >= 0) {
                        cover[first[v] + 1]++; // cuts first+1 .. last are blocked
                        cover[last[v] + 1]--;
                        firstCount[first[v]]++;
                        lastCount[last[v]]++;
                    }
                }
                int blocked = 0;
                int prefixDistinct = 0; // values first seen before the cut
                int suffixDistinct = 0; // values last seen at or after the cut
                for (int v = 0; v < n; v++) {
                    suffixDistinct += first[v] >= 0 ? 1 : 0;
                }
                for (int a = 1; a < n; a++) {
                    blocked += cover[a];
                    prefixDistinct += firstCount[a - 1];
                    suffixDistinct -= lastCount[a - 1];
                    if (blocked != 0 || (!rawUp.get(a).isEmpty() && !rawDown.get(a - 1).isEmpty())) {
                        continue;
                    }
                    List<long[]> here = best.get(a);
                    long size = prefixDistinct + suffixDistinct;
                    if (here.size() < 4 * CHAIN_NEURONS || size < here.get(here.size() - 1)[2]) {
                        here.add(new long[] {b, w, size});
                        here.sort((u, v2) -> Long.compare(u[2], v2[2]));
                        if (here.size() > 4 * CHAIN_NEURONS) {
                            here.remove(here.size() - 1);
                        }
                    }
                }
            }
        }
        ChainSearch.Candidates cand = ChainSearch.Candidates.of(m);
        List<List<Stage>> known = new ArrayList<>();
        // pass 1: the best few neurons, short chains; pass 2 (only where pass 1 failed): more of both
        for (int pass = 0; pass < 2 && missingRaw() > 0; pass++) {
            int neurons = pass == 0 ? CHAIN_NEURONS : 4 * CHAIN_NEURONS;
            chainPass(best, known, cand, neurons, pass == 0 ? CHAIN_DEPTH : CHAIN_DEPTH + 2,
                    pass == 0 ? CHAIN_BEAM : 2 * CHAIN_BEAM);
        }
    }

    /** One pass of R5 over the thresholds still missing, with the given numbers of neurons, depth and beam. */
    private void chainPass(List<List<long[]>> best, List<List<Stage>> known, ChainSearch.Candidates cand, int neurons,
            int depth, int beam) {
        int searches = 0;
        for (int a = 1; a < n; a++) {
            List<long[]> here = best.get(a);
            for (long[] nb : here.subList(0, Math.min(neurons, here.size()))) {
                if (!rawUp.get(a).isEmpty() && !rawDown.get(a - 1).isEmpty()) {
                    break;
                }
                long[] r = layer1(nb[0], nb[1]);
                long[][] cls = {ChainSearch.distinctSorted(java.util.Arrays.copyOfRange(r, a, n)),
                    ChainSearch.distinctSorted(java.util.Arrays.copyOfRange(r, 0, a))};
                List<Stage> chain = null;
                for (List<Stage> k : known) {
                    if (TWO_LEVELS.done(applyChain(cls, k))) {
                        chain = k;
                        break;
                    }
                }
                if (chain == null && searches < CHAIN_SEARCHES) {
                    searches++;
                    chain = ChainSearch.search(m, cls, TWO_LEVELS, depth, beam, cand);
                    if (chain != null && !chain.isEmpty()) {
                        known.add(chain);
                    }
                }
                if (chain != null) {
                    long[] y = r.clone();
                    for (Stage s : chain) {
                        for (int x = 0; x < n; x++) {
                            y[x] = s.apply(m, y[x]);
                        }
                    }
                    recordIfStep(y, nb[0], nb[1], chain);
                }
            }
        }
    }

    /** The classes after a chain of stages, or classes that are not two levels if the chain merges them. */
    private long[][] applyChain(long[][] cls, List<Stage> chain) {
        long[][] c = cls;
        for (Stage s : chain) {
            c = ChainSearch.apply(m, c, s.bias(), s.weight());
            if (c == null) {
                return new long[][] {{0, 1}, {0, 1}};
            }
        }
        return c;
    }

    /** (R4, |F| <= 8) two different first-layer neurons combined by one neuron. */
    private void rawPartner() {
        long[][] layer = new long[n * n][];
        for (int i = 0; i < n * n; i++) {
            layer[i] = layer1(min + i / n, min + i % n);
        }
        long[] y = new long[n];
        long[] ws = new long[2];
        long[] ins = new long[2];
        for (int i = 0; i < n * n; i++) {
            for (int j = 0; j < n * n; j++) {
                if (i == j) {
                    continue;
                }
                for (long c = min; c <= max; c++) {
                    for (long v1 = min; v1 <= max; v1++) {
                        for (long v2 = min; v2 <= max; v2++) {
                            ws[0] = v1;
                            ws[1] = v2;
                            for (int x = 0; x < n; x++) {
                                ins[0] = layer[i][x];
                                ins[1] = layer[j][x];
                                y[x] = m.tau(m.accumulate(c, ws, ins, 2));
                            }
                            int cut = stepCut(y);
                            if (cut >= 0) {
                                recordPartnerStep(y, cut, min + i / n, min + i % n,
                                        new Partner(min + j / n, min + j % n, v2), Stage.of(c, v1, 1));
                            }
                        }
                    }
                }
            }
            if (missingRaw() == 0) {
                return;
            }
        }
    }

    /**
     * Records the two-level step {@code r} (changing level at {@code cut}) built from the first-layer
     * neuron {@code (b, w)}, its partner and the one-copy stage reading both.
     */
    private void recordPartnerStep(long[] r, int cut, long b, long w, Partner partner, Stage stage) {
        long lo = r[0];
        long hi = r[cut];
        List<Stage> st = List.of(stage);
        rawUp.get(cut).putIfAbsent(key(hi, lo), StepGadget.of(min + cut, true, b, w, st, hi, lo).withPartner(partner));
        rawDown.get(cut - 1).putIfAbsent(key(lo, hi),
                StepGadget.of(min + cut - 1, false, b, w, st, lo, hi).withPartner(partner));
    }

    /** The sign of the sign trick's term: {@code v (*) y} (PER_OP) or the exact {@code v y} (WIDE). */
    private int termSign(long v, long y) {
        return m.perOp() ? Long.signum(m.mul(v, y)) : Long.signum(v) * Long.signum(y);
    }

    /**
     * Copies {@code K} that make {@code c + K t} saturate for every nonzero term {@code t} of weight
     * {@code v}: {@code K = ceil(span / |t|min) + 1}, the span {@code value(M) - value(m)} plus one code
     * step, {@code |t|min} the smallest nonzero term ({@code v (*) y} in PER_OP, the exact {@code v y}
     * in WIDE); at most {@code 2^31 - 1}.
     */
    private long saturatingCopies(long v) {
        long tmin = 0;
        for (long y = min; y <= max; y++) {
            long t = m.perOp() ? m.mul(v, y) : (y == 0 ? 0 : v);
            if (t != 0 && (tmin == 0 || Math.abs(t) < Math.abs(tmin))) {
                tmin = t;
            }
        }
        if (tmin == 0) {
            return 1;
        }
        Arithmetic ar = m.arithmetic();
        BigDecimal smallest = ar.value(tmin).abs();
        if (!m.perOp()) {
            smallest = smallest.multiply(ar.value(1)); // code 1: the smallest positive value
        }
        BigDecimal span = ar.value(max).subtract(ar.value(min)).add(ar.value(max).subtract(ar.value(max - 1)));
        BigDecimal k = span.divide(smallest, 0, RoundingMode.CEILING).add(BigDecimal.ONE);
        return k.compareTo(BigDecimal.valueOf((1L << 31) - 1)) >= 0 ? (1L << 31) - 1 : k.longValueExact();
    }

    /**
     * The cut tables of the sign trick over the input index {@code theta} of its stage's input
     * {@code y}: {@code hi[theta]} outputs {@code tau(M)} exactly for {@code y >= theta} and
     * {@code lo[theta]} outputs {@code tau(m)} exactly there; {@code nextHi[i]}, {@code nextLo[i]} the
     * least cut {@code >= i} in each table ({@link Integer#MAX_VALUE} if none); {@code tM = tau(M)},
     * {@code tm = tau(m)}.
     */
    private record SignCuts(Stage[] hi, Stage[] lo, int[] nextHi, int[] nextLo, long tM, long tm) {
    }

    /**
     * The least and greatest values of a first-layer output {@code r} over every prefix
     * {@code r[0..x]} and every suffix {@code r[x..n-1]} of the inputs.
     */
    private record Extremes(long[] preMin, long[] preMax, long[] sufMin, long[] sufMax) {
        static Extremes of(long[] r) {
            int n = r.length;
            Extremes e = new Extremes(new long[n], new long[n], new long[n], new long[n]);
            for (int x = 0; x < n; x++) {
                e.preMin[x] = x == 0 ? r[x] : Math.min(e.preMin[x - 1], r[x]);
                e.preMax[x] = x == 0 ? r[x] : Math.max(e.preMax[x - 1], r[x]);
            }
            for (int x = n - 1; x >= 0; x--) {
                e.sufMin[x] = x == n - 1 ? r[x] : Math.min(e.sufMin[x + 1], r[x]);
                e.sufMax[x] = x == n - 1 ? r[x] : Math.max(e.sufMax[x + 1], r[x]);
            }
            return e;
        }
    }

    /** (R2) Every first-layer neuron followed by a saturating stage from the cut tables. */
    private void rawSignTrick() {
        long tM = m.tau(max);
        long tm = m.tau(min);
        if (tM == tm) {
            tried.add("sign trick useless: tau(M) = tau(m) = " + tM);
            return;
        }
        SignCuts cuts = signCuts(tM, tm);
        for (long b = min; b <= max; b++) {
            for (long w : weights()) {
                Extremes r = Extremes.of(layer1(b, w));
                for (int a = 1; a < n; a++) {
                    if (rawUp.get(a).size() < 2) {
                        signStep(a, true, b, w, r, cuts);
                    }
                    if (rawDown.get(a - 1).size() < 2) {
                        signStep(a, false, b, w, r, cuts);
                    }
                }
            }
        }
    }

    /** The sign trick's stages, by the cut of their input at which they switch. */
    private SignCuts signCuts(long tM, long tm) {
        // cut tables over y-index theta in 1..n-1: hi[theta] -> (y >= theta gives M), lo[theta] -> (gives m)
        Stage[] hi = new Stage[n + 1];
        Stage[] lo = new Stage[n + 1];
        for (long v : weights()) {
            if (v == 0) {
                continue;
            }
            long k = saturatingCopies(v);
            boolean[] pos = new boolean[n];
            boolean[] nonneg = new boolean[n];
            for (int y = 0; y < n; y++) {
                int t = termSign(v, min + y);
                pos[y] = t > 0;
                nonneg[y] = t >= 0;
            }
            registerCut(pos, Stage.of(min, v, k), hi, lo);
            registerCut(nonneg, Stage.of(max, v, k), hi, lo);
        }
        return new SignCuts(hi, lo, next(hi), next(lo), tM, tm);
    }

    private void registerCut(boolean[] set, Stage s, Stage[] hi, Stage[] lo) {
        int first = -1;
        int last = -1;
        for (int y = 0; y < n; y++) {
            if (set[y]) {
                if (first < 0) {
                    first = y;
                }
                last = y;
            }
        }
        if (first < 0 || (first == 0 && last == n - 1)) {
            return; // empty or everything: no cut
        }
        for (int y = first; y <= last; y++) {
            if (!set[y]) {
                return; // not an interval
            }
        }
        if (last == n - 1 && hi[first] == null) {
            hi[first] = s; // y >= first -> M
        } else if (first == 0 && lo[last + 1] == null) {
            lo[last + 1] = s; // y >= last+1 -> m
        }
    }

    private int[] next(Stage[] cuts) {
        int[] nx = new int[n + 2];
        nx[n + 1] = Integer.MAX_VALUE;
        nx[n] = Integer.MAX_VALUE;
        for (int i = n - 1; i >= 0; i--) {
            nx[i] = cuts[i] != null ? i : nx[i + 1];
        }
        return nx;
    }

    /**
     * Records the sign-trick steps for the threshold between input indices {@code a - 1} and {@code a}
     * ({@code [x >= min + a]} when {@code up}, else {@code [x <= min + a - 1]}) over the first-layer
     * neuron {@code (b, w)} whose outputs have the extremes {@code r}: when the outputs on the true
     * side and on the false side are separated, a stage of the cut tables that switches between them.
     */
    private void signStep(int a, boolean up, long b, long w, Extremes r, SignCuts cuts) {
        Map<Long, StepGadget> into = up ? rawUp.get(a) : rawDown.get(a - 1);
        long threshold = up ? min + a : min + a - 1;
        long minT = up ? r.sufMin()[a] : r.preMin()[a - 1];
        long maxT = up ? r.sufMax()[a] : r.preMax()[a - 1];
        long minF = up ? r.preMin()[a - 1] : r.sufMin()[a];
        long maxF = up ? r.preMax()[a - 1] : r.sufMax()[a];
        int from;
        int to;
        boolean trueAbove;
        if (maxF < minT) {
            from = (int) (maxF - min + 1);
            to = (int) (minT - min);
            trueAbove = true;
        } else if (maxT < minF) {
            from = (int) (maxT - min + 1);
            to = (int) (minF - min);
            trueAbove = false;
        } else {
            return;
        }
        long tM = cuts.tM();
        long tm = cuts.tm();
        int h = cuts.nextHi()[from];
        if (h <= to) {
            long on = trueAbove ? tM : tm;
            long off = trueAbove ? tm : tM;
            into.putIfAbsent(key(on, off), StepGadget.of(threshold, up, b, w, List.of(cuts.hi()[h]), on, off));
        }
        int l = cuts.nextLo()[from];
        if (l <= to) {
            long on = trueAbove ? tm : tM;
            long off = trueAbove ? tM : tm;
            into.putIfAbsent(key(on, off), StepGadget.of(threshold, up, b, w, List.of(cuts.lo()[l]), on, off));
        }
    }

    private List<Stage> stageList;

    /** Every one-layer relevelling stage tried: bias and weight over F, copies 1, 2 or saturating. */
    private List<Stage> stageCandidates() {
        if (stageList != null) {
            return stageList;
        }
        List<Stage> out = new ArrayList<>();
        boolean sat = m.arithmetic().saturates();
        for (long v : weights()) {
            long kk = sat && v != 0 ? saturatingCopies(v) : 0;
            for (long c = min; c <= max; c++) {
                out.add(Stage.of(c, v, 1));
                out.add(Stage.of(c, v, 2));
                if (kk > 2) {
                    out.add(Stage.of(c, v, kk));
                }
            }
        }
        stageList = out;
        return out;
    }

    private long trueBias(long on) {
        return m.tauPreimage(on).orElseThrow(() -> new AssertionError("level " + on + " is not a value of tau"));
    }

    private long[] weightList() {
        if (n <= 64) {
            long[] w = new long[n];
            // likely weights first: +-1.0, +-max, +-1 code, then the rest
            LinkedHashSet<Long> order = new LinkedHashSet<>();
            m.one().ifPresent(o -> {
                order.add(o);
                order.add(-o);
            });
            order.add(max);
            order.add(-max);
            order.add(1L);
            order.add(-1L);
            for (long v = min; v <= max; v++) {
                order.add(v);
            }
            int i = 0;
            for (long v : order) {
                if (v >= min && v <= max && i < n) {
                    w[i++] = v;
                }
            }
            return java.util.Arrays.copyOf(w, i);
        }
        LinkedHashSet<Long> order = new LinkedHashSet<>();
        m.one().ifPresent(o -> {
            order.add(o);
            order.add(-o);
        });
        for (long p = 1; p <= max; p <<= 1) {
            order.add(p);
            order.add(-p);
            order.add(p + (p >> 1));
            order.add(-(p + (p >> 1)));
        }
        order.add(max);
        order.add(-max);
        List<Long> l = new ArrayList<>(order);
        l.removeIf(v -> v < min || v > max);
        return l.stream().mapToLong(Long::longValue).toArray();
    }

    private AndGadget findAnd(long on, long off) {
        long[] ws = weightList();
        long[][] copies = n <= 64 ? new long[][] {{1, 1}, {2, 2}, {1, 2}, {2, 1}} : new long[][] {{1, 1}, {2, 2}};
        for (long[] kk : copies) {
            for (long v1 : ws) {
                for (long v2 : ws) {
                    for (long c = min; c <= max; c++) {
                        if (m.tau(m.chain2(c, v1, on, kk[0], v2, on, kk[1])) != on
                                || m.tau(m.chain2(c, v1, off, kk[0], v2, off, kk[1])) != off
                                || m.tau(m.chain2(c, v1, on, kk[0], v2, off, kk[1])) != off
                                || m.tau(m.chain2(c, v1, off, kk[0], v2, on, kk[1])) != off) {
                            continue;
                        }
                        return AndGadget.of(c, v1, kk[0], v2, kk[1], on, off);
                    }
                }
            }
        }
        // two layers: an AND neuron whose (on,on) output differs from its three others, then a stage
        // mapping the first to on and the others to off
        Map<String, Optional<Stage>> back = new HashMap<>();
        for (long[] kk : copies) {
            for (long v : ws) {
                for (long c = min; c <= max; c++) {
                    long yoo = m.tau(m.chain2(c, v, on, kk[0], v, on, kk[1]));
                    long yof = m.tau(m.chain2(c, v, on, kk[0], v, off, kk[1]));
                    long yfo = m.tau(m.chain2(c, v, off, kk[0], v, on, kk[1]));
                    long yff = m.tau(m.chain2(c, v, off, kk[0], v, off, kk[1]));
                    if (yoo == yof || yoo == yfo || yoo == yff) {
                        continue;
                    }
                    String k = yoo + "," + yof + "," + yfo + "," + yff;
                    if (!back.containsKey(k) && back.size() >= 64) {
                        continue;
                    }
                    Optional<Stage> st = back.computeIfAbsent(k, kk2 -> {
                        for (Stage x : stageCandidates()) {
                            if (x.apply(m, yoo) == on && x.apply(m, yof) == off && x.apply(m, yfo) == off
                                    && x.apply(m, yff) == off) {
                                return Optional.of(x);
                            }
                        }
                        return Optional.empty();
                    });
                    if (st.isPresent()) {
                        return AndGadget.of(c, v, kk[0], v, kk[1], on, off).withAfter(st.get());
                    }
                }
            }
        }
        return null;
    }

    private Stage findCopy(long on, long off) {
        for (Stage s : stageCandidates()) {
            if (s.copies() <= 2 && s.apply(m, on) == on && s.apply(m, off) == off) {
                return s;
            }
        }
        return null;
    }
}

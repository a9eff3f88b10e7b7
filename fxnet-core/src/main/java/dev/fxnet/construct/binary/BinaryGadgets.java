package dev.fxnet.construct.binary;

import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.SortedCodes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gadgets of the binary-weight construction (SPEC §4: every weight {@code +-1}, dense layers) in
 * one {@link Machine}, found by an exhaustive breadth-first search and verified on every input they
 * can receive.
 *
 * <p><b>Twin neurons.</b> Every hidden signal of the construction is computed by two identical
 * neurons. A neuron of the next layer that does not want a signal lists its twins as {@code +y, -y}
 * (or {@code -y, +y}) at the start of its accumulation, where the accumulator holds the bias
 * {@code b}; the pair cancels exactly when {@code b (+) (+-y)} does not overflow for every value
 * {@code y} of the signal, which {@link #cancels} checks. A neuron that wants the signal lists both
 * twins with the same sign {@code s}: it reads {@code acc(b; s y, s y)}, the doubled value with the
 * setting's rounding and overflow.
 *
 * <p><b>Steps.</b> A step gadget is a chain of such single-signal neurons after a first-layer
 * neuron with pre-activation {@code t}: its output is exactly one of two values, one of them
 * {@code 0}, according to {@code [t >= theta]}, for every {@code t} in F. All steps of a network
 * have the same number of tail neurons; {@link #find} searches tails of length 1 and 2 exhaustively
 * (every bias, both signs) and keeps, per threshold {@code theta}, one tail of each length.
 */
public final class BinaryGadgets {
    /** A step gadget: tail neurons {@code {b, s}} after the first layer, and its two output values. */
    public record Step(long theta, long[][] tail, long whenTrue, long whenFalse) {
    }

    /** Longest tail searched. */
    public static final int MAX_TAIL = 2;

    private final Machine s;
    /**
     * The slack every bias of these gadgets leaves ({@link #cancelsWithSlack}): 0, or in the
     * <em>inner</em> gadgets {@link #maxSlack}, so that signals reaching that far past 0 cancel
     * after every tail neuron.
     */
    private final long inner;
    /** Per tail length (index 0 = length 1), threshold {@code theta - min} -> step, or null. */
    private final Step[][] steps;
    /** {@link #constants()}, built once. */
    private final Map<Long, Long> constants;

    /** Longest ladder tail {@link #ladder} searches. */
    public static final int MAX_LADDER = 16;

    /** Pairs of values {@link #amplify} visits at most (its breadth-first search costs 2 |F| steps each). */
    private static final int AMPLIFY_STATES = 1 << 14;

    /** Candidates the ladder search keeps per layer. */
    private static final int BEAM = 24;

    /** Formats up to this size get a table of every doubled read (2 |F|^2 entries). */
    private static final int TABLE_LIMIT = 1 << 10;

    /** {@code tau(acc(b; s y, s y))} for sign index, bias and value, or null above {@link #TABLE_LIMIT}. */
    private volatile int[] table;

    private BinaryGadgets(Machine s, long inner, Step[][] steps) {
        this.s = s;
        this.inner = inner;
        this.steps = steps;
        this.constants = java.util.Collections.unmodifiableMap(constantBiases(s, inner));
    }

    /**
     * A ladder: tail neurons {@code {b, s}} (each reading one signal's twins) that map the values a
     * signal takes where a condition is false and where it is true to one value each, never
     * letting the two sets meet; {@code values[l]} are every value after tail neuron {@code l}
     * (index 0: before the first).
     */
    public record Ladder(long[][] tail, long whenFalse, long whenTrue, long[][] values) {
    }

    /**
     * The constant neurons a setting has: every value {@code tau(k)} of a code {@code k}, mapped to the
     * lowest such {@code k} (a neuron with bias {@code k} whose inputs all cancel outputs it), in
     * increasing order of {@code k}.
     */
    static Map<Long, Long> constantBiases(Machine s) {
        return constantBiases(s, 0);
    }

    /** {@link #constantBiases(Machine)} among the biases that leave {@code slack} ({@link #cancelsWithSlack}). */
    private static Map<Long, Long> constantBiases(Machine s, long slack) {
        Map<Long, Long> constants = new LinkedHashMap<>();
        for (long k = s.min(); k <= s.max(); k++) {
            if (cancelsWithSlack(s, k, slack)) {
                constants.putIfAbsent(s.tau(k), k);
            }
        }
        return constants;
    }

    /**
     * The constant neurons these gadgets use: {@link #constantBiases}, with biases that leave the
     * {@linkplain #inner inner} slack.
     */
    Map<Long, Long> constants() {
        return constants;
    }

    /** Whether a tail neuron of these gadgets may have the bias {@code b} ({@link #inner}). */
    boolean allowed(long b) {
        return cancelsWithSlack(b, inner);
    }

    /** Whether these are the inner gadgets, whose biases leave {@link #maxSlack} ({@link #find(Machine, boolean)}). */
    public boolean inner() {
        return inner > 0;
    }

    /** {@code tau(acc(b; sign y, sign y))}: what a tail neuron outputs on the value {@code y}. */
    long next(long b, int sign, long y) {
        int n = s.size();
        if (n > TABLE_LIMIT) {
            return s.tau(doubled(s, b, sign, y));
        }
        int[] t = table;
        if (t == null) {
            t = table();
        }
        return t[((sign > 0 ? 0 : 1) * n + (int) (b - s.min())) * n + (int) (y - s.min())];
    }

    /** The table of {@link #next}, built on first use (the instance is shared through the cache). */
    private synchronized int[] table() {
        int n = s.size();
        if (table == null) {
            int[] t = new int[2 * n * n];
            for (int si = 0; si < 2; si++) {
                for (int bi = 0; bi < n; bi++) {
                    for (int yi = 0; yi < n; yi++) {
                        t[(si * n + bi) * n + yi] = (int) s.tau(doubled(s, s.min() + bi, si == 0 ? 1 : -1,
                                s.min() + yi));
                    }
                }
            }
            table = t;
        }
        return table;
    }

    /**
     * Searches a tail of at most {@link #MAX_LADDER} single-signal neurons that turns a signal
     * taking the values {@code falseValues} (condition false) and {@code trueValues} (condition
     * true), disjoint sets, into a two-valued step. Every candidate is exact: values are propagated
     * as sets through the setting's own arithmetic.
     *
     * <p>Two searches, the second only where the first finds nothing:
     * <ol>
     *   <li><b>Strict.</b> Doubled reads {@code {b, s}} only; the search keeps, layer by layer, the
     *       {@value #BEAM} candidates with the fewest distinct values, among every bias and sign. The
     *       values stay on one side of 0 at every layer ({@link #oneSided}), so that the ladder's
     *       twins cancel after every bias.</li>
     *   <li><b>With slack.</b> Also <em>notches</em> {@code {b, s, -s}}, which list the twins with
     *       opposite signs: {@code acc(b; s y, -s y)} is {@code b} unless {@code b + s y} overflows, so
     *       a notch tells the values at a saturation bound from the rest (e.g. {@code 63} from
     *       {@code <= 62} with {@code b = 1}). The values may reach {@link #slack} codes past 0 (as
     *       gelu's dip does: its first-layer outputs are {@code -eps} where they are not positive);
     *       every bias of the ladder then lies in {@code [-M + slack, M - slack]}, after which the
     *       twins of every signal with values in {@code [-slack, M]} or {@code [-M, slack]} cancel
     *       ({@link #cancelsWithSlack}). The beam keeps both the candidates with the fewest values and
     *       those whose two sets lie farthest apart.</li>
     * </ol>
     * It prefers a step with one value 0.
     *
     * @return the ladder, or null if none was found within the bounds
     */
    public Ladder ladder(long[] falseValues, long[] trueValues) {
        long[] f0 = distinctSorted(falseValues);
        long[] t0 = distinctSorted(trueValues);
        if (SortedCodes.intersects(f0, t0) || f0.length == 0 || t0.length == 0) {
            return null;
        }
        long need = slack(Math.min(f0[0], t0[0]), Math.max(f0[f0.length - 1], t0[t0.length - 1]));
        if (need > maxSlack()) {
            return null;
        }
        if (f0.length == 1 && t0.length == 1) {
            return new Ladder(new long[0][], f0[0], t0[0], new long[][] {union(f0, t0)});
        }
        Ladder l = need == 0 ? search(f0, t0, 0, false) : null;
        for (long slack = Math.max(need, 1); l == null && slack <= maxSlack(); slack++) {
            l = search(f0, t0, slack, true);
        }
        return l;
    }

    /**
     * How far values in {@code [lo, hi]} reach past 0 on the side where they reach less: 0 if they
     * lie in {@code [0, M]} or {@code [-M, 0]}, else {@code min(-lo, hi)}; {@link Long#MAX_VALUE}
     * below {@code -M}.
     */
    long slack(long lo, long hi) {
        if (lo < -s.max()) {
            return Long.MAX_VALUE;
        }
        return lo >= 0 || hi <= 0 ? 0 : Math.min(-lo, hi);
    }

    /** The most slack a ladder may take: {@code M / 16} codes, at least 1. */
    long maxSlack() {
        return maxSlack(s);
    }

    private static long maxSlack(Machine s) {
        return Math.max(1, s.max() / 16);
    }

    /**
     * Whether the twins of every signal with values in {@code [-slack, M]} or {@code [-M, slack]}
     * cancel after the bias {@code b} in one order: for {@code b <= 0}, {@code b + y} stays in
     * {@code [b - slack, b + M]}, for {@code b >= 0}, {@code b - y} in {@code [b - M, b + slack]}.
     */
    boolean cancelsWithSlack(long b, long slack) {
        return cancelsWithSlack(s, b, slack);
    }

    private static boolean cancelsWithSlack(Machine s, long b, long slack) {
        return slack == 0 || (b >= -s.max() + slack && b <= s.max() - slack);
    }

    private Ladder search(long[] f0, long[] t0, long slack, boolean notches) {
        record State(long[] f, long[] t, long[][] tail) {
        }
        int[] moves = notches ? new int[] {1, -1, 2, -2} : new int[] {1, -1};
        List<State> level = List.of(new State(f0, t0, new long[0][]));
        Set<Key> seen = new HashSet<>();
        for (int depth = 1; depth <= MAX_LADDER && !level.isEmpty(); depth++) {
            List<State> next = new ArrayList<>();
            State goal = null;
            for (State st : level) {
                for (long b = s.min(); b <= s.max(); b++) {
                    if (!cancelsWithSlack(b, Math.max(slack, inner))) {
                        continue;
                    }
                    for (int move : moves) {
                        long[] op = Math.abs(move) == 1 ? new long[] {b, move} : new long[] {b, move / 2, -move / 2};
                        long[] f = map(st.f, op);
                        long[] t = map(st.t, op);
                        if (SortedCodes.intersects(f, t) || slack(Math.min(f[0], t[0]),
                                Math.max(f[f.length - 1], t[t.length - 1])) > slack) {
                            continue;
                        }
                        long[] k = new long[f.length + t.length + 1];
                        System.arraycopy(f, 0, k, 0, f.length);
                        k[f.length] = Long.MIN_VALUE;
                        System.arraycopy(t, 0, k, f.length + 1, t.length);
                        if (!seen.add(new Key(k))) {
                            continue;
                        }
                        long[][] tail = Arrays.copyOf(st.tail, depth);
                        tail[depth - 1] = op;
                        State ns = new State(f, t, tail);
                        if (f.length == 1 && t.length == 1) {
                            if (goal == null || (f[0] == 0 || t[0] == 0) && goal.f[0] != 0 && goal.t[0] != 0
                                    || (notches || inner > 0) && (f[0] == 0 || t[0] == 0) == (goal.f[0] == 0
                                    || goal.t[0] == 0) && magnitude(f[0], t[0]) > magnitude(goal.f[0], goal.t[0])) {
                                goal = ns;
                            }
                        } else {
                            next.add(ns);
                        }
                    }
                }
            }
            if (goal != null) {
                return new Ladder(goal.tail, goal.f[0], goal.t[0], valuesAlong(union(f0, t0), goal.tail));
            }
            next.sort((x, y) -> Integer.compare(x.f.length + x.t.length, y.f.length + y.t.length));
            List<State> kept = new ArrayList<>(next.subList(0, Math.min(BEAM, next.size())));
            if (notches) {
                List<State> apart = new ArrayList<>(next);
                apart.sort((x, y) -> Long.compare(distance(y.f, y.t), distance(x.f, x.t)));
                for (State x : apart.subList(0, Math.min(BEAM, apart.size()))) {
                    if (!kept.contains(x)) {
                        kept.add(x);
                    }
                }
            }
            level = kept;
        }
        return null;
    }

    private static long magnitude(long a, long b) {
        return Math.max(Math.abs(a), Math.abs(b));
    }

    /** The least distance between a value of {@code a} and one of {@code b} (sorted, disjoint). */
    private static long distance(long[] a, long[] b) {
        long best = Long.MAX_VALUE;
        int j = 0;
        for (long x : a) {
            while (j < b.length && b[j] < x) {
                j++;
            }
            if (j < b.length) {
                best = Math.min(best, b[j] - x);
            }
            if (j > 0) {
                best = Math.min(best, x - b[j - 1]);
            }
        }
        return best;
    }

    /**
     * The shortest tail of doubled reads {@code {b, s}} that turns a step with the values
     * {@code whenTrue} and {@code whenFalse} into one that is 0 on one side and as large in magnitude
     * as any tail of at most {@link #MAX_LADDER} such neurons makes it on the other (preferring 0
     * where false), every value within this instance's {@linkplain #allowed slack} of one side of 0.
     * gelu's short steps, for instance, are {@code {0, -eps}}: a one-code difference that no
     * neuron reading two twins can widen to more than a few codes, but a chain can double it layer
     * by layer in the linear part of the activation. A breadth-first search over the pairs of values,
     * visiting at most {@value #AMPLIFY_STATES} of them.
     *
     * @return the tail, empty if none improves on the step
     */
    long[][] amplify(long whenTrue, long whenFalse) {
        Map<Long, long[]> parent = new java.util.HashMap<>(); // pair -> {previous pair, b, s}
        long start = pair(whenTrue, whenFalse);
        parent.put(start, null);
        long best = start;
        List<Long> level = List.of(start);
        for (int depth = 1; depth <= MAX_LADDER && !level.isEmpty() && parent.size() < AMPLIFY_STATES; depth++) {
            List<Long> next = new ArrayList<>();
            for (long st : level) {
                long t = st >> 32;
                long f = (int) st;
                for (long b = s.min(); b <= s.max(); b++) {
                    if (!allowed(b)) {
                        continue;
                    }
                    for (int sign : new int[] {1, -1}) {
                        long nt = next(b, sign, t);
                        long nf = next(b, sign, f);
                        long key = pair(nt, nf);
                        if (nt == nf || slack(Math.min(nt, nf), Math.max(nt, nf)) > inner
                                || parent.containsKey(key)) {
                            continue;
                        }
                        parent.put(key, new long[] {st, b, sign});
                        next.add(key);
                        if (strength(key) > strength(best)) {
                            best = key;
                        }
                    }
                }
            }
            level = next;
        }
        List<long[]> tail = new ArrayList<>();
        for (long k = best; parent.get(k) != null; k = parent.get(k)[0]) {
            tail.add(0, new long[] {parent.get(k)[1], parent.get(k)[2]});
        }
        return tail.toArray(new long[0][]);
    }

    /** A two-valued step packed in one {@code long}: {@code whenTrue} high, {@code whenFalse} low. */
    static long pair(long whenTrue, long whenFalse) {
        return whenTrue << 32 | (whenFalse & 0xffffffffL);
    }

    /** How good a step {@link #pair} is for {@link #amplify}: 0 unless one value is 0, then by magnitude, 0 where false first. */
    private static long strength(long pair) {
        long t = pair >> 32;
        long f = (int) pair;
        if (t != 0 && f != 0) {
            return 0;
        }
        return 2 * Math.abs(t + f) + (f == 0 ? 1 : 0);
    }

    /**
     * A neuron {@code {b, s}} that keeps a two-valued signal {@code {a, c}} two-valued and on one
     * side of 0, preferring one that outputs 0 on one of them (and, among those, keeps 0 where it
     * was).
     */
    long[] keep(long a, long c) {
        long[] any = null;
        long[] zero = null;
        for (long b = s.min(); b <= s.max(); b++) {
            if (!allowed(b)) {
                continue;
            }
            for (int sign : new int[] {1, -1}) {
                long x = next(b, sign, a);
                long y = next(b, sign, c);
                if (x == y) {
                    continue;
                }
                long[] o = {b, sign};
                if (!oneSided(new long[] {Math.min(x, y), Math.max(x, y)}, new long[0])) {
                    continue;
                }
                if ((a == 0 && x == 0) || (c == 0 && y == 0)) {
                    return o;
                }
                if (zero == null && (x == 0 || y == 0)) {
                    zero = o;
                }
                if (any == null) {
                    any = o;
                }
            }
        }
        return zero != null ? zero : any;
    }

    /**
     * The single-signal neurons {@code {b, s}} that map {@code whenFalse} to 0 and {@code whenTrue} to
     * a value {@code c} other than 0 in {@code [-M, M]} (so that the step cancels after every bias):
     * {@code c -> {b, s}}, one per value.
     */
    Map<Long, long[]> orientations(long whenTrue, long whenFalse) {
        Map<Long, long[]> out = new LinkedHashMap<>();
        for (long b = s.min(); b <= s.max(); b++) {
            if (!allowed(b)) {
                continue;
            }
            for (int sign : new int[] {1, -1}) {
                long t = next(b, sign, whenTrue);
                if (next(b, sign, whenFalse) == 0 && t != 0 && t >= -s.max()) {
                    out.putIfAbsent(t, new long[] {b, sign});
                }
            }
        }
        return out;
    }

    /**
     * A neuron that turns a two-valued signal {@code {a, c}} into a step with one value 0 by reading,
     * besides the signal's twins (sign {@code s}), the twins of a constant neuron with bias
     * {@code k} (sign {@code t}), pair by pair ({@code y, y, c, c}) or interleaved
     * ({@code y, c, y, c}) after the bias {@code b}: {@code {b, s, k, t, interleave}}, or null. It
     * prefers the neuron that outputs 0 on {@code c}, so that steps built this way agree in which
     * side is 0.
     */
    long[] zeroing(long a, long c) {
        return zeroing(a, c, null);
    }

    /**
     * A {@link #zeroing} neuron that outputs 0 on {@code c} and {@code target} on {@code a}, or null.
     */
    long[] zeroingTo(long a, long c, long target) {
        return zeroing(a, c, target);
    }

    private long[] zeroing(long a, long c, Long target) {
        Map<Long, Long> constants = constants();
        long[] fallback = null;
        for (int interleave = 0; interleave < 2; interleave++) {
            for (long b = s.min(); b <= s.max(); b++) {
                if (!allowed(b)) {
                    continue;
                }
                for (Map.Entry<Long, Long> e : constants.entrySet()) {
                    for (int sign : new int[] {1, -1}) {
                        for (int t : new int[] {1, -1}) {
                            long[] o = {b, sign, e.getValue(), t, interleave};
                            long x = withConstant(o, a);
                            long y = withConstant(o, c);
                            if (x == y || x < -s.max() || y < -s.max()
                                    || target != null && (y != 0 || x != target)) {
                                continue; // {0, min} of two's complement would not cancel after every bias
                            }
                            if (y == 0) {
                                return o;
                            }
                            if (x == 0 && fallback == null) {
                                fallback = o;
                            }
                        }
                    }
                }
            }
        }
        return fallback;
    }

    /** The output of a {@link #zeroing} neuron {@code {b, s, k, t, interleave}} on the signal value {@code y}. */
    long withConstant(long[] o, long y) {
        long c = s.tau(o[2]);
        int sign = (int) o[1];
        int t = (int) o[3];
        int[] signs = o[4] == 0 ? new int[] {sign, sign, t, t} : new int[] {sign, t, sign, t};
        long[] ys = o[4] == 0 ? new long[] {y, y, c, c} : new long[] {y, c, y, c};
        return s.tau(acc(s, o[0], signs, ys, 4));
    }

    /**
     * What the tail neuron {@code op} outputs on the signal value {@code y}: a doubled read
     * {@code {b, s}} ({@link #next}), a notch {@code {b, s, -s}} ({@code tau(acc(b; s y, -s y))}) or a
     * {@link #zeroing} neuron {@code {b, s, k, t, interleave}} ({@link #withConstant}).
     */
    long apply(long[] op, long y) {
        return switch (op.length) {
            case 2 -> next(op[0], (int) op[1], y);
            case 3 -> s.tau(acc(s, op[0], new int[] {(int) op[1], (int) op[2]}, new long[] {y, y}, 2));
            default -> withConstant(op, y);
        };
    }

    /** The sets of values after every tail neuron ({@link #apply}), starting from {@code start}. */
    long[][] valuesAlong(long[] start, long[][] tail) {
        long[][] out = new long[tail.length + 1][];
        out[0] = distinctSorted(start);
        for (int l = 0; l < tail.length; l++) {
            out[l + 1] = map(out[l], tail[l]);
        }
        return out;
    }

    private long[] map(long[] values, long[] op) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = apply(op, values[i]);
        }
        return distinctSorted(out);
    }

    private static long[] distinctSorted(long[] v) {
        return Arrays.stream(v).distinct().sorted().toArray();
    }


    private static long[] union(long[] a, long[] b) {
        long[] u = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, u, a.length, b.length);
        return distinctSorted(u);
    }

    /**
     * Whether the sorted sets {@code a} and {@code b} lie together in {@code [0, M]} or in
     * {@code [-M, 0]} ({@code M} the largest code): then the twins of a signal with these values
     * cancel after every bias, in the order that moves the accumulator towards 0 first, in every
     * encoding, overflow and accumulation ({@code -M} excludes the two's complement minimum, whose
     * negation overflows).
     */
    boolean oneSided(long[] a, long[] b) {
        long lo = Math.min(a.length == 0 ? 0 : a[0], b.length == 0 ? 0 : b[0]);
        long hi = Math.max(a.length == 0 ? 0 : a[a.length - 1], b.length == 0 ? 0 : b[b.length - 1]);
        return lo >= 0 || (hi <= 0 && lo >= -s.max());
    }



    private static final Map<String, BinaryGadgets> CACHE = new LinkedHashMap<>();

    /**
     * Finds (or returns the cached) step gadgets of {@code s}.
     *
     * @throws IllegalArgumentException if F has no code for {@code 1} (no binary weight exists)
     */
    public static BinaryGadgets find(Machine s) {
        return find(s, false);
    }

    /**
     * Finds (or returns the cached) step gadgets of {@code s}; the {@code inner} ones use only
     * biases in {@code [-M + slack, M - slack]} ({@link #maxSlack}), after which the twins of every
     * signal reaching at most that far past 0 cancel, so that ladders with slack can share their
     * layers with every other step.
     *
     * @throws IllegalArgumentException if F has no code for {@code 1} (no binary weight exists)
     */
    public static synchronized BinaryGadgets find(Machine s, boolean inner) {
        requireOne(s);
        String key = s + (inner ? " inner" : "");
        BinaryGadgets g = CACHE.get(key);
        if (g == null) {
            g = search(s, inner);
            if (CACHE.size() > 32) {
                CACHE.clear();
            }
            CACHE.put(key, g);
        }
        return g;
    }

    /**
     * Checks that F has the weight {@code 1}, which every binary-weight network needs.
     *
     * @throws IllegalArgumentException if it has not ({@code p = 0})
     */
    static void requireOne(Machine s) {
        if (s.one().orElse(-1) < 0) {
            throw new IllegalArgumentException("binary weights need the value 1 in F, but " + s.setting().fixedPoint().format()
                    + " has no integer bits (p = 0)");
        }
    }

    /** The step with threshold {@code theta} and a tail of {@code length} neurons, or null. */
    public Step step(int length, long theta) {
        return steps[length - 1][(int) (theta - s.min())];
    }

    /**
     * Every shape of a binary first-layer neuron over {@code d} inputs: {@code {signs, order}}, the
     * {@code 2^d} sign patterns times the {@code d!} orders in which it lists the inputs.
     */
    public static List<int[][]> firstLayerShapes(int d) {
        List<int[]> orders = orders(d, 1);
        List<int[][]> out = new ArrayList<>();
        for (int mask = 0; mask < 1 << d; mask++) {
            int[] signs = new int[d];
            for (int j = 0; j < d; j++) {
                signs[j] = (mask >> j & 1) == 0 ? 1 : -1;
            }
            for (int[] order : orders) {
                out.add(new int[][] {signs, order});
            }
        }
        return out;
    }

    /**
     * Every sequence that names each of {@code 0..n-1} exactly {@code times} times, in lexicographic
     * order: the {@code n!} orders of {@code n} inputs for {@code times = 1}, the {@code (2n)!/2^n}
     * orders of reading {@code n} twin pairs for {@code times = 2}.
     */
    static List<int[]> orders(int n, int times) {
        List<int[]> out = new ArrayList<>();
        orders(new int[n * times], new int[n], times, 0, out);
        return out;
    }

    private static void orders(int[] cur, int[] used, int times, int k, List<int[]> out) {
        if (k == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int j = 0; j < used.length; j++) {
            if (used[j] < times) {
                used[j]++;
                cur[k] = j;
                orders(cur, used, times, k + 1, out);
                used[j]--;
            }
        }
    }

    /**
     * The accumulator {@code acc(b; w_1 (*) y_1, ...)} of a neuron with weights {@code +-1} (given as
     * signs) in the setting's accumulation: {@code PER_OP} rounds after every operation, {@code WIDE}
     * once.
     */
    static long acc(Machine s, long b, int[] signs, long[] ys, int n) {
        long[] w = new long[n];
        for (int i = 0; i < n; i++) {
            w[i] = signs[i] * s.one().orElse(-1);
        }
        return s.accumulate(b, w, ys, n);
    }

    /** {@code acc(b; s y, s y)}: the pre-activation of a neuron reading both twins of a signal with sign {@code sign}. */
    static long doubled(Machine s, long b, int sign, long y) {
        return acc(s, b, new int[] {sign, sign}, new long[] {y, y}, 2);
    }

    /**
     * The sign to list first so that the twins of a signal with the given values cancel exactly
     * after the bias {@code b}: {@code +1} for {@code +y, -y}, {@code -1} for {@code -y, +y}, or
     * {@code 0} if neither order is exact for every value.
     */
    static int cancels(Machine s, long b, long[] values) {
        for (int first : new int[] {1, -1}) {
            boolean ok = true;
            for (long y : values) {
                if (acc(s, b, new int[] {first, -first}, new long[] {y, y}, 2) != b) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return first;
            }
        }
        return 0;
    }

    private static BinaryGadgets search(Machine s, boolean inner) {
        long slack = inner ? maxSlack(s) : 0;
        int size = s.size();
        long min = s.min();
        Step[][] found = new Step[MAX_TAIL][size];
        long[] start = new long[size];
        for (int i = 0; i < size; i++) {
            start[i] = s.tau(min + i);
        }
        List<long[]> frontier = List.of(start);
        List<long[][]> tails = new ArrayList<>();
        tails.add(new long[0][]);
        Set<Key> seen = new HashSet<>();
        seen.add(new Key(start));
        for (int len = 1; len <= MAX_TAIL; len++) {
            List<long[]> next = new ArrayList<>();
            List<long[][]> nextTails = new ArrayList<>();
            for (int f = 0; f < frontier.size(); f++) {
                long[] g = frontier.get(f);
                long[] distinct = Arrays.stream(g).distinct().toArray();
                for (long b = min; b <= s.max(); b++) {
                    if (!cancelsWithSlack(s, b, slack)) {
                        continue;
                    }
                    for (int sign : new int[] {1, -1}) {
                        long[] h = new long[size];
                        Map<Long, Long> memo = new java.util.HashMap<>();
                        for (long y : distinct) {
                            memo.put(y, s.tau(doubled(s, b, sign, y)));
                        }
                        for (int i = 0; i < size; i++) {
                            h[i] = memo.get(g[i]);
                        }
                        long[][] tail = Arrays.copyOf(tails.get(f), len);
                        tail[len - 1] = new long[] {b, sign};
                        record(found[len - 1], h, tail, min, s.max(), inner);
                        if (len < MAX_TAIL && seen.add(new Key(h))) {
                            next.add(h);
                            nextTails.add(tail);
                        }
                    }
                }
            }
            frontier = next;
            tails = nextTails;
        }
        return new BinaryGadgets(s, slack, found);
    }

    /**
     * Records {@code h} if it is a step: two values, one of them 0, split at one threshold; per
     * threshold the first found, or with {@code larger} (the inner gadgets) the one whose nonzero
     * value is largest in magnitude, which later layers can read most easily.
     */
    private static void record(Step[] found, long[] h, long[][] tail, long min, long max, boolean larger) {
        int n = h.length;
        long first = h[0];
        int cut = 1;
        while (cut < n && h[cut] == first) {
            cut++;
        }
        if (cut == n) {
            return;
        }
        long second = h[cut];
        for (int i = cut + 1; i < n; i++) {
            if (h[i] != second) {
                return;
            }
        }
        if (first != 0 && second != 0) {
            return;
        }
        if (larger && first + second < -max) {
            return; // {0, min} of two's complement does not cancel after every bias
        }
        if (found[cut] == null || larger && Math.abs(first + second) > Math.abs(found[cut].whenTrue()
                + found[cut].whenFalse())) {
            found[cut] = new Step(min + cut, tail, second, first);
        }
    }

    private record Key(long[] v) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(v, k.v);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(v);
        }
    }
}

package dev.fxnet.construct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gadgets of the binary-weight construction (SPEC §4: every weight {@code +-1}, dense layers) in
 * one {@link Setting}, found by an exhaustive breadth-first search and verified on every input they
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

    private final Setting s;
    /** Per tail length (index 0 = length 1), threshold {@code theta - min} -> step, or null. */
    private final Step[][] steps;

    /** Longest ladder tail {@link #ladder} searches. */
    public static final int MAX_LADDER = 16;

    /** Candidates the ladder search keeps per layer. */
    private static final int BEAM = 24;

    /** Formats up to this size get a table of every doubled read (2 |F|^2 entries). */
    private static final int TABLE_LIMIT = 1 << 10;

    /** {@code tau(acc(b; s y, s y))} for sign index, bias and value, or null above {@link #TABLE_LIMIT}. */
    private volatile int[] table;

    private BinaryGadgets(Setting s, Step[][] steps) {
        this.s = s;
        this.steps = steps;
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
    static Map<Long, Long> constantBiases(Setting s) {
        Map<Long, Long> constants = new LinkedHashMap<>();
        for (long k = s.min(); k <= s.max(); k++) {
            constants.putIfAbsent(s.tau(k), k);
        }
        return constants;
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
     * true), disjoint sets, into a two-valued step. The search keeps, layer by layer, the
     * {@value #BEAM} candidates with the fewest distinct values, among every bias and sign; it
     * prefers a step with one value 0. Every candidate is exact: values are propagated as sets
     * through the setting's own arithmetic. The values stay on one side of 0 at every layer
     * ({@link #oneSided}), so that the ladder's twins cancel after every bias.
     *
     * @return the ladder, or null if none was found within the bound
     */
    public Ladder ladder(long[] falseValues, long[] trueValues) {
        long[] f0 = distinctSorted(falseValues);
        long[] t0 = distinctSorted(trueValues);
        if (ChainSearch.intersects(f0, t0) || !oneSided(f0, t0)) {
            return null;
        }
        if (f0.length == 1 && t0.length == 1) {
            return new Ladder(new long[0][], f0[0], t0[0], new long[][] {union(f0, t0)});
        }
        record State(long[] f, long[] t, long[][] tail) {
        }
        List<State> level = List.of(new State(f0, t0, new long[0][]));
        Set<Key> seen = new HashSet<>();
        for (int depth = 1; depth <= MAX_LADDER && !level.isEmpty(); depth++) {
            List<State> next = new ArrayList<>();
            State goal = null;
            for (State st : level) {
                for (long b = s.min(); b <= s.max(); b++) {
                    for (int sign : new int[] {1, -1}) {
                        long[] f = map(st.f, b, sign);
                        long[] t = map(st.t, b, sign);
                        if (ChainSearch.intersects(f, t) || !oneSided(f, t)) {
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
                        tail[depth - 1] = new long[] {b, sign};
                        State ns = new State(f, t, tail);
                        if (f.length == 1 && t.length == 1) {
                            if (goal == null || (f[0] == 0 || t[0] == 0) && goal.f[0] != 0 && goal.t[0] != 0) {
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
            level = next.subList(0, Math.min(BEAM, next.size()));
        }
        return null;
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
        Map<Long, Long> constants = constantBiases(s);
        long[] fallback = null;
        for (int interleave = 0; interleave < 2; interleave++) {
            for (long b = s.min(); b <= s.max(); b++) {
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

    /** The sets of values after every tail neuron (single-signal or {@link #zeroing}), starting from {@code start}. */
    long[][] valuesAlong(long[] start, long[][] tail) {
        long[][] out = new long[tail.length + 1][];
        out[0] = distinctSorted(start);
        for (int l = 0; l < tail.length; l++) {
            if (tail[l].length == 2) {
                out[l + 1] = map(out[l], tail[l][0], (int) tail[l][1]);
            } else {
                long[] op = tail[l];
                out[l + 1] = distinctSorted(Arrays.stream(out[l]).map(y -> withConstant(op, y)).toArray());
            }
        }
        return out;
    }

    private long[] map(long[] values, long b, int sign) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = next(b, sign, values[i]);
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
    public static synchronized BinaryGadgets find(Setting s) {
        requireOne(s);
        String key = s.toString();
        BinaryGadgets g = CACHE.get(key);
        if (g == null) {
            g = search(s);
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
    static void requireOne(Setting s) {
        if (s.one() < 0) {
            throw new IllegalArgumentException("binary weights need the value 1 in F, but " + s.format()
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
        List<int[]> orders = new ArrayList<>();
        permute(new int[d], new boolean[d], 0, orders);
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

    private static void permute(int[] cur, boolean[] used, int k, List<int[]> out) {
        if (k == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int i = 0; i < cur.length; i++) {
            if (!used[i]) {
                used[i] = true;
                cur[k] = i;
                permute(cur, used, k + 1, out);
                used[i] = false;
            }
        }
    }

    /**
     * The accumulator {@code acc(b; w_1 (*) y_1, ...)} of a neuron with weights {@code +-1} (given as
     * signs) in the setting's accumulation: {@code PER_OP} rounds after every operation, {@code WIDE}
     * once.
     */
    static long acc(Setting s, long b, int[] signs, long[] ys, int n) {
        long[] w = new long[n];
        for (int i = 0; i < n; i++) {
            w[i] = signs[i] * s.one();
        }
        return s.accumulate(b, w, ys, n);
    }

    /** {@code acc(b; s y, s y)}: the pre-activation of a neuron reading both twins of a signal with sign {@code sign}. */
    static long doubled(Setting s, long b, int sign, long y) {
        return acc(s, b, new int[] {sign, sign}, new long[] {y, y}, 2);
    }

    /**
     * The sign to list first so that the twins of a signal with the given values cancel exactly
     * after the bias {@code b}: {@code +1} for {@code +y, -y}, {@code -1} for {@code -y, +y}, or
     * {@code 0} if neither order is exact for every value.
     */
    static int cancels(Setting s, long b, long[] values) {
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

    private static BinaryGadgets search(Setting s) {
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
                        record(found[len - 1], h, tail, min);
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
        return new BinaryGadgets(s, found);
    }

    /** Records {@code h} if it is a step: two values, one of them 0, split at one threshold. */
    private static void record(Step[] found, long[] h, long[][] tail, long min) {
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
        if (found[cut] == null) {
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

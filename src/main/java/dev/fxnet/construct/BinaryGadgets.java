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

    private BinaryGadgets(Setting s, Step[][] steps) {
        this.s = s;
        this.steps = steps;
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

package dev.fxnet.theory;

import dev.fxnet.gadget.Machine;
import dev.fxnet.arith.Accumulation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ground truth for tiny settings: decides, by closure over layers of arbitrary width and depth,
 * whether every {@code f: F^d -> F} is computed by some network (SPEC §4, {@code PER_OP}).
 *
 * <p>A function is the vector of its {@code |F|^d} output codes, numbered in base {@code |F|}. Let
 * {@code Reach1} be the accumulators of first-layer neurons: a bias followed by an ordered list of
 * <em>distinct</em> input coordinates with weights (an input cannot be duplicated). For a set
 * {@code G} of functions available in a layer, {@code Reach(G)} is the smallest set containing the
 * constants and closed under {@code acc -> acc (+) (w (*) g)}, {@code g in G}, {@code w in F}: a neuron
 * lists each source at most once, but because layers may be as wide as needed, a function of
 * {@code G} can be computed by several neurons of the previous layer and so be added any number of
 * times (and any finite set of available functions can be realised side by side in one layer).
 * Then {@code A_1 = tau(Reach1)}, {@code A_(l+1) = tau(Reach(A_l))}; the sequence of sets is
 * eventually periodic and is followed until a set repeats. The representable set is
 * {@code Reach1} (networks without hidden layer, which fxnet allows: a {@code layers} list of length
 * one) united with {@code Reach(A_l)} over all {@code l >= 1}.
 *
 * <p>Feasible when {@code |F|^(|F|^d) <= }{@value #MAX_FUNCTIONS}; {@code WIDE} is not handled
 * (its exact sums make the accumulator state unbounded).
 *
 * <p>Number systems: the decider reads only the {@link Machine}'s {@code (+)}, {@code (*)} and
 * {@code tau} on the codes {@code min..max}, so it decides floating-point settings (SPEC §8, codes
 * = signed ranks of the finite values) exactly as fixed-point ones, provided every operation stays
 * among the finite values ({@code SATFINITE}; see {@link #feasible(Machine, int, long)}). Nothing in
 * the closure argument uses the grid of fixed point: F1 ({@code w (*) 0 = 0}, {@code a (+) 0 = a})
 * holds in every format because {@code rho} fixes values of F, and repeated terms are enumerated one
 * addition at a time, never through F3 (docs/THEORY.md §15.7).
 */
public final class ExactDecider {
    /** The largest number of functions {@code |F|^(|F|^d)} the decider accepts. */
    public static final long MAX_FUNCTIONS = 1L << 20;

    private final Machine machine;
    private final int dims;
    private final int n;
    private final int points;
    private final int total;
    private final int[] pow;
    private final int[][] addIdx;
    private final int[][] mulIdx;
    private final int[] tauIdx;

    private ExactDecider(Machine machine, int dims) {
        this.machine = machine;
        this.dims = dims;
        this.n = (int) machine.size();
        int p = 1;
        for (int i = 0; i < dims; i++) {
            p *= n;
        }
        this.points = p;
        long t = 1;
        for (int i = 0; i < points; i++) {
            t *= n;
        }
        this.total = (int) t;
        this.pow = new int[points + 1];
        pow[0] = 1;
        for (int i = 1; i <= points; i++) {
            pow[i] = pow[i - 1] * n;
        }
        long m = machine.min();
        addIdx = new int[n][n];
        mulIdx = new int[n][n];
        tauIdx = new int[n];
        for (int a = 0; a < n; a++) {
            tauIdx[a] = (int) (machine.tau(m + a) - m);
            for (int b = 0; b < n; b++) {
                addIdx[a][b] = (int) (machine.add(m + a, m + b) - m);
                mulIdx[a][b] = (int) (machine.mul(m + a, m + b) - m);
            }
        }
    }

    /** The function-count limit under which {@link Universality} runs the decider routinely (fast). */
    public static final long ROUTINE_FUNCTIONS = 1L << 15;

    /** Whether {@link #decide} accepts this setting and dimension. */
    public static boolean feasible(Machine machine, int dims) {
        return feasible(machine, dims, MAX_FUNCTIONS);
    }

    /**
     * Whether the setting is PER_OP, its operations stay among the codes (overflow saturates or wraps:
     * fixed point, or a float format under {@code SATFINITE}; not {@code INF}/{@code NAN}, whose
     * infinities and NaN lie outside {@code minCode..maxCode}) and it has at most {@code limit}
     * functions at dimension {@code dims}.
     */
    public static boolean feasible(Machine machine, int dims, long limit) {
        if (machine.accumulation() != Accumulation.PER_OP || dims < 1
                || !(machine.arithmetic().saturates() || machine.arithmetic().wraps())) {
            return false;
        }
        double pts = Math.pow(machine.size(), dims);
        return pts <= 64 && Math.pow(machine.size(), pts) <= Math.min(limit, MAX_FUNCTIONS);
    }

    /**
     * Decides universality at dimension {@code dims}.
     *
     * @throws IllegalArgumentException if not {@link #feasible}
     */
    public static DeciderResult decide(Machine machine, int dims) {
        if (!feasible(machine, dims)) {
            throw new IllegalArgumentException("the exact decider needs PER_OP and |F|^(|F|^d) <= 2^20; got |F|="
                    + machine.size() + ", d=" + dims + ", " + machine.accumulation());
        }
        ExactDecider d = new ExactDecider(machine, dims);
        String key = d.signature();
        DeciderResult cached = CACHE.get(key);
        if (cached != null) {
            return cached.relabel(machine.setting().toString());
        }
        DeciderResult r = d.run();
        CACHE.put(key, r);
        return r;
    }

    /** Results by the operation tables they depend on: settings with equal tables share them. */
    private static final java.util.concurrent.ConcurrentHashMap<String, DeciderResult> CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();

    private String signature() {
        return n + ":" + dims + ":" + machine.min() + ":" + Arrays.deepToString(addIdx) + Arrays.deepToString(mulIdx)
                + Arrays.toString(tauIdx);
    }

    private int digit(int f, int point) {
        return (f / pow[point]) % n;
    }

    private int coordinate(int point, int i) {
        return (point / pow[i]) % n;
    }

    private int constant(int c) {
        int f = 0;
        for (int i = 0; i < points; i++) {
            f += c * pow[i];
        }
        return f;
    }

    private int applyTau(int f) {
        int g = 0;
        for (int i = 0; i < points; i++) {
            g += tauIdx[digit(f, i)] * pow[i];
        }
        return g;
    }

    private int scale(int w, int g) {
        int r = 0;
        for (int i = 0; i < points; i++) {
            r += mulIdx[w][digit(g, i)] * pow[i];
        }
        return r;
    }

    private int plus(int a, int t) {
        int r = 0;
        for (int i = 0; i < points; i++) {
            r += addIdx[digit(a, i)][digit(t, i)] * pow[i];
        }
        return r;
    }

    /** First-layer accumulators: bias, then distinct coordinates in any order with any weights. */
    private long[] firstLayer() {
        long[] seen = new long[(total + 63) >>> 6];
        int[] proj = new int[dims];
        for (int i = 0; i < dims; i++) {
            int f = 0;
            for (int pt = 0; pt < points; pt++) {
                f += coordinate(pt, i) * pow[pt];
            }
            proj[i] = f;
        }
        List<Integer> frontier = new ArrayList<>();
        List<Integer> used = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            int c = constant(b);
            set(seen, c);
            frontier.add(c);
            used.add(0);
        }
        // breadth-first over subsets of coordinates (order matters, each coordinate once)
        while (!frontier.isEmpty()) {
            List<Integer> nf = new ArrayList<>();
            List<Integer> nu = new ArrayList<>();
            for (int k = 0; k < frontier.size(); k++) {
                int acc = frontier.get(k);
                int mask = used.get(k);
                for (int i = 0; i < dims; i++) {
                    if ((mask & (1 << i)) != 0) {
                        continue;
                    }
                    for (int w = 0; w < n; w++) {
                        int r = plus(acc, scale(w, proj[i]));
                        // a state is (function, used-mask); we keep functions, re-expanding per mask
                        nf.add(r);
                        nu.add(mask | (1 << i));
                        set(seen, r);
                    }
                }
            }
            // dedupe (function, mask) pairs
            Map<Long, Boolean> uniq = new HashMap<>();
            frontier = new ArrayList<>();
            used = new ArrayList<>();
            for (int k = 0; k < nf.size(); k++) {
                long key = ((long) nf.get(k) << 8) | nu.get(k);
                if (uniq.putIfAbsent(key, Boolean.TRUE) == null) {
                    frontier.add(nf.get(k));
                    used.add(nu.get(k));
                }
            }
        }
        return seen;
    }

    /** Reach(G): closure of the constants under acc -> acc (+) (w (*) g). */
    private long[] reach(int[] available) {
        long[] termSeen = new long[(total + 63) >>> 6];
        int[] terms = new int[16];
        int tc = 0;
        for (int g : available) {
            for (int w = 0; w < n; w++) {
                int t = scale(w, g);
                if (!get(termSeen, t)) {
                    set(termSeen, t);
                    if (tc == terms.length) {
                        terms = Arrays.copyOf(terms, tc * 2);
                    }
                    terms[tc++] = t;
                }
            }
        }
        long[] seen = new long[(total + 63) >>> 6];
        int[] queue = new int[Math.max(16, n)];
        int head = 0;
        int tail = 0;
        for (int b = 0; b < n; b++) {
            int c = constant(b);
            if (!get(seen, c)) {
                set(seen, c);
                queue[tail++] = c;
            }
        }
        int[] digits = new int[points];
        while (head < tail) {
            int s = queue[head++];
            for (int i = 0; i < points; i++) {
                digits[i] = digit(s, i);
            }
            for (int k = 0; k < tc; k++) {
                int t = terms[k];
                int r = 0;
                for (int i = 0; i < points; i++) {
                    r += addIdx[digits[i]][(t / pow[i]) % n] * pow[i];
                }
                if (!get(seen, r)) {
                    set(seen, r);
                    if (tail == queue.length) {
                        queue = Arrays.copyOf(queue, (int) Math.min((long) queue.length * 2, (long) total + 1));
                    }
                    queue[tail++] = r;
                }
            }
            if (tail == total) {
                break; // everything reached
            }
        }
        return seen;
    }

    private DeciderResult run() {
        long[] depth0 = firstLayer();
        long[] union = depth0.clone();
        int[] layer = tauImage(depth0);
        List<long[]> seenLayers = new ArrayList<>();
        int hidden = 0;
        int firstUniversalDepth = count(union) == total ? 0 : -1;
        while (true) {
            // Reach is monotone in the available set, so if this layer's set is contained in an earlier
            // one, every later layer is contained in a later one of the earlier run: nothing new follows.
            long[] bits = new long[(total + 63) >>> 6];
            for (int f : layer) {
                set(bits, f);
            }
            boolean covered = false;
            for (long[] earlier : seenLayers) {
                covered |= subset(bits, earlier);
            }
            if (covered) {
                break;
            }
            seenLayers.add(bits);
            hidden++;
            long[] r = reach(layer);
            for (int i = 0; i < union.length; i++) {
                union[i] |= r[i];
            }
            if (firstUniversalDepth < 0 && count(union) == total) {
                firstUniversalDepth = hidden;
            }
            layer = tauImage(r);
            if (count(union) == total && count(r) == total) {
                break; // Reach of this layer is everything; deeper layers cannot add anything
            }
        }
        int reached = count(union);
        long[] witness = null;
        if (reached < total) {
            int f = nextClear(union, 0);
            witness = new long[points];
            for (int i = 0; i < points; i++) {
                witness[i] = machine.min() + digit(f, i);
            }
        }
        return new DeciderResult(machine.setting().toString(), dims, total, reached, count(depth0), hidden, firstUniversalDepth,
                witness);
    }

    private int[] tauImage(long[] set) {
        long[] img = new long[(total + 63) >>> 6];
        for (int f = nextSet(set, 0); f >= 0; f = nextSet(set, f + 1)) {
            set(img, applyTau(f));
        }
        int[] out = new int[count(img)];
        int k = 0;
        for (int f = nextSet(img, 0); f >= 0; f = nextSet(img, f + 1)) {
            out[k++] = f;
        }
        return out;
    }

    private static boolean subset(long[] a, long[] b) {
        for (int i = 0; i < a.length; i++) {
            if ((a[i] & ~b[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    private static void set(long[] bits, int i) {
        bits[i >>> 6] |= 1L << i;
    }

    private static boolean get(long[] bits, int i) {
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    private int count(long[] bits) {
        int c = 0;
        for (long b : bits) {
            c += Long.bitCount(b);
        }
        return c;
    }

    private int nextSet(long[] bits, int from) {
        for (int i = from; i < total; i++) {
            if ((i & 63) == 0) {
                while (i < total && bits[i >>> 6] == 0) {
                    i += 64;
                }
                if (i >= total) {
                    return -1;
                }
            }
            if (get(bits, i)) {
                return i;
            }
        }
        return -1;
    }

    private int nextClear(long[] bits, int from) {
        for (int i = from; i < total; i++) {
            if (!get(bits, i)) {
                return i;
            }
        }
        return -1;
    }
}

package dev.fxnet.gadget;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The gadgets of Theorem Z (docs/THEORY.md §10): under SATURATE with {@code p >= 1}, N-sep,
 * a zero of {@code tau} and a positive set {@code {z : tau(z) > 0} = [z*, M]}, every pair of codes
 * {@code v != u} has a one-input <em>pair test</em> {@code D_(v,u)} with values in {@code {0, A}},
 * {@code A = tau(M) > 0}, {@code D(v) = 0}, {@code D(u) = A}, built from the separating neuron alone
 * (no search beyond choosing it): four layers
 * <ol>
 *   <li>{@code r = tau(acc(b; w, x))}, a first-layer neuron with {@code r(v) != r(u)} (N-sep);</li>
 *   <li>{@code h = tau(c (+) (s (*) r))}, {@code s = +-1.0} chosen so that {@code s (*) r(u) > s (*) r(v)},
 *       {@code c = z* - s (*) r(u)}: {@code h(u) = tau(z*) > 0 >= h(v)};</li>
 *   <li>{@code Q = tau(m (+) K copies of h)}: {@code A} where {@code h > 0}, {@code B = tau(m)} elsewhere;</li>
 *   <li>{@code D = tau(z (+) K rounds of (1.0 (*) Q, -1.0 (*) C_B))} with {@code C_B = tau(m)} a
 *       bias-only neuron and {@code z} a zero of {@code tau}: exactly {@code z} where {@code Q = B},
 *       saturated at {@code M} where {@code Q = A}.</li>
 * </ol>
 * With {@code K = M - m} copies. The OR of pair tests ({@code tau(z (+) K copies of each)}), a NOT
 * and a relevelling stage then give point indicators with {@code off = 0} (the construction of
 * {@code construct.ZeroConstruction}). Every gadget is verified here by evaluation on every input it
 * can receive. Immutable.
 */
public final class ZeroTests {
    /** The largest {@code |F|} for which the plan is built (it holds {@code |F| (|F| - 1)} pair tests). */
    public static final long LIMIT = 256;

    /**
     * A pair test {@code D_(v,u)}: first-layer neuron {@code tau(acc(bias; weight, x))}, second-layer
     * {@code tau(shift (+) (sign (*) r))}; the third and fourth layers are common to all tests.
     */
    public record PairTest(long v, long u, long bias, long weight, long sign, long shift) {
    }

    /**
     * The round order of a landing neuron {@code tau(zero (+) K rounds of (1.0 (*) y, -1.0 (*) C))}:
     * {@code signalFirst} adds the signal before the constant in each round.
     */
    public record Landing(long zero, boolean signalFirst) {
    }

    private final Machine m;
    private final long one;
    private final long copies;
    private final long zStar;
    private final Landing toZero;
    private final PairTest[][] tests;
    private final long landedLow;
    private final long landedHigh;

    private ZeroTests(Machine m, long one, long copies, long zStar, Landing toZero, PairTest[][] tests) {
        this.m = m;
        this.landedLow = m.tau(land(m, one, copies, toZero, m.tau(m.min()), m.tau(m.min())));
        this.landedHigh = m.tau(land(m, one, copies, toZero, m.tau(m.max()), m.tau(m.min())));
        this.one = one;
        this.copies = copies;
        this.zStar = zStar;
        this.toZero = toZero;
        this.tests = tests;
    }

    /** Why the hypotheses of Theorem Z fail, or empty when the pair tests exist and were verified. */
    public static Outcome build(Machine m) {
        Objects.requireNonNull(m, "machine");
        if (!m.arithmetic().saturates() || m.one().isEmpty()) {
            return Outcome.no("needs SATURATE and p >= 1");
        }
        if (m.size() > LIMIT) {
            return Outcome.no("|F| = " + m.size() + " > " + LIMIT);
        }
        Optional<Long> zStar = positiveStart(m);
        if (zStar.isEmpty()) {
            return Outcome.no("the positive set of tau is not a nonempty up-set [z*, M]");
        }
        long one = m.one().getAsLong();
        if (m.perOp() && m.min() != -m.max() && takesMin(m)) {
            return Outcome.no("tau takes the least code m in two's complement, where -1.0 (*) m is not -m");
        }
        long copies = m.max() - m.min();
        long a = m.tau(m.max());
        long b = m.tau(m.min());
        Optional<Landing> land = landing(m, one, copies, b, a, true);
        if (land.isEmpty()) {
            return Outcome.no("no zero of tau to land on");
        }
        int n = m.size();
        long[] weights = weightOrder(m, one);
        PairTest[][] tests = new PairTest[n][n];
        for (long v = m.min(); v <= m.max(); v++) {
            for (long u = m.min(); u <= m.max(); u++) {
                if (u == v) {
                    continue;
                }
                Optional<PairTest> t = pairTest(m, weights, zStar.get(), v, u);
                if (t.isEmpty()) {
                    return Outcome.no("no separating neuron of " + v + ", " + u + " gives a pair test");
                }
                tests[(int) (v - m.min())][(int) (u - m.min())] = t.get();
            }
        }
        ZeroTests z = new ZeroTests(m, one, copies, zStar.get(), land.get(), tests);
        for (PairTest[] row : tests) {
            for (PairTest t : row) {
                if (t != null && !z.verify(t)) {
                    return Outcome.no("pair test " + t + " fails verification");
                }
            }
        }
        return new Outcome(Optional.of(z), "");
    }

    /** The plan, or why not. */
    public record Outcome(Optional<ZeroTests> tests, String why) {
        static Outcome no(String why) {
            return new Outcome(Optional.empty(), why);
        }
    }

    private static boolean takesMin(Machine m) {
        for (long z = m.min(); z <= m.max(); z++) {
            if (m.tau(z) == m.min()) {
                return true;
            }
        }
        return false;
    }

    /** The least {@code z*} with {@code tau(z) > 0} exactly for {@code z >= z*}, if the positive set is such an up-set. */
    static Optional<Long> positiveStart(Machine m) {
        long z = m.max();
        if (m.tau(z) <= 0) {
            return Optional.empty();
        }
        while (z > m.min() && m.tau(z - 1) > 0) {
            z--;
        }
        for (long y = m.min(); y < z; y++) {
            if (m.tau(y) > 0) {
                return Optional.empty();
            }
        }
        return Optional.of(z);
    }

    /**
     * A landing neuron over a two-valued signal {@code {low, high}}, {@code low < high}, and the constant
     * {@code low} ({@code toLow}: exactly a zero where {@code y = low}, {@code tau(M)} where
     * {@code y = high}) or the constant {@code high} ({@code !toLow}: exactly a zero where {@code y = high},
     * {@code tau(m)} where {@code y = low}); empty if no zero of {@code tau} gives exact partial sums.
     */
    public static Optional<Landing> landing(Machine m, long one, long copies, long low, long high, boolean toLow) {
        long target = toLow ? low : high;
        long other = toLow ? high : low;
        long want = toLow ? m.tau(m.max()) : m.tau(m.min());
        for (long z = m.max(); z >= m.min(); z--) {
            if (m.tau(z) != 0) {
                continue;
            }
            for (boolean first : new boolean[] {true, false}) {
                Landing l = new Landing(z, first);
                if (land(m, one, copies, l, target, target) == z && m.tau(land(m, one, copies, l, other, target)) == want) {
                    return Optional.of(l);
                }
            }
        }
        return Optional.empty();
    }

    /** The accumulator of a landing neuron at signal value {@code y} with constant {@code c}. */
    public static long land(Machine m, long one, long copies, Landing l, long y, long c) {
        int k = (int) copies;
        long[] w = new long[2 * k];
        long[] in = new long[2 * k];
        for (int i = 0; i < k; i++) {
            w[2 * i] = l.signalFirst() ? one : -one;
            in[2 * i] = l.signalFirst() ? y : c;
            w[2 * i + 1] = l.signalFirst() ? -one : one;
            in[2 * i + 1] = l.signalFirst() ? c : y;
        }
        return m.accumulate(l.zero(), w, in, 2 * k);
    }

    /** The weights tried for separating neurons: {@code 1.0} and {@code -1.0} first (they separate most pairs), then all codes. */
    private static long[] weightOrder(Machine m, long one) {
        long[] w = new long[m.size() + 2];
        w[0] = one;
        w[1] = -one;
        for (int i = 0; i < m.size(); i++) {
            w[i + 2] = m.min() + i;
        }
        return w;
    }

    private static Optional<PairTest> pairTest(Machine m, long[] weights, long zStar, long v, long u) {
        long one = weights[0];
        for (long w : weights) {
            for (long b = m.min(); b <= m.max(); b++) {
                long rv = m.tau(m.pre(b, w, v));
                long ru = m.tau(m.pre(b, w, u));
                if (rv == ru) {
                    continue;
                }
                long s = ru > rv ? one : -one;
                long tu = m.perOp() ? m.mul(s, ru) : s / one * ru;
                long tv = m.perOp() ? m.mul(s, rv) : s / one * rv;
                long c = zStar - tu;
                if (tu > tv && m.contains(c)) {
                    return Optional.of(new PairTest(v, u, b, w, s, c));
                }
            }
        }
        return Optional.empty();
    }

    /** The pair test's output at input {@code x}, computed layer by layer as the network does. */
    public long evaluate(PairTest t, long x) {
        long r = m.tau(m.pre(t.bias(), t.weight(), x));
        long h = m.tau(m.pre(t.shift(), t.sign(), r));
        long q = m.tau(m.chain(m.min(), one, h, copies));
        if (q == m.tau(m.max())) { // the landing neuron on the two values of Q was evaluated once, in build
            return landedHigh;
        }
        return q == m.tau(m.min()) ? landedLow : m.tau(land(m, one, copies, toZero, q, m.tau(m.min())));
    }

    private boolean verify(PairTest t) {
        long a = m.tau(m.max());
        for (long x = m.min(); x <= m.max(); x++) {
            long d = evaluate(t, x);
            if ((d != 0 && d != a) || (x == t.v() && d != 0) || (x == t.u() && d != a)) {
                return false;
            }
        }
        return true;
    }

    public Machine machine() {
        return m;
    }

    /** The code of 1.0. */
    public long one() {
        return one;
    }

    /** {@code K = M - m}: the copies every saturating neuron reads. */
    public long copies() {
        return copies;
    }

    /** {@code z*}: the least code where {@code tau} is positive. */
    public long zStar() {
        return zStar;
    }

    /** The landing neuron of the pair tests' fourth layer (constant {@code tau(m)}). */
    public Landing toZero() {
        return toZero;
    }

    /** The pair test {@code D_(v,u)}. */
    public PairTest test(long v, long u) {
        return tests[(int) (v - m.min())][(int) (u - m.min())];
    }

    /** All pair tests, row by row. */
    public List<PairTest> all() {
        List<PairTest> out = new ArrayList<>();
        for (PairTest[] row : tests) {
            for (PairTest t : row) {
                if (t != null) {
                    out.add(t);
                }
            }
        }
        return out;
    }
}

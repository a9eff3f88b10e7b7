package dev.fxnet.theory;

import dev.fxnet.gadget.Machine;
import dev.fxnet.arith.Encoding;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The necessary condition N of docs/THEORY.md, a finite check over {@code tau} and the arithmetic.
 *
 * <p><b>N = N-sep and N-aff</b> (for binary weights also N-one):
 * <ul>
 *   <li><b>N-sep</b> (first-layer separation): for all codes {@code u != u'} there are a bias
 *       {@code b} and a weight {@code w} (any code; for binary weights {@code w = +-1}) with
 *       {@code tau(acc(b; w, u)) != tau(acc(b; w, u'))}, where {@code acc(b; w, y)} is the one-source
 *       accumulator {@code b (+) (w (*) y)} ({@code rho(b + w y)} under WIDE).</li>
 *   <li><b>N-aff</b>: not (WRAP, {@code q = 0} and {@code tau(z) = tau(0) + z (tau(1) - tau(0)) mod 2^n}
 *       for every code {@code z}).</li>
 *   <li><b>N-one</b> (binary weights only): the value 1 is in F ({@code p >= 1}); otherwise no
 *       binary-weight network exists.</li>
 *   <li><b>N-ends</b> ({@link EndsCondition}): not (PER_OP, SATURATE, {@code tau} without a zero and of
 *       one sign, and no product of a nonzero weight with a value of {@code tau} rounding to 0, as under
 *       rounding UP); otherwise no network with a hidden layer reaches both ends of F.</li>
 * </ul>
 * When a part fails, {@link #check} returns a {@link Witness}: a concrete {@code f} with the
 * invariant that excludes it. N-sep is checked exhaustively for {@code |F| <= }{@value #SEP_LIMIT}.
 */
public final class NecessaryCondition {
    /** The largest {@code |F|} for which N-sep is checked exhaustively ({@code O(|F|^3)} operations). */
    public static final long SEP_LIMIT = 1L << 9;

    private NecessaryCondition() {
    }

    /**
     * The outcome of the check.
     *
     * @param holds whether N holds ({@code UNKNOWN} when the format is too large to check exhaustively)
     * @param part the violated part ({@code N-sep}, {@code N-aff}, {@code N-one}) or empty when it holds
     * @param explanation a human-readable account of what was checked or violated
     * @param witness the function no network computes, when N fails and one was found
     */
    public record Result(Truth holds, String part, String explanation, Optional<Witness> witness) {
        /** @throws NullPointerException if an argument is null */
        public Result {
            Objects.requireNonNull(holds, "holds");
            Objects.requireNonNull(part, "part");
            Objects.requireNonNull(explanation, "explanation");
            Objects.requireNonNull(witness, "witness");
        }

        Result(Truth holds, String part, String explanation, Witness witness) {
            this(holds, part, explanation, Optional.ofNullable(witness));
        }

        @Override
        public String toString() {
            return holds + (part.isEmpty() ? "" : " [" + part + "]") + ": " + explanation;
        }
    }

    /**
     * Checks N for general weights ({@code binary == false}) or binary weights.
     */
    public static Result check(Machine m, boolean binary) {
        Objects.requireNonNull(m, "machine");
        if (binary && !m.one().isPresent()) {
            return new Result(Truth.FALSE, "N-one", "binary weights need the value 1 in F, but p = 0: no binary-weight"
                    + " network exists, so no function at all is represented", Witness.of(1, new long[(int) Math.min(m.size(), 1 << 20)],
                    "no binary-weight network exists when 1 is not a value of F (p = 0)"));
        }
        Result aff = affine(m);
        if (aff != null) {
            return aff;
        }
        if (m.size() > SEP_LIMIT) {
            Result ends = EndsCondition.check(m, binary);
            if (ends != null) {
                return ends;
            }
            return new Result(Truth.UNKNOWN, "", "N-aff holds; N-sep not checked: |F| = " + m.size() + " > " + SEP_LIMIT,
                    Optional.empty());
        }
        long[] pair = unseparatedPair(m, binary);
        if (pair == null) {
            Result ends = EndsCondition.check(m, binary);
            if (ends != null) {
                return ends;
            }
            return new Result(Truth.TRUE, "", "N-sep: every pair of codes is separated by a first-layer neuron "
                    + "tau(acc(b; w, x))" + (binary ? " with w = +-1" : "") + "; N-aff holds", Optional.empty());
        }
        Witness w = separationWitness(m, binary, pair[0], pair[1]);
        String expl = "N-sep fails: inputs " + m.dec(pair[0]) + " and " + m.dec(pair[1]) + " give equal tau(acc(b; w, x)) for every"
                + " bias b and weight w" + (binary ? " = +-1" : "") + ", so every network with a hidden layer agrees on them";
        String why = noInformation(m);
        return new Result(Truth.FALSE, "N-sep", why == null ? expl : why + "; " + expl, w);
    }

    /**
     * Why no information can pass a first layer, when the reason is one of the two plain ones: the
     * rounded activation is constant on F, or (PER_OP) every product {@code w (*) x} of two values of
     * F rounds to 0, so that {@code acc(b; w, x) = b}; null otherwise.
     */
    private static String noInformation(Machine m) {
        long t0 = m.tau(m.min());
        boolean constant = true;
        for (long z = m.min(); z <= m.max() && constant; z++) {
            constant = m.tau(z) == t0;
        }
        if (constant) {
            return "the rounded activation is constant (tau(z) = " + t0 + " for every code z), so every hidden neuron"
                    + " outputs " + t0 + " whatever its inputs and every network with a hidden layer is constant";
        }
        if (m.accumulation() != dev.fxnet.arith.Accumulation.PER_OP) {
            return null;
        }
        for (long w = m.min(); w <= m.max(); w++) {
            for (long x = m.min(); x <= m.max(); x++) {
                if (m.mul(w, x) != 0) {
                    return null;
                }
            }
        }
        return "every product w (*) x of two values of F rounds to 0, so every first-layer neuron computes"
                + " tau(acc(b; w, x)) = tau(b) whatever its input";
    }

    /** The N-aff obstruction, or null when it does not apply. */
    private static Result affine(Machine m) {
        // WRAP on the integers (q = 0): codes are the residues modulo |F| = 2^n
        if (!m.arithmetic().wraps() || m.arithmetic().value(1).compareTo(java.math.BigDecimal.ONE) != 0) {
            return null;
        }
        long mod = m.size();
        int n = Long.numberOfTrailingZeros(mod); // |F| = 2^n
        long t0 = m.tau(0);
        long alpha = m.tau(m.max() >= 1 ? 1 : 0) - t0;
        if (m.max() < 1) { // codes {-1, 0}: tau(-1) decides alpha
            alpha = t0 - m.tau(-1);
        }
        for (long z = m.min(); z <= m.max(); z++) {
            if (Math.floorMod(m.tau(z) - t0 - alpha * z, mod) != 0) {
                return null;
            }
        }
        String inv = "with WRAP and q = 0 every product and sum is exact modulo 2^" + n + " and tau(z) = " + t0 + " + " + alpha
                + " z mod 2^" + n + ", so every network computes an affine function c + sum a_i x_i mod 2^" + n;
        Witness w;
        if (m.max() >= 1) {
            long[] out = new long[(int) m.size()];
            out[(int) (-1 - m.min())] = 1; // f(-1) = 1, f(0) = f(1) = 0: a = f(1)-f(0) = 0 but f(-1)-f(0) = 1 != -a
            w = Witness.of(1, out, inv + "; f(0) = f(1) = 0 forces a = 0, yet f(-1) = 1");
        } else {
            long[] out = new long[4];
            out[0] = -1; // point (-1,-1)
            w = Witness.of(2, out, inv + "; such g satisfy g(0,0) - g(-1,0) - g(0,-1) + g(-1,-1) = 0 mod 2^" + n
                    + ", f gives -1");
        }
        return new Result(Truth.FALSE, "N-aff", inv, w);
    }

    /** A pair of codes no first-layer neuron separates, or null. */
    static long[] unseparatedPair(Machine m, boolean binary) {
        int size = (int) m.size();
        long min = m.min();
        int[] cls = separationClasses(m, binary);
        int[] first = new int[size];
        java.util.Arrays.fill(first, -1);
        for (int u = 0; u < size; u++) {
            if (first[cls[u]] >= 0) {
                return new long[] {min + first[cls[u]], min + u};
            }
            first[cls[u]] = u;
        }
        return null;
    }

    /**
     * The classes of codes no first-layer neuron {@code tau(acc(b; w, x))} tells apart (partition
     * refinement over every bias and weight): entry {@code u} is the class of code {@code min + u}.
     */
    static int[] separationClasses(Machine m, boolean binary) {
        int size = (int) m.size();
        long min = m.min();
        int[] cls = new int[size];
        int classes = 1;
        long[] weights = weights(m, binary);
        Map<Long, Integer> renum = new HashMap<>();
        for (long b = m.min(); b <= m.max() && classes < size; b++) {
            for (long w : weights) {
                renum.clear();
                int[] next = new int[size];
                for (int u = 0; u < size; u++) {
                    long r = m.tau(m.pre(b, w, min + u));
                    long key = ((long) cls[u] << 32) ^ (r - min);
                    Integer id = renum.get(key);
                    if (id == null) {
                        id = renum.size();
                        renum.put(key, id);
                    }
                    next[u] = id;
                }
                cls = next;
                classes = renum.size();
                if (classes == size) {
                    break;
                }
            }
        }
        return cls;
    }

    static long[] weights(Machine m, boolean binary) {
        if (binary) {
            long one = m.one().orElseThrow();
            return new long[] {one, -one};
        }
        long[] w = new long[(int) m.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = m.min() + i;
        }
        return w;
    }

    /**
     * A function of one input (or two when |F| is 2) with {@code f(u) != f(u')} that no network
     * without hidden layer computes (checked against every bias and weight).
     */
    private static Witness separationWitness(Machine m, boolean binary, long u, long u2) {
        String vu = m.dec(u);
        String vu2 = m.dec(u2);
        String inv = "no first-layer neuron separates inputs " + vu + " and " + vu2 + ", so every network with a hidden layer"
                + " gives them equal outputs; f differs there, and no network without hidden layer computes f (checked"
                + " against every bias and " + (binary ? "weight +-1" : "weight") + ")";
        int size = (int) m.size();
        long star = u != 0 ? u : u2;
        long[] weights = weights(m, binary);
        // d = 1 candidates: f = c at star, 0 elsewhere; then f = c at star and e at another point
        for (long c = m.min(); c <= m.max(); c++) {
            if (c == 0) {
                continue;
            }
            long[] out = new long[size];
            out[(int) (star - m.min())] = c;
            if (!depthZero1(m, weights, out)) {
                return Witness.of(1, out, inv);
            }
        }
        for (long v = m.min(); v <= m.max(); v++) {
            if (v == 0 || v == star) {
                continue;
            }
            for (long c = m.min(); c <= m.max(); c++) {
                for (long e = m.min(); e <= m.max(); e++) {
                    long[] out = new long[size];
                    out[(int) (star - m.min())] = c;
                    out[(int) (v - m.min())] = e;
                    if (out[(int) (u - m.min())] != out[(int) (u2 - m.min())] && !depthZero1(m, weights, out)) {
                        return Witness.of(1, out, inv);
                    }
                }
            }
        }
        // d = 2: f(x0, x1) = c at (star, 0) only; the points (u,0), (u',0) are unseparated in the first layer
        if ((long) size * size <= 1 << 12) {
            for (long c = m.min(); c <= m.max(); c++) {
                for (long e = m.min(); e <= m.max(); e++) {
                    long[] out = new long[size * size];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = e;
                    }
                    out[(int) (star - m.min()) + size * (int) (0 - m.min())] = c;
                    if (c != e && !depthZero2(m, weights, out)) {
                        return Witness.of(2, out, inv.replace("inputs " + vu + " and " + vu2, "inputs (" + vu + ", 0) and ("
                                + vu2 + ", 0)"));
                    }
                }
            }
        }
        return null;
    }

    /** Whether {@code out} (d = 1, indexed from min) is {@code acc(b; w, x)} for some bias and one of {@code weights}. */
    static boolean depthZero1(Machine m, long[] weights, long[] out) {
        long b = out[(int) (0 - m.min())]; // acc(b; w, 0) = b for every w
        for (long w : weights) {
            boolean all = true;
            for (int i = 0; i < out.length && all; i++) {
                all = m.pre(b, w, m.min() + i) == out[i];
            }
            if (all) {
                return true;
            }
        }
        // the bias-only neuron is the w = 0 case for general weights; for binary weights it is not a dense network
        return false;
    }

    private static boolean depthZero2(Machine m, long[] weights, long[] out) {
        int size = (int) m.size();
        long[] w2 = new long[2];
        long[] y = new long[2];
        for (long b = m.min(); b <= m.max(); b++) {
            for (long w0 : weights) {
                for (long w1 : weights) {
                    for (int order = 0; order < 2; order++) {
                        boolean all = true;
                        for (int i = 0; i < out.length && all; i++) {
                            long x0 = m.min() + i % size;
                            long x1 = m.min() + i / size;
                            w2[0] = order == 0 ? w0 : w1;
                            w2[1] = order == 0 ? w1 : w0;
                            y[0] = order == 0 ? x0 : x1;
                            y[1] = order == 0 ? x1 : x0;
                            all = m.accumulate(b, w2, y, 2) == out[i];
                        }
                        if (all) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }
}

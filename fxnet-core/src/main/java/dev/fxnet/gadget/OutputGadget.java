package dev.fxnet.gadget;

import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Arithmetic;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How the output neuron places a value {@code c} at a point: it lists {@code k} copies of that
 * point's indicator (a switch with levels {@code on}/{@code off}), with weights {@code w_1..w_k}
 * such that, starting from the output bias {@code b0}, {@code b0 (+) (w_1 (*) on) (+) ... (+) (w_k (*) on) = c}
 * with every partial sum exact (the terms have the sign of {@code c - b0}, so the partial sums move
 * monotonically from {@code b0} to {@code c} and never leave F), and {@code w_j (*) off = 0}, so the copies
 * of every other point's indicator add exactly 0 ({@code a (+) 0 = a}). Under {@code WIDE} the
 * condition is {@code rho(sum_j w_j on) = c} with {@code off = 0}. Immutable.
 */
public final class OutputGadget {
    /** The largest {@code |F|} for which minimal decompositions are computed by dynamic programming. */
    public static final long DP_LIMIT = 1L << 13;

    private final long on;
    private final long off;
    private final long bias;
    private final long min;
    private final long[] coins; // usable weights w with w (*) off = 0, w (*) on != 0 (PER_OP)
    private final long[] coinValue;
    private final int[] posCount; // per distance: terms for a positive difference (-1: impossible)
    private final int[] posLast;
    private final int[] negCount;
    private final int[] negLast;
    private final long[][] wide; // WIDE or modular: per target index the weights, or null
    private final boolean modular;
    private final long offBias; // WIDE with off != 0: a code z with tau(z) = off (the compensating constant), else 0

    /**
     * The PER_OP tables of the dynamic programme: the usable weights ({@code coins}, with
     * {@code w (*) off = 0} and {@code w (*) on != 0}) and their terms {@code w (*) on}; per distance from the
     * bias, the fewest terms reaching it upwards ({@code posCount}) and downwards ({@code negCount}),
     * -1 when impossible, with the index of the coin used last.
     */
    private record CoinTable(long[] coins, long[] values, int[] posCount, int[] posLast, int[] negCount, int[] negLast) {
        static final CoinTable NONE = new CoinTable(new long[0], new long[0], null, null, null, null);
    }

    /**
     * The WIDE and modular forms: per target index the weights ({@code null} under PER_OP), whether the
     * form is modular (WRAP), and for the compensated WIDE form a code {@code z} with
     * {@code tau(z) = off} (else 0).
     */
    private record Listed(long[][] weights, boolean modular, long offBias) {
        static final Listed NONE = new Listed(null, false, 0);
    }

    private OutputGadget(long on, long off, long bias, long min, CoinTable table, Listed listed) {
        this.on = on;
        this.off = off;
        this.bias = bias;
        this.min = min;
        this.coins = table.coins();
        this.coinValue = table.values();
        this.posCount = table.posCount();
        this.posLast = table.posLast();
        this.negCount = table.negCount();
        this.negLast = table.negLast();
        this.wide = listed.weights();
        this.modular = listed.modular();
        this.offBias = listed.offBias();
    }

    /**
     * Finds decompositions of every code for the levels {@code (on, off)}; empty if some code has
     * none (or the format is too large to decide that). Under PER_OP the output bias {@code b0} is
     * 0, {@code minCode} or {@code maxCode} (first that works): every value {@code c} is reached from
     * {@code b0} by terms of the sign of {@code c - b0}.
     */
    public static Optional<OutputGadget> find(Machine m, long on, long off) {
        if (m.accumulation() == Accumulation.WIDE) {
            return findWide(m, on, off);
        }
        if (m.size() > DP_LIMIT) {
            return Optional.empty();
        }
        int size = (int) m.size();
        long[] cs = new long[size];
        long[] cv = new long[size];
        int nc = 0;
        for (long w = m.min(); w <= m.max(); w++) {
            long t = m.mul(w, on);
            if (t != 0 && m.mul(w, off) == 0) {
                cs[nc] = w;
                cv[nc] = t;
                nc++;
            }
        }
        long[] coins = Arrays.copyOf(cs, nc);
        long[] values = Arrays.copyOf(cv, nc);
        int span = size; // distances 0 .. size-1
        int[] posCount = new int[span];
        int[] posLast = new int[span];
        int[] negCount = new int[span];
        int[] negLast = new int[span];
        for (int dir = 1; dir >= -1; dir -= 2) {
            int[] count = dir > 0 ? posCount : negCount;
            int[] last = dir > 0 ? posLast : negLast;
            Arrays.fill(count, -1);
            count[0] = 0;
            for (int dist = 1; dist < span; dist++) {
                for (int i = 0; i < nc; i++) {
                    long t = values[i] * dir; // positive magnitude when the coin has the right sign
                    if (t <= 0 || t > dist) {
                        continue;
                    }
                    int prev = count[(int) (dist - t)];
                    if (prev >= 0 && (count[dist] < 0 || prev + 1 < count[dist])) {
                        count[dist] = prev + 1;
                        last[dist] = i;
                    }
                }
            }
        }
        for (long b0 : new long[] {0, m.min(), m.max()}) {
            boolean ok = true;
            for (long c = m.min(); c <= m.max() && ok; c++) {
                long diff = c - b0;
                ok = (diff >= 0 ? posCount[(int) diff] : negCount[(int) -diff]) >= 0;
            }
            if (ok) {
                return Optional.of(new OutputGadget(on, off, b0, m.min(),
                        new CoinTable(coins, values, posCount, posLast, negCount, negLast), Listed.NONE));
            }
        }
        if (m.arithmetic().wraps()) {
            return findModular(m, on, off);
        }
        return Optional.empty();
    }

    /**
     * WRAP: {@code (+)} is addition in {@code Z/2^n}, so the order of terms is irrelevant and the
     * off-terms of all points add a constant that the output bias cancels. A value {@code c} needs
     * weights with {@code sum_j (w_j (*) on - w_j (*) off) = c (mod 2^n)}; breadth-first search over
     * residues.
     */
    private static Optional<OutputGadget> findModular(Machine m, long on, long off) {
        int size = (int) m.size();
        long[] diffs = new long[size];
        long[] ws = new long[size];
        int nd = 0;
        for (long w = m.min(); w <= m.max(); w++) {
            long d = m.arithmetic().subtract(m.mul(w, on), m.mul(w, off));
            if (d != 0) {
                ws[nd] = w;
                diffs[nd++] = d;
            }
        }
        long[][] lists = new long[size][];
        int zero = (int) -m.min();
        lists[zero] = new long[0];
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
        queue.add(zero);
        while (!queue.isEmpty()) {
            int r = queue.poll();
            for (int i = 0; i < nd; i++) {
                int nr = (int) (m.add(m.min() + r, diffs[i]) - m.min());
                if (lists[nr] == null) {
                    long[] l = Arrays.copyOf(lists[r], lists[r].length + 1);
                    l[l.length - 1] = ws[i];
                    lists[nr] = l;
                    queue.add(nr);
                }
            }
        }
        for (long[] l : lists) {
            if (l == null) {
                return Optional.empty();
            }
        }
        return Optional.of(new OutputGadget(on, off, 0, m.min(), CoinTable.NONE, new Listed(lists, true, 0)));
    }

    /**
     * Whether this is the WRAP form: the output bias is then {@code -(sum of all off-terms of the
     * network) mod 2^n} (it depends on {@code f}), and {@link #weightsFor} gives weights whose
     * on-minus-off differences add up to {@code c} modulo {@code 2^n}.
     */
    public boolean isModular() {
        return modular;
    }

    /**
     * WIDE: the output neuron rounds the exact sum once. With {@code off = 0} a value {@code c} needs
     * weights with {@code rho(sum_j w_j on) = c}. With {@code off != 0} (an activation without a zero)
     * the point's copies are <i>compensated</i>: the network also lists constant neurons
     * {@code tau(z) = off} with weights adding up to {@code -sum_j w_j}, so the exact sum gains
     * {@code sum_j w_j (on - off)} at the point and exactly 0 elsewhere (docs/THEORY.md §3 (iv'')).
     */
    private static Optional<OutputGadget> findWide(Machine m, long on, long off) {
        if (on == off || m.size() > DP_LIMIT) {
            return Optional.empty();
        }
        long offBias = 0;
        if (off != 0) {
            OptionalLong z = m.tauPreimage(off);
            if (z.isEmpty()) {
                return Optional.empty();
            }
            offBias = z.getAsLong();
        }
        int size = (int) m.size();
        Arithmetic ar = m.arithmetic();
        BigDecimal unit = ar.value(1); // code 1: the smallest positive value
        long span = ar.value(m.max()).subtract(ar.value(m.min())).add(unit.multiply(BigDecimal.valueOf(2)))
                .divide(ar.value(on).subtract(ar.value(off)).abs().multiply(unit), 0, RoundingMode.FLOOR).longValue() + 2;
        long[][] wide = new long[size][];
        if (span > 1 << 22) {
            return Optional.empty();
        }
        for (long a = 0; a <= span; a++) {
            for (long W : new long[] {a, -a}) {
                // W in code units, split into weights of F; their fused sum with the level on
                int k = (int) Math.max(1, (Math.abs(W) + m.max() - 1) / m.max());
                long[] ws = new long[W == 0 ? 0 : k];
                long rest = W;
                for (int j = 0; j < ws.length; j++) {
                    long part = Math.max(-m.max(), Math.min(m.max(), rest));
                    ws[j] = part;
                    rest -= part;
                }
                int idx = (int) (compensated(m, 0, ws, on, off) - m.min());
                if (wide[idx] == null) {
                    wide[idx] = ws;
                }
            }
        }
        for (long[] w : wide) {
            if (w == null) {
                return Optional.empty();
            }
        }
        return Optional.of(new OutputGadget(on, off, 0, m.min(), CoinTable.NONE, new Listed(wide, false, offBias)));
    }

    /**
     * The WIDE output accumulator from {@code bias} over the weights {@code ws} on the level {@code y},
     * plus, when {@code off != 0}, the compensating terms {@code -ws} on the constant {@code off}:
     * {@code rho(bias + sum_j w_j y - sum_j w_j off)} then overflow, one fused sum.
     */
    private static long compensated(Machine m, long bias, long[] ws, long y, long off) {
        int k = ws.length;
        long[] w2 = Arrays.copyOf(ws, off == 0 ? k : 2 * k);
        long[] in = new long[w2.length];
        Arrays.fill(in, 0, k, y);
        for (int j = k; j < w2.length; j++) {
            w2[j] = -ws[j - k];
            in[j] = off;
        }
        return m.accumulate(bias, w2, in, w2.length);
    }

    /**
     * Whether this is the compensated WIDE form ({@code off != 0}): the network lists, besides the
     * point copies, bias-only neurons {@code tau(}{@link #offBias()}{@code ) = off} whose weights add up to
     * minus the sum of all point weights.
     */
    public boolean isCompensated() {
        return !modular && wide != null && off != 0;
    }

    /** The code {@code z} with {@code tau(z) = off} of the compensating constants (0 unless {@link #isCompensated()}). */
    public long offBias() {
        return offBias;
    }

    public long on() {
        return on;
    }

    public long off() {
        return off;
    }

    /** The output neuron's bias {@code b0}; points with {@code f(v) = b0} need no terms. */
    public long bias() {
        return bias;
    }

    /** The weights placing code {@code c}, starting from the bias (empty for {@code c = bias}). */
    public long[] weightsFor(long c) {
        int idx = (int) (c - min);
        if (wide != null) {
            return wide[idx].clone();
        }
        long diff = c - bias;
        int dir = diff >= 0 ? 1 : -1;
        int[] count = dir > 0 ? posCount : negCount;
        int[] last = dir > 0 ? posLast : negLast;
        int dist = (int) Math.abs(diff);
        long[] out = new long[count[dist]];
        for (int j = out.length - 1; j >= 0; j--) {
            int i = last[dist];
            out[j] = coins[i];
            dist -= (int) (coinValue[i] * dir);
        }
        return out;
    }

    /** The largest number of indicator copies any value needs. */
    public int maxTerms() {
        int mx = 0;
        if (wide != null) {
            for (long[] w : wide) {
                mx = Math.max(mx, w.length);
            }
            return mx;
        }
        for (long c = min; c < min + posCount.length; c++) {
            long diff = c - bias;
            mx = Math.max(mx, diff >= 0 ? posCount[(int) diff] : negCount[(int) -diff]);
        }
        return mx;
    }

    /** Checks every decomposition with the machine's own operations; returns a failing code or empty. */
    public java.util.OptionalLong verify(Machine m) {
        for (long c = m.min(); c <= m.max(); c++) {
            long[] w = weightsFor(c);
            long[] ons = new long[w.length];
            long[] offs = new long[w.length];
            Arrays.fill(ons, on);
            Arrays.fill(offs, off);
            if (modular) {
                long a = m.accumulate(0, w, ons, w.length);
                long z = m.accumulate(0, w, offs, w.length);
                if (!m.arithmetic().wraps() || m.arithmetic().subtract(a, z) != c) {
                    return java.util.OptionalLong.of(c);
                }
                continue;
            }
            if (isCompensated()) {
                if (m.tau(offBias) != off || compensated(m, bias, w, on, off) != c || compensated(m, bias, w, off, off) != bias
                        || m.accumulation() != Accumulation.WIDE) {
                    return java.util.OptionalLong.of(c);
                }
                continue;
            }
            if (m.accumulate(bias, w, ons, w.length) != c || m.accumulate(bias, w, offs, w.length) != bias) {
                return java.util.OptionalLong.of(c);
            }
            if (m.accumulation() == Accumulation.PER_OP) {
                for (long wj : w) {
                    if (m.mul(wj, off) != 0) {
                        return java.util.OptionalLong.of(c);
                    }
                }
            } else if (off != 0) {
                return java.util.OptionalLong.of(c);
            }
        }
        return java.util.OptionalLong.empty();
    }

    /** The gadget with values of {@code f} in place of codes. */
    public String describe(dev.fxnet.arith.Arithmetic f) {
        return "output: " + (modular ? "WRAP, bias = -(sum of all off-terms) mod 2^n" : "bias " + f.decimal(bias))
                + ", value c placed by <= " + maxTerms() + " copies of the point indicator (on " + f.decimal(on)
                + ", off " + f.decimal(off) + ")" + (isCompensated() ? ", off-terms cancelled by constants tau("
                + f.decimal(offBias) + ") = " + f.decimal(off) + " with the opposite weights (WIDE)" : ", weights w with w*off = 0");
    }

    /** The gadget in codes. */
    @Override
    public String toString() {
        return "output: " + (modular ? "WRAP, bias = -(sum of all off-terms) mod 2^n" : "bias " + bias) + ", value c placed by <= " + maxTerms() + " copies of the point indicator (on " + on
                + ", off " + off + ")" + (isCompensated() ? ", off-terms cancelled by constants tau(" + offBias + ") = " + off
                + " (WIDE)" : ", weights w with w*off = 0");
    }
}

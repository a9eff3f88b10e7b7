package dev.fxnet.theory;

import dev.fxnet.arith.Accumulation;
import java.util.Arrays;
import java.util.Optional;

/**
 * How the output neuron places a value {@code c} at a point: it lists {@code k} copies of that
 * point's indicator (a switch with levels {@code on}/{@code off}), with weights {@code w_1..w_k}
 * such that, starting from the output bias 0, {@code 0 (+) (w_1 (*) on) (+) ... (+) (w_k (*) on) = c}
 * with every partial sum exact (the terms have the sign of {@code c}, so the partial sums move
 * monotonically from 0 to {@code c} and never leave F), and {@code w_j (*) off = 0}, so the copies
 * of every other point's indicator add exactly 0 ({@code a (+) 0 = a}). Under {@code WIDE} the
 * condition is {@code rho(sum_j w_j on) = c} with {@code off = 0}. Immutable.
 */
public final class OutputGadget {
    /** The largest {@code |F|} for which minimal decompositions are computed by dynamic programming. */
    public static final long DP_LIMIT = 1L << 13;

    private final long on;
    private final long off;
    private final long min;
    private final long[] coins; // usable weights w with w (*) off = 0, w (*) on != 0 (PER_OP)
    private final long[] coinValue;
    private final int[] count; // per target index: number of terms (-1: impossible)
    private final int[] last; // per target index: coin index used last
    private final long[][] wide; // WIDE: per target index the weights, or null

    private OutputGadget(long on, long off, long min, long[] coins, long[] coinValue, int[] count, int[] last,
            long[][] wide) {
        this.on = on;
        this.off = off;
        this.min = min;
        this.coins = coins;
        this.coinValue = coinValue;
        this.count = count;
        this.last = last;
        this.wide = wide;
    }

    /**
     * Finds decompositions of every code for the levels {@code (on, off)}; empty if some code has
     * none (or the format is too large to decide that).
     */
    public static Optional<OutputGadget> find(CodeMachine m, long on, long off) {
        int size = (int) m.size();
        if (m.accumulation() == Accumulation.WIDE) {
            return findWide(m, on, off);
        }
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
        if (m.size() > DP_LIMIT) {
            return Optional.empty();
        }
        int[] count = new int[size];
        int[] last = new int[size];
        Arrays.fill(count, -1);
        int zero = (int) -m.min();
        count[zero] = 0;
        for (int dir = 1; dir >= -1; dir -= 2) {
            for (long c = dir; dir > 0 ? c <= m.max() : c >= m.min(); c += dir) {
                int best = -1;
                int arg = -1;
                for (int i = 0; i < nc; i++) {
                    long t = values[i];
                    if (Long.signum(t) != dir || Math.abs(t) > Math.abs(c)) {
                        continue;
                    }
                    int prev = count[(int) (c - t - m.min())];
                    if (prev >= 0 && (best < 0 || prev + 1 < best)) {
                        best = prev + 1;
                        arg = i;
                    }
                }
                count[(int) (c - m.min())] = best;
                last[(int) (c - m.min())] = arg;
            }
        }
        for (int c : count) {
            if (c < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(new OutputGadget(on, off, m.min(), coins, values, count, last, null));
    }

    private static Optional<OutputGadget> findWide(CodeMachine m, long on, long off) {
        if (off != 0 || on == 0 || m.size() > DP_LIMIT) {
            return Optional.empty();
        }
        int size = (int) m.size();
        int q = m.format().fracBits();
        long[][] wide = new long[size][];
        long span = ((m.max() - m.min() + 2) << q) / Math.abs(on) + 2;
        if (span > 1 << 22) {
            return Optional.empty();
        }
        for (long a = 0; a <= span; a++) {
            for (long W : new long[] {a, -a}) {
                long c = m.arithmetic().overflow(m.arithmetic().rounding().roundShift(W * on, q));
                int idx = (int) (c - m.min());
                if (wide[idx] == null) {
                    int k = (int) Math.max(1, (Math.abs(W) + m.max() - 1) / m.max());
                    long[] ws = new long[W == 0 ? 0 : k];
                    long rest = W;
                    for (int j = 0; j < ws.length; j++) {
                        long part = Math.max(-m.max(), Math.min(m.max(), rest));
                        ws[j] = part;
                        rest -= part;
                    }
                    wide[idx] = ws;
                }
            }
        }
        for (long[] w : wide) {
            if (w == null) {
                return Optional.empty();
            }
        }
        return Optional.of(new OutputGadget(on, off, m.min(), new long[0], new long[0], null, null, wide));
    }

    public long on() {
        return on;
    }

    public long off() {
        return off;
    }

    /** The weights placing code {@code c} (empty for {@code c = 0}). */
    public long[] weightsFor(long c) {
        int idx = (int) (c - min);
        if (wide != null) {
            return wide[idx].clone();
        }
        long[] out = new long[count[idx]];
        long cur = c;
        for (int j = out.length - 1; j >= 0; j--) {
            int i = last[(int) (cur - min)];
            out[j] = coins[i];
            cur -= coinValue[i];
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
        for (int c : count) {
            mx = Math.max(mx, c);
        }
        return mx;
    }

    /** Checks every decomposition with the machine's own operations; returns a failing code or empty. */
    public java.util.OptionalLong verify(CodeMachine m) {
        for (long c = m.min(); c <= m.max(); c++) {
            long[] w = weightsFor(c);
            long[] ons = new long[w.length];
            long[] offs = new long[w.length];
            Arrays.fill(ons, on);
            Arrays.fill(offs, off);
            if (m.accumulate(0, w, ons, w.length) != c || m.accumulate(0, w, offs, w.length) != 0) {
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

    @Override
    public String toString() {
        return "output: value c placed by <= " + maxTerms() + " copies of the point indicator (on " + on + ", off " + off
                + "), weights w with w*off = 0";
    }
}

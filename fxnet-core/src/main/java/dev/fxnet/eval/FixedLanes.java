package dev.fxnet.eval;

import java.util.Arrays;

/**
 * The fixed-point lane loops of {@link BlockKernel} and the enclosure of a neuron's sum over a
 * block. Rounding is the branch-free {@link CompiledNetwork#roundShift} form, exact for all nine
 * modes; {@code SATURATE} is a clamp written with shifts and masks ({@link #clamp}, which C2
 * vectorises where it leaves {@code Math.min}/{@code max} scalar), {@code WRAP} (two's complement, {@code n}
 * bits) is {@code ((c - min) & (2^n - 1)) + min}: both exact on every integer the loops form (a
 * product of two codes of at most 16 bits fits an {@code int}; wider formats use {@code long}
 * products). One instance per {@link BlockKernel}; not thread-safe.
 */
final class FixedLanes {
    private final CompiledNetwork c;
    private final int q;
    private final int mn;
    private final int mx;
    private final int mask;
    private final int k0;
    private final int kNeg;
    private final int kOdd;
    private final int fracMask;
    /** The enclosure found by the last successful {@link #enclose}. */
    long encLo;
    long encHi;

    FixedLanes(CompiledNetwork c) {
        this.c = c;
        this.q = c.q;
        this.mn = (int) c.minCode;
        this.mx = (int) c.maxCode;
        this.mask = (int) c.wrapMask;
        this.k0 = (int) c.k0;
        this.kNeg = (int) c.kNeg;
        this.kOdd = (int) c.kOdd;
        this.fracMask = (1 << q) - 1;
    }

    /**
     * PER_OP: the lanes of neuron j of layer l from term k on, the sum so far being {@code a} on
     * every lane; the result is left in {@code b.acc[0..n)}.
     */
    void perOpLanes(BlockKernel b, int l, int j, int k, int a, int n) {
        int[] acc = b.acc;
        Arrays.fill(acc, 0, n, a);
        int[] sr = c.src[l];
        int[] w = c.weight[l];
        int to = c.start[l][j + 1];
        for (; k < to; k++) {
            int s = sr[k];
            int off = b.slot(l - 1, s);
            if (off < 0) {
                int v = b.value(l - 1, s);
                if (v != 0) {
                    addConstant(acc, n, (int) c.multiply(w[k], v));
                }
            } else {
                // lanes outside [nzFrom, nzTo) of the source are 0 and add nothing (SPEC §4)
                int[] y = b.row(l - 1, off);
                int lo = b.nzFrom(l - 1, s);
                int hi = b.nzTo(l - 1, s);
                if (c.intProducts && !c.wrap && (w[k] & fracMask) == 0) {
                    integerMulAddSaturate(acc, lo, hi, w[k] >> q, y);
                } else if (c.intProducts && !c.wrap) {
                    mulAddSaturate(acc, lo, hi, w[k], y);
                } else if (c.intProducts) {
                    mulAddWrap(acc, lo, hi, w[k], y);
                } else {
                    mulAddLong(acc, lo, hi, w[k], y);
                }
            }
        }
    }

    private void addConstant(int[] acc, int n, int t) {
        if (c.wrap) {
            for (int i = 0; i < n; i++) {
                acc[i] = ((acc[i] + t - mn) & mask) + mn;
            }
        } else {
            for (int i = 0; i < n; i++) {
                acc[i] = clamp(acc[i] + t, mn, mx);
            }
        }
    }

    /**
     * {@code min(max(a, mn), mx)} without {@code Math.min}/{@code max} (which this JVM does not
     * vectorise): {@code min(a, mx) = a - max(a - mx, 0)}, {@code max(x, 0) = x & ~(x >> 31)}; exact
     * for {@code |a|, |mn|, |mx| < 2^30} (no int overflow).
     */
    private static int clamp(int a, int mn, int mx) {
        int u = a - mx;
        a -= u & ~(u >> 31);
        int v = mn - a;
        return a + (v & ~(v >> 31));
    }

    /** {@code acc (+) (w (*) y)} per lane, SATURATE, products in int (at most 16-bit codes). */
    private void mulAddSaturate(int[] acc, int from, int n, int w, int[] y) {
        final int q = this.q;
        final int k0 = this.k0;
        final int kNeg = this.kNeg;
        final int kOdd = this.kOdd;
        final int mn = this.mn;
        final int mx = this.mx;
        for (int i = from; i < n; i++) {
            int t = w * y[i];
            t = (t + k0 + (kNeg & (t >> 31)) + (kOdd & (t >> q))) >> q;
            t = clamp(t, mn, mx);
            acc[i] = clamp(acc[i] + t, mn, mx);
        }
    }

    /**
     * {@code acc (+) (w (*) y)} per lane, SATURATE, for a weight {@code w = wi 2^q} of integer value
     * {@code wi}: the product {@code w y 2^-q = wi y} is an integer, so rounding is the identity
     * (every mode maps integers to themselves) and only the overflow map remains.
     */
    private void integerMulAddSaturate(int[] acc, int from, int n, int wi, int[] y) {
        final int mn = this.mn;
        final int mx = this.mx;
        if (wi == 1) { // y is a code: no overflow of the product
            for (int i = from; i < n; i++) {
                int a = acc[i] + y[i];
                int u = a - mx;
                a -= u & ~(u >> 31);
                int v = mn - a;
                acc[i] = a + (v & ~(v >> 31));
            }
            return;
        }
        if (wi == -1) { // -y exceeds the range only for y = min in two's complement
            for (int i = from; i < n; i++) {
                int t = -y[i];
                int z = t - mx;
                t -= z & ~(z >> 31);
                int a = acc[i] + t;
                int u = a - mx;
                a -= u & ~(u >> 31);
                int v = mn - a;
                acc[i] = a + (v & ~(v >> 31));
            }
            return;
        }
        for (int i = from; i < n; i++) {
            int t = clamp(wi * y[i], mn, mx);
            acc[i] = clamp(acc[i] + t, mn, mx);
        }
    }

    /** {@code acc (+) (w (*) y)} per lane, WRAP, products in int (at most 16-bit codes). */
    private void mulAddWrap(int[] acc, int from, int n, int w, int[] y) {
        final int q = this.q;
        final int k0 = this.k0;
        final int kNeg = this.kNeg;
        final int kOdd = this.kOdd;
        final int mn = this.mn;
        final int mask = this.mask;
        for (int i = from; i < n; i++) {
            int t = w * y[i];
            t = (t + k0 + (kNeg & (t >> 31)) + (kOdd & (t >> q))) >> q;
            t = ((t - mn) & mask) + mn;
            acc[i] = ((acc[i] + t - mn) & mask) + mn;
        }
    }

    /** {@code acc (+) (w (*) y)} per lane, products in long (formats of more than 16 bits). */
    private void mulAddLong(int[] acc, int from, int n, int w, int[] y) {
        for (int i = from; i < n; i++) {
            long t = c.multiply(w, y[i]);
            acc[i] = (int) c.overflow(acc[i] + t);
        }
    }

    /**
     * WIDE: the exact sums of neuron j of layer l from term k on, {@code a} (in units of
     * {@code 2^-2q}) on every lane so far, then rounded and mapped into range; the codes are left in
     * {@code b.acc[0..n)}. The caller checked that the sum fits a long.
     */
    void wideLanes(BlockKernel b, int l, int j, int k, long a, int n) {
        long[] s = b.accLong;
        Arrays.fill(s, 0, n, a);
        int[] sr = c.src[l];
        int[] w = c.weight[l];
        int to = c.start[l][j + 1];
        long uniform = 0;
        for (; k < to; k++) {
            int src = sr[k];
            int off = b.slot(l - 1, src);
            if (off < 0) {
                uniform += (long) w[k] * b.value(l - 1, src);
            } else {
                long wk = w[k];
                int[] y = b.row(l - 1, off);
                for (int i = b.nzFrom(l - 1, src), hi = b.nzTo(l - 1, src); i < hi; i++) {
                    s[i] += wk * y[i];
                }
            }
        }
        int[] acc = b.acc;
        for (int i = 0; i < n; i++) {
            acc[i] = (int) c.overflow(c.roundShift(s[i] + uniform));
        }
    }

    /**
     * Encloses the sum of neuron j of layer l over the block: the sum so far is {@code a} on every
     * lane (a code under PER_OP, an exact sum under WIDE); terms from k on. On success sets
     * {@link #encLo}, {@link #encHi} (codes, overflow applied) and returns true; false when no
     * enclosure is known (a WRAP step that may leave the range).
     */
    boolean enclose(BlockKernel b, int l, int j, int k, long a) {
        int[] sr = c.src[l];
        int[] w = c.weight[l];
        int to = c.start[l][j + 1];
        long alo = a;
        long ahi = a;
        for (; k < to; k++) {
            int s = sr[k];
            long ylo = b.lo(l - 1, s);
            long yhi = b.hi(l - 1, s);
            if (ylo == 0 && yhi == 0) {
                continue;
            }
            long wk = w[k];
            long plo = wk >= 0 ? wk * ylo : wk * yhi;
            long phi = wk >= 0 ? wk * yhi : wk * ylo;
            if (!c.perOp) {
                alo += plo;
                ahi += phi;
                continue;
            }
            plo = c.roundShift(plo);
            phi = c.roundShift(phi);
            if (c.wrap) {
                if (ylo == yhi) {
                    plo = c.overflow(plo);
                    phi = plo;
                }
                alo += plo;
                ahi += phi;
                if (plo < mn || phi > mx || alo < mn || ahi > mx) {
                    return false;
                }
            } else {
                alo = c.overflow(alo + c.overflow(plo));
                ahi = c.overflow(ahi + c.overflow(phi));
            }
        }
        if (!c.perOp) {
            alo = c.roundShift(alo);
            ahi = c.roundShift(ahi);
            if (c.wrap && (alo < mn || ahi > mx)) {
                return false;
            }
            alo = c.overflow(alo);
            ahi = c.overflow(ahi);
        }
        encLo = alo;
        encHi = ahi;
        return true;
    }
}

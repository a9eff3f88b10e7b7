package dev.fxnet.eval;

import java.util.Arrays;

/**
 * Evaluates a {@link CompiledNetwork} on a <em>block</em>: up to {@link #MAX_LANES} consecutive
 * points of {@code F^d} that differ in the last coordinate only (one lane per point), one layer at a
 * time, each neuron's codes for all lanes in an {@code int} array (structure of arrays). Working
 * memory of one thread: not thread-safe, reused block after block with no allocation once it has
 * grown.
 *
 * <p>Every shortcut is exact (docs/KERNEL.md):
 * <ul>
 *   <li><b>uniform neurons</b>: a neuron whose code is the same on every lane is held as one scalar;
 *       a neuron all of whose sources are uniform is computed once (the first {@code d - 1} inputs are
 *       uniform on a block);</li>
 *   <li><b>zero sources</b>: a source that is 0 on the whole block is skipped (SPEC §4:
 *       {@code acc (+) (w (*) 0) = acc}, WIDE gains 0; in floating point as well, weights being
 *       finite);</li>
 *   <li><b>constant by enclosure</b> (fixed point): every step of a neuron, {@code w (*) y},
 *       {@code acc (+) t}, WIDE's rounding and {@code SATURATE}, is monotone in its argument, so the
 *       lanes' minimum and maximum of each source give an enclosure of the neuron's sum; if
 *       {@code tau} is constant on it, the neuron is uniform. Under {@code WRAP} the enclosure is
 *       used only while no step leaves the code range (where wrapping is the identity).</li>
 *   <li><b>unchanged neurons</b>: a block of the same shape as the previous block evaluated by this
 *       instance (same lanes of the last coordinate, as the rows of {@code F^d} for {@code d >= 2}
 *       are; any earlier block, not only the adjacent row) starts from that block's codes; a neuron
 *       is recomputed only if one of its sources changed (a neuron is a function of its sources'
 *       codes), the walk of {@link GridEvaluator} at the level of blocks.</li>
 * </ul>
 */
final class BlockKernel {
    /** The most points in one block. */
    static final int MAX_LANES = 512;

    private final CompiledNetwork net;
    private final FixedLanes fixedLanes;
    /** slot[l][j]: -1 if neuron j of layer l is uniform on the block, else its row in lanes[l]. */
    private final int[][] slot;
    private final int[][] value;
    private final int[][] lo;
    private final int[][] hi;
    /** For a neuron held in lanes: its codes are 0 outside lanes nzFrom..nzTo-1. */
    private final int[][] nzFrom;
    private final int[][] nzTo;
    private final int[][][] lanes;
    /** Per layer: lane slots handed out (bump) and slots given back (a stack). */
    private final int[] bump;
    private final int[][] freed;
    private final int[] freedCount;
    private final boolean[][] dirty;
    private final int[][] dirtyList;
    private final int[] dirtyCount;
    /** Whether the block being evaluated recomputes everything (first block, or another shape). */
    private boolean full = true;
    private long lastC0;
    final int[] acc = new int[MAX_LANES];
    final long[] accLong = new long[MAX_LANES];
    private final long[] wv;
    private final long[] yv;
    private int n;

    BlockKernel(CompiledNetwork net) {
        this.net = net;
        int l1 = net.layers + 1;
        slot = new int[l1][];
        value = new int[l1][];
        lo = new int[l1][];
        hi = new int[l1][];
        nzFrom = new int[l1][];
        nzTo = new int[l1][];
        lanes = new int[l1][][];
        bump = new int[l1];
        freed = new int[l1][];
        freedCount = new int[l1];
        dirty = new boolean[l1][];
        dirtyList = new int[l1][];
        dirtyCount = new int[l1];
        int maxFan = 1;
        for (int l = 0; l < l1; l++) {
            slot[l] = new int[net.width[l]];
            value[l] = new int[net.width[l]];
            lo[l] = new int[net.width[l]];
            hi[l] = new int[net.width[l]];
            nzFrom[l] = new int[net.width[l]];
            nzTo[l] = new int[net.width[l]];
            lanes[l] = new int[Math.min(net.width[l], 4)][];
            freed[l] = new int[Math.min(net.width[l], 4)];
            dirty[l] = new boolean[net.width[l]];
            dirtyList[l] = new int[net.width[l]];
            if (l > 0) {
                for (int j = 0; j < net.width[l]; j++) {
                    maxFan = Math.max(maxFan, net.start[l][j + 1] - net.start[l][j]);
                }
            }
        }
        wv = new long[maxFan];
        yv = new long[maxFan];
        fixedLanes = net.fixed != null ? new FixedLanes(net) : null;
    }

    /**
     * Evaluates the block whose first point is {@code x} (codes, length {@code d}) and whose lanes
     * add {@code 0..count-1} to the last coordinate; writes output {@code o} of lane {@code i} to
     * {@code out[i * outputs + o]}.
     */
    void evaluate(long[] x, int count, int[] out) {
        int d = net.inputs;
        full = full || count != n || x[d - 1] != lastC0;
        this.n = count;
        this.lastC0 = x[d - 1];
        if (full) {
            Arrays.fill(bump, 0);
            Arrays.fill(freedCount, 0);
            Arrays.fill(dirtyCount, 0);
            for (boolean[] f : dirty) {
                Arrays.fill(f, false);
            }
            setInputs(x, count);
        } else {
            for (int j = 0; j < d - 1; j++) {
                commitUniform(0, j, (int) x[j]);
            }
        }
        for (int l = 1; l <= net.layers; l++) {
            int m = full ? net.width[l] : dirtyCount[l];
            for (int t = 0; t < m; t++) {
                int j = full ? t : dirtyList[l][t];
                dirty[l][j] = false;
                if (net.fixed != null) {
                    fixedNeuron(l, j);
                } else {
                    genericNeuron(l, j);
                }
            }
            dirtyCount[l] = 0;
        }
        full = false;
        int outs = net.outputNeuron.length;
        int last = net.layers;
        for (int o = 0; o < outs; o++) {
            int j = net.outputNeuron[o];
            int s = slot[last][j];
            for (int i = 0; i < count; i++) {
                out[i * outs + o] = s < 0 ? value[last][j] : lanes[last][s][i];
            }
        }
    }

    private void setInputs(long[] x, int count) {
        int d = net.inputs;
        for (int j = 0; j < d - 1; j++) {
            commitUniform(0, j, (int) x[j]);
        }
        int c0 = (int) x[d - 1];
        if (count == 1) {
            commitUniform(0, d - 1, c0);
            return;
        }
        for (int i = 0; i < count; i++) {
            acc[i] = c0 + i;
        }
        slot[0][d - 1] = -1;
        commitLanes(0, d - 1, c0, c0 + count - 1);
    }

    /** Neuron j of layer l is {@code v} on every lane; marks its readers if that is a change. */
    private void commitUniform(int l, int j, int v) {
        int s = slot[l][j];
        if (!full && s < 0 && value[l][j] == v) {
            return;
        }
        if (!full && s >= 0) {
            freed[l] = push(freed[l], freedCount[l]++, s);
        }
        slot[l][j] = -1;
        value[l][j] = v;
        lo[l][j] = v;
        hi[l][j] = v;
        changed(l, j);
    }

    /** Neuron j of layer l has the codes {@code acc[0..n)}, not all equal, between mn and mx. */
    private void commitLanes(int l, int j, int mn, int mx) {
        int s = slot[l][j];
        if (full || s < 0) {
            s = reserve(l);
            slot[l][j] = s;
        } else if (Arrays.equals(acc, 0, n, lanes[l][s], 0, n)) {
            return;
        }
        System.arraycopy(acc, 0, lanes[l][s], 0, n);
        lo[l][j] = mn;
        hi[l][j] = mx;
        int f = 0;
        while (acc[f] == 0) {
            f++; // some lane is nonzero: the lanes are not all equal
        }
        int t = n;
        while (acc[t - 1] == 0) {
            t--;
        }
        nzFrom[l][j] = f;
        nzTo[l][j] = t;
        changed(l, j);
    }

    private static int[] push(int[] stack, int at, int v) {
        int[] st = at < stack.length ? stack : Arrays.copyOf(stack, 2 * stack.length + 1);
        st[at] = v;
        return st;
    }

    /** Marks the readers of neuron j of layer l as to be recomputed (nothing to do on a full block). */
    private void changed(int l, int j) {
        if (full || l == net.layers) {
            return;
        }
        int[] rs = net.readers[l + 1];
        boolean[] dl = dirty[l + 1];
        for (int t = net.readStart[l + 1][j]; t < net.readStart[l + 1][j + 1]; t++) {
            int r = rs[t];
            if (!dl[r]) {
                dl[r] = true;
                dirtyList[l + 1][dirtyCount[l + 1]++] = r;
            }
        }
    }

    /** A free lane slot of layer l. */
    private int reserve(int l) {
        if (freedCount[l] > 0) {
            return freed[l][--freedCount[l]];
        }
        int off = bump[l];
        if (off == lanes[l].length) {
            lanes[l] = Arrays.copyOf(lanes[l], 2 * off + 1);
        }
        if (lanes[l][off] == null) {
            lanes[l][off] = new int[MAX_LANES];
        }
        bump[l] = off + 1;
        return off;
    }

    /**
     * Commits {@code acc[0..n)} (sums, or codes of the last layer) as neuron j of layer l after
     * {@code tau}; uniform if all lanes agree.
     */
    private void storeLanes(int l, int j, boolean activate) {
        int[] a = acc;
        if (activate) {
            int[] t = net.tauTable;
            if (t != null && net.fixed != null) {
                int m = (int) net.minCode;
                for (int i = 0; i < n; i++) {
                    a[i] = t[a[i] - m];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    a[i] = net.tau(a[i]);
                }
            }
        }
        int mn = a[0];
        int mx = a[0];
        for (int i = 1; i < n; i++) {
            mn = Math.min(mn, a[i]);
            mx = Math.max(mx, a[i]);
        }
        if (mn == mx) {
            commitUniform(l, j, mn);
        } else {
            commitLanes(l, j, mn, mx);
        }
    }

    /** A neuron in fixed point: scalar prefix of uniform sources, then enclosure, then lanes. */
    private void fixedNeuron(int l, int j) {
        CompiledNetwork c = net;
        int from = c.start[l][j];
        int to = c.start[l][j + 1];
        int[] sr = c.src[l];
        int[] w = c.weight[l];
        int[] ps = slot[l - 1];
        int[] pv = value[l - 1];
        boolean activate = l < c.layers;
        if (!c.perOp && !c.wideInLong[l][j]) {
            genericNeuron(l, j);
            return;
        }
        long a = c.perOp ? c.bias[l][j] : (long) c.bias[l][j] << c.q;
        int k = from;
        for (; k < to && ps[sr[k]] < 0; k++) {
            int v = pv[sr[k]];
            if (v != 0) {
                a = c.perOp ? c.overflow(a + c.multiply(w[k], v)) : a + (long) w[k] * v;
            }
        }
        if (k == to) {
            long z = c.perOp ? a : c.overflow(c.roundShift(a));
            commitUniform(l, j, activate ? c.tau(z) : (int) z);
            return;
        }
        FixedLanes f = fixedLanes;
        if (f.enclose(this, l, j, k, a) && (activate ? c.tauConstant(f.encLo, f.encHi) : f.encLo == f.encHi)) {
            commitUniform(l, j, activate ? c.tau(f.encLo) : (int) f.encLo);
            return;
        }
        if (c.perOp) {
            fixedLanes.perOpLanes(this, l, j, k, (int) a, n);
        } else {
            fixedLanes.wideLanes(this, l, j, k, a, n);
        }
        storeLanes(l, j, activate);
    }

    /** A neuron in any arithmetic through its own operations, zero sources skipped. */
    private void genericNeuron(int l, int j) {
        CompiledNetwork c = net;
        int from = c.start[l][j];
        int to = c.start[l][j + 1];
        int[] sr = c.src[l];
        int[] ps = slot[l - 1];
        boolean allUniform = true;
        for (int k = from; k < to && allUniform; k++) {
            allUniform = ps[sr[k]] < 0 || lo[l - 1][sr[k]] == hi[l - 1][sr[k]];
        }
        boolean activate = l < c.layers;
        int count = allUniform ? 1 : n;
        for (int i = 0; i < count; i++) {
            long z = genericSum(l, j, i);
            acc[i] = activate ? c.tau(z) : (int) z;
        }
        if (allUniform) {
            commitUniform(l, j, acc[0]);
        } else {
            storeLanes(l, j, false);
        }
    }

    /** SPEC §4 sum of neuron j of layer l on lane i, through the arithmetic's own operations. */
    private long genericSum(int l, int j, int i) {
        CompiledNetwork c = net;
        int[] sr = c.src[l];
        int[] w = c.weight[l];
        long a = c.bias[l][j];
        int cnt = 0;
        for (int k = c.start[l][j]; k < c.start[l][j + 1]; k++) {
            long y = code(l - 1, sr[k], i);
            if (y == 0) {
                continue;
            }
            if (c.perOp) {
                a = c.ar.add(a, c.ar.multiply(w[k], y));
            } else {
                wv[cnt] = w[k];
                yv[cnt++] = y;
            }
        }
        return c.perOp ? a : c.ar.fusedSum(a, wv, yv, cnt);
    }

    /** The code of neuron j of layer l on lane i. */
    int code(int l, int j, int i) {
        int s = slot[l][j];
        return s < 0 ? value[l][j] : lanes[l][s][i];
    }

    int slot(int l, int j) {
        return slot[l][j];
    }

    int value(int l, int j) {
        return value[l][j];
    }

    int lo(int l, int j) {
        return lo[l][j];
    }

    int nzFrom(int l, int j) {
        return nzFrom[l][j];
    }

    int nzTo(int l, int j) {
        return nzTo[l][j];
    }

    int hi(int l, int j) {
        return hi[l][j];
    }

    /** The lanes of row {@code s} of layer l (a neuron's {@link #slot}), lane i at index i. */
    int[] row(int l, int s) {
        return lanes[l][s];
    }
}

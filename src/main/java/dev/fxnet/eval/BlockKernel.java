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
 * </ul>
 */
final class BlockKernel {
    /** The most points in one block. */
    static final int MAX_LANES = 512;

    private final CompiledNetwork net;
    private final FixedLanes fixedLanes;
    /** slot[l][j]: -1 if neuron j of layer l is uniform on the block, else its offset into lanes[l]. */
    private final int[][] slot;
    private final int[][] value;
    private final int[][] lo;
    private final int[][] hi;
    private final int[][] lanes;
    private final int[] used;
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
        lanes = new int[l1][];
        used = new int[l1];
        int maxFan = 1;
        for (int l = 0; l < l1; l++) {
            slot[l] = new int[net.width[l]];
            value[l] = new int[net.width[l]];
            lo[l] = new int[net.width[l]];
            hi[l] = new int[net.width[l]];
            lanes[l] = new int[MAX_LANES * Math.min(net.width[l], 4)];
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
        this.n = count;
        int d = net.inputs;
        Arrays.fill(used, 0);
        for (int j = 0; j < d - 1; j++) {
            setUniform(0, j, (int) x[j]);
        }
        if (count == 1) {
            setUniform(0, d - 1, (int) x[d - 1]);
        } else {
            int off = reserve(0, d - 1);
            int c0 = (int) x[d - 1];
            for (int i = 0; i < count; i++) {
                lanes[0][off + i] = c0 + i;
            }
            lo[0][d - 1] = c0;
            hi[0][d - 1] = c0 + count - 1;
        }
        for (int l = 1; l <= net.layers; l++) {
            for (int j = 0; j < net.width[l]; j++) {
                if (net.fixed != null) {
                    fixedNeuron(l, j);
                } else {
                    genericNeuron(l, j);
                }
            }
        }
        int outs = net.outputNeuron.length;
        int last = net.layers;
        for (int o = 0; o < outs; o++) {
            int j = net.outputNeuron[o];
            int s = slot[last][j];
            for (int i = 0; i < count; i++) {
                out[i * outs + o] = s < 0 ? value[last][j] : lanes[last][s + i];
            }
        }
    }

    private void setUniform(int l, int j, int v) {
        slot[l][j] = -1;
        value[l][j] = v;
        lo[l][j] = v;
        hi[l][j] = v;
    }

    /** Gives neuron j of layer l a lane slot and returns its offset. */
    private int reserve(int l, int j) {
        int off = used[l];
        if (off + MAX_LANES > lanes[l].length) {
            lanes[l] = Arrays.copyOf(lanes[l], Math.max(lanes[l].length * 2, off + MAX_LANES));
        }
        used[l] = off + MAX_LANES;
        slot[l][j] = off;
        return off;
    }

    /**
     * Stores {@code acc[0..n)} (sums, or codes of the last layer) as neuron j of layer l after
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
            setUniform(l, j, mn);
            return;
        }
        int off = reserve(l, j);
        System.arraycopy(a, 0, lanes[l], off, n);
        lo[l][j] = mn;
        hi[l][j] = mx;
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
            setUniform(l, j, activate ? c.tau(z) : (int) z);
            return;
        }
        FixedLanes f = fixedLanes;
        if (f.enclose(this, l, j, k, a) && (activate ? c.tauConstant(f.encLo, f.encHi) : f.encLo == f.encHi)) {
            setUniform(l, j, activate ? c.tau(f.encLo) : (int) f.encLo);
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
            setUniform(l, j, acc[0]);
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
        return s < 0 ? value[l][j] : lanes[l][s + i];
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

    int hi(int l, int j) {
        return hi[l][j];
    }

    int[] lanes(int l) {
        return lanes[l];
    }
}

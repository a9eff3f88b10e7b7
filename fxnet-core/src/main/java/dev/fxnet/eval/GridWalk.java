package dev.fxnet.eval;

import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Arithmetic;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.util.BitSet;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;

/**
 * The grid walk behind {@link GridEvaluator} for networks the {@link EvaluationKernel} does not take
 * (and the kernel's independent predecessor, which tests compare it with): evaluates a network on
 * every point of {@code F^d} exactly, walking the grid in {@link InputSpace} order and recomputing
 * only what changed between neighbouring points.
 *
 * <p>It relies on two facts of SPEC §4, true of every network: a neuron whose sources did not
 * change does not change; and a source whose value is 0 contributes nothing ({@code PER_OP}:
 * {@code acc (+) (w (*) 0) = acc}; {@code WIDE}: the exact sum gains 0; both hold in floating
 * point too, where weights are finite, so {@code w (*) 0 = 0}, and {@code inf + 0}, {@code NaN + 0}
 * are {@code inf}, {@code NaN}), so a neuron is recomputed from its nonzero sources only, in list
 * order. Identical neurons of a layer compute the same value, so only the first of them is computed
 * and the others copy it. Chunks of the grid run in parallel, each starting from a full evaluation.
 * Output 0 only. Its tables are built by the constructor, so it is made only when a walk is run.
 */
final class GridWalk {
    private static final int BITSET_FANIN = 32;

    private final Arithmetic ar;
    private final boolean perOp;
    private final int inputs;
    private final int layers;
    private final int[] width;
    private final long[][] bias;
    private final int[][][] src;
    private final long[][][] w;
    /** fanout[l][s] = pairs (neuron, position) in layer l reading source s of layer l-1, flattened; computed neurons only. */
    private final int[][][] fanout;
    /** copies[l][j]: the later neurons of layer l identical to neuron j (empty for most), or null for a copy. */
    private final int[][][] copies;
    private final long[] tauTable;
    private final long tauMin;
    private final RoundedActivation tau;

    /** Prepares {@code net} for walking its grid. */
    GridWalk(Network net) {
        this.ar = net.arithmetic();
        this.perOp = net.accumulation() == Accumulation.PER_OP;
        this.inputs = net.inputs();
        this.layers = net.layers().size();
        this.width = new int[layers + 1];
        width[0] = inputs;
        bias = new long[layers + 1][];
        src = new int[layers + 1][][];
        w = new long[layers + 1][][];
        fanout = new int[layers + 1][][];
        copies = new int[layers + 1][][];
        for (int l = 1; l <= layers; l++) {
            Layer layer = net.layers().get(l - 1);
            width[l] = layer.width();
            bias[l] = new long[width[l]];
            src[l] = new int[width[l]][];
            w[l] = new long[width[l]][];
            copies[l] = sameNeurons(layer);
            int[] count = new int[width[l - 1]];
            for (int j = 0; j < width[l]; j++) {
                Neuron n = layer.neuron(j);
                bias[l][j] = n.bias();
                src[l][j] = n.sources();
                w[l][j] = n.weights();
                if (copies[l][j] == null) {
                    continue;
                }
                for (int s : src[l][j]) {
                    count[s]++;
                }
            }
            fanout[l] = new int[width[l - 1]][];
            for (int s = 0; s < count.length; s++) {
                fanout[l][s] = new int[2 * count[s]];
            }
            int[] fill = new int[width[l - 1]];
            for (int j = 0; j < width[l]; j++) {
                if (copies[l][j] == null) {
                    continue;
                }
                for (int k = 0; k < src[l][j].length; k++) {
                    int s = src[l][j][k];
                    fanout[l][s][fill[s]++] = j;
                    fanout[l][s][fill[s]++] = k;
                }
            }
        }
        this.tau = RoundedActivation.of(net.activation(), ar);
        if (ar.size() <= (1 << 20)) {
            tauMin = ar.minCode();
            tauTable = new long[(int) ar.size()];
            for (int i = 0; i < tauTable.length; i++) {
                tauTable[i] = tau.tau(tauMin + i);
            }
        } else {
            tauMin = 0;
            tauTable = null;
        }
    }

    /** Per neuron of the layer: the later neurons equal to it, or null if it equals an earlier one. */
    private static int[][] sameNeurons(Layer layer) {
        int n = layer.width();
        int[][] out = new int[n][];
        java.util.Map<Neuron, Integer> first = new java.util.HashMap<>();
        java.util.Map<Integer, java.util.List<Integer>> later = new java.util.HashMap<>();
        for (int j = 0; j < n; j++) {
            Integer f = first.putIfAbsent(layer.neuron(j), j);
            if (f == null) {
                out[j] = new int[0];
            } else {
                later.computeIfAbsent(f, k -> new java.util.ArrayList<>()).add(j); // a copy: out[j] stays null
            }
        }
        later.forEach((f, c) -> out[f] = c.stream().mapToInt(Integer::intValue).toArray());
        return out;
    }

    private long tau(long z) {
        long i = z - tauMin;
        return tauTable != null && i >= 0 && i < tauTable.length ? tauTable[(int) i] : tau.tau(z);
    }

    /** The code of output 0 on every point of {@code F^d}, in {@link InputSpace} order, by walking the grid. */
    int[] walkAll(LongConsumer progress) {
        InputSpace space = InputSpace.of(ar, inputs);
        long n = space.size();
        int[] out = new int[(int) n];
        int chunks = (int) Math.min(n, Math.max(1, 4L * Runtime.getRuntime().availableProcessors()));
        long per = (n + chunks - 1) / chunks;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            long from = c * per;
            long to = Math.min(n, from + per);
            if (from < to) {
                new Walker(space).run(from, to, out, progress);
            }
        });
        return out;
    }

    private final class Walker {
        final InputSpace space;
        final long[][] val = new long[layers + 1][];
        final BitSet[][] nonzero = new BitSet[layers + 1][];
        final boolean[][] dirty = new boolean[layers + 1][];
        final int[][] dirtyList = new int[layers + 1][];
        final int[] dirtyCount = new int[layers + 1];
        final long[] wv;
        final long[] yv;

        Walker(InputSpace space) {
            this.space = space;
            int maxFan = 1;
            for (int l = 0; l <= layers; l++) {
                val[l] = new long[width[l]];
                dirty[l] = new boolean[width[l]];
                dirtyList[l] = new int[width[l]];
                if (l > 0) {
                    nonzero[l] = new BitSet[width[l]];
                    for (int j = 0; j < width[l]; j++) {
                        maxFan = Math.max(maxFan, src[l][j].length);
                        if (copies[l][j] != null && src[l][j].length > BITSET_FANIN) {
                            nonzero[l][j] = new BitSet(src[l][j].length);
                        }
                    }
                }
            }
            wv = new long[maxFan];
            yv = new long[maxFan];
        }

        void run(long from, long to, int[] out, LongConsumer progress) {
            long[] x = new long[inputs];
            space.point(from, x);
            // full evaluation
            System.arraycopy(x, 0, val[0], 0, inputs);
            for (int l = 1; l <= layers; l++) {
                for (int j = 0; j < width[l]; j++) {
                    if (copies[l][j] == null) {
                        continue;
                    }
                    if (nonzero[l][j] != null) {
                        for (int k = 0; k < src[l][j].length; k++) {
                            if (val[l - 1][src[l][j][k]] != 0) {
                                nonzero[l][j].set(k);
                            }
                        }
                    }
                    val[l][j] = compute(l, j);
                    for (int c : copies[l][j]) {
                        val[l][c] = val[l][j];
                    }
                }
            }
            out[(int) from] = (int) val[layers][0];
            long done = 1;
            long[] nx = new long[inputs];
            for (long i = from + 1; i < to; i++) {
                space.point(i, nx);
                dirtyCount[0] = 0;
                for (int j = 0; j < inputs; j++) {
                    if (nx[j] != val[0][j]) {
                        long old = val[0][j];
                        val[0][j] = nx[j];
                        changed(1, j, old, nx[j]);
                    }
                }
                for (int l = 1; l <= layers; l++) {
                    int cnt = dirtyCount[l];
                    dirtyCount[l] = 0;
                    for (int t = 0; t < cnt; t++) {
                        int j = dirtyList[l][t];
                        dirty[l][j] = false;
                        long nv = compute(l, j);
                        long old = val[l][j];
                        if (nv != old) {
                            val[l][j] = nv;
                            for (int c : copies[l][j]) {
                                val[l][c] = nv;
                            }
                            if (l < layers) {
                                changed(l + 1, j, old, nv);
                                for (int c : copies[l][j]) {
                                    changed(l + 1, c, old, nv);
                                }
                            }
                        }
                    }
                }
                out[(int) i] = (int) val[layers][0];
                if (progress != null && ++done == 4096) {
                    progress.accept(done);
                    done = 0;
                }
            }
            if (progress != null && done > 0) {
                progress.accept(done);
            }
        }

        /** Source s of layer l-1 changed from old to nv: mark its readers in layer l. */
        void changed(int l, int s, long old, long nv) {
            int[] f = fanout[l][s];
            boolean flip = (old == 0) != (nv == 0);
            for (int t = 0; t < f.length; t += 2) {
                int j = f[t];
                if (flip && nonzero[l][j] != null) {
                    nonzero[l][j].set(f[t + 1], nv != 0);
                }
                if (!dirty[l][j]) {
                    dirty[l][j] = true;
                    dirtyList[l][dirtyCount[l]++] = j;
                }
            }
        }

        long compute(int l, int j) {
            int[] sj = src[l][j];
            long[] wj = w[l][j];
            long[] y = val[l - 1];
            long acc;
            BitSet nz = nonzero[l][j];
            if (perOp) {
                acc = bias[l][j];
                if (nz != null) {
                    for (int k = nz.nextSetBit(0); k >= 0; k = nz.nextSetBit(k + 1)) {
                        acc = ar.add(acc, ar.multiply(wj[k], y[sj[k]]));
                    }
                } else {
                    for (int k = 0; k < sj.length; k++) {
                        long v = y[sj[k]];
                        if (v != 0) {
                            acc = ar.add(acc, ar.multiply(wj[k], v));
                        }
                    }
                }
            } else {
                int c = 0;
                if (nz != null) {
                    for (int k = nz.nextSetBit(0); k >= 0; k = nz.nextSetBit(k + 1)) {
                        wv[c] = wj[k];
                        yv[c++] = y[sj[k]];
                    }
                } else {
                    for (int k = 0; k < sj.length; k++) {
                        long v = y[sj[k]];
                        if (v != 0) {
                            wv[c] = wj[k];
                            yv[c++] = v;
                        }
                    }
                }
                acc = ar.fusedSum(bias[l][j], wv, yv, c);
            }
            return l == layers ? acc : tau(acc);
        }
    }
}

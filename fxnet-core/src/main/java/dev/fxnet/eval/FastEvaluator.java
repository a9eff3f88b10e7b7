package dev.fxnet.eval;

import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.util.function.LongConsumer;
import java.util.stream.LongStream;

/**
 * A fast evaluator: the network flattened into primitive arrays, the activation read from its
 * cached {@link dev.fxnet.activation.ActivationTable}, no allocation per point. Any arithmetic:
 * fixed point sums {@code WIDE} in a {@code long} when it fits; another arithmetic (floating point,
 * SPEC §8) uses its own {@code add}, {@code multiply} and {@code fusedSum}, and reads {@code tau} of
 * the infinities and NaN a sum can reach under overflow {@code INF}/{@code NAN} from the
 * arithmetic's rule. It computes exactly what
 * {@link ReferenceEvaluator} computes (tests compare them on every input of many networks).
 * {@link #evaluateAll} and {@link #evaluateRange} evaluate ranges of {@code F^d} in parallel through
 * the block {@link EvaluationKernel} (point by point for networks it does not take).
 */
public final class FastEvaluator implements Evaluator {
    private final Arithmetic ar;
    private final FixedPointArithmetic fixed; // null for another arithmetic
    private final RoundedActivation tau;
    private final boolean perOp;
    private final int inputs;
    private final int outputs;
    private final int maxWidth;
    private final int maxFanIn;
    /** Per layer: per neuron start offsets into src/w (length width+1). */
    private final int[][] start;
    private final int[][] src;
    private final long[][] w;
    private final long[][] bias;
    private final Network network;
    /** The block kernel for ranges of points; built on first use (racy but idempotent). */
    private volatile EvaluationKernel kernel;

    public FastEvaluator(Network network) {
        this.network = network;
        this.ar = network.arithmetic();
        this.fixed = ar instanceof FixedPointArithmetic ? (FixedPointArithmetic) ar : null;
        this.tau = RoundedActivation.of(network.activation(), ar);
        this.perOp = network.accumulation() == Accumulation.PER_OP;
        this.inputs = network.inputs();
        this.outputs = network.outputs();
        int nl = network.layers().size();
        start = new int[nl][];
        src = new int[nl][];
        w = new long[nl][];
        bias = new long[nl][];
        int widest = inputs;
        for (int l = 0; l < nl; l++) {
            Layer layer = network.layers().get(l);
            widest = Math.max(widest, layer.width());
            int total = (int) layer.weightCount();
            start[l] = new int[layer.width() + 1];
            src[l] = new int[total];
            w[l] = new long[total];
            bias[l] = new long[layer.width()];
            int k = 0;
            for (int j = 0; j < layer.width(); j++) {
                Neuron n = layer.neuron(j);
                start[l][j] = k;
                bias[l][j] = n.bias();
                for (int i = 0; i < n.fanIn(); i++, k++) {
                    src[l][k] = n.source(i);
                    w[l][k] = n.weight(i);
                }
            }
            start[l][layer.width()] = k;
        }
        this.maxWidth = widest;
        int m = 0;
        for (int l = 0; l < nl; l++) {
            for (int j = 0; j + 1 < start[l].length; j++) {
                m = Math.max(m, start[l][j + 1] - start[l][j]);
            }
        }
        this.maxFanIn = m;
    }

    @Override
    public int inputs() {
        return inputs;
    }

    @Override
    public int outputs() {
        return outputs;
    }

    @Override
    public void evaluate(long[] input, long[] output) {
        evaluate(input, output, new Scratch());
    }

    /** Per-thread working memory for {@link #evaluate(long[], long[], Scratch)}. */
    public final class Scratch {
        final long[] a = new long[maxWidth];
        final long[] b = new long[maxWidth];
        final long[] wv = new long[maxFanIn];
        final long[] yv = new long[maxFanIn];
    }

    /** Creates working memory for one thread. */
    public Scratch scratch() {
        return new Scratch();
    }

    /** Evaluates with caller-provided working memory (no allocation). */
    public void evaluate(long[] input, long[] output, Scratch s) {
        long[] y = s.a;
        long[] next = s.b;
        System.arraycopy(input, 0, y, 0, inputs);
        int last = start.length - 1;
        for (int l = 0; l <= last; l++) {
            int[] st = start[l];
            int[] sr = src[l];
            long[] wl = w[l];
            long[] bl = bias[l];
            int width = bl.length;
            for (int j = 0; j < width; j++) {
                long acc;
                if (perOp && fixed != null) { // the final class, so that the calls inline as before
                    acc = bl[j];
                    for (int k = st[j]; k < st[j + 1]; k++) {
                        acc = fixed.add(acc, fixed.multiply(wl[k], y[sr[k]]));
                    }
                } else if (perOp) {
                    acc = bl[j];
                    for (int k = st[j]; k < st[j + 1]; k++) {
                        acc = ar.add(acc, ar.multiply(wl[k], y[sr[k]]));
                    }
                } else {
                    acc = wideSum(bl[j], st[j], st[j + 1], wl, sr, y, s);
                }
                next[j] = l == last ? acc : tau.tau(acc);
            }
            long[] t = y;
            y = next;
            next = t;
        }
        System.arraycopy(y, 0, output, 0, outputs);
    }

    /**
     * WIDE: in fixed point the exact sum in a long when it fits (the common case), else (and for
     * any other arithmetic) exactly via the arithmetic.
     */
    private long wideSum(long b, int from, int to, long[] wl, int[] sr, long[] y, Scratch s) {
        if (fixed == null) {
            int c = 0;
            for (int i = from; i < to; i++, c++) {
                s.wv[c] = wl[i];
                s.yv[c] = y[sr[i]];
            }
            return ar.fusedSum(b, s.wv, s.yv, c);
        }
        int q = fixed.format().fracBits();
        long acc = b << q;
        for (int k = from; k < to; k++) {
            long t = wl[k] * y[sr[k]];
            long sum = acc + t;
            if (((acc ^ sum) & (t ^ sum)) < 0) {
                int c = 0;
                for (int i = from; i < to; i++, c++) {
                    s.wv[c] = wl[i];
                    s.yv[c] = y[sr[i]];
                }
                return ar.fusedSum(b, s.wv, s.yv, c);
            }
            acc = sum;
        }
        return fixed.roundScaled(acc, q);
    }

    /**
     * Evaluates every point of {@code F^d} (in the order of {@link InputSpace}) in parallel and
     * returns the output codes, {@code outputs()} per point, point-major.
     *
     * @param progress called with the number of points just finished (may be called from many threads); may be null
     * @throws IllegalArgumentException if the result does not fit in one array
     */
    public int[] evaluateAll(LongConsumer progress) {
        InputSpace space = InputSpace.of(ar, inputs);
        long n = space.size();
        if (n * outputs > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("F^" + inputs + " has " + n + " points; too many to hold all outputs at once");
        }
        int[] result = new int[(int) (n * outputs)];
        evaluateRange(0, n, result, progress);
        return result;
    }

    /**
     * Evaluates the points {@code from, ..., to - 1} of {@code F^d} (indices in the order of
     * {@link InputSpace}) in parallel and writes their output codes into {@code result},
     * {@code outputs()} per point, point-major, point {@code from} at index 0. For output that
     * streams: a caller evaluates F^d block by block and prints each block as it is done.
     *
     * @param progress called with the number of points just finished (may be called from many threads); may be null
     * @throws IllegalArgumentException if {@code 0 <= from <= to <= |F^d|} does not hold or
     *     {@code result} is shorter than {@code (to - from) * outputs()}
     */
    public void evaluateRange(long from, long to, int[] result, LongConsumer progress) {
        EvaluationKernel k = kernel();
        if (k != null) {
            k.evaluateRange(from, to, result, progress);
            return;
        }
        pointByPoint(from, to, result, progress);
    }

    /** The block kernel of the network, built on first use; null if the kernel does not take it. */
    private EvaluationKernel kernel() {
        EvaluationKernel k = kernel;
        if (k == null && EvaluationKernel.supports(network)) {
            k = EvaluationKernel.of(network);
            kernel = k;
        }
        return k;
    }

    /** {@link #evaluateRange} one point at a time, for networks the block kernel does not take. */
    private void pointByPoint(long from, long to, int[] result, LongConsumer progress) {
        InputSpace space = InputSpace.of(ar, inputs);
        long n = space.size();
        if (from < 0 || from > to || to > n) {
            throw new IllegalArgumentException("need 0 <= from <= to <= " + n + ", were " + from + " and " + to);
        }
        if ((double) (to - from) * outputs > result.length) {
            throw new IllegalArgumentException("result has length " + result.length + ", needs "
                    + (to - from) * outputs);
        }
        long len = to - from;
        long chunk = Math.max(16, len / 256);
        long chunks = (len + chunk - 1) / chunk;
        LongStream.range(0, chunks).parallel().forEach(c -> {
            Scratch s = new Scratch();
            long[] x = new long[inputs];
            long[] out = new long[outputs];
            long lo = from + c * chunk;
            long hi = Math.min(to, lo + chunk);
            for (long i = lo; i < hi; i++) {
                space.point(i, x);
                evaluate(x, out, s);
                for (int o = 0; o < outputs; o++) {
                    result[(int) ((i - from) * outputs + o)] = (int) out[o];
                }
            }
            if (progress != null) {
                progress.accept(hi - lo);
            }
        });
    }
}

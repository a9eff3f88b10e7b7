package dev.fxnet.construct;

import dev.fxnet.target.FunctionTable;
import dev.fxnet.activation.ActivationTable;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.math.BigInteger;

/**
 * An evaluator for compiled networks written from SPEC §2–4 alone, sharing no arithmetic code with
 * {@code dev.fxnet.arith} or {@code dev.fxnet.eval}: rho of an exact rational {@code n / 2^k}
 * rounds by the definition of each mode, then saturates or wraps. Only tau comes from the
 * library's activation table. Sources whose value is 0 are skipped (SPEC §4: they contribute
 * nothing), which keeps checking every point of F^2 affordable.
 */
final class SpecNet {
    private final Network net;
    private final long min;
    private final long max;
    private final int q;
    private final Rounding mode;
    private final boolean wrap;
    private final boolean perOp;
    private final long[] tau;
    /** The network's parameters copied once into arrays: layer, neuron (and source index). */
    private final long[][] bias;
    private final int[][][] source;
    private final long[][][] weight;

    SpecNet(Network net) {
        this.net = net;
        int p = net.format().intBits();
        this.q = net.format().fracBits();
        this.max = (1L << (p + q)) - 1;
        this.min = net.format().encoding() == Encoding.SYMMETRIC ? -max : -max - 1;
        this.mode = net.fixedPoint().rounding();
        this.wrap = net.fixedPoint().overflow() == Overflow.WRAP;
        this.perOp = net.accumulation() == Accumulation.PER_OP;
        ActivationTable table = ActivationTable.of(net.activation(), net.fixedPoint());
        this.tau = new long[(int) (max - min + 1)];
        for (long z = min; z <= max; z++) {
            tau[(int) (z - min)] = table.tau(z);
        }
        int layers = net.layers().size();
        this.bias = new long[layers][];
        this.source = new int[layers][][];
        this.weight = new long[layers][][];
        for (int l = 0; l < layers; l++) {
            Layer layer = net.layers().get(l);
            bias[l] = new long[layer.width()];
            source[l] = new int[layer.width()][];
            weight[l] = new long[layer.width()][];
            for (int j = 0; j < layer.width(); j++) {
                Neuron n = layer.neuron(j);
                bias[l][j] = n.bias();
                source[l][j] = new int[n.fanIn()];
                weight[l][j] = new long[n.fanIn()];
                for (int i = 0; i < n.fanIn(); i++) {
                    source[l][j][i] = n.source(i);
                    weight[l][j][i] = n.weight(i);
                }
            }
        }
    }

    /** round(n / 2^k) to an integer by the definition of the mode (|n| < 2^62). */
    long roundDiv(long n, int k) {
        long den = 1L << k;
        long f = Math.floorDiv(n, den);
        long r = n - f * den; // 0 <= r < den
        if (r == 0) {
            return f;
        }
        int half = Long.compare(2 * r, den); // sign of r - den/2
        boolean negative = n < 0;
        switch (mode) {
            case FLOOR: return f;
            case CEILING: return f + 1;
            case DOWN: return negative ? f + 1 : f;
            case UP: return negative ? f : f + 1;
            default: break;
        }
        if (half < 0) {
            return f;
        }
        if (half > 0) {
            return f + 1;
        }
        switch (mode) {
            case HALF_EVEN: return (f % 2 == 0) ? f : f + 1;
            case HALF_UP: return negative ? f : f + 1;
            case HALF_DOWN: return negative ? f + 1 : f;
            case HALF_CEILING: return f + 1;
            case HALF_FLOOR: return f;
            default: throw new AssertionError(mode);
        }
    }

    long fit(long c) {
        if (c >= min && c <= max) {
            return c;
        }
        if (!wrap) {
            return c < min ? min : max;
        }
        long m = max - min + 1;
        return Math.floorMod(c - min, m) + min;
    }

    long evaluate(long[] x) {
        long[] y = x.clone();
        int last = bias.length - 1;
        for (int l = 0; l <= last; l++) {
            long[] b = bias[l];
            long[] next = new long[b.length];
            for (int j = 0; j < b.length; j++) {
                int[] src = source[l][j];
                long[] w = weight[l][j];
                long acc;
                if (perOp) {
                    acc = b[j];
                    for (int i = 0; i < src.length; i++) {
                        long v = y[src[i]];
                        if (v == 0) {
                            continue;
                        }
                        long prod = fit(roundDiv(Math.multiplyExact(w[i], v), q));
                        acc = fit(acc + prod);
                    }
                } else {
                    BigInteger sum = BigInteger.valueOf(b[j]).shiftLeft(q);
                    for (int i = 0; i < src.length; i++) {
                        long v = y[src[i]];
                        if (v != 0) {
                            sum = sum.add(BigInteger.valueOf(w[i]).multiply(BigInteger.valueOf(v)));
                        }
                    }
                    acc = fit(roundDiv(sum.longValueExact(), q));
                }
                next[j] = l == last ? acc : tau[(int) (acc - min)];
            }
            y = next;
        }
        return y[0];
    }

    /** The number of sampled points (every point if {@code samples >= |F|^d}) where this evaluator disagrees. */
    static long mismatches(Network net, FunctionTable t, int samples, long seed) {
        if (samples >= t.size()) {
            return mismatches(net, t);
        }
        SpecNet e = new SpecNet(net);
        var space = t.space();
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int[] idx = r.ints(samples, 0, t.size()).toArray();
        return java.util.Arrays.stream(idx).parallel().filter(i -> e.evaluate(space.point(i)) != t.code(i)).count();
    }

    /** The number of points of the table where this evaluator disagrees with it. */
    static long mismatches(Network net, FunctionTable t) {
        SpecNet e = new SpecNet(net);
        var space = t.space();
        return java.util.stream.IntStream.range(0, t.size()).parallel()
                .filter(i -> e.evaluate(space.point(i)) != t.code(i)).count();
    }
}

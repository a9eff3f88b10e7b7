package dev.fxnet.eval;

import dev.fxnet.activation.Activation;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;

/**
 * The plain evaluator: SPEC §4 read aloud, with no tables, no flattening and no shortcuts.
 * {@code PER_OP}: {@code acc = b; acc = acc (+) (w (*) y[s])} in list order; {@code WIDE}: one
 * rounding of the exact sum. Hidden neurons output {@code tau(acc)}, computed from
 * {@link Activation#roundScaled} and the overflow mode on each call. Slow but obviously right;
 * it is the reference every faster evaluator is tested against.
 */
public final class ReferenceEvaluator implements Evaluator {
    private final Network network;

    public ReferenceEvaluator(Network network) {
        this.network = network;
    }

    @Override
    public int inputs() {
        return network.inputs();
    }

    @Override
    public int outputs() {
        return network.outputs();
    }

    @Override
    public void evaluate(long[] input, long[] output) {
        if (input.length != network.inputs()) {
            throw new IllegalArgumentException("expected " + network.inputs() + " inputs, got " + input.length);
        }
        FixedPointArithmetic ar = network.arithmetic();
        for (long x : input) {
            ar.format().checkCode(x);
        }
        int q = ar.format().fracBits();
        long[] y = input.clone();
        int last = network.layers().size() - 1;
        for (int l = 0; l <= last; l++) {
            Layer layer = network.layers().get(l);
            long[] next = new long[layer.width()];
            for (int j = 0; j < layer.width(); j++) {
                Neuron n = layer.neuron(j);
                long[] ys = new long[n.fanIn()];
                for (int i = 0; i < n.fanIn(); i++) {
                    ys[i] = y[n.source(i)];
                }
                long acc = network.accumulation().accumulate(ar, n.bias(), n.weights(), ys, n.fanIn());
                next[j] = l == last ? acc : ar.overflow(network.activation().roundScaled(acc, q, ar.rounding()));
            }
            y = next;
        }
        System.arraycopy(y, 0, output, 0, y.length);
    }
}

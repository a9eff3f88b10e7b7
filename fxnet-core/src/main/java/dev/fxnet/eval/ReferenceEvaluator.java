package dev.fxnet.eval;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.ActivationRounding;
import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;

/**
 * The plain evaluator: SPEC §4 read aloud, with no tables, no flattening and no shortcuts.
 * {@code PER_OP}: {@code acc = b; acc = acc (+) (w (*) y[s])} in list order; {@code WIDE}: one
 * rounding of the exact sum. Hidden neurons output {@code tau(acc)}, computed on each call: in
 * fixed point from {@link Activation#roundScaled} and the overflow mode (SPEC §3), in any other
 * arithmetic from its {@link ActivationRounding} (for a floating-point format, SPEC §8, also on
 * the infinities and NaN a sum can reach under overflow {@code INF}/{@code NAN}). Inputs must be
 * codes in {@code minCode()..maxCode()} (finite values). Slow but obviously right;
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
        Arithmetic ar = network.arithmetic();
        for (long x : input) {
            if (x < ar.minCode() || x > ar.maxCode()) {
                throw new IllegalArgumentException("code " + x + " is outside " + ar.formatName() + " (codes "
                        + ar.minCode() + ".." + ar.maxCode() + ")");
            }
        }
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
                next[j] = l == last ? acc : tau(ar, acc);
            }
            y = next;
        }
        System.arraycopy(y, 0, output, 0, y.length);
    }

    /** {@code tau(z)} by the rule of the arithmetic, with no table. */
    private long tau(Arithmetic ar, long z) {
        Activation sigma = network.activation();
        if (ar instanceof FixedPointArithmetic) {
            FixedPointArithmetic fx = (FixedPointArithmetic) ar;
            return fx.overflow(sigma.roundScaled(z, fx.format().fracBits(), fx.rounding()));
        }
        if (!(ar instanceof ActivationRounding)) {
            throw new IllegalArgumentException("no rule rounds activations in " + ar);
        }
        return ((ActivationRounding) ar).tau(sigma, z);
    }
}

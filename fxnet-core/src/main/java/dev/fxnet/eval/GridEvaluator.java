package dev.fxnet.eval;

import dev.fxnet.network.Network;
import java.util.function.LongConsumer;

/**
 * The code of output 0 of a network on every point of {@code F^d}, exactly, in {@link InputSpace}
 * order: through the block {@link EvaluationKernel} whenever it takes the network, otherwise by the
 * grid walk ({@code GridWalk}: recomputing only what changed between neighbouring points, from
 * nonzero sources, identical neurons once). Both are bit-identical to {@link ReferenceEvaluator}
 * and {@link FastEvaluator#evaluateAll} (tests compare them). Nothing is prepared until a call, so
 * only the route taken pays for flattening the network.
 *
 * <p>It returns output 0 only (a network checked against a table has exactly one); for every
 * output use {@link FastEvaluator#evaluateAll}. Immutable; may be shared between threads.
 */
public final class GridEvaluator {
    private final Network network;

    /** Prepares {@code net} for evaluating its grid (nothing is computed until a call). */
    public GridEvaluator(Network net) {
        this.network = net;
    }

    /**
     * The code of output 0 on every point of {@code F^d}, in {@link InputSpace} order.
     *
     * @param progress receives counts of finished points (from any thread); may be null
     * @throws IllegalArgumentException if {@code F^d} has more points than an array can hold
     */
    public int[] evaluateAll(LongConsumer progress) {
        InputSpace space = InputSpace.of(network.arithmetic(), network.inputs());
        long n = space.size();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("F^" + network.inputs() + " has " + n + " points; too many to hold all outputs at once");
        }
        if (network.outputs() == 1 && EvaluationKernel.supports(network)) {
            int[] out = new int[(int) n];
            EvaluationKernel.of(network).evaluateRange(0, n, out, progress);
            return out;
        }
        return new GridWalk(network).walkAll(progress);
    }

    /** {@link #evaluateAll} by walking the grid (the kernel's independent predecessor, kept for networks it does not take and as a test oracle). */
    int[] walkAll(LongConsumer progress) {
        return new GridWalk(network).walkAll(progress);
    }
}

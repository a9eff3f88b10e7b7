package dev.fxnet.network;

import java.util.Arrays;

/**
 * One neuron (SPEC §4): a bias code and an ordered list of {@code (source, weight)} pairs, the
 * source indexing the previous layer (the inputs, for the first layer). The order is the
 * accumulation order under {@code PER_OP}. A source appears at most once.
 *
 * <p>Immutable: the arrays are copied in and out. Codes are not checked against a format here;
 * {@link Network#of} does that, since a neuron does not know its format.
 */
public final class Neuron {
    private final long bias;
    private final int[] sources;
    private final long[] weights;

    private Neuron(long bias, int[] sources, long[] weights) {
        this.bias = bias;
        this.sources = sources;
        this.weights = weights;
    }

    /**
     * A neuron with the given bias code and {@code (sources[i], weights[i])} pairs in order.
     *
     * @throws IllegalArgumentException if the arrays differ in length, a source is negative or listed twice
     */
    public static Neuron of(long bias, int[] sources, long[] weights) {
        if (sources.length != weights.length) {
            throw new IllegalArgumentException(
                    "sources and weights differ in length: " + sources.length + " vs " + weights.length);
        }
        int[] s = sources.clone();
        for (int i = 0; i < s.length; i++) {
            if (s[i] < 0) {
                throw new IllegalArgumentException("source index must be >= 0, was " + s[i]);
            }
        }
        int[] sorted = s.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("source " + sorted[i] + " is listed twice");
            }
        }
        return new Neuron(bias, s, weights.clone());
    }

    /** A neuron with only a bias: it computes the constant {@code bias} (before the activation). */
    public static Neuron constant(long bias) {
        return new Neuron(bias, new int[0], new long[0]);
    }

    /** A neuron listing every source {@code 0..fanIn-1} in order with the given weights. */
    public static Neuron dense(long bias, long... weights) {
        int[] s = new int[weights.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = i;
        }
        return new Neuron(bias, s, weights.clone());
    }

    public long bias() {
        return bias;
    }

    /** The number of listed sources. */
    public int fanIn() {
        return sources.length;
    }

    /** The source of the {@code i}-th pair. */
    public int source(int i) {
        return sources[i];
    }

    /** The weight code of the {@code i}-th pair. */
    public long weight(int i) {
        return weights[i];
    }

    /** A copy of the sources in accumulation order. */
    public int[] sources() {
        return sources.clone();
    }

    /** A copy of the weight codes in accumulation order. */
    public long[] weights() {
        return weights.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Neuron)) {
            return false;
        }
        Neuron n = (Neuron) o;
        return bias == n.bias && Arrays.equals(sources, n.sources) && Arrays.equals(weights, n.weights);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(bias) + Arrays.hashCode(sources)) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Neuron{bias=").append(bias).append(", weights=[");
        for (int i = 0; i < sources.length; i++) {
            b.append(i == 0 ? "" : ", ").append('[').append(sources[i]).append(", ").append(weights[i]).append(']');
        }
        return b.append("]}").toString();
    }
}

package dev.fxnet.network;

import java.util.List;
import java.util.Objects;

/** One layer of a network: its neurons in order (their outputs are indexed by position). Immutable. */
public final class Layer {
    private final List<Neuron> neurons;

    private Layer(List<Neuron> neurons) {
        this.neurons = neurons;
    }

    /**
     * A layer of the given neurons.
     *
     * @throws IllegalArgumentException if there are none
     */
    public static Layer of(List<Neuron> neurons) {
        List<Neuron> copy = List.copyOf(neurons);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a layer needs at least one neuron");
        }
        return new Layer(copy);
    }

    public static Layer of(Neuron... neurons) {
        return of(List.of(neurons));
    }

    public List<Neuron> neurons() {
        return neurons;
    }

    public Neuron neuron(int i) {
        return neurons.get(i);
    }

    public int width() {
        return neurons.size();
    }

    /** The number of listed weights in this layer. */
    public long weightCount() {
        long n = 0;
        for (Neuron x : neurons) {
            n += x.fanIn();
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Layer && neurons.equals(((Layer) o).neurons);
    }

    @Override
    public int hashCode() {
        return Objects.hash(neurons);
    }

    @Override
    public String toString() {
        return "Layer" + neurons;
    }
}

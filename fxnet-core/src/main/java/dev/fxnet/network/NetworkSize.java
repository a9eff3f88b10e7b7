package dev.fxnet.network;

/**
 * The size of a network (SPEC §4): neurons (hidden and output), depth (the number of layers,
 * hidden layers plus the output layer), the widest layer, parameters (biases plus listed weights)
 * and the dense parameter count (each neuron counted with the full fan-in of its previous layer,
 * plus its bias).
 */
public record NetworkSize(long neurons, int depth, int widestLayer, long parameters, long denseParameters) {
    /** Computes the size of {@code network}. */
    public static NetworkSize of(Network network) {
        long neurons = 0;
        long params = 0;
        long dense = 0;
        int widest = 0;
        int previous = network.inputs();
        for (Layer layer : network.layers()) {
            neurons += layer.width();
            params += layer.width() + layer.weightCount();
            dense += (long) layer.width() * (previous + 1);
            widest = Math.max(widest, layer.width());
            previous = layer.width();
        }
        return new NetworkSize(neurons, network.layers().size(), widest, params, dense);
    }
}

package dev.fxnet.construct.binary;

import dev.fxnet.network.Network;
import java.util.Objects;

/**
 * A network built by the binary-weight construction, not yet verified and without metadata: every
 * weight is {@code +-1} and every neuron lists every source of the previous layer (SPEC §4).
 *
 * @param network the network, without metadata
 * @param indicators the number of point neurons (the live points of the table; 0 for the zero function)
 * @param gadgets a one-line description of the gadgets used, for the network's metadata
 */
public record BinaryNetwork(Network network, int indicators, String gadgets) {
    /** @throws NullPointerException if {@code network} or {@code gadgets} is null */
    public BinaryNetwork {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(gadgets, "gadgets");
    }
}

package dev.fxnet.engine;

import dev.fxnet.network.Network;
import dev.fxnet.network.NetworkJson;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.function.LongConsumer;

/**
 * The {@link Work} of a verification: {@link RangeVerification#run} on one range. In this JVM it
 * holds the network itself; serialised (to ship it to an executor) it carries the network as its
 * JSON text (SPEC §5, exact) and the target as codes, and parses the network once per copy.
 */
final class RangeTask implements Work<InputRange, RangeResult> {
    private static final long serialVersionUID = 1L;

    private transient Network network;
    private String json;
    private final int[] expected;
    private final int keep;

    RangeTask(Network network, int[] expected, int keep) {
        this.network = network;
        this.expected = expected;
        this.keep = keep;
    }

    @Override
    public RangeResult run(InputRange unit, LongConsumer progress) {
        return RangeVerification.run(network(), expected, unit.from(), unit.to(), keep, progress);
    }

    private synchronized Network network() {
        if (network == null) {
            network = NetworkJson.parse(json);
        }
        return network;
    }

    private synchronized void writeObject(ObjectOutputStream out) throws IOException {
        if (json == null) {
            json = NetworkJson.toJson(network);
        }
        out.defaultWriteObject();
    }
}

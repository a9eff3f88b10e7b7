package dev.fxnet.spark;

import dev.fxnet.network.Network;
import dev.fxnet.network.NetworkJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Dense random relu networks in two inputs on the two's-complement format p=4, q=5 (1024 values,
 * so F^2 has 2^20 points), written as SPEC §5 JSON and read by the core's parser.
 */
final class TestNetworks {
    private TestNetworks() {
    }

    /** A network with the given hidden widths, weights and biases drawn from {@code seed}. */
    static Network dense(long seed, int... hidden) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("{\"fxnet\": 1, \"format\": {\"intBits\": 4, \"fracBits\": 5, \"encoding\":"
                + " \"TWOS_COMPLEMENT\"}, \"arithmetic\": {\"rounding\": \"HALF_EVEN\", \"overflow\": \"SATURATE\","
                + " \"accumulation\": \"PER_OP\"}, \"activation\": \"relu\", \"inputs\": 2, \"layers\": [");
        int previous = 2;
        List<Integer> widths = new ArrayList<>();
        for (int h : hidden) {
            widths.add(h);
        }
        widths.add(1);
        for (int l = 0; l < widths.size(); l++) {
            b.append(l == 0 ? "[" : ", [");
            for (int j = 0; j < widths.get(l); j++) {
                b.append(j == 0 ? "" : ", ").append("{\"bias\": ").append(r.nextInt(256) - 128).append(", \"weights\": [");
                for (int i = 0; i < previous; i++) {
                    b.append(i == 0 ? "" : ", ").append('[').append(i).append(", ").append(r.nextInt(96) - 48).append(']');
                }
                b.append("]}");
            }
            b.append(']');
            previous = widths.get(l);
        }
        return NetworkJson.parse(b.append("]}").toString());
    }
}

package dev.fxnet.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.network.Network;
import dev.fxnet.testing.RandomNetworks;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The incremental grid walk computes exactly what the dense evaluator computes, on arbitrary networks. */
class GridEvaluatorTest {
    @Test
    void agreesWithFastEvaluatorOnRandomNetworks() {
        Random r = new Random(42);
        String[] acts = {"relu", "identity", "sigmoid", "gelu", "step", "tanh"};
        for (int i = 0; i < 60; i++) {
            Encoding e = r.nextBoolean() ? Encoding.SYMMETRIC : Encoding.TWOS_COMPLEMENT;
            FixedPointFormat f = FixedPointFormat.of(r.nextInt(3), 1 + r.nextInt(2), e);
            Overflow o = e == Encoding.TWOS_COMPLEMENT && r.nextBoolean() ? Overflow.WRAP : Overflow.SATURATE;
            FixedPointArithmetic ar = FixedPointArithmetic.of(f, Rounding.values()[r.nextInt(9)], o);
            Accumulation acc = r.nextBoolean() ? Accumulation.PER_OP : Accumulation.WIDE;
            int d = 1 + r.nextInt(3);
            Network n = RandomNetworks.network(r, ar, acc, Activations.named(acts[r.nextInt(acts.length)]), d,
                    1 + r.nextInt(3), 1 + r.nextInt(40));
            if (n.outputs() != 1) {
                i--;
                continue;
            }
            int[] fast = new FastEvaluator(n).evaluateAll(null);
            int[] grid = new GridEvaluator(n).evaluateAll(null);
            assertArrayEquals(fast, grid, n.toString());
            assertArrayEquals(pointByPoint(n), new GridEvaluator(n).walkAll(null), n.toString());
            assertArrayEquals(pointByPoint(n), grid, n.toString());
            Network twins = withTwins(n, r);
            assertArrayEquals(new FastEvaluator(twins).evaluateAll(null), new GridEvaluator(twins).evaluateAll(null),
                    twins.toString());
            assertArrayEquals(pointByPoint(twins), new GridEvaluator(twins).walkAll(null), twins.toString());
        }
    }

    /** Output 0 on every point by {@link FastEvaluator#evaluate} one point at a time (no block kernel, no walk). */
    private static int[] pointByPoint(Network n) {
        InputSpace space = InputSpace.of(n.arithmetic(), n.inputs());
        FastEvaluator ev = new FastEvaluator(n);
        int[] out = new int[(int) space.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) ev.evaluate(space.point(i))[0];
        }
        return out;
    }

    /**
     * The network with every hidden neuron repeated (1 to 3 times, placed anywhere in its layer) and
     * the next layer reading every copy, with the original weight on a random one and 0 on the
     * others: the walk computes one neuron of each group of identical ones and copies its value to
     * the rest, which must not change a single output.
     */
    private static Network withTwins(Network n, Random r) {
        java.util.List<dev.fxnet.network.Layer> out = new java.util.ArrayList<>();
        int[][] place = null; // per neuron of the previous original layer: its positions in the new layer
        for (int l = 0; l < n.layers().size(); l++) {
            dev.fxnet.network.Layer layer = n.layers().get(l);
            boolean hidden = l < n.layers().size() - 1;
            java.util.List<dev.fxnet.network.Neuron> rebuilt = new java.util.ArrayList<>();
            for (dev.fxnet.network.Neuron u : layer.neurons()) {
                if (place == null) {
                    rebuilt.add(u);
                    continue;
                }
                // read every copy of each source: the original weight on a random one, weight 0 on the others
                java.util.List<Integer> s = new java.util.ArrayList<>();
                java.util.List<Long> w = new java.util.ArrayList<>();
                for (int k = 0; k < u.fanIn(); k++) {
                    int[] at = place[u.source(k)];
                    int real = r.nextInt(at.length);
                    for (int c = 0; c < at.length; c++) {
                        s.add(at[c]);
                        w.add(c == real ? u.weight(k) : 0L);
                    }
                }
                rebuilt.add(dev.fxnet.network.Neuron.of(u.bias(), s.stream().mapToInt(Integer::intValue).toArray(),
                        w.stream().mapToLong(Long::longValue).toArray()));
            }
            if (!hidden) {
                out.add(dev.fxnet.network.Layer.of(rebuilt));
                break;
            }
            java.util.List<dev.fxnet.network.Neuron> withCopies = new java.util.ArrayList<>();
            java.util.List<Integer> owner = new java.util.ArrayList<>();
            for (int j = 0; j < rebuilt.size(); j++) {
                int copies = 1 + r.nextInt(3);
                for (int c = 0; c < copies; c++) {
                    int at = r.nextInt(withCopies.size() + 1);
                    withCopies.add(at, rebuilt.get(j));
                    owner.add(at, j);
                }
            }
            place = new int[rebuilt.size()][];
            java.util.List<java.util.List<Integer>> pos = new java.util.ArrayList<>();
            for (int j = 0; j < rebuilt.size(); j++) {
                pos.add(new java.util.ArrayList<>());
            }
            for (int i = 0; i < owner.size(); i++) {
                pos.get(owner.get(i)).add(i);
            }
            for (int j = 0; j < rebuilt.size(); j++) {
                place[j] = pos.get(j).stream().mapToInt(Integer::intValue).toArray();
            }
            out.add(dev.fxnet.network.Layer.of(withCopies));
        }
        return Network.of(n.arithmetic(), n.accumulation(), n.activation(), n.inputs(), out, java.util.Map.of());
    }
}

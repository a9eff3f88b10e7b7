package dev.fxnet.construct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.eval.FastEvaluator;
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
        }
    }
}

package dev.fxnet.construct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.eval.EvaluationKernel;
import dev.fxnet.eval.RangeCheck;
import dev.fxnet.network.Network;
import dev.fxnet.target.FunctionTable;
import dev.fxnet.testing.RandomNetworks;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Verifier#verifyRange}: split into random consecutive ranges, the joined results equal the
 * whole range and agree with {@link Verifier#verify} (mismatch count, first mismatches by point).
 */
class VerifierRangeTest {
    @Test
    void rangesJoinToWhatVerifySays() {
        Random r = new Random(29);
        FixedPointFormat f = FixedPointFormat.of(2, 2, Encoding.SYMMETRIC);
        FixedPointArithmetic ar = FixedPointArithmetic.of(f, Rounding.HALF_EVEN, Overflow.SATURATE);
        for (int t = 0; t < 6; t++) {
            Network net = RandomNetworks.network(r, ar, t % 2 == 0 ? Accumulation.PER_OP : Accumulation.WIDE,
                    Activations.named("relu"), 2, 2, 6);
            if (net.outputs() != 1) {
                continue;
            }
            FunctionTable table = FunctionTable.random(f, 2, t);
            Verifier.Result whole = Verifier.verify(net, table, 4, null);
            EvaluationKernel k = EvaluationKernel.of(net);
            RangeCheck joined = null;
            for (long a = 0; a < table.size(); ) {
                long b = Math.min(table.size(), a + 1 + r.nextInt(100));
                RangeCheck part = Verifier.verifyRange(k, table, a, b, 4);
                joined = joined == null ? part : joined.then(part);
                a = b;
            }
            assertEquals(Verifier.verifyRange(net, table, 0, table.size(), 4), joined);
            assertEquals(whole.mismatches(), joined.mismatches());
            assertEquals(whole.points(), joined.points());
            for (int i = 0; i < whole.first().size(); i++) {
                long[] p = table.space().point(joined.first().get(i).index());
                assertEquals(java.util.Arrays.toString(whole.first().get(i).point()), java.util.Arrays.toString(p));
                assertEquals(whole.first().get(i).actual(), joined.first().get(i).actual());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Verifier.verifyRange(
                RandomNetworks.network(r, ar, Accumulation.PER_OP, Activations.named("relu"), 1, 2, 1),
                FunctionTable.random(f, 2, 1), 0, 1, 1));
    }
}

package dev.fxnet.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.network.Network;
import dev.fxnet.testing.RandomNetworks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast evaluator, the reference evaluator and an independent BigDecimal evaluator written
 * from the SPEC agree on every input of random networks of every rounding, overflow, encoding and
 * accumulation.
 */
class EvaluatorAgreementTest {
    static List<FixedPointArithmetic> arithmetics(FixedPointFormat... formats) {
        List<FixedPointArithmetic> out = new ArrayList<>();
        for (FixedPointFormat f : formats) {
            for (Rounding r : Rounding.values()) {
                out.add(FixedPointArithmetic.of(f, r, Overflow.SATURATE));
                if (f.encoding() == Encoding.TWOS_COMPLEMENT) {
                    out.add(FixedPointArithmetic.of(f, r, Overflow.WRAP));
                }
            }
        }
        return out;
    }

    @Test
    void allThreeAgreeOnEveryInputOfRandomNetworks() {
        Random rnd = new Random(2024);
        FixedPointFormat[] formats = {
            FixedPointFormat.of(1, 1, Encoding.SYMMETRIC), FixedPointFormat.of(1, 1, Encoding.TWOS_COMPLEMENT),
            FixedPointFormat.of(0, 2, Encoding.TWOS_COMPLEMENT), FixedPointFormat.of(2, 0, Encoding.SYMMETRIC),
            FixedPointFormat.of(2, 3, Encoding.SYMMETRIC), FixedPointFormat.of(3, 2, Encoding.TWOS_COMPLEMENT),
        };
        long points = 0;
        for (FixedPointArithmetic ar : arithmetics(formats)) {
            for (Accumulation acc : Accumulation.values()) {
                for (Activation act : Activations.builtIns()) {
                    int d = ar.format().size() <= 8 ? 2 : 1;
                    Network n = RandomNetworks.network(rnd, ar, acc, act, d, rnd.nextInt(3), 5);
                    FastEvaluator fast = new FastEvaluator(n);
                    ReferenceEvaluator ref = new ReferenceEvaluator(n);
                    int[] all = fast.evaluateAll(null);
                    InputSpace space = InputSpace.of(ar.format(), d);
                    for (long i = 0; i < space.size(); i++) {
                        long[] x = space.point(i);
                        long[] expected = SpecOracle.evaluate(n, x);
                        assertArrayEquals(expected, ref.evaluate(x), () -> n + " at " + java.util.Arrays.toString(x));
                        long[] fastOne = fast.evaluate(x);
                        assertArrayEquals(expected, fastOne, () -> "fast " + n + " at " + java.util.Arrays.toString(x));
                        for (int o = 0; o < n.outputs(); o++) {
                            assertEquals(expected[o], all[(int) (i * n.outputs() + o)]);
                        }
                        points++;
                    }
                }
            }
        }
        System.out.println("EvaluatorAgreementTest: compared " + points + " points");
    }

    @Test
    void wideAccumulatorSumsExactlyEvenWhenALongWouldOverflow() {
        // p+q = 30: products up to 2^60; 64 of them overflow a long, the exact sum must still be right.
        FixedPointFormat f = FixedPointFormat.of(15, 15, Encoding.TWOS_COMPLEMENT);
        for (Overflow o : Overflow.values()) {
            FixedPointArithmetic ar = FixedPointArithmetic.of(f, Rounding.HALF_EVEN, o);
            int k = 64;
            long[] w = new long[k];
            long[] y = new long[k];
            java.math.BigDecimal exact = SpecOracle.val(f.maxCode(), 15);
            for (int i = 0; i < k; i++) {
                w[i] = i % 3 == 0 ? f.minCode() : f.maxCode();
                y[i] = i % 2 == 0 ? f.minCode() : f.maxCode() - i;
                exact = exact.add(SpecOracle.val(w[i], 15).multiply(SpecOracle.val(y[i], 15)));
            }
            long expected = SpecOracle.rho(exact, 15, 15, Encoding.TWOS_COMPLEMENT, Rounding.HALF_EVEN, o);
            assertEquals(expected, ar.fusedSum(f.maxCode(), w, y, k), o.toString());
        }
    }
}

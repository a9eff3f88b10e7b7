package dev.fxnet.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.eval.ReferenceEvaluator;
import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.Question;
import dev.fxnet.gadget.Setting;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import dev.fxnet.target.FunctionTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Binary verdicts in dimension 3 (docs/THEORY.md §13): every answer is UNIVERSAL with a network
 * the reference evaluator finds exact on every point, NOT_UNIVERSAL with a pair no first-layer neuron
 * separates (re-checked neuron by neuron), or UNDETERMINED; and the lifting of an unseparated pair of
 * F^2 to F^3.
 */
class BinaryHighDimensionTest {
    private static Question question(String act, String format, int dims) {
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.parse(format));
        return Question.of(Setting.of(ar, Accumulation.PER_OP, Activations.named(act)), true, dims);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "relu", "elu", "softplus", "silu", "mish", "gelu", "identity"})
    void dimensionThreeAnswersWithEvidenceAtP1Q1(String act) {
        Question q = question(act, "p=1,q=1", 3);
        Verdict v = Universality.check(q);
        Machine m = q.setting().machine();
        if (v.kind() == Verdict.Kind.UNIVERSAL) {
            Evidence.VerifiedNetwork e = (Evidence.VerifiedNetwork) v.evidence();
            FunctionTable g = BinaryHighDimension.everyValue(m, 3);
            ReferenceEvaluator ref = new ReferenceEvaluator(e.network());
            InputSpace sp = g.space();
            long[] out = new long[1];
            for (int i = 0; i < g.size(); i++) {
                ref.evaluate(sp.point(i), out);
                assertEquals(g.code(i), out[0], act + " point " + i);
            }
            assertEquals(g.size(), e.points(), "verified on every point of F^3");
        } else if (v.kind() == Verdict.Kind.NOT_UNIVERSAL) {
            assertTrue(v.witness().isPresent(), v.text());
            if (BinaryHighDimension.liftedPair(m, 3).isPresent()) { // else N failed in d = 1, with its own witness
                long[] idx = nonZero(v.witness().get().outputs());
                assertUnseparated(m, 3, idx[0], pairOf(m, v));
            }
        }
    }

    /** The witness's nonzero point (the indicator's support). */
    private static long[] nonZero(long[] outputs) {
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i] != 0) {
                return new long[] {i};
            }
        }
        throw new AssertionError("the witness is 0 everywhere");
    }

    private static long pairOf(Machine m, Verdict v) {
        BinaryHighDimension.Pair p = BinaryHighDimension.liftedPair(m, 3).orElseThrow();
        return BinaryHighDimension.padded(m, p.second(), p.dims(), 3);
    }

    /**
     * Every binary first-layer neuron on F^d, as a one-neuron network under the reference evaluator,
     * gives points {@code i} and {@code j} (BinarySeparation order) the same output.
     */
    private static void assertUnseparated(Machine m, int d, long i, long j) {
        assertNotEquals(i, j);
        long[] a = new long[d];
        long[] b = new long[d];
        BinarySeparation.point(i, (int) m.size(), m.min(), a);
        BinarySeparation.point(j, (int) m.size(), m.min(), b);
        long one = m.one().orElseThrow();
        Setting s = m.setting();
        int[][] orders = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (long bias = m.min(); bias <= m.max(); bias++) {
            for (int signs = 0; signs < 8; signs++) {
                for (int[] order : orders) {
                    long[] ws = new long[3];
                    for (int k = 0; k < 3; k++) {
                        ws[k] = (signs >> k & 1) == 0 ? one : -one;
                    }
                    Network n = Network.of(s.fixedPoint(), s.accumulation(), s.activation(), d,
                            List.of(Layer.of(Neuron.of(bias, order, ws)), Layer.of(Neuron.dense(0, one))), Map.of());
                    long[] ya = new long[1];
                    long[] yb = new long[1];
                    new ReferenceEvaluator(n).evaluate(a, ya);
                    new ReferenceEvaluator(n).evaluate(b, yb);
                    assertEquals(ya[0], yb[0], "bias " + bias + " signs " + signs);
                }
            }
        }
    }

    /**
     * The acceptance question {@code check --binary --dims 3} at p=2,q=2 (HALF_EVEN, SATURATE, both
     * encodings) for the paper's activations: UNIVERSAL only with a network that the reference
     * evaluator finds exact on the table's nonzero points and a fixed sample, NOT_UNIVERSAL only
     * with a witness. Every activation in the long profile (about 1-2 minutes each on 2 cores);
     * sigmoid (NOT_UNIVERSAL by lifting, one second) in the default suite.
     */
    @Test
    void dimensionThreeAtP2Q2AnswersWithEvidence() {
        List<String> acts = dev.fxnet.testing.LongTests.pick(
                List.of("sigmoid", "relu", "elu", "softplus", "silu", "mish", "gelu", "identity"), List.of("sigmoid"));
        for (String format : new String[] {"p=2,q=2", "Q2.2"}) {
            for (String act : acts) {
                Question q = question(act, format, 3);
                Verdict v = Universality.check(q);
                if (v.kind() == Verdict.Kind.UNIVERSAL) {
                    Evidence.VerifiedNetwork e = (Evidence.VerifiedNetwork) v.evidence();
                    Machine m = q.setting().machine();
                    FunctionTable g = BinaryHighDimension.everyValue(m, 3);
                    ReferenceEvaluator ref = new ReferenceEvaluator(e.network());
                    long[] out = new long[1];
                    for (int i = 0; i < g.size(); i += g.code(i) != 0 ? 1 : 97) {
                        ref.evaluate(g.space().point(i), out);
                        assertEquals(g.code(i), out[0], act + " " + format + " point " + i);
                    }
                } else if (v.kind() == Verdict.Kind.NOT_UNIVERSAL) {
                    assertTrue(v.witness().isPresent(), v.text());
                }
            }
        }
    }

    @Test
    void sigmoidAtP3Q3IsNotUniversalInDimensionThreeByLifting() {
        Question q = question("sigmoid", "p=3,q=3", 3);
        Verdict v = Universality.check(q);
        assertEquals(Verdict.Kind.NOT_UNIVERSAL, v.kind(), v.text());
        assertTrue(v.text().contains("in F^2 by enumeration"), v.text());
        Machine m = q.setting().machine();
        BinaryHighDimension.Pair p = BinaryHighDimension.liftedPair(m, 3).orElseThrow();
        assertEquals(2, p.dims());
        assertUnseparated(m, 3, BinaryHighDimension.padded(m, p.first(), 2, 3),
                BinaryHighDimension.padded(m, p.second(), 2, 3));
        assertTrue(v.witness().isPresent(), "|F|^3 = 2048383 points is tabulated");
    }
}

package dev.fxnet.construct.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.eval.ReferenceEvaluator;
import dev.fxnet.gadget.Machine;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.target.FunctionTable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The feature step construction (Theorem B5, d >= 3): random tables compiled and checked on every
 * point of F^d by the reference evaluator (written from the SPEC alone), and its structure: the
 * features determine the point, every weight is +-1, the layers before the point layer do not
 * depend on the table.
 */
class FeatureConstructionTest {
    private static Machine machine(String act, int p, int q, Encoding e, Rounding r) {
        return Machine.of(FixedPointArithmetic.of(FixedPointFormat.of(p, q, e), r, Overflow.SATURATE), Accumulation.PER_OP,
                Activations.named(act));
    }

    /** Every point of F^d evaluated by the reference evaluator equals the table; every weight is +-1. */
    private static void assertExact(Network net, FunctionTable t, Machine m) {
        ReferenceEvaluator ref = new ReferenceEvaluator(net);
        InputSpace sp = t.space();
        long[] out = new long[1];
        for (int i = 0; i < t.size(); i++) {
            ref.evaluate(sp.point(i), out);
            assertEquals(t.code(i), out[0], "point " + i);
        }
        long one = m.one().orElseThrow();
        for (Layer l : net.layers()) {
            for (var n : l.neurons()) {
                for (long w : n.weights()) {
                    assertTrue(w == one || w == -one, "weight " + w);
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "relu, 1, 1, SYMMETRIC, HALF_EVEN, 3, 1",
        "softplus, 1, 1, TWOS_COMPLEMENT, HALF_EVEN, 3, 2",
        "relu, 1, 1, SYMMETRIC, DOWN, 3, 3",
        "gelu, 1, 1, SYMMETRIC, HALF_EVEN, 3, 4",
        "mish, 1, 1, SYMMETRIC, HALF_UP, 3, 5",
        "sigmoid, 1, 1, SYMMETRIC, HALF_EVEN, 3, 6",
        "relu, 1, 1, SYMMETRIC, HALF_EVEN, 4, 7",
        "relu, 2, 0, SYMMETRIC, FLOOR, 3, 8",
    })
    void randomTablesAreExactUnderTheReferenceEvaluator(String act, int p, int q, Encoding e, Rounding r, int d,
            long seed) {
        // default: three of the eight (relu, softplus two's complement, gelu); -Plong: all (the suite's time budget)
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.fxnet.testing.LongTests.enabled() || seed == 1 || seed == 2
                || seed == 4, "long profile only");
        Machine m = machine(act, p, q, e, r);
        FunctionTable t = FunctionTable.random(m.setting().fixedPoint().format(), d, seed);
        if (d >= 4) { // a random table on every 40th point: the reference evaluator is slow on 2401 point neurons
            int[] c = new int[t.size()];
            for (int i = 0; i < c.length; i += 40) {
                c[i] = t.code(i);
            }
            t = FunctionTable.of(t.format(), d, c);
        }
        BinaryNetwork b = BinaryCompiler.compile(t, m);
        assertTrue(b.gadgets().startsWith("binary feature step construction"), b.gadgets());
        assertExact(b.network(), t, m);
    }

    @ParameterizedTest
    @CsvSource({"relu, 1, 1, 3", "gelu, 1, 1, 3"})
    void featuresDetermineThePointAndTheLayersBeforeThePointsDoNotDependOnTheTable(String act, int p, int q, int d) {
        Machine m = machine(act, p, q, Encoding.SYMMETRIC, Rounding.HALF_EVEN);
        FunctionTable random = FunctionTable.random(m.setting().fixedPoint().format(), d, 11);
        int[] sparse = new int[random.size()];
        sparse[random.size() / 2] = (int) m.max();
        FunctionTable one = FunctionTable.of(m.setting().fixedPoint().format(), d, sparse);
        Features f = Features.choose(m, random).orElseThrow();
        Set<String> tuples = new HashSet<>();
        for (int i = 0; i < random.size(); i++) {
            StringBuilder k = new StringBuilder();
            for (long[] v : f.values()) {
                k.append(v[i]).append(',');
            }
            tuples.add(k.toString());
        }
        assertEquals(random.size(), tuples.size(), "the features determine the point");
        Network a = BinaryCompiler.compile(random, m).network();
        Network b = BinaryCompiler.compile(one, m).network();
        assertExact(b, one, m);
        List<Layer> la = a.layers();
        List<Layer> lb = b.layers();
        assertEquals(la.size(), lb.size());
        for (int l = 0; l < la.size() - 2; l++) {
            assertEquals(la.get(l), lb.get(l), "layer " + l);
        }
    }
}

package dev.fxnet.construct.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import dev.fxnet.network.Neuron;
import dev.fxnet.target.FunctionTable;
import dev.fxnet.testing.LongTests;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The saturated sign construction (docs/THEORY.md §13.1.5, Theorem B8): its two saturation
 * lemmas with plain clamped integer arithmetic written here (independent of the fxnet arithmetic);
 * random tables compiled and checked on every point by the reference evaluator (written from the
 * SPEC alone), with every weight {@code +-1} and every neuron listing every source; the layers before
 * the far indicators do not depend on the table; settings outside the hypotheses are refused.
 */
class SaturatedSignCompilerTest {
    private static long clamp(long z, long lo, long hi) {
        return Math.max(lo, Math.min(hi, z));
    }

    /**
     * Lemma C (two's complement {@code [-M-1, M]}): twins {@code +y, -y} after the bias -1 return it for
     * every {@code y}, also {@code y = -M-1}, whose negation saturates to {@code M}; after the bias 0
     * they do not for that {@code y}. Symmetric codes: after the bias 0 for every {@code y}.
     */
    @Test
    void twinsCancelAfterTheUniversalBias() {
        for (long big : new long[] {3, 7, 15, 31}) {
            long lo = -big - 1;
            for (long y = lo; y <= big; y++) {
                long ny = clamp(-y, lo, big);
                assertEquals(-1, clamp(clamp(-1 + y, lo, big) + ny, lo, big), "two's, M = " + big + ", y = " + y);
                long sy = clamp(y, -big, big);
                assertEquals(0, clamp(clamp(sy, -big, big) - sy, -big, big), "symmetric, M = " + big);
            }
            assertEquals(-1, clamp(clamp(lo, lo, big) + clamp(-lo, lo, big), lo, big), "bias 0 fails at min");
        }
    }

    /**
     * Lemma R (reset): for {@code 1 <= v <= M} and {@code a} in {@code {0, M}}, {@code C(C(v + a) - a)} is
     * {@code v} if {@code a = 0} and 0 if {@code a = M}; {@code C(C(M + T) - T) = M - T} for {@code T} in
     * {@code {0, M}}; and the step {@code C(C(M + m + k g) + (-m))} with enough copies {@code k} is 0 for
     * {@code g < 0}, {@code M} for {@code g > 0} (both encodings).
     */
    @Test
    void resetsAndStepsBySaturation() {
        for (long big : new long[] {3, 7, 15, 31}) {
            for (long lo : new long[] {-big, -big - 1}) {
                for (long v = 1; v <= big; v++) {
                    assertEquals(v, clamp(clamp(v, lo, big) - 0, lo, big));
                    assertEquals(0, clamp(clamp(v + big, lo, big) - big, lo, big), "v = " + v);
                }
                assertEquals(big, clamp(clamp(big + 0, lo, big) - 0, lo, big));
                assertEquals(0, clamp(clamp(big + big, lo, big) - big, lo, big));
                for (long g = lo; g <= big; g++) {
                    long acc = big + lo;
                    for (int k = 0; k < big - lo; k++) {
                        acc = clamp(acc + g, lo, big);
                    }
                    for (long k = 0; k < -lo; k++) {
                        acc = clamp(acc + 1, lo, big);
                    }
                    if (g != 0) {
                        assertEquals(g > 0 ? big : 0, acc, "g = " + g + ", [" + lo + ", " + big + "]");
                    }
                }
            }
        }
    }

    private static Machine machine(String act, int p, int q, Encoding e) {
        return Machine.of(FixedPointArithmetic.of(FixedPointFormat.of(p, q, e), Rounding.HALF_EVEN, Overflow.SATURATE),
                Accumulation.PER_OP, Activations.named(act));
    }

    private static BinaryNetwork compile(FunctionTable t, Machine m) {
        List<Integer> live = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (t.code(i) != 0) {
                live.add(i);
            }
        }
        return SaturatedSignCompiler.compile(t, m, live).orElseThrow();
    }

    /** Every point under the reference evaluator; every weight +-1; every neuron lists every source of its previous layer. */
    private static void assertExact(Network net, FunctionTable t, Machine m) {
        ReferenceEvaluator ref = new ReferenceEvaluator(net);
        InputSpace sp = t.space();
        long[] out = new long[1];
        for (int i = 0; i < t.size(); i++) {
            ref.evaluate(sp.point(i), out);
            assertEquals(t.code(i), out[0], "point " + i);
        }
        long one = m.one().orElseThrow();
        int width = t.dims();
        for (Layer l : net.layers()) {
            for (Neuron n : l.neurons()) {
                assertEquals(width, n.fanIn(), "a neuron does not list every source");
                for (long w : n.weights()) {
                    assertTrue(w == one || w == -one, "weight " + w);
                }
            }
            width = l.width();
        }
    }

    private static final String[][] OPEN_ROWS = {
        {"elu", "SYMMETRIC"}, {"elu", "TWOS_COMPLEMENT"}, {"identity", "TWOS_COMPLEMENT"}};

    /** The three open rows at p=2,q=2, d = 1: random tables exact on every point; the layers before the far indicators are the table's own. */
    @Test
    void openRowsInDimensionOneCompileRandomTables() {
        for (String[] row : OPEN_ROWS) {
            Machine m = machine(row[0], 2, 2, Encoding.valueOf(row[1]));
            FunctionTable random = FunctionTable.random(m.setting().fixedPoint().format(), 1, 7);
            BinaryNetwork a = compile(random, m);
            assertExact(a.network(), random, m);
            int[] sparse = new int[random.size()];
            sparse[3] = (int) m.min();
            FunctionTable one = FunctionTable.of(random.format(), 1, sparse);
            Network b = compile(one, m).network();
            assertExact(b, one, m);
            for (int l = 0; l < a.network().layers().size() - 3; l++) {
                assertEquals(a.network().layers().get(l), b.layers().get(l), row[0] + " " + row[1] + ", layer " + l);
            }
        }
    }

    /**
     * The open rows at p=1,q=1: in d = 2 a random table; in d = 3 (elu, symmetric) a table random on
     * every 9th point and 0 elsewhere (the far indicators and value neurons grow with the nonzero
     * points); exact on every point of F^d.
     */
    @Test
    void smallFormatsInDimensionsTwoAndThree() {
        for (String[] row : OPEN_ROWS) {
            Machine m = machine(row[0], 1, 1, Encoding.valueOf(row[1]));
            FunctionTable random = FunctionTable.random(m.setting().fixedPoint().format(), 2, 13);
            assertExact(compile(random, m).network(), random, m);
            if (!row[1].equals("SYMMETRIC")) {
                continue; // d = 3: one row by default; the others in the long profile
            }
            FunctionTable dense = FunctionTable.random(m.setting().fixedPoint().format(), 3, 14);
            int[] c = new int[dense.size()];
            for (int i = 0; i < c.length; i += 9) {
                c[i] = dense.code(i);
            }
            FunctionTable sparse = FunctionTable.of(dense.format(), 3, c);
            assertExact(compile(sparse, m).network(), sparse, m);
        }
    }

    /**
     * Long profile: the open rows at p=2,q=2 in d = 2 (random tables), and at p=1,q=1 in d = 3 (a
     * random table), exact on every point.
     */
    @Test
    void openRowsInDimensionsTwoAndThreeLong() {
        Assumptions.assumeTrue(LongTests.enabled(), "long profile only");
        for (String[] row : OPEN_ROWS) {
            Machine m = machine(row[0], 2, 2, Encoding.valueOf(row[1]));
            FunctionTable random = FunctionTable.random(m.setting().fixedPoint().format(), 2, 3);
            assertExact(compile(random, m).network(), random, m);
            Machine small = machine(row[0], 1, 1, Encoding.valueOf(row[1]));
            FunctionTable three = FunctionTable.random(small.setting().fixedPoint().format(), 3, 4);
            assertExact(compile(three, small).network(), three, small);
        }
    }

    /** Settings outside the hypotheses (tau not the identity on [0, M]; WRAP) are refused, naming Theorem B8. */
    @Test
    void outsideTheHypothesesIsRefused() {
        Machine sigmoid = machine("sigmoid", 2, 2, Encoding.SYMMETRIC);
        FunctionTable t = FunctionTable.random(sigmoid.setting().fixedPoint().format(), 1, 1);
        Attempt<BinaryNetwork> a = SaturatedSignCompiler.compile(t, sigmoid, List.of(0));
        Attempt.Refused<BinaryNetwork> r = assertInstanceOf(Attempt.Refused.class, a);
        assertTrue(r.reason().contains("Theorem B8"), r.reason());
        Machine wrap = Machine.of(FixedPointArithmetic.of(FixedPointFormat.of(2, 2, Encoding.TWOS_COMPLEMENT),
                Rounding.HALF_EVEN, Overflow.WRAP), Accumulation.PER_OP, Activations.named("elu"));
        assertTrue(SaturatedSignCompiler.outside(wrap).contains("SATURATE"));
    }
}

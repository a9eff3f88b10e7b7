package dev.fxnet.construct.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BitSliceCompilerTest {
    private static Machine machine(String act, int p, int q, Encoding e, Accumulation acc) {
        return Machine.of(FixedPointArithmetic.of(FixedPointFormat.of(p, q, e), Rounding.HALF_EVEN, Overflow.SATURATE),
                acc, Activations.named(act));
    }

    private static Machine relu(int p, int q) {
        return machine("relu", p, q, Encoding.SYMMETRIC, Accumulation.PER_OP);
    }

    private static Attempt<BinaryNetwork> compile(FunctionTable t, Machine m) {
        List<Integer> live = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (t.code(i) != 0) {
                live.add(i);
            }
        }
        return BitSliceCompiler.compile(t, m, live);
    }

    private static BinaryNetwork built(FunctionTable t, Machine m) {
        Attempt<BinaryNetwork> a = compile(t, m);
        if (a instanceof Attempt.Refused<BinaryNetwork> r) {
            throw new AssertionError(m + ", d = " + t.dims() + ": " + r.reason());
        }
        return ((Attempt.Built<BinaryNetwork>) a).value();
    }

    /** Every point under the reference evaluator; every weight +-1; every neuron lists every source of its previous layer. */
    static void assertExact(Network net, FunctionTable t, Machine m) {
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
                boolean[] seen = new boolean[width];
                for (int k = 0; k < n.fanIn(); k++) {
                    assertTrue(n.weight(k) == one || n.weight(k) == -one, "weight " + n.weight(k));
                    assertTrue(!seen[n.source(k)], "a source listed twice");
                    seen[n.source(k)] = true;
                }
            }
            width = l.width();
        }
    }

    /** A table with {@code f(x) = } the clamped sum of the coordinates, a step of x0, and the extreme values. */
    private static FunctionTable structured(Machine m, int d, int kind) {
        long big = m.max();
        return FunctionTable.fromCodes(m.setting().fixedPoint().format(), d, x -> switch (kind) {
            case 0 -> Math.max(-big, Math.min(big, x[0] + (d > 1 ? x[1] : 0)));
            case 1 -> x[0] >= 0 ? big : -big;
            default -> (x[0] + 2 * big) % 3 == 0 ? -big : x[0] == 0 ? 1 : 0;
        });
    }

    @Test
    void randomAndStructuredTablesAreExactOnEveryPoint() {
        for (int d = 1; d <= 2; d++) {
            for (int[] pq : new int[][] {{1, 0}, {1, 1}, {2, 1}, {1, 2}}) {
                Machine m = relu(pq[0], pq[1]);
                for (long seed = 1; seed <= (d == 1 ? 4 : 2); seed++) {
                    FunctionTable t = FunctionTable.random(m.setting().fixedPoint().format(), d, seed);
                    if (Arrays.stream(t.codes()).anyMatch(c -> c != 0)) {
                        BinaryNetwork b = built(t, m);
                        assertTrue(b.gadgets().startsWith(BitSliceCompiler.NAME));
                        assertExact(b.network(), t, m);
                    }
                }
                for (int kind = 0; kind < 3; kind++) {
                    FunctionTable t = structured(m, d, kind);
                    assertExact(built(t, m).network(), t, m);
                }
            }
        }
    }
}

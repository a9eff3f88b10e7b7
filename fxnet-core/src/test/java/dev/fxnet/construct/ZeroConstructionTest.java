package dev.fxnet.construct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.eval.ReferenceEvaluator;
import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.Setting;
import dev.fxnet.network.Network;
import dev.fxnet.target.FunctionTable;
import dev.fxnet.theory.ExactDecider;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Theorem Z's construction (docs/THEORY.md §10): networks built for random tables in
 * dimensions 1 and 2 are exact on every point, by the reference evaluator and by the SPEC-only
 * evaluator {@link SpecNet}; and wherever the plan exists on formats the exact decider covers, the
 * decider finds the setting universal.
 */
class ZeroConstructionTest {
    private static Machine machine(String act, int p, int q, Encoding e, Rounding r, Accumulation acc) {
        return Setting.of(FixedPointArithmetic.of(FixedPointFormat.of(p, q, e), r, Overflow.SATURATE), acc,
                Activations.named(act)).machine();
    }

    @Test
    void networksForRandomTablesAreExact() {
        List<Machine> cases = List.of(
                machine("relu", 1, 1, Encoding.SYMMETRIC, Rounding.HALF_EVEN, Accumulation.PER_OP), // NOT by saturation
                machine("elu", 1, 1, Encoding.SYMMETRIC, Rounding.HALF_EVEN, Accumulation.PER_OP), // tau(m) != 0: NOT by landing
                machine("gelu", 1, 1, Encoding.TWOS_COMPLEMENT, Rounding.FLOOR, Accumulation.PER_OP),
                machine("sigmoid", 2, 0, Encoding.TWOS_COMPLEMENT, Rounding.HALF_UP, Accumulation.PER_OP),
                machine("hardsigmoid", 2, 1, Encoding.SYMMETRIC, Rounding.HALF_EVEN, Accumulation.PER_OP), // z* < 0
                machine("tanh", 1, 1, Encoding.SYMMETRIC, Rounding.HALF_UP, Accumulation.WIDE),
                machine("silu", 1, 1, Encoding.TWOS_COMPLEMENT, Rounding.HALF_EVEN, Accumulation.WIDE));
        int networks = 0;
        for (Machine m : cases) {
            ZeroConstruction.Outcome o = ZeroConstruction.plan(m);
            assertTrue(o.plan().isPresent(), m + ": " + o.why());
            for (int d = 1; d <= 2; d++) {
                for (long seed = 1; seed <= (d == 1 ? 3 : 1); seed++) {
                    FunctionTable f = FunctionTable.random(m.setting().fixedPoint().format(), d, seed * 31 + d);
                    Network net = o.plan().get().network(f);
                    assertEquals(ZeroConstruction.HIDDEN_LAYERS, net.hiddenLayers());
                    assertEquals(0, referenceMismatches(net, f), m + " d=" + d + " seed " + seed);
                    assertEquals(0, SpecNet.mismatches(net, f), m + " d=" + d + " seed " + seed + " (SPEC evaluator)");
                    networks++;
                }
            }
        }
        System.out.println("Theorem Z networks verified on every point: " + networks);
    }

    @Test
    void planImpliesTheDeciderSaysUniversal() {
        int planned = 0;
        for (int[] pq : new int[][] {{1, 0}}) {
            for (Encoding e : Encoding.values()) {
                for (Rounding r : Rounding.values()) {
                    for (Activation a : Activations.builtIns()) {
                        Machine m = machine(a.name(), pq[0], pq[1], e, r, Accumulation.PER_OP);
                        if (ZeroConstruction.plan(m).plan().isEmpty()) {
                            continue;
                        }
                        planned++;
                        for (int d = 1; d <= 2; d++) {
                            if (ExactDecider.feasible(m, d, ExactDecider.ROUTINE_FUNCTIONS)) {
                                assertTrue(ExactDecider.decide(m, d).universal(), m + " d=" + d);
                            }
                        }
                    }
                }
            }
        }
        System.out.println("settings with p = 1, q = 0, where Theorem Z's plan exists: " + planned);
        assertTrue(planned > 0);
    }

    private static long referenceMismatches(Network net, FunctionTable f) {
        ReferenceEvaluator ev = new ReferenceEvaluator(net);
        long[] out = new long[1];
        long bad = 0;
        for (int i = 0; i < f.size(); i++) {
            long[] x = f.space().point(i);
            ev.evaluate(x, out);
            bad += out[0] == f.code(i) ? 0 : 1;
        }
        return bad;
    }
}

package dev.fxnet.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.eval.ReferenceEvaluator;
import dev.fxnet.gadget.GadgetSearch;
import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.Setting;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import dev.fxnet.testing.LongTests;
import org.junit.jupiter.api.Test;

/**
 * N-ends (docs/THEORY.md §2): where it fires, random networks evaluated by the independent
 * {@link ReferenceEvaluator} never reach both ends of F, the witness is not computed by any network
 * without hidden layer (again by the reference evaluator), S is never found, and the exact decider
 * (where feasible) finds the setting not universal.
 */
class EndsConditionTest {
    /** The exact decider's function count here: all of its range in the long profile, the routine limit otherwise. */
    private static final long DECIDER_LIMIT = LongTests.enabled() ? ExactDecider.MAX_FUNCTIONS : 1L << 17;
    private static final int[][] FORMATS = {{1, 0}, {0, 2}, {1, 1}, {2, 1}, {1, 2}, {2, 2}};

    @Test
    void whereNEndsFailsNoNetworkReachesBothEndsAndTheVerdictAgrees() {
        int fired = 0;
        int decided = 0;
        Random rnd = new Random(20261206);
        for (String act : List.of("sigmoid", "softplus", "relu", "elu", "step", "hardsigmoid")) {
            for (int[] pq : FORMATS) {
                for (Encoding e : Encoding.values()) {
                    for (Rounding r : Rounding.values()) {
                        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(pq[0], pq[1], e), r,
                                Overflow.SATURATE);
                        Machine m = Setting.of(ar, Accumulation.PER_OP, Activations.named(act)).machine();
                        NecessaryCondition.Result n = NecessaryCondition.check(m, false);
                        if (!n.part().equals("N-ends")) {
                            continue;
                        }
                        fired++;
                        String where = m.toString();
                        assertFalse(GadgetSearch.search(m).gadgets().isPresent(), "S found where N-ends fails: " + where);
                        for (int t = 0; t < 200; t++) {
                            assertFalse(reachesBothEnds(randomNetwork(rnd, ar, act)), "a network reaches m and M: " + where);
                        }
                        long[] f = n.witness().orElseThrow().outputs();
                        assertTrue(contains(f, m.min()) && contains(f, m.max()), "witness misses an end: " + where);
                        assertFalse(depthZeroComputes(ar, act, f), "a network without hidden layer computes the witness: " + where);
                        if (ExactDecider.feasible(m, 1, DECIDER_LIMIT)) {
                            decided++;
                            assertFalse(ExactDecider.decide(m, 1).universal(), "decider says universal: " + where);
                        }
                        assertEquals(Verdict.Kind.NOT_UNIVERSAL, Universality.check(m.setting()).kind(), where);
                    }
                }
            }
        }
        System.out.println("N-ends fired in " + fired + " settings, " + decided + " of them confirmed by the exact decider");
        assertTrue(fired >= 20, "N-ends should fire for sigmoid and softplus under UP: " + fired);
        assertTrue(decided >= (LongTests.enabled() ? 9 : 0), "the decider should confirm some: " + decided);
    }

    @Test
    void nEndsNeedsEveryHypothesis() {
        for (Rounding r : List.of(Rounding.HALF_EVEN, Rounding.CEILING, Rounding.FLOOR, Rounding.DOWN)) {
            Machine m = Setting.of(FixedPointArithmetic.of(FixedPointFormat.of(2, 2, Encoding.SYMMETRIC), r, Overflow.SATURATE),
                    Accumulation.PER_OP, Activations.named("sigmoid")).machine();
            assertFalse(NecessaryCondition.check(m, false).part().equals("N-ends"), "fires without UP: " + m);
        }
        FixedPointArithmetic up = FixedPointArithmetic.of(FixedPointFormat.of(2, 2, Encoding.SYMMETRIC), Rounding.UP,
                Overflow.SATURATE);
        assertFalse(NecessaryCondition.check(Setting.of(up, Accumulation.WIDE, Activations.named("sigmoid")).machine(), false)
                .part().equals("N-ends"), "fires under WIDE");
        assertFalse(NecessaryCondition.check(Setting.of(up, Accumulation.PER_OP, Activations.named("relu")).machine(), false)
                .part().equals("N-ends"), "fires although relu has a zero");
    }

    @Test
    void theRandomNetworksDoReachBothEndsWhereNEndsHolds() {
        // the oracle above has teeth: with a zero of tau (relu, UP) the same generator finds such networks
        Random rnd = new Random(7);
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(1, 1, Encoding.SYMMETRIC), Rounding.UP,
                Overflow.SATURATE);
        int hits = 0;
        for (int t = 0; t < 2000; t++) {
            hits += reachesBothEnds(randomNetwork(rnd, ar, "relu")) ? 1 : 0;
        }
        assertTrue(hits > 0, "no random relu network reaches both ends");
    }

    private static boolean contains(long[] a, long v) {
        for (long x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** Whether the network's outputs over all of F include both the least and the greatest code. */
    private static boolean reachesBothEnds(Network net) {
        FixedPointFormat f = net.fixedPoint().format();
        ReferenceEvaluator ev = new ReferenceEvaluator(net);
        boolean low = false;
        boolean high = false;
        long[] out = new long[1];
        for (long x = f.minCode(); x <= f.maxCode(); x++) {
            ev.evaluate(new long[] {x}, out);
            low |= out[0] == f.minCode();
            high |= out[0] == f.maxCode();
        }
        return low && high;
    }

    /** Every network without hidden layer on one input: bias b, weight w (w = 0 is the bias-only neuron). */
    private static boolean depthZeroComputes(FixedPointArithmetic ar, String act, long[] f) {
        FixedPointFormat fmt = ar.format();
        long[] out = new long[1];
        for (long b = fmt.minCode(); b <= fmt.maxCode(); b++) {
            for (long w = fmt.minCode(); w <= fmt.maxCode(); w++) {
                Network net = Network.of(ar, Accumulation.PER_OP, Activations.named(act), 1,
                        List.of(Layer.of(Neuron.of(b, new int[] {0}, new long[] {w}))), Map.of());
                ReferenceEvaluator ev = new ReferenceEvaluator(net);
                boolean all = true;
                for (long x = fmt.minCode(); x <= fmt.maxCode() && all; x++) {
                    ev.evaluate(new long[] {x}, out);
                    all = out[0] == f[(int) (x - fmt.minCode())];
                }
                if (all) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One input, one or two hidden layers of width 1..4, random biases and weights (a third of them 0), random term order. */
    private static Network randomNetwork(Random rnd, FixedPointArithmetic ar, String act) {
        FixedPointFormat f = ar.format();
        int hidden = 1 + rnd.nextInt(2);
        List<Layer> layers = new ArrayList<>();
        int previous = 1;
        for (int l = 0; l <= hidden; l++) {
            int width = l == hidden ? 1 : 1 + rnd.nextInt(4);
            List<Neuron> neurons = new ArrayList<>();
            for (int j = 0; j < width; j++) {
                int[] src = new int[previous];
                long[] w = new long[previous];
                for (int s = 0; s < previous; s++) {
                    src[s] = s;
                    w[s] = rnd.nextInt(3) == 0 ? 0 : f.minCode() + rnd.nextInt((int) (f.maxCode() - f.minCode() + 1));
                }
                for (int s = previous - 1; s > 0; s--) {
                    int k = rnd.nextInt(s + 1);
                    int ts = src[s];
                    src[s] = src[k];
                    src[k] = ts;
                }
                long b = f.minCode() + rnd.nextInt((int) (f.maxCode() - f.minCode() + 1));
                neurons.add(Neuron.of(b, src, w));
            }
            layers.add(Layer.of(neurons));
            previous = width;
        }
        return Network.of(ar, Accumulation.PER_OP, Activations.named(act), 1, layers, Map.of());
    }
}

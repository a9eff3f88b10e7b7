package dev.fxnet.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.arith.FloatOverflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Floating-point networks (SPEC §8): FastEvaluator (one point and every point), GridEvaluator and
 * ReferenceEvaluator agree with {@link FloatSpecOracle}, an evaluator written from the SPEC that
 * shares no code with fxnet's arithmetic, on every input of random e4m3, e2m1, e5m2 and
 * float(3,2) networks, PER_OP and WIDE, in all nine modes and every overflow policy the format
 * allows; the test checks that infinities and NaN do occur where the policy allows them.
 */
class FloatEvaluatorAgreementTest {
    private record Case(String format, String specials, int e, int m, int bias, String overflow) {
    }

    private static final List<Case> CASES = List.of(
            new Case("e4m3", "FN", 4, 3, 7, "SATFINITE"), new Case("e4m3", "FN", 4, 3, 7, "NAN"),
            new Case("e2m1", "FINITE", 2, 1, 1, "SATFINITE"),
            new Case("e5m2", "IEEE", 5, 2, 15, "SATFINITE"), new Case("e5m2", "IEEE", 5, 2, 15, "INF"),
            new Case("float(3,2)", "IEEE", 3, 2, 3, "INF"));

    /** A random finite code, often an extreme or a small one, so that overflow, ties and zeros happen. */
    static long code(Random r, long n) {
        switch (r.nextInt(5)) {
            case 0:
                return (r.nextBoolean() ? 1 : -1) * (n - r.nextInt(3));
            case 1:
                return r.nextInt(5) - 2;
            default:
                return -n + (long) (r.nextDouble() * (2 * n + 1));
        }
    }

    static Network network(Random r, FloatArithmetic ar, Accumulation acc, String act, int d) {
        long n = ar.maxCode();
        List<Layer> layers = new ArrayList<>();
        int previous = d;
        int hidden = 1 + r.nextInt(2);
        for (int l = 0; l <= hidden; l++) {
            int width = l == hidden ? 1 + r.nextInt(2) : 1 + r.nextInt(3);
            List<Neuron> ns = new ArrayList<>();
            for (int j = 0; j < width; j++) {
                List<Integer> src = new ArrayList<>();
                for (int s = 0; s < previous; s++) {
                    if (r.nextInt(5) != 0) {
                        src.add(s);
                    }
                }
                java.util.Collections.shuffle(src, r);
                long[] w = new long[src.size()];
                for (int i = 0; i < w.length; i++) {
                    w[i] = code(r, n);
                }
                ns.add(Neuron.of(code(r, n), src.stream().mapToInt(Integer::intValue).toArray(), w));
            }
            layers.add(Layer.of(ns));
            previous = width;
        }
        return Network.of(ar, acc, Activations.named(act), d, layers, Map.of());
    }

    @Test
    void everyEvaluatorAgreesWithTheSpecOracleOnEveryInput() {
        Random rnd = new Random(815);
        long points = 0;
        long specials = 0;
        for (Case c : CASES) {
            FloatFormat f = FloatFormat.parse(c.format());
            long caseSpecials = 0;
            for (Rounding mode : Rounding.values()) {
                FloatArithmetic ar = FloatArithmetic.of(f, mode, FloatOverflow.valueOf(c.overflow()));
                FloatSpecOracle oracle = new FloatSpecOracle(c.e(), c.m(), c.bias(), c.specials(), c.overflow(),
                        mode.name());
                assertEquals(oracle.n(), ar.maxCode(), c.format() + ": number of positive finite values");
                for (Accumulation acc : Accumulation.values()) {
                    for (String act : new String[] {"relu", "identity", "hardtanh"}) {
                        int d = ar.size() <= 64 ? 2 : 1;
                        Network net = network(rnd, ar, acc, act, d);
                        caseSpecials += compare(net, oracle, d);
                        points += InputSpace.of(ar, d).size();
                    }
                }
            }
            if (!c.overflow().equals("SATFINITE")) {
                assertTrue(caseSpecials > 0, c + ": no infinity or NaN appeared; the test would not test them");
            } else {
                assertEquals(0, caseSpecials, c + ": a special under SATFINITE");
            }
            specials += caseSpecials;
        }
        System.out.println("FloatEvaluatorAgreementTest: " + points + " points, " + specials + " special outputs");
    }

    /** Compares every evaluator with the oracle on every input; returns the number of special outputs. */
    private static long compare(Network net, FloatSpecOracle oracle, int d) {
        return compare(net, oracle, d, 1);
    }

    /**
     * As {@link #compare(Network, FloatSpecOracle, int)}, on every {@code stride}-th point and the 256
     * points at each end and around zero (all points are still evaluated by the whole-grid methods).
     */
    private static long compare(Network net, FloatSpecOracle oracle, int d, int stride) {
        FastEvaluator fast = new FastEvaluator(net);
        ReferenceEvaluator ref = new ReferenceEvaluator(net);
        int[] all = fast.evaluateAll(null);
        int[] grid = new GridEvaluator(net).evaluateAll(null);
        InputSpace space = InputSpace.of(net.arithmetic(), d);
        int m = net.outputs();
        long specials = 0;
        long middle = space.size() / 2;
        for (long i = 0; i < space.size(); i++) {
            if (i % stride != 0 && i >= 256 && i < space.size() - 256 && Math.abs(i - middle) > 256) {
                continue;
            }
            long[] x = space.point(i);
            long[] expected = oracle.evaluate(net, x);
            String where = net + " at " + java.util.Arrays.toString(x);
            assertArrayEquals(expected, ref.evaluate(x), "reference: " + where);
            assertArrayEquals(expected, fast.evaluate(x), "fast: " + where);
            for (int o = 0; o < m; o++) {
                assertEquals(expected[o], all[(int) (i * m + o)], "fast, all points: " + where);
                if (!net.arithmetic().isFinite(expected[o])) {
                    specials++;
                }
            }
            assertEquals(expected[0], grid[(int) i], "grid: " + where);
        }
        return specials;
    }

    @Test
    void sixteenBitFormatsAgreeOnSampledFiniteInputs() {
        Random rnd = new Random(16);
        long specials = 0;
        long points = 0;
        String[][] cases = {{"binary16", "5", "10", "15", "INF", "PER_OP"}, {"bfloat16", "8", "7", "127", "INF", "WIDE"}};
        for (String[] c : cases) {
            for (Accumulation acc : List.of(Accumulation.valueOf(c[5]))) {
                // modes that overflow to +inf at positive sums, so that infinities and NaN do appear
                Rounding mode = List.of(Rounding.HALF_EVEN, Rounding.HALF_UP, Rounding.UP, Rounding.CEILING)
                        .get(rnd.nextInt(4));
                FloatArithmetic ar = FloatArithmetic.of(FloatFormat.parse(c[0]), mode, FloatOverflow.valueOf(c[4]));
                FloatSpecOracle oracle = new FloatSpecOracle(Integer.parseInt(c[1]), Integer.parseInt(c[2]),
                        Integer.parseInt(c[3]), "IEEE", c[4], mode.name());
                assertEquals(oracle.n(), ar.maxCode(), c[0]);
                long n = ar.maxCode();
                // h0 = relu(b + Omega x) overflows for x > 1; the output adds Omega h0 and -Omega h0 (inf - inf)
                Network net = Network.of(ar, acc, Activations.named("relu"), 1, List.of(
                        Layer.of(Neuron.dense(code(rnd, n), n), Neuron.dense(code(rnd, n), code(rnd, n))),
                        Layer.of(Neuron.dense(code(rnd, n), n, code(rnd, n)), Neuron.dense(0, n, -n))), Map.of());
                specials += compare(net, oracle, 1, 61);
                points += ar.size();
            }
        }
        assertTrue(specials > 0, "no infinity or NaN appeared");
        System.out.println("FloatEvaluatorAgreementTest, 16 bits: " + points + " points, " + specials
                + " special outputs among those compared");
    }
}

package dev.fxnet.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.arith.FloatOverflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.eval.ReferenceEvaluator;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.NetworkJson;
import dev.fxnet.network.Neuron;
import dev.fxnet.activation.Activations;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SPEC §8 ONNX export of binary16 and bfloat16 (computed in float64, HALF_EVEN, PER_OP) run in
 * ONNX Runtime against the reference evaluator: one-input networks on every finite input,
 * two-input networks on random and hard points (powers of two and their neighbours, the smallest
 * subnormal, Omega, ties of the rounding, sums that overflow or cancel), and the bare {@code (+)}
 * {@code x0 (+) x1} on the hard pairs.
 */
class Float16OnnxExportTest {
    private static final String[] FORMATS = {"binary16", "bfloat16"};

    private static final boolean LONG = Boolean.getBoolean("fxnet.longTests");
    private static final String[] ACTIVATIONS = {"relu", "sigmoid", "gelu", "identity"};

    @Test
    void everyFiniteInputOfOneInputNetworks() throws Exception {
        Ort.env();
        Random rnd = new Random(1516);
        long points = 0;
        int nets = 0;
        for (String name : FORMATS) {
            for (FloatOverflow o : new FloatOverflow[] {FloatOverflow.SATFINITE, FloatOverflow.INF}) {
                FloatArithmetic ar = FloatArithmetic.of(FloatFormat.parse(name), Rounding.HALF_EVEN, o);
                for (String act : ACTIVATIONS) {
                    Network net = network(rnd, ar, act, 1);
                    if (!LONG && (act.equals("gelu") || act.equals("identity"))) {
                        continue; // -Plong: all four activations on every finite input
                    }
                    InputSpace space = InputSpace.of(ar, 1);
                    List<long[]> xs = new ArrayList<>();
                    for (long i = 0; i < space.size(); i++) {
                        xs.add(space.point(i));
                    }
                    points += compare(net, xs);
                    nets++;
                }
            }
        }
        for (String act : new String[] {"relu", "sigmoid"}) { // a 16-bit format with FN specials, overflow to NaN
            FloatArithmetic ar = FloatArithmetic.of(FloatFormat.parse("float(5,10,specials=FN)"), Rounding.HALF_EVEN,
                    FloatOverflow.NAN);
            Network net = network(rnd, ar, act, 1);
            InputSpace space = InputSpace.of(ar, 1);
            List<long[]> xs = new ArrayList<>();
            for (long i = 0; i < space.size(); i++) {
                xs.add(space.point(i));
            }
            points += compare(net, xs);
            nets++;
        }
        int i = 0;
        for (Rounding mode : Rounding.values()) { // binary16's sums are exact in float64: every mode exports
            for (FloatOverflow o : new FloatOverflow[] {FloatOverflow.SATFINITE, FloatOverflow.INF}) {
                FloatArithmetic ar = FloatArithmetic.of(FloatFormat.parse("binary16"), mode, o);
                Network net = network(rnd, ar, ACTIVATIONS[i++ % ACTIVATIONS.length], 1);
                InputSpace space = InputSpace.of(ar, 1);
                List<long[]> xs = new ArrayList<>();
                for (long c = 0; c < space.size(); c++) {
                    xs.add(space.point(c));
                }
                points += compare(net, xs);
                nets++;
            }
            // infinities as operands: x * Omega overflows (to inf where the mode allows), then
            // +-inf * -+1 and +-inf + Omega must stay infinite in every mode
            FloatArithmetic ar = FloatArithmetic.of(FloatFormat.parse("binary16"), mode, FloatOverflow.INF);
            long omega = ar.maxCode();
            long one = one(ar);
            Network inf = Network.of(ar, Accumulation.PER_OP, Activations.named("identity"), 1, List.of(
                    Layer.of(Neuron.of(0, new int[] {0}, new long[] {omega}), Neuron.of(0, new int[] {0}, new long[] {-omega})),
                    Layer.of(Neuron.of(0, new int[] {0}, new long[] {-one}), Neuron.of(omega, new int[] {1}, new long[] {-one}),
                            Neuron.of(-omega, new int[] {0, 1}, new long[] {one, one}))), Map.of());
            InputSpace space = InputSpace.of(ar, 1);
            List<long[]> xs = new ArrayList<>();
            for (long c = 0; c < space.size(); c++) {
                xs.add(space.point(c));
            }
            points += compare(inf, xs);
            nets++;
        }
        System.out.println("float ONNX export, 16 bits, d=1: " + nets + " networks, " + points
                + " inputs (every finite input), 0 mismatches");
    }

    @Test
    void randomAndHardPointsOfTwoInputNetworks() throws Exception {
        Ort.env();
        Random rnd = new Random(1517);
        long points = 0;
        int nets = 0;
        for (String name : FORMATS) {
            for (FloatOverflow o : new FloatOverflow[] {FloatOverflow.SATFINITE, FloatOverflow.INF}) {
                FloatArithmetic ar = FloatArithmetic.of(FloatFormat.parse(name), Rounding.HALF_EVEN, o);
                List<long[]> xs = points(rnd, ar, 3000, 3000);
                for (String act : ACTIVATIONS) {
                    points += compare(network(rnd, ar, act, 2), xs);
                    nets++;
                }
                Network adder = Network.of(ar, Accumulation.PER_OP, Activations.named("identity"), 2,
                        List.of(Layer.of(Neuron.of(0, new int[] {0, 1}, new long[] {one(ar), one(ar)}))), Map.of());
                int pairs = Boolean.getBoolean("fxnet.longTests") ? 500_000 : 40_000; // -Dfxnet.longTests=true: a longer run
                points += compare(adder, points(rnd, ar, pairs, pairs));
                nets++;
            }
        }
        int i = 0;
        for (Rounding mode : Rounding.values()) { // binary16 (+) in every mode: ties, cancellation, overflow
            FloatOverflow o = i++ % 2 == 0 ? FloatOverflow.INF : FloatOverflow.SATFINITE;
            FloatArithmetic ar = FloatArithmetic.of(FloatFormat.parse("binary16"), mode, o);
            Network adder = Network.of(ar, Accumulation.PER_OP, Activations.named("identity"), 2,
                    List.of(Layer.of(Neuron.of(0, new int[] {0, 1}, new long[] {one(ar), one(ar)}))), Map.of());
            points += compare(adder, points(rnd, ar, 20000, 20000));
            nets++;
        }
        System.out.println("float ONNX export, 16 bits, d=2: " + nets + " networks, " + points
                + " random and hard inputs, 0 mismatches");
    }

    @Test
    void refusesOtherModesAndWide() {
        FloatFormat f = FloatFormat.parse("bfloat16");
        Network down = network(new Random(3), FloatArithmetic.of(f, Rounding.DOWN, FloatOverflow.SATFINITE),
                "relu", 1);
        ExportException e = assertThrows(ExportException.class, () -> OnnxExporter.export(down));
        assertTrue(e.getMessage().contains("HALF_EVEN"), e.getMessage());
        FloatArithmetic bf = FloatArithmetic.of(FloatFormat.parse("bfloat16"));
        Network wide = Network.of(bf, Accumulation.WIDE, Activations.named("relu"), 1,
                List.of(Layer.of(Neuron.of(0, new int[] {0}, new long[] {one(bf)}))), Map.of());
        e = assertThrows(ExportException.class, () -> OnnxExporter.export(wide));
        assertTrue(e.getMessage().contains("PER_OP"), e.getMessage());
    }

    private static long one(FloatArithmetic ar) {
        return ar.codeOf(BigDecimal.ONE).orElseThrow();
    }

    /** Hard values: 0, powers of two of every binade and their neighbours, Omega and its neighbour, with both signs. */
    private static List<Long> hard(FloatArithmetic ar) {
        FloatFormat f = ar.format();
        List<Long> h = new ArrayList<>();
        long n = f.maxCode();
        for (long c : new long[] {0, 1, 2, 3, n, n - 1, n - 2, (1L << f.mantissaBits()) - 1, 1L << f.mantissaBits()}) {
            h.add(c);
        }
        for (int j = f.emin() - f.mantissaBits(); j <= f.emax(); j++) {
            long c = ar.codeOf(new BigDecimal(Math.scalb(1.0, j))).orElseThrow();
            h.add(c);
            h.add(c + 1);
            h.add(Math.max(0, c - 1));
            h.add(Math.min(n, c + 3)); // odd significands: ties of (+) round to the even neighbour
        }
        List<Long> signed = new ArrayList<>();
        for (long c : h) {
            signed.add(c);
            signed.add(-c);
        }
        return signed;
    }

    /** {@code random} uniform points, {@code hardPairs} points with both coordinates hard or one hard and one scaled. */
    private static List<long[]> points(Random r, FloatArithmetic ar, int random, int hardPairs) {
        List<long[]> xs = new ArrayList<>();
        long n = ar.maxCode();
        for (int i = 0; i < random; i++) {
            xs.add(new long[] {-n + (long) (r.nextDouble() * (2 * n + 1)), -n + (long) (r.nextDouble() * (2 * n + 1))});
        }
        List<Long> h = hard(ar);
        for (int i = 0; i < hardPairs; i++) {
            long a = h.get(r.nextInt(h.size()));
            long b = h.get(r.nextInt(h.size()));
            if (r.nextInt(4) == 0) { // a neighbour of a: sums cancel
                b = Math.max(-n, Math.min(n, -a + r.nextInt(5) - 2));
            }
            xs.add(new long[] {a, b});
        }
        return xs;
    }

    /** Random codes: uniform, near +-1 (moderate sums, ties), tiny, or +-Omega. */
    private static long code(Random r, FloatArithmetic ar) {
        long n = ar.maxCode();
        long sign = r.nextBoolean() ? 1 : -1;
        switch (r.nextInt(5)) {
            case 0:
                return -n + (long) (r.nextDouble() * (2 * n + 1));
            case 1:
                return sign * (one(ar) + r.nextInt(600) - 300);
            case 2:
                return sign * r.nextInt(4);
            case 3:
                return sign * (n - r.nextInt(2));
            default:
                return sign * (one(ar) + r.nextInt(40) - 20);
        }
    }

    private static Network network(Random r, FloatArithmetic ar, String act, int d) {
        List<Layer> layers = new ArrayList<>();
        int previous = d;
        int hidden = 1 + r.nextInt(2);
        for (int l = 0; l <= hidden; l++) {
            int width = l == hidden ? 1 + r.nextInt(2) : 1 + r.nextInt(3);
            List<Neuron> ns = new ArrayList<>();
            for (int j = 0; j < width; j++) {
                List<Integer> all = new ArrayList<>();
                for (int s = 0; s < previous; s++) {
                    all.add(s);
                }
                java.util.Collections.shuffle(all, r);
                int fan = r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(previous);
                int[] src = new int[fan];
                long[] w = new long[fan];
                for (int i = 0; i < fan; i++) {
                    src[i] = all.get(i);
                    w[i] = code(r, ar);
                }
                ns.add(Neuron.of(code(r, ar), src, w));
            }
            layers.add(Layer.of(ns));
            previous = width;
        }
        return Network.of(ar, Accumulation.PER_OP, Activations.named(act), d, layers, Map.of());
    }

    /** Output patterns seen, by class: [zero, subnormal, normal, Omega, infinity, NaN] (the tests cover every class). */
    private static final long[] SEEN = new long[6];

    private static void count(FloatFormat f, long code) {
        long a = Math.abs(code);
        int cls = code == f.nanCode() ? 5 : a > f.maxCode() ? 4 : a == f.maxCode() ? 3
                : a == 0 ? 0 : a < 1L << f.mantissaBits() ? 1 : 2;
        SEEN[cls]++;
    }

    @org.junit.jupiter.api.AfterAll
    static void report() {
        System.out.println("16-bit ONNX outputs compared [zero, subnormal, normal, Omega, inf, NaN]: "
                + java.util.Arrays.toString(SEEN));
    }

    private static long compare(Network net, List<long[]> xs) throws Exception {
        FloatFormat f = ((FloatArithmetic) net.arithmetic()).format();
        int n = xs.size();
        int d = net.inputs();
        int o = net.outputs();
        int[] x = new int[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = f.bits(xs.get(i)[j]);
            }
        }
        int[] y;
        try (OrtSession s = Ort.session(OnnxExporter.export(net))) {
            y = Ort.run(s, x, n, d);
        }
        assertEquals((long) n * o, y.length);
        ReferenceEvaluator ref = new ReferenceEvaluator(net);
        for (int i = 0; i < n; i++) {
            long[] out = ref.evaluate(xs.get(i));
            for (int k = 0; k < o; k++) {
                count(f, out[k]);
                if (f.bits(out[k]) != y[i * o + k]) {
                    throw new AssertionError("x=" + java.util.Arrays.toString(xs.get(i)) + " output " + k
                            + ": reference pattern " + f.bits(out[k]) + ", onnx " + y[i * o + k] + "\n"
                            + NetworkJson.toJson(net));
                }
            }
        }
        return n;
    }
}

package dev.fxnet.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.fxnet.activation.Activation;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.eval.ReferenceEvaluator;
import dev.fxnet.network.Network;
import dev.fxnet.network.NetworkJson;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Exported ONNX models, run in ONNX Runtime, against {@link ReferenceEvaluator} on every input. */
class OnnxExportTest {
    private static final int[][] SMALL = {{0, 2}, {2, 0}, {1, 2}, {2, 2}, {0, 4}, {3, 1}, {1, 3}};

    @Test
    void everyModeAndKindOnEveryInput() throws Exception {
        Random rnd = new Random(20261129);
        long networks = 0;
        long points = 0;
        int formatIndex = 0;
        int actIndex = 0;
        int scans = 0;
        java.util.List<Activation> acts = RandomNetworks.activations();
        long start = System.nanoTime();
        for (Rounding r : Rounding.values()) {
            for (RandomNetworks.Kind kind : RandomNetworks.KINDS) {
                for (Accumulation acc : Accumulation.values()) {
                    for (int rep = 0; rep < 3; rep++) {
                        Activation act = acts.get(actIndex++ % acts.size());
                        int[] pq = SMALL[formatIndex++ % SMALL.length];
                        FixedPointFormat f = FixedPointFormat.of(pq[0], pq[1], kind.encoding());
                        FixedPointArithmetic ar = FixedPointArithmetic.of(f, r, kind.overflow());
                        int d = 1 + rnd.nextInt(2);
                        Network net = RandomNetworks.random(rnd, ar, acc, act, d,
                                randomWidths(rnd));
                        points += compareAll(net);
                        networks++;
                        if (maxFanIn(net) >= OnnxExporter.SCAN_RUN) {
                            scans++;
                        }
                    }
                }
            }
        }
        System.out.println("ONNX export: " + networks + " random networks (" + acts.size() + " activations), " + points
                + " inputs, 0 mismatches, " + (System.nanoTime() - start) / 1_000_000 + " ms; " + scans
                + " networks with a fan-in >= " + OnnxExporter.SCAN_RUN + " (Scan)");
        assertTrue(scans >= 20, "scans " + scans);
    }

    static int maxFanIn(Network net) {
        int m = 0;
        for (dev.fxnet.network.Layer l : net.layers()) {
            for (dev.fxnet.network.Neuron n : l.neurons()) {
                m = Math.max(m, n.fanIn());
            }
        }
        return m;
    }

    @Test
    void specExampleAndItsJsonRoundTrip() throws Exception {
        String json = "{\"fxnet\":1,\"format\":{\"intBits\":2,\"fracBits\":1,\"encoding\":\"SYMMETRIC\"},"
                + "\"arithmetic\":{\"rounding\":\"HALF_EVEN\",\"overflow\":\"SATURATE\",\"accumulation\":\"PER_OP\"},"
                + "\"activation\":\"relu\",\"inputs\":1,\"layers\":[[{\"bias\":0,\"weights\":[[0,2]]},"
                + "{\"bias\":-1,\"weights\":[[0,2]]}],[{\"bias\":0,\"weights\":[[0,2],[1,-2]]}]],\"meta\":{}}";
        Network net = NetworkJson.parse(json);
        assertEquals(15, compareAll(net));
    }

    /** Wide formats up to the limits: boundary and random inputs (not all of F^d). */
    @Test
    void largeFormatsOnSampledInputs() throws Exception {
        Random rnd = new Random(7);
        int[][] formats = {{0, 30}, {30, 0}, {15, 15}, {8, 8}, {0, 20}, {20, 0}};
        long networks = 0;
        long points = 0;
        int kindIndex = 0;
        long start = System.nanoTime();
        for (int[] pq : formats) {
            for (Rounding r : Rounding.values()) {
                for (Accumulation acc : Accumulation.values()) {
                    {
                        RandomNetworks.Kind kind = RandomNetworks.KINDS.get(kindIndex++ % RandomNetworks.KINDS.size());
                        FixedPointFormat f = FixedPointFormat.of(pq[0], pq[1], kind.encoding());
                        FixedPointArithmetic ar = FixedPointArithmetic.of(f, r, kind.overflow());
                        java.util.List<Activation> acts = RandomNetworks.activations();
                        // built-in tables of 2^21 codes take a while to compute: only at p=8,q=8
                        Activation act = pq[0] == 8 ? acts.get(rnd.nextInt(acts.size()))
                                : pq[0] + pq[1] <= ExportLimits.MAX_TABLE_MAGNITUDE_BITS && rnd.nextBoolean()
                                ? RandomNetworks.TABLED
                                : Activations.named(rnd.nextBoolean() ? "relu" : "identity");
                        int d = 1 + rnd.nextInt(3);
                        Network net = RandomNetworks.random(rnd, ar, acc, act, d, randomWidths(rnd));
                        try {
                            ExportLimits.check(net);
                        } catch (ExportException e) { // WIDE sums beyond int64: refused, covered below
                            assertEquals(Accumulation.WIDE, acc);
                            continue;
                        }
                        points += compareSampled(net, rnd, 300);
                        networks++;
                    }
                }
            }
        }
        System.out.println("ONNX export, wide formats: " + networks + " random networks, " + points
                + " sampled inputs, 0 mismatches, " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertTrue(networks > 90, "networks " + networks);
    }

    /** At the table limit p + q = 20 (and at 18), every input. */
    @Test
    void tableLimitOnEveryInput() throws Exception {
        Random rnd = new Random(11);
        long points = 0;
        for (Accumulation acc : Accumulation.values()) {
            FixedPointFormat f = acc == Accumulation.WIDE ? FixedPointFormat.of(12, 6, Encoding.TWOS_COMPLEMENT)
                    : FixedPointFormat.of(4, 16, Encoding.TWOS_COMPLEMENT);
            FixedPointArithmetic ar = FixedPointArithmetic.of(f,
                    acc == Accumulation.WIDE ? Rounding.HALF_EVEN : Rounding.HALF_FLOOR,
                    acc == Accumulation.WIDE ? Overflow.WRAP : Overflow.SATURATE);
            points += compareAll(RandomNetworks.random(rnd, ar, acc, RandomNetworks.TABLED, 1, 3, 2, 1));
        }
        System.out.println("ONNX export at p+q=20 and 18: 2 networks, " + points + " inputs, 0 mismatches");
    }

    /** Networks shaped like the universal constructions, sparse and binary-weight, on every input. */
    @Test
    void universalShapedNetworksOnEveryInput() throws Exception {
        Random rnd = new Random(55);
        long networks = 0;
        long points = 0;
        int i = 0;
        java.util.List<Activation> acts = RandomNetworks.activations();
        for (Rounding r : Rounding.values()) {
            for (Accumulation acc : Accumulation.values()) {
                RandomNetworks.Kind kind = RandomNetworks.KINDS.get(i % 3);
                int[] pq = i % 2 == 0 ? new int[] {1, 1} : new int[] {0, 2};
                FixedPointFormat f = FixedPointFormat.of(pq[0], pq[1], kind.encoding());
                FixedPointArithmetic ar = FixedPointArithmetic.of(f, r, kind.overflow());
                Network net = RandomNetworks.universalShaped(rnd, ar, acc, acts.get(i % acts.size()), 2,
                        1 + i % 2, i % 4 >= 2);
                i++;
                try {
                    ExportLimits.check(net);
                } catch (ExportException e) {
                    continue;
                }
                points += compareAll(net);
                networks++;
            }
        }
        System.out.println("ONNX export, universal-shaped (sparse and binary): " + networks + " networks, " + points
                + " inputs, 0 mismatches");
        assertTrue(networks >= 12, "networks " + networks);
    }

    /** WIDE sums exactly at the int64 export limit, every mode; one step beyond is refused. */
    @Test
    void wideSumAtTheLimit() throws Exception {
        Random rnd = new Random(8);
        long points = 0;
        for (Rounding r : Rounding.values()) {
            for (Overflow ovf : Overflow.values()) {
                Network net = RandomNetworks.wideAtLimit(r, ovf, 0);
                long[][] xs = RandomNetworks.wideAtLimitInputs(rnd, 50);
                int[] x = new int[xs.length * 7];
                for (int i = 0; i < xs.length; i++) {
                    for (int j = 0; j < 7; j++) {
                        x[i * 7 + j] = (int) xs[i][j];
                    }
                }
                compare(net, x, xs.length);
                points += xs.length;
                assertThrows(ExportException.class, () -> OnnxExporter.export(RandomNetworks.wideAtLimit(r, ovf, 1)));
            }
        }
        System.out.println("ONNX export, WIDE at the int64 limit: 18 networks, " + points + " inputs, 0 mismatches");
    }

    @Test
    void refusesBeyondLimits() {
        FixedPointArithmetic ar21 = FixedPointArithmetic.of(FixedPointFormat.of(11, 10, Encoding.SYMMETRIC));
        Network tabled = RandomNetworks.random(new Random(1), ar21, Accumulation.PER_OP, RandomNetworks.TABLED, 1, 2, 1);
        ExportException e = assertThrows(ExportException.class, () -> OnnxExporter.export(tabled));
        assertTrue(e.getMessage().contains("p + q = 20"), e.getMessage());
        // no hidden layer: no table needed, accepted
        OnnxExporter.export(RandomNetworks.random(new Random(1), ar21, Accumulation.PER_OP, RandomNetworks.TABLED, 1, 2));

        FixedPointFormat f = FixedPointFormat.of(0, 30, Encoding.TWOS_COMPLEMENT);
        FixedPointArithmetic ar = FixedPointArithmetic.of(f, Rounding.FLOOR, Overflow.WRAP);
        long min = f.minCode();
        Network wide = Network.of(ar, Accumulation.WIDE, Activations.named("relu"), 8,
                java.util.List.of(dev.fxnet.network.Layer.of(
                        dev.fxnet.network.Neuron.dense(min, min, min, min, min, min, min, min, min))),
                java.util.Map.of());
        e = assertThrows(ExportException.class, () -> OnnxExporter.export(wide));
        assertTrue(e.getMessage().contains("beyond int64"), e.getMessage());
        // the same with PER_OP is fine
        OnnxExporter.export(Network.of(ar, Accumulation.PER_OP, wide.activation(), 8, wide.layers(), null));
    }

    static int[] randomWidths(Random rnd) {
        int depth = 1 + rnd.nextInt(3);
        int[] w = new int[depth];
        for (int i = 0; i < depth; i++) {
            // now and then a wide hidden layer, so that the next layer has runs of >= SCAN_RUN terms
            w[i] = i < depth - 1 && rnd.nextInt(3) == 0 ? 8 + rnd.nextInt(13) : 1 + rnd.nextInt(i == depth - 1 ? 3 : 5);
        }
        return w;
    }

    /** Compares on every point of F^d; returns the number of points. */
    static long compareAll(Network net) throws OrtException {
        InputSpace space = InputSpace.of(net.format(), net.inputs());
        int n = (int) space.size();
        int d = net.inputs();
        int[] x = new int[n * d];
        long[] p = new long[d];
        for (int i = 0; i < n; i++) {
            space.point(i, p);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (int) p[j];
            }
        }
        compare(net, x, n);
        return n;
    }

    static long compareSampled(Network net, Random rnd, int n) throws OrtException {
        FixedPointFormat f = net.format();
        int d = net.inputs();
        int[] x = new int[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (int) RandomNetworks.code(rnd, f);
        }
        compare(net, x, n);
        return n;
    }

    private static void compare(Network net, int[] x, int n) throws OrtException {
        long t0 = System.nanoTime();
        byte[] model = OnnxExporter.export(net);
        int d = net.inputs();
        int o = net.outputs();
        int[] y;
        long t1 = System.nanoTime();
        try (OrtSession s = Ort.session(model)) {
            y = Ort.run(s, x, n, d);
        }
        long t2 = System.nanoTime();
        if (n > 100000) {
            System.out.println("  " + n + " inputs: export " + (t1 - t0) / 1000000 + " ms, onnxruntime "
                    + (t2 - t1) / 1000000 + " ms");
        }
        assertEquals((long) n * o, y.length);
        ReferenceEvaluator ref = new ReferenceEvaluator(net);
        long[] in = new long[d];
        long[] out = new long[o];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                in[j] = x[i * d + j];
            }
            ref.evaluate(in, out);
            for (int k = 0; k < o; k++) {
                if (out[k] != y[i * o + k]) {
                    throw new AssertionError("mismatch at x=" + java.util.Arrays.toString(in) + " output " + k
                            + ": reference " + out[k] + ", onnx " + y[i * o + k] + "\n" + NetworkJson.toJson(net));
                }
            }
        }
    }
}

package dev.fxnet.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §8 C export: random networks over every small float format, in all nine modes, every
 * overflow policy the format allows and both accumulations, compiled with gcc's strict flags and
 * run on every finite input; every output pattern must be the reference evaluator's.
 */
class FloatCExportTest {
    private static final String[] FORMATS = {"e4m3", "e5m2", "e3m2", "e2m3", "e2m1", "float(3,4)",
        "float(2,2,bias=3,specials=FN)", "float(1,1,specials=FINITE)"};
    private static final String[] ACTIVATIONS = {"relu", "sigmoid", "identity", "gelu", "tanh", "softplus",
        "leaky_relu", "elu", "hardswish", "step", "silu", "mish", "gelu_tanh", "hardtanh", "hardsigmoid"};

    @TempDir
    Path dir;

    @Test
    void everyFormatModeAndPolicyOnEveryInput() throws Exception {
        Gcc.require();
        Random rnd = new Random(815);
        List<Network> nets = new ArrayList<>();
        int refused = 0;
        int i = 0;
        for (String name : FORMATS) {
            FloatFormat f = FloatFormat.parse(name);
            for (Rounding r : Rounding.values()) {
                FloatOverflow o = policies(f).get(i % policies(f).size());
                Accumulation acc = Accumulation.values()[(i / 2) % 2];
                FloatArithmetic ar = FloatArithmetic.of(f, r, o);
                Network net = network(rnd, ar, acc, ACTIVATIONS[i % ACTIVATIONS.length], d(f));
                i++;
                if (name.equals("e5m2") && acc == Accumulation.WIDE) {
                    // products up to 2^63.6 units: two limbs in C, refused by the ONNX export
                    ExportException e = assertThrows(ExportException.class, () -> OnnxExporter.export(net));
                    assertTrue(e.getMessage().contains("int64"), e.getMessage());
                    refused++;
                }
                nets.add(net);
            }
        }
        long start = System.nanoTime();
        long points = compileAndCompare(nets);
        System.out.println("float C export: " + nets.size() + " networks, " + points + " inputs, 0 mismatches ("
                + refused + " e5m2 WIDE: exported in C, refused by ONNX), " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    /**
     * binary16 and bfloat16 (computed (+)/(*), tau as fxnet's table): one-input networks in all
     * nine modes, SATFINITE and INF alternating, on every finite input (WIDE: Float16WideCExportTest).
     */
    @Test
    void sixteenBitFormatsOnEveryInput() throws Exception {
        Gcc.require();
        Random rnd = new Random(1616);
        List<Network> nets = new ArrayList<>();
        int i = 0;
        for (String name : new String[] {"binary16", "bfloat16"}) {
            FloatFormat f = FloatFormat.parse(name);
            for (Rounding r : Rounding.values()) {
                FloatOverflow o = i % 2 == 0 ? FloatOverflow.SATFINITE : FloatOverflow.INF;
                FloatArithmetic ar = FloatArithmetic.of(f, r, o);
                nets.add(network(rnd, ar, Accumulation.PER_OP, ACTIVATIONS[i % ACTIVATIONS.length], 1));
                i++;
            }
        }
        long start = System.nanoTime();
        long points = compileAndCompare(nets);
        System.out.println("float C export, 16 bits: " + nets.size() + " networks, " + points
                + " inputs, 0 mismatches, " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    private static List<FloatOverflow> policies(FloatFormat f) {
        List<FloatOverflow> p = new ArrayList<>(List.of(FloatOverflow.SATFINITE));
        if (f.hasInfinity()) {
            p.add(FloatOverflow.INF);
        } else if (f.hasNaN()) {
            p.add(FloatOverflow.NAN);
        }
        return p;
    }

    /** As many inputs as keep every finite input below about 4096 points. */
    private static int d(FloatFormat f) {
        long n = f.maxCode() - f.minCode() + 1;
        return n * n * n <= 4096 ? 3 : n * n <= 4096 ? 2 : 1;
    }

    /** Codes biased to zero, +-1, the extremes and the smallest values; large ones make overflow likely. */
    private static long code(Random r, FloatArithmetic ar) {
        long n = ar.maxCode();
        switch (r.nextInt(6)) {
            case 0:
                return (r.nextBoolean() ? 1 : -1) * (n - r.nextInt(2));
            case 1:
                return r.nextInt(5) - 2;
            case 2:
                return ar.codeOf(java.math.BigDecimal.ONE).orElse(1) * (r.nextBoolean() ? 1 : -1);
            default:
                return -n + (long) (r.nextDouble() * (2 * n + 1));
        }
    }

    static Network network(Random r, FloatArithmetic ar, Accumulation acc, String act, int d) {
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
                Collections.shuffle(src, r);
                long[] w = new long[src.size()];
                for (int i = 0; i < w.length; i++) {
                    w[i] = code(r, ar);
                }
                ns.add(Neuron.of(code(r, ar), src.stream().mapToInt(Integer::intValue).toArray(), w));
            }
            layers.add(Layer.of(ns));
            previous = width;
        }
        return Network.of(ar, acc, Activations.named(act), d, layers, Map.of());
    }

    /** Compiles each network (two gcc at a time), runs its main, compares every row; returns the rows. */
    private long compileAndCompare(List<Network> nets) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int k = 0; k < nets.size(); k++) {
                Network net = nets.get(k);
                String name = "fnet" + k;
                results.add(pool.submit(() -> compareOne(net, name)));
            }
            long points = 0;
            for (Future<Long> f : results) {
                points += f.get();
            }
            return points;
        } finally {
            pool.shutdownNow();
        }
    }

    private long compareOne(Network net, String name) throws Exception {
        Path exe = Gcc.compileMain(dir, name, CExporter.export(net));
        String out = Gcc.run(List.of(exe.toString()), 300);
        String[] lines = out.split("\n");
        FloatArithmetic ar = (FloatArithmetic) net.arithmetic();
        FloatFormat f = ar.format();
        InputSpace space = InputSpace.of(ar, net.inputs());
        assertEquals(space.size() + 1, lines.length, "rows of " + name);
        ReferenceEvaluator ref = new ReferenceEvaluator(net);
        for (long p = 0; p < space.size(); p++) {
            long[] x = space.point(p);
            long[] y = ref.evaluate(x);
            StringBuilder row = new StringBuilder();
            for (long v : x) {
                row.append(f.bits(v)).append(',');
            }
            for (int o = 0; o < y.length; o++) {
                row.append(f.bits(y[o])).append(o + 1 < y.length ? "," : "");
            }
            if (!row.toString().equals(lines[(int) p + 1])) {
                throw new AssertionError(name + " x=" + java.util.Arrays.toString(x) + ": expected " + row
                        + ", C gave " + lines[(int) p + 1] + "\n" + NetworkJson.toJson(net));
            }
        }
        return space.size();
    }
}

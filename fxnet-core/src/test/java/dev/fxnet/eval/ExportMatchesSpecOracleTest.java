package dev.fxnet.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OrtSession;
import dev.fxnet.activation.Activation;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.export.CExporter;
import dev.fxnet.export.Gcc;
import dev.fxnet.export.OnnxExporter;
import dev.fxnet.export.Ort;
import dev.fxnet.network.Network;
import dev.fxnet.network.NetworkJson;
import dev.fxnet.testing.RandomNetworks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exported ONNX models (in ONNX Runtime) and C files (through gcc) against {@link SpecOracle}, the
 * BigDecimal evaluator written from the SPEC alone, on every input: one random network per rounding
 * mode, arithmetic kind and accumulation.
 */
class ExportMatchesSpecOracleTest {
    @TempDir
    Path dir;

    @Test
    void onnxAndCMatchTheSpecOracleOnEveryInput() throws Exception {
        Random rnd = new Random(1234);
        List<String> names = Activations.names();
        List<Network> nets = new ArrayList<>();
        int i = 0;
        for (Rounding r : Rounding.values()) {
            for (Overflow ovf : Overflow.values()) {
                for (Encoding enc : Encoding.values()) {
                    if (ovf == Overflow.WRAP && enc == Encoding.SYMMETRIC) {
                        continue;
                    }
                    for (Accumulation acc : Accumulation.values()) {
                        int p = i % 3;
                        int q = (i / 3) % 3;
                        FixedPointFormat f = FixedPointFormat.of(p, q == 0 && p == 0 ? 1 : q, enc);
                        Activation act = Activations.named(names.get(i % names.size()));
                        nets.add(RandomNetworks.network(rnd, FixedPointArithmetic.of(f, r, ovf), acc, act,
                                1 + rnd.nextInt(2), 1 + rnd.nextInt(2), 3));
                        i++;
                    }
                }
            }
        }
        Gcc.require();
        Ort.env();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long points = 0;
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int k = 0; k < nets.size(); k++) {
                Network net = nets.get(k);
                String name = "oracle" + k;
                // C for half the networks, in a pattern that alternates both accumulations and the kinds
                boolean withC = (k + k / 2) % 2 == 0;
                results.add(pool.submit(() -> compare(net, name, withC)));
            }
            for (Future<Long> r : results) {
                points += r.get();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("ONNX exports (all " + nets.size() + " networks) and C exports (half of them) vs SpecOracle: "
                + points + " inputs, 0 mismatches, " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    private long compare(Network net, String name, boolean withC) throws Exception {
        InputSpace space = InputSpace.of(net.format(), net.inputs());
        int n = (int) space.size();
        int d = net.inputs();
        int o = net.outputs();
        int[] x = new int[n * d];
        for (int i = 0; i < n; i++) {
            long[] p = space.point(i);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (int) p[j];
            }
        }
        int[] onnx;
        try (OrtSession s = Ort.session(OnnxExporter.export(net))) {
            onnx = Ort.run(s, x, n, d);
        }
        String[] lines = null;
        if (withC) {
            Path exe = Gcc.compileMain(dir, name, CExporter.export(net));
            lines = Gcc.run(List.of(exe.toString()), 120).split("\n");
            assertEquals(n + 1, lines.length);
        }
        for (int i = 0; i < n; i++) {
            long[] expected = SpecOracle.evaluate(net, space.point(i));
            String[] cells = lines == null ? null : lines[i + 1].split(",");
            for (int k = 0; k < o; k++) {
                if (expected[k] != onnx[i * o + k] || (cells != null && expected[k] != Long.parseLong(cells[d + k]))) {
                    throw new AssertionError("point " + i + " output " + k + ": oracle " + expected[k] + ", onnx "
                            + onnx[i * o + k] + ", C " + (cells == null ? "-" : cells[d + k]) + "\n"
                            + NetworkJson.toJson(net));
                }
            }
        }
        return n;
    }
}

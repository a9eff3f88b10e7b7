package dev.fxnet.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Rounding;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.eval.ReferenceEvaluator;
import dev.fxnet.network.Network;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second ONNX Runtime: exported models run in {@code onnxruntime-node} (a much newer ONNX Runtime
 * than the Java one of the other tests; it caught an inexact int64 ReduceSum), against
 * {@link ReferenceEvaluator}. Skips unless {@code node} and the module are installed, which
 * {@code .ci/run} does with {@value #INSTALL}.
 */
class OnnxRuntimeNodeTest {
    static final String INSTALL = "npm install --prefix target/ort-node --ignore-scripts --no-audit --no-fund"
            + " onnxruntime-node@1.30.0";

    @TempDir
    Path dir;

    @Test
    void exportedModelsAreBitExactInOnnxRuntimeNode() throws Exception {
        String configured = System.getenv("FXNET_ORT_NODE_MODULES");
        Path modules = configured != null ? Path.of(configured) : Path.of("target", "ort-node", "node_modules");
        boolean present = Files.isDirectory(modules.resolve("onnxruntime-node"));
        if (!present) {
            System.err.println("SKIP: onnxruntime-node not installed in " + modules + "; to run: " + INSTALL);
        }
        Assumptions.assumeTrue(present, () -> "onnxruntime-node not installed; to run: " + INSTALL);
        String node;
        try {
            node = Gcc.run(List.of("node", "--version"), 60).trim();
        } catch (java.io.IOException e) {
            node = "";
        }
        boolean nodeRuns = node.startsWith("v");
        if (!nodeRuns) {
            System.err.println("SKIP: no node on PATH");
        }
        Assumptions.assumeTrue(nodeRuns, "no node on PATH");

        Random rnd = new Random(77);
        List<Activation> acts = RandomNetworks.activations();
        int[][] formats = {{0, 2}, {1, 2}, {2, 2}, {0, 30}, {30, 0}, {15, 15}};
        int k = 0;
        int kindIndex = 0;
        for (int[] pq : formats) {
            for (Rounding r : Rounding.values()) {
                for (Accumulation acc : Accumulation.values()) {
                    RandomNetworks.Kind kind = RandomNetworks.KINDS.get(kindIndex++ % RandomNetworks.KINDS.size());
                    FixedPointFormat f = FixedPointFormat.of(pq[0], pq[1], kind.encoding());
                    FixedPointArithmetic ar = FixedPointArithmetic.of(f, r, kind.overflow());
                    boolean big = pq[0] + pq[1] > 12;
                    Activation act = big ? Activations.named(rnd.nextBoolean() ? "relu" : "identity")
                            : acts.get(rnd.nextInt(acts.size()));
                    Network net = RandomNetworks.random(rnd, ar, acc, act, 1 + rnd.nextInt(2),
                            OnnxExportTest.randomWidths(rnd));
                    try {
                        ExportLimits.check(net);
                    } catch (ExportException e) {
                        continue;
                    }
                    write(net, "m" + k++, rnd, !big);
                }
            }
        }
        Path script = dir.resolve("check.js");
        Files.writeString(script, String.join("\n",
                "const ort = require('onnxruntime-node');",
                "const fs = require('fs');",
                "const dir = process.argv[2];",
                "(async () => {",
                "  let nets = 0, pts = 0, bad = 0;",
                "  for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.onnx'))) {",
                "    const spec = JSON.parse(fs.readFileSync(dir + '/' + f.replace('.onnx', '.json')));",
                "    const s = await ort.InferenceSession.create(dir + '/' + f);",
                "    const x = new ort.Tensor('int32', Int32Array.from(spec.x), [spec.n, spec.d]);",
                "    const y = (await s.run({ x })).y.data;",
                "    for (let i = 0; i < spec.y.length; i++) {",
                "      if (y[i] !== spec.y[i]) { bad++; if (bad <= 5) console.log('mismatch', f, i, y[i], spec.y[i]); }",
                "    }",
                "    nets++; pts += spec.n;",
                "  }",
                "  console.log(`onnxruntime-node ${ort.env.versions.common}: ${nets} models, ${pts} inputs, ${bad}"
                        + " mismatches`);",
                "})().catch(e => { console.log('error ' + e); process.exit(1); });", ""));
        ProcessBuilder pb = new ProcessBuilder("node", script.toString(), dir.toString());
        pb.environment().put("NODE_PATH", modules.toAbsolutePath().toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        System.out.println(out.trim() + " (" + k + " exported)");
        Matcher m = Pattern.compile("(\\d+) models, (\\d+) inputs, (\\d+) mismatches").matcher(out);
        assertTrue(m.find(), out);
        assertTrue(Integer.parseInt(m.group(1)) == k && m.group(3).equals("0"), out);
    }

    private void write(Network net, String name, Random rnd, boolean all) throws Exception {
        FixedPointFormat f = net.format();
        int d = net.inputs();
        List<long[]> xs = new ArrayList<>();
        InputSpace space = all ? InputSpace.of(f, d) : null;
        if (space != null && space.size() <= 5000) {
            for (long i = 0; i < space.size(); i++) {
                xs.add(space.point(i));
            }
        } else {
            for (int i = 0; i < 300; i++) {
                long[] x = new long[d];
                for (int j = 0; j < d; j++) {
                    x[j] = RandomNetworks.code(rnd, f);
                }
                xs.add(x);
            }
        }
        ReferenceEvaluator ref = new ReferenceEvaluator(net);
        StringBuilder x = new StringBuilder();
        StringBuilder y = new StringBuilder();
        for (long[] point : xs) {
            for (long v : point) {
                x.append(x.length() == 0 ? "" : ",").append(v);
            }
            for (long v : ref.evaluate(point)) {
                y.append(y.length() == 0 ? "" : ",").append(v);
            }
        }
        Files.write(dir.resolve(name + ".onnx"), OnnxExporter.export(net));
        Files.writeString(dir.resolve(name + ".json"), "{\"d\":" + d + ",\"n\":" + xs.size() + ",\"x\":[" + x
                + "],\"y\":[" + y + "]}");
    }
}

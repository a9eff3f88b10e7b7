package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.export.Gcc;
import dev.fxnet.export.Ort;
import dev.fxnet.network.Network;
import dev.fxnet.network.NetworkJson;
import dev.fxnet.testing.RandomNetworks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fxnet export}: the files it writes compute what {@code fxnet eval --all --csv} prints, byte for byte. */
class ExportCliTest {
    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @TempDir
    Path dir;

    @Test
    void exportedCAndOnnxPrintWhatEvalPrints() throws Exception {
        Random rnd = new Random(2026);
        List<Network> nets = List.of(
                RandomNetworks.network(rnd, FixedPointArithmetic.of(FixedPointFormat.of(1, 2, Encoding.TWOS_COMPLEMENT),
                        Rounding.HALF_EVEN, Overflow.WRAP), Accumulation.PER_OP, Activations.named("gelu"), 2, 3, 2),
                RandomNetworks.network(rnd, FixedPointArithmetic.of(FixedPointFormat.of(2, 2, Encoding.SYMMETRIC),
                        Rounding.UP, Overflow.SATURATE), Accumulation.WIDE, Activations.named("sigmoid"), 2, 4, 1),
                RandomNetworks.network(rnd, FixedPointArithmetic.of(FixedPointFormat.of(3, 0, Encoding.TWOS_COMPLEMENT),
                        Rounding.HALF_CEILING, Overflow.SATURATE), Accumulation.PER_OP, Activations.named("relu"), 1, 2, 3));
        int k = 0;
        for (Network net : nets) {
            Path json = dir.resolve("net" + k + ".json");
            Files.writeString(json, NetworkJson.toJson(net));
            CliRun eval = run("eval", json.toString(), "--all", "--csv");
            assertEquals(0, eval.code(), eval.err());
            Path c = dir.resolve("net" + k + ".c");
            Path onnx = dir.resolve("net" + k + ".onnx");
            CliRun ex = run("export", json.toString(), "--onnx", onnx.toString(), "--c", c.toString());
            assertEquals(0, ex.code(), ex.err());
            assertEquals("", ex.out());

            Path exe = Gcc.compileMain(dir, "net" + k + "_main", Files.readString(c));
            String printed = Gcc.run(List.of(exe.toString()), 120);
            assertEquals(eval.out(), printed, "C main vs fxnet eval --all --csv");

            InputSpace space = InputSpace.of(net.format(), net.inputs());
            int n = (int) space.size();
            int d = net.inputs();
            int[] x = new int[n * d];
            for (int i = 0; i < n; i++) {
                long[] p = space.point(i);
                for (int j = 0; j < d; j++) {
                    x[i * d + j] = (int) p[j];
                }
            }
            int[] y;
            try (OrtSession s = Ort.session(Files.readAllBytes(onnx))) {
                y = Ort.run(s, x, n, d);
            }
            String[] lines = eval.out().split("\n");
            for (int i = 0; i < n; i++) {
                String[] cells = lines[i + 1].split(",");
                for (int o = 0; o < net.outputs(); o++) {
                    assertEquals(Long.parseLong(cells[d + o]), y[i * net.outputs() + o], "row " + (i + 1));
                }
            }
            k++;
        }
    }

    @Test
    void refusalsAreOneLineWithExitTwoAndWriteNothing() throws Exception {
        Network net = RandomNetworks.network(new Random(3), FixedPointArithmetic.of(FixedPointFormat.of(11, 10)),
                Accumulation.PER_OP, Activations.named("sigmoid"), 1, 2, 1);
        Path json = dir.resolve("big.json");
        Files.writeString(json, NetworkJson.toJson(net));
        Path onnx = dir.resolve("big.onnx");
        Path c = dir.resolve("big.c");
        CliRun r = run("export", json.toString(), "--onnx", onnx.toString(), "--c", c.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("p + q = 20"), r.err());
        assertFalse(Files.exists(onnx));
        assertFalse(Files.exists(c));

        r = run("export", json.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--onnx"), r.err());

        r = run("export", json.toString(), "--c", c.toString(), "--onnx", dir.resolve("no/such/dir/x.onnx").toString(),
                "--activation-is-not-an-option");
        assertEquals(2, r.code());
        Network small = RandomNetworks.network(new Random(4), FixedPointArithmetic.of(FixedPointFormat.of(1, 1)),
                Accumulation.PER_OP, Activations.named("relu"), 1, 1, 2);
        Path smallJson = dir.resolve("small.json");
        Files.writeString(smallJson, NetworkJson.toJson(small));
        r = run("export", smallJson.toString(), "--c", c.toString(), "--onnx",
                dir.resolve("no/such/dir/x.onnx").toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("no such directory"), r.err());
        assertFalse(Files.exists(c), "nothing written when one target cannot be");

        r = run("export", dir.resolve("missing.json").toString(), "--c", c.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());

        // the same network under relu needs no table: accepted
        r = run("export", json.toString(), "--c", c.toString(), "--format", "p=20,q=10");
        assertEquals(2, r.code()); // still sigmoid, now p+q=30
        Network relu = Network.of(net.arithmetic(), net.accumulation(), Activations.named("relu"), net.inputs(),
                net.layers(), null);
        Files.writeString(json, NetworkJson.toJson(relu));
        r = run("export", json.toString(), "--c", c.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(c));
    }
}

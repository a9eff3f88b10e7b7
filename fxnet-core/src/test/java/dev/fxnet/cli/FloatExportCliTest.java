package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.export.CExporter;
import dev.fxnet.export.OnnxExporter;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.NetworkJson;
import dev.fxnet.network.Neuron;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fxnet export} on float networks: what the exporters support is written (the very bytes of
 * {@link OnnxExporter} and {@link CExporter} on the file's network), what they refuse is a one-line
 * exit 2 that writes no file.
 */
class FloatExportCliTest {
    @TempDir
    Path dir;

    @Test
    void exportsWhatTheExportersSupportAndRefusesTheRest() throws Exception {
        for (String format : new String[] {"binary16", "bfloat16", "e4m3"}) {
            FloatArithmetic ar = FloatArithmetic.of(FloatFormat.parse(format));
            long one = ar.codeOf(BigDecimal.ONE).orElseThrow();
            Network built = Network.of(ar, Accumulation.PER_OP, Activations.named("relu"), 2, List.of(
                    Layer.of(Neuron.of(-one, new int[] {0, 1}, new long[] {one, -one - 3})),
                    Layer.of(Neuron.of(one + 1, new int[] {0}, new long[] {one}))), Map.of());
            Path file = dir.resolve(format + ".json");
            Files.writeString(file, NetworkJson.toJson(built));
            Network net = NetworkJson.read(file);
            Path onnx = dir.resolve(format + ".onnx");
            Path c = dir.resolve(format + ".c");
            CliRun ok = CliRun.of("export", file.toString(), "--onnx", onnx.toString(), "--c", c.toString());
            assertEquals(0, ok.code(), ok.err());
            assertArrayEquals(OnnxExporter.export(net), Files.readAllBytes(onnx), format);
            assertEquals(CExporter.export(net), Files.readString(c), format);

            Path onnx2 = dir.resolve(format + "-floor.onnx");
            Path c2 = dir.resolve(format + "-floor.c");
            CliRun floor = CliRun.of("export", file.toString(), "--rounding", "FLOOR", "--onnx", onnx2.toString(),
                    "--c", c2.toString());
            if (!format.equals("bfloat16")) { // e4m3: tables; binary16: exact float64 sums; every mode
                assertEquals(0, floor.code(), floor.err());
                continue;
            }
            // bfloat16: C computes every mode, ONNX only HALF_EVEN: refused, and neither file is written
            assertEquals(2, floor.code(), floor.err());
            String[] lines = floor.err().strip().split("\n");
            assertTrue(lines[0].startsWith("note: exporting under"), floor.err()); // the override note
            assertEquals(2, lines.length, floor.err());
            String line = lines[1];
            assertFalse(line.contains("Exception"), line);
            assertTrue(line.contains("HALF_EVEN") && line.contains("FLOOR"), line);
            assertFalse(Files.exists(onnx2));
            assertFalse(Files.exists(c2));
        }
    }
}

package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.ActivationTable;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.eval.ReferenceEvaluator;
import dev.fxnet.network.Network;
import dev.fxnet.network.NetworkJson;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.testing.RandomNetworks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {
    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @TempDir
    Path dir;

    @Test
    void activationCsvListsEveryCodeInOrder() {
        CliRun r = run("activation", "relu", "--int-bits", "2", "--frac-bits", "3", "--rounding", "FLOOR", "--csv");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("z_code,tau_code,z,tau", lines[0]);
        FixedPointFormat f = FixedPointFormat.of(2, 3);
        assertEquals(f.size() + 1, lines.length);
        ActivationTable t = ActivationTable.of(Activations.named("relu"),
                FixedPointArithmetic.of(f, Rounding.FLOOR, Overflow.SATURATE));
        for (int i = 1; i < lines.length; i++) {
            String[] c = lines[i].split(",");
            long z = f.minCode() + i - 1;
            assertEquals(z, Long.parseLong(c[0]));
            assertEquals(t.tau(z), Long.parseLong(c[1]));
            assertEquals(f.decimal(z), c[2]);
        }
    }

    @Test
    void evalAllCsvMatchesTheReferenceEvaluatorOnEveryRow() throws Exception {
        Random rnd = new Random(5);
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(1, 1, Encoding.TWOS_COMPLEMENT),
                Rounding.HALF_FLOOR, Overflow.WRAP);
        Network n = RandomNetworks.network(rnd, ar, Accumulation.PER_OP, Activations.named("relu"), 2, 2, 4);
        Path file = dir.resolve("net.json");
        Files.writeString(file, NetworkJson.toJson(n));
        CliRun r = run("eval", file.toString(), "--all", "--csv");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        String y = n.outputs() == 1 ? "y_code" : "y0_code,y1_code";
        assertEquals("x0_code,x1_code," + y, lines[0]);
        InputSpace space = InputSpace.of(ar.format(), 2);
        assertEquals(space.size() + 1, lines.length);
        ReferenceEvaluator ref = new ReferenceEvaluator(n);
        for (int i = 1; i < lines.length; i++) {
            long[] x = space.point(i - 1);
            long[] out = ref.evaluate(x);
            StringBuilder expected = new StringBuilder(x[0] + "," + x[1]);
            for (long v : out) {
                expected.append(',').append(v);
            }
            assertEquals(expected.toString(), lines[i]);
        }
    }

    @Test
    void evalOneInputAndDecimalTable() throws Exception {
        Path file = dir.resolve("spec.json");
        Files.writeString(file, dev.fxnet.testing.SpecExamples.SPEC_NETWORK);
        CliRun r = run("eval", file.toString(), "--input", "0.5");
        assertEquals(0, r.code(), r.err());
        assertEquals("y = 0.5  (code 1)", r.out().trim());
        CliRun t = run("eval", file.toString(), "--all");
        assertTrue(t.out().startsWith("x0,y\n-3.5,0\n"), t.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "activation relu --rounding NEAREST_EVENISH",
        "activation nosuch",
        "activation relu --int-bits 20 --frac-bits 11",
        "activation relu --overflow WRAP",
        "activation relu --format Q3.4 --int-bits 2",
        "info ap_fixed<8,9>",
        "info p=1,q=x",
        "eval /nonexistent/net.json --all",
        "eval NET --input 0.3",
        "eval NET --input 0.5,0.5",
        "eval NET --input 9",
        "eval NET",
        "eval BAD --all",
        "frobnicate",
        "activation relu --int-bits -1",
        "info --rounding BOGUS",
        "info --encoding SYMMETRIC --overflow WRAP",
        "activation relu --accumulation BOGUS",
        "eval TRAILING --all",
        "eval DIR --all",
        "export NET --c DIR",
        "export NET --c DIR/o.c --onnx DIR/o.c",
        "compile --act relu --dims 1 --random 1 --out DIR",
        "compile --act relu --dims 4 --random 1",
        "verify NET --random 1 --show -1",
        "size --grid-p 1 --grid-q 1 --grid-dims 0",
    })
    void userErrorsExitTwoWithOneLine(String cmd) throws Exception {
        Path net = dir.resolve("net.json");
        Files.writeString(net, dev.fxnet.testing.SpecExamples.SPEC_NETWORK);
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, dev.fxnet.testing.SpecExamples.SPEC_NETWORK.replace("\"relu\"", "\"nope\""));
        Path trailing = dir.resolve("trailing.json");
        Files.writeString(trailing, dev.fxnet.testing.SpecExamples.SPEC_NETWORK + " {}");
        String[] args = cmd.replace("NET", net.toString()).replace("BAD", bad.toString())
                .replace("TRAILING", trailing.toString()).replace("DIR", dir.toString()).split(" ");
        CliRun r = run(args);
        assertEquals(2, r.code(), cmd + " -> " + r.err());
        assertEquals("", r.out());
        String err = r.err().strip();
        assertFalse(err.isEmpty());
        assertFalse(err.contains("\n"), "one line expected: " + err);
        assertFalse(err.contains("Exception"), err);
        try (var files = Files.list(dir)) {
            assertEquals(java.util.Set.of("net.json", "bad.json", "trailing.json"),
                    files.map(x -> x.getFileName().toString()).collect(java.util.stream.Collectors.toSet()),
                    "a refused command must leave no file behind");
        }
    }

    @Test
    void badOverrideOfBadFileNamesTheJsonPath() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, dev.fxnet.testing.SpecExamples.SPEC_NETWORK.replace("\"relu\"", "\"nope\""));
        CliRun r = run("eval", bad.toString(), "--all");
        assertTrue(r.err().contains("$.activation"), r.err());
    }

    @Test
    void plotIsWrittenAsSvg() throws Exception {
        Path svg = dir.resolve("relu.svg");
        CliRun r = run("activation", "relu", "-p", "1", "-q", "2", "--plot", svg.toString(), "--csv");
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(svg);
        assertTrue(text.startsWith("<?xml") || text.startsWith("<svg"), text.substring(0, 40));
        assertTrue(text.contains("</svg>"));
    }

    @Test
    void infoDescribesTheFormat() {
        CliRun r = run("info", "Q3.4");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("M (largest)   7.9375"), r.out());
        assertTrue(r.out().contains("values |F|    256"), r.out());
    }
}

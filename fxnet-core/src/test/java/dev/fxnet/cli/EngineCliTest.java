package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.eval.OutputDigest;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.eval.ReferenceEvaluator;
import dev.fxnet.network.Network;
import dev.fxnet.network.NetworkJson;
import dev.fxnet.testing.RandomNetworks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --engine}/{@code --master} on the command line, and {@code eval --all --digest}. */
class EngineCliTest {
    @TempDir
    Path dir;

    private Path network(Network net) throws Exception {
        Path f = dir.resolve("net.json");
        Files.writeString(f, NetworkJson.toJson(net));
        return f;
    }

    @Test
    void evalAllDigestIsTheDigestOfTheReferenceOutputs() throws Exception {
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(2, 2));
        Network net = RandomNetworks.network(new Random(5), ar, Accumulation.PER_OP, Activations.named("gelu"), 2, 1, 3);
        InputSpace space = InputSpace.of(ar, 2);
        int m = net.outputs();
        int[] outs = new int[(int) space.size() * m];
        long[] y = new long[m];
        for (int i = 0; i < space.size(); i++) {
            new ReferenceEvaluator(net).evaluate(space.point(i), y);
            for (int o = 0; o < m; o++) {
                outs[i * m + o] = (int) y[o];
            }
        }
        CliRun r = CliRun.of("eval", network(net).toString(), "--all", "--digest", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertEquals("points=" + space.size() + " outputs=" + m + " digest="
                + OutputDigest.hex(OutputDigest.of(0, outs, outs.length)) + "\n", r.out().replace("\r", ""));
    }

    /** Size grid points shipped through Java serialisation (as to an executor) give the rows the command prints. */
    @Test
    void sizeGridPointsShippedElsewhereGiveTheSameRows() throws Exception {
        CliRun local = CliRun.of("size", "--act", "relu", "--grid-p", "1", "--grid-q", "1,2", "--grid-dims", "1",
                "--strategies", "cubes,steps,binary", "--csv", "--quiet");
        assertEquals(0, local.code(), local.err());
        StringBuilder shipped = new StringBuilder();
        for (int q = 1; q <= 2; q++) {
            dev.fxnet.gadget.Question question = dev.fxnet.gadget.Question.of(dev.fxnet.gadget.Setting.of(
                    FixedPointArithmetic.of(FixedPointFormat.of(1, q)), Accumulation.PER_OP, Activations.named("relu")),
                    false, 1);
            SizeGridPoint unit = new SizeGridPoint(dev.fxnet.engine.SettingKey.of(question),
                    java.util.List.of("cubes", "steps", "binary"), "random", 1, null, 65536);
            java.util.List<SizeRow> rows = roundTrip(new SizeGridPoint.Rows()).run(roundTrip(unit), n -> { });
            for (SizeRow r : rows) {
                shipped.append(String.join(",", r.cells())).append('\n');
            }
        }
        assertEquals(local.out().replace("\r", "").lines().skip(1).map(l -> l + "\n")
                .collect(java.util.stream.Collectors.joining()), shipped.toString());
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T o) throws Exception {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(b)) {
            out.writeObject(o);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(b.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void aBadEngineOrMasterIsOneLineWithExitTwo() throws Exception {
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(1, 1));
        Random rnd = new Random(1);
        Network one;
        do {
            one = RandomNetworks.network(rnd, ar, Accumulation.PER_OP, Activations.named("relu"), 1, 1, 2);
        } while (one.outputs() != 1);
        Path net = network(one);
        String[][] cases = {
            {"verify", net.toString(), "--random", "1", "--engine", "hadoop"},
            {"eval", net.toString(), "--all", "--digest", "--engine", "spark", "--master", "local[2]"},
            {"table", "--activations", "relu", "--engine", "local", "--master", "spark://h:7077"},
            {"eval", net.toString(), "--all", "--engine", "spark"},
            {"eval", net.toString(), "--all", "--digest", "--csv"},
            {"compile", "--act", "relu", "-p", "1", "-q", "1", "--dims", "1", "--random", "1", "--strategy", "columns",
                "--binary"},
        };
        String[] starts = {"unknown --engine 'hadoop'", "--engine spark: the fxnet-spark module is not on the class path",
            "--master spark://h:7077 needs --engine spark", "--engine spark: eval --all streams every row",
            "--digest prints one line", "--strategy columns does not apply with --binary"};
        for (int i = 0; i < cases.length; i++) {
            CliRun r = CliRun.of(cases[i]);
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(starts[i]), r.err());
        }
    }
}

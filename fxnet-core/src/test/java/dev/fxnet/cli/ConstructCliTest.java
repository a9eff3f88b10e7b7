package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.target.FunctionTable;
import dev.fxnet.network.Network;
import dev.fxnet.network.NetworkJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConstructCliTest {
    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @TempDir
    Path dir;

    @Test
    void compileTableThenVerify() throws Exception {
        FixedPointFormat f = FixedPointFormat.of(2, 1);
        FunctionTable t = FunctionTable.random(f, 2, 4);
        Path csv = dir.resolve("t.csv");
        t.writeCsv(csv);
        Path net = dir.resolve("n.json");
        CliRun r = run("compile", "--act", "gelu", "-p", "2", "-q", "1", "--dims", "2", "--table", csv.toString(),
                "--out", net.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("exact on all 225 points"), r.out());
        assertTrue(r.out().contains("lower bound 225 parameters"), r.out());
        // the setting line as it has always read: arithmetic, accumulation, activation
        assertTrue(r.out().contains("setting:   p=2,q=1,SYMMETRIC HALF_EVEN SATURATE PER_OP gelu\n"), r.out());
        Network n = NetworkJson.read(net);
        // gelu rounded to q = 1 is 0 on [-M, 0] and the identity on [0, M]: the columns construction applies
        assertEquals("columns", n.meta().get("strategy"));
        assertTrue(n.meta().get("target").toString().startsWith("table "));
        CliRun v = run("verify", net.toString(), "--table", csv.toString());
        assertEquals(0, v.code(), v.err());
        // a different table: mismatches listed, exit 3
        CliRun bad = run("verify", net.toString(), "--random", "5", "--show", "2");
        assertEquals(3, bad.code());
        assertTrue(bad.out().startsWith("MISMATCH"), bad.out());
        assertEquals(3, bad.out().split("\n").length, bad.out());
    }

    @Test
    void cubesStrategyAndExpression() throws Exception {
        Path net = dir.resolve("e.json");
        CliRun r = run("compile", "--act", "relu", "-p", "2", "-q", "2", "--dims", "2", "--expr", "x0*x1/2",
                "--strategy", "cubes", "--out", net.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("continuous: max |N(x) - f(x)|"), r.out());
        assertEquals("cubes", NetworkJson.read(net).meta().get("strategy"));
        CliRun v = run("verify", net.toString(), "--expr", "x0*x1/2");
        assertEquals(0, v.code(), v.err());
    }

    @Test
    void userErrorsAreOneLineExit2AndWriteNothing() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "x0,y\n0.5,1\n0.3,2\n");
        Path net = dir.resolve("never.json");
        CliRun r = run("compile", "--act", "relu", "-p", "2", "-q", "1", "--dims", "1", "--table", csv.toString(),
                "--out", net.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
        assertTrue(r.err().contains("row 3, column x0"), r.err());
        assertFalse(Files.exists(net));
        // sigmoid rounded UP: no shallow gadgets and no certificate of S (check says UNDETERMINED)
        CliRun refused = run("compile", "--act", "sigmoid", "--rounding", "UP", "--dims", "1", "--random", "1",
                "--out", net.toString());
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("no exact step gadget"), refused.err());
        assertFalse(Files.exists(net));
        CliRun binary = run("compile", "--act", "relu", "--dims", "3", "-p", "1", "-q", "0", "--random", "1", "--binary",
                "--out", net.toString());
        assertEquals(2, binary.code());
        // the d >= 3 construction (Theorem B5) finds no point neuron at p=1,q=0 and refuses with its reason
        assertTrue(binary.err().contains("the feature step construction has no point neuron"), binary.err());
        assertFalse(Files.exists(net));
        assertEquals(2, run("compile", "--act", "relu", "--dims", "1", "--expr", "log(").code());
        assertEquals(2, run("compile", "--act", "relu", "--dims", "1", "--expr", "x3").code());
    }

    @Test
    void sizeGridMarkdownAndCsv() {
        CliRun r = run("size", "--act", "relu", "--grid-p", "1,2", "--grid-q", "1", "--grid-dims", "1,2");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(2 + 2 * 2 * 4, lines.length, r.out()); // cubes, boxes, steps, columns
        assertTrue(lines[0].startsWith("| p | q | d | strategy"));
        CliRun c = run("size", "--act", "relu", "--grid-p", "1", "--grid-q", "1", "--grid-dims", "2", "--csv",
                "--table-kind", "structured");
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().startsWith("p,q,d,strategy,points,neurons"), c.out());
    }

    @Test
    void sizeMeasuresBinaryAgainstTheOneBitBound() {
        CliRun r = run("size", "--act", "relu", "--grid-p", "1", "--grid-q", "1", "--grid-dims", "1,2", "--csv",
                "--strategies", "cubes,binary");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().trim().split("\n");
        assertEquals(1 + 2 * 2, lines.length, r.out());
        // F at p=1,q=1 has 7 values: the binary bound is |F|^d log2|F| one-bit weights, not |F|^d
        for (String line : lines) {
            String[] c = line.split(",");
            if (c[3].equals("binary")) {
                int d = Integer.parseInt(c[2]);
                double bound = Math.pow(7, d) * Math.log(7) / Math.log(2);
                assertEquals(Math.round(bound), Long.parseLong(c[9]), line);
                // the ratio counts the one-bit weights: parameters minus one bias per neuron
                long weights = Long.parseLong(c[8]) - Long.parseLong(c[5]);
                assertEquals(weights / bound, Double.parseDouble(c[10]), 1e-3, line);
            }
        }
        assertTrue(r.out().contains(",binary,"), r.out());
        assertEquals(2, run("size", "--strategies", "foo").code());
    }
}

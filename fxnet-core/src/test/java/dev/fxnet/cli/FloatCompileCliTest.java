package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fxnet compile --format F} for floating-point formats (SPEC §8): the network is written,
 * and {@code verify} (another command, reading the written file) finds it exact on every point; the
 * settings compile does not build for are one-line refusals with exit 2 that leave no file.
 */
class FloatCompileCliTest {
    @TempDir
    Path dir;

    private static void refused(CliRun r, String part) {
        assertEquals(2, r.code(), r.err());
        String line = r.err().strip();
        assertFalse(line.contains("\n"), "one line: " + line);
        assertFalse(line.contains("Exception"), line);
        assertTrue(line.contains(part), line);
    }

    @Test
    void compileWritesANetworkThatVerifyFindsExact() {
        Path net = dir.resolve("net.json");
        CliRun r = CliRun.of("compile", "--format", "e2m1", "--act", "gelu", "--dims", "2", "--random", "4",
                "--out", net.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("setting:   e2m1 HALF_EVEN SATFINITE PER_OP gelu"), r.out());
        assertTrue(r.out().contains("target:    random seed 4 on F^2 (225 points, "), r.out());
        assertTrue(r.out().contains("verified:  exact on all 225 points"), r.out());
        CliRun v = CliRun.of("verify", net.toString(), "--random", "4");
        assertEquals(0, v.code(), v.err() + v.out());
        assertTrue(v.out().startsWith("exact: "), v.out());
        CliRun other = CliRun.of("verify", net.toString(), "--random", "5");
        assertEquals(VerifyCommand.MISMATCH, other.code(), other.out()); // a different table is not what it computes
    }

    @Test
    void compileReadsAFloatTableOfExactDecimals() throws IOException {
        // f(x) = -x on e2m1 (every value's negation is a value), written here from the SPEC's list of values
        String[] values = {"-6", "-4", "-3", "-2", "-1.5", "-1", "-0.5", "0", "0.5", "1", "1.5", "2", "3", "4", "6"};
        StringBuilder b = new StringBuilder("x0,y\n");
        for (String v : values) {
            b.append(v).append(',').append(v.startsWith("-") ? v.substring(1) : v.equals("0") ? "0" : "-" + v).append('\n');
        }
        Path table = Files.writeString(dir.resolve("t.csv"), b.toString());
        Path net = dir.resolve("neg.json");
        CliRun r = CliRun.of("compile", "--format", "e2m1", "--accumulation", "WIDE", "--act", "relu", "--dims", "1",
                "--table", table.toString(), "--out", net.toString());
        assertEquals(0, r.code(), r.err());
        CliRun e = CliRun.of("eval", net.toString(), "--input", "1.5");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("-1.5"), e.out());
        assertEquals(0, CliRun.of("verify", net.toString(), "--table", table.toString()).code());
    }

    @Test
    void refusalsNameTheStageAndLeaveNoFile() {
        Path net = dir.resolve("net.json");
        refused(CliRun.of("compile", "--format", "e4m3", "--overflow", "NAN", "--act", "relu", "--dims", "1",
                "--random", "1", "--out", net.toString()), "overflow: e4m3 HALF_EVEN NAN can produce inf or NaN");
        refused(CliRun.of("compile", "--format", "e2m1", "--rounding", "UP", "--act", "sigmoid", "--dims", "1",
                "--random", "1", "--out", net.toString()),
                "gadget search: no indicator gadgets for e2m1 UP SATFINITE PER_OP sigmoid");
        refused(CliRun.of("compile", "--format", "e2m1", "--rounding", "UP", "--accumulation", "WIDE", "--act",
                "sigmoid", "--dims", "1", "--random", "1", "--out", net.toString()), "stage verify: the cubes network");
        refused(CliRun.of("compile", "--format", "e2m1", "--act", "relu", "--dims", "1", "--expr", "x0", "--out",
                net.toString()), "compile --expr does not support floating-point formats yet");
        refused(CliRun.of("compile", "--format", "e2m1", "--act", "relu", "--dims", "1", "--random", "1", "--binary",
                "--out", net.toString()), "compile --binary: the binary-weight construction is for fixed-point");
        refused(CliRun.of("compile", "--format", "binary16", "--act", "relu", "--dims", "1", "--random", "1"),
                "gadget search: binary16 has 63487 finite values; compile searches gadgets for floating-point formats"
                        + " with at most 2048");
        assertFalse(Files.exists(net));
        refused(CliRun.of("check", "--format", "e2m1", "--act", "relu", "--dims", "1", "--binary"),
                "check --binary: binary weights are decided for fixed-point formats only, not e2m1");
    }
}

package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decimals typed by the user (table cells, {@code eval --input}) are capped at 1000 characters, like
 * numbers in network files, and refused from their length before any arithmetic: parsing a million
 * digits took minutes.
 */
class NumberLengthCliTest {
    private static final Duration QUICK = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void aMillionDigitTableCellIsRefusedAtOnceNamingFileRowAndColumn() throws Exception {
        Path csv = dir.resolve("cn.csv");
        Files.writeString(csv, "x0,y\n" + "7".repeat(1_000_000) + ",1\n", StandardCharsets.US_ASCII);
        CliRun r = assertTimeoutPreemptively(QUICK, () -> CliRun.of("compile", "--act", "relu", "-p", "2", "-q", "2",
                "--dims", "1", "--table", csv.toString()));
        WordsCliTest.oneCleanLine(r, csv + ", row 2, column x0: a number of 1000000 characters");
        assertTrue(r.err().contains("at most 1000 characters"), r.err());
        assertTrue(r.err().length() < 300, "the number is echoed: " + r.err().length() + " characters");
    }

    @Test
    void aHugeOutputCellAndAHugeLineOfCommasAreRefusedAtOnce() throws Exception {
        Path y = dir.resolve("y.csv");
        Files.writeString(y, "x0,y\n0," + "-0." + "5".repeat(3_000_000) + "\n", StandardCharsets.US_ASCII);
        WordsCliTest.oneCleanLine(assertTimeoutPreemptively(QUICK, () -> CliRun.of("compile", "--act", "relu", "-p",
                "2", "-q", "2", "--dims", "1", "--table", y.toString())), y + ", row 2, column y: a number of 3000003");
        Path commas = dir.resolve("commas.csv");
        Files.writeString(commas, "x0,y\n" + ",".repeat(5_000_000) + "\n", StandardCharsets.US_ASCII);
        WordsCliTest.oneCleanLine(assertTimeoutPreemptively(QUICK, () -> CliRun.of("compile", "--act", "relu", "-p",
                "2", "-q", "2", "--dims", "1", "--table", commas.toString())), commas + ", row 2: 5000001 columns");
    }

    @Test
    void aMillionDigitEvalInputIsRefusedAtOnce() throws Exception {
        Path net = dir.resolve("net.json");
        Files.writeString(net, dev.fxnet.testing.SpecExamples.SPEC_NETWORK, StandardCharsets.UTF_8);
        CliRun r = assertTimeoutPreemptively(QUICK, () -> CliRun.of("eval", net.toString(), "--input",
                "1" + "0".repeat(1_000_000)));
        WordsCliTest.oneCleanLine(r, "--input value 1: a number of 1000001 characters");
    }
}

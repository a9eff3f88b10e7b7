package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fxnet.testing.SpecExamples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** User errors in plain words (issue #12, "Words"): one line, the place, no library internals. */
class WordsCliTest {
    @TempDir
    Path dir;

    /** Exit 2 with exactly one line on stderr that names {@code expected} and no Java or parser internals. */
    static void oneCleanLine(CliRun r, String expected) {
        assertEquals(2, r.code(), r.out() + r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "more than one line: " + err);
        assertTrue(err.contains(expected), "expected '" + expected + "' in: " + err);
        for (String bad : new String[] {"jackson", "Jackson", "StreamReadFeature", "Source:", "REDACTED", "JsonNode",
            "Exception", "java.", "com.", "Infinity points"}) {
            assertFalse(err.contains(bad), "internal text '" + bad + "' in: " + err);
        }
    }

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unclosed object | {\"fxnet\": 1 | line 1, column 12: not valid JSON: the text ends early: an object",
        "trailing value | {\"fxnet\": 1} {} | more text after the end of the JSON value",
        "duplicate key | {\"a\": 1, \"a\": 2} | key 'a' appears twice",
        "bare word | nul | unexpected text 'nul'",
        "NaN | {\"fxnet\": NaN} | NaN and Infinity are not JSON numbers",
        "huge number | {\"fxnet\": 1e999} | $.fxnet: expected an integer, found the number 1e999",
        "empty | '' | empty file",
    })
    void networkJsonErrorsNameFileAndPlaceInPlainWords(String what, String text, String expected) throws Exception {
        Path p = file("bad.json", text);
        CliRun r = CliRun.of("eval", p.toString(), "--input", "0");
        oneCleanLine(r, expected);
        assertTrue(r.err().contains(p.toString()), "file not named: " + r.err());
    }

    @Test
    void deepNestingAndLongNumbersAreRefusedInPlainWords() throws Exception {
        oneCleanLine(CliRun.of("eval", file("deep.json", "[".repeat(5000)).toString(), "--input", "0"),
                "nested more than 1000 levels deep");
        oneCleanLine(CliRun.of("eval", file("long.json", "{\"fxnet\": " + "9".repeat(2000) + "}").toString(),
                "--input", "0"), "a number with more than 1000 characters");
    }

    @Test
    void nonUtf8FilesAreRefusedAsSuch() throws Exception {
        Path json = dir.resolve("bin.json");
        Files.write(json, new byte[] {(byte) 0xFF, (byte) 0xFE, '{', '}'});
        oneCleanLine(CliRun.of("eval", json.toString(), "--input", "0"), "not UTF-8 text");
        Path csv = dir.resolve("bin.csv");
        Files.write(csv, new byte[] {'x', '0', ',', 'y', '\n', (byte) 0xFF, ',', '1', '\n'});
        oneCleanLine(CliRun.of("compile", "--act", "relu", "-p", "1", "-q", "0", "--dims", "1", "--table",
                csv.toString()), "not UTF-8 text");
    }

    @Test
    void specNetworkErrorsKeepTheirJsonPathAndGainTheFile() throws Exception {
        Path p = file("net.json", SpecExamples.SPEC_NETWORK.replace("[[0, 2], [1, -2]]", "[[0, 2], [1, 9]]"));
        oneCleanLine(CliRun.of("eval", p.toString(), "--input", "0"), p + ": $.layers[1][0].weights[1][1]: code 9");
    }

    @Test
    void topLevelErrorsNameTheCommandOnce() {
        CliRun r = CliRun.of("fxnet");
        oneCleanLine(r, "fxnet: unexpected argument");
        assertFalse(r.err().contains("fxnet fxnet"), r.err());
        assertTrue(CliRun.of("--bogus").err().startsWith("fxnet: unknown option --bogus"));
    }

    @Test
    void hugeDimensionsGiveAnExactCount() {
        oneCleanLine(CliRun.of("compile", "--act", "relu", "--dims", "1000000", "--random", "1"),
                "F^1000000 of p=3,q=3,SYMMETRIC has 127^1000000 points; compile supports at most 1048576");
        oneCleanLine(CliRun.of("compile", "--act", "relu", "-p", "20", "-q", "10", "--dims", "3", "--random", "1"),
                "has 2147483647^3 points");
        CliRun size = CliRun.of("size", "--grid-p", "1", "--grid-q", "1", "--grid-dims", "1000000", "--csv");
        assertEquals(0, size.code(), size.err());
        assertTrue(size.out().contains("1,1,1000000,-,7^1000000,skipped"), size.out());
        assertFalse(size.out().contains("Infinity"), size.out());
    }

    @Test
    void otherNumericOptionsOutOfRangeGiveOneLine() {
        oneCleanLine(CliRun.of("compile", "--act", "relu", "--dims", "0", "--random", "1"), "--dims must be >= 1");
        oneCleanLine(CliRun.of("check", "--act", "relu", "--dims", "-3"), "--dims must be >= 1");
        oneCleanLine(CliRun.of("check", "--act", "relu", "--int-bits", "1000"), "p + q = 1003 is not supported");
        oneCleanLine(CliRun.of("table", "--threads", "0"), "--threads must be >= 1, was 0");
        oneCleanLine(CliRun.of("size", "--max-points", "-1"), "--max-points must be >= 1, was -1");
    }

    @Test
    void verifyTableMessagesDoNotMentionDims() throws Exception {
        Path net = file("net.json", SpecExamples.SPEC_NETWORK);
        Path t = file("t.csv", "x0,x1,y\n0,0,0\n");
        CliRun r = CliRun.of("verify", net.toString(), "--table", t.toString());
        oneCleanLine(r, "header has 3 columns; expected x0,y");
        assertFalse(r.err().contains("--dims"), r.err());
    }

    @Test
    void tableValuesWithHugeExponentsAreRefusedQuickly() throws Exception {
        Path t = file("t.csv", "x0,y\n0,1e999999999\n");
        long t0 = System.nanoTime();
        CliRun r = CliRun.of("compile", "--act", "relu", "-p", "1", "-q", "0", "--dims", "1", "--table", t.toString());
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "took too long");
        oneCleanLine(r, "value 1E+999999999 is outside p=1,q=0,SYMMETRIC");
        assertTrue(r.err().length() < 300, r.err());
    }

    @Test
    void showZeroPrintsOnlyTheCount() throws Exception {
        Path net = file("net.json", SpecExamples.SPEC_NETWORK);
        CliRun r = CliRun.of("verify", net.toString(), "--random", "1", "--show", "0");
        assertEquals(VerifyCommand.MISMATCH, r.code(), r.err());
        assertTrue(r.out().startsWith("MISMATCH: "), r.out());
        assertFalse(r.out().contains("first:"), r.out());
        assertEquals(1, r.out().strip().lines().count(), r.out());
    }

    @Test
    void checkJsonHasRealBooleans() throws Exception {
        JsonNode j = new ObjectMapper().readTree(CliRun.of("check", "--act", "relu", "--format", "Q1.0", "--json").out());
        assertTrue(j.get("necessary").isBoolean(), j.toString());
        assertFalse(j.get("necessary").booleanValue());
        assertTrue(j.get("sufficient").isBoolean(), j.toString());
    }

    @Test
    void checkTextWritesValuesNotCodesAndDoesNotRepeatItself() {
        CliRun r = CliRun.of("check", "--act", "gelu", "-p", "3", "-q", "3", "--no-sample");
        assertEquals(0, r.code(), r.err());
        String construction = line(r.out(), "construction ");
        String summary = line(r.out(), "summary ");
        assertTrue(construction.contains("levels on 7.875, off 0"), construction);
        assertTrue(construction.contains("tau(-7.875 + 128 copies of 0.625*y)"), construction);
        assertFalse(construction.contains(" x "), construction);
        assertFalse(summary.contains("levels on"), "summary repeats the construction: " + summary);
        assertTrue(line(r.out(), "notation ").contains("values of p=3,q=3,SYMMETRIC (code k is k/8)"), r.out());

        CliRun b = CliRun.of("check", "--act", "sigmoid", "--binary", "--dims", "2");
        assertTrue(line(b.out(), "witness ").contains("f(-7.875, -7.875) = 1"), b.out());
        assertFalse(line(b.out(), "summary ").contains("witness"), b.out());
    }

    private static String line(String out, String start) {
        return out.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError(
                "no line starting '" + start + "' in:\n" + out));
    }
}

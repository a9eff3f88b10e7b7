package dev.fxnet.cli;

import static dev.fxnet.cli.WordsCliTest.oneCleanLine;
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

/** Error and report wording a reader can use: what was written, short quotes, plain option names. */
class PlainWordsCliTest {
    @TempDir
    Path dir;

    private CliRun evalSpecNetworkWith(String from, String to) throws Exception {
        Path p = dir.resolve("net.json");
        Files.writeString(p, SpecExamples.SPEC_NETWORK.replace(from, to), StandardCharsets.UTF_8);
        return CliRun.of("eval", p.toString(), "--input", "0");
    }

    @Test
    void aNonIntegerWeightIsQuotedAsWrittenNotAsADouble() throws Exception {
        CliRun r = evalSpecNetworkWith("[1, -2]", "[1, 1e-999999]");
        oneCleanLine(r, "$.layers[1][0].weights[1][1]: expected an integer, found the number 1e-999999");
        assertFalse(r.err().contains("0.0"), r.err());
    }

    @Test
    void anExponentBeyondEveryDecimalIsStillOneCleanLine() throws Exception {
        oneCleanLine(evalSpecNetworkWith("[1, -2]", "[1, 1e99999999999]"),
                "weights[1][1]: expected an integer, found a number beyond the range of doubles");
        CliRun r = evalSpecNetworkWith("\"meta\": {}", "\"meta\": {\"x\": 1e99999999999, \"y\": 0.1}");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void controlCharactersOfTheInputAreShownEscapedNotSentToTheTerminal() {
        CliRun r = CliRun.of("check", "--act", "re\u001b[31mlu\u0007");
        oneCleanLine(r, "unknown activation 're\\u001b[31mlu\\u0007'");
        for (char c : r.err().toCharArray()) {
            assertTrue(c == '\n' || !Character.isISOControl(c), "control character " + (int) c + " in: " + r.err());
        }
        CliRun e = CliRun.of("compile", "--act", "relu", "-p", "1", "-q", "1", "--dims", "1", "--expr", "x0\u001b+1");
        assertEquals(2, e.code(), e.err());
        assertFalse(e.err().chars().anyMatch(c -> c == 0x1b), e.err());
    }

    @Test
    void nullIsNamedOnce() throws Exception {
        CliRun r = evalSpecNetworkWith("[1, -2]", "[null, -2]");
        oneCleanLine(r, "weights[1][0]: expected an integer, found null");
        assertFalse(r.err().contains("null null"), r.err());
    }

    @Test
    void expressionErrorsQuoteAShortExcerptAroundThePosition() {
        String expr = "x0+".repeat(3000) + "$" + "+x0".repeat(100);
        CliRun r = CliRun.of("compile", "--act", "relu", "-p", "1", "-q", "1", "--dims", "1", "--expr", expr);
        oneCleanLine(r, "position 9001: unexpected '$'");
        assertTrue(r.err().length() < 250, r.err().length() + " characters: " + r.err());
        assertTrue(r.err().contains("...x0+x0+") && r.err().contains("$+x0"), r.err());
    }

    @Test
    void parserMessagesArePlain() {
        String[] base = {"compile", "--act", "relu", "-p", "1", "-q", "1"};
        assertEquals("fxnet compile: --expr and --random are mutually exclusive; give one target"
                + " (see 'fxnet compile --help')",
                firstLine(CliRun.of(concat(base, "--dims", "1", "--expr", "x0", "--random", "1"))));
        assertTrue(firstLine(CliRun.of(concat(base, "--dims", "1"))).startsWith(
                "fxnet compile: no target given; give one of --table, --expr or --random"));
        assertTrue(firstLine(CliRun.of(concat(base, "--expr", "x0"))).startsWith(
                "fxnet compile: missing required option --dims "));
        assertTrue(firstLine(CliRun.of(concat(base, "--dims", "abc", "--expr", "x0"))).startsWith(
                "fxnet compile: invalid value for --dims: 'abc' is not an integer"));
        assertTrue(firstLine(CliRun.of(concat(base, "--dims", "1", "--expr", "x0", "--bogus"))).startsWith(
                "fxnet compile: unknown option --bogus"));
        assertTrue(firstLine(CliRun.of("eval", "x.json", "--input", "1", "--all")).startsWith(
                "fxnet eval: --input and --all are mutually exclusive; give only one"));
        for (CliRun r : new CliRun[] {CliRun.of(concat(base, "--dims", "1", "--expr", "x0", "--table", "t.csv")),
            CliRun.of("eval")}) {
            oneCleanLine(r, "fxnet ");
            assertFalse(r.err().contains("Error:") || r.err().contains("=EXPR") || r.err().contains("=FILE"), r.err());
        }
    }

    @Test
    void decimalsInMessagesUseLowerCaseExponents() {
        CliRun r = CliRun.of("compile", "--act", "relu", "-p", "2", "-q", "2", "--dims", "1", "--expr",
                "sqrt(-3.75e-99)");
        oneCleanLine(r, "sqrt of -3.75e-99");
        assertFalse(r.err().contains("E-"), r.err());
    }

    @Test
    void checkJsonHasNullForNoViolatedCondition() throws Exception {
        JsonNode j = new ObjectMapper().readTree(CliRun.of("check", "--act", "relu", "-p", "2", "-q", "1",
                "--no-sample", "--json").out());
        assertEquals("UNIVERSAL", j.get("verdict").asText());
        assertTrue(j.get("evidence").get("violated").isNull(), j.toString());
    }

    @Test
    void notUniversalSummaryConcludesWithoutRepeatingTheReason() throws Exception {
        String[] args = {"check", "--act", "relu", "--format", "Q1.0"};
        JsonNode j = new ObjectMapper().readTree(CliRun.of(concat(args, "--json")).out());
        String summary = j.get("summary").asText();
        assertEquals("not universal: N-sep fails, so no network computes the function f given above", summary);
        for (JsonNode t : j.get("evidence").get("tried")) {
            assertFalse(t.asText().contains(summary) || summary.contains(t.asText()), t + " / " + summary);
        }
        String text = CliRun.of(args).out();
        assertTrue(text.contains("tried       N: FALSE [N-sep]: N-sep fails: inputs -2 and -1"), text);
        assertTrue(text.contains("summary     not universal: N-sep fails"), text);
    }

    @Test
    void aDashAsInputSaysStandardInputIsNotRead() throws Exception {
        oneCleanLine(CliRun.of("eval", "-", "--input", "0"),
                "fxnet eval: reading a network from standard input is not supported; give a file");
        oneCleanLine(CliRun.of("compile", "--act", "relu", "-p", "1", "-q", "1", "--dims", "1", "--table", "-"),
                "reading a table from standard input is not supported");
    }

    private static String firstLine(CliRun r) {
        assertEquals(2, r.code(), r.err());
        return r.err().lines().findFirst().orElse("");
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}

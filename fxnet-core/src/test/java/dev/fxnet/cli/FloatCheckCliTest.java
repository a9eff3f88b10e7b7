package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * {@code fxnet check} on floating-point formats (docs/THEORY.md §15): the verdict, its
 * domain in the report and in JSON, and the refusals (exit 2, one line). The domains are checked against
 * the format's own values (e2m1: largest 6) and, for the inseparable pair, by brute force here.
 */
class FloatCheckCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void universalVerdictHasTheWholeFormatAsDomain() throws Exception {
        CliRun r = CliRun.of("check", "--format", "e2m1", "--act", "relu", "--json", "--quiet");
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("UNIVERSAL", j.get("verdict").asText());
        assertEquals("float(2,1,bias=1,specials=FINITE)", j.get("setting").get("format").asText());
        JsonNode d = j.get("domain");
        assertTrue(d.get("wholeFormat").asBoolean());
        assertEquals("6", d.get("radius").asText());
        assertEquals(7, d.get("radiusCode").asLong());
        assertTrue(d.get("stoppedBy").isNull());
        assertTrue(j.get("evidence").get("construction").get("hiddenLayers").asInt() >= 2);
        assertTrue(j.get("evidence").get("compiledSample").asText().contains("verified exact on all 15 points"),
                j.get("evidence").get("compiledSample").asText());
        CliRun text = CliRun.of("check", "--format", "float(2,1,specials=FINITE)", "--act", "relu", "--quiet", "--no-sample");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("verdict     UNIVERSAL"), text.out());
        assertTrue(text.out().contains("domain      |x| <= 6 (every finite value)"), text.out());
        assertTrue(text.out().contains("numbers are values of e2m1 = float(2,1,bias=1,specials=FINITE) (15 finite values"),
                text.out());
    }

    @Test
    void inseparablePairStopsTheDomain() throws Exception {
        CliRun r = CliRun.of("check", "--format", "float(2,0,specials=FINITE)", "--rounding", "DOWN", "--act", "sigmoid",
                "--json", "--quiet");
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("NOT_UNIVERSAL", j.get("verdict").asText());
        assertEquals("N-sep", j.get("evidence").get("violated").asText());
        JsonNode d = j.get("domain");
        assertFalse(d.get("wholeFormat").asBoolean());
        JsonNode codes = d.get("stoppedBy").get("codes");
        long k = Math.max(Math.abs(codes.get(0).asLong()), Math.abs(codes.get(1).asLong()));
        assertEquals(k - 1, d.get("radiusCode").asLong());
    }

    @Test
    void specialsAndBinaryAreRefusedInOneLine() {
        refused(CliRun.of("check", "--format", "e4m3", "--act", "relu", "--overflow", "NAN"),
                "--overflow: check decides floating-point settings under overflow SATFINITE (or FINITE specials) only");
        refused(CliRun.of("check", "--format", "e2m1", "--act", "relu", "--binary"), "check --binary: binary weights are"
                + " decided for fixed-point formats only, not e2m1");
        refused(CliRun.of("check", "--format", "e2m1", "--act", "relu", "--overflow", "SATURATE"), "--overflow");
    }

    /**
     * A format above the float checks' size (binary16: 63487 finite values) is no mistake in the options:
     * check answers UNDETERMINED with the reason and exit 0, as table does and README promises, at once.
     */
    @Test
    void formatAboveTheTabulatedSizeIsUndeterminedNotRefused() throws Exception {
        CliRun r = CliRun.of("check", "--format", "binary16", "--act", "relu", "--json", "--quiet");
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("UNDETERMINED", j.get("verdict").asText());
        assertTrue(j.toString().contains("63487 finite values"), j.toString());
        CliRun text = CliRun.of("check", "--format", "bfloat16", "--act", "sigmoid", "--quiet");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("verdict     UNDETERMINED"), text.out());
        CliRun table = CliRun.of("table", "--csv", "--quiet", "--format", "binary16", "--activations", "relu");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains(",UNDETERMINED,"), table.out());
    }

    private static void refused(CliRun r, String start) {
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        String line = r.err().strip();
        assertFalse(line.contains("\n"), "one line: " + line);
        assertFalse(line.contains("Exception"), line);
        assertTrue(line.contains(start), line);
    }
}

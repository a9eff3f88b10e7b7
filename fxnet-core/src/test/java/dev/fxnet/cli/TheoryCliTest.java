package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code fxnet check} and {@code fxnet table} on settings whose answer is known by hand. */
class TheoryCliTest {
    @Test
    void twosComplementReluCannotSeparateTheTwoSmallestInputs() throws Exception {
        // Q1.0 = two's complement p=1, q=0: codes -2..1. w*x for x in {-2,-1} saturates to the same
        // value or is non-positive after any bias, so relu gives equal outputs (docs/THEORY.md).
        CliRun r = CliRun.of("check", "--act", "relu", "--format", "Q1.0", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("NOT_UNIVERSAL", j.get("verdict").asText());
        assertEquals("false", j.get("necessary").asText());
        assertTrue(j.get("evidence").get("witness").get("invariant").asText().contains("-2 and -1"), r.out());
    }

    @Test
    void reluAtThreeThreeIsUniversalAndTheSampleCompiles() throws Exception {
        CliRun r = CliRun.of("check", "--act", "relu", "-p", "2", "-q", "1", "--dims", "2", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("UNIVERSAL", j.get("verdict").asText());
        assertTrue(j.get("evidence").get("construction").get("hiddenLayers").asInt() >= 1);
        assertTrue(j.get("evidence").get("compiledSample").asText().contains("verified exact on all 225 points"),
                r.out());
    }

    @Test
    void constantActivationIsNotUniversal() {
        // two's complement p=0, q=0: F = {-1, 0}; relu is 0 on all of F, so tau is constant and no
        // hidden layer carries information about the input.
        CliRun r = CliRun.of("check", "--act", "relu", "-p", "0", "-q", "0", "--encoding", "TWOS_COMPLEMENT");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("verdict     NOT_UNIVERSAL"), r.out());
    }

    @Test
    void tableCsvHasOneRowPerSettingOfTheGrid() {
        CliRun r = CliRun.of("table", "--csv", "--activations", "relu,identity", "--int-bits", "0,1", "--frac-bits",
                "0,1", "--encodings", "all", "--overflows", "all", "--roundings", "HALF_EVEN,FLOOR");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith("activation,intBits,fracBits,encoding,overflow,rounding,"), lines[0]);
        // 2 activations x 4 formats x (SYM+SAT, 2C+SAT, 2C+WRAP) x 2 roundings
        assertEquals(1 + 2 * 4 * 3 * 2, lines.length);
        for (int i = 1; i < lines.length; i++) {
            assertTrue(lines[i].matches("^[a-z_]+,\\d,\\d,\\w+,\\w+,\\w+,PER_OP,false,(UNIVERSAL|NOT_UNIVERSAL|UNDETERMINED),.*"),
                    lines[i]);
        }
    }

    @Test
    void tableRefusesBadValues() {
        CliRun r = CliRun.of("table", "--roundings", "NEARISH");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--roundings"), r.err());
        assertEquals(1, r.err().strip().lines().count());
    }
}

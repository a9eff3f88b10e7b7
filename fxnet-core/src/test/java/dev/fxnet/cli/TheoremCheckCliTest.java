package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.theory.SaturationTheorem;
import org.junit.jupiter.api.Test;

/** {@code check} answers formats far above the gadget search from Theorem P (docs/THEORY.md §11), naming it. */
class TheoremCheckCliTest {
    @Test
    void check24BitFormatAnswersFromTheTheorem() {
        // how fast: docs/BENCHMARKS.md (a timed unit test would depend on the machine's load)
        CliRun r = CliRun.of("check", "-p", "12", "-q", "12", "--act", "relu");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("verdict     UNIVERSAL"), r.out());
        assertTrue(r.out().contains("theorem     " + SaturationTheorem.NAME), r.out());
        assertTrue(r.out().contains("hypothesis  "), r.out());
    }

    @Test
    void apFixed16AnswersEveryPaperActivationAndJsonNamesTheTheorem() {
        for (String act : SaturationTheorem.FAMILY) {
            CliRun r = CliRun.of("check", "--format", "ap_fixed<16,6>", "--act", act, "--json");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("\"verdict\" : \"UNIVERSAL\""), act + ": " + r.out());
            assertTrue(r.out().contains("\"theorem\""), act + ": " + r.out());
        }
    }

    @Test
    void aFormatTheTheoremDoesNotCoverStaysUndeterminedAndSaysWhy() {
        CliRun r = CliRun.of("check", "-p", "12", "-q", "12", "--act", "sigmoid", "--rounding", "UP");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("verdict     UNDETERMINED"), r.out());
        assertTrue(r.out().contains(SaturationTheorem.NAME + ": does not apply"), r.out());
    }

    @Test
    void theoremWVerdictsCarryTheCertificateAsNumbersInJson() throws Exception {
        CliRun r = CliRun.of("check", "--format", "ap_fixed<8,4>", "--act", "relu", "--overflow", "WRAP", "--json", "--no-sample");
        assertEquals(0, r.code(), r.err());
        com.fasterxml.jackson.databind.JsonNode th = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out())
                .path("evidence").path("theorem");
        assertTrue(th.path("name").asText().startsWith("Theorem W"), r.out());
        assertTrue(th.path("unit").path("unitWeightCode").isIntegralNumber(), r.out());
        assertTrue(th.path("onCode").asLong() != th.path("offCode").asLong(), r.out());
    }
}

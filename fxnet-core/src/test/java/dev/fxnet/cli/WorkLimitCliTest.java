package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** compile refuses, at once and with the estimate, what would verify for many minutes (issue #12). */
class WorkLimitCliTest {
    @Test
    void compileOfAMillionPointRandomTableIsRefusedUpFront() {
        CliRun r = CliRun.of("compile", "--act", "relu", "-p", "4", "-q", "5", "--dims", "2", "--random", "1");
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().matches("fxnet compile: verifying 1046529 points x at least \\d\\.\\d\\dM parameters = at "
                + "least \\d\\.\\de12 weight-operations exceeds the limit 1e12; --force to run anyway\\R"), r.err());
    }

    @Test
    void smallCompilesAreNotRefused() {
        CliRun r = CliRun.of("compile", "--act", "relu", "-p", "2", "-q", "2", "--dims", "2", "--random", "1",
                "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("verified:  exact on all 961 points"), r.out());
    }
}

package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The expressions of issue 12 through {@code compile --expr} and {@code verify --expr}, in-process. */
class ExpressionCliTest {
    static final Duration BOUND = Duration.ofSeconds(15);

    static CliRun compile(String expr, String... more) {
        return compileQ(expr, "1", more);
    }

    static CliRun compileQ(String expr, String q, String... more) {
        List<String> args = new ArrayList<>(List.of("compile", "--act", "relu", "-p", "1", "-q", q, "--dims", "1",
                "--expr", expr));
        args.addAll(List.of(more));
        return assertTimeoutPreemptively(BOUND, () -> CliRun.of(args.toArray(new String[0])));
    }

    static void assertOk(CliRun r, String what) {
        assertEquals(0, r.code(), what + ": " + r.err());
        assertEquals("", r.err(), what); // no warning: every value is certified
    }

    static void assertOneLineUserError(CliRun r, String what) {
        assertEquals(2, r.code(), what + ": " + r.out() + r.err());
        assertEquals(1, r.err().strip().split("\\R").length, r.err());
        assertFalse(r.err().contains("internal error") || r.err().contains("Exception"), r.err());
    }

    @Test
    void formerInternalErrorsAndHangsEndCertifiedWithinTheBound() {
        for (String e : new String[] {"10^1e9", "2^1e9", "tanh(1e20)", "x0^1e9", "tanh(1000)", "sin(1e100*x0)",
                "sigmoid(1e30)", "exp(1e10)", "x0^20000", "x0^10000", "exp(1000)"}) {
            assertOk(compile(e), e);
        }
    }

    @Test
    void literalBeyondTheLimitIsOneLine() {
        CliRun r = compile("1e999999999");
        assertOneLineUserError(r, "1e999999999");
        assertTrue(r.err().contains("exponent beyond +-10000 (the limit for literals)"), r.err());
    }

    @Test
    void floorOfSinPiXIsRefusedByDefaultAndZeroWhenAssumedExact(@TempDir java.nio.file.Path dir) throws Exception {
        CliRun r = compileQ("sin(pi*x0)", "0", "--rounding", "FLOOR");
        assertOneLineUserError(r, "refuse");
        assertTrue(r.err().contains("at x = (-1): sin(pi*x0) is within 1e-1000 of the rounding boundary 0 under FLOOR;"
                + " cannot certify its rounding; --on-uncertain assume-exact rounds it as if it were exactly 0"), r.err());
        java.nio.file.Path net = dir.resolve("n.json");
        CliRun a = compileQ("sin(pi*x0)", "0", "--rounding", "FLOOR", "--on-uncertain", "assume-exact",
                "--out", net.toString());
        assertEquals(0, a.code(), a.err());
        assertTrue(a.err().startsWith("note: --on-uncertain assume-exact: 2 point(s)"), a.err());
        // the network computes 0 everywhere: the same as the exact table y = 0
        java.nio.file.Path csv = dir.resolve("zero.csv");
        java.nio.file.Files.writeString(csv, "x0,y\n-1,0\n0,0\n1,0\n");
        CliRun v = CliRun.of("verify", net.toString(), "--table", csv.toString());
        assertEquals(0, v.code(), v.out() + v.err());
        CliRun ve = CliRun.of("verify", net.toString(), "--expr", "sin(pi*x0)");
        assertOneLineUserError(ve, "verify refuses too");
        CliRun bad = CliRun.of("verify", net.toString(), "--expr", "sin(pi*x0)", "--on-uncertain", "maybe");
        assertOneLineUserError(bad, "bad rule");
        assertTrue(bad.err().contains("expected refuse or assume-exact"), bad.err());
    }

    @Test
    void tanAtItsPolesIsAnErrorNamingTheFirstPole() {
        for (String rounding : new String[] {"HALF_EVEN", "FLOOR"}) {
            CliRun r = compileQ("tan(x0*pi/2)", "0", "--rounding", rounding, "--on-uncertain", "assume-exact");
            assertOneLineUserError(r, rounding);
            assertTrue(r.err().contains("at x = (-1): tan(x0*pi/2): a pole"), r.err());
        }
    }

    @Test
    void aDivisionByZeroNamesTheSamePointEveryRun() {
        String first = null;
        for (int i = 0; i < 4; i++) {
            CliRun r = assertTimeoutPreemptively(BOUND, () -> CliRun.of("compile", "--act", "relu", "-p", "2", "-q", "2",
                    "--dims", "2", "--expr", "1/(x1-0.5) + 1/0"));
            assertOneLineUserError(r, "1/0");
            if (first == null) {
                first = r.err();
                assertTrue(first.contains("at x = (-3.75, -3.75): 1/0: division by zero"), first);
            }
            assertEquals(first, r.err());
        }
    }
}

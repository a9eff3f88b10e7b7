package dev.fxnet.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The acceptance check: an independent implementation of SPEC.md in Python
 * ({@code acceptance/spec_model.py}, exact rationals and mpmath, written from the SPEC alone)
 * run against the CLI on activation tables and random networks of every mode, encoding, overflow
 * and accumulation ({@code acceptance/run_acceptance.py}, quick grid), and the same for the float
 * formats of SPEC §8 ({@code acceptance/float_model.py}, {@code --only float}). Every row must
 * agree.
 *
 * <p>The calls reach the CLI through {@link InProcessCli}: the picocli entry of {@code Main} run
 * inside this JVM, stdout, stderr and exit code captured apart, instead of about 240 JVM starts.
 * The first call of each kind (activation table, network, SPEC example, bad input) and every
 * {@value #REAL_EVERY}th call still run as a real process ({@code java -cp <this JVM's class
 * path> dev.fxnet.cli.Main}), checked in the same way, so the process path stays covered too.
 *
 * <p>Needs {@code python3} with {@code mpmath} (Debian: {@code apt-get install python3-mpmath});
 * without them the test is skipped, except in CI ({@code CI=true}), where it fails.
 */
class SpecAcceptanceTest {

    private static final long BUDGET_SECONDS = 300;
    /** Every this many calls, one runs as a process of its own (besides the first of each kind). */
    static final int REAL_EVERY = 40;
    private static final Pattern SUMMARY = Pattern.compile("(?m)^(\\d+) passed, (\\d+) failed$");

    private static InProcessCli cli;
    private static Run fixedPoint;
    private static Run floats;

    /**
     * Starts both model runs at once (the Python model is single-threaded and the CLI calls are
     * served by this JVM, so on two cores the runs overlap); each test waits for its own.
     */
    @BeforeAll
    static void startBothRuns() throws Exception {
        String python = pythonWithMpmath();
        cli = InProcessCli.start(2);
        fixedPoint = Run.start(python, cli, "acceptance.log");
        floats = Run.start(python, cli, "acceptance-float.log", "--only", "float");
    }

    @AfterAll
    static void stopServing() throws Exception {
        for (Run r : new Run[] {fixedPoint, floats}) {
            if (r != null) {
                r.stop();
            }
        }
        if (cli != null) {
            cli.close();
        }
    }

    @Test
    void independentSpecModelAgreesWithTheCliOnEveryRow() throws Exception {
        fixedPoint.check(10_000);
    }

    /**
     * SPEC §8: float activation tables (bit patterns in the code columns, exact decimals or
     * inf/-inf/nan) and random float networks under {@code eval --all --csv}, against the float
     * part of the model ({@code acceptance/float_model.py}).
     */
    @Test
    void independentFloatModelAgreesWithTheCliOnEveryRow() throws Exception {
        floats.check(10_000);
    }

    /**
     * The repository's root: the first of the working directory (the module's directory under Maven)
     * and its ancestors that holds {@code acceptance/}.
     */
    static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("acceptance"))) {
                return p;
            }
        }
        throw new IllegalStateException("no acceptance/ folder in " + start + " or above");
    }

    /** One run of {@code acceptance/run_acceptance.py}, its output going to {@code target/LOG}. */
    private record Run(Process process, Path log, String label, long startNanos) {

        static Run start(String python, InProcessCli cli, String logName, String... extra) throws IOException {
            Path root = Path.of("").toAbsolutePath();
            Path script = repositoryRoot().resolve("acceptance/run_acceptance.py");
            assertTrue(Files.isRegularFile(script), "missing " + script);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(python, script.toString(),
                    "--java", java, "--classpath", System.getProperty("java.class.path"),
                    "--server", Integer.toString(cli.port()), "--real-every", Integer.toString(REAL_EVERY),
                    "--workdir", root.resolve("target/acceptance").toString()));
            cmd.addAll(List.of(extra));
            Path log = Files.createDirectories(root.resolve("target")).resolve(logName);
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new Run(p, log, String.join(" ", extra), t0);
        }

        void check(long minRows) throws Exception {
            Process p = process;
            long left = BUDGET_SECONDS * 1_000_000_000L - (System.nanoTime() - startNanos);
            if (!p.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                stop();
                fail("acceptance run exceeded " + BUDGET_SECONDS + " s; log: " + log);
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            System.out.printf("SpecAcceptanceTest %s: %.1f s%n%s", label,
                    (System.nanoTime() - startNanos) / 1e9, tail(out, 40));
            Matcher m = SUMMARY.matcher(out);
            assertTrue(m.find(), "no summary line in the acceptance output:\n" + tail(out, 40));
            assertEquals(0, p.exitValue(), "fxnet disagrees with the independent SPEC model ("
                    + m.group(2) + " rows failed); full log " + log + ":\n" + tail(out, 60));
            assertEquals("0", m.group(2));
            assertTrue(Long.parseLong(m.group(1)) > minRows, "suspiciously few rows compared");
        }

        void stop() {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    /**
     * The first of {@code python3} on the PATH and Debian's {@code /usr/bin/python3} that can import
     * mpmath (a PATH python such as pyenv's may lack the Debian package that .ci/run installs).
     */
    private static String pythonWithMpmath() throws InterruptedException {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import mpmath")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return python;
                }
            } catch (IOException e) {
                // try the next one
            }
        }
        String msg = "python3 with mpmath is needed (Debian: apt-get install python3-mpmath)";
        if ("true".equals(System.getenv("CI"))) {
            fail(msg + "; CI must install it (.ci/run)");
        }
        Assumptions.abort(msg);
        return null;
    }

    private static String tail(String s, int lines) {
        List<String> all = List.of(s.split("\n"));
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
    }
}

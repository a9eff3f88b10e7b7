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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The acceptance check: an independent implementation of SPEC.md in Python
 * ({@code acceptance/spec_model.py}, exact rationals and mpmath, written from the SPEC alone)
 * run against the real CLI ({@code java -cp <this JVM's class path> dev.fxnet.cli.Main}) on
 * activation tables and random networks of every mode, encoding, overflow and accumulation
 * ({@code acceptance/run_acceptance.py}, quick grid), and the same for the float formats of
 * SPEC §8 ({@code acceptance/float_model.py}, {@code --only float}). Every row must agree.
 *
 * <p>Needs {@code python3} with {@code mpmath} (Debian: {@code apt-get install python3-mpmath});
 * without them the test is skipped, except in CI ({@code CI=true}), where it fails.
 */
class SpecAcceptanceTest {

    private static final long BUDGET_SECONDS = 300;
    private static final Pattern SUMMARY = Pattern.compile("(?m)^(\\d+) passed, (\\d+) failed$");

    @Test
    void independentSpecModelAgreesWithTheCliOnEveryRow() throws Exception {
        run("acceptance.log", 10_000);
    }

    /**
     * SPEC §8: float activation tables (bit patterns in the code columns, exact decimals or
     * inf/-inf/nan) and random float networks under {@code eval --all --csv}, against the float
     * part of the model ({@code acceptance/float_model.py}).
     */
    @Test
    void independentFloatModelAgreesWithTheCliOnEveryRow() throws Exception {
        run("acceptance-float.log", 10_000, "--only", "float");
    }

    private static void run(String logName, long minRows, String... extra) throws Exception {
        String python = pythonWithMpmath();
        Path root = Path.of("").toAbsolutePath();
        Path script = root.resolve("acceptance/run_acceptance.py");
        assertTrue(Files.isRegularFile(script), "missing " + script);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");

        List<String> cmd = new ArrayList<>(List.of(python, script.toString(),
                "--java", java, "--classpath", classpath,
                "--workdir", root.resolve("target/acceptance").toString()));
        cmd.addAll(List.of(extra));
        Path log = Files.createDirectories(root.resolve("target")).resolve(logName);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(BUDGET_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("acceptance run exceeded " + BUDGET_SECONDS + " s; log: " + log);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        System.out.printf("SpecAcceptanceTest %s: %.1f s%n%s", String.join(" ", extra),
                (System.nanoTime() - t0) / 1e9, tail(out, 40));
        Matcher m = SUMMARY.matcher(out);
        assertTrue(m.find(), "no summary line in the acceptance output:\n" + tail(out, 40));
        assertEquals(0, p.exitValue(), "fxnet disagrees with the independent SPEC model ("
                + m.group(2) + " rows failed); full log " + log + ":\n" + tail(out, 60));
        assertEquals("0", m.group(2));
        assertTrue(Long.parseLong(m.group(1)) > minRows, "suspiciously few rows compared");
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

package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Progress on stderr when it is not a terminal: a plain line every interval (issue #12: nothing was shown). */
class ProgressTest {
    private static final long S = 1_000_000_000L;

    @AfterEach
    void restore() {
        Progress.clock = System::nanoTime;
        Progress.terminalOverride = null;
    }

    @Test
    void plainLinesComeEveryIntervalAndNotBeforeTheFirst() {
        AtomicLong now = new AtomicLong(100 * S);
        StringWriter sw = new StringWriter();
        try (Progress p = new Progress("verify", 100, "points", null, new PrintWriter(sw), now::get, 5 * S)) {
            now.set(101 * S);
            p.step(10);
            assertEquals("", sw.toString(), "a line before the first interval");
            now.set(106 * S);
            p.step(10);
            now.set(107 * S);
            p.step(10);
            now.set(112 * S);
            p.step(30);
        }
        assertEquals("verify: 20/100 points (20.0%), 0:06 elapsed, about 0:24 left\n"
                + "verify: 60/100 points (60.0%), 0:12 elapsed, about 0:08 left\n", sw.toString().replace("\r\n", "\n"));
    }

    @Test
    void durationsReadAsClockTimes() {
        assertEquals("0:00", Progress.duration(0));
        assertEquals("1:05", Progress.duration(65 * S));
        assertEquals("2:03:04", Progress.duration((2 * 3600 + 3 * 60 + 4) * S));
    }

    /** A clock that moves 6 s per reading, so every step is past the interval. */
    private static LongSupplier fastClock() {
        AtomicLong t = new AtomicLong();
        return () -> t.addAndGet(6 * S);
    }

    @Test
    void tableReportsRowsOffATerminalAndQuietSilencesIt() {
        Progress.clock = fastClock();
        Progress.terminalOverride = false;
        String[] args = {"table", "--activations", "relu,identity", "--int-bits", "1", "--frac-bits", "1", "--threads",
            "1"};
        CliRun loud = CliRun.of(args);
        assertEquals(0, loud.code(), loud.err());
        assertTrue(loud.err().matches("(?s)table: 1/2 rows \\(50\\.0%\\), 0:06 elapsed, about 0:06 left\\R"
                + "table: 2/2 rows \\(100\\.0%\\), 0:12 elapsed\\R"), loud.err());

        String[] quietArgs = java.util.Arrays.copyOf(args, args.length + 1);
        quietArgs[args.length] = "--quiet";
        CliRun quiet = CliRun.of(quietArgs);
        assertEquals(0, quiet.code(), quiet.err());
        assertEquals("", quiet.err());
        assertEquals(loud.out(), quiet.out());
    }

    /** issue #12: off a terminal, report printed only "section 1/5, verdicts..." for a minute. */
    @Test
    void reportCountsItsVerdictsOffATerminal(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Progress.clock = fastClock();
        Progress.terminalOverride = false;
        var saved = ReportCommand.builder;
        ReportCommand.builder = (scope, progress) -> {
            progress.section("verdicts", 4, "settings");
            for (int i = 0; i < 4; i++) {
                progress.step(1);
            }
            progress.section("activations", 0, "");
            return new dev.fxnet.report.HtmlReport("t").paragraph("ok");
        };
        try {
            CliRun r = CliRun.of("report", "--quick", "--out", dir.resolve("r").toString());
            assertEquals(0, r.code(), r.err());
            int n = dev.fxnet.report.StandardReport.SECTIONS;
            assertTrue(r.err().matches("(?s)report: section 1/" + n + ", verdicts\\.\\.\\.\\R"
                    + "report: verdicts: 1/4 settings \\(25\\.0%\\), 0:06 elapsed, about 0:18 left\\R.*"
                    + "report: verdicts: 4/4 settings \\(100\\.0%\\), 0:24 elapsed\\R"
                    + "report: section 2/" + n + ", activations\\.\\.\\.\\R"), r.err());
            CliRun q = CliRun.of("report", "--quick", "--quiet", "--out", dir.resolve("q").toString());
            assertEquals(0, q.code(), q.err());
            assertEquals("", q.err());
        } finally {
            ReportCommand.builder = saved;
        }
    }

    @Test
    void verifyReportsPointsOffATerminal(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String net = dir.resolve("n.json").toString();
        assertEquals(0, CliRun.of("compile", "--act", "relu", "-p", "1", "-q", "1", "--dims", "2", "--random", "3",
                "--out", net, "--quiet").code());
        Progress.clock = fastClock();
        Progress.terminalOverride = false;
        CliRun r = CliRun.of("verify", net, "--random", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().matches("(?s)(verify: \\d+/49 points \\(\\d+\\.\\d%\\), \\d:\\d\\d elapsed.*\\R)+"), r.err());
        assertEquals("", CliRun.of("verify", net, "--random", "3", "--quiet").err());
    }

    @Test
    void aPhaseOfUnknownLengthPrintsElapsedLinesWhileItRunsAndStopsWhenClosed() throws Exception {
        // compile's build phase printed nothing for a minute off a terminal; its lines come from a timer
        StringWriter w = new StringWriter();
        PrintWriter err = new PrintWriter(w);
        long deadline = System.nanoTime() + 10_000_000_000L;
        try (Progress.Phase p = Progress.phase("compile", "building the network", err, false, 1_000_000L)) {
            while (lines(w) < 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }
        int n = lines(w);
        assertTrue(n >= 2, w.toString());
        assertTrue(w.toString().matches("(?s)(compile: building the network, \\d+:\\d\\d elapsed\\R)+"), w.toString());
        Thread.sleep(50); // closed: no more lines
        assertTrue(lines(w) <= n + 1, w.toString());
        StringWriter q = new StringWriter();
        try (Progress.Phase p = Progress.phase("compile", "building", new PrintWriter(q), true, 1_000_000L)) {
            Thread.sleep(20);
        }
        assertEquals("", q.toString(), "--quiet prints nothing");
    }

    private static int lines(StringWriter w) {
        synchronized (w.getBuffer()) {
            return (int) w.toString().lines().count();
        }
    }
}

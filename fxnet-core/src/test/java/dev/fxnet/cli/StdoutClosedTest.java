package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fxnet stops at once when its standard output goes away (issue #12: a closed pipe was not noticed). */
class StdoutClosedTest {
    /** An output that accepts {@code limit} bytes, then fails as a pipe whose reader has gone. */
    static final class ClosingPipe extends OutputStream {
        final ByteArrayOutputStream got = new ByteArrayOutputStream();
        final int limit;
        int failures;

        ClosingPipe(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (got.size() + len > limit) {
                failures++;
                throw new IOException("Broken pipe");
            }
            got.write(b, off, len);
        }
    }

    private static CliRun runInto(OutputStream raw, String... args) {
        StringWriter err = new StringWriter();
        int code = Main.run(args, Main.stdout(raw, StandardCharsets.UTF_8, false), new PrintWriter(err));
        return new CliRun(code, "", err.toString());
    }

    @Test
    void streamingCommandsStopSilentlyWith141OnTheFirstFailedWrite(@TempDir Path dir) throws Exception {
        Path net = dir.resolve("net.json");
        assertEquals(0, CliRun.of("compile", "--act", "relu", "-p", "2", "-q", "2", "--dims", "2", "--random", "1",
                "--out", net.toString()).code());
        List<String[]> commands = List.of(
                new String[] {"activation", "relu", "-p", "8", "-q", "8", "--csv"},
                new String[] {"activation", "relu", "-p", "8", "-q", "8"},
                new String[] {"eval", net.toString(), "--all", "--csv"},
                new String[] {"eval", net.toString(), "--all"},
                new String[] {"size", "--grid-p", "1", "--grid-q", "1,2", "--grid-dims", "1"},
                new String[] {"table", "--activations", "relu", "--int-bits", "1", "--frac-bits", "1"});
        for (String[] args : commands) {
            ClosingPipe pipe = new ClosingPipe(10);
            CliRun r = runInto(pipe, args);
            assertEquals(Main.BROKEN_PIPE, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals("", r.err(), String.join(" ", args));
            assertEquals(1, pipe.failures, String.join(" ", args) + ": kept writing after the pipe closed");
        }
    }

    @Test
    void anyOtherWriteErrorIsOneUserErrorLine() {
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        CliRun r = runInto(full, "activation", "relu", "-p", "8", "-q", "8", "--csv");
        assertEquals(Main.USER_ERROR, r.code());
        assertEquals("fxnet activation: cannot write to standard output: No space left on device\n",
                r.err().replace("\r\n", "\n"));
    }

    /**
     * {@code eval --all} streams: the header reaches the reader on its own, before the rows, and
     * the rows follow block by block, so that a reader who closes the pipe stops the evaluation
     * (issue #12: the header came only after every point was evaluated).
     */
    @Test
    void evalAllStreamsTheHeaderAtOnceAndTheRowsInBlocks(@TempDir Path dir) throws Exception {
        Path net = dir.resolve("net.json");
        assertEquals(0, CliRun.of("compile", "--act", "relu", "-p", "2", "-q", "3", "--dims", "2", "--random", "1",
                "--out", net.toString(), "--quiet").code());
        String header = "x0_code,x1_code,y_code\n";
        ClosingPipe pipe = new ClosingPipe(header.length());
        CliRun r = runInto(pipe, "eval", net.toString(), "--all", "--csv");
        assertEquals(Main.BROKEN_PIPE, r.code(), r.err());
        assertEquals(header, pipe.got.toString(StandardCharsets.UTF_8), "the header did not come first, alone");

        List<Integer> writes = new java.util.ArrayList<>();
        ByteArrayOutputStream all = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                writes.add(len);
                super.write(b, off, len);
            }
        };
        r = runInto(all, "eval", net.toString(), "--all", "--csv");
        assertEquals(0, r.code(), r.err());
        assertEquals(CliRun.of("eval", net.toString(), "--all", "--csv").out(), all.toString(StandardCharsets.UTF_8));
        assertTrue(writes.size() > 2, "rows not written in blocks: " + writes);
    }

    /** Help and version are printed by picocli, outside the commands: their write errors end the same way. */
    @Test
    void helpAndVersionEndLikeAnyOtherOutput() {
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"--version"},
                new String[] {"compile", "--help"}, new String[] {"help", "eval"})) {
            CliRun r = runInto(full, args);
            assertEquals(Main.USER_ERROR, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().replace("\r\n", "\n").matches(
                    "fxnet( \\w+)?: cannot write to standard output: No space left on device\n"),
                    String.join(" ", args) + ": " + r.err());
            ClosingPipe pipe = new ClosingPipe(10);
            r = runInto(pipe, args);
            assertEquals(Main.BROKEN_PIPE, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals("", r.err(), String.join(" ", args));
        }
        assertEquals("fxnet compile: cannot write to standard output: No space left on device",
                runInto(full, "compile", "--help").err().strip());
    }

    /** The real thing: a process whose stdout pipe is closed by its reader after one line. */
    @Test
    void processExitsWith141SoonAfterItsReaderCloses() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "activation", "relu", "-p", "9", "-q", "9", "--csv");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process proc = pb.start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("z_code,tau_code,z,tau", r.readLine());
            r.close();
            assertTrue(proc.waitFor(60, TimeUnit.SECONDS), "still running 60 s after its reader went away");
            assertEquals(Main.BROKEN_PIPE, proc.exitValue());
        } finally {
            proc.destroyForcibly();
        }
    }
}

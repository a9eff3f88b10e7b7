package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fxnet.network.NetworkJson;
import dev.fxnet.report.HtmlReport;
import dev.fxnet.testing.SpecExamples;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs never clobber (issue 12): special files are refused before any work and stay what they
 * were, links are followed, an input is never an output, standard output is written through,
 * write errors name the user's path, and {@code report --out DIR} leaves no directory unless it
 * succeeds.
 */
class SafeOutputCliTest {
    private static final String[] COMPILE = {"compile", "--act", "relu", "-p", "1", "-q", "1", "--dims", "1",
            "--random", "1", "--out"};

    @TempDir
    Path dir;

    private static CliRun compileTo(String out) {
        String[] args = java.util.Arrays.copyOf(COMPILE, COMPILE.length + 1);
        args[COMPILE.length] = out;
        return CliRun.of(args);
    }

    private static void assertOneLineUserError(CliRun r, String... fragments) {
        assertEquals("", r.out(), "refused before any work");
        assertOneLineError(r, fragments);
    }

    private static void assertOneLineError(CliRun r, String... fragments) {
        assertEquals(2, r.code(), r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line expected: " + err);
        assertFalse(err.contains("Exception"), err);
        assertFalse(err.contains(".tmp"), "no temporary name: " + err);
        for (String f : fragments) {
            assertTrue(err.contains(f), "expected '" + f + "' in: " + err);
        }
    }

    private List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private Path mknod(String name, int major, int minor) throws Exception {
        Path p = dir.resolve(name);
        Process pr = new ProcessBuilder("mknod", p.toString(), "c", Integer.toString(major), Integer.toString(minor))
                .redirectErrorStream(true).start();
        assumeTrue(pr.waitFor() == 0, "mknod needs root");
        return p;
    }

    private static boolean isCharDevice(Path p) throws IOException {
        int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return (mode & 0170000) == 0020000;
    }

    @Test
    void devicesAreRefusedAndStayDevices() throws Exception {
        // copies of /dev/null (1,3) and /dev/full (1,7): the same devices, without risking the real nodes
        for (Path dev : List.of(mknod("null", 1, 3), mknod("full", 1, 7))) {
            CliRun r = compileTo(dev.toString());
            assertOneLineUserError(r, "--out " + dev + ": is a character device, not a regular file",
                    "'-' for standard output");
            assertTrue(isCharDevice(dev), dev + " is no longer a device");
        }
        assertEquals(List.of("full", "null"), names(dir));
    }

    @Test
    void namedPipeIsRefusedBeforeOpeningIt() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> compileTo(fifo.toString()));
        assertOneLineUserError(r, "--out " + fifo + ": is a named pipe");
        int mode = (Integer) Files.getAttribute(fifo, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        assertEquals(0010000, mode & 0170000, "still a pipe");
    }

    @Test
    void endlessOrBlockingInputsAreRefusedBeforeTheyAreRead() throws Exception {
        // /dev/zero read whole never ends (and fills memory); a named pipe with no writer blocks on open
        Path fifo = dir.resolve("in.json");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
            assertOneLineUserError(CliRun.of("eval", "/dev/zero", "--all"), "/dev/zero: is a character device");
            assertOneLineUserError(CliRun.of("verify", fifo.toString(), "--expr", "x0"), "is a named pipe");
            assertOneLineUserError(CliRun.of("compile", "--act", "relu", "--dims", "1", "--table", "/dev/zero"),
                    "/dev/zero: is a character device, not a table file");
            assertOneLineUserError(CliRun.of("export", "/dev/zero", "--c", dir.resolve("n.c").toString()),
                    "not a network file");
        });
    }

    @Test
    void directoryIsRefused() {
        assertOneLineUserError(compileTo(dir.toString()), "--out " + dir + ": is a directory");
    }

    @Test
    void symbolicLinkIsFollowedAndStaysALink() throws Exception {
        Path real = dir.resolve("real.json");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("real.json"));
        CliRun r = compileTo(link.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(1, NetworkJson.read(real).inputs());

        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.json"), Path.of("new.json"));
        r = compileTo(dangling.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals(1, NetworkJson.read(dir.resolve("new.json")).inputs());
        assertEquals(List.of("dangling.json", "link.json", "new.json", "real.json"), names(dir));
    }

    @Test
    void compileRefusesToOverwriteItsTable() throws Exception {
        Path table = dir.resolve("t.csv");
        // a valid table of F = (p=1,q=1): without the check, compile would replace it by a network and exit 0
        String csv = "x0,y\n-1.5,0\n-1,0\n-0.5,0.5\n0,0\n0.5,1\n1,-1\n1.5,1.5\n";
        Files.writeString(table, csv);
        Files.createDirectory(dir.resolve("sub"));
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), table);
        for (Path out : List.of(table, dir.resolve("sub/../t.csv"), link)) {
            CliRun r = CliRun.of("compile", "--act", "relu", "-p", "1", "-q", "1", "--dims", "1", "--table",
                    table.toString(), "--out", out.toString());
            assertOneLineUserError(r, "--out " + out, "--table " + table, "same file");
            assertEquals(csv, Files.readString(table));
        }
    }

    /**
     * issue #12: {@code export net.json --c - >> net.json} and {@code compile --table t.csv --out - >> t.csv}
     * appended to their own input and exited 0; so did text output ({@code eval net.json --all >> net.json}).
     * In-process, standard output is no file: the test says which file it is open on.
     */
    @Test
    void standardOutputOpenOnAnInputIsRefusedBeforeAnyWork() throws Exception {
        Path net = dir.resolve("n.json");
        Files.writeString(net, SpecExamples.SPEC_NETWORK);
        Path table = dir.resolve("t.csv");
        String csv = "x0,y\n-1.5,0\n-1,0\n-0.5,0.5\n0,0\n0.5,1\n1,-1\n1.5,1.5\n";
        Files.writeString(table, csv);
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), net);
        var saved = Outputs.standardOutputFile;
        try {
            Outputs.standardOutputFile = () -> java.util.Optional.of(link);
            assertOneLineUserError(CliRun.of("export", net.toString(), "--c", "-"),
                    "--c: standard output is the same file as the input " + net);
            assertOneLineUserError(CliRun.of("export", net.toString(), "--onnx", "/dev/stdout"),
                    "--onnx: standard output is the same file as the input " + net);
            assertOneLineUserError(CliRun.of("eval", net.toString(), "--all", "--csv"),
                    "fxnet eval: standard output is the same file as NET.json " + net);
            assertOneLineUserError(CliRun.of("verify", net.toString(), "--random", "1"),
                    "standard output is the same file as NET.json " + net);
            String[] compile = {"compile", "--act", "relu", "-p", "1", "-q", "1", "--dims", "1", "--table",
                table.toString(), "--out", "-"};
            Outputs.standardOutputFile = () -> java.util.Optional.of(table);
            assertOneLineUserError(CliRun.of(compile), "--out: standard output is the same file as --table " + table);
            assertOneLineUserError(CliRun.of(java.util.Arrays.copyOf(compile, compile.length - 2)),
                    "fxnet compile: standard output is the same file as --table " + table);
            assertOneLineUserError(CliRun.of("verify", net.toString(), "--table", table.toString()),
                    "standard output is the same file as --table " + table);
            // standard output elsewhere: the same commands run
            Outputs.standardOutputFile = () -> java.util.Optional.of(dir.resolve("other"));
            assertEquals(0, CliRun.of(compile).code());
            assertEquals(0, CliRun.of("eval", net.toString(), "--all", "--csv").code());
        } finally {
            Outputs.standardOutputFile = saved;
        }
        assertEquals(SpecExamples.SPEC_NETWORK, Files.readString(net));
        assertEquals(csv, Files.readString(table));
    }

    /** The real thing: {@code fxnet export n.json --c - >> n.json}, through /proc/self/fd/1. */
    @Test
    void appendingStandardOutputToTheInputIsRefusedInAProcess() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/self/fd/1")), "needs /proc");
        Path net = dir.resolve("n.json");
        Files.writeString(net, SpecExamples.SPEC_NETWORK);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "export", net.toString(), "--c", "-").redirectOutput(ProcessBuilder.Redirect.appendTo(net.toFile()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertEquals(SpecExamples.SPEC_NETWORK, Files.readString(net));
    }

    @Test
    void exportRefusesToOverwriteItsInputOrOneOutputWithAnother() throws Exception {
        Path net = dir.resolve("n.json");
        Files.writeString(net, SpecExamples.SPEC_NETWORK);
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), net);
        Files.createDirectory(dir.resolve("sub"));
        for (String[] opts : List.of(new String[] {"--c", net.toString()}, new String[] {"--onnx", link.toString()},
                new String[] {"--c", dir.resolve("sub/../n.json").toString()})) {
            CliRun r = CliRun.of("export", net.toString(), opts[0], opts[1]);
            assertOneLineUserError(r, opts[0] + " " + opts[1], "the input " + net);
            assertEquals(SpecExamples.SPEC_NETWORK, Files.readString(net));
        }
        Path x = dir.resolve("x");
        CliRun r = CliRun.of("export", net.toString(), "--onnx", x.toString(), "--c", dir.resolve("sub/../x").toString());
        assertOneLineUserError(r, "--onnx " + x, "both name the file");
        r = CliRun.of("export", net.toString(), "--onnx", "-", "--c", "/dev/stdout");
        assertOneLineUserError(r, "both name standard output");
        assertEquals(List.of("link.json", "n.json", "sub"), names(dir));
    }

    @Test
    void dashWritesTheFileToStandardOutputAndTheReportToStderr() throws Exception {
        CliRun r = compileTo("-");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, NetworkJson.parse(r.out()).inputs(), "stdout is exactly the network");
        assertTrue(r.err().contains("verified:"), r.err());
        assertTrue(r.err().contains("wrote:     standard output"), r.err());

        Path net = dir.resolve("n.json");
        Files.writeString(net, SpecExamples.SPEC_NETWORK);
        r = CliRun.of("export", net.toString(), "--c", "-");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("int fxnet_eval("), r.out());
        assertEquals(List.of("n.json"), names(dir));
    }

    @Test
    void unwritableDirectoryIsRefusedEarlyNamingTheOptionAndThePathNotTheTemporaryFile() throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        // an immutable directory refuses new files even to root
        Process p = new ProcessBuilder("chattr", "+i", locked.toString()).redirectErrorStream(true).start();
        assumeTrue(p.waitFor() == 0, "chattr +i is not available here");
        try {
            Path out = locked.resolve("net.json");
            CliRun r = compileTo(out.toString());
            assertOneLineUserError(r, "--out " + out + ": operation not permitted");
        } finally {
            new ProcessBuilder("chattr", "-i", locked.toString()).start().waitFor();
        }
        assertEquals(List.of(), names(locked));
    }

    /** issue #12: an index.html that is a directory was refused only after the whole report was computed. */
    @Test
    void reportRefusesAnIndexThatIsNotAFileBeforeAnyWork() throws Exception {
        Path out = dir.resolve("rdir");
        Files.createDirectories(out.resolve("index.html"));
        var saved = ReportCommand.builder;
        boolean[] built = {false};
        ReportCommand.builder = (scope, progress) -> {
            built[0] = true;
            return new HtmlReport("t").paragraph("ok");
        };
        try {
            CliRun r = CliRun.of("report", "--quick", "--out", out.toString());
            assertOneLineUserError(r, "--out " + out.resolve("index.html") + ": is a directory, not a regular file");
        } finally {
            ReportCommand.builder = saved;
        }
        assertFalse(built[0], "the report was computed before the refusal");
        assertTrue(Files.isDirectory(out.resolve("index.html")));
    }

    @Test
    void reportFailingMidwayLeavesNoDirectory() throws Exception {
        Path out = dir.resolve("a/report");
        var saved = ReportCommand.builder;
        ReportCommand.builder = (scope, progress) -> {
            progress.section("verdicts", 0, "");
            throw new IllegalArgumentException("the build failed midway");
        };
        try {
            CliRun r = CliRun.of("report", "--quick", "--out", out.toString());
            assertEquals(2, r.code(), r.err());
        } finally {
            ReportCommand.builder = saved;
        }
        assertEquals(List.of(), names(dir));

        ReportCommand.builder = (scope, progress) -> new HtmlReport("t").paragraph("ok");
        try {
            CliRun r = CliRun.of("report", "--quick", "--out", out.toString());
            assertEquals(0, r.code(), r.err());
        } finally {
            ReportCommand.builder = saved;
        }
        assertEquals(List.of("index.html"), names(out));
        assertEquals(List.of("report"), names(dir.resolve("a")));
    }

    @Test
    void interruptedReportLeavesNoDirectoryAndNoTemporaryFiles() throws Exception {
        Path out = dir.resolve("report");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "report", "--out", out.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = r.readLine(); // wait until the report is being computed
            } while (line != null && !line.contains("verdicts"));
            assertTrue(line != null, "report ended before computing its verdicts");
            p.destroy(); // SIGTERM, as a kill or a closed terminal sends
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "report did not end on SIGTERM");
        } finally {
            p.destroyForcibly();
        }
        assertEquals(List.of(), names(dir), "an interrupted report leaves nothing");
    }

    /** A table read through /dev/stdin of a pipe (as `--table <(...)` gives): the link's target has no path. */
    @Test
    void aPipeAsInputIsNamedAsSuchNotAsAMissingFile() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/stdin")), "no /dev/stdin here");
        Path net = dir.resolve("n.json");
        Files.writeString(net, SpecExamples.SPEC_NETWORK);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "verify", net.toString(), "--table", "/dev/stdin");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process proc = pb.start();
        try {
            proc.getOutputStream().write("x0,y\n".getBytes(StandardCharsets.UTF_8));
            proc.getOutputStream().close();
            String err = new String(proc.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(proc.waitFor(60, TimeUnit.SECONDS), "still running");
            assertEquals(2, proc.exitValue(), err);
            assertEquals("fxnet verify: /dev/stdin: is a named pipe, not a table file; give a regular file", err);
        } finally {
            proc.destroyForcibly();
        }
    }
}

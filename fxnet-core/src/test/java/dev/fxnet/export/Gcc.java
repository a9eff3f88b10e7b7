package dev.fxnet.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Compiles and runs exported C with the machine's gcc; skips the calling test if there is no gcc. */
public final class Gcc {
    /** The flags of the brief, plus stricter ones a user's build may have (conversions, C90-style declarations, ...). */
    public static final List<String> FLAGS = List.of("-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-O1",
            "-Wconversion", "-Wsign-conversion", "-Wshadow", "-Wstrict-prototypes", "-Wmissing-prototypes",
            "-Wcast-qual", "-Wformat=2", "-Wundef", "-Wvla", "-Wdeclaration-after-statement");
    private static Boolean available;

    private Gcc() {
    }

    public static synchronized void require() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                available = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                available = false;
            }
            if (!available) {
                System.err.println("SKIP: no working gcc on this machine");
            }
        }
        Assumptions.assumeTrue(available, "no working gcc on this machine");
    }

    /** Compiles {@code source} with {@link #FLAGS} and {@code -DFXNET_MAIN}; returns the executable. */
    public static Path compileMain(Path dir, String name, String source) throws IOException, InterruptedException {
        require();
        Path c = dir.resolve(name + ".c");
        Files.writeString(c, source, StandardCharsets.UTF_8);
        Path exe = dir.resolve(name);
        List<String> cmd = new ArrayList<>();
        cmd.add("gcc");
        cmd.addAll(FLAGS);
        cmd.add("-DFXNET_MAIN");
        cmd.add("-o");
        cmd.add(exe.toString());
        cmd.add(c.toString());
        String out = run(cmd, 300);
        if (!Files.isExecutable(exe)) {
            throw new AssertionError("gcc failed on " + c + ":\n" + out);
        }
        return exe;
    }

    /** Runs a command; returns stdout (stderr appended on failure). */
    public static String run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        Path err = Files.createTempFile("fxnet-gcc", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                return text + "\n[exit " + p.exitValue() + "]\n" + Files.readString(err);
            }
            return text;
        } finally {
            Files.deleteIfExists(err);
        }
    }
}

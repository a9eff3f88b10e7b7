package dev.fxnet.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write killed by SIGTERM midway leaves the target as it was and no temporary file. */
class InterruptedWriteTest {
    @TempDir
    Path dir;

    @Test
    void sigtermDuringAWriteLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("net.json");
        Files.writeString(target, "old");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SlowWrite.class.getName(),
                target.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("writing", r.readLine());
            p.destroy(); // SIGTERM: shutdown hooks run
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the writer did not end on SIGTERM");
        } finally {
            p.destroyForcibly();
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("net.json"), s.map(x -> x.getFileName().toString()).collect(Collectors.toList()));
        }
        assertEquals("old", Files.readString(target));
    }
}

package dev.fxnet.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTargetTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /** Resolves only: a write to the real device nodes is tested on copies (SafeOutputCliTest), never here. */
    @Test
    void devicesAreRefusedAndStayDevices() throws Exception {
        for (String dev : List.of("/dev/null", "/dev/full")) {
            Path p = Path.of(dev);
            FileSystemException e = assertThrows(FileSystemException.class, () -> OutputTarget.of(p));
            assertEquals(dev, e.getFile());
            assertEquals("is a character device, not a regular file", e.getReason());
            assertEquals(Boolean.TRUE, Files.getAttribute(p, "isOther", LinkOption.NOFOLLOW_LINKS), dev);
        }
    }

    @Test
    void namedPipeIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, p.waitFor());
        // opening a pipe for writing with no reader would block: the refusal must come first
        FileSystemException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(FileSystemException.class, () -> AtomicFiles.writeString(fifo, "x")));
        assertEquals("is a named pipe, not a regular file", e.getReason());
        assertEquals(List.of("fifo"), names());
    }

    @Test
    void directoryIsRefused() {
        FileSystemException e = assertThrows(FileSystemException.class, () -> OutputTarget.of(dir));
        assertEquals("is a directory, not a regular file", e.getReason());
    }

    @Test
    void symbolicLinkChainIsFollowedAndStaysALink() throws Exception {
        Path real = Files.createDirectory(dir.resolve("sub")).resolve("real.txt");
        Files.writeString(real, "old");
        Path link2 = Files.createSymbolicLink(dir.resolve("link2"), Path.of("sub/real.txt"));
        Path link1 = Files.createSymbolicLink(dir.resolve("link1"), Path.of("link2"));
        OutputTarget t = OutputTarget.of(link1);
        assertEquals(real.toRealPath(), t.file());
        t.writeString("new");
        assertTrue(Files.isSymbolicLink(link1));
        assertTrue(Files.isSymbolicLink(link2));
        assertEquals("new", Files.readString(real));
        assertEquals(List.of("link1", "link2", "sub"), names());
    }

    @Test
    void danglingLinkWritesTheFileItPointsTo() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("target.txt"));
        AtomicFiles.writeString(link, "content");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("content", Files.readString(dir.resolve("target.txt")));
        Path loop = Files.createSymbolicLink(dir.resolve("loop"), Path.of("loop"));
        FileSystemException e = assertThrows(FileSystemException.class, () -> OutputTarget.of(loop));
        assertEquals("too many levels of symbolic links", e.getReason());
    }

    @Test
    void existingFileKeepsItsPermissions() throws Exception {
        Path f = dir.resolve("f.txt");
        Files.writeString(f, "old");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));
        AtomicFiles.writeString(f, "new");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals("new", Files.readString(f));
    }

    @Test
    void writeErrorNamesTheGivenPathNotTheTemporaryFileAndLeavesNothing() throws Exception {
        Path f = dir.resolve("x.json");
        Files.writeString(f, "old");
        Path given = dir.resolve("sub/../x.json");
        Files.createDirectory(dir.resolve("sub"));
        FileSystemException e = assertThrows(FileSystemException.class, () -> OutputTarget.of(given).writeBytes(out -> {
            out.write(new byte[100]);
            throw new IOException("No space left on device");
        }));
        assertEquals(given.toString(), e.getFile());
        assertEquals("no space left on device", e.getReason());
        assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("sub", "x.json"), names());
    }

    @Test
    void sameFileByAnySpelling() throws Exception {
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "x");
        Files.createDirectory(dir.resolve("sub"));
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), in);
        assertTrue(OutputTarget.of(dir.resolve("sub/../in.csv")).isSameFileAs(in));
        assertTrue(OutputTarget.of(link).isSameFileAs(in));
        assertTrue(OutputTarget.of(in).isSameFileAs(link));
        assertFalse(OutputTarget.of(dir.resolve("out.csv")).isSameFileAs(in));
        assertTrue(OutputTarget.of(link).overlaps(OutputTarget.of(in)));
        assertTrue(OutputTarget.of(dir.resolve("new.c")).overlaps(OutputTarget.of(dir.resolve("sub/../new.c"))));
        assertFalse(OutputTarget.standardOutput().isSameFileAs(in));
    }

    @Test
    void standardOutputIsWrittenThrough() throws Exception {
        OutputTarget t = OutputTarget.parse("-");
        assertTrue(t.isStandardOutput());
        assertEquals(t, OutputTarget.parse("/dev/stdout"));
        assertTrue(t.overlaps(OutputTarget.standardOutput()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        t.writeString("hello\n", out);
        assertEquals("hello\n", out.toString(StandardCharsets.UTF_8));
        assertThrows(IllegalStateException.class, t::file);
    }

    @Test
    void missingDirectoryIsNamed() {
        FileSystemException e = assertThrows(FileSystemException.class,
                () -> OutputTarget.of(dir.resolve("no/such/x.json")));
        assertTrue(e.getReason().startsWith("no such directory "), e.getReason());
    }
}

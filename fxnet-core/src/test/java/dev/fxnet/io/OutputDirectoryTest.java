package dev.fxnet.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {
    @TempDir
    Path dir;

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void newDirectoryAppearsOnlyWhenComplete() throws Exception {
        Path out = dir.resolve("a/b/report");
        OutputDirectory d = OutputDirectory.of(out);
        assertFalse(Files.exists(dir.resolve("a")), "nothing is created before publish");
        d.publish(tmp -> {
            Files.writeString(tmp.resolve("index.html"), "<html>");
            assertFalse(Files.exists(out), "the directory must not be visible while it is written");
        });
        assertEquals(List.of("index.html"), names(out));
        assertEquals("<html>", Files.readString(out.resolve("index.html")));
        assertEquals(List.of("report"), names(dir.resolve("a/b")));
    }

    @Test
    void failureMidwayLeavesNoDirectoryAndNoTemporary() throws Exception {
        Path out = dir.resolve("report");
        FileSystemException e = assertThrows(FileSystemException.class, () -> OutputDirectory.of(out).publish(tmp -> {
            Files.writeString(tmp.resolve("part.html"), "half");
            throw new IOException("No space left on device");
        }));
        assertEquals(out.toString(), e.getFile());
        assertEquals("no space left on device", e.getReason());
        assertEquals(List.of(), names(dir));
    }

    @Test
    void existingDirectoryKeepsItsOtherFiles() throws Exception {
        Path out = Files.createDirectory(dir.resolve("report"));
        Files.writeString(out.resolve("index.html"), "old");
        Files.writeString(out.resolve("notes.txt"), "mine");
        OutputDirectory.of(out).publish(tmp -> Files.writeString(tmp.resolve("index.html"), "new"));
        assertEquals(List.of("index.html", "notes.txt"), names(out));
        assertEquals("new", Files.readString(out.resolve("index.html")));
        assertThrows(FileSystemException.class, () -> OutputDirectory.of(out).publish(tmp -> {
            throw new IOException("boom");
        }));
        assertEquals(List.of("index.html", "notes.txt"), names(out));
        assertEquals(List.of("report"), names(dir));
    }

    @Test
    void aFileOrAFileInTheWayIsRefused() throws Exception {
        Path f = dir.resolve("f");
        Files.writeString(f, "x");
        FileSystemException e = assertThrows(FileSystemException.class, () -> OutputDirectory.of(f));
        assertEquals("is a regular file, not a directory", e.getReason());
        e = assertThrows(FileSystemException.class, () -> OutputDirectory.of(f.resolve("sub/report")));
        assertTrue(e.getReason().contains("not a directory"), e.getReason());
        e = assertThrows(FileSystemException.class, () -> OutputDirectory.of(Path.of("/dev/null")));
        assertEquals("is a character device, not a directory", e.getReason());
    }

    @Test
    void probeLeavesNothing() throws Exception {
        OutputDirectory.of(dir.resolve("a/b/report")).probe();
        OutputDirectory.of(dir).probe();
        assertEquals(List.of(), names(dir));
    }

    @Test
    void linkToADirectoryIsFollowed() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        OutputDirectory.of(link).publish(tmp -> Files.writeString(tmp.resolve("index.html"), "x"));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(List.of("index.html"), names(real));
    }
}

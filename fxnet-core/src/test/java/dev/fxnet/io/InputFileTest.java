package dev.fxnet.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that could make fxnet hang or exhaust memory are refused before they are read: devices
 * ({@code /dev/zero} is endless), named pipes (opening one blocks), directories, files over the
 * limit; a link to any of these counts as what it names.
 */
class InputFileTest {
    @TempDir
    Path dir;

    static String refusal(Path p, long max) {
        FileSystemException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(FileSystemException.class, () -> InputFile.readAllBytes(p, "network file", max)));
        return e.getReason();
    }

    @Test
    void readsARegularFileAndOneBehindALink() throws IOException {
        Path f = Files.write(dir.resolve("n.json"), new byte[] {1, 2, 3});
        Path link = Files.createSymbolicLink(dir.resolve("l.json"), f.getFileName());
        assertArrayEquals(new byte[] {1, 2, 3}, InputFile.readAllBytes(f, "network file", 3));
        assertArrayEquals(new byte[] {1, 2, 3}, InputFile.readAllBytes(link, "network file", 3));
    }

    @Test
    void refusesDevicesPipesAndDirectoriesWithoutReadingThem() throws Exception {
        assertTrue(refusal(Path.of("/dev/zero"), 1 << 20).startsWith("is a character device, not a network file"));
        Path link = Files.createSymbolicLink(dir.resolve("z.json"), Path.of("/dev/zero"));
        assertTrue(refusal(link, 1 << 20).startsWith("is a character device"));
        Path fifo = dir.resolve("p.json");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        if (mk.waitFor() == 0) { // opening a pipe with no writer would block: the check must not open it
            assertTrue(refusal(fifo, 1 << 20).startsWith("is a named pipe"));
        }
        assertTrue(refusal(dir, 1 << 20).startsWith("is a directory"));
    }

    @Test
    void refusesAFileOverTheLimitNamingBothSizes() throws IOException {
        Path f = Files.write(dir.resolve("big.json"), new byte[101]);
        assertTrue(refusal(f, 100).equals("is 101 bytes, larger than the limit of 100 bytes for a network file"));
        assertArrayEquals(new byte[101], InputFile.readAllBytes(f, "network file", 101));
    }

    @Test
    void aMissingFileIsNamed() {
        Path f = dir.resolve("missing.json");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> InputFile.readAllBytes(f, "x", 1));
        assertTrue(e.getFile().equals(f.toString()));
    }
}

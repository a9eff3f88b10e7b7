package dev.fxnet.io;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary files and directories this process is writing, removed by a shutdown hook when the
 * JVM ends before they were moved into place (Ctrl-C, SIGTERM, {@code System.exit} during a write),
 * so that an interrupted write leaves nothing behind. The hook is installed on first use. It cannot
 * run on SIGKILL or a crash of the JVM. Thread-safe.
 */
final class PendingFiles {
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    private PendingFiles() {
    }

    /** Remembers {@code path} (a file or a directory tree) for removal at shutdown. */
    static void add(Path path) {
        install();
        LIVE.add(path);
    }

    /**
     * Deletes {@code path} (a file or a directory tree) now, quietly, and forgets it; if deleting
     * fails, it stays remembered and the shutdown hook tries again.
     */
    static void discard(Path path) {
        try {
            deleteTree(path);
            LIVE.remove(path);
        } catch (IOException | RuntimeException e) {
            // left for the shutdown hook
        }
    }

    /** Deletes {@code path} and, if it is a directory, everything in it; symbolic links are not followed. */
    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void install() {
        if (hooked) {
            return;
        }
        synchronized (PendingFiles.class) {
            if (!hooked) {
                Runtime.getRuntime().addShutdownHook(new Thread(PendingFiles::cleanUp, "fxnet-pending-files"));
                hooked = true;
            }
        }
    }

    private static void cleanUp() {
        for (Path p : LIVE) {
            try {
                deleteTree(p);
            } catch (IOException | RuntimeException e) {
                // best effort: the JVM is ending
            }
        }
    }
}

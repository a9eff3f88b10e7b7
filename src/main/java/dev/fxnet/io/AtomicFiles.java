package dev.fxnet.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files completely or not at all: the content goes to a temporary file in the same
 * directory, which is then moved over the target (atomically where the file system allows).
 * If writing fails, the temporary file is deleted and the target is left as it was.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes text to a writer. */
    @FunctionalInterface
    public interface TextWriter {
        void writeTo(Writer out) throws IOException;
    }

    /** Something that writes bytes to a stream. */
    @FunctionalInterface
    public interface ByteWriter {
        void writeTo(java.io.OutputStream out) throws IOException;
    }

    /**
     * Checks, before any work, that {@code target} can be written: it is not a directory and its
     * directory exists. Every write here checks this first; callers may check earlier.
     *
     * @throws IOException naming the path and the reason
     */
    public static void checkTarget(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new java.nio.file.FileSystemException(target.toString(), null, "is a directory; give a file name");
        }
        Path dir = abs.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(target.toString(), null, "cannot write: no such directory "
                    + dir);
        }
    }

    /** Gives the temporary file the target's permissions, or {@code rw-r--r--} for a new file (POSIX only). */
    private static void permissions(Path tmp, Path target) throws IOException {
        if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, perms);
    }

    /** Writes {@code text} (UTF-8) to {@code target} atomically. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, w -> w.write(text));
    }

    /** Writes what {@code content} produces (UTF-8) to {@code target} atomically. */
    public static void write(Path target, TextWriter content) throws IOException {
        writeBytes(target, out -> {
            Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
            content.writeTo(w);
            w.flush();
        });
    }

    /** Writes what {@code content} produces to {@code target} atomically. */
    public static void writeBytes(Path target, ByteWriter content) throws IOException {
        checkTarget(target);
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            permissions(tmp, abs);
            try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

package dev.fxnet.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes files completely or not at all: shorthands for {@link OutputTarget#of(Path)} followed by a
 * write. The content goes to a temporary file in the directory of the file finally written, which
 * is then moved over it; symbolic links are followed, and a target that exists and is not a regular
 * file (directory, device, named pipe, socket) is refused. If writing fails or the process is
 * interrupted, the temporary file is deleted and the target is left as it was. Errors name the
 * target as given, never the temporary file.
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
     * Checks, before any work, that {@code target} can be written by the rules of
     * {@link OutputTarget}. Every write here checks this first; callers may check earlier.
     *
     * @throws java.nio.file.FileSystemException naming the path and the reason
     */
    public static void checkTarget(Path target) throws IOException {
        OutputTarget.of(target);
    }

    /** Writes {@code text} (UTF-8) to {@code target} atomically. */
    public static void writeString(Path target, String text) throws IOException {
        OutputTarget.of(target).writeString(text);
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
        OutputTarget.of(target).writeBytes(content);
    }
}

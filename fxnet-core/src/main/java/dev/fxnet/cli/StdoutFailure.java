package dev.fxnet.cli;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writing to standard output failed: the reader went away (a closed pipe, as in
 * {@code fxnet activation gelu --csv | head -1}) or the device refused the bytes (a full disk).
 * Thrown, unchecked, by the stream {@link Main#stdout} builds, so that a command stops at its next
 * write instead of computing output nobody reads; {@link Main} turns it into exit status
 * {@link Main#BROKEN_PIPE} (silently) or a one-line user error.
 */
final class StdoutFailure extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    StdoutFailure(IOException cause) {
        super(cause.getMessage() == null ? "write error" : cause.getMessage(), cause);
    }

    /** Whether the reader closed the pipe (EPIPE), as opposed to any other write error. */
    boolean brokenPipe() {
        String m = getCause().getMessage();
        return m != null && (m.contains("Broken pipe") || m.contains("Stream closed"));
    }
}

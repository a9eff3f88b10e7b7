package dev.fxnet.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * Reads one input file whole, within a size limit, so that no input can make fxnet hang or
 * exhaust memory.
 *
 * <p>The rules: a symbolic link is followed; what it names must be a <em>regular file</em>. A
 * directory, a device ({@code /dev/zero}, {@code /dev/stdin}), a named pipe or a socket is
 * refused without being opened, so the check never blocks and never reads an endless stream. A
 * file larger than the limit is refused before it is read, naming both sizes; a file that grows
 * past the limit while it is read is refused too.
 */
public final class InputFile {
    /** The largest network file fxnet reads: 256 MiB (tens of millions of parameters). */
    public static final long MAX_NETWORK_BYTES = 256L << 20;
    /** The largest table file fxnet reads: 256 MiB (2^20 rows of well over 100 characters each). */
    public static final long MAX_TABLE_BYTES = 256L << 20;

    private InputFile() {
    }

    /**
     * The bytes of {@code file}, which must be a regular file (after links) of at most {@code maxBytes}.
     *
     * @param what what the file is, for messages ("network file", "table file")
     * @throws FileSystemException naming {@code file} and the reason: missing, not a regular file, too large
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if {@code file} is {@code -}, which outputs take for standard
     *     output but inputs do not read as standard input (a file of that name is {@code ./-})
     */
    public static byte[] readAllBytes(Path file, String what, long maxBytes) throws IOException {
        if (maxBytes < 0 || maxBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxBytes must be in [0, 2^31 - 17], was " + maxBytes);
        }
        if (file.toString().equals("-")) {
            throw new IllegalArgumentException("reading a " + what.replaceFirst(" file$", "")
                    + " from standard input is not supported; give a file (a file named - is ./-)");
        }
        Path real;
        try {
            real = file.toRealPath(); // follows links
        } catch (NoSuchFileException e) {
            // /dev/stdin, /dev/fd/N of a pipe: the link's target (pipe:[...]) has no path, but the file exists
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            real = file;
        }
        BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class,
                real == file ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS});
        if (!a.isRegularFile()) {
            throw new FileSystemException(file.toString(), null, OutputTarget.kind(real, a, real == file) + ", not a " + what
                    + "; give a regular file");
        }
        if (a.size() > maxBytes) {
            throw tooLarge(file, what, a.size(), maxBytes);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw tooLarge(file, what, bytes.length, maxBytes);
            }
            return bytes;
        }
    }

    private static FileSystemException tooLarge(Path file, String what, long size, long max) {
        return new FileSystemException(file.toString(), null, String.format(Locale.ROOT,
                "is %s, larger than the limit of %s for a %s", bytes(size), bytes(max), what));
    }

    private static String bytes(long n) {
        return n >= 1L << 20 ? String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20)) : n + " bytes";
    }
}

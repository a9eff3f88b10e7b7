package dev.fxnet.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where one output is written: a regular file, or standard output. An immutable value, resolved
 * and checked when it is made, so that a bad target is refused before any work is done.
 *
 * <p>A file target is written <em>atomically</em>: the content goes to a temporary file in the
 * directory of the file finally written, which is then renamed over it, so readers see the old
 * content or the new, never a part. If writing fails or the process is interrupted (Ctrl-C,
 * SIGTERM), the temporary file is removed and the file is left as it was. The rules:
 * <ul>
 * <li>A path that does not exist names a new file; its directory must exist.</li>
 * <li>A symbolic link is followed (through chains, relative links resolved against the link's
 *     own directory): the file at the end of the chain is replaced and the link stays a link. A
 *     dangling link names a new file at the place it points to.</li>
 * <li>An existing path that is not a regular file (directory, character or block device, named
 *     pipe, socket) is refused: it is never replaced, opened or written. A named pipe is refused
 *     without opening it, so the check never blocks.</li>
 * <li>An existing file keeps its POSIX permissions; a new one gets {@code rw-r--r--}. Being
 *     replaced, a file with other hard links leaves them with the old content.</li>
 * </ul>
 * {@link #parse} also knows the spellings {@code -} and {@code /dev/stdout} for
 * {@linkplain #standardOutput() standard output}, which is written through (not atomically).
 *
 * <p>Errors are {@link FileSystemException}s whose {@linkplain FileSystemException#getFile() file}
 * is the path as the caller gave it (never the temporary file's name) and whose
 * {@linkplain FileSystemException#getReason() reason} is a short lower-case phrase such as
 * {@code "is a directory, not a regular file"} or {@code "no space left on device"}.
 *
 * <p>Immutable and thread-safe; writing the same file from two threads at once gives one of the
 * two contents.
 */
public final class OutputTarget {
    /** The name standard output has in messages and {@link #toString()}. */
    public static final String STANDARD_OUTPUT = "standard output";

    private static final int MAX_LINKS = 40;
    private static final OutputTarget STDOUT = new OutputTarget(STANDARD_OUTPUT, null);

    private final String name;
    private final Path file;

    private OutputTarget(String name, Path file) {
        this.name = name;
        this.file = file;
    }

    /**
     * A file target: {@code path} resolved by the rules above.
     *
     * @throws FileSystemException naming {@code path} if it exists and is not a regular file (after
     *     following links), if its directory does not exist, or if the links loop
     */
    public static OutputTarget of(Path path) throws FileSystemException {
        Objects.requireNonNull(path, "path");
        return new OutputTarget(path.toString(), finalFile(path));
    }

    /**
     * Standard output for {@code -} and {@code /dev/stdout}, else {@link #of(Path) of(Path.of(spelling))}.
     *
     * @throws FileSystemException as {@link #of(Path)}
     */
    public static OutputTarget parse(String spelling) throws FileSystemException {
        Objects.requireNonNull(spelling, "spelling");
        if (isStandardOutputSpelling(spelling)) {
            return STDOUT;
        }
        return of(Path.of(spelling));
    }

    /** Whether {@code spelling} ({@code -} or {@code /dev/stdout}) means standard output to {@link #parse}. */
    public static boolean isStandardOutputSpelling(String spelling) {
        return spelling.equals("-") || spelling.equals("/dev/stdout");
    }

    /** The standard output target. */
    public static OutputTarget standardOutput() {
        return STDOUT;
    }

    /** Whether this is standard output. */
    public boolean isStandardOutput() {
        return file == null;
    }

    /**
     * The file that is replaced when this target is written: absolute, with every symbolic link
     * of its directory and of itself resolved.
     *
     * @throws IllegalStateException for standard output
     */
    public Path file() {
        if (file == null) {
            throw new IllegalStateException("standard output has no file");
        }
        return file;
    }

    /**
     * A path that names the file this process's standard output is open on, for
     * {@link Files#isSameFile}: {@code /proc/self/fd/1} where {@code /proc} exists (Linux), else
     * empty (standard output cannot then be compared with files).
     */
    public static java.util.Optional<Path> standardOutputFile() {
        Path fd1 = Path.of("/proc/self/fd/1");
        return Files.exists(fd1) ? java.util.Optional.of(fd1) : java.util.Optional.empty();
    }

    /**
     * Whether {@code a} and {@code b} name the same existing file (by any spelling: links,
     * {@code ..}, hard links, {@code /proc/self/fd/N}); false if either does not exist or cannot
     * be examined.
     */
    public static boolean sameFile(Path a, Path b) {
        if (a == null || b == null || !Files.exists(a) || !Files.exists(b)) {
            return false;
        }
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether writing this target would write into {@code input}: the same file, by any spelling
     * (links, {@code ..}, hard links); for standard output, whether it is open on {@code input}
     * ({@code fxnet ... >> input}, see {@link #standardOutputFile()}). False for an {@code input}
     * that does not exist.
     */
    public boolean isSameFileAs(Path input) {
        if (input == null || !Files.exists(input)) {
            return false;
        }
        if (file == null) {
            return standardOutputFile().map(so -> sameFile(so, input)).orElse(false);
        }
        try {
            return Files.exists(file) ? Files.isSameFile(file, input) : file.equals(input.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether this and {@code other} write the same place (both standard output, or the same file). */
    public boolean overlaps(OutputTarget other) {
        if (isStandardOutput() || other.isStandardOutput()) {
            return isStandardOutput() && other.isStandardOutput();
        }
        return file.equals(other.file) || isSameFileAs(other.file);
    }

    /**
     * Checks, before a long computation, that the file can be written: creates and deletes a
     * temporary file where {@link #writeBytes} will create one. Does nothing for standard output.
     *
     * @throws FileSystemException naming this target's path as given, e.g. {@code "permission denied"}
     */
    public void probe() throws FileSystemException {
        if (file == null) {
            return;
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
            PendingFiles.add(tmp);
        } catch (IOException e) {
            throw failure(name, e);
        } finally {
            if (tmp != null) {
                PendingFiles.discard(tmp);
            }
        }
    }

    /** Writes {@code text} as UTF-8; standard output is {@link System#out}. */
    public void writeString(String text) throws FileSystemException {
        writeString(text, System.out);
    }

    /** Writes {@code text} as UTF-8; standard output is {@code standardOutput}. */
    public void writeString(String text, OutputStream standardOutput) throws FileSystemException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        writeBytes(out -> out.write(bytes), standardOutput);
    }

    /** Writes what {@code content} produces; standard output is {@link System#out}. */
    public void writeBytes(AtomicFiles.ByteWriter content) throws FileSystemException {
        writeBytes(content, System.out);
    }

    /**
     * Writes what {@code content} produces: to a file atomically, or to {@code standardOutput}
     * (flushed, not closed) for the standard output target.
     *
     * @throws FileSystemException naming this target's path as given, with the reason; the file
     *     is then unchanged and no temporary file is left
     */
    public void writeBytes(AtomicFiles.ByteWriter content, OutputStream standardOutput) throws FileSystemException {
        Objects.requireNonNull(content, "content");
        try {
            if (file == null) {
                OutputStream out = new FilterOutputStream(Objects.requireNonNull(standardOutput, "standardOutput")) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        this.out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                };
                content.writeTo(out);
                out.flush();
                return;
            }
            writeFile(content);
        } catch (IOException e) {
            throw failure(name, e);
        }
    }

    private void writeFile(AtomicFiles.ByteWriter content) throws IOException {
        Path dir = file.getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        PendingFiles.add(tmp);
        try {
            permissions(tmp);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                content.writeTo(out);
            }
            // the file may have been replaced by something else since this target was resolved
            BasicFileAttributes a = attributes(file);
            if (a != null && !a.isRegularFile() && !a.isSymbolicLink()) {
                throw new FileSystemException(name, null, kind(file, a) + ", not a regular file");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            PendingFiles.discard(tmp); // nothing is there after the move
        }
    }

    /** Gives the temporary file the target's permissions, or {@code rw-r--r--} for a new file (POSIX only). */
    private void permissions(Path tmp) throws IOException {
        if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> perms = Files.isRegularFile(file) ? Files.getPosixFilePermissions(file)
                : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, perms);
    }

    /** Follows {@code given} to the regular file or new file it names; refuses anything else. */
    private static Path finalFile(Path given) throws FileSystemException {
        String name = given.toString();
        Path p = given.toAbsolutePath();
        for (int links = 0; links <= MAX_LINKS; links++) {
            BasicFileAttributes a;
            try {
                a = attributes(p);
            } catch (IOException e) {
                throw failure(name, e);
            }
            if (a == null) {
                Path dir = p.getParent();
                if (dir == null || !Files.isDirectory(dir)) {
                    throw new FileSystemException(name, null, "no such directory " + (dir == null ? p : dir));
                }
                try {
                    return dir.toRealPath().resolve(p.getFileName());
                } catch (IOException e) {
                    throw failure(name, e);
                }
            }
            if (a.isSymbolicLink()) {
                try {
                    p = p.getParent().resolve(Files.readSymbolicLink(p));
                } catch (IOException e) {
                    throw failure(name, e);
                }
                continue;
            }
            if (!a.isRegularFile()) {
                throw new FileSystemException(name, null, kind(p, a) + ", not a regular file");
            }
            try {
                return p.toRealPath();
            } catch (IOException e) {
                throw failure(name, e);
            }
        }
        throw new FileSystemException(name, null, "too many levels of symbolic links");
    }

    /** The attributes of {@code p} itself (links not followed), or null if nothing is there. */
    static BasicFileAttributes attributes(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** "is a directory", "is a character device", ... for what is at {@code p}. */
    static String kind(Path p, BasicFileAttributes a) {
        return kind(p, a, false);
    }

    /** As {@link #kind(Path, BasicFileAttributes)}, reading the mode through links when {@code follow}. */
    static String kind(Path p, BasicFileAttributes a, boolean follow) {
        if (a.isDirectory()) {
            return "is a directory";
        }
        if (a.isRegularFile()) {
            return "is a regular file";
        }
        if (a.isSymbolicLink()) {
            return "is a symbolic link";
        }
        try {
            int mode = (Integer) (follow ? Files.getAttribute(p, "unix:mode")
                    : Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS));
            switch (mode & 0170000) {
                case 0020000:
                    return "is a character device";
                case 0060000:
                    return "is a block device";
                case 0010000:
                    return "is a named pipe";
                case 0140000:
                    return "is a socket";
                default:
                    break;
            }
        } catch (IOException | RuntimeException e) {
            // no unix view: say less
        }
        return "is a special file";
    }

    /** {@code e} as a {@link FileSystemException} on {@code name} with a short lower-case reason. */
    static FileSystemException failure(String name, IOException e) {
        FileSystemException f = new FileSystemException(name, null, reason(e));
        f.initCause(e);
        return f;
    }

    /** A short lower-case reason for {@code e}, without the names of the files involved. */
    static String reason(IOException e) {
        String r = null;
        if (e instanceof AccessDeniedException) {
            r = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            r = "no such file or directory";
        } else if (e instanceof FileSystemException) {
            r = ((FileSystemException) e).getReason();
        } else {
            r = e.getMessage();
        }
        if (r == null || r.isBlank()) {
            r = "cannot write (" + e.getClass().getSimpleName() + ")";
        }
        return r.length() > 1 && Character.isUpperCase(r.charAt(0)) && Character.isLowerCase(r.charAt(1))
                ? r.substring(0, 1).toLowerCase(Locale.ROOT) + r.substring(1) : r;
    }

    /** The path as given, or {@value #STANDARD_OUTPUT}. */
    @Override
    public String toString() {
        return name;
    }

    /** Equal when both are standard output, or both were given the same spelling and replace the same file. */
    @Override
    public boolean equals(Object o) {
        return o instanceof OutputTarget && name.equals(((OutputTarget) o).name)
                && Objects.equals(file, ((OutputTarget) o).file);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Objects.hashCode(file);
    }
}

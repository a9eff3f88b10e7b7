package dev.fxnet.io;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A directory that receives a set of files only when they are all written: an immutable value,
 * checked when it is made so that a bad path is refused before any work is done.
 *
 * <p>{@link #publish} has the content written into a fresh temporary directory next to (or, for an
 * existing directory, inside) the target, then:
 * <ul>
 * <li>if the directory does not exist, its missing parents are created and the temporary directory
 *     is renamed to it: the directory appears complete, or not at all;</li>
 * <li>if it exists (a symbolic link to a directory counts), each new file replaces its namesake
 *     atomically as by {@link OutputTarget}; other files in it are left alone.</li>
 * </ul>
 * If the content fails or the process is interrupted (Ctrl-C, SIGTERM), the temporary directory is
 * removed: no new directory, no partial file and no temporary name is left behind.
 *
 * <p>Errors are {@link FileSystemException}s naming the path as the caller gave it.
 */
public final class OutputDirectory {
    /** Writes the files of a directory into the (empty, temporary) directory it is given. */
    @FunctionalInterface
    public interface Content {
        void writeInto(Path dir) throws IOException;
    }

    private final String name;
    private final Path path;

    private OutputDirectory(String name, Path path) {
        this.name = name;
        this.path = path;
    }

    /**
     * The directory {@code dir}, which may exist (a directory, or a link to one) or not.
     *
     * @throws FileSystemException naming {@code dir} if it exists and is not a directory, is a
     *     dangling link, or if its nearest existing ancestor is not a directory
     */
    public static OutputDirectory of(Path dir) throws FileSystemException {
        Objects.requireNonNull(dir, "dir");
        String name = dir.toString();
        Path abs = dir.toAbsolutePath();
        try {
            BasicFileAttributes a = OutputTarget.attributes(abs);
            if (a != null) {
                if (Files.isDirectory(abs)) {
                    return new OutputDirectory(name, abs);
                }
                if (a.isSymbolicLink() && !Files.exists(abs)) {
                    throw new FileSystemException(name, null, "is a symbolic link to nothing; give a directory name");
                }
                BasicFileAttributes target = Files.readAttributes(abs, BasicFileAttributes.class);
                throw new FileSystemException(name, null, OutputTarget.kind(abs.toRealPath(), target)
                        + ", not a directory");
            }
            for (Path up = abs.getParent(); up != null; up = up.getParent()) {
                if (Files.exists(up)) {
                    if (!Files.isDirectory(up)) {
                        throw new FileSystemException(name, null, "cannot create it: " + up + " is not a directory");
                    }
                    break;
                }
            }
            return new OutputDirectory(name, abs);
        } catch (IOException e) {
            throw OutputTarget.failure(name, e);
        }
    }

    /**
     * Checks, before a long computation, that {@link #publish} can create its temporary directory:
     * creates and deletes one in the directory, or in its nearest existing ancestor if it does not
     * exist yet.
     *
     * @throws FileSystemException naming this directory as given, e.g. {@code "permission denied"}
     */
    public void probe() throws FileSystemException {
        Path home = path;
        while (home != null && !Files.isDirectory(home)) {
            home = home.getParent();
        }
        if (home == null) {
            return;
        }
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory(home, ".fxnet.");
            PendingFiles.add(tmp);
        } catch (IOException e) {
            throw OutputTarget.failure(name, e);
        } finally {
            if (tmp != null) {
                PendingFiles.discard(tmp);
            }
        }
    }

    /**
     * Checks, before a long computation, what {@link #probe()} checks and also that the files
     * {@code files} (paths relative to this directory) can be put in place: in an existing
     * directory, each that already exists must be a regular file (a symbolic link to one counts),
     * since {@link #publish} replaces it.
     *
     * @throws FileSystemException naming the directory, or the file inside it (as
     *     {@code DIR/FILE}, with {@code DIR} as given), e.g. {@code "is a directory, not a regular file"}
     */
    public void probe(String... files) throws FileSystemException {
        probe();
        if (!Files.isDirectory(path)) {
            return;
        }
        for (String f : files) {
            Path given = Path.of(name).resolve(f);
            if (Files.exists(given, LinkOption.NOFOLLOW_LINKS)) {
                OutputTarget.of(given); // refuses what is not a regular file, after links
            }
        }
    }

    /** The directory, absolute, as given (links not resolved). */
    public Path path() {
        return path;
    }

    /**
     * Has {@code content} write the files and puts them in place by the rules above.
     *
     * @throws FileSystemException naming this directory (or a file in it) with the reason; nothing
     *     new is then left in place, except files already moved into an existing directory
     */
    public void publish(Content content) throws FileSystemException {
        Objects.requireNonNull(content, "content");
        Path tmp = null;
        try {
            boolean exists = Files.isDirectory(path);
            Path real = exists ? path.toRealPath() : null;
            if (!exists) {
                Files.createDirectories(path.getParent());
            }
            Path home = exists ? real : path.getParent();
            tmp = Files.createTempDirectory(home, "." + (exists ? "fxnet" : path.getFileName()) + ".");
            PendingFiles.add(tmp);
            content.writeInto(tmp);
            if (exists) {
                moveFilesInto(tmp, real);
            } else {
                if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
                try {
                    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
                } catch (DirectoryNotEmptyException | FileAlreadyExistsException e) {
                    throw new FileSystemException(name, null, "appeared while fxnet was working; nothing written");
                }
            }
        } catch (FileSystemException e) {
            // a file inside the directory (from OutputTarget) is already named and worded
            boolean inside = e.getFile() != null && !e.getFile().equals(name) && e.getFile().startsWith(name);
            throw inside ? e : OutputTarget.failure(name, e);
        } catch (IOException e) {
            throw OutputTarget.failure(name, e);
        } finally {
            if (tmp != null) {
                PendingFiles.discard(tmp);
            }
        }
    }

    private void moveFilesInto(Path tmp, Path real) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(tmp)) {
            s.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path f : files) {
            Path rel = tmp.relativize(f);
            Files.createDirectories(real.resolve(rel).getParent());
            // by the name the caller gave, so that an error names the file as the caller knows it
            OutputTarget.of(Path.of(name).resolve(rel.toString())).writeBytes(out -> Files.copy(f, out));
        }
    }

    /** The path as given. */
    @Override
    public String toString() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutputDirectory && name.equals(((OutputDirectory) o).name)
                && path.equals(((OutputDirectory) o).path);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + path.hashCode();
    }
}

package dev.fxnet.network;

import java.util.Objects;
import java.util.Optional;

/**
 * A network file that does not follow SPEC §5. The message names where the fault is, then the
 * problem in plain words: the JSON path of the fault, e.g.
 * {@code $.layers[1][0].weights[2][0]: source 5 is out of range ...}, or, for text that is not JSON
 * at all, its line and column, e.g. {@code line 3, column 7: not valid JSON: ...}. When the text was
 * read from a file, the message starts with the file's name ({@link #inFile}). Messages never quote
 * the JSON library.
 */
public final class NetworkFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final String path;
    private final String where;
    private final String problem;

    private NetworkFileException(String file, String path, String where, String problem) {
        super((file == null ? "" : file + ": ") + where + ": " + problem);
        this.file = file;
        this.path = path;
        this.where = where;
        this.problem = problem;
    }

    /** A fault at JSON path {@code path} (e.g. {@code $.format.intBits}). */
    public NetworkFileException(String path, String problem) {
        this(null, Objects.requireNonNull(path, "path"), path, Objects.requireNonNull(problem, "problem"));
    }

    /**
     * Text that is not JSON: the fault is at {@code line} and {@code column} (1-based; a value below
     * 1 means unknown), its {@link #path()} is {@code $}.
     */
    public static NetworkFileException syntax(long line, long column, String problem) {
        String where = line < 1 ? "$" : column < 1 ? "line " + line : "line " + line + ", column " + column;
        return new NetworkFileException(null, "$", where, "not valid JSON: " + Objects.requireNonNull(problem, "problem"));
    }

    /** The same fault, its message starting with the name of the file it was read from. */
    public NetworkFileException inFile(String fileName) {
        return new NetworkFileException(Objects.requireNonNull(fileName, "fileName"), path, where, problem);
    }

    /** The JSON path of the fault, e.g. {@code $.format.intBits}; {@code $} for text that is not JSON. */
    public String path() {
        return path;
    }

    /** The problem in plain words, without the place. */
    public String problem() {
        return problem;
    }

    /** The file the text was read from, if known. */
    public Optional<String> file() {
        return Optional.ofNullable(file);
    }
}

package dev.fxnet.network;

/**
 * A network file that does not follow SPEC §5. The message starts with the JSON path of the fault,
 * e.g. {@code $.layers[1][0].weights[2][0]: source 5 is out of range ...}.
 */
public final class NetworkFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String path;

    public NetworkFileException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    /** The JSON path of the fault, e.g. {@code $.format.intBits}. */
    public String path() {
        return path;
    }
}

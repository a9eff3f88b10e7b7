package dev.fxnet.export;

/** A network that an exporter refuses, with a one-line reason naming the limit it exceeds. */
public final class ExportException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ExportException(String message) {
        super(message);
    }
}

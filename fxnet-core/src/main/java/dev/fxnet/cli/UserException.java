package dev.fxnet.cli;

/** A mistake of the user that a command detected itself; reported as one line with exit code 2. */
public final class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserException(String message) {
        super(message);
    }
}

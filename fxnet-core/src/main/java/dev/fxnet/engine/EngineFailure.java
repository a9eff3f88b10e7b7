package dev.fxnet.engine;

/**
 * An engine could not run its work: a cluster that does not answer or stops answering, a job that
 * failed after the engine's own retries. Not a bug of fxnet and not a wrong result (no result is
 * returned); the command line reports it in one line with exit code 2, like a bad option, because
 * what the user can change is the engine's setting ({@code --master}) or the cluster.
 */
public final class EngineFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line saying what failed, naming the engine
     * @param cause what the engine reported (kept for programmatic callers; not printed by the CLI)
     */
    public EngineFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

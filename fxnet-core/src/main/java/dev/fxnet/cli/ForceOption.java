package dev.fxnet.cli;

import dev.fxnet.construct.WorkLimit;
import dev.fxnet.construct.WorkLimitException;
import picocli.CommandLine.Option;

/**
 * {@code --force}: the option of the commands that run a network on every point of {@code F^d}
 * (compile, verify, eval --all). Without it they refuse, before the expensive part starts, work of
 * more than {@link WorkLimit#STANDARD_WEIGHT_OPERATIONS} weight-operations (points x parameters).
 */
final class ForceOption {
    @Option(names = "--force", description = "Run even when points x parameters exceeds the work limit of 1e12 "
            + "weight-operations (by default such runs are refused before they start, with the estimate).")
    boolean force;

    /** The limit the command works under. */
    WorkLimit limit() {
        return force ? WorkLimit.none() : WorkLimit.standard();
    }

    /** Checks {@code points x parameters} against {@link #limit()}; a refusal is a user error naming --force. */
    void check(String verb, long points, long parameters) {
        try {
            limit().check(verb, points, parameters);
        } catch (WorkLimitException e) {
            throw refused(e);
        }
    }

    /** The user error for a refusal. */
    static UserException refused(WorkLimitException e) {
        return new UserException(e.getMessage() + "; --force to run anyway");
    }
}

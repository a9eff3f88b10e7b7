package dev.fxnet.cli;

import dev.fxnet.io.AtomicFiles;
import java.nio.file.Path;

/** Checks an output path before any work is done, so that a bad path fails fast with the option's name. */
final class AtomicFilesCheck {
    private AtomicFilesCheck() {
    }

    /**
     * {@link AtomicFiles#checkTarget} with the option's name in the message.
     *
     * @throws UserException if {@code path} is a directory or its directory does not exist
     */
    static void writable(String option, Path path) {
        if (path == null) {
            return;
        }
        try {
            AtomicFiles.checkTarget(path);
        } catch (java.nio.file.FileSystemException e) {
            throw new UserException(option + ": " + e.getFile() + ": " + e.getReason());
        } catch (java.io.IOException e) {
            throw new UserException(option + ": " + path + ": " + e.getMessage());
        }
    }
}

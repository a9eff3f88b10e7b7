package dev.fxnet.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks an output path before any work is done, so that a bad path fails fast with the option's name. */
final class AtomicFilesCheck {
    private AtomicFilesCheck() {
    }

    /**
     * @throws UserException if {@code path} is a directory or its parent directory does not exist
     */
    static void writable(String option, Path path) {
        if (path == null) {
            return;
        }
        if (Files.isDirectory(path)) {
            throw new UserException(option + ": " + path + " is a directory; give a file name");
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UserException(option + ": cannot write " + path + ": no such directory " + parent);
        }
    }
}

package dev.fxnet.cli;

import dev.fxnet.io.AtomicFiles;
import dev.fxnet.io.OutputDirectory;
import dev.fxnet.io.OutputTarget;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * The CLI's side of {@link OutputTarget} and {@link OutputDirectory}: resolves output options
 * before any work and turns their refusals and write errors into one-line {@link UserException}s
 * that name the option and the path as the user gave it.
 */
final class Outputs {
    private Outputs() {
    }

    /**
     * The file {@code path} of {@code option} (null stays null); {@code -} and {@code /dev/stdout}
     * are refused, for options whose command already prints to standard output.
     */
    static OutputTarget file(String option, Path path) {
        if (path == null) {
            return null;
        }
        if (OutputTarget.isStandardOutputSpelling(path.toString())) {
            throw new UserException(option + " " + path + ": standard output is not possible here; give a file name");
        }
        return resolve(option, path, "give a file name");
    }

    /** The file or standard output ({@code -}, {@code /dev/stdout}) {@code path} of {@code option} (null stays null). */
    static OutputTarget fileOrStdout(String option, Path path) {
        if (path == null) {
            return null;
        }
        if (OutputTarget.isStandardOutputSpelling(path.toString())) {
            return OutputTarget.standardOutput();
        }
        return resolve(option, path, "give a file name, or '-' for standard output");
    }

    private static OutputTarget resolve(String option, Path path, String hint) {
        try {
            OutputTarget t = OutputTarget.of(path);
            t.probe();
            return t;
        } catch (FileSystemException e) {
            String reason = e.getReason();
            throw new UserException(option + " " + path + ": " + reason
                    + (reason.endsWith("not a regular file") ? "; " + hint : ""));
        }
    }

    /** The directory {@code path} of {@code option}, which will receive {@code files} (relative paths). */
    static OutputDirectory directory(String option, Path path, String... files) {
        if (OutputTarget.isStandardOutputSpelling(path.toString())) {
            throw new UserException(option + " " + path + ": this option names a directory, not standard output");
        }
        try {
            OutputDirectory d = OutputDirectory.of(path);
            d.probe(files);
            return d;
        } catch (FileSystemException e) {
            throw new UserException(option + " " + (e.getFile() == null ? path : e.getFile()) + ": " + e.getReason());
        }
    }

    /**
     * The file standard output is open on, as a path for {@link java.nio.file.Files#isSameFile}
     * (empty when unknown); tests replace it, since an in-process run's standard output is no file.
     */
    static volatile java.util.function.Supplier<java.util.Optional<Path>> standardOutputFile =
            OutputTarget::standardOutputFile;

    /** Refuses, before any work, an output that would replace the input {@code input} named by {@code inputName}. */
    static void notInput(String option, OutputTarget target, String inputName, Path input) {
        if (target != null && target.isStandardOutput()) {
            if (stdoutIs(input)) {
                throw new UserException(option + ": standard output is the same file as " + inputName + " " + input
                        + "; fxnet does not write into its input, redirect standard output elsewhere");
            }
            return;
        }
        if (target != null && target.isSameFileAs(input)) {
            throw new UserException(option + " " + target + " is the same file as " + inputName + " " + input
                    + "; fxnet does not overwrite its input, give another name");
        }
    }

    /**
     * Refuses, before any work, a command whose standard output is open on its input {@code input}
     * ({@code inputName}, e.g. "NET.json"), as after {@code fxnet eval net.json --all >> net.json}.
     * (A {@code >} redirection has emptied the file before fxnet starts: then the input is refused
     * as the empty file it is.)
     */
    static void stdoutNotInput(String inputName, Path input) {
        if (stdoutIs(input)) {
            throw new UserException("standard output is the same file as " + inputName + " " + input
                    + "; fxnet does not write into its input, redirect standard output elsewhere");
        }
    }

    private static boolean stdoutIs(Path input) {
        return input != null && standardOutputFile.get().map(so -> OutputTarget.sameFile(so, input)).orElse(false);
    }

    /** Refuses two outputs of one command ({@code option1 path1}, {@code option2 path2}) that would write the same place. */
    static void distinct(String option1, Path path1, OutputTarget t1, String option2, Path path2, OutputTarget t2) {
        if (t1 != null && t2 != null && t1.overlaps(t2)) {
            throw new UserException(option1 + " " + path1 + " and " + option2 + " " + path2 + " both name "
                    + (t1.isStandardOutput() ? "standard output" : "the file " + t1.file()) + "; give two different names");
        }
    }

    /** Writes {@code target}, standard output being {@code stdout}; a failure names {@code option} and the path. */
    static void write(String option, OutputTarget target, AtomicFiles.ByteWriter content, java.io.OutputStream stdout) {
        try {
            target.writeBytes(content, stdout);
        } catch (FileSystemException e) {
            throw new UserException(option + " " + target + ": " + e.getReason());
        }
    }

    /** Publishes {@code dir}; a failure names {@code option} and the path. */
    static void publish(String option, OutputDirectory dir, OutputDirectory.Content content) {
        try {
            dir.publish(content);
        } catch (FileSystemException e) {
            throw new UserException(option + " " + e.getFile() + ": " + e.getReason());
        }
    }
}

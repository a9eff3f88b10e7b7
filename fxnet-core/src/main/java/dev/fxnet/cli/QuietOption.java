package dev.fxnet.cli;

import picocli.CommandLine.Option;

/** {@code --quiet}: the option of every long-running command that silences its progress on stderr. */
final class QuietOption {
    @Option(names = "--quiet", description = "No progress on stderr (errors and warnings still go there).")
    boolean quiet;
}

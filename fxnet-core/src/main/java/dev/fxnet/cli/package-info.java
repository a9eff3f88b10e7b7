/**
 * The command line: the thin {@code fxnet} command ({@link dev.fxnet.cli.Main}, picocli) and its
 * subcommands {@code info}, {@code activation}, {@code check}, {@code table}, {@code compile},
 * {@code verify}, {@code size}, {@code eval}, {@code export} and {@code report} (docs/CLI.md).
 *
 * <p>Contract: each command parses its options, calls the library and prints; what it computes is
 * computed by the library, which never depends on this package. The format options every command
 * shares ({@link dev.fxnet.cli.ArithmeticOptions}) default to
 * {@code p=3, q=3, SYMMETRIC, HALF_EVEN, SATURATE, PER_OP}. A user mistake ends with exit
 * code 2 and one line on stderr naming the option, the JSON path or the value
 * ({@link dev.fxnet.cli.UserException}; the library's {@link IllegalArgumentException}s and file
 * errors are turned into such lines), with no stack trace; an internal error ends with exit code 1.
 * Outputs are resolved and checked before any work and written atomically ({@code dev.fxnet.io});
 * a closed standard output stops the command silently with status
 * {@link dev.fxnet.cli.Main#BROKEN_PIPE}. Progress goes to stderr, never to standard output.
 *
 * <p>Dependencies: the library packages, picocli, the JSON library (for {@code check --json}) and
 * the progress bar library; nothing depends on it.
 */
package dev.fxnet.cli;

package dev.fxnet.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fxnet} command. Thin: every subcommand parses options, calls the library and
 * prints. User mistakes (bad option values, malformed files, values off the grid) end with exit
 * code 2 and one line on stderr naming the problem; internal errors end with exit code 1 and a
 * stack trace.
 *
 * <p>Standard output is buffered (flushed per line only when it is a terminal) and its write
 * errors are not swallowed: the first failed write throws {@link StdoutFailure}, which stops the
 * command. When the reader closed the pipe ({@code fxnet activation gelu --csv | head -1}) fxnet
 * exits at once, silently, with status {@link #BROKEN_PIPE} = 128 + SIGPIPE, as C tools killed by
 * SIGPIPE do; any other write error (a full disk) is a user error naming standard output.
 */
@Command(name = "fxnet", mixinStandardHelpOptions = true, version = "fxnet 0.1.0",
        description = "Quantized neural networks under fixed-point arithmetic: exact simulation, "
                + "construction and decision (Park, Park, Hwang, arXiv 2409.00297).",
        subcommands = {InfoCommand.class, ActivationCommand.class, EvalCommand.class, ExportCommand.class,
                ReportCommand.class, CompileCommand.class, VerifyCommand.class, SizeCommand.class,
                CheckCommand.class, TableCommand.class, CompareCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for user mistakes. */
    public static final int USER_ERROR = 2;
    /** Exit code when standard output was closed by its reader: 128 + SIGPIPE (13). */
    public static final int BROKEN_PIPE = 141;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Standard output as bytes, for outputs written through to it ({@code --out -}). */
    private java.io.OutputStream stdout = new java.io.FileOutputStream(java.io.FileDescriptor.out);

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        String enc = System.getProperty("sun.stdout.encoding");
        Charset cs = enc != null && Charset.isSupported(enc) ? Charset.forName(enc) : Charset.defaultCharset();
        OutputStream bytes = checked(new FileOutputStream(FileDescriptor.out));
        System.exit(run(args, text(bytes, cs, System.console() != null), bytes, new PrintWriter(System.err, true)));
    }

    /**
     * Standard output as fxnet writes it, text and bytes ({@code --out -}) alike: the first failed
     * write to {@code raw} throws {@link StdoutFailure} instead of being swallowed as
     * {@link PrintWriter} does, and everything written after it is dropped.
     */
    static OutputStream checked(OutputStream raw) {
        return new OutputStream() {
            private boolean failed; // after the first failure, later writes (the final flush) are dropped

            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (!failed) {
                    try {
                        raw.write(b, off, len);
                    } catch (IOException e) {
                        failed = true;
                        throw new StdoutFailure(e);
                    }
                }
            }

            @Override
            public void flush() {
                if (!failed) {
                    try {
                        raw.flush();
                    } catch (IOException e) {
                        failed = true;
                        throw new StdoutFailure(e);
                    }
                }
            }
        };
    }

    /** {@link #checked} standard output as text: behind a 64 KiB buffer, flushed on every line only if {@code autoFlush}. */
    static PrintWriter stdout(OutputStream raw, Charset cs, boolean autoFlush) {
        return text(checked(raw), cs, autoFlush);
    }

    private static PrintWriter text(OutputStream bytes, Charset cs, boolean autoFlush) {
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(bytes, cs), 1 << 16), autoFlush);
    }

    /**
     * Runs the command line with the given streams and returns the exit code (for tests). Bytes a
     * command writes to standard output ({@code --out -}) reach {@code out} decoded as UTF-8.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, new WriterStream(out), err);
    }

    private static int run(String[] args, PrintWriter out, java.io.OutputStream outBytes, PrintWriter err) {
        CommandLine cl = commandLine();
        ((Main) cl.getCommand()).stdout = outBytes;
        cl.setOut(out);
        cl.setErr(err);
        int code;
        try {
            code = cl.execute(args);
            out.flush();
        } catch (StdoutFailure e) {
            code = stdoutFailed(e, "fxnet", err);
        }
        err.flush();
        return code;
    }

    /** The exit code for a failed write to stdout: silent 141 for a closed pipe, else a one-line user error. */
    static int stdoutFailed(StdoutFailure e, String command, PrintWriter err) {
        if (e.brokenPipe()) {
            return BROKEN_PIPE;
        }
        err.println(command + ": cannot write to standard output: " + oneLine(e.getMessage()));
        return USER_ERROR;
    }

    private static StdoutFailure stdoutFailure(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof StdoutFailure) {
                return (StdoutFailure) t;
            }
        }
        return null;
    }

    /** The configured picocli command line. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        // help and version are printed by picocli itself, outside the execution-exception handler
        // below: a failed write there must end the same way as in a command
        CommandLine.IExecutionStrategy strategy = cl.getExecutionStrategy();
        cl.setExecutionStrategy(parseResult -> {
            try {
                return strategy.execute(parseResult);
            } catch (RuntimeException e) {
                StdoutFailure sf = stdoutFailure(e);
                if (sf == null) {
                    throw e;
                }
                CommandLine.ParseResult last = parseResult;
                while (last.hasSubcommand()) {
                    last = last.subcommand();
                }
                CommandLine c = last.commandSpec().commandLine();
                return stdoutFailed(sf, name(c), c.getErr());
            }
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(prefix(c) + oneLine(ParameterMessages.plain(ex))
                    + " (see 'fxnet " + (c.getParent() == null ? "" : c.getCommandName() + " ") + "--help')");
            return USER_ERROR;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            StdoutFailure sf = stdoutFailure(ex);
            if (sf != null) {
                return stdoutFailed(sf, name(c), c.getErr());
            }
            if (isUserError(ex)) {
                c.getErr().println(prefix(c) + oneLine(describe(ex)));
                return USER_ERROR;
            }
            c.getErr().println(prefix(c) + "internal error, please report:");
            ex.printStackTrace(c.getErr());
            return 1;
        });
        return cl;
    }

    /**
     * Standard output as bytes for the command {@code spec}: what follows {@code --out -}. The
     * command's text output ({@code getOut()}) is flushed first, so that the two keep their order.
     */
    static java.io.OutputStream standardOutput(picocli.CommandLine.Model.CommandSpec spec) {
        spec.commandLine().getOut().flush();
        return ((Main) spec.root().userObject()).stdout;
    }

    /** Bytes into a writer, decoded as UTF-8 when flushed (for in-process runs, whose output is text). */
    private static final class WriterStream extends java.io.ByteArrayOutputStream {
        private final PrintWriter out;

        WriterStream(PrintWriter out) {
            this.out = out;
        }

        @Override
        public synchronized void flush() {
            out.write(toString(java.nio.charset.StandardCharsets.UTF_8));
            out.flush();
            reset();
        }
    }

    /** {@code "fxnet: "} for the top-level command, {@code "fxnet NAME: "} for a subcommand. */
    static String prefix(CommandLine c) {
        return name(c) + ": ";
    }

    /** {@code "fxnet"} for the top-level command, {@code "fxnet NAME"} for a subcommand. */
    static String name(CommandLine c) {
        return c.getParent() == null ? "fxnet" : "fxnet " + c.getCommandName();
    }

    static boolean isUserError(Throwable ex) {
        return ex instanceof IllegalArgumentException || ex instanceof UserException || ex instanceof IOException
                || ex instanceof UncheckedIOException || ex instanceof dev.fxnet.engine.EngineFailure;
    }

    static String describe(Throwable ex) {
        if (ex instanceof UncheckedIOException) {
            ex = ex.getCause();
        }
        // parallel streams rethrow a copy whose message is the original's toString(): report the original
        while (ex.getCause() != null && ex.getMessage() != null && ex.getMessage().equals(ex.getCause().toString())) {
            ex = ex.getCause();
        }
        if (ex instanceof NoSuchFileException) {
            return "no such file: " + ((NoSuchFileException) ex).getFile();
        }
        if (ex instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + ((java.nio.file.AccessDeniedException) ex).getFile();
        }
        if (ex instanceof java.nio.file.FileSystemException) {
            java.nio.file.FileSystemException fe = (java.nio.file.FileSystemException) ex;
            return fe.getFile() + ": " + (fe.getReason() == null ? "file system error" : fe.getReason());
        }
        if (ex instanceof IOException) {
            return "I/O error: " + ex.getMessage();
        }
        return ex.getMessage();
    }

    static String oneLine(String s) {
        if (s == null) {
            return "error";
        }
        String folded = s.replaceAll("\\s*\\R\\s*", " ").trim().replace('\t', ' ');
        StringBuilder b = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) { // a control character from the user's input is shown, not sent to the terminal
            char c = folded.charAt(i);
            b.append(Character.isISOControl(c) ? String.format(java.util.Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}

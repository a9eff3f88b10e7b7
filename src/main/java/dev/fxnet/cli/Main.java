package dev.fxnet.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fxnet} command. Thin: every subcommand parses options, calls the library and
 * prints. User mistakes (bad option values, malformed files, values off the grid) end with exit
 * code 2 and one line on stderr naming the problem; internal errors end with exit code 1 and a
 * stack trace.
 */
@Command(name = "fxnet", mixinStandardHelpOptions = true, version = "fxnet 0.1.0",
        description = "Quantized neural networks under fixed-point arithmetic: exact simulation, "
                + "construction and decision (Park, Park, Hwang, arXiv 2409.00297).",
        subcommands = {InfoCommand.class, ActivationCommand.class, EvalCommand.class, ExportCommand.class,
                ReportCommand.class, CompileCommand.class, VerifyCommand.class, SizeCommand.class,
                CheckCommand.class, TableCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for user mistakes. */
    public static final int USER_ERROR = 2;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (for tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The configured picocli command line. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(prefix(c) + oneLine(ex.getMessage())
                    + " (see 'fxnet " + (c.getParent() == null ? "" : c.getCommandName() + " ") + "--help')");
            return USER_ERROR;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
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

    /** {@code "fxnet: "} for the top-level command, {@code "fxnet NAME: "} for a subcommand. */
    static String prefix(CommandLine c) {
        return c.getParent() == null ? "fxnet: " : "fxnet " + c.getCommandName() + ": ";
    }

    static boolean isUserError(Throwable ex) {
        return ex instanceof IllegalArgumentException || ex instanceof UserException || ex instanceof IOException
                || ex instanceof UncheckedIOException;
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
        return s == null ? "error" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}

package dev.fxnet.cli;

import dev.fxnet.io.OutputDirectory;
import dev.fxnet.report.HtmlReport;
import dev.fxnet.report.ReportProgress;
import dev.fxnet.report.StandardReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fxnet report --out DIR}: a self-contained HTML page of what fxnet computes. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a self-contained HTML report (DIR/index.html, figures inlined as SVG).")
final class ReportCommand implements Callable<Integer> {
    /** The help text of {@code --out}. */
    private static final String OUT_HELP = """
            Output directory. A new DIR (and its missing parents) appears only when the report is \
            complete, never on failure or Ctrl-C; in an existing DIR, index.html is replaced atomically \
            and other files are left alone.\
            """;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = OUT_HELP)
    Path out;

    @Option(names = "--quick", description = "A smaller report (fewer settings, smaller formats) in about a minute on 2 cores (the full report took about 20 minutes before Theorem W, 17 of them for the WRAP verdicts at p = q = 3, which now take a few minutes).")
    boolean quick;

    @Mixin
    QuietOption quiet;

    @Spec
    CommandSpec spec;

    /** Builds the report; replaced by tests to make a run fail midway. */
    static BiFunction<StandardReport.Scope, ReportProgress, HtmlReport> builder = StandardReport::build;

    @Override
    public Integer call() throws IOException {
        OutputDirectory dir = Outputs.directory("--out", out, "index.html");
        java.io.PrintWriter err = spec.commandLine().getErr();
        HtmlReport report;
        try (Lines lines = new Lines(err, quiet.quiet)) {
            report = builder.apply(quick ? StandardReport.Scope.QUICK : StandardReport.Scope.FULL, lines);
        }
        String html = report.toHtml();
        Outputs.publish("--out", dir, d -> Files.writeString(d.resolve("index.html"), html, StandardCharsets.UTF_8));
        spec.commandLine().getOut().println("wrote " + out.resolve("index.html") + " (" + report.figureCount()
                + " figures)");
        return 0;
    }

    /**
     * The report's progress on stderr: a line as each section starts, and within a counted section
     * (the verdicts) the {@link Progress} lines of its units, as {@code table} prints them.
     */
    private static final class Lines implements ReportProgress, AutoCloseable {
        private final java.io.PrintWriter err;
        private final boolean quiet;
        private int started;
        private volatile Progress current;

        Lines(java.io.PrintWriter err, boolean quiet) {
            this.err = err;
            this.quiet = quiet;
        }

        @Override
        public void section(String name, long total, String unit) {
            close();
            started++;
            if (!quiet) {
                err.println("report: section " + started + "/" + StandardReport.SECTIONS + ", " + name + "...");
                err.flush();
            }
            if (total > 0) {
                current = Progress.of("report: " + name, total, unit, 1, err, quiet);
            }
        }

        @Override
        public void step(long n) {
            Progress p = current;
            if (p != null) {
                p.step(n);
            }
        }

        @Override
        public void close() {
            Progress p = current;
            current = null;
            if (p != null) {
                p.close();
            }
        }
    }
}
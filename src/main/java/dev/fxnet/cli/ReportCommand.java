package dev.fxnet.cli;

import dev.fxnet.io.OutputDirectory;
import dev.fxnet.report.HtmlReport;
import dev.fxnet.report.StandardReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fxnet report --out DIR}: a self-contained HTML page of what fxnet computes. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a self-contained HTML report (DIR/index.html, figures inlined as SVG).")
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory. A new DIR (and"
            + " its missing parents) appears only when the report is complete, never on failure or Ctrl-C; in an"
            + " existing DIR, index.html is replaced atomically and other files are left alone.")
    Path out;

    @Option(names = "--quick", description = "A smaller report (fewer settings, smaller formats) in about a minute on 2 cores (the full report takes about 4 minutes).")
    boolean quick;

    @Mixin
    QuietOption quiet;

    @Spec
    CommandSpec spec;

    /** Builds the report; replaced by tests to make a run fail midway. */
    static BiFunction<StandardReport.Scope, Consumer<String>, HtmlReport> builder = StandardReport::build;

    @Override
    public Integer call() throws IOException {
        OutputDirectory dir = Outputs.directory("--out", out, "index.html");
        java.io.PrintWriter err = spec.commandLine().getErr();
        int[] started = {0};
        HtmlReport report = builder.apply(quick ? StandardReport.Scope.QUICK : StandardReport.Scope.FULL,
                section -> {
                    started[0]++;
                    if (!quiet.quiet) {
                        err.println("report: section " + started[0] + "/" + StandardReport.SECTIONS + ", " + section
                                + "...");
                        err.flush();
                    }
                });
        String html = report.toHtml();
        Outputs.publish("--out", dir, d -> Files.writeString(d.resolve("index.html"), html, StandardCharsets.UTF_8));
        spec.commandLine().getOut().println("wrote " + out.resolve("index.html") + " (" + report.figureCount()
                + " figures)");
        return 0;
    }
}

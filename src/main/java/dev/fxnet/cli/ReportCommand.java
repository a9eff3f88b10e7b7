package dev.fxnet.cli;

import dev.fxnet.io.AtomicFiles;
import dev.fxnet.report.HtmlReport;
import dev.fxnet.report.StandardReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fxnet report --out DIR}: a self-contained HTML page of what fxnet computes. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write a self-contained HTML report (DIR/index.html, figures inlined as SVG).")
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created if missing).")
    Path out;

    @Option(names = "--quick", description = "A smaller report (fewer settings, smaller formats) in a few seconds.")
    boolean quick;

    @Mixin
    QuietOption quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserException("--out: " + out + " exists and is not a directory");
        }
        Files.createDirectories(out);
        java.io.PrintWriter err = spec.commandLine().getErr();
        int[] started = {0};
        HtmlReport report = StandardReport.build(quick ? StandardReport.Scope.QUICK : StandardReport.Scope.FULL,
                section -> {
                    started[0]++;
                    if (!quiet.quiet) {
                        err.println("report: section " + started[0] + "/" + StandardReport.SECTIONS + ", " + section
                                + "...");
                        err.flush();
                    }
                });
        Path index = out.resolve("index.html");
        AtomicFiles.writeString(index, report.toHtml());
        spec.commandLine().getOut().println("wrote " + index + " (" + report.figureCount() + " figures)");
        return 0;
    }
}

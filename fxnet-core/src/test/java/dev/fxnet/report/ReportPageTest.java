package dev.fxnet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fxnet.io.AtomicFiles;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the generated report in headless Chromium (Debian's {@code chromium}; .ci/run installs it)
 * and checks that it loads without script errors and that every figure rendered with a real size.
 * Outside CI the test is skipped if no Chromium is installed; in CI a missing browser fails it.
 */
class ReportPageTest {
    @TempDir
    Path dir;

    static String chromium() {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (new File(c).canExecute()) {
                return c;
            }
        }
        return null;
    }

    @Test
    void reportLoadsInHeadlessChromiumAndShowsEveryFigure() throws Exception {
        String browser = chromium();
        if (browser == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("chromium is not installed; .ci/run should have installed it");
            }
            Assumptions.abort("no chromium installed: apt-get install chromium");
        }
        HtmlReport report = StandardReport.build(StandardReport.Scope.QUICK, s -> { });
        Path page = dir.resolve("index.html");
        AtomicFiles.writeString(page, report.toHtml());
        // 8 figures before the comparison section, which adds 2 number lines, 4 error curves and the verdict grid
        assertTrue(report.figureCount() >= 15, "figures: " + report.figureCount());
        Path profile = Files.createDirectories(dir.resolve("profile"));
        ProcessBuilder pb = new ProcessBuilder(browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,1000", "--virtual-time-budget=10000", "--dump-dom",
                page.toUri().toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] dom = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        String text = new String(dom, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<body[^>]*data-figures=\"(\\d+)\"[^>]*>").matcher(text);
        assertTrue(m.find(), "no body in the dumped DOM: " + text.substring(0, Math.min(300, text.length())));
        String body = m.group();
        assertTrue(body.contains("data-errors=\"0\""), "script errors or no load event: " + body);
        Matcher r = Pattern.compile("data-rendered=\"(\\d+)\"").matcher(body);
        assertTrue(r.find(), body);
        assertEquals(report.figureCount(), Integer.parseInt(r.group(1)), "figures rendered with a real size: " + body);
        // the section "Fixed point vs floating point" (issue 16) rendered with its formats and charts
        int at = text.indexOf("Fixed point vs floating point</h2>");
        assertTrue(at >= 0, "no comparison section in the dumped DOM");
        String section = text.substring(at);
        for (String s : List.of("e2m1", "Q0.3", "p=1,q=2", "Values in [-2, 2]", "g(x) = sin(3x)",
                "Universal representation (PER_OP)")) {
            assertTrue(section.contains(s), "comparison section lacks " + s);
        }
    }
}

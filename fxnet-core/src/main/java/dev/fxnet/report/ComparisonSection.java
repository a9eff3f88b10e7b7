package dev.fxnet.report;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Arithmetic;
import dev.fxnet.compare.ApproximationError;
import dev.fxnet.compare.CompareFormats;
import dev.fxnet.compare.Comparison;
import dev.fxnet.compare.ComparisonPlan;
import dev.fxnet.compare.ComparisonText;
import dev.fxnet.compare.FormatFacts;
import dev.fxnet.compare.TestFunction;
import dev.fxnet.compare.VerdictCell;
import dev.fxnet.plot.Charts;
import dev.fxnet.plot.LineChart;
import dev.fxnet.plot.NumberLine;
import dev.fxnet.plot.VerdictGrid;
import dev.fxnet.theory.Verdict;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The report section "Fixed point vs floating point": the formats of one bit budget (8 bits in the
 * full report, 4 in the quick one) computed by {@link Comparison} when the report is made, shown as
 * number lines of their values, the error curves of {@code rho_F o g}, and the verdict grid.
 */
final class ComparisonSection {
    /** The activations of the section's verdict grid: those the float compile acceptance names. */
    static final List<String> ACTIVATIONS = List.of("relu", "gelu", "sigmoid", "identity");

    private ComparisonSection() {
    }

    /** The plan of the section for a scope: 8 bits (full) or 4 bits (quick); values, verdicts, errors. */
    static ComparisonPlan plan(StandardReport.Scope scope) {
        List<Arithmetic> formats = CompareFormats.ofBits(scope == StandardReport.Scope.FULL ? 8 : 4);
        return ComparisonPlan.defaults(formats).withActivations(ACTIVATIONS.stream().map(Activations::named).toList())
                .withSections(EnumSet.of(ComparisonPlan.Section.VALUES, ComparisonPlan.Section.VERDICTS,
                        ComparisonPlan.Section.ERROR));
    }

    static void add(HtmlReport r, StandardReport.Scope scope, ReportProgress progress) {
        ComparisonPlan plan = plan(scope);
        progress.section("fixed vs floating point", plan.work(), "figures");
        Comparison c = Comparison.run(plan, Runtime.getRuntime().availableProcessors(), progress::step);
        List<String> names = c.facts().stream().map(FormatFacts::format).toList();
        r.section("Fixed point vs floating point");
        r.paragraph(ReportProse.COMPARISON.formatted(String.join(", ", names), c.facts().get(0).bits()));
        values(r, c);
        errors(r, c);
        verdicts(r, c);
    }

    private static void values(HtmlReport r, Comparison c) {
        List<String> names = new ArrayList<>();
        List<double[]> all = new ArrayList<>();
        List<double[]> near = new ArrayList<>();
        for (Arithmetic ar : c.plan().formats()) {
            names.add(CompareFormats.name(ar));
            double[] v = new double[(int) ar.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = ar.value(ar.minCode() + i).doubleValue(); // exact: every value of these formats is a double
            }
            all.add(v);
            near.add(java.util.Arrays.stream(v).filter(x -> Math.abs(x) <= 2).toArray());
        }
        r.figures(List.of(Charts.toSvg(NumberLine.chart("Values in [-2, 2]", "x", names, near, false), 560, 340),
                Charts.toSvg(NumberLine.chart("Positive values (log scale)", "x", names, all, true), 560, 340)),
                List.of("Every value of each format in [-2, 2]: fixed point is evenly spaced, floating point dense near 0.",
                        "Every positive value on a base-2 log axis: floats spread evenly over binades."));
        List<List<String>> t = new ArrayList<>();
        t.add(List.of("format", "bits", "finite values", "min", "max", "smallest positive", "values in [-1, 1]"));
        for (FormatFacts f : c.facts()) {
            t.add(List.of(f.format(), Integer.toString(f.bits()), Long.toString(f.finiteValues()),
                    ComparisonText.shortValue(f.min()), ComparisonText.shortValue(f.max()),
                    f.smallestPositive().map(ComparisonText::shortValue).orElse("none"), Long.toString(f.inUnitInterval())));
        }
        r.table(t);
    }

    private static void errors(HtmlReport r, Comparison c) {
        List<String> svgs = new ArrayList<>();
        List<String> caps = new ArrayList<>();
        String interval = "[" + c.plan().a().toPlainString() + ", " + c.plan().b().toPlainString() + "]";
        for (TestFunction g : c.plan().functions()) {
            List<LineChart.Series> series = new ArrayList<>();
            for (ApproximationError e : c.errors()) {
                if (e.function().equals(g.name())) {
                    series.add(new LineChart.Series(e.format(), e.xs(), e.errors()));
                }
            }
            svgs.add(Charts.toSvg(LineChart.chart("|rho_F(g(x)) - g(x)|, g(x) = " + g.name(), "x", "absolute error",
                    false, series, false), 560, 360));
            caps.add("Error of the correctly rounded " + g.name() + " at every value of each format in " + interval + ".");
        }
        r.figures(svgs, caps);
        List<List<String>> t = new ArrayList<>();
        t.add(List.of("format", "g", "points", "max abs error", "max rel error", "saturated points"));
        for (ApproximationError e : c.errors()) {
            t.add(List.of(e.format(), e.function(), Long.toString(e.points()), fmt(e.maxAbsolute()),
                    fmt(e.maxRelative()), Long.toString(e.saturated())));
        }
        r.table(t);
    }

    private static String fmt(double v) {
        return v == 0 ? "0" : String.format(java.util.Locale.ROOT, "%.4g", v);
    }

    private static void verdicts(HtmlReport r, Comparison c) {
        List<String> acts = c.plan().activations().stream().map(a -> a.name()).toList();
        List<String> rows = c.facts().stream().map(FormatFacts::format).toList();
        List<List<VerdictGrid.Cell>> cells = new ArrayList<>();
        List<List<String>> t = new ArrayList<>();
        t.add(List.of("format", "activation", "verdict", "domain", "reason"));
        int k = 0;
        for (int i = 0; i < rows.size(); i++) {
            List<VerdictGrid.Cell> row = new ArrayList<>();
            for (int j = 0; j < acts.size(); j++) {
                VerdictCell v = c.verdicts().get(k++);
                row.add(v.kind().map(ComparisonSection::cell).orElse(VerdictGrid.Cell.NOT_COMPUTED));
                t.add(List.of(v.format(), v.activation(), v.kindText(), v.domain().orElse("not known"), v.reason()));
            }
            cells.add(row);
        }
        r.figure(Charts.toSvg(VerdictGrid.chart("Universal representation (PER_OP)", rows, acts, cells), 640, 360),
                "Verdicts of fxnet's check for each format and activation (green universal on all finite inputs).");
        r.table(t);
    }

    private static VerdictGrid.Cell cell(Verdict.Kind k) {
        return switch (k) {
            case UNIVERSAL -> VerdictGrid.Cell.UNIVERSAL;
            case NOT_UNIVERSAL -> VerdictGrid.Cell.NOT_UNIVERSAL;
            case UNDETERMINED -> VerdictGrid.Cell.UNDETERMINED;
        };
    }
}

package dev.fxnet.report;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.ActivationTable;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.construct.CompileOptions;
import dev.fxnet.construct.Compiler;
import dev.fxnet.target.Expression;
import dev.fxnet.target.FunctionTable;
import dev.fxnet.gadget.Setting;
import dev.fxnet.construct.SizeReport;
import dev.fxnet.construct.Strategy;
import dev.fxnet.eval.FastEvaluator;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.plot.ActivationPlot;
import dev.fxnet.plot.Charts;
import dev.fxnet.plot.HeatMap;
import dev.fxnet.plot.LineChart;
import dev.fxnet.theory.Verdict;
import dev.fxnet.theory.VerdictTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The report {@code fxnet report} writes: what fxnet computes, as pictures and tables. Every
 * section is computed by the library when the report is made (verdicts decided, networks compiled
 * and verified on every input); nothing is copied from elsewhere.
 */
public final class StandardReport {
    /** The activations of the paper's headline, plus the identity. */
    public static final List<String> PAPER_ACTIVATIONS = VerdictTable.PAPER_ACTIVATIONS;

    /** How much to compute. */
    public enum Scope {
        /** The full report: verdicts at p = q = 1, 2, 3 in every mode; sizes up to 2^12 points. */
        FULL,
        /** A smaller report for tests and previews: fewer settings and smaller formats. */
        QUICK
    }

    private StandardReport() {
    }

    /** Builds the full report. */
    /** How many sections {@link #build(Scope, Consumer)} announces to its progress consumer. */
    public static final int SECTIONS = 6;

    public static HtmlReport build() {
        return build(Scope.FULL, s -> { });
    }

    /**
     * Builds the report.
     *
     * @param progress told the name of each section as it starts (for a progress line on long runs)
     */
    public static HtmlReport build(Scope scope, Consumer<String> progress) {
        return build(scope, ReportProgress.ofSections(progress));
    }

    /**
     * Builds the report, telling {@code progress} of each section and, for the verdicts (the
     * longest section), of every setting decided.
     */
    public static HtmlReport build(Scope scope, ReportProgress progress) {
        HtmlReport r = new HtmlReport("fxnet report: quantized networks under fixed-point arithmetic");
        r.paragraph(ReportProse.INTRO);
        verdicts(r, scope, progress);
        progress.section("activations", 0, "");
        staircases(r);
        progress.section("network size", 0, "");
        sizes(r, scope);
        progress.section("heat maps", 0, "");
        heatMaps(r);
        progress.section("approximation error", 0, "");
        approximation(r, scope);
        ComparisonSection.add(r, scope, progress);
        return r;
    }

    static void verdicts(HtmlReport r, Scope scope, ReportProgress progress) {
        List<Activation> acts = new ArrayList<>();
        for (String a : PAPER_ACTIVATIONS) {
            acts.add(Activations.named(a));
        }
        List<Integer> bits = scope == Scope.FULL ? List.of(1, 2, 3) : List.of(1, 2);
        List<Rounding> roundings = scope == Scope.FULL ? Arrays.asList(Rounding.values())
                : List.of(Rounding.HALF_EVEN, Rounding.FLOOR);
        List<VerdictTable> tables = new ArrayList<>();
        long settings = 0;
        for (int b : bits) {
            VerdictTable t = VerdictTable.of(acts, new VerdictTable.FormatGrid(List.of(b), List.of(b),
                    Arrays.asList(Encoding.values()), Arrays.asList(Overflow.values()), roundings), Accumulation.PER_OP, false);
            tables.add(t);
            settings += t.questions(1).size();
        }
        progress.section("verdicts", settings, "settings");
        List<Verdict> rows = new ArrayList<>();
        for (VerdictTable t : tables) {
            rows.addAll(t.run(Runtime.getRuntime().availableProcessors(), 1, progress::step));
        }
        r.section("Universal representation: the paper's headline, decided");
        r.paragraph(ReportProse.VERDICTS.formatted(roundings.size()));
        Map<String, int[]> counts = new LinkedHashMap<>();
        List<String> columns = new ArrayList<>();
        for (Verdict v : rows) {
            FixedPointFormat f = v.setting().fixedPoint().format();
            String col = "p=q=" + f.intBits() + " " + (f.encoding() == Encoding.SYMMETRIC ? "sym" : "2c");
            if (!columns.contains(col)) {
                columns.add(col);
            }
            int[] c = counts.computeIfAbsent(v.setting().activation().name() + "|" + col, k -> new int[3]);
            c[v.kind().ordinal()]++;
        }
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("activation"));
        header.addAll(columns);
        table.add(header);
        for (String a : PAPER_ACTIVATIONS) {
            List<String> row = new ArrayList<>(List.of(a));
            for (String col : columns) {
                int[] c = counts.getOrDefault(a + "|" + col, new int[3]);
                int total = c[0] + c[1] + c[2];
                row.add(c[0] == total ? "UNIVERSAL" : c[0] + "/" + total + " universal, " + c[1] + " not, " + c[2] + " undet.");
            }
            table.add(row);
        }
        r.table(table);
        List<List<String>> exceptions = new ArrayList<>();
        exceptions.add(List.of("activation", "format", "overflow", "rounding", "verdict", "evidence"));
        for (Verdict v : rows) {
            if (v.kind() != Verdict.Kind.UNIVERSAL) {
                exceptions.add(List.of(v.setting().activation().name(), v.setting().fixedPoint().format().toString(),
                        v.setting().fixedPoint().overflow().name(), v.setting().fixedPoint().rounding().name(),
                        v.kind().name(), v.text(220)));
            }
        }
        long universal = rows.stream().filter(v -> v.kind() == Verdict.Kind.UNIVERSAL).count();
        r.paragraph(universal + " of " + rows.size() + " settings are UNIVERSAL. The others:");
        if (exceptions.size() > 1) {
            r.table(exceptions);
        }
    }

    static void staircases(HtmlReport r) {
        FixedPointFormat f = FixedPointFormat.of(2, 2);
        FixedPointArithmetic ar = FixedPointArithmetic.of(f);
        r.section("Rounded activations: sigma and its staircase tau");
        r.paragraph(ReportProse.STAIRCASES.formatted(f, f.eps().toPlainString()));
        List<String> svgs = new ArrayList<>();
        List<String> caps = new ArrayList<>();
        for (String name : PAPER_ACTIVATIONS) {
            ActivationTable t = ActivationTable.of(Activations.named(name), ar);
            svgs.add(Charts.toSvg(ActivationPlot.chart(t), 560, 360));
            caps.add(name + " on " + f);
        }
        r.figures(svgs, caps);
    }

    static void sizes(HtmlReport r, Scope scope) {
        r.section("Network size against bits and dimension");
        Activation relu = Activations.named("relu");
        int maxBits = scope == Scope.FULL ? 5 : 3;
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("p", "q", "d", "strategy", "neurons", "depth", "parameters", "lower bound |F|^d", "ratio"));
        List<LineChart.Series> series = new ArrayList<>();
        long maxPoints = scope == Scope.FULL ? 1 << 12 : 1 << 9;
        for (int d = 1; d <= 2; d++) {
            for (Strategy st : List.of(Strategy.CUBES, Strategy.BOXES)) {
                List<double[]> pts = new ArrayList<>();
                for (int bits = 1; bits <= maxBits; bits++) {
                    int p = (bits + 1) / 2;
                    int q = bits / 2;
                    FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(p, q));
                    if (Math.pow(ar.size(), d) > maxPoints) {
                        continue;
                    }
                    FunctionTable t = FunctionTable.random(ar.format(), d, 1000L * bits + d);
                    Compiler.Result res = Compiler.compile(t, Setting.of(ar, Accumulation.PER_OP, relu),
                            CompileOptions.defaults().withStrategy(st));
                    SizeReport s = res.size();
                    // the general (not binary) counting bound, whatever weights the network happens to have
                    double bound = SizeReport.lowerBound(ar.size(), d, false);
                    pts.add(new double[] {bits, s.parameters(), bound});
                    table.add(List.of(Integer.toString(p), Integer.toString(q), Integer.toString(d), st.id(),
                            Long.toString(s.neurons()), Integer.toString(s.depth()), Long.toString(s.parameters()),
                            String.format(Locale.ROOT, "%.0f", bound),
                            String.format(Locale.ROOT, "%.2f", s.parameters() / bound)));
                }
                series.add(series(st.id() + ", d=" + d, pts, 1));
                if (st == Strategy.CUBES) {
                    series.add(series("lower bound |F|^d, d=" + d, pts, 2));
                }
            }
        }
        r.paragraph(ReportProse.SIZES);
        r.figure(Charts.toSvg(LineChart.chart("Parameters of verified networks for random tables (relu)",
                "bits p + q", "parameters (log scale)", true, series), 800, 480),
                "Parameters against bits for d = 1, 2, with the counting lower bound |F|^d.");
        r.table(table);
    }

    private static LineChart.Series series(String name, List<double[]> pts, int column) {
        double[] x = new double[pts.size()];
        double[] y = new double[pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[column];
        }
        return new LineChart.Series(name, x, y);
    }

    static void heatMaps(HtmlReport r) {
        String expr = "sin(3*x0)*x1";
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(2, 2));
        Expression e = Expression.parse(expr);
        Expression.Tabulation tab = e.tabulate(ar, 2);
        Compiler.Result res = Compiler.compile(tab.table(), Setting.of(ar, Accumulation.PER_OP, Activations.named("gelu")),
                CompileOptions.defaults());
        int[] net = new FastEvaluator(res.network()).evaluateAll(null);
        int[] target = tab.table().codes();
        int[] diff = new int[net.length];
        for (int i = 0; i < net.length; i++) {
            diff[i] = net[i] - target[i];
        }
        FixedPointFormat f = ar.format();
        r.section("A compiled 2-D example: target, network and difference");
        r.paragraph(ReportProse.HEAT_MAPS.formatted(expr, f, target.length, res.strategy().id(), res.size().line(),
                f.eps().divide(BigDecimal.valueOf(2)).toPlainString(), String.format(Locale.ROOT, "%.4f", tab.maxError())));
        r.figures(List.of(Charts.toSvg(HeatMap.chart("target rho(f)", f, target, "value"), 360, 320),
                Charts.toSvg(HeatMap.chart("network N", f, net, "value"), 360, 320),
                Charts.toSvg(HeatMap.chart("N - target", f, diff, "difference"), 360, 320)),
                List.of("the target table", "the compiled network on every input", "difference: all zero"));
    }

    static void approximation(HtmlReport r, Scope scope) {
        String expr = "sin(3*x0)";
        int p = 2;
        int maxQ = scope == Scope.FULL ? 8 : 5;
        List<double[]> pts = new ArrayList<>();
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("q", "|F|", "max |N(x) - f(x)|", "eps/2", "network parameters"));
        for (int q = 1; q <= maxQ; q++) {
            FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(p, q));
            Expression.Tabulation tab = Expression.parse(expr).tabulate(ar, 1);
            Compiler.Result res = Compiler.compile(tab.table(), Setting.of(ar, Accumulation.PER_OP,
                    Activations.named("relu")), CompileOptions.defaults());
            double maxErr = 0;
            InputSpace space = InputSpace.of(ar.format(), 1);
            FastEvaluator ev = new FastEvaluator(res.network());
            for (long i = 0; i < space.size(); i++) {
                long[] x = space.point(i);
                double fx = Math.sin(3 * ar.format().doubleValue(x[0]));
                maxErr = Math.max(maxErr, Math.abs(ar.format().doubleValue(ev.evaluate(x)[0]) - fx));
            }
            double half = Math.scalb(1.0, -q - 1);
            pts.add(new double[] {q, maxErr, half});
            table.add(List.of(Integer.toString(q), Long.toString(ar.size()), String.format(Locale.ROOT, "%.6f", maxErr),
                    String.format(Locale.ROOT, "%.6f", half), Long.toString(res.size().parameters())));
        }
        r.section("Approximating a continuous function: error against fractional bits");
        r.paragraph(ReportProse.ERRORS.formatted(expr, p));
        r.figure(Charts.toSvg(LineChart.chart("Approximation error of sin(3x) (relu networks, p = " + p + ")",
                "fractional bits q", "error (log scale)", true,
                List.of(series("max |N(x) - f(x)| on the grid", pts, 1), series("bound eps/2", pts, 2))), 800, 460),
                "Maximum error on the grid against q, with the bound eps/2.");
        r.table(table);
    }
}

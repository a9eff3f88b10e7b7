package dev.fxnet.compare;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The text of a {@link Comparison}: Markdown (a table per section, footnotes for every {@code —}) or
 * long-form CSV, one row per figure with the columns {@value #CSV_HEADER}. In the CSV, values of a
 * format are exact plain decimals and error figures are doubles ({@code %.6e}); a figure not
 * computed has an empty value and its reason in {@code note}.
 */
public final class ComparisonText {
    /** The CSV header. */
    public static final String CSV_HEADER = "section,format,subject,quantity,value,note";

    private ComparisonText() {
    }

    /** The comparison as Markdown. */
    public static String markdown(Comparison c) {
        StringBuilder b = new StringBuilder();
        ComparisonPlan plan = c.plan();
        b.append("# Fixed point vs floating point\n\n");
        b.append("Formats: ").append(String.join(", ", c.facts().stream().map(FormatFacts::format).toList()))
                .append(". Modes: HALF_EVEN; fixed point SATURATE, floating point SATFINITE; PER_OP.\n");
        Footnotes notes = new Footnotes();
        if (plan.has(ComparisonPlan.Section.VALUES)) {
            values(b, c);
        }
        if (plan.has(ComparisonPlan.Section.VERDICTS)) {
            ComparisonMarkdown.verdicts(b, c, notes);
        }
        if (plan.has(ComparisonPlan.Section.SIZE)) {
            ComparisonMarkdown.sizes(b, c, notes);
        }
        if (plan.has(ComparisonPlan.Section.ERROR)) {
            ComparisonMarkdown.errors(b, c, notes);
        }
        notes.appendTo(b);
        return b.toString();
    }

    private static void values(StringBuilder b, Comparison c) {
        b.append("\n## Values\n\n");
        b.append("| format | bits | finite values | min | max | smallest positive | values in [-1, 1] |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (FormatFacts f : c.facts()) {
            b.append("| ").append(f.format()).append(" | ").append(f.bits()).append(" | ").append(f.finiteValues())
                    .append(" | ").append(shortValue(f.min())).append(" | ").append(shortValue(f.max())).append(" | ")
                    .append(f.smallestPositive().map(ComparisonText::shortValue).orElse("none")).append(" | ")
                    .append(f.inUnitInterval()).append(" |\n");
        }
    }

    /**
     * A value for a table cell: its exact plain decimal when that has at most 16 characters, else a
     * power of two as {@code 2^k}, else six significant digits prefixed with {@code ~}.
     */
    public static String shortValue(BigDecimal v) {
        String plain = v.stripTrailingZeros().toPlainString();
        if (plain.length() <= 16) {
            return plain;
        }
        Optional<Integer> k = log2(v.abs());
        if (k.isPresent()) {
            return (v.signum() < 0 ? "-" : "") + "2^" + k.get();
        }
        return "~" + v.round(new MathContext(6)).toString().replace("E", "e");
    }

    /** {@code k} when {@code v = 2^k} exactly. */
    private static Optional<Integer> log2(BigDecimal v) {
        if (v.signum() <= 0) {
            return Optional.empty();
        }
        BigDecimal s = v.stripTrailingZeros();
        if (s.scale() <= 0) {
            BigInteger i = s.toBigIntegerExact();
            return i.bitCount() == 1 ? Optional.of(i.getLowestSetBit()) : Optional.empty();
        }
        // v = u / 10^s = 2^k with k < 0 iff u = 5^s * 2^(k + s)
        BigInteger u = s.unscaledValue();
        BigInteger five = BigInteger.valueOf(5).pow(s.scale());
        BigInteger[] qr = u.divideAndRemainder(five);
        if (qr[1].signum() != 0 || qr[0].bitCount() != 1) {
            return Optional.empty();
        }
        return Optional.of(qr[0].getLowestSetBit() - s.scale());
    }

    /** A double figure with four significant digits. */
    static String figure(double v) {
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.4g", v);
    }

    /** The comparison as long-form CSV ({@value #CSV_HEADER}). */
    public static String csv(Comparison c) {
        List<List<String>> rows = new ArrayList<>();
        for (FormatFacts f : c.plan().has(ComparisonPlan.Section.VALUES) ? c.facts() : List.<FormatFacts>of()) {
            rows.add(List.of("values", f.format(), "", "bits", Integer.toString(f.bits()), ""));
            rows.add(List.of("values", f.format(), "", "finite_values", Long.toString(f.finiteValues()), ""));
            rows.add(List.of("values", f.format(), "", "min", f.min().stripTrailingZeros().toPlainString(), ""));
            rows.add(List.of("values", f.format(), "", "max", f.max().stripTrailingZeros().toPlainString(), ""));
            rows.add(List.of("values", f.format(), "", "smallest_positive",
                    f.smallestPositive().map(v -> v.stripTrailingZeros().toPlainString()).orElse(""),
                    f.smallestPositive().isPresent() ? "" : "F = {0}"));
            rows.add(List.of("values", f.format(), "", "values_in_unit_interval", Long.toString(f.inUnitInterval()), ""));
        }
        for (VerdictCell v : c.verdicts()) {
            rows.add(List.of("verdict", v.format(), v.activation(), "kind", v.kind().map(Enum::name).orElse(""),
                    v.reason()));
            rows.add(List.of("verdict", v.format(), v.activation(), "domain", v.domain().orElse(""), ""));
        }
        for (NetworkSize s : c.sizes()) {
            String act = s.activation();
            rows.add(List.of("size", s.format(), act, "counting_bound", Long.toString(s.finiteValues()), "|F|, d = 1"));
            rows.add(List.of("size", s.format(), act, "parameters", s.built() ? Long.toString(s.parameters()) : "",
                    s.note()));
            rows.add(List.of("size", s.format(), act, "parameters_per_point",
                    s.built() ? String.format(Locale.ROOT, "%.4f", s.ratio()) : "", s.built() ? "= ratio to |F|" : ""));
        }
        for (ApproximationError e : c.errors()) {
            rows.add(List.of("error", e.format(), e.function(), "points", Long.toString(e.points()), ""));
            rows.add(List.of("error", e.format(), e.function(), "max_abs_error", sci(e.maxAbsolute()), ""));
            rows.add(List.of("error", e.format(), e.function(), "max_rel_error", sci(e.maxRelative()), ""));
            rows.add(List.of("error", e.format(), e.function(), "saturated_points", Long.toString(e.saturated()), ""));
        }
        for (String n : c.notes()) {
            rows.add(List.of("note", "", "", "", "", n));
        }
        StringBuilder b = new StringBuilder(CSV_HEADER).append('\n');
        for (List<String> r : rows) {
            b.append(String.join(",", r.stream().map(ComparisonText::csvField).toList())).append('\n');
        }
        return b.toString();
    }

    private static String sci(double v) {
        return String.format(Locale.ROOT, "%.6e", v);
    }

    /** A CSV field, quoted (with doubled quotes) when it holds a comma, a quote or a line break. */
    static String csvField(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}

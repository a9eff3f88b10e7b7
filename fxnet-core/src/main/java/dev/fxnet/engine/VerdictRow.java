package dev.fxnet.engine;

import dev.fxnet.theory.Verdict;
import dev.fxnet.theory.VerdictTable;
import java.io.Serializable;
import java.util.Locale;

/**
 * One row of a verdict table as text, the result of one unit of a sweep: what {@code table} prints
 * of a {@link Verdict}, computed where the verdict was (the verdict itself does not travel).
 *
 * @param kind {@code UNIVERSAL}, {@code NOT_UNIVERSAL} or {@code UNDETERMINED}
 * @param necessary the spelling of the necessary condition's truth
 * @param sufficient the spelling of the sufficient condition's truth
 * @param evidence the Markdown evidence cell (at most 160 characters, unescaped)
 * @param csv the CSV row of {@link VerdictTable#row(Verdict, int)}
 */
public record VerdictRow(String kind, String necessary, String sufficient, String evidence, String csv)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The row of {@code v}, sizes and evidence for dimension {@code dims}. */
    public static VerdictRow of(Verdict v, int dims) {
        String evidence = v.kind() == Verdict.Kind.UNIVERSAL
                ? v.gadgets().map(g -> g.hiddenLayers(dims) + " hidden layers, " + String.format(Locale.ROOT, "%.0f",
                        g.neuronsPerPoint(dims)) + " neurons per point at d=" + dims).orElse(v.text(160))
                : Verdict.abbreviate((v.violated().isEmpty() ? "" : v.violated() + ": ") + v.text(), 160);
        return new VerdictRow(v.kind().name(), v.necessary().spelling(), v.sufficient().spelling(), evidence,
                VerdictTable.row(v, dims));
    }
}

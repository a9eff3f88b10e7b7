package dev.fxnet.compare;

import dev.fxnet.activation.Activation;
import java.util.List;
import java.util.Locale;

/** The verdict, size and error sections of {@link ComparisonText#markdown}. */
final class ComparisonMarkdown {
    private ComparisonMarkdown() {
    }

    static void verdicts(StringBuilder b, Comparison c, Footnotes notes) {
        List<Activation> acts = c.plan().activations();
        b.append("\n## Universal representation\n\n");
        b.append("Verdicts of `Universality.check` (PER_OP, general weights): can networks in the format compute every"
                + " function F^d -> F? Domain: the inputs on which they can, where known.\n\n");
        b.append("| format |");
        acts.forEach(a -> b.append(' ').append(a.name()).append(" |"));
        b.append("\n|---|").append("---|".repeat(acts.size())).append('\n');
        int k = 0;
        for (FormatFacts f : c.facts()) {
            b.append("| ").append(f.format()).append(" |");
            for (int j = 0; j < acts.size(); j++) {
                VerdictCell v = c.verdicts().get(k++);
                b.append(' ').append(v.kind().isPresent() ? v.kindText() : "—" + notes.mark(v.reason())).append(" |");
            }
            b.append('\n');
        }
        b.append("\n| format | activation | verdict | domain | reason |\n|---|---|---|---|---|\n");
        for (VerdictCell v : c.verdicts()) {
            if (v.kind().isEmpty()) {
                continue;
            }
            b.append("| ").append(v.format()).append(" | ").append(v.activation()).append(" | ").append(v.kindText())
                    .append(" | ").append(v.domain().orElse("not known")).append(" | ").append(cell(v.reason()))
                    .append(" |\n");
        }
    }

    static void sizes(StringBuilder b, Comparison c, Footnotes notes) {
        b.append("\n## Network size\n\n");
        b.append("The network `compile` builds for a random table on F^1 (seed ").append(c.plan().seed())
                .append(", activation ").append(c.plan().sizeActivation().name())
                .append("), verified on every point, against the counting bound |F| (in d = 1 the parameters per point"
                        + " and the ratio to the bound are the same number).\n\n");
        b.append("| format | counting bound \\|F\\| | parameters | parameters per point = ratio | neurons | depth |\n");
        b.append("|---|---|---|---|---|---|\n");
        for (NetworkSize s : c.sizes()) {
            b.append("| ").append(s.format()).append(" | ").append(s.finiteValues()).append(" | ");
            if (s.built()) {
                b.append(s.parameters()).append(" | ").append(String.format(Locale.ROOT, "%.2f", s.ratio()))
                        .append(" | ").append(s.neurons()).append(" | ").append(s.depth()).append(" |\n");
            } else {
                b.append("—").append(notes.mark(s.note())).append(" | — | — | — |\n");
            }
        }
    }

    static void errors(StringBuilder b, Comparison c, Footnotes notes) {
        ComparisonPlan p = c.plan();
        String interval = "[" + p.a().toPlainString() + ", " + p.b().toPlainString() + "]";
        b.append("\n## Approximation error\n\n");
        b.append("Over the values x of the format in ").append(interval).append(": rho_F(g(x)) correctly rounded"
                + " (certified), error |rho_F(g(x)) - g(x)| (absolute, and relative where g(x) != 0), in double.\n\n");
        b.append("| format | g | points in ").append(interval)
                .append(" | max abs error | max rel error | saturated points |\n|---|---|---|---|---|---|\n");
        for (ApproximationError e : c.errors()) {
            b.append("| ").append(e.format()).append(" | ").append(e.function()).append(" | ").append(e.points())
                    .append(" | ").append(ComparisonText.figure(e.maxAbsolute())).append(" | ")
                    .append(ComparisonText.figure(e.maxRelative())).append(" | ").append(e.saturated()).append(" |\n");
        }
        for (String n : c.notes()) {
            b.append("\n").append(notes.mark(n)).append(" ").append("error figures left out\n");
        }
    }

    /** Text for a Markdown table cell: {@code |} escaped, no line breaks. */
    static String cell(String s) {
        return s.replace("|", "\\|").replace('\n', ' ');
    }
}

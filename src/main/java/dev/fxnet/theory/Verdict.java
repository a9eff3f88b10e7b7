package dev.fxnet.theory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer for a {@link Setting} with evidence a reader can re-check (SPEC §7). Immutable.
 * <ul>
 *   <li>{@link Kind#UNIVERSAL}: {@link #gadgets()} holds the verified gadgets of S; the construction
 *       of docs/THEORY.md turns them into a network for every {@code f}.</li>
 *   <li>{@link Kind#NOT_UNIVERSAL}: {@link #violated()} names the violated necessary condition (or
 *       {@code exact decider}) and {@link #witness()} a concrete {@code f} with its invariant.</li>
 *   <li>{@link Kind#UNDETERMINED}: {@link #tried()} says what was tried.</li>
 * </ul>
 */
public final class Verdict {
    /** The three answers. */
    public enum Kind {
        UNIVERSAL,
        NOT_UNIVERSAL,
        UNDETERMINED
    }

    private final Setting setting;
    private final Kind kind;
    private final Truth necessary;
    private final Truth sufficient;
    private final String violated;
    private final Witness witness;
    private final GadgetSet gadgets;
    private final List<DeciderResult> decided;
    private final List<String> tried;
    private final String text;

    Verdict(Setting setting, Kind kind, Truth necessary, Truth sufficient, String violated, Witness witness,
            GadgetSet gadgets, List<DeciderResult> decided, List<String> tried, String text) {
        this.setting = Objects.requireNonNull(setting);
        this.kind = Objects.requireNonNull(kind);
        this.necessary = necessary;
        this.sufficient = sufficient;
        this.violated = violated == null ? "" : violated;
        this.witness = witness;
        this.gadgets = gadgets;
        this.decided = List.copyOf(decided);
        this.tried = List.copyOf(tried);
        this.text = text;
    }

    public Setting setting() {
        return setting;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the necessary condition N holds. */
    public Truth necessary() {
        return necessary;
    }

    /** Whether the sufficient condition S holds (gadgets found and verified). */
    public Truth sufficient() {
        return sufficient;
    }

    /** The violated condition ({@code N-sep}, {@code N-aff}, {@code N-one}, {@code exact decider}) or empty. */
    public String violated() {
        return violated;
    }

    public Optional<Witness> witness() {
        return Optional.ofNullable(witness);
    }

    public Optional<GadgetSet> gadgets() {
        return Optional.ofNullable(gadgets);
    }

    /** Results of the exact decider, for the dimensions where it ran. */
    public List<DeciderResult> decided() {
        return decided;
    }

    /** What was tried, in order. */
    public List<String> tried() {
        return tried;
    }

    /** A human-readable account. */
    public String text() {
        return text;
    }

    /** {@link #text()} cut to at most {@code maxChars} characters, ending in "..." where it was cut. */
    public String text(int maxChars) {
        return abbreviate(text, maxChars);
    }

    /** {@code s} cut to at most {@code maxChars} (>= 3) characters, ending in "..." where it was cut. */
    public static String abbreviate(String s, int maxChars) {
        return s.length() <= maxChars ? s : s.substring(0, maxChars - 3) + "...";
    }

    /**
     * A multi-line report for people (what {@code fxnet check} prints): the verdict, N and S, and the
     * evidence of SPEC §7 (witness with invariant, or gadgets and construction for dimension
     * {@code d}, or what was tried).
     */
    public String report(int d) {
        StringBuilder sb = new StringBuilder();
        dev.fxnet.arith.FixedPointFormat f = setting.arithmetic().format();
        sb.append("setting     ").append(setting).append('\n');
        sb.append("notation    ").append(notation()).append('\n');
        sb.append("verdict     ").append(kind).append('\n');
        sb.append("necessary   ").append(necessary.spelling()).append(violated.isEmpty() ? "" : " (violated: " + violated + ")")
                .append('\n');
        sb.append("sufficient  ").append(sufficient.spelling()).append('\n');
        witness().ifPresent(w -> sb.append("witness     ").append(w.describe(f)).append('\n')
                .append("invariant   ").append(w.invariant()).append('\n'));
        gadgets().ifPresent(g -> sb.append("construction ").append(g.describe(d, f)).append('\n'));
        for (DeciderResult r : decided) {
            sb.append("decider     ").append(r).append('\n');
        }
        if (kind != Kind.UNIVERSAL) { // the reasons; the summary only concludes from them
            for (String t : tried) {
                sb.append("tried       ").append(t).append('\n');
            }
        }
        sb.append("summary     ").append(summary()).append('\n');
        return sb.toString();
    }

    /**
     * How the report writes numbers: values of the format, e.g. {@code values of p=3,q=3 (code k is
     * k/8); codes only where marked (codes)}, and what {@code n copies of w*y} means.
     */
    public String notation() {
        dev.fxnet.arith.FixedPointFormat f = setting.arithmetic().format();
        return "numbers are values of " + f + " (code k is k" + (f.fracBits() == 0 ? "" : "/" + (1L << f.fracBits()))
                + "), except where marked (codes); tau(z) = rho(sigma(z)); '" + "n copies of w*y' is the input y listed"
                + " n times with weight w";
    }

    /**
     * The verdict in one sentence, without repeating the evidence lines of {@link #report}: for a
     * UNIVERSAL verdict with gadgets, a pointer to the construction; for NOT_UNIVERSAL, the violated
     * condition and a pointer to the witness (the reason is a {@link #tried()} line); otherwise
     * {@link #text()}, without the witness and its invariant if there is one.
     */
    public String summary() {
        if (kind == Kind.UNIVERSAL && gadgets != null) {
            return "S holds: the gadgets of the construction above are verified on every input they can receive,"
                    + " so every f: F^d -> F, for every d >= 1, is computed by a network (docs/THEORY.md §3)";
        }
        if (kind == Kind.NOT_UNIVERSAL) { // the reason is the last tried line, the function the witness line
            String f = witness != null ? "no network computes the function f given above" : "not every function is computed";
            return "not universal: " + (violated.startsWith("N") ? violated + " fails, so " + f
                    : violated.isEmpty() ? f : "the " + violated + " shows that " + f);
        }
        if (witness != null) { // the witness and invariant have lines of their own
            return text.replace("; witness " + witness.describe(setting.arithmetic().minCode(), setting.arithmetic().size()),
                    "").replace(" (" + witness.invariant() + ")", "");
        }
        return text;
    }

    @Override
    public String toString() {
        return setting + ": " + kind + " (N " + necessary.spelling() + ", S " + sufficient.spelling() + ") " + text;
    }
}

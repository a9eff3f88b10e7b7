package dev.fxnet.theory;

import dev.fxnet.gadget.Certificate;
import dev.fxnet.gadget.Question;
import dev.fxnet.gadget.Setting;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a {@link Question} with evidence a reader can re-check (SPEC §7). Immutable; made
 * by one factory per kind, each checking that the evidence fits the kind:
 * <ul>
 *   <li>{@link #universal}: {@link Kind#UNIVERSAL} on {@link Evidence.Gadgets} (the verified gadgets
 *       of S; the construction of docs/THEORY.md turns them into a network for every {@code f}), a
 *       {@link Evidence.VerifiedNetwork} (binary weights) or {@link Evidence#none()} (F = {0});</li>
 *   <li>{@link #notUniversal}: {@link Kind#NOT_UNIVERSAL}; {@link #violated()} names the violated
 *       necessary condition (or {@code exact decider}) and {@link #witness()} a concrete {@code f}
 *       with its invariant, where there is one ({@link Evidence.Counterexample});</li>
 *   <li>{@link #undetermined}: {@link Kind#UNDETERMINED}; {@link #tried()} says what was tried.</li>
 * </ul>
 * Every verdict carries the {@link Findings} of the checks that led to it.
 */
public final class Verdict {
    /** The three answers. */
    public enum Kind {
        UNIVERSAL,
        NOT_UNIVERSAL,
        UNDETERMINED
    }

    private final Question question;
    private final Kind kind;
    private final Truth sufficient;
    private final String violated;
    private final Evidence evidence;
    private final Findings findings;
    private final String text;
    private final Optional<Domain> domain;

    private Verdict(Question question, Kind kind, Truth sufficient, String violated, Evidence evidence, Findings findings,
            String text) {
        this.question = Objects.requireNonNull(question, "question");
        this.kind = kind;
        this.sufficient = sufficient;
        this.violated = violated;
        this.evidence = Objects.requireNonNull(evidence, "evidence");
        this.findings = Objects.requireNonNull(findings, "findings");
        this.text = Objects.requireNonNull(text, "text");
        this.domain = Optional.empty();
    }

    private Verdict(Verdict v, Findings findings, Optional<Domain> domain) {
        this.question = v.question;
        this.kind = v.kind;
        this.sufficient = v.sufficient;
        this.violated = v.violated;
        this.evidence = v.evidence;
        this.findings = findings;
        this.text = v.text;
        this.domain = domain;
    }

    /** This verdict with one more line of {@link #tried()} (what a later check found). */
    Verdict withTried(String line) {
        List<String> t = new java.util.ArrayList<>(findings.tried());
        t.add(Objects.requireNonNull(line, "line"));
        return new Verdict(this, new Findings(findings.necessary(), findings.decided(), t), domain);
    }

    /**
     * This verdict with its floating-point domain (docs/THEORY.md §15.4).
     *
     * @throws NullPointerException if {@code domain} is null
     * @throws IllegalArgumentException if a whole-format domain is given to a verdict that is not UNIVERSAL
     *     or a smaller one to a UNIVERSAL verdict
     */
    Verdict withDomain(Domain domain) {
        Objects.requireNonNull(domain, "domain");
        if (domain.wholeFormat() != (kind == Kind.UNIVERSAL)) {
            throw new IllegalArgumentException("a " + (domain.wholeFormat() ? "whole-format" : "partial") + " domain for a "
                    + kind + " verdict of " + question);
        }
        return new Verdict(this, findings, Optional.of(domain));
    }

    /**
     * Floating-point settings (SPEC §8): the largest symmetric interval {@code [-r, r]} of finite values on
     * which every function {@code f: [-r, r]^d -> F} (every {@code d}) is computed, with the construction
     * verified there ({@link Domain}). A UNIVERSAL float verdict has the whole format as domain; a
     * NOT_UNIVERSAL one whose N-sep fails has the domain below the first inseparable pair, when a
     * construction was verified on it ({@link Domain#stoppedBy()} names the pair). Empty for fixed point,
     * for UNDETERMINED verdicts, and where no construction on a domain was verified.
     */
    public Optional<Domain> domain() {
        return domain;
    }

    /** The certificate S_I (Theorem FS) of a UNIVERSAL verdict, if its evidence is {@link Evidence.Indicators}. */
    public Optional<dev.fxnet.gadget.IndicatorCertificate> indicators() {
        return evidence instanceof Evidence.Indicators i ? Optional.of(i.certificate()) : Optional.empty();
    }

    /**
     * UNIVERSAL: S holds (sufficient is {@code TRUE}) on {@code evidence}: {@link Evidence.Gadgets},
     * a {@link Evidence.VerifiedNetwork} (binary weights, one dimension), or {@link Evidence#none()}
     * where the text alone proves it (the one-value format).
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code evidence} is a {@link Evidence.Counterexample} or the
     *     findings say N fails
     */
    public static Verdict universal(Question question, Findings findings, Evidence evidence, String text) {
        Objects.requireNonNull(findings, "findings");
        if (evidence instanceof Evidence.Counterexample) {
            throw new IllegalArgumentException("a UNIVERSAL verdict for " + question + " cannot rest on a counterexample");
        }
        if (findings.necessary() == Truth.FALSE) {
            throw new IllegalArgumentException("a UNIVERSAL verdict for " + question + " with N false");
        }
        return new Verdict(question, Kind.UNIVERSAL, Truth.TRUE, "", evidence, findings, text);
    }

    /**
     * NOT_UNIVERSAL: the condition {@code violated} fails ({@code N-sep}, {@code N-aff}, {@code N-one},
     * the binary {@code N-sep (binary, d = ...)} or {@code exact decider}), shown by {@code witness}
     * where there is a concrete function; S is {@code FALSE}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code violated} is blank
     */
    public static Verdict notUniversal(Question question, Findings findings, String violated, Optional<Witness> witness,
            String text) {
        Objects.requireNonNull(findings, "findings");
        if (violated.isBlank()) {
            throw new IllegalArgumentException("a NOT_UNIVERSAL verdict for " + question + " must name the violated"
                    + " condition");
        }
        return new Verdict(question, Kind.NOT_UNIVERSAL, Truth.FALSE, violated,
                witness.map(Evidence::counterexample).orElse(Evidence.none()), findings, text);
    }

    /**
     * UNDETERMINED: neither proved nor refuted; {@code sufficient} is {@code FALSE} where the search for
     * S ran to its end without success, {@code UNKNOWN} where it could not run; {@code why} says why,
     * the findings what was tried.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code sufficient} is {@code TRUE} or the findings say N fails
     */
    public static Verdict undetermined(Question question, Findings findings, Truth sufficient, String why) {
        Objects.requireNonNull(findings, "findings");
        if (sufficient == Truth.TRUE || findings.necessary() == Truth.FALSE) {
            throw new IllegalArgumentException("an UNDETERMINED verdict for " + question + " with " + (sufficient
                    == Truth.TRUE ? "S true" : "N false") + " (that is decided)");
        }
        return new Verdict(question, Kind.UNDETERMINED, Objects.requireNonNull(sufficient, "sufficient"), "",
                Evidence.none(), findings, why);
    }

    /** The question answered: setting, weights, dimension. */
    public Question question() {
        return question;
    }

    /** The setting of the question. */
    public Setting setting() {
        return question.setting();
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the necessary condition N holds. */
    public Truth necessary() {
        return findings.necessary();
    }

    /** Whether the sufficient condition S holds (gadgets found and verified). */
    public Truth sufficient() {
        return sufficient;
    }

    /** The violated condition ({@code N-sep}, {@code N-aff}, {@code N-one}, {@code exact decider}) or empty. */
    public String violated() {
        return violated;
    }

    /** What the verdict rests on. */
    public Evidence evidence() {
        return evidence;
    }

    /** What the checks found on the way: N, the exact decider's results, what was tried. */
    public Findings findings() {
        return findings;
    }

    /** The counterexample of a NOT_UNIVERSAL verdict, if its evidence is one. */
    public Optional<Witness> witness() {
        return evidence instanceof Evidence.Counterexample c ? Optional.of(c.witness()) : Optional.empty();
    }

    /** The certificate of Theorem W of a UNIVERSAL verdict, if its evidence is {@link Evidence.Modular}. */
    public Optional<dev.fxnet.gadget.ModularCertificate> modular() {
        return evidence instanceof Evidence.Modular w ? Optional.of(w.certificate()) : Optional.empty();
    }

    /** The gadgets of a UNIVERSAL verdict, if its evidence is {@link Evidence.Gadgets}. */
    public Optional<Certificate> gadgets() {
        return evidence instanceof Evidence.Gadgets g ? Optional.of(g.gadgets()) : Optional.empty();
    }

    /** The theorem a UNIVERSAL verdict cites, if its evidence is {@link Evidence.Theorem}. */
    public Optional<Evidence.Theorem> theorem() {
        return evidence instanceof Evidence.Theorem t ? Optional.of(t) : Optional.empty();
    }

    /** Results of the exact decider, for the dimensions where it ran. */
    public List<DeciderResult> decided() {
        return findings.decided();
    }

    /** What was tried, in order. */
    public List<String> tried() {
        return findings.tried();
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
        dev.fxnet.arith.Arithmetic f = question.setting().arithmetic();
        sb.append("setting     ").append(question).append('\n');
        sb.append("notation    ").append(notation()).append('\n');
        sb.append("verdict     ").append(kind).append('\n');
        sb.append("necessary   ").append(necessary().spelling()).append(violated.isEmpty() ? "" : " (violated: " + violated + ")")
                .append('\n');
        sb.append("sufficient  ").append(sufficient.spelling()).append('\n');
        witness().ifPresent(w -> sb.append("witness     ").append(w.describe(f)).append('\n')
                .append("invariant   ").append(w.invariant()).append('\n'));
        gadgets().ifPresent(g -> sb.append("construction ").append(g.describe(d, f)).append('\n'));
        theorem().ifPresent(t -> {
            sb.append("theorem     ").append(t.name()).append('\n');
            t.hypotheses().forEach(h -> sb.append("hypothesis  ").append(h).append('\n'));
        });
        indicators().ifPresent(c -> sb.append("construction ").append(c.describe()).append("; in d = ").append(d)
                .append(": at most ").append(c.neuronsPerPoint(d)).append(" hidden neurons per point\n"));
        domain.ifPresent(r -> sb.append("domain      ").append(r.describe(f)).append("; ").append(r.construction())
                .append('\n'));
        modular().ifPresent(c -> sb.append("construction ").append(c.describe(question.setting().machine())).append('\n'));
        for (DeciderResult r : decided()) {
            sb.append("decider     ").append(r).append('\n');
        }
        if (kind != Kind.UNIVERSAL) { // the reasons; the summary only concludes from them
            for (String t : tried()) {
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
        if (question.setting().arithmetic() instanceof dev.fxnet.arith.FloatArithmetic a) {
            dev.fxnet.arith.FloatFormat f = a.format();
            return "numbers are values of " + f + " = " + f.generalSpelling() + " (" + a.size() + " finite values, -0 = +0;"
                    + " largest " + f.largest().toPlainString() + ", smallest positive " + a.decimal(1) + "), except where"
                    + " marked (codes: code k > 0 is the k-th smallest positive value, -k its negative); tau(z) = rho(sigma(z));"
                    + " 'n copies of w*y' is the input y listed n times with weight w";
        }
        dev.fxnet.arith.FixedPointFormat f = question.setting().fixedPoint().format();
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
        if (kind == Kind.UNIVERSAL && evidence instanceof Evidence.Modular) {
            return "Theorem W holds: with the unit above, every function of one input is an integer combination of the"
                    + " unit's shifts mod 2^n (Lemma U), so point tests, the AND and the modular output give every"
                    + " f: F^d -> F, for every d >= 1 (docs/THEORY.md §12)";
        }
        if (kind == Kind.UNIVERSAL && evidence instanceof Evidence.Indicators) {
            return "S_I holds: the detectors, NOR, normalizer and output weights above are verified on every input they"
                    + " can receive, so every f: F^d -> F, for every d >= 1, is computed by a network on every finite input"
                    + " (Theorem FS, docs/THEORY.md §15)";
        }
        if (kind == Kind.UNIVERSAL && evidence instanceof Evidence.Gadgets) {
            return "S holds: the gadgets of the construction above are verified on every input they can receive,"
                    + " so every f: F^d -> F, for every d >= 1, is computed by a network (docs/THEORY.md §3)";
        }
        if (kind == Kind.UNIVERSAL && evidence instanceof Evidence.Theorem t) {
            return "S holds by " + t.name() + ": its hypotheses, listed above, were checked for this setting, so every"
                    + " f: F^d -> F, for every d >= 1, is computed by a network (the theorem's construction, docs/THEORY.md §3)";
        }
        if (kind == Kind.NOT_UNIVERSAL) { // the reason is the last tried line, the function the witness line
            String f = witness().isPresent() ? "no network computes the function f given above" : "not every function is computed";
            return "not universal: " + (violated.startsWith("N") ? violated + " fails, so " + f
                    : violated.isEmpty() ? f : "the " + violated + " shows that " + f);
        }
        if (witness().isPresent()) { // the witness and invariant have lines of their own
            Witness witness = witness().get();
            return text.replace("; witness " + witness.describe(setting().arithmetic().minCode(), setting().arithmetic().size()),
                    "").replace(" (" + witness.invariant() + ")", "");
        }
        return text;
    }

    @Override
    public String toString() {
        return question + ": " + kind + " (N " + necessary().spelling() + ", S " + sufficient.spelling() + ") " + text;
    }
}

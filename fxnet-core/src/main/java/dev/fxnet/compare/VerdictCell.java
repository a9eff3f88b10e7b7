package dev.fxnet.compare;

import dev.fxnet.theory.Evidence;
import dev.fxnet.theory.Verdict;
import java.util.Objects;
import java.util.Optional;

/**
 * One cell of compare's verdict grid: the verdict of {@code Universality.check} for a format and an
 * activation ({@code PER_OP}, general weights), in short, or why it was not computed.
 *
 * @param format the format's short name
 * @param activation the activation's name
 * @param kind the verdict, empty when it was not computed
 * @param reason a short reason: the evidence of a verdict, or why none was computed
 * @param domain the inputs on which every function is represented, where known
 */
public record VerdictCell(String format, String activation, Optional<Verdict.Kind> kind, String reason,
        Optional<String> domain) {
    /** The most characters of a reason taken from a verdict's text. */
    static final int REASON_CHARS = 110;

    public VerdictCell {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(domain, "domain");
    }

    /** The cell of a computed verdict. */
    public static VerdictCell of(String format, String activation, Verdict v) {
        return new VerdictCell(format, activation, Optional.of(v.kind()), reason(v), domain(v));
    }

    /** A cell whose verdict was not computed, and why. */
    public static VerdictCell skipped(String format, String activation, String why) {
        return new VerdictCell(format, activation, Optional.empty(), why, Optional.empty());
    }

    /** The verdict's name, or {@code —} when it was not computed. */
    public String kindText() {
        return kind.map(Enum::name).orElse("—");
    }

    /**
     * The domain of a verdict where it is known: the verdict's own {@link Verdict#domain()} (float settings:
     * {@code |x| <= r}, the largest symmetric interval on which every function is represented, verified, or
     * every finite value), else {@code all finite} for a UNIVERSAL verdict (which means exactly that), else
     * nothing.
     */
    static Optional<String> domain(Verdict v) {
        if (v.domain().isPresent()) {
            dev.fxnet.theory.Domain d = v.domain().get();
            return Optional.of(d.wholeFormat() ? "all finite" : "|x| <= " + d.radius().toPlainString());
        }
        return v.kind() == Verdict.Kind.UNIVERSAL ? Optional.of("all finite") : Optional.empty();
    }

    /** The evidence in a few words (UNIVERSAL), the violated condition (NOT_UNIVERSAL), or the text cut short. */
    static String reason(Verdict v) {
        if (v.kind() == Verdict.Kind.UNIVERSAL) {
            Evidence e = v.evidence();
            if (e instanceof Evidence.Gadgets) {
                return "S holds: verified gadgets";
            }
            if (e instanceof Evidence.Theorem t) {
                return "S holds by " + t.name();
            }
            if (e instanceof Evidence.Modular) {
                return "S holds: Theorem W (modular construction)";
            }
            if (e instanceof Evidence.Indicators) {
                return "S_I holds: verified indicator certificate (Theorem FS)";
            }
            if (e instanceof Evidence.VerifiedNetwork) {
                return "verified network";
            }
        }
        if (v.kind() == Verdict.Kind.NOT_UNIVERSAL && !v.violated().isEmpty()) {
            return "fails " + v.violated();
        }
        return v.text(REASON_CHARS).replace('\n', ' ');
    }
}

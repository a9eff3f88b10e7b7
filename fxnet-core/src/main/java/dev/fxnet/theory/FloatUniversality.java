package dev.fxnet.theory;

import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.gadget.DomainIndicatorSearch;
import dev.fxnet.gadget.IndicatorCertificate;
import dev.fxnet.gadget.IndicatorGadgets;
import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.Question;
import dev.fxnet.gadget.ScaledDetectors;
import java.util.List;
import java.util.Optional;

/**
 * The floating-point part of {@link Universality} (docs/THEORY.md §15): the
 * sufficient condition S_I (Theorem FS), built from the compiler's indicator gadgets
 * ({@link IndicatorGadgets}) and verified on every code by {@link IndicatorCertificate#verify}, and the
 * domain {@code [-r, r]} of a verdict ({@link Domain}). N (Theorem 1) runs unchanged on float codes.
 */
final class FloatUniversality {
    /** The fan-in the indicator gadgets are searched for; it does not matter under saturation (Theorem FS). */
    private static final int FAN_IN = 2;

    private FloatUniversality() {
    }

    /** The most finite values of a float format the checks tabulate (the compiler's limit, |F|^2 work per scale). */
    static final long MAX_CODES = 2048;

    /**
     * An UNDETERMINED verdict, without tabulating anything, for a float format with more than
     * {@value #MAX_CODES} finite values (binary16, bfloat16); empty otherwise.
     */
    static Optional<Verdict> tooLarge(Question question) {
        long size = question.setting().arithmetic().size();
        if (size <= MAX_CODES) {
            return Optional.empty();
        }
        String why = "floating-point format with " + size + " finite values: the float checks (N-sep, S_I) tabulate"
                + " operations on F and run for at most " + MAX_CODES + " values";
        return Optional.of(Verdict.undetermined(question, new Findings(Truth.UNKNOWN, List.of(), List.of(why)), Truth.UNKNOWN,
                why));
    }

    /** Whether the question is about a floating-point setting with general weights. */
    static boolean applies(Question q) {
        return q.setting().arithmetic() instanceof FloatArithmetic && !q.binary();
    }

    /**
     * S_I on the whole format: UNIVERSAL citing the verified certificate (domain: every finite value),
     * or empty with what was tried added to {@code tried}.
     */
    static Optional<Verdict> sufficient(Question question, Machine m, List<DeciderResult> decided, List<String> tried) {
        if (!m.arithmetic().saturates()) {
            tried.add("S_I (Theorem FS): needs a saturating arithmetic (SATFINITE or FINITE specials)");
            return Optional.empty();
        }
        IndicatorCertificate.Outcome c = ScaledDetectors.search(m);
        if (c.certificate().isEmpty()) {
            tried.add("S_I (Theorem FS) from scaled detectors: " + c.failure());
            IndicatorGadgets.Outcome g = IndicatorGadgets.search(m, FAN_IN);
            if (g.gadgets().isEmpty()) {
                tried.add("S_I (Theorem FS): indicator gadgets not found: " + g.refusal());
                return Optional.empty();
            }
            c = IndicatorCertificate.verify(m, IndicatorCertificate.partsOf(g.gadgets().get()));
            if (c.certificate().isEmpty()) {
                tried.add("S_I (Theorem FS): the indicator gadgets fail verification: " + c.failure());
                return Optional.empty();
            }
        }
        IndicatorCertificate cert = c.certificate().get();
        tried.add("S_I (Theorem FS): holds, " + cert.describe());
        // S_I implies universality, hence N, also where N-sep was not tabulated (|F| > 512), as for fixed point
        Verdict v = Verdict.universal(question, new Findings(Truth.TRUE, decided, tried), Evidence.indicators(cert), "S_I holds (Theorem FS,"
                + " docs/THEORY.md §15): " + cert.describe());
        return Optional.of(v.withDomain(whole(m, "the certificate S_I, verified on every code")));
    }

    /** The domain of every finite value. */
    private static Domain whole(Machine m, String construction) {
        return new Domain(m.max(), m.arithmetic().value(m.max()), true, Optional.empty(), construction);
    }

    /**
     * The verdict with its domain: the whole format for UNIVERSAL; for NOT_UNIVERSAL, where N-sep
     * fails, the largest symmetric domain below the first inseparable pair, when S_I is verified on it
     * (or it is {@code {0}}); the verdict unchanged otherwise (a line in {@code tried} says why).
     */
    static Verdict withDomain(Verdict v) {
        if (v.domain().isPresent() || v.kind() == Verdict.Kind.UNDETERMINED) {
            return v;
        }
        Machine m = v.setting().machine();
        if (v.kind() == Verdict.Kind.UNIVERSAL) {
            return v.withDomain(whole(m, v.indicators().isPresent() ? "the certificate S_I, verified on every code"
                    : "the verdict's construction (" + v.evidence().getClass().getSimpleName() + ")"));
        }
        if (m.size() > NecessaryCondition.SEP_LIMIT) {
            return v.withTried("domain: not computed (N-sep on domains is checked for |F| <= "
                    + NecessaryCondition.SEP_LIMIT + ")");
        }
        long[] pair = stoppingPair(m);
        if (pair == null) {
            return v.withTried("domain: N-sep holds on all of F, so no symmetric domain is cut off by an"
                    + " inseparable pair; the verdict rests on " + v.violated() + ", and no smaller domain was searched");
        }
        long r = Math.max(Math.abs(pair[0]), Math.abs(pair[1])) - 1;
        if (r == 0) {
            return v.withDomain(new Domain(0, java.math.BigDecimal.ZERO, false, Optional.of(pair),
                    "the domain {0}: every function on {0}^d is a constant, the bias of an output neuron"));
        }
        IndicatorCertificate.Outcome c = DomainIndicatorSearch.search(m, r);
        if (c.certificate().isEmpty()) {
            return v.withTried("domain: N-sep holds on |x| <= " + m.dec(r) + " (the pair " + m.dec(pair[0]) + ", "
                    + m.dec(pair[1]) + " stops it), but S_I was not found there: " + c.failure());
        }
        return v.withDomain(new Domain(r, m.arithmetic().value(r), false, Optional.of(pair), c.certificate().get().describe()));
    }

    /**
     * The inseparable pair {@code u != u'} with the least {@code max(|u|, |u'|)} (ties: the least
     * other member), or null when N-sep holds: below it every pair of the symmetric domain is separated.
     */
    static long[] stoppingPair(Machine m) {
        int[] cls = NecessaryCondition.separationClasses(m, false);
        long[] best = null;
        for (long k = 1; k <= m.max() && best == null; k++) {
            for (long u : new long[] {-k, k}) {
                for (long u2 = -k; u2 <= k && best == null; u2++) {
                    if (u2 != u && m.contains(u) && m.contains(u2) && cls[(int) (u - m.min())] == cls[(int) (u2 - m.min())]) {
                        best = new long[] {Math.min(u, u2), Math.max(u, u2)};
                    }
                }
            }
        }
        return best;
    }
}

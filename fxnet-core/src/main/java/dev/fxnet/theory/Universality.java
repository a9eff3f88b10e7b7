package dev.fxnet.theory;

import dev.fxnet.gadget.Certificate;
import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.ModularSearch;
import dev.fxnet.gadget.Question;
import dev.fxnet.gadget.Setting;
import dev.fxnet.construct.CompileOptions;
import dev.fxnet.construct.Compiler;
import dev.fxnet.construct.binary.BinaryNetwork;
import dev.fxnet.target.FunctionTable;
import dev.fxnet.gadget.GadgetSearch;
import dev.fxnet.arith.Accumulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides universal representation for a {@link Setting} (SPEC §7) from the theorems of
 * docs/THEORY.md:
 * <ol>
 *   <li>N fails ({@link NecessaryCondition}) &rArr; NOT_UNIVERSAL, with the witness; likewise the
 *       sharper N-mono ({@link MonotoneCondition}, general weights);</li>
 *   <li>for tiny settings the {@link ExactDecider} runs at {@code d = 1, 2}; a non-representable
 *       function there &rArr; NOT_UNIVERSAL;</li>
 *   <li>S holds ({@link GadgetSearch} finds gadgets, all verified) &rArr; UNIVERSAL for every {@code d}; where
 *       the hypotheses of Theorem Z hold (N and a zero of tau, SATURATE, {@code p >= 1}; docs/THEORY.md §10)
 *       the verdict also cites it; above the search limit ({@code |F| > GadgetSearch.LIMIT}, up to
 *       {@code p + q = 30}) first {@link SaturationTheorem} (Theorem P, no table over F) &rArr; UNIVERSAL citing it;</li>
 *   <li>floating point (general weights): first S_I ({@link FloatUniversality}, Theorem FS of
 *       docs/THEORY.md §15), and every float verdict carries its {@link Verdict#domain()};</li>
 *   <li>otherwise UNDETERMINED, listing what was tried.</li>
 * </ol>
 * Binary weights ({@link #check(Question)}): the verdict is about one dimension {@code d}: N with
 * weights {@code +-1}, binary N-sep on {@code F^d} ({@link BinarySeparation}), then for
 * {@code d <= 2} the binary construction compiled and verified (docs/THEORY.md §6); for
 * {@code d >= 3} binary N-sep lifted from {@code F^2} and the feature step construction
 * ({@link BinaryHighDimension}, docs/THEORY.md §13).
 */
public final class Universality {
    /** Formats with more values are answered UNDETERMINED without tabulating anything. */
    public static final long MAX_CHECKED_SIZE = 1L << 16;

    private Universality() {
    }

    /** The verdict for a setting with general weights (about every dimension). */
    public static Verdict check(Setting setting) {
        return check(Question.of(setting));
    }

    /**
     * The verdict for a question. General weights: about every dimension ({@code dims} is not used).
     * Binary weights: about dimension {@code dims}, since the dense first layer makes the answer
     * depend on it (docs/THEORY.md §6): N with weights {@code +-1}, then binary N-sep on
     * {@code F^dims} ({@link BinarySeparation}), then for {@code dims <= 2} the binary construction
     * (compiled and verified on a table that takes every value); for {@code dims >= 3} N-sep lifted
     * from {@code F^2} and the feature step construction ({@link BinaryHighDimension}).
     */
    public static Verdict check(Question question) {
        Objects.requireNonNull(question, "question");
        if (FloatUniversality.applies(question)) {
            return FloatUniversality.tooLarge(question).orElseGet(() -> FloatUniversality.withDomain(decide(question)));
        }
        return decide(question);
    }

    private static Verdict decide(Question question) {
        Setting setting = question.setting();
        long size = setting.arithmetic().size();
        List<String> tried = new ArrayList<>();
        if (size > GadgetSearch.LIMIT) {
            Optional<Verdict> large = aboveTheSearch(question, size, tried);
            if (large.isPresent()) {
                return large.get();
            }
        }
        if (!setting.arithmetic().saturates() && !setting.arithmetic().wraps()) {
            tried.add("nothing: the arithmetic leaves its finite values (infinities or NaN), and the finite checks"
                    + " tabulate operations on them");
            return Verdict.undetermined(question, new Findings(Truth.UNKNOWN, List.of(), tried), Truth.UNKNOWN,
                    "not decided for an arithmetic with infinities or NaN (" + setting.arithmetic() + ")");
        }
        Machine m = setting.machine();
        List<DeciderResult> decided = new ArrayList<>();
        if (m.size() == 1 && !question.binary()) {
            return Verdict.universal(question, Findings.of(Truth.TRUE), Evidence.none(),
                    "F = {0}: the only function of any dimension is 0, the bias-only output neuron");
        }
        NecessaryCondition.Result n = NecessaryCondition.check(m, question.binary());
        tried.add("N: " + n);
        if (n.holds() == Truth.FALSE) {
            return Verdict.notUniversal(question, new Findings(Truth.FALSE, decided, tried), n.part(), n.witness(),
                    n.explanation() + n.witness().map(w -> "; witness " + w.describe(m.min(), m.size())).orElse(""));
        }
        if (!question.binary()) {
            NecessaryCondition.Result mono = MonotoneCondition.check(m);
            if (mono.holds() == Truth.UNKNOWN) {
                tried.add(mono.explanation());
            }
            if (mono.holds() == Truth.FALSE) {
                tried.add(MonotoneCondition.NAME + ": FALSE");
                return Verdict.notUniversal(question, new Findings(Truth.FALSE, decided, tried), mono.part(), mono.witness(),
                        MonotoneCondition.NAME + " fails (Theorem M, docs/THEORY.md §10): witness " + mono.witness()
                        .orElseThrow().describe(m.min(), m.size()) + "; " + mono.explanation());
            }
        }
        if (!question.binary() && setting.accumulation() == Accumulation.PER_OP) {
            Optional<Verdict> refuted = exactDecider(question, m, n, decided, tried);
            if (refuted.isPresent()) {
                return refuted.get();
            }
        }
        if (question.binary()) {
            return binary(question, m, n, decided, tried);
        }
        if (ModularSearch.applies(m)) {
            Optional<Verdict> w = wrap(question, m, decided, tried);
            if (w.isPresent()) {
                return w.get();
            }
        }
        if (FloatUniversality.applies(question)) { // S_I, Theorem FS (docs/THEORY.md §15)
            Optional<Verdict> f = FloatUniversality.sufficient(question, m, decided, tried);
            if (f.isPresent()) {
                return f.get();
            }
        }
        GadgetSearch.Outcome s = GadgetSearch.search(m);
        tried.addAll(s.tried());
        if (s.gadgets().isPresent()) {
            Certificate g = s.gadgets().get();
            String z = theoremZ(m, tried);
            return Verdict.universal(question, new Findings(Truth.TRUE, decided, tried), Evidence.gadgets(g),
                    "S holds: " + g.describe(1) + z);
        }
        return lifted(question, m, decided, tried).orElseGet(() -> undetermined(question, m, n, s, decided, tried));
    }

    /** The verdict when N holds and S is not found: UNDETERMINED, with what was tried. */
    private static Verdict undetermined(Question question, Machine m, NecessaryCondition.Result n, GadgetSearch.Outcome s,
            List<DeciderResult> decided, List<String> tried) {
        boolean searched = m.size() <= GadgetSearch.LIMIT;
        String dec = decided.isEmpty() ? "" : "; exact decider: universal at d <= " + decided.size()
                + " (all d not proved)";
        return Verdict.undetermined(question, new Findings(n.holds(), decided, tried),
                searched ? Truth.FALSE : Truth.UNKNOWN, "N " + n.holds().spelling() + "; S: " + String.join("; ", s.tried()) + dec);
    }

    /**
     * Above the gadget search: Theorem P for general weights (a theorem for all formats, no table over F); UNDETERMINED
     * when it does not apply and the format is too large to tabulate; empty when the finite checks
     * below still run.
     */
    private static Optional<Verdict> aboveTheSearch(Question question, long size, List<String> tried) {
        if (!question.binary()) {
            SaturationTheorem.Result t = SaturationTheorem.check(question.setting());
            if (t.holds()) {
                tried.add(SaturationTheorem.NAME + ": holds");
                return Optional.of(Verdict.universal(question, new Findings(Truth.TRUE, List.of(), tried),
                        Evidence.theorem(SaturationTheorem.NAME, t.hypotheses()), "S holds by " + SaturationTheorem.NAME
                        + " (checked without tabulating F): " + String.join("; ", t.hypotheses())));
            }
            tried.add(SaturationTheorem.NAME + ": does not apply (" + t.reason() + ")");
        }
        if (size <= MAX_CHECKED_SIZE) {
            return Optional.empty();
        }
        tried.add("nothing else: |F| = " + size + " > " + MAX_CHECKED_SIZE + "; the finite checks N (|F| <= "
                + "512) and S (|F| <= " + GadgetSearch.LIMIT + ") tabulate the arithmetic on F");
        return Optional.of(Verdict.undetermined(question, new Findings(Truth.UNKNOWN, List.of(), tried), Truth.UNKNOWN,
                "format too large for fxnet's finite checks (|F| = " + size + " > " + MAX_CHECKED_SIZE
                + ") and " + SaturationTheorem.NAME + " does not apply; verdicts are computed for p + q <= 10 in"
                + " practice, and up to p + q = 30 where the theorem applies"));
    }

    /**
     * Where Theorem Z (docs/THEORY.md §10: N and a zero of tau imply universal, under SATURATE
     * with {@code p >= 1}) covers a setting, its plan is built and verified; the verdict then cites it
     * beside the certificate of S. Returns the citation for the verdict's text, empty where it does not apply.
     */
    private static String theoremZ(Machine m, List<String> tried) {
        // Theorem Z is stated and proved for fixed-point formats (p >= 1); a float verdict does not cite it
        if (!(m.arithmetic() instanceof dev.fxnet.arith.FixedPointArithmetic) || !m.arithmetic().saturates()
                || m.one().isEmpty() || m.size() > dev.fxnet.gadget.ZeroTests.LIMIT) {
            return "";
        }
        dev.fxnet.construct.ZeroConstruction.Outcome z = dev.fxnet.construct.ZeroConstruction.plan(m);
        if (z.plan().isEmpty()) {
            return "";
        }
        tried.add("Theorem Z (N and a zero of tau, docs/THEORY.md §10) applies: " + z.plan().get().describe());
        return "; also by Theorem Z (N and a zero of tau imply universal, docs/THEORY.md §10)";
    }

    /**
     * Theorem L for a float setting S does not settle ({@link ClosureLifting}: exhaustive closures over
     * tiny domains, {@code |F| <= 7}); empty where it does not apply. Fixed-point settings do not use it.
     */
    private static Optional<Verdict> lifted(Question question, Machine m, List<DeciderResult> decided, List<String> tried) {
        if (m.arithmetic() instanceof dev.fxnet.arith.FixedPointArithmetic || !ClosureLifting.feasible(m)) {
            return Optional.empty();
        }
        Optional<ClosureLifting.Plan> plan = ClosureLifting.find(m);
        tried.add(ClosureLifting.NAME + (plan.isPresent() ? ": holds" : ": no plan within its limits"));
        return plan.map(p -> Verdict.universal(question, new Findings(Truth.TRUE, decided, tried),
                Evidence.theorem(ClosureLifting.NAME, p.hypotheses(m)), "universal by " + ClosureLifting.NAME + ": "
                + String.join("; ", p.hypotheses(m)) + "; " + p.hiddenLayers(1) + " hidden layers at d = 1"));
    }

    /**
     * Two's complement WRAP: the gadgets of the routes R1 to R4 when they cover every threshold (the
     * certificate the full search finds), else the certificate of Theorem W (docs/THEORY.md §12); empty
     * when neither exists, and the full search (with R5, R6) runs next.
     */
    private static Optional<Verdict> wrap(Question question, Machine m, List<DeciderResult> decided, List<String> tried) {
        if (m.size() <= GadgetSearch.LIMIT) {
            GadgetSearch.Outcome quick = GadgetSearch.searchWithoutChains(m);
            if (quick.gadgets().isPresent()) {
                tried.addAll(quick.tried());
                Certificate g = quick.gadgets().get();
                return Optional.of(Verdict.universal(question, new Findings(Truth.TRUE, decided, tried), Evidence.gadgets(g),
                        "S holds: " + g.describe(1)));
            }
        }
        ModularSearch.Outcome w = ModularSearch.search(m);
        tried.addAll(w.tried());
        return w.certificate().map(c -> Verdict.universal(question, new Findings(Truth.TRUE, decided, tried),
                Evidence.modular(c), "Theorem W holds: " + c.describe(m)));
    }

    /** The exact decider at {@code d = 1, 2} where feasible: a NOT_UNIVERSAL verdict if it finds a function no network computes. */
    private static Optional<Verdict> exactDecider(Question question, Machine m, NecessaryCondition.Result n,
            List<DeciderResult> decided, List<String> tried) {
        for (int d = 1; d <= 2; d++) {
            if (ExactDecider.feasible(m, d, ExactDecider.ROUTINE_FUNCTIONS)) {
                DeciderResult r = ExactDecider.decide(m, d);
                decided.add(r);
                tried.add("exact decider: " + r);
                if (!r.universal()) {
                    Witness w = Witness.of(d, r.witness().orElseThrow(), "exhaustive closure over layers (ExactDecider):"
                            + " only " + r.representable() + " of " + r.totalFunctions()
                            + " functions are computed by some network, and this is not one of them");
                    return Optional.of(Verdict.notUniversal(question, new Findings(n.holds(), decided, tried),
                            "exact decider", Optional.of(w), "exact decider at d = " + d + ": " + r.representable()
                            + " of " + r.totalFunctions() + " functions representable; witness "
                            + w.describe(m.min(), m.size())));
                }
            }
        }
        return Optional.empty();
    }

    /** How the description of a network built by the saturated sign construction (Theorem B8) begins. */
    private static final String SATURATED = "binary saturated sign construction";
    private static final String BIT_SLICES = "binary bit slices";

    /** Why one verified binary network proves universality in its dimension: 1 the dimension, 2 the size line, 3 the points verified. */
    private static final String BINARY_ARGUMENT = """
            the binary construction (docs/THEORY.md §6) built and verified on all %3$d points the network for \
            f(x) = x0 (M where x0 = 0), which is nonzero at every point and takes every nonzero value; its layers \
            before the point layer are planned over all of F^%1$d whatever the table, and its point neurons (with \
            value neurons, or with biases chosen per value in the coordinate sign construction) give every code, so \
            for every f: F^%1$d -> F the same layers with the point neurons of f's nonzero points (and the value \
            neurons or output signs f's values take) compute f (Theorems B2 to B4; %2$s)""";

    /** The argument of a binary verdict whose network the bit-slice construction built (docs/BINARY-COMPACT.md). */
    private static final String BIT_SLICE_ARGUMENT = """
            the bit-slice construction (docs/BINARY-COMPACT.md, Theorem S) built and verified on all %3$d points the \
            network for f(x) = x0 (M where x0 = 0); its layers before the indicator layer do not depend on the table \
            and passed their finite checks (pieces and digit pairs on every value of a coordinate), and by Theorem S \
            the indicator, slice and output layers it builds compute every f: F^%1$d -> F (%2$s)""";

    private static Verdict binary(Question question, Machine m, NecessaryCondition.Result n,
            List<DeciderResult> decided, List<String> tried) {
        int dims = question.dims();
        String where = "binary weights, d = " + dims + ": ";
        if (dims >= 3) {
            return highDimension(question, m, n, decided, tried);
        }
        if (dims >= 2) {
            if (BinarySeparation.feasible(m, dims)) {
                Optional<long[]> pair = BinarySeparation.unseparated(m, dims);
                if (pair.isPresent()) {
                    Witness w = BinarySeparation.witness(m, dims, pair.get());
                    tried.add("binary N-sep on F^" + dims + ": fails");
                    return Verdict.notUniversal(question, new Findings(Truth.FALSE, decided, tried),
                            "N-sep (binary, d = " + dims + ")", Optional.of(w), where + "two points of F^" + dims
                            + " are not separated by any binary first-layer neuron; witness " + w.describe(m.min(), m.size())
                            + " (" + w.invariant() + ")");
                }
                tried.add("binary N-sep on F^" + dims + ": holds (all " + m.size() + " biases, sign patterns and orders)");
            } else {
                tried.add("binary N-sep on F^" + dims + ": not checked (|F|^d > " + BinarySeparation.MAX_POINTS + ")");
            }
        }
        Setting setting = question.setting();
        long nonZero = m.max();
        FunctionTable all = FunctionTable.fromCodes(setting.fixedPoint().format(), dims, x -> x[0] != 0 ? x[0] : nonZero);
        try {
            Compiler.Result r = Compiler.compile(all, setting, CompileOptions.defaults().withBinaryWeights(true));
            tried.add("binary construction: " + r.gadgets());
            String argument = BINARY_ARGUMENT.formatted(dims, r.size().line(), r.verification().points());
            if (r.gadgets().startsWith(BIT_SLICES)) {
                argument = BIT_SLICE_ARGUMENT.formatted(dims, r.size().line(), r.verification().points());
            }
            if (r.gadgets().startsWith(SATURATED)) {
                argument = argument.replace("(Theorems B2 to B4; ", "(Theorem B8 of docs/THEORY.md §13.1.5, the"
                        + " saturated sign construction, whose point neurons are far indicators; ");
            }
            return Verdict.universal(question, new Findings(n.holds(), decided, tried),
                    Evidence.verifiedNetwork(r.network(), r.gadgets(), r.verification().points()), where + argument);
        } catch (IllegalArgumentException e) {
            tried.add("binary construction: " + e.getMessage());
            return Verdict.undetermined(question, new Findings(n.holds(), decided, tried), Truth.UNKNOWN,
                    where + "N holds with weights +-1; the binary construction failed: " + e.getMessage());
        }
    }

    /**
     * Binary weights in dimension {@code d >= 3} (docs/THEORY.md §13): binary N-sep in
     * {@code F^2} lifted by zeros (Theorem B6) and in {@code F^d}, where it runs; then the feature
     * step construction (Theorem B5), in {@code d = 3} else the coordinate sign construction
     * (docs/THEORY.md §13.1, Theorem B7), compiled for a table that takes every nonzero value
     * and checked ({@link BinaryHighDimension}).
     */
    private static Verdict highDimension(Question question, Machine m, NecessaryCondition.Result n,
            List<DeciderResult> decided, List<String> tried) {
        int d = question.dims();
        String where = "binary weights, d = " + d + ": ";
        Optional<BinaryHighDimension.Pair> pair = BinaryHighDimension.liftedPair(m, d);
        if (pair.isPresent()) {
            BinaryHighDimension.Pair p = pair.get();
            Optional<Witness> w = BinaryHighDimension.witness(m, d, p);
            tried.add("binary N-sep on F^" + p.dims() + ": fails");
            long[] a = new long[p.dims()];
            long[] b = new long[p.dims()];
            BinarySeparation.point(p.first(), (int) m.size(), m.min(), a);
            BinarySeparation.point(p.second(), (int) m.size(), m.min(), b);
            return Verdict.notUniversal(question, new Findings(Truth.FALSE, decided, tried),
                    "N-sep (binary, d = " + d + ", lifted from d = " + p.dims() + ")", w, where + "the points "
                    + BinaryHighDimension.describe(m, a, d) + " and " + BinaryHighDimension.describe(m, b, d)
                    + " of F^" + d + " are not separated by any binary first-layer neuron (in F^" + p.dims()
                    + " by enumeration; the " + (d - p.dims()) + " added coordinates are 0 at both, and a listed input 0 adds"
                    + " nothing, docs/THEORY.md §13 Theorem B6), so no binary network computes the indicator of the first"
                    + w.map(x -> "; witness " + x.describe(m.min(), m.size())).orElse(""));
        }
        tried.add("binary N-sep on F^2" + (BinarySeparation.feasible(m, d) ? " and F^" + d : "") + ": holds"
                + (BinarySeparation.feasible(m, d) ? "" : " (F^" + d + " not checked: |F|^d > " + BinarySeparation.MAX_POINTS + ")"));
        BinaryHighDimension.Checked c = BinaryHighDimension.compileAndCheck(m, d);
        if (c.network().isEmpty()) {
            String routes = d == 3 ? "binary feature step and coordinate sign constructions"
                    : "binary feature step construction";
            tried.add(routes + ": " + c.refusal());
            return Verdict.undetermined(question, new Findings(n.holds(), decided, tried), Truth.UNKNOWN,
                    where + "N holds with weights +-1; the " + routes + " failed: " + c.refusal());
        }
        BinaryNetwork b = c.network().get();
        tried.add("binary construction: " + b.gadgets());
        boolean signs = b.gadgets().startsWith("binary coordinate sign construction");
        boolean saturated = b.gadgets().startsWith(SATURATED);
        String theorem = saturated ? "Theorem B8" : signs ? "Theorem B7" : "Theorem B5";
        long total = (long) Math.pow(m.size(), d);
        String checked = c.everyPoint() ? "verified on all " + total + " points"
                : "checked on " + c.points() + " of the " + total + " points (every nonzero point of the table and a fixed"
                + " pseudo-random sample; the whole grid would take more than " + BinaryHighDimension.FULL_BUDGET
                + " weight-operations), exact on every point by " + theorem + ", whose hypotheses the construction checks"
                + " on every point of F^" + d;
        return Verdict.universal(question, new Findings(n.holds(), decided, tried),
                Evidence.verifiedNetwork(b.network(), b.gadgets(), c.points()),
                where + (saturated ? "the binary saturated sign construction (docs/THEORY.md §13.1.5, Theorem B8)"
                : signs ? "the binary coordinate sign construction in d = 3 (docs/THEORY.md §13.1, Theorem B7)"
                : "the binary feature step construction (docs/THEORY.md §13, Theorem B5)") + " built the network for"
                + " a table that takes every nonzero value at one point each, " + checked + "; " + sizeLine(b.network().size())
                + ". Every layer before the point layer is the same for every table, and the point neurons of any f:"
                + " F^" + d + " -> F read their point's wrong indicators and take their biases from f(x), so every f is"
                + " computed");
    }

    private static String sizeLine(dev.fxnet.network.NetworkSize z) {
        return z.neurons() + " neurons, depth " + z.depth() + ", " + z.parameters() + " parameters";
    }
}

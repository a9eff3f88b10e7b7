package dev.fxnet.theory;

import dev.fxnet.arith.Accumulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides universal representation for a {@link Setting} (SPEC §7) from the theorems of
 * docs/THEORY.md:
 * <ol>
 *   <li>N fails ({@link NecessaryCondition}) &rArr; NOT_UNIVERSAL, with the witness;</li>
 *   <li>for tiny settings the {@link ExactDecider} runs at {@code d = 1, 2}; a non-representable
 *       function there &rArr; NOT_UNIVERSAL;</li>
 *   <li>S holds ({@link GadgetSearch} finds gadgets, all verified) &rArr; UNIVERSAL for every {@code d};</li>
 *   <li>otherwise UNDETERMINED, listing what was tried.</li>
 * </ol>
 * Binary weights ({@link #check(Setting, int)}): the verdict is about one dimension {@code d}: N with
 * weights {@code +-1}, binary N-sep on {@code F^d} ({@link BinarySeparation}), then for
 * {@code d <= 2} the binary construction compiled and verified (docs/THEORY.md §6).
 */
public final class Universality {
    /** Formats with more values are answered UNDETERMINED without tabulating anything. */
    public static final long MAX_CHECKED_SIZE = 1L << 16;

    private Universality() {
    }

    /** The verdict for a setting; for binary weights, in dimension 1 (see {@link #check(Setting, int)}). */
    public static Verdict check(Setting setting) {
        return check(setting, 1);
    }

    /**
     * The verdict for a setting. General weights: about every dimension ({@code dims} is not used).
     * Binary weights: about dimension {@code dims}, since the dense first layer makes the answer
     * depend on it (docs/THEORY.md §6): N with weights {@code +-1}, then binary N-sep on
     * {@code F^dims} ({@link BinarySeparation}), then for {@code dims <= 2} the binary construction
     * (compiled and verified on a table that takes every value).
     *
     * @throws IllegalArgumentException if {@code dims < 1}
     */
    public static Verdict check(Setting setting, int dims) {
        Objects.requireNonNull(setting, "setting");
        if (dims < 1) {
            throw new IllegalArgumentException("dims must be >= 1, was " + dims);
        }
        long size = setting.arithmetic().size();
        if (size > MAX_CHECKED_SIZE) {
            List<String> tried = List.of("nothing: |F| = " + size + " > " + MAX_CHECKED_SIZE + "; the finite checks N (|F| <= "
                    + "512) and S (|F| <= " + GadgetSearch.LIMIT + ") tabulate the arithmetic on F");
            return Verdict.undetermined(setting, new Findings(Truth.UNKNOWN, List.of(), tried), Truth.UNKNOWN, "format too large for fxnet's finite checks (|F| = " + size + " > "
                    + MAX_CHECKED_SIZE + "); verdicts are computed for p + q <= 10 in practice");
        }
        CodeMachine m = setting.machine();
        List<String> tried = new ArrayList<>();
        List<DeciderResult> decided = new ArrayList<>();
        if (m.size() == 1 && !setting.binary()) {
            return Verdict.universal(setting, Findings.of(Truth.TRUE), Evidence.none(),
                    "F = {0}: the only function of any dimension is 0, the bias-only output neuron");
        }
        NecessaryCondition.Result n = NecessaryCondition.check(m, setting.binary());
        tried.add("N: " + n);
        if (n.holds() == Truth.FALSE) {
            return Verdict.notUniversal(setting, new Findings(Truth.FALSE, decided, tried), n.part(), n.witness(),
                    n.explanation()
                    + n.witness().map(w -> "; witness " + w.describe(m.min(), m.size())).orElse(""));
        }
        if (!setting.binary() && setting.accumulation() == Accumulation.PER_OP) {
            for (int d = 1; d <= 2; d++) {
                if (ExactDecider.feasible(m, d, ExactDecider.ROUTINE_FUNCTIONS)) {
                    DeciderResult r = ExactDecider.decide(m, d);
                    decided.add(r);
                    tried.add("exact decider: " + r);
                    if (!r.universal()) {
                        Witness w = Witness.of(d, r.witness().orElseThrow(), "exhaustive closure over layers (ExactDecider):"
                                + " only " + r.representable() + " of " + r.totalFunctions()
                                + " functions are computed by some network, and this is not one of them");
                        return Verdict.notUniversal(setting, new Findings(n.holds(), decided, tried), "exact decider",
                                Optional.of(w), "exact decider at d = " + d + ": "
                                + r.representable() + " of " + r.totalFunctions() + " functions representable; witness "
                                + w.describe(m.min(), m.size()));
                    }
                }
            }
        }
        if (setting.binary()) {
            return binary(setting, m, n, dims, decided, tried);
        }
        GadgetSearch.Outcome s = GadgetSearch.search(m);
        tried.addAll(s.tried());
        if (s.gadgets().isPresent()) {
            GadgetSet g = s.gadgets().get();
            return Verdict.universal(setting, new Findings(Truth.TRUE, decided, tried), Evidence.gadgets(g),
                    "S holds: " + g.describe(1));
        }
        boolean searched = m.size() <= GadgetSearch.LIMIT;
        String dec = decided.isEmpty() ? "" : "; exact decider: universal at d <= " + decided.size()
                + " (all d not proved)";
        return Verdict.undetermined(setting, new Findings(n.holds(), decided, tried),
                searched ? Truth.FALSE : Truth.UNKNOWN, "N " + n.holds().spelling() + "; S: " + String.join("; ", s.tried()) + dec);
    }

    private static Verdict binary(Setting setting, CodeMachine m, NecessaryCondition.Result n, int dims,
            List<DeciderResult> decided, List<String> tried) {
        String where = "binary weights, d = " + dims + ": ";
        if (dims >= 2) {
            if (BinarySeparation.feasible(m, dims)) {
                Optional<long[]> pair = BinarySeparation.unseparated(m, dims);
                if (pair.isPresent()) {
                    Witness w = BinarySeparation.witness(m, dims, pair.get());
                    tried.add("binary N-sep on F^" + dims + ": fails");
                    return Verdict.notUniversal(setting, new Findings(Truth.FALSE, decided, tried),
                            "N-sep (binary, d = " + dims + ")", Optional.of(w), where + "two points of F^" + dims
                            + " are not separated by any binary first-layer neuron; witness " + w.describe(m.min(), m.size())
                            + " (" + w.invariant() + ")");
                }
                tried.add("binary N-sep on F^" + dims + ": holds (all " + m.size() + " biases, sign patterns and orders)");
            } else {
                tried.add("binary N-sep on F^" + dims + ": not checked (|F|^d > " + BinarySeparation.MAX_POINTS + ")");
            }
        }
        if (dims > 2) {
            tried.add("binary construction: implemented for d <= 2 only");
            return Verdict.undetermined(setting, new Findings(n.holds(), decided, tried), Truth.UNKNOWN,
                    where + "N holds with weights +-1; fxnet's binary construction covers d <= 2 only");
        }
        dev.fxnet.construct.Setting cs = dev.fxnet.construct.Setting.of(setting.arithmetic(), setting.accumulation(),
                setting.activation());
        long nonZero = setting.arithmetic().maxCode();
        dev.fxnet.construct.FunctionTable all = dev.fxnet.construct.FunctionTable.fromCodes(setting.arithmetic().format(),
                dims, x -> x[0] != 0 ? x[0] : nonZero);
        try {
            dev.fxnet.construct.Compiler.Result r = dev.fxnet.construct.Compiler.compile(all, cs,
                    dev.fxnet.construct.CompileOptions.defaults().withBinaryWeights(true));
            tried.add("binary construction: " + r.gadgets());
            return Verdict.universal(setting, new Findings(n.holds(), decided, tried),
                    Evidence.verifiedNetwork(r.network(), r.gadgets(), r.verification().points()), where + "the binary construction (docs/THEORY.md §6) built and verified on all " + r.verification().points()
                    + " points the network for f(x) = x0 (M where x0 = 0), which is nonzero at every point and takes"
                    + " every nonzero value; its layers before the point layer are planned over all of F^" + dims
                    + " whatever the table, and its point neurons (with value neurons, or with biases chosen per"
                    + " value in the coordinate sign construction) give every code, so for every f: F^" + dims
                    + " -> F the same layers with the point neurons of f's nonzero points (and the value neurons"
                    + " or output signs f's values take) compute f (Theorems B2 to B4; " + r.size().line() + ")");
        } catch (IllegalArgumentException e) {
            tried.add("binary construction: " + e.getMessage());
            return Verdict.undetermined(setting, new Findings(n.holds(), decided, tried), Truth.UNKNOWN,
                    where + "N holds with weights +-1; the binary construction failed: " + e.getMessage());
        }
    }
}

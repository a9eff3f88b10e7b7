package dev.fxnet.theory;

import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.gadget.AndGadget;
import dev.fxnet.gadget.Certificate;
import dev.fxnet.gadget.GadgetSearch;
import dev.fxnet.gadget.Levels;
import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.OutputGadget;
import dev.fxnet.gadget.Setting;
import dev.fxnet.gadget.Stage;
import dev.fxnet.gadget.StepGadget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Theorem P of docs/THEORY.md §11: under SATURATE with {@code p >= 1}, for sigmoid, relu, elu,
 * softplus, silu, mish, gelu and the identity, the sufficient condition S holds whenever a bounded
 * number of exact evaluations of {@code tau} (at most {@code (p + q + 2)(log2 |F| + 2)} for the bisections and
 * a few hundred more, never a table over F)
 * succeed: a sign weight {@code v} whose positive set {@code P_v} is an upper set {@code [zv, M]}
 * (Lemma U, proved for the family), the few edge thresholds that the step formulas of Lemma T miss,
 * the AND neuron, and the relevelling to output levels {@code (on', 0)} with {@code 1 <= |on'| <= 2^q}
 * (Lemma O). {@link #check} decides the hypotheses for formats up to {@code p + q = 30};
 * {@link #certificate} builds the theorem's gadgets by formula as a {@link Certificate} that
 * {@link Certificate#verify} checks on every input, for formats small enough to tabulate.
 */
public final class SaturationTheorem {
    /** The theorem's name as verdicts cite it. */
    public static final String NAME = "Theorem P (docs/THEORY.md §11)";
    /** The most edge thresholds per direction the theorem's check accepts. */
    public static final int EDGE_LIMIT = 8;
    /** The most relevelling stages searched before the output. */
    public static final int MAX_RELEVEL = 3;
    /** The activations of the theorem (Lemma U holds for them). */
    public static final Set<String> FAMILY = Set.of("sigmoid", "relu", "elu", "softplus", "silu", "mish", "gelu",
            "identity");

    private SaturationTheorem() {
    }

    /**
     * Whether the hypotheses of Theorem P hold, with the plan of the construction when they do.
     *
     * @param holds whether every hypothesis was checked true
     * @param plan the construction, present iff {@code holds}
     * @param hypotheses the hypotheses checked, in values of the format
     * @param reason why the theorem does not apply (empty when it holds)
     */
    public record Result(boolean holds, Optional<SaturationPlan> plan, List<String> hypotheses, String reason) {
        /** @throws IllegalArgumentException if {@code holds} and the plan disagree */
        public Result {
            if (holds != plan.isPresent()) {
                throw new IllegalArgumentException("a plan exactly when the theorem holds");
            }
            hypotheses = List.copyOf(hypotheses);
        }

        static Result fails(String reason) {
            return new Result(false, Optional.empty(), List.of(), reason);
        }
    }

    /** Decides the hypotheses of Theorem P for {@code setting} (general weights); no table over F. */
    public static Result check(Setting setting) {
        if (!(setting.arithmetic() instanceof FixedPointArithmetic)) {
            return Result.fails("not a fixed-point arithmetic");
        }
        FixedPointArithmetic ar = setting.fixedPoint();
        if (!ar.saturates() || ar.wraps()) {
            return Result.fails("overflow is not SATURATE");
        }
        if (ar.format().intBits() < 1) {
            return Result.fails("p = 0: the weight 1.0 is not a value of the format");
        }
        if (!FAMILY.contains(setting.activation().name())) {
            return Result.fails("activation " + setting.activation().name() + " is not one of " + FAMILY);
        }
        PointwiseOps ops = new PointwiseOps(setting);
        List<long[]> signs = new ArrayList<>();
        for (long v : signWeights(ops)) {
            leastPositive(ops, v).ifPresent(zv -> signs.add(new long[] {v, zv}));
        }
        if (signs.isEmpty()) {
            return Result.fails("no sign weight v with v (*) tau(M) > 0 >= v (*) tau(m) (tau(M) and tau(m) on one"
                    + " side of 0 for every v tried)");
        }
        signs.sort(Comparator.comparingLong(s -> Math.abs(s[1])));
        String reason = "";
        for (long[] s : signs) {
            List<String> why = new ArrayList<>();
            Optional<SaturationPlan> plan = plan(ops, s[0], s[1], why);
            if (plan.isPresent()) {
                return new Result(true, plan, hypotheses(ops, setting, plan.get()), "");
            }
            reason = reason.isEmpty() ? "v = " + ar.decimal(s[0]) + ", zv = " + ar.decimal(s[1]) + ": " + why.get(0)
                    : reason;
        }
        return Result.fails(reason + (signs.size() > 1 ? " (and " + (signs.size() - 1) + " other sign weights)" : ""));
    }

    /** PER_OP: {@code 1.0} and every power of two {@code 2^j} (codes) in F; WIDE: {@code 1.0} (Lemma S). */
    private static List<Long> signWeights(PointwiseOps ops) {
        Set<Long> ws = new LinkedHashSet<>();
        ws.add(ops.one());
        for (long w = 1; ops.perOp() && w <= ops.max(); w <<= 1) {
            ws.add(w);
        }
        return List.copyOf(ws);
    }

    /** Whether {@code z} is in {@code P_v}: {@code v (*) tau(z) > 0} (PER_OP), {@code tau(z) > 0} (WIDE). */
    private static boolean positive(PointwiseOps ops, long v, long z) {
        return ops.perOp() ? ops.mul(v, ops.tau(z)) > 0 : ops.tau(z) > 0;
    }

    /**
     * The least code of {@code P_v} by bisection, which is exact because {@code P_v} is an upper set
     * (Lemma U); empty unless {@code M} is in it and {@code m} is not.
     */
    static Optional<Long> leastPositive(PointwiseOps ops, long v) {
        if (!positive(ops, v, ops.max()) || positive(ops, v, ops.min())) {
            return Optional.empty();
        }
        long lo = ops.min();
        long hi = ops.max();
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (positive(ops, v, mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return Optional.of(hi);
    }

    /** The construction for sign weight {@code v}, or empty with the first failed hypothesis in {@code why}. */
    private static Optional<SaturationPlan> plan(PointwiseOps ops, long v, long zv, List<String> why) {
        long on = ops.tau(ops.max());
        long off = ops.tau(ops.min());
        long copies = ops.max() - ops.min();
        Stage sign = Stage.of(ops.min(), ops.perOp() ? v : ops.one(), copies);
        if (ops.apply(sign, on) != on || ops.apply(sign, off) != off) {
            why.add("the sign stage does not copy the levels (a bug: Lemma S says it does)");
            return Optional.empty();
        }
        Optional<Stage> not = SaturationGadgets.not(ops, on, off, copies);
        boolean edgeOfMin = ops.perOp() && ops.arithmetic().format().encoding() == Encoding.TWOS_COMPLEMENT;
        Levels levels = new Levels(on, off);
        SaturationPlan base = new SaturationPlan(v, zv, levels, sign, not, Map.of(), 0, 0, List.of(), levels, edgeOfMin);
        Optional<Map<Long, SaturationPlan.FirstLayer>> edges = SaturationGadgets.edges(ops, base, why);
        if (edges.isEmpty()) {
            return Optional.empty();
        }
        Optional<long[]> and = SaturationGadgets.and(ops, on, off, zv);
        if (and.isEmpty()) {
            why.add("no AND neuron c + w*s1 + w*s2 with its sum >= zv exactly when both switches are on");
            return Optional.empty();
        }
        Optional<List<Stage>> relevel = SaturationGadgets.relevel(ops, on, off, MAX_RELEVEL);
        if (relevel.isEmpty()) {
            why.add("no relevelling (<= " + MAX_RELEVEL + " stages) from (tau(M), tau(m)) to (on', 0) with 1 <= |on'| <= 1.0");
            return Optional.empty();
        }
        long a = on;
        long z = off;
        for (Stage s : relevel.get()) {
            a = ops.apply(s, a);
            z = ops.apply(s, z);
        }
        return Optional.of(new SaturationPlan(v, zv, levels, sign, not, edges.get(), and.get()[0], and.get()[1],
                relevel.get(), new Levels(a, z), edgeOfMin));
    }

    /** The hypotheses as checked, in values of the format. */
    private static List<String> hypotheses(PointwiseOps ops, Setting setting, SaturationPlan p) {
        FixedPointArithmetic ar = ops.arithmetic();
        List<String> h = new ArrayList<>();
        h.add("SATURATE, p = " + ar.format().intBits() + " >= 1 (the weight 1.0 exists), " + setting.activation().name()
                + " in the family of Lemma U (P_v is an upper set), " + setting.accumulation());
        h.add("sign weight v = " + ar.decimal(p.v()) + ": P_v = {z : " + (ops.perOp() ? "v*tau(z)" : "tau(z)")
                + " > 0} = [" + ar.decimal(p.zv()) + ", M] (bisection, " + "Lemma U); levels on = tau(M) = "
                + ar.decimal(p.levels().on()) + ", off = tau(m) = " + ar.decimal(p.levels().off()));
        h.add("steps (Lemma T): [x >= a] by tau(zv - a + 1.0*x), [x <= a] by tau(a + zv - 1.0*x), then the sign stage "
                + p.sign().describe(ar) + (p.not().map(n -> "; NOT stage " + n.describe(ar) + " where the bias is not a code")
                .orElse("")) + "; " + p.edges().size() + " edge thresholds by other first-layer neurons (Lemma T', checked at"
                + " two codes, or Lemma B, checked by tau(-1) < 0)");
        h.add("AND = tau(" + ar.decimal(p.andBias()) + " + " + ar.decimal(p.andWeight()) + "*s1 + " + ar.decimal(p.andWeight())
                + "*s2) then the sign stage (checked on the four inputs)");
        StringBuilder r = new StringBuilder();
        for (Stage s : p.relevel()) {
            r.append(r.length() == 0 ? "" : ", ").append(s.describe(ar));
        }
        h.add("output levels (" + ar.decimal(p.output().on()) + ", 0) after " + (r.length() == 0 ? "no stage" : r)
                + "; every code is a sum of terms w*on' = +-1 ulp (Lemma O)");
        return h;
    }

    /**
     * The theorem's gadgets as a certificate of S, built by formula (no search), for a setting where the
     * theorem holds and {@code |F| <= GadgetSearch.LIMIT}; {@link Certificate#verify} then checks it on
     * every input.
     *
     * @throws IllegalStateException if the output decomposition the theorem proves to exist is not found
     */
    public static Optional<Certificate> certificate(Setting setting) {
        Result r = check(setting);
        if (!r.holds() || setting.arithmetic().size() > GadgetSearch.LIMIT) {
            return Optional.empty();
        }
        return Optional.of(certificate(setting, r.plan().orElseThrow()));
    }

    /**
     * The certificate of {@code plan} for {@code setting} (tabulated: {@code |F| <= 2^16}), built by
     * formula; {@link Certificate#verify} decides whether the plan is right.
     *
     * @throws IllegalStateException if a threshold has no recipe or no output decomposition is found
     */
    static Certificate certificate(Setting setting, SaturationPlan p) {
        Machine m = setting.machine();
        long one = 1L << setting.fixedPoint().format().fracBits();
        int n = m.size();
        StepGadget[] up = new StepGadget[n];
        StepGadget[] down = new StepGadget[n];
        for (long a = m.min(); a <= m.max(); a++) {
            int i = (int) (a - m.min());
            up[i] = a > m.min() ? step(p, a, true, one, m) : null;
            down[i] = a < m.max() ? step(p, a, false, one, m) : null;
        }
        long on = p.levels().on();
        long off = p.levels().off();
        AndGadget and = AndGadget.of(p.andBias(), p.andWeight(), 1, p.andWeight(), 1, on, off).withAfter(p.sign());
        OutputGadget out = OutputGadget.find(m, p.output().on(), p.output().off()).orElseThrow(() ->
                new IllegalStateException("Lemma O: no output decomposition for " + p.output() + " in " + setting));
        return Certificate.of(p.levels(), m.max(), new Certificate.Steps(up, down, m.min()), and, p.relevel(), out)
                .withCopy(p.sign());
    }

    private static StepGadget step(SaturationPlan p, long a, boolean up, long one, Machine m) {
        SaturationPlan.Recipe r = p.step(a, up, one, m.min(), m.max()).orElseThrow(() ->
                new IllegalStateException("threshold " + a + " not covered by the plan " + p));
        Stage read = r.first().stage();
        List<Stage> stages = r.negated() ? List.of(read, p.not().orElseThrow()) : List.of(read);
        return StepGadget.of(a, up, r.first().bias(), r.first().weight(), stages, p.levels().on(), p.levels().off());
    }
}

package dev.fxnet.construct;

import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.target.FunctionTable;
import dev.fxnet.construct.binary.BinaryCompiler;
import dev.fxnet.construct.binary.BinaryNetwork;
import dev.fxnet.gadget.Certificate;
import dev.fxnet.gadget.GadgetSearch;
import dev.fxnet.gadget.ModularCertificate;
import dev.fxnet.gadget.ModularSearch;
import dev.fxnet.gadget.IndicatorGadgets;
import dev.fxnet.gadget.Stage;
import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.Setting;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles a table into a network that computes it exactly on all of {@code F^d}, then verifies it.
 *
 * <p>Layout (all strategies): hidden layers {@code 1..D} hold the detectors (one chain per
 * {@code (coordinate, kind, threshold)} actually used, at the same index in every layer); the next
 * hidden layer holds one NOR per indicator copy; then the normalizer layers; the output neuron has the
 * background value as bias and one term per indicator copy. At any input at most one box contains
 * the point, so every other indicator is exactly 0 and the output sum is exact in PER_OP and WIDE.
 */
public final class Compiler {
    private Compiler() {
    }

    /** A verified network and how it was made. */
    public record Result(Network network, Strategy strategy, SizeReport size, Verifier.Result verification,
            int indicators, long background, String gadgets) {
        /** Whether the network is Theorem 2's, built from the certificate of S (see {@link #compile}). */
        public boolean fromCertificate() {
            return gadgets.startsWith(FROM_CERTIFICATE);
        }
    }

    /** How {@link Result#gadgets()} begins for a network built from the certificate of S. */
    static final String FROM_CERTIFICATE = "certificate of S";

    /**
     * Compiles {@code target} in setting {@code s} as {@code options} say (strategy, binary weights,
     * verification, work limit).
     *
     * @throws IllegalArgumentException if the setting admits no gadget within the search, or the
     *     target's format differs from the setting's; for a floating-point setting (SPEC §8) also
     *     under overflow {@code INF}/{@code NAN} and for binary weights (each message names the stage)
     * @throws WorkLimitException if verifying the network, {@code target.size()} points x its
     *     parameters, would exceed the options' limit (refused before the network is built; for the
     *     binary construction, which plans as it builds, before it is verified)
     * @throws IllegalStateException if a network fails verification (a bug, never a user error); for a
     *     floating-point setting (SPEC §8), where the gadgets' fixed-point facts need not hold, an
     *     {@link IllegalArgumentException} naming the stage {@code verify} instead
     */
    public static Result compile(FunctionTable target, Setting setting, CompileOptions options) {
        if (!target.onGridOf(setting.arithmetic())) {
            throw new IllegalArgumentException("the target is on " + target.gridName() + " but the setting is "
                    + setting.arithmetic().formatName());
        }
        checkFloat(setting.arithmetic(), options.binaryWeights()); // before the tables of the machine
        Machine s = setting.machine();
        if (options.binaryWeights()) {
            BinaryNetwork b = BinaryCompiler.compile(target, s);
            options.limit().check("verifying", target.size(), b.network().size().parameters());
            return finish(target, s, new Layout(b.network(), Strategy.CUBES, b.indicators(), 0, b.gadgets()), options);
        }
        Strategy strategy = options.strategy().orElse(null);
        // before the gadget search, which alone can take a minute on large formats
        options.limit().check("verifying", target.size(), minParameters(target, strategy), true);
        Layout layout = isConstant(target) ? constant(target, s, strategy, options.limit())
                : indicators(target, s, strategy, options.limit());
        return finish(target, s, layout, options);
    }

    /** Whether the setting's arithmetic is a floating-point one (SPEC §8), not fixed point. */
    static boolean isFloat(Machine s) {
        return !(s.arithmetic() instanceof FixedPointArithmetic);
    }

    /**
     * The most finite values of a floating-point format whose gadgets the compiler searches (that of
     * the certificate search, {@link GadgetSearch#LIMIT}): about 12-bit formats. Measured on e4m3 and
     * e5m2 (about 250 values), the shallow search alone takes up to two CPU minutes (gelu).
     */
    public static final long MAX_FLOAT_CODES = GadgetSearch.LIMIT;

    /**
     * Refuses what the compiler does not build for a floating-point arithmetic (SPEC §8), each message
     * beginning with the stage: overflow {@code INF} or {@code NAN} (targets are finite; networks that
     * can meet specials are the float theory's), more than {@link #MAX_FLOAT_CODES} finite values, and
     * binary weights (their construction rests on fixed-point facts). Does nothing for fixed point.
     *
     * @throws IllegalArgumentException naming the stage and the reason
     */
    public static void checkFloat(Arithmetic ar, boolean binaryWeights) {
        if (ar instanceof FixedPointArithmetic) {
            return;
        }
        if (!ar.saturates()) {
            throw new IllegalArgumentException("overflow: " + ar + " can produce inf or NaN; compile builds"
                    + " floating-point networks under overflow SATFINITE (or FINITE specials) only, where every value is"
                    + " finite (a theory of networks that meet specials is future work)");
        }
        if (ar.size() > MAX_FLOAT_CODES) {
            throw new IllegalArgumentException("gadget search: " + ar.formatName() + " has " + ar.size() + " finite values;"
                    + " compile searches gadgets for floating-point formats with at most " + MAX_FLOAT_CODES);
        }
        if (binaryWeights) {
            throw new IllegalArgumentException("compile --binary: the binary-weight construction is for fixed-point"
                    + " formats only (it rests on fixed-point facts), not " + ar.formatName());
        }
    }

    /** A network and how it was laid out, before its metadata and verification. */
    private record Layout(Network network, Strategy strategy, int indicators, long background, String gadgets) {
    }

    /** A constant table: the bias-only output neuron, or (cubes) one indicator per point over background 0. */
    private static Layout constant(FunctionTable target, Machine s, Strategy strategy, WorkLimit limit) {
        long c = target.code(0);
        Strategy used = strategy == null ? Strategy.BOXES : strategy;
        if (used == Strategy.CUBES) {
            IndicatorGadgets.Outcome shallow = shallow(s, 2 * target.dims());
            if (shallow.gadgets().isEmpty()) {
                return certified(target, s, shallow.refusal(), limit);
            }
            Built b = build(plan(target, s, Box.points(target), 0), limit);
            return new Layout(b.network, used, b.indicators, 0, b.gadgets.summary());
        }
        Network net = Network.of(s.arithmetic(), s.accumulation(), s.activation(), target.dims(),
                List.of(Layer.of(Neuron.constant(c))), Map.of());
        return new Layout(net, used, 0, c, "none (constant)");
    }

    /**
     * The network of Theorem 2 (docs/THEORY.md §3) from the certificate of S a UNIVERSAL verdict rests
     * on, one indicator per point, where the compiler's shallow gadgets do not exist ({@code refusal}
     * says why).
     *
     * @throws IllegalArgumentException with {@code refusal} if there is no certificate, and with the
     *     reason too if the network would be too large
     */
    private static Layout certified(FunctionTable target, Machine s, String refusal, WorkLimit limit) {
        // for floats: wraps() is false, so Theorem W is never tried (it is fixed point only)
        Optional<Certificate> c = ModularSearch.applies(s) ? GadgetSearch.searchWithoutChains(s).gadgets()
                : GadgetSearch.search(s).gadgets();
        if (c.isEmpty() && ModularSearch.applies(s)) { // the order of Universality: R1-R4, Theorem W, R5/R6
            Optional<ModularCertificate> w = ModularSearch.search(s).certificate();
            if (w.isPresent()) {
                return modular(target, s, w.get(), refusal, limit);
            }
            c = GadgetSearch.search(s).gadgets();
        }
        if (c.isEmpty()) {
            throw new IllegalArgumentException(isFloat(s) ? floatRefusal(s, refusal) : refusal);
        }
        CertifiedConstruction.Outcome o = CertifiedConstruction.build(target, s, c.get());
        if (o instanceof CertifiedConstruction.TooLarge tooLarge) {
            throw new IllegalArgumentException(refusal + "; " + tooLarge.reason());
        }
        CertifiedConstruction.Built b = (CertifiedConstruction.Built) o;
        limit.check("verifying", target.size(), b.network().size().parameters());
        return new Layout(b.network(), Strategy.CUBES, b.indicators(), b.outputBias(),
                FROM_CERTIFICATE + " (docs/THEORY.md §3): " + c.get().describe(target.dims(), s.arithmetic()));
    }

    /**
     * The refusal for a floating-point setting where neither route of the compiler found gadgets:
     * the stage (gadget search), the setting, both searches, and the routes not tried for floats.
     */
    static String floatRefusal(Machine s, String shallowRefusal) {
        return "gadget search: no indicator gadgets for " + s + " (shallow search: " + shallowRefusal
                + "; the certificate of S (docs/THEORY.md §3): none within the search); the fixed-point routes"
                + " (Theorems P, W, Z, binary weights) are not applied to floating-point formats";
    }

    /** The network of Theorem W (docs/THEORY.md §12) from its certificate. */
    private static Layout modular(FunctionTable target, Machine s, ModularCertificate w, String refusal, WorkLimit limit) {
        CertifiedConstruction.Outcome o = CertifiedConstruction.build(target, s, w);
        if (o instanceof CertifiedConstruction.TooLarge tooLarge) {
            throw new IllegalArgumentException(refusal + "; " + tooLarge.reason());
        }
        CertifiedConstruction.Built b = (CertifiedConstruction.Built) o;
        limit.check("verifying", target.size(), b.network().size().parameters());
        return new Layout(b.network(), Strategy.CUBES, b.indicators(), b.outputBias(),
                "the network of " + w.describe(s));
    }

    /** Above this many codes the shallow gadgets are not searched under two's complement WRAP. */
    static final long SHALLOW_WRAP_LIMIT = 256;

    /**
     * The same limit under WRAP with WIDE accumulation, where the chain search is slower still (the
     * identity at 128 codes ran for minutes before reaching the certificate).
     */
    static final long SHALLOW_WRAP_WIDE_LIMIT = 64;

    /**
     * The compiler's shallow gadgets, except under two's complement WRAP above
     * {@link #SHALLOW_WRAP_LIMIT} codes, where their chain search grows without a useful bound (minutes
     * at 512 codes) while Theorem W (docs/THEORY.md §12) certifies in about a second: there the
     * certificate builds the network.
     */
    private static IndicatorGadgets.Outcome shallow(Machine s, int fanIn) {
        long limit = s.accumulation() == Accumulation.WIDE ? SHALLOW_WRAP_WIDE_LIMIT : SHALLOW_WRAP_LIMIT;
        if (ModularSearch.applies(s) && s.size() > limit) {
            return new IndicatorGadgets.Outcome(Optional.empty(), "the compiler's shallow gadgets are not searched under"
                    + " two's complement WRAP above " + limit + " codes" + (limit == SHALLOW_WRAP_LIMIT ? "" : " (WIDE)"));
        }
        return IndicatorGadgets.search(s, fanIn);
    }

    /** The indicator construction with the strategy asked for, or the smallest of boxes and steps. */
    private static Layout indicators(FunctionTable target, Machine s, Strategy strategy, WorkLimit limit) {
        IndicatorGadgets.Outcome shallow = shallow(s, 2 * target.dims());
        if (shallow.gadgets().isEmpty()) {
            if (strategy != null && strategy != Strategy.CUBES) { // the certificate gives points only
                throw new IllegalArgumentException((isFloat(s) ? "gadget search: " : "") + shallow.refusal()
                        + "; strategy " + strategy.id() + " needs these"
                        + " gadgets (the certificate of S builds one indicator per point: strategy cubes)");
            }
            return certified(target, s, shallow.refusal(), limit);
        }
        IndicatorGadgets g = shallow.gadgets().get();
        if (strategy == Strategy.COLUMNS) {
            return columns(ColumnConstruction.plan(target, s, g), limit);
        }
        Plan plan;
        Strategy used;
        if (strategy == Strategy.CUBES) {
            plan = plan(target, s, Box.points(target), 0);
            used = Strategy.CUBES;
        } else if (strategy == Strategy.STEPS) {
            plan = stepsPlan(target, s, g);
            used = Strategy.STEPS;
        } else {
            long freq = mostFrequent(target);
            plan = plan(target, s, Box.cover(target, freq), freq);
            used = Strategy.BOXES;
            if (freq != 0) {
                Plan zero = plan(target, s, Box.cover(target, 0), 0);
                if (zero.parameters() < plan.parameters()) {
                    plan = zero;
                }
            }
            if (strategy == null && stepsApply(s, g)) {
                Plan st = stepsPlan(target, s, g);
                if (st.parameters() < plan.parameters()) {
                    plan = st;
                    used = Strategy.STEPS;
                }
            }
        }
        if (strategy == null && ColumnConstruction.refusal(target, s, g).isEmpty()) {
            ColumnConstruction.Plan c = ColumnConstruction.plan(target, s, g);
            if (c.parameters() < plan.parameters()) {
                return columns(c, limit);
            }
        }
        Built best = build(plan, limit);
        return new Layout(best.network, used, best.indicators, best.background, g.summary());
    }

    /** The columns network of {@code plan} (docs/COMPACT.md), within {@code limit}. */
    private static Layout columns(ColumnConstruction.Plan plan, WorkLimit limit) {
        limit.check("verifying", plan.t().size(), plan.parameters());
        Network net = ColumnConstruction.build(plan);
        return new Layout(net, Strategy.COLUMNS, plan.layout().indicators.size(), 0,
                "columns (docs/COMPACT.md): " + plan.g().summary());
    }

    /**
     * A lower bound, computed from the table alone in time linear in its size, on the parameters of
     * any network (not binary) {@link #compile} builds for {@code target} with {@code strategy}
     * (null: the smallest). Every indicator costs at least 3 parameters (a NOR bias, one NOR weight,
     * one output weight). cubes: one indicator per point. steps: one per change of value along
     * {@code x_{d-1}}. boxes: the boxes of one value that tile the points off the background have
     * {@code 2^d} corners each, and a point is a corner of its box in an orientation whenever its
     * neighbours in that orientation differ from it (or are off the grid); so at least (such corners)
     * / {@code 2^d} boxes, for either background compile tries. columns: one listed weight per nonzero
     * entry, plus the output bias.
     */
    public static long minParameters(FunctionTable target, Strategy strategy) {
        if (isConstant(target)) {
            return strategy == Strategy.CUBES ? 3L * target.size() : 1;
        }
        if (strategy == Strategy.CUBES) {
            return 3L * target.size();
        }
        long steps = changesAlongLast(target);
        if (strategy == Strategy.STEPS) {
            return 3 * steps;
        }
        long columns = nonzero(target) + 1;
        if (strategy == Strategy.COLUMNS) {
            return columns;
        }
        long freq = mostFrequent(target);
        long boxes = Math.min(forcedCorners(target, freq), forcedCorners(target, 0)) >> target.dims();
        long indicators = 3 * (strategy == Strategy.BOXES ? boxes : Math.min(boxes, steps));
        return strategy == null ? Math.min(indicators, columns) : indicators;
    }

    /** The number of nonzero entries of {@code t}. */
    private static long nonzero(FunctionTable t) {
        long c = 0;
        for (int i = 0; i < t.size(); i++) {
            c += t.code(i) != 0 ? 1 : 0;
        }
        return c;
    }

    private static long changesAlongLast(FunctionTable t) {
        int n = (int) t.grid().size();
        long c = 0;
        for (int i = 0; i < t.size(); i++) {
            if (i % n != 0 && t.code(i) != t.code(i - 1)) {
                c++;
            }
        }
        return c;
    }

    private static long forcedCorners(FunctionTable t, long background) {
        int d = t.dims();
        int n = (int) t.grid().size();
        int[] stride = new int[d];
        stride[d - 1] = 1;
        for (int j = d - 2; j >= 0; j--) {
            stride[j] = stride[j + 1] * n;
        }
        long corners = 0;
        for (int i = 0; i < t.size(); i++) {
            int v = t.code(i);
            if (v == background) {
                continue;
            }
            // differs[j][0]: the neighbour below along j is off the grid or has another value; [1]: above
            int orientations = 1 << d;
            boolean[] below = new boolean[d];
            boolean[] above = new boolean[d];
            for (int j = 0; j < d; j++) {
                int x = i / stride[j] % n;
                below[j] = x == 0 || t.code(i - stride[j]) != v;
                above[j] = x == n - 1 || t.code(i + stride[j]) != v;
            }
            for (int o = 0; o < orientations; o++) {
                boolean corner = true;
                for (int j = 0; j < d && corner; j++) {
                    corner = ((o >> j) & 1) == 0 ? below[j] : above[j];
                }
                if (corner) {
                    corners++;
                }
            }
        }
        return corners;
    }

    private static Result finish(FunctionTable target, Machine s, Layout layout, CompileOptions options) {
        Network net = layout.network();
        Strategy used = layout.strategy();
        boolean binary = options.binaryWeights();
        SizeReport size = SizeReport.of(net, binary);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("generator", "fxnet compile");
        meta.put("strategy", used.id());
        meta.put("binary", net.isBinary());
        meta.put("dims", target.dims());
        meta.put("indicators", layout.indicators());
        meta.put("background", s.dec(layout.background()));
        meta.put("gadgets", layout.gadgets());
        meta.put("size", size.toMap());
        net = net.withMeta(meta);
        Verifier.Result v = null;
        if (options.verification()) {
            v = Verifier.verify(net, target, 5, null);
            if (!v.exact() && isFloat(s)) { // a refusal: the gadgets' fixed-point facts need not hold for floats
                throw new IllegalArgumentException("stage verify: the " + used.id() + " network built for " + s
                        + " differs from the target on " + v.mismatches() + " of " + v.points() + " points; not returned");
            }
            if (!v.exact()) {
                throw new IllegalStateException("internal error: the " + used.id() + " network for " + s + " differs"
                        + " from the target on " + v.mismatches() + " of " + v.points() + " points, e.g. at "
                        + java.util.Arrays.toString(v.first().get(0).point()) + ": expected code "
                        + v.first().get(0).expected() + ", got " + v.first().get(0).actual());
            }
        }
        return new Result(net, used, size, v, layout.indicators(), layout.background(), layout.gadgets());
    }

    static boolean isConstant(FunctionTable t) {
        int c = t.code(0);
        for (int i = 1; i < t.size(); i++) {
            if (t.code(i) != c) {
                return false;
            }
        }
        return true;
    }

    static long mostFrequent(FunctionTable t) {
        Map<Integer, Integer> count = new HashMap<>();
        int best = t.code(0);
        int bestN = 0;
        for (int i = 0; i < t.size(); i++) {
            int n = count.merge(t.code(i), 1, Integer::sum);
            if (n > bestN || (n == bestN && Math.abs(t.code(i)) < Math.abs(best))) {
                best = t.code(i);
                bestN = n;
            }
        }
        return best;
    }

    private record Built(Network network, int indicators, long background, IndicatorGadgets gadgets) {
    }

    /** Steps telescope exactly under WIDE only when the indicator's high value is 1 (terms are then exact). */
    static boolean stepsApply(Machine s, IndicatorGadgets g) {
        return s.perOp() || g.high() == s.one().orElse(-1);
    }

    /**
     * The steps strategy: in every slice (x0..x{d-2} fixed) the output walks along x{d-1}: a slice
     * indicator takes the bias to f(c, min), then each step indicator [x{d-1} >= a] adds
     * f(c, a) - f(c, a - eps). Active steps are listed in increasing a, so every partial sum is a
     * value of the table (exact in PER_OP; WIDE only with exact unit terms).
     */
    private static Plan stepsPlan(FunctionTable t, Machine s, IndicatorGadgets g) {
        if (!stepsApply(s, g)) {
            throw new IllegalArgumentException("the steps strategy needs exact output terms under WIDE, but the"
                    + " indicators of " + s + " have the value " + s.dec(g.high()) + ", not 1");
        }
        int d = t.dims();
        long n = s.size();
        int sliceCount = t.size() / (int) n;
        // background: the most frequent first value of a slice
        java.util.Map<Integer, Integer> count = new java.util.HashMap<>();
        for (int c = 0; c < sliceCount; c++) {
            count.merge(t.code((int) (c * n)), 1, Integer::sum);
        }
        long m = count.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).get().getKey();
        List<Box> plan = new ArrayList<>();
        var space = t.space();
        for (int c = 0; c < sliceCount; c++) {
            long[] p = space.point(c * n);
            long[] lo = p.clone();
            long[] hi = p.clone();
            lo[d - 1] = s.min();
            hi[d - 1] = s.max();
            long first = t.code((int) (c * n));
            if (first != m) {
                if (d == 1) {
                    throw new IllegalStateException("one slice in d = 1");
                }
                plan.add(new Box(lo.clone(), hi.clone(), first, m));
            }
            long prev = first;
            for (int a = 1; a < n; a++) {
                long v = t.code((int) (c * n + a));
                if (v != prev) {
                    long[] l2 = lo.clone();
                    l2[d - 1] = s.min() + a;
                    plan.add(new Box(l2, hi.clone(), v, prev));
                    prev = v;
                }
            }
        }
        return plan(t, s, plan, m);
    }

    /** The indicator layout of a strategy before any neuron is made, with its exact parameter count. */
    private record Plan(FunctionTable t, Machine s, IndicatorGadgets g, long background, List<List<Stage>> detChains,
            List<Integer> detInput, List<int[]> boxDet, List<long[]> boxNorW, List<long[]> boxWeights) {
        long parameters() {
            long p = (long) detChains.size() * 2 * g.detectorLength();
            long copies = 0;
            for (int i = 0; i < boxDet.size(); i++) {
                long k = boxWeights.get(i).length;
                copies += k;
                p += k * (1 + boxDet.get(i).length + 2L * g.normalizerLength());
            }
            return p + 1 + copies;
        }
    }

    private static Plan plan(FunctionTable t, Machine s, List<Box> boxes, long background) {
        int d = t.dims();
        IndicatorGadgets g = IndicatorGadgets.find(s, 2 * d);
        // detectors: key = (j, kind, a)
        Map<Long, Integer> detId = new LinkedHashMap<>();
        List<List<Stage>> detChains = new ArrayList<>();
        List<Integer> detInput = new ArrayList<>();
        List<int[]> boxDet = new ArrayList<>();
        List<long[]> boxWeights = new ArrayList<>();
        List<long[]> boxNorW = new ArrayList<>();
        for (Box b : boxes) {
            List<Integer> ids = new ArrayList<>();
            List<Long> nw = new ArrayList<>();
            for (int j = 0; j < d; j++) {
                if (b.lo()[j] > s.min()) {
                    ids.add(detector(detId, detChains, detInput, g, j, IndicatorGadgets.Kind.LO, b.lo()[j]));
                    nw.add(g.norWeight(IndicatorGadgets.Kind.LO, b.lo()[j]));
                }
                if (b.hi()[j] < s.max()) {
                    ids.add(detector(detId, detChains, detInput, g, j, IndicatorGadgets.Kind.HI, b.hi()[j]));
                    nw.add(g.norWeight(IndicatorGadgets.Kind.HI, b.hi()[j]));
                }
            }
            if (ids.isEmpty()) {
                throw new IllegalStateException("a box covering all of F^d; the table is constant");
            }
            long from = b.from() == null ? background : b.from();
            long[] w = g.outputWeights(from, b.value());
            if (w == null) {
                throw new IllegalArgumentException("no output weights in " + s + " take the output from "
                        + s.dec(from) + " to " + s.dec(b.value()) + " with indicators of value "
                        + s.dec(g.high()) + " (searched sums of up to " + IndicatorGadgets.MAX_OUTPUT_TERMS + " terms over all weights)");
            }
            if (w.length == 0) {
                if (b.from() != null) {
                    continue; // a step that changes nothing
                }
                w = new long[] {0}; // cubes: a point whose value is the background still gets its indicator
            }
            boxDet.add(ids.stream().mapToInt(Integer::intValue).toArray());
            boxNorW.add(nw.stream().mapToLong(Long::longValue).toArray());
            boxWeights.add(w);
        }
        return new Plan(t, s, g, background, detChains, detInput, boxDet, boxNorW, boxWeights);
    }

    private static Built build(Plan plan, WorkLimit limit) {
        limit.check("verifying", plan.t().size(), plan.parameters());
        Machine s = plan.s();
        IndicatorGadgets g = plan.g();
        int d = plan.t().dims();
        long background = plan.background();
        List<List<Stage>> detChains = plan.detChains();
        List<Integer> detInput = plan.detInput();
        List<int[]> boxDet = plan.boxDet();
        List<long[]> boxNorW = plan.boxNorW();
        List<long[]> boxWeights = plan.boxWeights();
        List<Layer> layers = new ArrayList<>();
        int detLen = g.detectorLength();
        for (int l = 0; l < detLen; l++) {
            List<Neuron> ns = new ArrayList<>(detChains.size());
            for (int i = 0; i < detChains.size(); i++) {
                Stage n = detChains.get(i).get(l);
                int src = l == 0 ? detInput.get(i) : i;
                ns.add(Neuron.of(n.bias(), new int[] {src}, new long[] {n.weight()}));
            }
            layers.add(Layer.of(ns));
        }
        List<Neuron> nor = new ArrayList<>();
        List<Long> outW = new ArrayList<>();
        for (int bI = 0; bI < boxDet.size(); bI++) {
            int[] ids = boxDet.get(bI);
            long[] ws = boxNorW.get(bI);
            for (long w : boxWeights.get(bI)) {
                nor.add(Neuron.of(g.norBias(), ids, ws));
                outW.add(w);
            }
        }
        layers.add(Layer.of(nor));
        for (Stage nn : g.normalizer()) {
            List<Neuron> ns = new ArrayList<>(nor.size());
            for (int i = 0; i < nor.size(); i++) {
                ns.add(Neuron.of(nn.bias(), new int[] {i}, new long[] {nn.weight()}));
            }
            layers.add(Layer.of(ns));
        }
        int[] src = new int[outW.size()];
        long[] w = new long[outW.size()];
        for (int i = 0; i < src.length; i++) {
            src[i] = i;
            w[i] = outW.get(i);
        }
        layers.add(Layer.of(Neuron.of(background, src, w)));
        Network net = Network.of(s.arithmetic(), s.accumulation(), s.activation(), d, layers, Map.of());
        if (net.size().parameters() != plan.parameters()) {
            throw new IllegalStateException("internal error: planned " + plan.parameters() + " parameters, built "
                    + net.size().parameters());
        }
        return new Built(net, nor.size(), background, g);
    }

    /** The index of detector {@code (j, kind, a)} in {@code chains}, adding its chain and input on first use. */
    private static int detector(Map<Long, Integer> detId, List<List<Stage>> chains, List<Integer> input, IndicatorGadgets g,
            int j, IndicatorGadgets.Kind kind, long a) {
        Machine s = g.setting();
        long key = ((long) j * 2 + kind.ordinal()) * s.size() + (a - s.min());
        Integer id = detId.get(key);
        if (id == null) {
            id = chains.size();
            detId.put(key, id);
            chains.add(g.detector(kind, a));
            input.add(j);
        }
        return id;
    }
}

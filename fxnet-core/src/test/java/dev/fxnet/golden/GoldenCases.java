package dev.fxnet.golden;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.construct.CompileOptions;
import dev.fxnet.construct.Compiler;
import dev.fxnet.target.Expression;
import dev.fxnet.target.FunctionTable;
import dev.fxnet.target.OnUncertain;
import dev.fxnet.construct.Strategy;
import dev.fxnet.network.Network;
import dev.fxnet.network.NetworkJson;
import dev.fxnet.theory.DeciderResult;
import dev.fxnet.theory.Universality;
import dev.fxnet.theory.Verdict;
import dev.fxnet.theory.VerdictTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fixed list of settings whose behaviour is recorded in {@code src/test/resources/golden/}
 * before the redesign of issue #13, and the one place that turns library results into canonical
 * records. {@link GoldenRecorder} writes the records; {@link GoldenBehaviourTest} recomputes them and
 * compares. When the library's API changes, only the few methods here that call it
 * ({@link #verdict}, {@link #compile}, {@link #tableCsv}) are adapted; the records stay.
 *
 * <p>Tiers: {@link Tier#FAST} cases are checked by the default test suite, {@link Tier#LONG} ones
 * only with {@code -Dfxnet.longTests=true}.
 */
final class GoldenCases {
    private GoldenCases() {
    }

    /** Which test run checks a case. */
    enum Tier {
        FAST,
        LONG
    }

    /** The header of {@code check.csv}. */
    static final String CHECK_HEADER = "case,activation,format,rounding,overflow,accumulation,binary,dims,verdict,"
            + "necessary,sufficient,violated,evidence,description,hidden_layers,neurons_per_point,decider,tried,summary";

    /** The header of {@code compile.csv}. */
    static final String COMPILE_HEADER = "case,activation,format,rounding,overflow,accumulation,dims,strategy,binary,"
            + "target,outcome,strategy_used,parameters,json_bytes,sha256,message";

    /** Networks whose JSON is at most this long are also stored whole (gzipped) under {@code networks/}. */
    static final int STORE_JSON_UP_TO = 64_000_000;

    // ---------------------------------------------------------------- the verdicts (check --json)

    /** One {@code check} question: the activation at a format, general or binary weights, dimension. */
    record CheckCase(String activation, String format, boolean binary, int dims, Tier tier) {
        String id() {
            return activation + "_" + format.replace("=", "").replace(",", "") + (binary ? "_binary" : "") + "_d" + dims;
        }
    }

    /**
     * The paper's seven activations and the identity at p=3,q=3 (SYMMETRIC, HALF_EVEN, SATURATE,
     * PER_OP), with general and with binary weights at d = 1, and binary at d = 2 for relu, sigmoid
     * and identity.
     */
    static List<CheckCase> checkCases() {
        List<CheckCase> out = new ArrayList<>();
        // the default run checks a few (each takes a second or more; the binary identity 40 s)
        List<String> fastGeneral = List.of("relu", "identity");
        List<String> fastBinary = List.of("gelu");
        for (String a : VerdictTable.PAPER_ACTIVATIONS) {
            out.add(new CheckCase(a, "p=3,q=3", false, 1, fastGeneral.contains(a) ? Tier.FAST : Tier.LONG));
        }
        for (String a : VerdictTable.PAPER_ACTIVATIONS) {
            out.add(new CheckCase(a, "p=3,q=3", true, 1, fastBinary.contains(a) ? Tier.FAST : Tier.LONG));
        }
        for (String a : List.of("relu", "sigmoid", "identity")) {
            out.add(new CheckCase(a, "p=3,q=3", true, 2, Tier.LONG));
        }
        return out;
    }

    /** The canonical record of one verdict: a CSV row under {@link #CHECK_HEADER}. */
    static String verdict(CheckCase c) {
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.parse(c.format()));
        dev.fxnet.gadget.Setting s = dev.fxnet.gadget.Setting.of(ar, Accumulation.PER_OP, Activations.named(c.activation()));
        Verdict v = Universality.check(dev.fxnet.gadget.Question.of(s, c.binary(), c.dims()));
        FixedPointFormat f = ar.format();
        String evidence;
        String description;
        String layers = "";
        String neurons = "";
        if (v.gadgets().isPresent()) {
            var g = v.gadgets().get();
            evidence = "gadgets";
            description = g.describe(c.dims(), ar);
            layers = Integer.toString(g.hiddenLayers(c.dims()));
            neurons = String.format(Locale.ROOT, "%.0f", g.neuronsPerPoint(c.dims()));
        } else if (v.witness().isPresent()) {
            var w = v.witness().get();
            evidence = "witness";
            description = "d=" + w.dims() + " outputs=" + java.util.Arrays.toString(w.outputs()) + " "
                    + w.describe(ar) + "; invariant: " + w.invariant();
        } else {
            evidence = "none";
            description = "";
        }
        List<String> decider = new ArrayList<>();
        for (DeciderResult r : v.decided()) {
            decider.add(r.toString());
        }
        return csv(c.id(), c.activation(), c.format(), ar.rounding().name(), ar.overflow().name(),
                Accumulation.PER_OP.name(), Boolean.toString(c.binary()), Integer.toString(c.dims()), v.kind().name(),
                v.necessary().spelling(), v.sufficient().spelling(), v.violated(), evidence, description, layers, neurons,
                String.join(" | ", decider), String.join(" | ", v.tried()), v.summary());
    }

    // ---------------------------------------------------------------- the tables (table --csv)

    /** {@code fxnet table --csv} on the tiny grid ({@code tiny}) or the default grid, as the library writes it. */
    static String tableCsv(boolean tiny, int threads) {
        VerdictTable grid = tiny ? VerdictTable.tinyGrid() : VerdictTable.defaultGrid();
        return VerdictTable.toCsv(grid.run(threads, 1), 1);
    }

    /** The settings of a grid, one per data row of {@link #tableCsv}, for recomputing a sample of rows. */
    static List<dev.fxnet.gadget.Question> tableSettings(boolean tiny) {
        return (tiny ? VerdictTable.tinyGrid() : VerdictTable.defaultGrid()).questions(1);
    }

    /** One data row of {@link #tableCsv}, recomputed alone. */
    static String tableRow(dev.fxnet.gadget.Question s) {
        return VerdictTable.row(Universality.check(s), 1);
    }

    // ---------------------------------------------------------------- the networks (compile)

    /**
     * One {@code compile} question. {@code target} is {@code random:SEED}, {@code constant:CODE} or
     * {@code expr:TEXT}; {@code strategy} is null for the smallest.
     */
    record CompileCase(String id, String activation, String format, Rounding rounding, Overflow overflow,
            Accumulation accumulation, int dims, Strategy strategy, boolean binary, String target, Tier tier) {
    }

    private static CompileCase general(String id, String act, String format, int d, Strategy st, String target,
            Tier tier) {
        return new CompileCase(id, act, format, Rounding.HALF_EVEN, Overflow.SATURATE, Accumulation.PER_OP, d, st,
                false, target, tier);
    }

    private static CompileCase binary(String id, String act, String format, int d, String target, Tier tier) {
        return new CompileCase(id, act, format, Rounding.HALF_EVEN, Overflow.SATURATE, Accumulation.PER_OP, d, null,
                true, target, tier);
    }

    /** The compile cases: the general strategies, then every route of the binary construction and its refusals. */
    static List<CompileCase> compileCases() {
        Tier f = Tier.FAST;
        Tier l = Tier.LONG;
        List<CompileCase> c = new ArrayList<>();
        // general weights: the three strategies and the smallest, d = 1, 2, 3, several activations
        c.add(general("relu_p3q3_d1_smallest_random1", "relu", "p=3,q=3", 1, null, "random:1", f));
        c.add(general("relu_p3q3_d1_cubes_random1", "relu", "p=3,q=3", 1, Strategy.CUBES, "random:1", f));
        c.add(general("relu_p3q3_d1_boxes_random1", "relu", "p=3,q=3", 1, Strategy.BOXES, "random:1", f));
        c.add(general("relu_p3q3_d1_steps_random1", "relu", "p=3,q=3", 1, Strategy.STEPS, "random:1", f));
        c.add(general("gelu_p3q3_d2_smallest_random2", "gelu", "p=3,q=3", 2, null, "random:2", l));
        c.add(general("sigmoid_p2q2_d2_cubes_random3", "sigmoid", "p=2,q=2", 2, Strategy.CUBES, "random:3", f));
        c.add(general("silu_p1q1_d3_smallest_random4", "silu", "p=1,q=1", 3, null, "random:4", f));
        c.add(general("mish_p1q2_d3_boxes_random5", "mish", "p=1,q=2", 3, Strategy.BOXES, "random:5", l));
        c.add(general("elu_p2q1_d2_steps_random6", "elu", "p=2,q=1", 2, Strategy.STEPS, "random:6", f));
        c.add(general("softplus_p2q2_d1_smallest_expr_sin", "softplus", "p=2,q=2", 1, null, "expr:sin(3*x0)", f));
        c.add(general("sigmoid_p1q2_d2_smallest_expr_product", "sigmoid", "p=1,q=2", 2, null, "expr:x0*x1", f));
        c.add(general("gelu_p1q2_d2_smallest_expr_product", "gelu", "p=1,q=2", 2, null, "expr:x0*x1", f));
        c.add(general("gelu_p2q2_d2_smallest_constant3", "gelu", "p=2,q=2", 2, null, "constant:3", f));
        c.add(general("gelu_p2q2_d1_cubes_constant3", "gelu", "p=2,q=2", 1, Strategy.CUBES, "constant:3", f));
        c.add(general("identity_p2q2_d1_smallest_random7", "identity", "p=2,q=2", 1, null, "random:7", f));
        c.add(new CompileCase("relu_Q2.2_floor_wrap_d2_smallest_random8", "relu", "Q2.2", Rounding.FLOOR, Overflow.WRAP,
                Accumulation.PER_OP, 2, null, false, "random:8", f));
        c.add(new CompileCase("relu_p2q2_wide_d2_boxes_random9", "relu", "p=2,q=2", Rounding.HALF_EVEN,
                Overflow.SATURATE, Accumulation.WIDE, 2, Strategy.BOXES, false, "random:9", f));
        c.add(new CompileCase("tanh_Q1.3_halfup_d1_smallest_random10", "tanh", "Q1.3", Rounding.HALF_UP,
                Overflow.SATURATE, Accumulation.PER_OP, 1, null, false, "random:10", f));
        // binary weights, d = 1: steps
        c.add(binary("binary_relu_p3q3_d1_random1", "relu", "p=3,q=3", 1, "random:1", f));
        c.add(binary("binary_sigmoid_p2q2_d1_random2", "sigmoid", "p=2,q=2", 1, "random:2", f));
        c.add(binary("binary_gelu_p2q2_d1_random3", "gelu", "p=2,q=2", 1, "random:3", f));
        // d = 1: the sign construction
        c.add(binary("binary_identity_p1q2_d1_random3", "identity", "p=1,q=2", 1, "random:3", f));
        c.add(binary("binary_identity_p2q2_d1_random3", "identity", "p=2,q=2", 1, "random:3", l));
        c.add(binary("binary_elu_p3q3_d1_random4", "elu", "p=3,q=3", 1, "random:4", l));
        c.add(binary("binary_identity_p3q3_d1_random11", "identity", "p=3,q=3", 1, "random:11", l));
        // d = 2: steps through ladders and normalized steps
        c.add(binary("binary_relu_p2q1_d2_random5", "relu", "p=2,q=1", 2, "random:5", f));
        c.add(binary("binary_gelu_p2q1_d2_random5", "gelu", "p=2,q=1", 2, "random:5", l));
        c.add(binary("binary_relu_p3q3_d2_zero", "relu", "p=3,q=3", 2, "constant:0", f));
        // d = 2: inner gadgets and the bit layer with sink point neurons; the bit layer
        c.add(binary("binary_gelu_p1q2_d2_random13", "gelu", "p=1,q=2", 2, "random:13", f));
        c.add(binary("binary_gelu_p2q2_d2_random14", "gelu", "p=2,q=2", 2, "random:14", l));
        c.add(binary("binary_silu_p2q2_d2_random15", "silu", "p=2,q=2", 2, "random:15", l));
        c.add(binary("binary_mish_p2q2_d2_random16", "mish", "p=2,q=2", 2, "random:16", l));
        c.add(binary("binary_relu_p3q2_d2_random3", "relu", "p=3,q=2", 2, "random:3", l));
        // d = 2: the coordinate sign construction
        c.add(binary("binary_identity_p1q2_d2_random17", "identity", "p=1,q=2", 2, "random:17", f));
        c.add(binary("binary_identity_p2q2_d2_random18", "identity", "p=2,q=2", 2, "random:18", l));
        c.add(new CompileCase("binary_identity_p2q1_floor_d2_random19", "identity", "p=2,q=1", Rounding.FLOOR,
                Overflow.SATURATE, Accumulation.PER_OP, 2, null, true, "random:19", f));
        // refusals
        c.add(binary("refused_binary_elu_p2q2_d1_random4", "elu", "p=2,q=2", 1, "random:4", f));
        c.add(binary("refused_binary_relu_p0q2_d1_zero", "relu", "p=0,q=2", 1, "constant:0", f));
        c.add(binary("refused_binary_relu_p1q1_d3_random1", "relu", "p=1,q=1", 3, "random:1", f));
        c.add(new CompileCase("refused_binary_sigmoid_p2q2_up_d1_random2", "sigmoid", "p=2,q=2", Rounding.UP,
                Overflow.SATURATE, Accumulation.PER_OP, 1, null, true, "random:2", f));
        c.add(new CompileCase("refused_binary_identity_p1q2_wide_d2_random1", "identity", "p=1,q=2", Rounding.HALF_EVEN,
                Overflow.SATURATE, Accumulation.WIDE, 2, null, true, "random:1", f));
        c.add(new CompileCase("refused_binary_identity_Q1.2_wrap_d2_random1", "identity", "Q1.2", Rounding.HALF_EVEN,
                Overflow.WRAP, Accumulation.PER_OP, 2, null, true, "random:1", f));
        c.add(new CompileCase("refused_binary_identity_Q1.2_d2_random1", "identity", "Q1.2", Rounding.HALF_EVEN,
                Overflow.SATURATE, Accumulation.PER_OP, 2, null, true, "random:1", f));
        return c;
    }

    /** The arithmetic of a compile case. */
    static FixedPointArithmetic arithmetic(CompileCase c) {
        return FixedPointArithmetic.of(FixedPointFormat.parse(c.format()), c.rounding(), c.overflow());
    }

    /** The target table of a compile case, and the description {@code compile} writes into the network's meta. */
    record Target(FunctionTable table, String describe) {
    }

    static Target target(CompileCase c) {
        FixedPointArithmetic ar = arithmetic(c);
        String kind = c.target().substring(0, c.target().indexOf(':'));
        String arg = c.target().substring(c.target().indexOf(':') + 1);
        return switch (kind) {
            case "random" -> new Target(FunctionTable.random(ar.format(), c.dims(), Long.parseLong(arg)),
                    "random seed " + arg);
            case "constant" -> new Target(FunctionTable.fromCodes(ar.format(), c.dims(), x -> Long.parseLong(arg)),
                    "table constant.csv");
            case "expr" -> new Target(Expression.parse(arg).tabulate(ar, c.dims(), OnUncertain.REFUSE).table(),
                    "expr " + arg);
            default -> throw new IllegalArgumentException("unknown target " + c.target());
        };
    }

    /** The outcome of a compile case: the network's JSON as {@code compile --out} writes it, or the refusal. */
    record Outcome(String json, String strategyUsed, long parameters, String refusal) {
        boolean built() {
            return json != null;
        }
    }

    /**
     * Compiles the case as {@code fxnet compile} does (no verification inside the compiler; the
     * target's description added to the meta), without the CLI.
     */
    static Outcome compile(CompileCase c) {
        FixedPointArithmetic ar = arithmetic(c);
        Target t = target(c);
        dev.fxnet.gadget.Setting s = dev.fxnet.gadget.Setting.of(ar, c.accumulation(),
                Activations.named(c.activation()));
        Compiler.Result r;
        try {
            r = Compiler.compile(t.table(), s,
                    CompileOptions.defaults().withStrategy(c.strategy()).withBinaryWeights(c.binary())
                            .withVerification(false));
        } catch (IllegalArgumentException e) {
            return new Outcome(null, null, 0, e.getMessage());
        }
        Network net = r.network();
        Map<String, Object> meta = new LinkedHashMap<>(net.meta());
        meta.put("target", t.describe());
        net = net.withMeta(meta);
        return new Outcome(NetworkJson.toJson(net), r.strategy().id(), net.size().parameters(), null);
    }

    /** The canonical record of a compile outcome: a CSV row under {@link #COMPILE_HEADER}. */
    static String compileRow(CompileCase c, Outcome o) {
        String strategy = c.strategy() == null ? "smallest" : c.strategy().id();
        byte[] bytes = o.built() ? o.json().getBytes(StandardCharsets.UTF_8) : new byte[0];
        return csv(c.id(), c.activation(), c.format(), c.rounding().name(), c.overflow().name(),
                c.accumulation().name(), Integer.toString(c.dims()), strategy, Boolean.toString(c.binary()), c.target(),
                o.built() ? "BUILT" : "REFUSED", o.built() ? o.strategyUsed() : "",
                o.built() ? Long.toString(o.parameters()) : "", o.built() ? Integer.toString(bytes.length) : "",
                o.built() ? sha256(bytes) : "", o.built() ? "" : o.refusal());
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One CSV row: every field quoted, quotes doubled, line breaks written as {@code \n}. */
    static String csv(String... fields) {
        StringBuilder b = new StringBuilder();
        for (String f : fields) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append('"').append(f.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\"\"")).append('"');
        }
        return b.toString();
    }
}

package dev.fxnet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fxnet.activation.Activation;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.theory.DeciderResult;
import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.Question;
import dev.fxnet.gadget.Setting;
import dev.fxnet.theory.Universality;
import dev.fxnet.theory.Verdict;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fxnet check}: is universal representation possible in this setting, and the evidence. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Decide universal representation for a setting: UNIVERSAL, NOT_UNIVERSAL or UNDETERMINED, "
                + "with evidence (a verified construction, a function no network computes and why, or what was tried).",
        footer = CheckCommand.FOOTER)
final class CheckCommand implements Callable<Integer> {
    /** The text after the options in {@code --help}, line by line as printed. */
    static final String FOOTER = """

            The verdict is about every input dimension d >= 1; --dims only chooses the dimension for which
            the construction's size is reported. With --binary the verdict is about dimension --dims only:
            dense first layers make binary representation depend on d (docs/THEORY.md §6).
            Theory: docs/THEORY.md.

            Exit code 0 for any verdict; 2 for a mistake in the options.

            Examples:
              fxnet check --act gelu --int-bits 3 --frac-bits 3
              fxnet check --act relu --format Q1.0 --overflow SATURATE --json
              fxnet check --act sigmoid -p 0 -q 1 --rounding FLOOR
              fxnet check --act sigmoid --binary --dims 2
              fxnet check --act relu --format e4m3 --json

            Floating-point formats (--format e4m3 etc., SPEC §8; overflow SATFINITE or FINITE specials, general
            weights): the verdict also gives the domain |x| <= r on which every function is represented
            (docs/THEORY.md §15).\
            """;

    @Option(names = "--act", required = true, paramLabel = "NAME", description = "The activation.")
    String act;

    @Mixin
    ArithmeticOptions options;

    @Mixin
    QuietOption quiet;

    @Option(names = "--dims", paramLabel = "D", defaultValue = "1",
            description = "Dimension for the reported construction size; with --binary, the dimension the verdict is"
                    + " about (default 1).")
    int dims;

    @Option(names = "--binary", description = "Binary weights: every weight -1 or +1, dense layers (SPEC §4).")
    boolean binary;

    @Option(names = "--json", description = "Machine-readable JSON (verdict; necessary and sufficient as true, false or null for unknown;"
                    + " evidence).")
    boolean json;

    /** The help text of {@code --no-sample}. */
    private static final String NO_SAMPLE_HELP = """
            Skip the sample: by default a UNIVERSAL verdict is also checked by compiling a random table on \
            F^d with the compiler (docs/CONSTRUCTION.md: its shallow gadgets, else the verdict's own \
            certificate) and verifying the network \
            on every point, when F^d has at most 4096 points.\
            """;

    @Option(names = "--no-sample",
            description = NO_SAMPLE_HELP)
    boolean noSample;

    /** The largest grid on which check compiles a sample table. */
    static final long SAMPLE_POINTS = 4096;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (dims < 1) {
            throw new UserException("--dims must be >= 1, was " + dims);
        }
        Activation a = ArithmeticOptions.parseOption("--act", act.toLowerCase(Locale.ROOT), Activations::named);
        dev.fxnet.arith.Arithmetic ar = options.floatGiven() ? floatArithmetic() : options.arithmetic();
        Setting s = Setting.of(ar, options.accumulation(null), a);
        Verdict v;
        String sampled;
        try (Progress p = Progress.of("check", 2, "steps (decide, sample)", 1, spec.commandLine().getErr(),
                quiet.quiet)) {
            v = Universality.check(Question.of(s, binary, dims));
            p.step(1);
            sampled = !noSample && v.kind() == Verdict.Kind.UNIVERSAL && !binary ? sample(s, v) : null;
            p.step(1);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(v, dims, sampled));
        } else {
            out.print(v.report(dims));
            if (sampled != null) {
                out.println("compiled    " + sampled);
            }
        }
        return 0;
    }

    /**
     * The floating-point arithmetic of the options (SPEC §8), refusing what check does not decide: overflow
     * INF or NAN (specials) and binary weights. A format with more finite values than the float checks
     * tabulate (binary16, bfloat16) is no mistake in the options: {@link Universality#check} answers
     * UNDETERMINED for it at once, with the reason, as {@code table} does.
     */
    private dev.fxnet.arith.Arithmetic floatArithmetic() {
        dev.fxnet.arith.Arithmetic ar = options.anyArithmetic(null);
        if (!ar.saturates()) {
            throw new UserException("--overflow: check decides floating-point settings under overflow SATFINITE (or FINITE"
                    + " specials) only, where every value is finite; " + ar + " can produce inf or NaN");
        }
        if (binary) {
            throw new UserException("check --binary: binary weights are decided for fixed-point formats only, not "
                    + ar.formatName() + " (the binary constructions rest on fixed-point facts)");
        }
        return ar;
    }

    /**
     * A concrete check of a UNIVERSAL verdict: the compiler builds a network for a random table on
     * F^d (from its shallow gadgets, or else from the verdict's certificate of S), which is verified
     * on every point.
     */
    private String sample(Setting s, Verdict v) {
        dev.fxnet.arith.Arithmetic ar = s.arithmetic();
        if (v.theorem().isPresent()) { // above the gadget search: no verified gadgets for the compiler to build from
            return "no sample: the verdict rests on " + v.theorem().get().name() + " for |F| = " + ar.size()
                    + ", above the gadget search, where the compiler has no verified gadgets to build from";
        }
        if (dev.fxnet.eval.InputSpace.countSaturated(ar, dims) > SAMPLE_POINTS || ar.size() > Machine.MAX_SIZE) {
            return null;
        }
        dev.fxnet.target.FunctionTable t = ar instanceof FixedPointArithmetic fp
                ? dev.fxnet.target.FunctionTable.random(fp.format(), dims, 1)
                : dev.fxnet.target.FunctionTable.of(ar, dims, FloatTargetTable.random(dev.fxnet.network.NumberSystem.of(ar),
                        dims, 1));
        if (v.indicators().isPresent()) {
            return theoremFsSample(v.indicators().get(), t);
        }
        try {
            dev.fxnet.construct.Compiler.Result r = dev.fxnet.construct.Compiler.compile(t, s,
                    dev.fxnet.construct.CompileOptions.defaults());
            return "a random table on F^" + dims + " (seed 1): verified exact on all " + r.verification().points()
                    + " points; strategy " + r.strategy().id() + "; " + r.size().line();
        } catch (IllegalArgumentException e) {
            return "the compiler could not build a network for a random table on F^" + dims + ": " + e.getMessage();
        }
    }

    /**
     * The sample of a verdict that rests on the certificate S_I (Theorem FS): the network of the theorem's
     * proof for the table, built from the certificate itself, evaluated on every point of F^d.
     */
    private String theoremFsSample(dev.fxnet.gadget.IndicatorCertificate c, dev.fxnet.target.FunctionTable t) {
        long[] codes = new long[t.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = t.code(i);
        }
        dev.fxnet.network.Network net = dev.fxnet.construct.IndicatorConstruction.build(c, dims, codes);
        dev.fxnet.construct.Verifier.Result r = dev.fxnet.construct.Verifier.verify(net, t, 1, null);
        return "a random table on F^" + dims + " (seed 1), the network of Theorem FS built from the certificate: "
                + (r.exact() ? "verified exact on all " + r.points() + " points"
                : "DIFFERS on " + r.mismatches() + " of " + r.points() + " points") + "; neurons " + net.size().neurons()
                + ", depth " + net.size().depth() + ", parameters " + net.size().parameters();
    }

    static String toJson(Verdict v, int dims, String sampled) throws Exception {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        Setting s = v.setting();
        dev.fxnet.arith.Arithmetic ar = s.arithmetic();
        putSetting(root, v);
        root.put("verdict", v.kind().name());
        putTruth(root, "necessary", v.necessary());
        putTruth(root, "sufficient", v.sufficient());
        ObjectNode ev = root.putObject("evidence");
        if (v.violated().isEmpty()) {
            ev.putNull("violated");
        } else {
            ev.put("violated", v.violated());
        }
        v.witness().ifPresent(w -> {
            ObjectNode wn = ev.putObject("witness");
            wn.put("dims", w.dims());
            ArrayNode outs = wn.putArray("outputCodes");
            for (long o : w.outputs()) {
                outs.add(o);
            }
            wn.put("description", w.describe(ar));
            wn.put("invariant", w.invariant());
        });
        v.gadgets().ifPresent(g -> {
            ObjectNode c = ev.putObject("construction");
            c.put("dims", dims);
            c.put("description", g.describe(dims, ar));
            c.put("hiddenLayers", g.hiddenLayers(dims));
            c.put("neuronsPerPoint", g.neuronsPerPoint(dims));
        });
        v.indicators().ifPresent(c -> putIndicators(ev, c, dims));
        v.modular().ifPresent(c -> { // Theorem W (docs/THEORY.md §12): the certificate's parts as numbers (codes)
            ObjectNode th = ev.putObject("theorem");
            th.put("name", "Theorem W (docs/THEORY.md §12)");
            th.put("description", c.describe(v.question().setting().machine()));
            ObjectNode u = th.putObject("unit");
            u.put("depth", c.unit().depth());
            u.put("firstWeightCode", c.unit().w1());
            u.put("stageBiasCode", c.unit().c2());
            u.put("twoSources", c.unit().twoSources());
            u.put("unitWeightCode", c.unit().wu());
            th.put("testBiasCode", c.testBias());
            th.put("testGainCode", c.testGain());
            th.put("onCode", c.on());
            th.put("offCode", c.off());
            th.put("outputWeightCode", c.outputWeight());
            th.put("hiddenLayers", c.hiddenLayers(dims));
        });
        v.theorem().ifPresent(t -> {
            ObjectNode th = ev.putObject("theorem");
            th.put("name", t.name());
            ArrayNode hs = th.putArray("hypotheses");
            t.hypotheses().forEach(hs::add);
        });
        ArrayNode dec = ev.putArray("decider");
        for (DeciderResult r : v.decided()) {
            dec.add(r.toString());
        }
        ArrayNode tried = ev.putArray("tried");
        for (String t : v.tried()) {
            tried.add(t);
        }
        if (sampled != null) {
            ev.put("compiledSample", sampled);
        }
        if (!(ar instanceof FixedPointArithmetic)) {
            putDomain(root, v, ar);
        }
        root.put("notation", v.notation());
        root.put("summary", v.summary());
        return m.writeValueAsString(root);
    }

    /**
     * The float verdict's domain (docs/THEORY.md §15.4): null where there is none, else
     * the radius r as code and exact decimal, whether it is every finite value, the pair of codes (and
     * values) that stops it from growing, and what was verified on it.
     */
    private static void putDomain(ObjectNode root, Verdict v, dev.fxnet.arith.Arithmetic ar) {
        if (v.domain().isEmpty()) {
            root.putNull("domain");
            return;
        }
        dev.fxnet.theory.Domain d = v.domain().get();
        ObjectNode dn = root.putObject("domain");
        dn.put("radiusCode", d.radiusCode());
        dn.put("radius", d.radius().toPlainString());
        dn.put("wholeFormat", d.wholeFormat());
        if (d.stoppedBy().isPresent()) {
            long[] p = d.stoppedBy().get();
            ObjectNode st = dn.putObject("stoppedBy");
            st.putArray("codes").add(p[0]).add(p[1]);
            st.putArray("values").add(ar.decimal(p[0])).add(ar.decimal(p[1]));
        } else {
            dn.putNull("stoppedBy");
        }
        dn.put("construction", d.construction());
    }

    /** The setting's fields: format parts for fixed point, the general spelling and name for floats. */
    private static void putSetting(ObjectNode root, Verdict v) {
        Setting s = v.setting();
        dev.fxnet.arith.Arithmetic ar = s.arithmetic();
        ObjectNode set = root.putObject("setting");
        set.put("activation", s.activation().name());
        if (ar instanceof FixedPointArithmetic fp) {
            set.put("intBits", fp.format().intBits());
            set.put("fracBits", fp.format().fracBits());
            set.put("encoding", fp.format().encoding().name());
            set.put("rounding", fp.rounding().name());
            set.put("overflow", fp.overflow().name());
        } else {
            dev.fxnet.arith.FloatArithmetic fa = (dev.fxnet.arith.FloatArithmetic) ar;
            set.put("format", fa.format().generalSpelling());
            set.put("formatName", fa.format().toString());
            set.put("rounding", fa.rounding().name());
            set.put("overflow", fa.overflow().name());
        }
        set.put("accumulation", s.accumulation().name());
        set.put("binary", v.question().binary());
    }

    /** The certificate S_I of Theorem FS (docs/THEORY.md §15) as the construction. */
    private static void putIndicators(ObjectNode ev, dev.fxnet.gadget.IndicatorCertificate c, int dims) {
        ObjectNode th = ev.putObject("construction");
        th.put("dims", dims);
        th.put("description", c.describe());
        th.put("hiddenLayers", c.hiddenLayers());
        th.put("neuronsPerPoint", c.neuronsPerPoint(dims));
    }

    /** A JSON boolean, or null when the truth is not known. */
    private static void putTruth(ObjectNode node, String name, dev.fxnet.theory.Truth t) {
        if (t == dev.fxnet.theory.Truth.UNKNOWN) {
            node.putNull(name);
        } else {
            node.put(name, t == dev.fxnet.theory.Truth.TRUE);
        }
    }
}

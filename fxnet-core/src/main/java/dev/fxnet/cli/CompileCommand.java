package dev.fxnet.cli;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.Rounding;
import dev.fxnet.construct.CompileOptions;
import dev.fxnet.construct.Compiler;
import dev.fxnet.target.FunctionTable;
import dev.fxnet.target.OnUncertain;
import dev.fxnet.gadget.Setting;
import dev.fxnet.construct.Strategy;
import dev.fxnet.construct.Verifier;
import dev.fxnet.construct.WorkLimit;
import dev.fxnet.construct.WorkLimitException;
import dev.fxnet.io.OutputTarget;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.network.Network;
import dev.fxnet.network.NetworkJson;
import dev.fxnet.network.NumberSystem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fxnet compile}: a table or function into a network that computes it exactly, verified before it is written. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = CompileCommand.DESCRIPTION,
        footer = CompileCommand.FOOTER)
final class CompileCommand implements Callable<Integer> {
    /** What the command does, the first paragraph of {@code --help}. */
    static final String DESCRIPTION = """
            Compile a fixed-point function f: F^d -> F into a network that computes it exactly on every \
            point of F^d (indicators of boxes built from searched gadgets), verify it, and report its size \
            against the counting lower bound. Floating-point formats (--format e4m3 etc., SPEC §8): F is the \
            finite values, overflow SATFINITE (or FINITE specials), targets --table or --random \
            (docs/float/compile.md).\
            """;

    /** The text after the options in {@code --help}, line by line as printed. */
    static final String FOOTER = """

            Strategies: cubes = the paper's construction (one indicator per point of F^d); boxes = the \
            most frequent value as bias and one indicator per box of equal values (never larger than \
            cubes); steps = telescoping along x{d-1}, one step indicator per change of value in a slice; \
            columns = about one parameter per nonzero entry (d >= 2; relu, gelu, silu, mish, \
            softplus and others where a slice neuron exists; docs/COMPACT.md). Default: the smallest of boxes, steps and columns (where it applies).
            The network is written only after it matched the target on every point (unless --no-verify).

            Examples:
              fxnet compile --act relu --dims 2 --random 1 --out net.json
              fxnet compile --act gelu -p 3 -q 3 --dims 2 --table t.csv --strategy cubes --out net.json
              fxnet compile --act sigmoid --dims 1 --expr "sin(3*x0)" --out sin.json\
            """;

    @Option(names = "--act", required = true, paramLabel = "NAME", description = "The activation (SPEC §6), e.g. relu, sigmoid, gelu.")
    String act;

    @Option(names = "--dims", required = true, paramLabel = "D", description = "The input dimension d >= 1.")
    int dims;

    @ArgGroup(exclusive = true, multiplicity = "1")
    TargetOptions target;

    @Option(names = "--strategy", paramLabel = "NAME", description = "cubes, boxes, steps or columns (default: the smallest that applies).")
    String strategy;

    /** The help text of {@code --binary}. */
    private static final String BINARY_HELP = """
            A binary-weight network (every weight +-1, dense layers; docs/CONSTRUCTION.md §6). Built for \
            d = 1; d = 2 where a step gadget exists for every threshold of x0 + x1 and x0 - x1 it needs \
            (for activations with a dip below 0, such as gelu, through ladders that reach a little past 0; \
            from p=3,q=2 on, through a layer of index bits), and for the identity (symmetric codes, \
            saturating, PER_OP) through sign signals of x0 and x1; for d >= 3 by first-layer features that \
            identify the point, exact steps on them and point neurons that sink (docs/THEORY.md §6, Theorem \
            B5); within fxnet's size limits; refused with the reason otherwise.\
            """;

    @Option(names = "--binary", description = BINARY_HELP)
    boolean binary;

    /** The help text of {@code --out}. */
    private static final String OUT_HELP = """
            Where to write the network (SPEC §5): a new or regular file, replaced atomically (a symbolic \
            link is followed), or '-' for standard output, where the report lines then go to stderr. Never \
            a device, pipe or directory, nor the --table file.\
            """;

    @Option(names = "--out", paramLabel = "NET.json", description = OUT_HELP)
    Path out;

    /** The largest grid F^d compile takes (a network has up to one indicator per point). */
    static final long MAX_POINTS = 1L << 20;

    @Option(names = "--on-uncertain", paramLabel = "RULE", description = TargetOptions.ON_UNCERTAIN_HELP)
    String onUncertain;

    @Option(names = "--domain", paramLabel = "R", description = DomainOption.HELP
            + " compile extends the target by 0 outside the domain.")
    String domain;

    /** The domain points when --domain is given (else null), and the target on them. */
    private InputSpace domainSpace;
    private int[] domainTarget;

    @Option(names = "--no-verify", description = "Do not check the network on every point before writing it.")
    boolean noVerify;

    @Mixin
    ArithmeticOptions options;

    @Mixin
    QuietOption quiet;

    @Mixin
    ForceOption force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (dims < 1) {
            throw new UserException("--dims must be >= 1, was " + dims);
        }
        OutputTarget outTarget = Outputs.fileOrStdout("--out", out);
        Outputs.notInput("--out", outTarget, "--table", target.table);
        Outputs.stdoutNotInput("--table", target.table);
        // with the network on standard output, the report lines go to stderr so that stdout stays JSON
        PrintWriter o = outTarget != null && outTarget.isStandardOutput() ? err : spec.commandLine().getOut();
        Arithmetic ar = options.floatGiven() ? options.anyArithmetic(null) : options.arithmetic();
        if (InputSpace.countSaturated(ar, dims) > MAX_POINTS) {
            throw new UserException("F^" + dims + " of " + ar.formatName() + " has " + InputSpace.countText(ar, dims)
                    + " points; compile supports at most " + MAX_POINTS + " (2^20)");
        }
        domainSpace = domain == null ? null : DomainOption.space(domain, ar, dims);
        Compiler.checkFloat(ar, binary); // before the tables of tau and of the operations
        Setting s = Setting.of(ar, options.accumulation(null), Activations.named(act));
        s.machine(); // refuses a format too large for the gadget search now, as before any work
        Strategy st = strategy == null ? null : Strategy.parse(strategy);
        if (st != null && binary) {
            throw new UserException("--strategy " + strategy + " does not apply with --binary: binary networks are built"
                    + " by their own routes (bit slices, steps, signs; docs/BINARY-COMPACT.md)");
        }
        target.onUncertain = onUncertain == null ? OnUncertain.REFUSE : OnUncertain.parse(onUncertain);
        FunctionTable t = ar instanceof FixedPointArithmetic fp ? target.resolve(fp, dims, err) : floatTarget(ar);
        long t0 = System.nanoTime();
        Compiler.Result r;
        try (Progress.Phase building = Progress.phase("compile", "building the network (gadget search, indicators)", err,
                quiet.quiet)) {
            // with --no-verify nothing runs on every point: the build alone is linear in the parameters
            r = Compiler.compile(t, s,
                    CompileOptions.defaults().withStrategy(st).withBinaryWeights(binary).withVerification(false)
                            .withLimit(noVerify ? WorkLimit.none() : force.limit()));
        } catch (WorkLimitException e) {
            throw ForceOption.refused(e);
        }
        long t1 = System.nanoTime();
        Network net = r.network();
        Map<String, Object> meta = new LinkedHashMap<>(net.meta());
        meta.put("target", target.describe());
        net = net.withMeta(meta);
        o.println("setting:   " + s.machine());
        o.println("target:    " + target.describe() + (domainSpace == null ? " on F^" + dims + " (" + t.size()
                + " points, " + t.distinctValues() + " distinct values)" : " on " + domainSpace.describe() + " ("
                + domainSpace.size() + " of the " + t.size() + " points of F^" + dims + "; 0 outside it)"));
        o.println("strategy:  " + r.strategy().id() + (r.fromCertificate() ? " (from the certificate of S)" : st == null ? " (smallest)" : "") + ", " + r.indicators()
                + " indicators");
        o.println("gadgets:   " + r.gadgets());
        o.println("size:      " + (domainSpace == null ? r.size()
                : r.size().onDomain(ar.size(), domainSpace.size())).line() + (domainSpace == null ? "" : " (bound: the "
                + domainSpace.size() + " domain points)"));
        o.flush();
        String verified = noVerify ? "not verified (--no-verify)" : verify(net, t, r, s, err);
        long t2 = System.nanoTime();
        o.println("verified:  " + verified + String.format(Locale.ROOT, " (compile %.2f s, verify %.2f s)",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9));
        if (target.tabulation != null) {
            FixedPointArithmetic fp = (FixedPointArithmetic) ar;
            Rounding mode = fp.rounding();
            o.println(String.format(Locale.ROOT, "continuous: max |N(x) - f(x)| = %.6g on the grid where f is in range"
                    + " (bound %s = %s)%s", target.tabulation.maxError(), mode.isNearest() ? "eps/2" : "eps",
                    fp.format().eps().divide(java.math.BigDecimal.valueOf(mode.isNearest() ? 2 : 1)).toPlainString(),
                    target.tabulation.saturated() > 0 ? "; f leaves [min, M] at " + target.tabulation.saturated()
                            + " points, where N saturates" : ""));
        }
        if (outTarget != null) {
            byte[] json = NetworkJson.toJson(net).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Outputs.write("--out", outTarget, w -> w.write(json), Main.standardOutput(spec));
            o.println("wrote:     " + outTarget + (noVerify ? " (NOT verified)" : ""));
        }
        return 0;
    }

    /**
     * Checks {@code net} on every point of the target's grid; a mismatch is an internal error for
     * fixed point and a refusal naming the stage for a floating-point setting (where the gadgets'
     * fixed-point facts need not hold).
     */
    private String verify(Network net, FunctionTable t, Compiler.Result r, Setting s, PrintWriter err) {
        Verifier.Result v;
        try (Progress p = Progress.of("verify", t.size(), "points", Math.max(1, net.size().parameters() / 64), err,
                quiet.quiet)) {
            v = domainSpace == null ? Verifier.verify(net, t, 5, p::step)
                    : Verifier.verifyOn(net, domainSpace, domainTarget, 5, p::step);
        }
        if (!v.exact() && !t.isFixedPoint()) {
            throw new UserException("stage verify: the " + r.strategy().id() + " network built for "
                    + s.machine() + " differs from the target on " + v.mismatches() + " of " + v.points()
                    + " points (the fixed-point facts its gadgets rest on do not all hold for floats); not written");
        }
        if (!v.exact()) {
            throw new IllegalStateException("the compiled network differs from the target on " + v.mismatches()
                    + " points; not written");
        }
        return domainSpace == null ? "exact on all " + v.points() + " points"
                : "exact on all " + v.points() + " points of " + domainSpace.describe();
    }

    /**
     * The target on the finite values of a floating-point format (SPEC §8): a table of exact
     * decimals or a random table; {@code --expr} is refused (its tabulator rounds in fixed point).
     */
    private FunctionTable floatTarget(Arithmetic ar) throws IOException {
        if (target.expr != null) {
            throw new UserException("compile --expr does not support floating-point formats yet: the expression is "
                    + "tabulated in fixed point; give the target as --table or --random");
        }
        NumberSystem ns = NumberSystem.of(ar);
        if (domainSpace != null) {
            domainTarget = target.table != null ? FloatTargetTable.read(target.table, ns, domainSpace)
                    : FloatTargetTable.random(ns, domainSpace, target.random);
            InputSpace full = FloatTargetTable.space(ns, dims);
            return FunctionTable.of(ar, dims, FloatTargetTable.extendByZero(domainSpace, domainTarget, full));
        }
        int[] codes = target.table != null ? FloatTargetTable.read(target.table, ns, dims)
                : FloatTargetTable.random(ns, dims, target.random);
        return FunctionTable.of(ar, dims, codes);
    }
}

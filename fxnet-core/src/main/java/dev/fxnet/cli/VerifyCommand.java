package dev.fxnet.cli;

import dev.fxnet.target.FunctionTable;
import dev.fxnet.target.OnUncertain;
import dev.fxnet.construct.Verifier;
import dev.fxnet.engine.Engine;
import dev.fxnet.engine.RangeResult;
import dev.fxnet.engine.RangeVerification;
import dev.fxnet.network.Network;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.network.NetworkJson;
import dev.fxnet.network.NumberSystem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fxnet verify NET.json}: check a network against a target on every point of F^d. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a network file against a target function on every point of F^d, exactly and on all "
                + "cores, and list the first mismatches.",
        footer = VerifyCommand.FOOTER)
final class VerifyCommand implements Callable<Integer> {
    /** The text after the options in {@code --help}, line by line as printed. */
    static final String FOOTER = """

            The format, arithmetic and dimension are the network's. Exit code 0: exact everywhere; 3: \
            mismatches (listed); 2: a user error.
            For a float network (SPEC §8), F is every finite value and the target is --table (exact
            decimals, finite values) or --random.

            Examples:
              fxnet verify net.json --table t.csv
              fxnet verify sin.json --expr "sin(3*x0)"\
            """;

    /** Exit code when the network differs from the target somewhere. */
    static final int MISMATCH = 3;

    @Parameters(index = "0", paramLabel = "NET.json", description = "The network file.")
    Path file;

    @ArgGroup(exclusive = true, multiplicity = "1")
    TargetOptions target;

    @Option(names = "--on-uncertain", paramLabel = "RULE", description = TargetOptions.ON_UNCERTAIN_HELP)
    String onUncertain;

    @Option(names = "--domain", paramLabel = "R", description = DomainOption.HELP)
    String domain;

    @Option(names = "--show", paramLabel = "N", defaultValue = "10", description = "How many mismatches to list (default 10; 0 prints only the count).")
    int show;

    @Mixin
    QuietOption quiet;

    @Mixin
    ForceOption force;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (show < 0) {
            throw new UserException("--show must be >= 0, was " + show);
        }
        Outputs.stdoutNotInput("NET.json", file);
        Outputs.stdoutNotInput("--table", target.table);
        Network net = NetworkJson.read(file);
        if (net.outputs() != 1) {
            throw new UserException(file + " has " + net.outputs() + " outputs; a target function needs exactly 1");
        }
        target.onUncertain = onUncertain == null ? OnUncertain.REFUSE : OnUncertain.parse(onUncertain);
        force.check("verifying", dev.fxnet.eval.InputSpace.of(net.arithmetic(), net.inputs()).size(),
                net.size().parameters());
        NumberSystem ns = NumberSystem.of(net.arithmetic());
        InputSpace space = DomainOption.space(domain, net.arithmetic(), net.inputs());
        int[] floatTarget = net.isFixedPoint() ? null : floatTarget(ns, space);
        FunctionTable t = net.isFixedPoint() ? target.resolve(net.fixedPoint(), net.inputs(), err) : null;
        long t0 = System.nanoTime();
        Verifier.Result v;
        try (Progress p = Progress.of("verify", t != null ? t.size() : floatTarget.length, "points",
                Math.max(1, net.size().parameters() / 64), err, quiet.quiet)) {
            v = verify(net, t, space, floatTarget, p);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        if (v.exact()) {
            o.println(String.format(Locale.ROOT, "exact: %s computes %s on all %d points of %s (%.2f s)", file,
                    target.describe(), v.points(), domain == null ? "F^" + net.inputs() : space.describe(), secs));
            return 0;
        }
        o.println(String.format(Locale.ROOT, "MISMATCH: %s differs from %s on %d of %d points%s (%.2f s)%s", file,
                target.describe(), v.mismatches(), v.points(), domain == null ? "" : " of " + space.describe(), secs, v.first().isEmpty() ? "" : "; first:"));
        for (Verifier.Mismatch m : v.first()) {
            StringBuilder b = new StringBuilder("  (");
            for (int j = 0; j < m.point().length; j++) {
                b.append(j == 0 ? "" : ", ").append(ns.decimal(m.point()[j]));
            }
            b.append("): expected ").append(ns.decimal(m.expected())).append(", network gives ")
                    .append(ns.decimal(m.actual()));
            o.println(b);
        }
        return MISMATCH;
    }

    /**
     * The network against the target, through the chosen engine: the whole grid cut into ranges by
     * the engine ({@link RangeVerification}); a restricted domain in this JVM ({@link Verifier#verifyOn}).
     */
    private Verifier.Result verify(Network net, FunctionTable t, InputSpace space, int[] floatTarget, Progress p) {
        int keep = Math.max(0, show);
        if (t == null && space.isRestricted()) {
            if (!engine.local()) {
                throw new UserException("--engine " + engine.engine + ": verify --domain runs in this JVM only; drop"
                        + " --engine/--master or --domain");
            }
            return Verifier.verifyOn(net, space, floatTarget, keep, p::step);
        }
        RangeResult r;
        try (Engine e = engine.open(Runtime.getRuntime().availableProcessors())) {
            r = RangeVerification.verify(e, net, t != null ? t.codes() : floatTarget, keep, p::step);
        }
        InputSpace grid = t != null ? t.space() : space;
        List<Verifier.Mismatch> first = new ArrayList<>();
        for (RangeResult.Mismatch m : r.first()) {
            first.add(new Verifier.Mismatch(grid.point(m.index()), m.expected(), m.actual()));
        }
        return new Verifier.Result(r.points(), r.mismatches(), first, null);
    }

    /**
     * The target of a floating-point network on {@code space} (the grid or a domain): a table or a
     * random table ({@code --expr} is fixed point only so far).
     */
    private int[] floatTarget(NumberSystem ns, InputSpace space) throws IOException {
        if (target.expr != null) {
            throw new UserException("verify --expr does not support floating-point networks yet: the expression is "
                    + "tabulated in fixed point; give the target as --table or --random");
        }
        if (!space.isRestricted()) {
            FloatTargetTable.space(ns, space.dims()); // the table size limit
        }
        return target.table != null ? FloatTargetTable.read(target.table, ns, space)
                : FloatTargetTable.random(ns, space, target.random);
    }
}

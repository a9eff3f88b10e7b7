package dev.fxnet.cli;

import dev.fxnet.target.FunctionTable;
import dev.fxnet.target.OnUncertain;
import dev.fxnet.construct.Verifier;
import dev.fxnet.network.Network;
import dev.fxnet.eval.GridEvaluator;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.network.NetworkJson;
import dev.fxnet.network.NumberSystem;
import java.util.ArrayList;
import java.util.List;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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

    @Option(names = "--show", paramLabel = "N", defaultValue = "10", description = "How many mismatches to list (default 10; 0 prints only the count).")
    int show;

    @Mixin
    QuietOption quiet;

    @Mixin
    ForceOption force;

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
        int[] floatTarget = net.isFixedPoint() ? null : floatTarget(ns, net.inputs());
        FunctionTable t = net.isFixedPoint() ? target.resolve(net.fixedPoint(), net.inputs(), err) : null;
        long t0 = System.nanoTime();
        Verifier.Result v;
        try (Progress p = Progress.of("verify", t != null ? t.size() : floatTarget.length, "points",
                Math.max(1, net.size().parameters() / 64), err, quiet.quiet)) {
            v = t != null ? Verifier.verify(net, t, Math.max(0, show), p::step) : compare(net, floatTarget, p);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        if (v.exact()) {
            o.println(String.format(Locale.ROOT, "exact: %s computes %s on all %d points of F^%d (%.2f s)", file,
                    target.describe(), v.points(), net.inputs(), secs));
            return 0;
        }
        o.println(String.format(Locale.ROOT, "MISMATCH: %s differs from %s on %d of %d points (%.2f s)%s", file,
                target.describe(), v.mismatches(), v.points(), secs, v.first().isEmpty() ? "" : "; first:"));
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

    /** The target of a floating-point network: a table or a random table ({@code --expr} is fixed point only so far). */
    private int[] floatTarget(NumberSystem ns, int dims) throws IOException {
        if (target.expr != null) {
            throw new UserException("verify --expr does not support floating-point networks yet: the expression is "
                    + "tabulated in fixed point; give the target as --table or --random");
        }
        return target.table != null ? FloatTargetTable.read(target.table, ns, dims)
                : FloatTargetTable.random(ns, dims, target.random);
    }

    /** Every point of a floating-point network against its target, as {@link Verifier} does for fixed point. */
    private Verifier.Result compare(Network net, int[] expected, Progress p) {
        int[] out = new GridEvaluator(net).evaluateAll(p::step);
        InputSpace space = InputSpace.of(net.arithmetic(), net.inputs());
        long bad = 0;
        List<Verifier.Mismatch> first = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            if (out[i] != expected[i]) {
                bad++;
                if (first.size() < show) {
                    first.add(new Verifier.Mismatch(space.point(i), expected[i], out[i]));
                }
            }
        }
        return new Verifier.Result(out.length, bad, first, null);
    }
}

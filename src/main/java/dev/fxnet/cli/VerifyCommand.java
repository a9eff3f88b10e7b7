package dev.fxnet.cli;

import dev.fxnet.target.FunctionTable;
import dev.fxnet.target.OnUncertain;
import dev.fxnet.construct.Verifier;
import dev.fxnet.network.Network;
import dev.fxnet.network.NetworkJson;
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
        force.check("verifying", dev.fxnet.eval.InputSpace.of(net.format(), net.inputs()).size(),
                net.size().parameters());
        FunctionTable t = target.resolve(net.fixedPoint(), net.inputs(), err);
        long t0 = System.nanoTime();
        Verifier.Result v;
        try (Progress p = Progress.of("verify", t.size(), "points", Math.max(1, net.size().parameters() / 64), err,
                quiet.quiet)) {
            v = Verifier.verify(net, t, Math.max(0, show), p::step);
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
                b.append(j == 0 ? "" : ", ").append(net.format().decimal(m.point()[j]));
            }
            b.append("): expected ").append(net.format().decimal(m.expected())).append(", network gives ")
                    .append(net.format().decimal(m.actual()));
            o.println(b);
        }
        return MISMATCH;
    }
}

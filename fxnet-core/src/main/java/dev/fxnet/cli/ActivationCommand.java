package dev.fxnet.cli;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.ActivationTable;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.network.NumberSystem;
import dev.fxnet.plot.ActivationPlot;
import dev.fxnet.plot.Charts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fxnet activation NAME}: the rounded activation tau on every code. */
@Command(name = "activation", mixinStandardHelpOptions = true,
        description = "Print the correctly rounded activation tau(z) = rho(sigma(z)) on every code of the format.",
        footer = ActivationCommand.FOOTER)
final class ActivationCommand implements Callable<Integer> {
    /** The text after the options in {@code --help}, line by line as printed. */
    static final String FOOTER = """

            Activations: identity, relu, leaky_relu, sigmoid, tanh, elu, softplus, silu, mish, gelu,
                         gelu_tanh, hardtanh, hardsigmoid, hardswish, step

            CSV columns: z_code,tau_code,z,tau (codes, then exact decimals), one row per code, increasing.
            For a float format (SPEC §8): one row per finite value, increasing; code columns hold bit
            patterns, values are exact decimals or inf, -inf, nan.

            Examples:
              fxnet activation gelu --int-bits 2 --frac-bits 3 --rounding FLOOR --csv
              fxnet activation sigmoid --format e5m2 --csv --plot sigmoid-e5m2.svg\
            """;

    @Parameters(index = "0", paramLabel = "NAME", description = "The activation (see below).")
    String name;

    @Mixin
    ArithmeticOptions options;

    @Option(names = "--csv", description = "Machine-readable CSV instead of the aligned table.")
    boolean csv;

    @Option(names = "--plot", paramLabel = "FILE", description = "Also draw sigma and its staircase tau to FILE (.svg or .png), replaced atomically.")
    Path plot;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (plot != null) {
            Outputs.file("--plot", plot);
            Charts.checkFileName(plot);
        }
        Activation a = ArithmeticOptions.parseOption("NAME", name.toLowerCase(Locale.ROOT), Activations::named);
        Arithmetic ar = options.anyArithmetic(null);
        options.accumulation(null); // does not change tau, but a wrong value is still a mistake
        NumberSystem f = NumberSystem.of(ar);
        ActivationTable table = ActivationTable.of(a, ar);
        if (plot != null) {
            try {
                Charts.save(ActivationPlot.chart(table, ar, modes(ar)), plot);
            } catch (java.nio.file.FileSystemException e) {
                throw new UserException("--plot " + plot + ": " + e.getReason());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (csv) {
            out.println("z_code,tau_code,z,tau");
            StringBuilder b = new StringBuilder();
            for (long k = ar.minCode(); k <= ar.maxCode(); k++) {
                long t = table.tau(k);
                b.setLength(0);
                b.append(f.number(k)).append(',').append(f.number(t)).append(',').append(f.decimal(k)).append(',')
                        .append(f.decimal(t));
                out.println(b);
            }
        } else {
            out.printf(Locale.ROOT, "# %s on %s, %s%n", a.name(), ar.formatName(), modes(ar));
            out.printf(Locale.ROOT, "%12s %14s %22s %14s%n", "z_code", "z", "sigma(z) ~", "tau(z)");
            for (long k = ar.minCode(); k <= ar.maxCode(); k++) {
                long t = table.tau(k);
                out.printf(Locale.ROOT, "%12d %14s %22.15g %14s%n", f.number(k), f.decimal(k),
                        a.applyAsDouble(ar.value(k).doubleValue()), f.decimal(t));
            }
        }
        if (plot != null) {
            spec.commandLine().getErr().println("wrote " + plot);
        }
        return 0;
    }

    /** The rounding and overflow, e.g. {@code HALF_EVEN, SATURATE}. */
    private static String modes(Arithmetic ar) {
        if (ar instanceof FloatArithmetic) {
            FloatArithmetic fa = (FloatArithmetic) ar;
            return fa.rounding() + ", " + fa.overflow();
        }
        FixedPointArithmetic fx = (FixedPointArithmetic) ar;
        return fx.rounding() + ", " + fx.overflow();
    }
}

package dev.fxnet.cli;

import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.FloatArithmetic;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fxnet info FORMAT}: what a fixed-point or floating-point format contains. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Describe a fixed-point format (range, eps, M, number of values, bit layout) or a float format"
                + " (bias, exponent range, largest and smallest values, spacing, special encodings).",
        footer = InfoCommand.FOOTER)
final class InfoCommand implements Callable<Integer> {
    /** The text after the options in {@code --help}, line by line as printed. */
    static final String FOOTER = """

            Examples:
              fxnet info Q3.4
              fxnet info 'ap_fixed<8,4>'
              fxnet info p=2,q=1
              fxnet info e4m3
              fxnet info 'float(3,4,specials=FN)'
              fxnet info --int-bits 2 --frac-bits 1 --encoding TWOS_COMPLEMENT\
            """;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FORMAT",
            description = "p=3,q=4 (symmetric), Q3.4 (ARM) or ap_fixed<8,4> (Xilinx); a float format (binary16, bfloat16, "
                    + "e5m2, e4m3, e3m2, e2m3, e2m1, float(E,M[,bias=B][,specials=IEEE|FN|FINITE])); or use the options.")
    String formatText;

    @Mixin
    ArithmeticOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        FixedPointFormat f;
        if (formatText != null && options.formatGiven()) {
            throw new UserException("give the format either as FORMAT or as options, not both");
        }
        if (formatText != null && ArithmeticOptions.isFloatSpelling(formatText) || formatText == null && options.floatGiven()) {
            if (formatText != null) {
                options.format = formatText;
            }
            // rounding and overflow do not change a format, but a wrong value (INF for e4m3) is still a mistake
            FloatArithmetic ar = (FloatArithmetic) options.anyArithmetic(null);
            options.accumulation(null);
            FloatInfo.print(ar.format(), spec.commandLine().getOut());
            return 0;
        }
        if (formatText != null) {
            f = FixedPointFormat.parse(formatText);
        } else {
            f = options.format(null);
        }
        // rounding, overflow and accumulation do not change a format, but a wrong value is still a mistake
        options.arithmetic(FixedPointArithmetic.of(f));
        options.accumulation(null);
        PrintWriter out = spec.commandLine().getOut();
        out.println("format        " + f);
        out.println("bits          n = 1 + p + q = " + f.totalBits() + " (1 sign, " + f.intBits() + " integer, "
                + f.fracBits() + " fractional)");
        out.println("bit layout    " + f.bitLayout());
        out.println("encoding      " + f.encoding());
        out.println("eps           2^-" + f.fracBits() + " = " + f.eps().toPlainString());
        out.println("M (largest)   " + f.maxValue().toPlainString() + "  (code " + f.maxCode() + ")");
        out.println("smallest      " + f.minValue().toPlainString() + "  (code " + f.minCode() + ")");
        out.println("codes         " + f.minCode() + " .. " + f.maxCode());
        out.println("values |F|    " + f.size());
        out.println("spellings     " + spellings(f));
        return 0;
    }

    private static String spellings(FixedPointFormat f) {
        if (f.encoding() == dev.fxnet.arith.Encoding.SYMMETRIC) {
            return "p=" + f.intBits() + ",q=" + f.fracBits();
        }
        return "Q" + f.intBits() + "." + f.fracBits() + ", ap_fixed<" + f.totalBits() + "," + (f.intBits() + 1) + ">";
    }
}

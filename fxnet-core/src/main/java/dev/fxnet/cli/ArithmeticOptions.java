package dev.fxnet.cli;

import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.arith.FloatOverflow;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.network.NumberSystem;
import picocli.CommandLine.Option;

/**
 * The format and arithmetic options shared by every command. A fixed-point format is given either
 * as {@code --format} (any spelling of SPEC §1) or as {@code --int-bits/--frac-bits/--encoding};
 * unset parts take the defaults {@code p=3, q=3, SYMMETRIC, HALF_EVEN, SATURATE, PER_OP}, or, for
 * commands that read a network, the network's own values. A floating-point format (SPEC §8) is
 * given as {@code --format} with a preset name ({@code e4m3}, {@code binary16}, ...) or
 * {@code float(E,M[,bias=B][,specials=S])}; its overflow modes are {@code SATFINITE} (default),
 * {@code INF} and {@code NAN}, and each system's overflow names are refused for the other.
 */
public final class ArithmeticOptions {
    /** Default integer bits when nothing else says. */
    public static final int DEFAULT_INT_BITS = 3;
    /** Default fractional bits when nothing else says. */
    public static final int DEFAULT_FRAC_BITS = 3;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Format: p=3,q=4 (symmetric), Q3.4 (ARM, two's complement) or ap_fixed<8,4> (Xilinx); "
                    + "or a float format: binary16, bfloat16, e5m2, e4m3, e3m2, e2m3, e2m1 or "
                    + "float(E,M[,bias=B][,specials=IEEE|FN|FINITE]). Excludes --int-bits/--frac-bits/--encoding.")
    String format;

    @Option(names = {"-p", "--int-bits"}, paramLabel = "P", description = "Integer bits p (excluding sign). Default: 3 (eval, export: the network file's).")
    Integer intBits;

    @Option(names = {"-q", "--frac-bits"}, paramLabel = "Q", description = "Fractional bits q. Default: 3 (eval, export: the network file's).")
    Integer fracBits;

    @Option(names = "--encoding", paramLabel = "ENC", description = "SYMMETRIC (default) or TWOS_COMPLEMENT.")
    String encoding;

    @Option(names = "--rounding", paramLabel = "MODE",
            description = "HALF_EVEN (default), HALF_UP, HALF_DOWN, HALF_CEILING, HALF_FLOOR, UP, DOWN, CEILING, FLOOR, "
                    + "or an alias such as AP_RND_CONV, AP_TRN, Convergent, Nearest.")
    String rounding;

    @Option(names = "--overflow", paramLabel = "MODE", description = "SATURATE (default) or WRAP (two's complement only); "
            + "for a float format SATFINITE (default), INF (specials=IEEE) or NAN (specials=FN).")
    String overflow;

    @Option(names = "--accumulation", paramLabel = "MODE", description = "PER_OP (default, every operation rounded) or WIDE.")
    String accumulation;

    /** Whether any format part was given on the command line. */
    public boolean formatGiven() {
        return format != null || intBits != null || fracBits != null || encoding != null;
    }

    /** Whether any option at all was given. */
    public boolean anyGiven() {
        return formatGiven() || rounding != null || overflow != null || accumulation != null;
    }

    /**
     * Whether {@code text} names a floating-point format (SPEC §8): a preset name, or a spelling
     * that starts with {@code float(} (which the float parser then accepts or refuses with its reason).
     */
    static boolean isFloatSpelling(String text) {
        return FloatFormat.isFloatSpelling(text);
    }

    /** Whether {@code --format} names a floating-point format. */
    public boolean floatGiven() {
        return format != null && isFloatSpelling(format);
    }

    /**
     * Refuses a floating-point {@code --format} for a command (or stage) that computes in fixed point
     * only so far.
     *
     * @throws UserException naming the stage, the format and the reason
     */
    void refuseFloat(String stage, String reason) {
        if (floatGiven()) {
            throw new UserException(stage + " does not support floating-point formats yet (--format " + format.trim()
                    + "): " + reason);
        }
    }

    /** The floating-point format of {@code --format}, refusing {@code --int-bits/--frac-bits/--encoding} with it. */
    FloatFormat floatFormat() {
        if (intBits != null || fracBits != null || encoding != null) {
            throw new IllegalArgumentException("--format cannot be combined with --int-bits, --frac-bits or --encoding");
        }
        return parseOption("--format", format, FloatFormat::parse);
    }

    /**
     * The arithmetic from the options in either number system, with {@code base} (or the defaults, if
     * null) for unset parts: a floating-point arithmetic when {@code --format} names a float format or
     * {@code base} is one and no format option is given, else fixed point.
     *
     * @throws IllegalArgumentException naming the option, for a bad value, an overflow mode of the
     *     other number system, or a format of the other number system than {@code base}'s
     */
    public Arithmetic anyArithmetic(Arithmetic base) {
        boolean floatBase = base instanceof FloatArithmetic;
        if (base != null && formatGiven() && floatGiven() != floatBase) {
            throw new IllegalArgumentException((format != null ? "--format " + format.trim() : "--int-bits/--frac-bits/--encoding")
                    + ": the network is in " + base.formatName() + "; its parameters cannot be read in a "
                    + (floatBase ? "fixed-point" : "floating-point") + " format");
        }
        if (!floatGiven() && !floatBase) {
            return arithmetic((FixedPointArithmetic) base);
        }
        FloatArithmetic fb = floatBase ? (FloatArithmetic) base : null;
        FloatFormat f = format != null ? floatFormat() : fb.format();
        if (fb != null && !f.equals(fb.format())) {
            throw new IllegalArgumentException("--format " + format.trim() + ": the network's parameters are bit patterns "
                    + "of " + fb.format() + "; another float format would read them as other values");
        }
        Rounding r = rounding != null ? parseOption("--rounding", rounding, Rounding::parse)
                : fb != null ? fb.rounding() : Rounding.HALF_EVEN;
        FloatOverflow o = overflow != null ? parseOption("--overflow", overflow, NumberSystem::floatOverflow)
                : fb != null ? fb.overflow() : FloatOverflow.SATFINITE;
        try {
            return FloatArithmetic.of(f, r, o);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("--overflow: " + ex.getMessage());
        }
    }

    /** The format from the options, with {@code base} (or the defaults, if null) for unset parts. */
    public FixedPointFormat format(FixedPointFormat base) {
        if (format != null) {
            if (intBits != null || fracBits != null || encoding != null) {
                throw new IllegalArgumentException("--format cannot be combined with --int-bits, --frac-bits or --encoding");
            }
            return FixedPointFormat.parse(format);
        }
        int p = intBits != null ? intBits : base != null ? base.intBits() : DEFAULT_INT_BITS;
        int q = fracBits != null ? fracBits : base != null ? base.fracBits() : DEFAULT_FRAC_BITS;
        Encoding e = encoding != null ? Encoding.parse(encoding) : base != null ? base.encoding() : Encoding.SYMMETRIC;
        try {
            return FixedPointFormat.of(p, q, e);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("--int-bits/--frac-bits: " + ex.getMessage());
        }
    }

    /** The arithmetic from the options, with {@code base} (or the defaults, if null) for unset parts. */
    public FixedPointArithmetic arithmetic(FixedPointArithmetic base) {
        FixedPointFormat f = format(base == null ? null : base.format());
        Rounding r = rounding != null ? parseOption("--rounding", rounding, Rounding::parse)
                : base != null ? base.rounding() : Rounding.HALF_EVEN;
        Overflow o = overflow != null ? parseOption("--overflow", overflow, NumberSystem::fixedOverflow)
                : base != null ? base.overflow() : Overflow.SATURATE;
        try {
            return FixedPointArithmetic.of(f, r, o);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("--overflow: " + ex.getMessage());
        }
    }

    /** The arithmetic from the options and the defaults. */
    public FixedPointArithmetic arithmetic() {
        return arithmetic(null);
    }

    /** The accumulation from the options, or {@code base} (or {@code PER_OP}, if null). */
    public Accumulation accumulation(Accumulation base) {
        return accumulation != null ? parseOption("--accumulation", accumulation, Accumulation::parse)
                : base != null ? base : Accumulation.PER_OP;
    }

    /**
     * The network with the arithmetic and accumulation options applied on top of its own (the
     * network itself when no option was given); a note naming the override goes to {@code err}. A
     * format of the other number system than the network's is refused (its parameters would be
     * reread as something else).
     */
    dev.fxnet.network.Network override(dev.fxnet.network.Network net, String verb, java.io.PrintWriter err) {
        if (!anyGiven()) {
            return net;
        }
        Arithmetic ar = anyArithmetic(net.arithmetic());
        dev.fxnet.network.Network n = dev.fxnet.network.Network.of(ar, accumulation(net.accumulation()),
                net.activation(), net.inputs(), net.layers(), net.meta());
        err.println("note: " + verb + " under " + ar + " " + n.accumulation() + " (overriding the file)");
        return n;
    }

    static <T> T parseOption(String option, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }
}

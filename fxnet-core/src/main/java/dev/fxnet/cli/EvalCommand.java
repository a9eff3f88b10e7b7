package dev.fxnet.cli;

import dev.fxnet.engine.Engine;
import dev.fxnet.eval.OutputDigest;
import dev.fxnet.engine.RangeResult;
import dev.fxnet.engine.RangeVerification;
import dev.fxnet.eval.FastEvaluator;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.network.Network;
import dev.fxnet.network.NetworkJson;
import dev.fxnet.network.NumberSystem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fxnet eval NET.json}: run a network bit-exactly on one input or on all of F^d. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a network file (SPEC §5) bit-exactly, on one input or on every point of F^d.",
        footer = EvalCommand.FOOTER)
final class EvalCommand implements Callable<Integer> {
    /** The text after the options in {@code --help}, line by line as printed. */
    static final String FOOTER = """

            Arithmetic options given here override the network file's own (a note goes to stderr).
            With --all --csv: header x0_code,...,x{d-1}_code,y_code (y0_code,... for several outputs), one \
            row
            per point of F^d in lexicographic order of codes, x0 slowest. With --all alone: the SPEC §5a \
            table
            x0,...,y in exact decimals. For a float format (SPEC §8) F is every finite value once, \
            increasing;
            code columns hold bit patterns and values are exact decimals or inf, -inf, nan.

            Examples:
              fxnet eval net.json --input 0.5
              fxnet eval net.json --all --csv\
            """;

    @Parameters(index = "0", paramLabel = "NET.json", description = "The network file.")
    Path file;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--input", paramLabel = "v1,...,vd",
                description = "One input point as decimal values on the grid, e.g. 0.5,-1.25.")
        String inputText;

        @Option(names = "--all", description = "Every point of F^d.")
        boolean all;
    }

    @Option(names = "--csv", description = "Integer codes as CSV.")
    boolean csv;

    @Option(names = "--digest", description = "With --all: print only the number of points and a 64-bit digest of "
            + "all outputs (the same for every engine and every cut into ranges; docs/SCALE.md).")
    boolean digest;

    @Mixin
    EngineOptions engine;

    @Mixin
    ArithmeticOptions options;

    @Mixin
    QuietOption quiet;

    @Mixin
    ForceOption force;

    @Spec
    CommandSpec spec;

    /** The points of the first block of {@code --all}; blocks double while one takes under half of {@link #BLOCK_NANOS}. */
    static final long MIN_BLOCK = 64;
    /** The largest block of {@code --all}. */
    static final long MAX_BLOCK = 1 << 16;
    /** About the longest a block of {@code --all} should take, so that output (and a closed pipe) is seen that often. */
    static final long BLOCK_NANOS = 200_000_000L;

    @Override
    public Integer call() throws IOException {
        Outputs.stdoutNotInput("NET.json", file);
        Network net = NetworkJson.read(file);
        net = options.override(net, "evaluating", spec.commandLine().getErr());
        NumberSystem f = NumberSystem.of(net.arithmetic());
        FastEvaluator ev = new FastEvaluator(net);
        PrintWriter out = spec.commandLine().getOut();
        int d = net.inputs();
        int m = net.outputs();
        if (target.inputText != null) {
            String[] input = target.inputText.split(",", -1);
            if (input.length != d) {
                throw new UserException("--input: the network has " + d + " input" + (d == 1 ? "" : "s") + ", got "
                        + input.length + " value" + (input.length == 1 ? "" : "s"));
            }
            long[] x = new long[d];
            for (int i = 0; i < d; i++) {
                try {
                    x[i] = f.parseValue(input[i]);
                } catch (IllegalArgumentException e) {
                    throw new UserException("--input value " + (i + 1) + ": " + e.getMessage());
                }
            }
            if (digest || !engine.local()) {
                throw new UserException((digest ? "--digest" : "--engine") + " needs --all");
            }
            long[] y = ev.evaluate(x);
            if (csv) {
                out.println(header(d, m, true));
                out.println(row(x, y, f, true));
            } else {
                for (int o = 0; o < m; o++) {
                    out.println((m == 1 ? "y" : "y" + o) + " = " + f.decimal(y[o]) + "  (code " + f.number(y[o]) + ")");
                }
            }
            return 0;
        }
        InputSpace space = InputSpace.of(net.arithmetic(), d);
        force.check("evaluating", space.size(), net.size().parameters());
        if (digest) {
            if (csv) {
                throw new UserException("--digest prints one line, points=N outputs=M digest=HEX; drop --csv");
            }
            return digest(net, space, out);
        }
        if (!engine.local()) {
            throw new UserException("--engine " + engine.engine + ": eval --all streams every row from this JVM;"
                    + " add --digest for the counting form, or drop --engine/--master");
        }
        // streamed: the header at once, then the rows block by block as they are evaluated (each
        // block in parallel), so that a reader who closes the pipe stops fxnet within a block
        out.println(header(d, m, csv));
        out.flush();
        long n = space.size();
        int[] block = new int[(int) Math.min(n, MAX_BLOCK) * m];
        long[] x = new long[d];
        long[] y = new long[m];
        try (Progress p = Progress.of("eval", n, "points", Math.max(1, net.size().parameters() / 64),
                spec.commandLine().getErr(), quiet.quiet)) {
            long size = MIN_BLOCK;
            for (long from = 0; from < n; ) {
                long to = Math.min(n, from + size);
                long t0 = System.nanoTime();
                ev.evaluateRange(from, to, block, p::step);
                for (long i = from; i < to; i++) {
                    space.point(i, x);
                    for (int o = 0; o < m; o++) {
                        y[o] = block[(int) ((i - from) * m + o)];
                    }
                    out.println(row(x, y, f, csv));
                }
                out.flush();
                if (System.nanoTime() - t0 < BLOCK_NANOS / 2 && size < MAX_BLOCK) {
                    size *= 2;
                }
                from = to;
            }
        }
        return 0;
    }

    /**
     * {@code --all --digest}: every point evaluated through the engine, printed as
     * {@code points=N outputs=M digest=HEX} ({@link OutputDigest}).
     */
    private int digest(Network net, InputSpace space, PrintWriter out) {
        RangeResult r;
        try (Progress p = Progress.of("eval", space.size(), "points", Math.max(1, net.size().parameters() / 64),
                spec.commandLine().getErr(), quiet.quiet);
                Engine e = engine.open(Runtime.getRuntime().availableProcessors())) {
            r = RangeVerification.verify(e, net, null, 0, p::step);
        }
        out.println("points=" + r.points() + " outputs=" + net.outputs() + " digest=" + OutputDigest.hex(r.digest()));
        return 0;
    }

    static String header(int d, int m, boolean codes) {
        StringBuilder b = new StringBuilder();
        String suffix = codes ? "_code" : "";
        for (int i = 0; i < d; i++) {
            b.append('x').append(i).append(suffix).append(',');
        }
        for (int o = 0; o < m; o++) {
            b.append(m == 1 ? "y" : "y" + o).append(suffix).append(o + 1 < m ? "," : "");
        }
        return b.toString();
    }

    static String row(long[] x, long[] y, NumberSystem f, boolean codes) {
        StringBuilder b = new StringBuilder();
        for (long v : x) {
            b.append(codes ? Long.toString(f.number(v)) : f.decimal(v)).append(',');
        }
        for (int o = 0; o < y.length; o++) {
            b.append(codes ? Long.toString(f.number(y[o])) : f.decimal(y[o])).append(o + 1 < y.length ? "," : "");
        }
        return b.toString();
    }
}

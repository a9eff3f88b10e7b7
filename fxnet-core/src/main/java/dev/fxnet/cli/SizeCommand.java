package dev.fxnet.cli;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.construct.CompileOptions;
import dev.fxnet.construct.Compiler;
import dev.fxnet.target.FunctionTable;
import dev.fxnet.gadget.Setting;
import dev.fxnet.construct.SizeReport;
import dev.fxnet.construct.Strategy;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.network.NumberSystem;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fxnet size}: network sizes of the strategies over a grid of (p, q, d), against the lower bound. */
@Command(name = "size", mixinStandardHelpOptions = true,
        description = SizeCommand.DESCRIPTION,
        footer = SizeCommand.FOOTER)
final class SizeCommand implements Callable<Integer> {
    /** What the command does, the first paragraph of {@code --help}. */
    static final String DESCRIPTION = """
            Compile random tables (and, with --table-kind structured, a step-shaped table) for every (p, \
            q, d, strategy) of a grid, verify each network, and print neurons, depth, widest layer, \
            parameters, the counting lower bound |F|^d and the ratio, as Markdown or CSV.\
            """;

    /** The text after the options in {@code --help}, line by line as printed. */
    static final String FOOTER = """

            Grid points with more than --max-points points are skipped. With a floating-point --format
            (e4m3, e2m1, float(E,M,...); SPEC §8) the grid is that one format over --grid-dims: F is its
            finite values, the tables are random (or structured) over them, and the first columns are
            format and d instead of p, q and d (docs/float/compile.md).

            Examples:
              fxnet size --act relu --grid-p 1,2,3 --grid-q 1,2 --grid-dims 1,2
              fxnet size --act gelu --grid-p 3 --grid-q 3 --grid-dims 2 --csv
              fxnet size --act relu --format e2m3 --grid-dims 1,2\
            """;

    @Option(names = "--act", defaultValue = "relu", paramLabel = "NAME", description = "The activation (default relu).")
    String act;

    @Option(names = "--grid-p", split = ",", defaultValue = "1,2,3", paramLabel = "P,..", description = "Integer bits (default 1,2,3).")
    List<Integer> ps;

    @Option(names = "--grid-q", split = ",", defaultValue = "1,2,3", paramLabel = "Q,..", description = "Fractional bits (default 1,2,3).")
    List<Integer> qs;

    @Option(names = "--grid-dims", split = ",", defaultValue = "1,2", paramLabel = "D,..", description = "Dimensions (default 1,2).")
    List<Integer> ds;

    @Option(names = "--strategies", split = ",", defaultValue = "cubes,boxes,steps", paramLabel = "S,..", description = "Strategies (default cubes,boxes,steps); 'binary' adds the binary-weight construction (weights +-1; any d, docs/THEORY.md §6), measured against |F|^d log2|F| one-bit weights.")
    List<String> strategies;

    @Option(names = "--table-kind", defaultValue = "random", paramLabel = "KIND",
            description = "random (uniform values) or structured (value M on the quarter x0 >= 0, x{d-1} >= 0, else 0).")
    String kind;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random tables (default 1).")
    long seed;

    @Option(names = "--max-points", defaultValue = "65536", description = "Skip grids with more points (default 65536).")
    long maxPoints;

    @Option(names = "--domain", paramLabel = "R", description = DomainOption.HELP
            + " size draws the random table on those points (0 outside) and sets the size against their count.")
    String domain;

    @Option(names = "--csv", description = "CSV instead of a Markdown table.")
    boolean csv;

    @Mixin
    ArithmeticOptions options;

    @Mixin
    QuietOption quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // check every option and every format of the grid before printing anything
        checkScalarOptions();
        Accumulation accumulation = options.accumulation(null);
        List<Arithmetic> grid = grid();
        if (!kind.equals("random") && !kind.equals("structured")) {
            throw new UserException("--table-kind must be random or structured, was '" + kind + "'");
        }
        List<Strategy> sts = strategies();
        if (domain != null) {
            if (!kind.equals("random")) {
                throw new UserException("--domain takes --table-kind random only, was '" + kind + "'");
            }
            for (Arithmetic ar : grid) {
                for (int d : ds) {
                    DomainOption.space(domain, ar, d); // refuses a fixed-point format or a value not in the format
                }
            }
        }
        PrintWriter o = spec.commandLine().getOut();
        header(o);
        Progress progress = Progress.of("size", (long) grid.size() * ds.size() * sts.size(), "rows", 1,
                spec.commandLine().getErr(), quiet.quiet);
        for (Arithmetic ar : grid) {
            for (int d : ds) {
                rows(o, ar, accumulation, d, sts, progress);
            }
        }
        progress.close();
        return 0;
    }

    /** Refuses the options that do not apply, dimensions below 1, a non-positive --max-points, an unknown --act. */
    private void checkScalarOptions() {
        if (options.floatGiven()) {
            if (options.intBits != null || options.fracBits != null || options.encoding != null) {
                throw new UserException("size with a floating-point --format takes no --int-bits, --frac-bits or --encoding");
            }
            if (strategies.stream().anyMatch(st -> st.trim().equalsIgnoreCase("binary"))) {
                throw new UserException("--strategies binary: the binary-weight construction is fixed point only"
                        + " (its construction rests on fixed-point facts)");
            }
        } else if (options.format != null || options.intBits != null || options.fracBits != null) {
            throw new UserException("size takes the formats from --grid-p and --grid-q (with --encoding); "
                    + "--format, --int-bits and --frac-bits do not apply");
        }
        for (int d : ds) {
            if (d < 1) {
                throw new UserException("--grid-dims: dimensions must be >= 1, was " + d);
            }
        }
        if (maxPoints < 1) {
            throw new UserException("--max-points must be >= 1, was " + maxPoints);
        }
        Activations.named(act);
    }

    /**
     * The arithmetics of the grid, p slowest: every (p, q) with --encoding and the arithmetic options;
     * or the one floating-point format of --format.
     */
    private List<Arithmetic> grid() {
        if (options.floatGiven()) {
            Arithmetic ar = options.anyArithmetic(null);
            Compiler.checkFloat(ar, false);
            return List.of(ar);
        }
        String enc = options.encoding == null ? "SYMMETRIC" : options.encoding;
        List<Arithmetic> grid = new ArrayList<>();
        for (int p : ps) {
            for (int q : qs) {
                FixedPointFormat f;
                try {
                    f = FixedPointFormat.of(p, q, Encoding.parse(enc));
                } catch (IllegalArgumentException e) {
                    throw new UserException("--grid-p/--grid-q: " + e.getMessage());
                }
                grid.add(options.arithmetic(FixedPointArithmetic.of(f)));
            }
        }
        return grid;
    }

    /** The strategies of --strategies in order; null stands for the binary construction. */
    private List<Strategy> strategies() {
        List<Strategy> sts = new ArrayList<>();
        for (String s : strategies) {
            try {
                sts.add(s.trim().equalsIgnoreCase("binary") ? null : Strategy.parse(s));
            } catch (IllegalArgumentException e) {
                throw new UserException("--strategies: " + e.getMessage() + ", or binary");
            }
        }
        return sts;
    }

    private void header(PrintWriter o) {
        String[] head = options.floatGiven()
            ? new String[] {"format", "d", "strategy", "points", "neurons", "depth", "widest", "parameters",
                "lower_bound", "ratio"}
            : new String[] {"p", "q", "d", "strategy", "points", "neurons", "depth", "widest", "parameters",
            "lower_bound", "ratio"};
        if (csv) {
            o.println(String.join(",", head));
        } else {
            o.println("| " + String.join(" | ", head) + " |");
            o.println("|" + "---|".repeat(head.length));
        }
    }

    /** The rows of one grid point (ar, d): one per strategy, or one "skipped" row if it has too many points. */
    private void rows(PrintWriter o, Arithmetic ar, Accumulation accumulation, int d, List<Strategy> sts,
            Progress progress) {
        long points = InputSpace.countSaturated(ar, d);
        if (points > maxPoints) {
            row(o, cells(ar, d, "-", points == Long.MAX_VALUE ? ar.size() + "^" + d : Long.toString(points),
                    "skipped", "", "", "", "", ""));
            progress.step(sts.size());
            return;
        }
        Setting s = Setting.of(ar, accumulation, Activations.named(act));
        s.machine(); // refuses a format too large for the gadget search now, as before any work
        InputSpace within = domain == null ? null : DomainOption.space(domain, ar, d);
        FunctionTable t = table(ar, d, within);
        for (Strategy st : sts) {
            row(o, cells(t, s, st, within));
            progress.step(1);
        }
    }

    /**
     * The random table (or, with --table-kind structured, the step-shaped one) on F^d; with a domain
     * ({@code within} not null), random on its points and 0 outside.
     */
    private FunctionTable table(Arithmetic ar, int d, InputSpace within) {
        if (within != null) {
            return FunctionTable.of(ar, d, FloatTargetTable.extendByZero(within,
                    FloatTargetTable.random(NumberSystem.of(ar), within, seed), InputSpace.of(ar, d)));
        }
        if (kind.equals("random")) {
            return ar instanceof FixedPointArithmetic fp ? FunctionTable.random(fp.format(), d, seed)
                    : FunctionTable.of(ar, d, FloatTargetTable.random(NumberSystem.of(ar), d, seed));
        }
        long top = ar.maxCode();
        if (ar instanceof FixedPointArithmetic fp) {
            return FunctionTable.fromCodes(fp.format(), d, x -> x[0] >= 0 && x[x.length - 1] >= 0 ? top : 0);
        }
        InputSpace space = InputSpace.of(ar, d);
        int[] codes = new int[(int) space.size()];
        long[] x = new long[d];
        for (int i = 0; i < codes.length; i++) {
            space.point(i, x);
            codes[i] = x[0] >= 0 && x[d - 1] >= 0 ? (int) top : 0;
        }
        return FunctionTable.of(ar, d, codes);
    }

    /**
     * The cells of one row: the compiled network's size against the lower bound (of the domain's points
     * when {@code within} is not null), or "refused" (reason to stderr).
     */
    private String[] cells(FunctionTable t, Setting s, Strategy st, InputSpace within) {
        Arithmetic ar = t.grid();
        int d = t.dims();
        String id = st == null ? "binary" : st.id();
        long points = within == null ? t.size() : within.size();
        try {
            SizeReport r = Compiler.compile(t, s,
                    CompileOptions.defaults().withStrategy(st).withBinaryWeights(st == null))
                    .size();
            if (within != null) { // the counting bound of functions on the domain points
                r = r.onDomain(ar.size(), points);
            }
            return cells(ar, d, id, "" + points, "" + r.neurons(), "" + r.depth(), "" + r.widestLayer(),
                    "" + r.parameters(), String.format(Locale.ROOT, "%.0f", r.lowerBound()),
                    String.format(Locale.ROOT, "%.3f", r.ratio()));
        } catch (IllegalArgumentException refused) {
            spec.commandLine().getErr().println(lead(ar, d) + ": " + refused.getMessage());
            return cells(ar, d, id, "" + points, "refused", "", "", "", "", "");
        }
    }

    /** The grid point's name in messages: {@code p=P,q=Q,d=D} or {@code FORMAT,d=D}. */
    private static String lead(Arithmetic ar, int d) {
        return ar instanceof FixedPointArithmetic fp
                ? "p=" + fp.format().intBits() + ",q=" + fp.format().fracBits() + ",d=" + d
                : ar.formatName() + ",d=" + d;
    }

    /** A row: the grid point's leading cells (p, q, d; or format, d), then {@code rest}. */
    private static String[] cells(Arithmetic ar, int d, String... rest) {
        List<String> c = new ArrayList<>();
        if (ar instanceof FixedPointArithmetic fp) {
            c.add("" + fp.format().intBits());
            c.add("" + fp.format().fracBits());
        } else {
            c.add(ar.formatName());
        }
        c.add("" + d);
        c.addAll(List.of(rest));
        return c.toArray(new String[0]);
    }

    private void row(PrintWriter o, String[] cells) {
        o.println(csv ? String.join(",", cells) : "| " + String.join(" | ", cells) + " |");
        o.flush();
    }
}

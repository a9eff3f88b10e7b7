package dev.fxnet.cli;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.construct.Compiler;
import dev.fxnet.engine.Engine;
import dev.fxnet.engine.SettingKey;
import dev.fxnet.gadget.Question;
import dev.fxnet.gadget.Setting;
import dev.fxnet.construct.Strategy;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
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

    @Option(names = "--strategies", split = ",", defaultValue = "cubes,boxes,steps,columns", paramLabel = "S,..", description = "Strategies (default cubes,boxes,steps,columns); 'binary' adds the binary-weight construction (weights +-1; any d, docs/THEORY.md §6), measured against |F|^d log2|F| one-bit weights.")
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

    @Mixin
    EngineOptions engine;

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
        List<String> ids = new ArrayList<>();
        for (Strategy st : sts) {
            ids.add(st == null ? "binary" : st.id());
        }
        List<SizeGridPoint> points = new ArrayList<>();
        for (Arithmetic ar : grid) {
            for (int d : ds) {
                Question q = Question.of(Setting.of(ar, accumulation, Activations.named(act)), false, d);
                points.add(new SizeGridPoint(SettingKey.of(q), ids, kind, seed, domain, maxPoints));
            }
        }
        run(o, points, progress);
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

    /**
     * The grid points in output order. With the in-JVM engine they run one after another here and
     * their rows are printed as they come (as always); with another engine they run there and are
     * printed when all are done.
     */
    private void run(PrintWriter o, List<SizeGridPoint> points, Progress progress) {
        java.util.function.Consumer<SizeRow> print = r -> {
            if (!r.refusal().isEmpty()) {
                spec.commandLine().getErr().println(r.refusal());
            }
            row(o, r.cells().toArray(new String[0]));
        };
        if (engine.local()) {
            for (SizeGridPoint p : points) {
                p.rows(print, progress::step);
            }
            return;
        }
        for (SizeGridPoint p : points) {
            p.setting().question().setting().machine(); // refuses a format too large before any work
        }
        try (Engine e = engine.open(Runtime.getRuntime().availableProcessors())) {
            for (List<SizeRow> rows : e.run(points, new SizeGridPoint.Rows(), progress::step)) {
                rows.forEach(print);
            }
        }
    }

    private void row(PrintWriter o, String[] cells) {
        o.println(csv ? String.join(",", cells) : "| " + String.join(" | ", cells) + " |");
        o.flush();
    }
}

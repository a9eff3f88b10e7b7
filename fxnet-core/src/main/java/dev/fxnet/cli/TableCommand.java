package dev.fxnet.cli;

import dev.fxnet.engine.Engine;
import dev.fxnet.engine.VerdictRow;
import dev.fxnet.engine.VerdictSweep;
import dev.fxnet.gadget.Question;
import dev.fxnet.activation.Activation;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.arith.FloatOverflow;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.theory.ArithmeticGrid;
import dev.fxnet.theory.Verdict;
import dev.fxnet.theory.VerdictTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code fxnet table}: verdicts over a grid of settings.
 *
 * <p>Unlike {@code eval --all} and {@code activation}, which stream, {@code table} prints only
 * after every row is decided (the rows are computed in parallel and printed in grid order, and
 * the Markdown and CSV forms are laid out from all rows). That is by design: rows are slow, few and
 * their progress is shown on stderr; so a reader who closes the pipe early is noticed only when the
 * table is printed.
 */
@Command(name = "table", mixinStandardHelpOptions = true,
        description = "Universal-representation verdicts over a grid of settings, as Markdown (default) or CSV.",
        footer = {"", "Without grid options: the paper's headline, i.e. sigmoid, relu, elu, softplus,",
                "silu, mish, gelu and identity at p = q = 1, 2, 3, both encodings, SATURATE only,",
                "all nine roundings, PER_OP: 432 rows, about 1.5 minutes on 2 cores. (The verdict",
                "table of `fxnet report` adds WRAP for TWOS_COMPLEMENT: 648 rows.)",
                "A grid option that is not given takes: the paper's activations, --int-bits 3,",
                "--frac-bits 3, SYMMETRIC, SATURATE, HALF_EVEN. WRAP is paired with",
                "TWOS_COMPLEMENT only.", "",
                "--format (repeatable) adds formats of either number system: a fixed-point",
                "spelling (p=3,q=4, Q3.4, ap_fixed<8,4>) or a float format (e2m1, e4m3,",
                "float(E,M[,bias=B][,specials=S]), ...). Without --int-bits/--frac-bits/",
                "--encodings only the --format formats are used; with them, the p/q grid comes",
                "first, then the --format formats in the order given. --overflows lists modes",
                "of both systems: fixed formats take SATURATE/WRAP (default SATURATE), float",
                "formats SATFINITE/INF/NAN (default SATFINITE); INF pairs only with",
                "specials=IEEE, NAN only with specials=FN. For a float format the columns",
                "intBits, fracBits and encoding are empty; the column format names every",
                "format (float(E,M,bias=B,specials=S), or p=P,q=Q,ENCODING).", "",
                "CSV columns: " + VerdictTable.HEADER, "", "Examples:", "  fxnet table",
                "  fxnet table --csv --activations all --int-bits 0,1 --frac-bits 0,1 --encodings all "
                        + "--overflows all --roundings all",
                "  fxnet table --activations relu,gelu --int-bits 1,2,3,4 --frac-bits 2 --binary",
                "  fxnet table --format e2m1 --format e3m2 --activations all --roundings HALF_EVEN"})
final class TableCommand implements Callable<Integer> {
    @Option(names = "--activations", paramLabel = "all|a,b,...", description = "Activations (default: the paper's).")
    String activations;

    @Option(names = "--int-bits", paramLabel = "P,...", split = ",", description = "Integer bits (default 3).")
    List<Integer> intBits;

    @Option(names = "--frac-bits", paramLabel = "Q,...", split = ",", description = "Fractional bits (default 3).")
    List<Integer> fracBits;

    @Option(names = "--encodings", paramLabel = "all|...", description = "Encodings (default SYMMETRIC).")
    String encodings;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "A format of either number system (repeatable): p=3,q=4, Q3.4, ap_fixed<8,4>, e2m1, e4m3, "
                    + "float(E,M[,bias=B][,specials=IEEE|FN|FINITE]), ...")
    List<String> formats;

    @Option(names = "--overflows", paramLabel = "all|...",
            description = "Overflow modes (default SATURATE for fixed point, SATFINITE for floats).")
    String overflows;

    @Option(names = "--roundings", paramLabel = "all|...", description = "Rounding modes (default HALF_EVEN).")
    String roundings;

    @Option(names = "--accumulation", paramLabel = "MODE", description = "PER_OP (default) or WIDE.")
    String accumulation;

    @Option(names = "--dims", paramLabel = "D", defaultValue = "1",
            description = "Dimension for the size columns (verdicts hold for every d; with --binary, for this d).")
    int dims;

    @Option(names = "--binary", description = "Binary weights (+-1, dense layers); the verdicts are then about dimension --dims.")
    boolean binary;

    @Option(names = "--csv", description = "CSV instead of Markdown.")
    boolean csv;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Mixin
    QuietOption quiet;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (dims < 1) {
            throw new UserException("--dims must be >= 1, was " + dims);
        }
        if (threads != null && threads < 1) {
            throw new UserException("--threads must be >= 1, was " + threads);
        }
        boolean anyGrid = activations != null || intBits != null || fracBits != null || encodings != null
                || overflows != null || roundings != null || accumulation != null || binary || formats != null;
        VerdictTable grid;
        if (!anyGrid) {
            grid = VerdictTable.defaultGrid();
        } else {
            List<Activation> acts = activations == null ? paper()
                    : list("--activations", activations, Activations.builtIns(), Activations::named);
            grid = VerdictTable.of(acts, arithmeticGrid(), accumulation == null ? Accumulation.PER_OP
                    : ArithmeticOptions.parseOption("--accumulation", accumulation, Accumulation::parse),
                    binary);
            if (grid.questions(1).isEmpty()) {
                throw new UserException("the grid is empty (WRAP pairs only with TWOS_COMPLEMENT, INF only with"
                        + " specials=IEEE, NAN only with specials=FN)");
            }
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        List<Question> questions = grid.questions(dims);
        List<VerdictRow> rows;
        try (Progress p = Progress.of("table", questions.size(), "rows", 1, spec.commandLine().getErr(),
                quiet.quiet); Engine e = engine.open(n)) {
            rows = VerdictSweep.run(e, questions, p::step);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (csv) {
            out.print(csv(rows, dims));
        } else {
            out.print(markdown(questions, rows, dims));
        }
        return 0;
    }

    /**
     * The formats (the p/q grid when --int-bits, --frac-bits or --encodings is given or no --format is,
     * then the --format formats), the overflow modes of each number system and the roundings.
     */
    private ArithmeticGrid arithmeticGrid() {
        checkBits("--int-bits", intBits);
        checkBits("--frac-bits", fracBits);
        List<Object> all = new ArrayList<>();
        if (formats == null || intBits != null || fracBits != null || encodings != null) {
            List<Encoding> encs = encodings == null ? List.of(Encoding.SYMMETRIC)
                    : list("--encodings", encodings, Arrays.asList(Encoding.values()), Encoding::parse);
            for (int p : intBits == null ? List.of(3) : intBits) {
                for (int q : fracBits == null ? List.of(3) : fracBits) {
                    for (Encoding e : encs) {
                        all.add(ArithmeticOptions.parseOption("--int-bits/--frac-bits", p + "," + q,
                                x -> FixedPointFormat.of(p, q, e)));
                    }
                }
            }
        }
        for (String f : formats == null ? List.<String>of() : formats) {
            all.add(FloatFormat.isFloatSpelling(f)
                    ? ArithmeticOptions.parseOption("--format", f, FloatFormat::parse)
                    : ArithmeticOptions.parseOption("--format", f, FixedPointFormat::parse));
        }
        List<Overflow> fixed = new ArrayList<>();
        List<FloatOverflow> floats = new ArrayList<>();
        if (overflows != null && overflows.trim().equalsIgnoreCase("all")) {
            fixed.addAll(Arrays.asList(Overflow.values()));
            floats.addAll(Arrays.asList(FloatOverflow.values()));
        } else if (overflows != null) {
            for (String o : list("--overflows", overflows, List.of(), x -> x)) {
                if (isFloatOverflow(o)) {
                    floats.add(FloatOverflow.parse(o));
                } else {
                    fixed.add(ArithmeticOptions.parseOption("--overflows", o, x -> {
                        try {
                            return Overflow.parse(x);
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException("unknown overflow mode '" + x + "'; expected SATURATE or WRAP"
                                    + " (fixed point), SATFINITE, INF or NAN (floating point), or all");
                        }
                    }));
                }
            }
        }
        if (overflows != null) {
            // a listed mode never silently gives way to the other number system's default
            if (fixed.isEmpty() && all.stream().anyMatch(f -> f instanceof FixedPointFormat)) {
                throw new UserException("--overflows '" + overflows.trim() + "' lists no mode for the fixed-point formats"
                        + " of the grid; add SATURATE or WRAP");
            }
            if (floats.isEmpty() && all.stream().anyMatch(f -> f instanceof FloatFormat)) {
                throw new UserException("--overflows '" + overflows.trim() + "' lists no mode for the float formats"
                        + " of the grid; add SATFINITE, INF or NAN");
            }
        }
        return new ArithmeticGrid(all, fixed.isEmpty() ? List.of(Overflow.SATURATE) : fixed,
                floats.isEmpty() ? List.of(FloatOverflow.SATFINITE) : floats,
                roundings == null ? List.of(Rounding.HALF_EVEN)
                        : list("--roundings", roundings, Arrays.asList(Rounding.values()), Rounding::parse));
    }

    private static boolean isFloatOverflow(String text) {
        for (FloatOverflow o : FloatOverflow.values()) {
            if (o.name().equalsIgnoreCase(text.trim())) {
                return true;
            }
        }
        return false;
    }

    /** The rows as CSV with {@link VerdictTable#HEADER}, as {@link VerdictTable#toCsv(List, int)} lays them out. */
    static String csv(List<VerdictRow> rows, int dims) {
        StringBuilder sb = new StringBuilder(VerdictTable.HEADER.replace("_d1", "_d" + dims)).append('\n');
        for (VerdictRow r : rows) {
            sb.append(r.csv()).append('\n');
        }
        return sb.toString();
    }

    static String markdown(List<Question> questions, List<VerdictRow> rows, int dims) {
        StringBuilder b = new StringBuilder();
        boolean fixedOnly = questions.stream().allMatch(q -> q.setting().arithmetic() instanceof FixedPointArithmetic);
        if (fixedOnly) {
            b.append("| activation | p | q | encoding | overflow | rounding | verdict | N | S | evidence |\n");
            b.append("|---|---|---|---|---|---|---|---|---|---|\n");
        } else {
            b.append("| activation | format | overflow | rounding | verdict | N | S | evidence |\n");
            b.append("|---|---|---|---|---|---|---|---|\n");
        }
        int universal = 0;
        for (int i = 0; i < rows.size(); i++) {
            var s = questions.get(i).setting();
            VerdictRow v = rows.get(i);
            if (v.kind().equals(Verdict.Kind.UNIVERSAL.name())) {
                universal++;
            }
            b.append("| ").append(s.activation().name()).append(" | ").append(arithmeticCells(s.arithmetic(), fixedOnly))
                    .append(" | **")
                    .append(v.kind()).append("** | ").append(v.necessary()).append(" | ")
                    .append(v.sufficient()).append(" | ").append(v.evidence().replace("|", "\\|")).append(" |\n");
        }
        b.append("\n").append(universal).append(" of ").append(rows.size()).append(" settings UNIVERSAL");
        long not = rows.stream().filter(v -> v.kind().equals(Verdict.Kind.NOT_UNIVERSAL.name())).count();
        long und = rows.size() - universal - not;
        b.append(", ").append(not).append(" NOT_UNIVERSAL, ").append(und).append(" UNDETERMINED.\n");
        return b.toString();
    }

    /** The format, overflow and rounding cells of a Markdown row: p | q | encoding in a fixed-point-only table, else the format column. */
    private static String arithmeticCells(Arithmetic arithmetic, boolean fixedOnly) {
        String format;
        String overflow;
        String rounding;
        if (arithmetic instanceof FixedPointArithmetic) {
            var ar = (FixedPointArithmetic) arithmetic;
            var f = ar.format();
            format = fixedOnly ? f.intBits() + " | " + f.fracBits() + " | " + f.encoding() : f.toString();
            overflow = ar.overflow().name();
            rounding = ar.rounding().name();
        } else {
            var ar = (FloatArithmetic) arithmetic;
            format = ar.format().generalSpelling();
            overflow = ar.overflow().name();
            rounding = ar.rounding().name();
        }
        return format + " | " + overflow + " | " + rounding;
    }

    private static List<Activation> paper() {
        List<Activation> out = new ArrayList<>();
        for (String a : VerdictTable.PAPER_ACTIVATIONS) {
            out.add(Activations.named(a));
        }
        return out;
    }

    private static void checkBits(String option, List<Integer> bits) {
        if (bits != null) {
            for (int b : bits) {
                if (b < 0 || b > 30) {
                    throw new UserException(option + ": bit counts must be in 0..30, was " + b);
                }
            }
        }
    }

    static <T> List<T> list(String option, String text, List<T> all, Function<String, T> parse) {
        if (text.trim().equalsIgnoreCase("all")) {
            return all;
        }
        List<T> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                throw new UserException(option + ": empty entry in '" + text + "'");
            }
            out.add(ArithmeticOptions.parseOption(option, part.trim(), parse));
        }
        return out;
    }
}

package dev.fxnet.cli;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Arithmetic;
import dev.fxnet.compare.CompareFormats;
import dev.fxnet.compare.Comparison;
import dev.fxnet.compare.ComparisonPlan;
import dev.fxnet.compare.ComparisonText;
import dev.fxnet.io.OutputTarget;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code fxnet compare}: fixed point and floating point side by side at an equal bit budget. Thin:
 * parses the options into a {@link ComparisonPlan}, runs {@link Comparison} with progress on stderr,
 * prints {@link ComparisonText}.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Fixed point vs floating point at an equal bit budget: per format the values (range, smallest "
                + "positive, values in [-1, 1]); per activation the verdict and its domain; the verified network of a "
                + "random table against the counting bound; the error of rho_F o g for sin(3x), exp(x), x^2, 1/(1+x^2).",
        footer = CompareCommand.FOOTER)
final class CompareCommand implements Callable<Integer> {
    static final String FOOTER = """

            --bits N compares: fixed point p=floor((N-1)/2),q=rest (symmetric), Q0.(N-1), Q1.(N-2) and the balanced \
            Q split (two's complement), and the float presets of N bits (4: e2m1; 6: e3m2, e2m3; 8: e4m3, e5m2; \
            16: binary16, bfloat16). Modes: HALF_EVEN, SATURATE / SATFINITE, PER_OP.
            Verdicts are computed for formats of at most --verdict-limit finite values (default 4096), above it \
            only where Theorem P applies (fixed point, SATURATE, p >= 1: no tabulation of F); at 8 bits a float \
            verdict takes up to a minute today. Network sizes are for formats of at most 2048 values.
            CSV (--csv) is long form: section,format,subject,quantity,value,note (docs/float/compare.md).

            Examples:
              fxnet compare --bits 8
              fxnet compare --bits 4 --csv -o compare4.csv
              fxnet compare --format e4m3 --format Q3.4 --activations relu,sigmoid --interval -2,2\
            """;

    @Option(names = "--bits", paramLabel = "N", description = "The bit budget: 4, 6, 8 or 16.")
    Integer bits;

    @Option(names = "--format", paramLabel = "FORMAT", description = "A format to compare (repeatable): p=3,q=4, Q3.4, "
            + "ap_fixed<8,4>, e4m3, float(E,M,...); instead of --bits.")
    List<String> formats;

    @Option(names = "--activations", paramLabel = "all|a,b,...",
            description = "Activations of the verdict grid (default: sigmoid, tanh, relu, elu, gelu, silu, mish, identity).")
    String activations;

    @Option(names = "--size-activation", paramLabel = "NAME", defaultValue = "relu",
            description = "Activation of the compiled networks (default relu).")
    String sizeActivation;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Seed of the random table (default 1).")
    long seed;

    @Option(names = "--interval", paramLabel = "A,B", defaultValue = "-1,1",
            description = "Interval of the approximation errors (default -1,1).")
    String interval;

    @Option(names = "--sections", paramLabel = "all|s,...",
            description = "Sections: values, verdicts, size, error (default all).")
    String sections;

    @Option(names = "--verdict-limit", paramLabel = "N", defaultValue = "4096",
            description = "Most finite values of a format whose verdicts are computed in any case (default 4096).")
    long verdictLimit;

    @Option(names = "--csv", description = "Long-form CSV instead of Markdown.")
    boolean csv;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to FILE (atomically) instead of standard output.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads for the verdicts (default: all cores).")
    Integer threads;

    @Mixin
    QuietOption quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ComparisonPlan plan = plan();
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new UserException("--threads must be >= 1, was " + n);
        }
        OutputTarget target = Outputs.fileOrStdout("--out", out);
        Comparison c;
        try (Progress p = Progress.of("compare", plan.work(), "figures", 1, spec.commandLine().getErr(), quiet.quiet)) {
            c = Comparison.run(plan, n, p::step);
        }
        String text = csv ? ComparisonText.csv(c) : ComparisonText.markdown(c);
        if (target == null) {
            spec.commandLine().getOut().print(text);
        } else {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            Outputs.write("--out", target, w -> w.write(bytes), Main.standardOutput(spec));
        }
        return 0;
    }

    /** The plan from the options, every bad value refused naming its option. */
    ComparisonPlan plan() {
        if ((bits == null) == (formats == null)) {
            throw new UserException("give either --bits N or --format F (repeatable), not " + (bits == null ? "neither"
                    : "both"));
        }
        if (verdictLimit < 0) {
            throw new UserException("--verdict-limit must be >= 0, was " + verdictLimit);
        }
        List<Arithmetic> fs = new ArrayList<>();
        if (bits != null) {
            if (!CompareFormats.BUDGETS.contains(bits)) {
                throw new UserException("--bits must be 4, 6, 8 or 16, was " + bits);
            }
            fs.addAll(CompareFormats.ofBits(bits));
        } else {
            for (String f : formats) {
                Arithmetic a = ArithmeticOptions.parseOption("--format", f, CompareFormats::parse);
                if (!fs.contains(a)) {
                    fs.add(a);
                }
            }
        }
        BigDecimal[] ab = interval(interval);
        Activation size = ArithmeticOptions.parseOption("--size-activation", sizeActivation, Activations::named);
        return ComparisonPlan.defaults(fs).withActivations(activationList()).withSize(size, seed)
                .withInterval(ab[0], ab[1]).withSections(sectionSet()).withVerdictLimit(verdictLimit);
    }

    private List<Activation> activationList() {
        if (activations == null) {
            return ComparisonPlan.DEFAULT_ACTIVATIONS.stream().map(Activations::named).toList();
        }
        if (activations.trim().equalsIgnoreCase("all")) {
            return Activations.builtIns();
        }
        List<Activation> out = new ArrayList<>();
        for (String a : activations.split(",", -1)) {
            Activation act = ArithmeticOptions.parseOption("--activations", a, Activations::named);
            if (!out.contains(act)) {
                out.add(act);
            }
        }
        return out;
    }

    private Set<ComparisonPlan.Section> sectionSet() {
        if (sections == null || sections.trim().equalsIgnoreCase("all")) {
            return EnumSet.allOf(ComparisonPlan.Section.class);
        }
        Set<ComparisonPlan.Section> s = EnumSet.noneOf(ComparisonPlan.Section.class);
        for (String t : sections.split(",", -1)) {
            s.add(ArithmeticOptions.parseOption("--sections", t, CompareCommand::section));
        }
        return s;
    }

    private static ComparisonPlan.Section section(String t) {
        String u = t.trim().toUpperCase(Locale.ROOT);
        for (ComparisonPlan.Section s : ComparisonPlan.Section.values()) {
            if (s.name().equals(u)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown section '" + t + "'; expected values, verdicts, size, error or all");
    }

    /** {@code a,b} with {@code a < b}, as exact decimals of at most 30 characters each. */
    static BigDecimal[] interval(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 2) {
            throw new UserException("--interval " + text + ": expected two numbers A,B (e.g. -1,1)");
        }
        BigDecimal[] ab = new BigDecimal[2];
        for (int i = 0; i < 2; i++) {
            String p = parts[i].trim();
            try {
                if (p.length() > 30) {
                    throw new NumberFormatException();
                }
                ab[i] = new BigDecimal(p);
            } catch (NumberFormatException e) {
                throw new UserException("--interval " + text + ": '" + p + "' is not a decimal number (at most 30 characters)");
            }
            if (ab[i].abs().compareTo(BigDecimal.valueOf(1_000_000_000)) > 0) {
                throw new UserException("--interval " + text + ": |" + p + "| exceeds 1e9");
            }
        }
        if (ab[0].compareTo(ab[1]) >= 0) {
            throw new UserException("--interval " + text + ": A must be less than B");
        }
        return ab;
    }
}

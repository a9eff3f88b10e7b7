package dev.fxnet.bench;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.construct.CompileOptions;
import dev.fxnet.construct.Compiler;
import dev.fxnet.construct.Strategy;
import dev.fxnet.construct.WorkLimit;
import dev.fxnet.gadget.Setting;
import dev.fxnet.target.FunctionTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Part (c) and (d) of {@link VerificationBench}: parameters against the counting bound
 * ({@code |F|^d}; binary: {@code |F|^d log2|F|} one-bit weights) and compile time (verification
 * included, every network checked on every point by the compiler), for every {@link Strategy} value
 * and the binary route, on a random table and structured ones ({@code x0 + x1} saturated, a
 * constant, a step in {@code x0}), d = 2.
 */
final class SizeTable {
    private final boolean quick;
    private final Consumer<String> progress;
    private double bestGeneral = Double.NaN;
    private double binary = Double.NaN;
    private String randomFormat = "";

    SizeTable(boolean quick, Consumer<String> progress) {
        this.quick = quick;
        this.progress = progress;
    }

    void run() {
        System.out.printf("%-10s %-5s %-9s %-8s %10s %12s %8s %9s%n", "format", "act", "table", "strategy", "params",
                "bound", "ratio", "compile");
        List<String> formats = quick ? List.of("p=2,q=2") : List.of("p=2,q=2", "p=3,q=3");
        for (String fs : formats) {
            FixedPointFormat f = FixedPointFormat.parse(fs);
            boolean last = fs.equals(formats.get(formats.size() - 1));
            for (String act : List.of("relu", "gelu")) {
                for (String table : List.of("random", "x0+x1", "constant", "step")) {
                    row(f, act, table, last, true);
                }
            }
        }
        System.out.println();
    }

    private void row(FixedPointFormat f, String act, String table, boolean forW, boolean withBinary) {
        FixedPointArithmetic ar = FixedPointArithmetic.of(f);
        FunctionTable t = table(f, table);
        Setting s = Setting.of(ar, Accumulation.PER_OP, Activations.named(act));
        List<String> routes = new ArrayList<>();
        for (Strategy st : Strategy.values()) {
            routes.add(st.id());
        }
        if (withBinary) {
            routes.add("binary");
        }
        for (String route : routes) {
            boolean bin = route.equals("binary");
            CompileOptions o = CompileOptions.defaults().withLimit(WorkLimit.none());
            o = bin ? o.withBinaryWeights(true) : o.withStrategy(Strategy.parse(route));
            progress.accept("size: " + f + " " + act + " " + table + " " + route);
            long t0 = System.nanoTime();
            String line;
            try {
                Compiler.Result r = Compiler.compile(t, s, o);
                double ratio = r.size().ratio();
                line = String.format(Locale.ROOT, "%10d %12.0f %8.3f %9.2f", bin ? r.size().weights()
                        : r.size().parameters(), r.size().lowerBound(), ratio, (System.nanoTime() - t0) / 1e9);
                if (table.equals("random") && act.equals("relu")) {
                    record(f, bin, forW, ratio);
                }
            } catch (RuntimeException e) { // a refusal of the construction: reported, not fatal
                line = "refused: " + e.getMessage().lines().findFirst().orElse("").substring(0,
                        Math.min(100, e.getMessage().length()));
            }
            System.out.printf(Locale.ROOT, "%-10s %-5s %-9s %-8s %s%n", f, act, table, route, line);
        }
    }

    private void record(FixedPointFormat f, boolean bin, boolean forW, double ratio) {
        if (bin && forW) {
            binary = ratio;
        } else if (!bin && forW) {
            bestGeneral = Double.isNaN(bestGeneral) ? ratio : Math.min(bestGeneral, ratio);
            randomFormat = f.toString();
        }
    }

    static FunctionTable table(FixedPointFormat f, String name) {
        long one = Math.min(f.maxCode(), 1L << f.fracBits());
        ToLongFunction<long[]> fn = switch (name) {
            case "x0+x1" -> x -> Math.max(f.minCode(), Math.min(f.maxCode(), x[0] + x[1]));
            case "constant" -> x -> one;
            case "step" -> x -> x[0] >= 0 ? one : 0;
            default -> null;
        };
        return fn == null ? FunctionTable.random(f, 2, 17) : FunctionTable.fromCodes(f, 2, fn);
    }

    double bestGeneral() {
        return bestGeneral;
    }

    double binary() {
        return binary;
    }

    String randomFormat() {
        return randomFormat;
    }
}

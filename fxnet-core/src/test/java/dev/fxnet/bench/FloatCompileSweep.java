package dev.fxnet.bench;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.construct.CompileOptions;
import dev.fxnet.construct.Compiler;
import dev.fxnet.gadget.Setting;
import dev.fxnet.target.FunctionTable;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The measurement of docs/float/compile.md: compiles a random table (seed 1, HALF_EVEN SATFINITE)
 * for every format x activation x dimension given, verified on every point, and prints the outcome
 * (strategy and size, or the refusal) with wall and process CPU seconds. Not a test; run with the
 * test classpath, e.g. {@code FloatCompileSweep e2m1,e4m3 relu,gelu 1,2 PER_OP}.
 */
public final class FloatCompileSweep {
    private FloatCompileSweep() {
    }

    public static void main(String[] args) {
        Accumulation acc = args.length > 3 ? Accumulation.valueOf(args[3]) : Accumulation.PER_OP;
        for (String f : args[0].split(",(?![^(]*\\))")) {
            for (String act : args[1].split(",")) {
                for (String d : args[2].split(",")) {
                    System.out.println(run(FloatArithmetic.of(FloatFormat.parse(f)), acc, act, Integer.parseInt(d)));
                }
            }
        }
    }

    private static String run(FloatArithmetic ar, Accumulation acc, String act, int dims) {
        long t0 = System.nanoTime();
        long c0 = cpu();
        String res;
        try {
            int[] c = new int[(int) Math.pow(ar.size(), dims)];
            SplittableRandom r = new SplittableRandom(1);
            for (int i = 0; i < c.length; i++) {
                c[i] = (int) (ar.minCode() + r.nextLong(ar.size()));
            }
            Compiler.Result cr = Compiler.compile(FunctionTable.of(ar, dims, c),
                    Setting.of(ar, acc, Activations.named(act)), CompileOptions.defaults());
            res = "compiled " + cr.strategy().id() + ", " + cr.indicators() + " indicators, " + cr.size().line();
        } catch (IllegalArgumentException e) {
            res = "refused: " + e.getMessage();
        }
        return String.format(Locale.ROOT, "%s %s %s d=%d: %s (%.2f s, cpu %.2f s)", ar, acc, act, dims, res,
                (System.nanoTime() - t0) / 1e9, (cpu() - c0) / 1e9);
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}

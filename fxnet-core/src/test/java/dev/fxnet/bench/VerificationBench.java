package dev.fxnet.bench;

import ai.onnxruntime.OrtSession;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.construct.CompileOptions;
import dev.fxnet.construct.Compiler;
import dev.fxnet.construct.Strategy;
import dev.fxnet.construct.Verifier;
import dev.fxnet.construct.WorkLimit;
import dev.fxnet.eval.FastEvaluator;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.export.CExporter;
import dev.fxnet.export.ExportException;
import dev.fxnet.export.OnnxExporter;
import dev.fxnet.export.Ort;
import dev.fxnet.gadget.Setting;
import dev.fxnet.network.Network;
import dev.fxnet.target.FunctionTable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark of bench/run.sh (issue #17; not a test): per compiled network, compile time, exhaustive
 * verification throughput ({@link Verifier#verify}, weight-operations = points x listed weights per
 * second), {@link FastEvaluator#evaluateAll}, the ONNX export in ONNX Runtime and the C export
 * compiled with {@code gcc -O2} on the same points with outputs compared code for code; then
 * parameters against the counting bound per strategy (every {@link Strategy} value and the binary
 * route). Prints a table on stdout, progress on stderr, and last the SUMMARY line.
 */
public final class VerificationBench {
    /** A network to build: activation, format, dimension, binary route, strategy (null: the compiler's choice). */
    record Case(String act, String format, int dims, boolean binary, Strategy strategy) {
        Case(String act, String format, int dims, boolean binary) {
            this(act, format, dims, binary, null);
        }

        String name() {
            return (binary ? "bin-" : "") + act + " " + format + " d=" + dims
                    + (strategy == null ? "" : " " + strategy.id());
        }
    }

    /** Measured times of one network, in seconds (NaN where not run); "scaled" notes a bounded run. */
    static final class Row {
        Case c;
        long points;
        long weights;
        double compile;
        double verify = Double.NaN;
        double verifyCpu = Double.NaN;
        double fast = Double.NaN;
        double ort = Double.NaN;
        double cAll = Double.NaN;
        double cAllCpu = Double.NaN;
        double cOmp = Double.NaN;
        double cOmpCpu = Double.NaN;
        double cPoint = Double.NaN;
        String note = "";
    }

    private final boolean quick;
    private final Path dir;
    /** Seconds of ONNX Runtime or FastEvaluator per network before a run is bounded (measured on a subset, scaled). */
    private final double budget;

    private VerificationBench(boolean quick, Path dir) {
        this.quick = quick;
        this.dir = dir;
        this.budget = quick ? 3 : 15;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        Path dir = Files.createTempDirectory("fxnet-bench");
        try {
            new VerificationBench(quick, dir).run();
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static List<Case> cases(boolean quick) {
        if (quick) {
            return List.of(new Case("relu", "p=4,q=4", 1, false), new Case("gelu", "p=3,q=3", 1, false),
                    new Case("relu", "p=3,q=2", 2, false), new Case("gelu", "p=3,q=2", 2, false),
                    new Case("relu", "p=2,q=1", 3, false), new Case("relu", "p=3,q=3", 1, true),
                    new Case("relu", "p=2,q=1", 2, true), new Case("relu", "p=3,q=3", 2, false));
        }
        return List.of(new Case("relu", "p=4,q=4", 1, false), new Case("gelu", "p=4,q=4", 1, false),
                new Case("relu", "p=3,q=3", 2, false), new Case("gelu", "p=3,q=3", 2, false),
                new Case("relu", "p=2,q=2", 3, false), new Case("gelu", "p=2,q=2", 3, false),
                new Case("relu", "p=3,q=3", 1, true), new Case("relu", "p=2,q=2", 2, true),
                new Case("gelu", "p=2,q=2", 2, true), new Case("relu", "p=3,q=3", 2, true),
                new Case("relu", "p=4,q=4", 2, false), new Case("relu", "p=4,q=4", 2, false, Strategy.BOXES));
    }

    private void run() throws Exception {
        progress("machine: " + Runtime.getRuntime().availableProcessors() + " cores; quick=" + quick);
        List<Row> rows = new ArrayList<>();
        for (Case c : cases(quick)) {
            rows.add(measure(c));
        }
        printRows(rows);
        SizeTable sizes = new SizeTable(quick, VerificationBench::progress);
        sizes.run();
        Row largest = rows.get(0);
        for (Row r : rows) {
            if ((double) r.points * r.weights > (double) largest.points * largest.weights) {
                largest = r;
            }
        }
        double x = largest.points * (double) largest.weights / largest.verify / 1e9;
        double ortSum = 0;
        double cSum = 0;
        double fxYSum = 0;
        double fxZSum = 0;
        List<String> yOn = new ArrayList<>();
        List<String> zOn = new ArrayList<>();
        for (Row r : rows) {
            if (!Double.isNaN(r.ort)) {
                ortSum += r.ort;
                fxYSum += r.verify;
                yOn.add(r.c.name());
            }
            if (!Double.isNaN(r.cOmp)) {
                cSum += Math.min(r.cAll, r.cOmp);
                fxZSum += r.verify;
                zOn.add(r.c.name());
            }
        }
        System.out.printf(Locale.ROOT, "X on %s (%d points x %d weights)%n", largest.c.name(), largest.points,
                largest.weights);
        System.out.println("Y = sum ORT time / sum fxnet verify time over: " + String.join(", ", yOn));
        System.out.println("Z = sum C fxnet_eval_all time (per network the faster of gcc -O2 and gcc -O2 -fopenmp) / sum fxnet verify"
                + " time over: " + String.join(", ", zOn));
        System.out.println("W = best general strategy, random table, relu " + sizes.randomFormat() + " d=2; V = binary"
                + " relu, same table");
        System.out.printf(Locale.ROOT, "SUMMARY verify_gops=%.3f ort_speedup=%.2f c_speedup=%.2f params_ratio=%.2f"
                + " binary_ratio=%.2f%n", x, ortSum / fxYSum, cSum / fxZSum, sizes.bestGeneral(), sizes.binary());
    }

    private Row measure(Case c) throws Exception {
        Row r = new Row();
        r.c = c;
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.parse(c.format));
        FunctionTable t = FunctionTable.random(ar.format(), c.dims, 17);
        progress(c.name() + ": compiling");
        long t0 = System.nanoTime();
        Compiler.Result cr = Compiler.compile(t, Setting.of(ar, Accumulation.PER_OP, Activations.named(c.act)),
                (c.strategy == null ? CompileOptions.defaults() : CompileOptions.defaults().withStrategy(c.strategy))
                        .withBinaryWeights(c.binary).withVerification(false).withLimit(WorkLimit.none()));
        r.compile = secs(t0);
        Network net = cr.network();
        r.points = t.size();
        r.weights = cr.size().weights();
        int[] expected = verify(net, t, r);
        fast(net, expected, r);
        ort(net, expected, r);
        c(net, expected, r);
        return r;
    }

    /** Verifier.verify: one warm-up, then the best of a few runs (wall and process CPU). */
    private int[] verify(Network net, FunctionTable t, Row r) {
        double ops = (double) r.points * r.weights;
        // above 1e10 weight-operations one run (minutes), counted as the measurement: JIT warm-up is a
        // fraction of a second there
        boolean big = ops > 1e10;
        int runs = big ? 0 : 3;
        progress(r.c.name() + ": verify, " + r.points + " points x " + r.weights + " weights, "
                + (big ? "one run" : "warm-up + " + runs));
        long c1 = cpu();
        long t1 = System.nanoTime();
        Verifier.Result v = Verifier.verify(net, t, 1, null);
        if (big) {
            r.verify = secs(t1);
            r.verifyCpu = (cpu() - c1) / 1e9;
            r.note += " verify:1run";
        }
        check(v.exact(), r.c.name() + ": the compiled network is not exact");
        for (int i = 0; i < runs; i++) {
            long c0 = cpu();
            long t0 = System.nanoTime();
            Verifier.verify(net, t, 1, null);
            double s = secs(t0);
            if (Double.isNaN(r.verify) || s < r.verify) {
                r.verify = s;
                r.verifyCpu = (cpu() - c0) / 1e9;
            }
        }
        int[] out = new int[(int) r.points];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) v.actual().code(i);
        }
        return out;
    }

    /** FastEvaluator.evaluateAll, or evaluateRange on a prefix scaled to all points when that would exceed the budget. */
    private void fast(Network net, int[] expected, Row r) {
        FastEvaluator fe = new FastEvaluator(net);
        long n = r.points;
        long probe = Math.min(n, Math.max(64, (long) (2e8 / Math.max(1, r.weights))));
        int[] out = new int[(int) n];
        long t0 = System.nanoTime();
        fe.evaluateRange(0, probe, out, null); // warm-up, and the rate
        double perPoint = secs(t0) / probe;
        long m = perPoint * n > budget ? Math.max(probe, (long) (budget / perPoint)) : n;
        progress(r.c.name() + ": FastEvaluator on " + m + " of " + n + " points");
        t0 = System.nanoTime();
        fe.evaluateRange(0, m, out, null);
        r.fast = secs(t0) * n / m;
        for (int i = 0; i < m; i++) {
            check(out[i] == expected[i], r.c.name() + ": FastEvaluator differs from verify at point " + i);
        }
        if (m < n) {
            r.note += " fast:scaled " + m + "/" + n;
        }
    }

    /**
     * ONNX Runtime, inference only, on batches of points: a first batch of 16 points (warm-up, then
     * timed for the rate) sizes the batches to about a quarter of the budget (at most 16384 points); when the budget is
     * spent before the last batch, the time is scaled from the points run (said in the notes).
     */
    private void ort(Network net, int[] expected, Row r) throws Exception {
        byte[] model;
        try {
            model = OnnxExporter.export(net);
        } catch (ExportException e) {
            r.note += " ort:refused";
            progress(r.c.name() + ": ONNX export refused: " + e.getMessage());
            return;
        }
        InputSpace space = InputSpace.of(net.arithmetic(), net.inputs());
        int n = (int) r.points;
        try (OrtSession s = Ort.session(model)) {
            int probe = Math.min(n, 16);
            ortBatch(s, space, 0, probe, expected, r); // warm-up
            double perPoint = ortBatch(s, space, 0, probe, expected, r) / 1e9 / probe;
            int batch = (int) Math.max(16, Math.min(16384, budget / 4 / perPoint));
            long time = 0;
            int done = 0;
            while (done < n && (time / 1e9 < budget || done == 0)) {
                int len = Math.min(batch, n - done);
                time += ortBatch(s, space, done, len, expected, r);
                done += len;
            }
            if (done < n) {
                r.note += " ort:scaled " + done + "/" + n;
            }
            r.ort = time / 1e9 * n / done;
            progress(r.c.name() + String.format(Locale.ROOT, ": ONNX Runtime %.3f s (%d of %d points run, batch %d)",
                    r.ort, done, n, batch));
        }
    }

    /** Runs points {@code from .. from+len-1} in one batch, compares them; returns the nanoseconds of the run. */
    private static long ortBatch(OrtSession s, InputSpace space, int from, int len, int[] expected, Row r)
            throws Exception {
        int d = space.dims();
        int[] xs = new int[len * d];
        long[] p = new long[d];
        for (int i = 0; i < len; i++) {
            space.point(from + i, p);
            for (int j = 0; j < d; j++) {
                xs[i * d + j] = (int) p[j];
            }
        }
        long t0 = System.nanoTime();
        int[] y = Ort.run(s, xs, len, d);
        long t = System.nanoTime() - t0;
        for (int i = 0; i < len; i++) {
            check(y[i] == expected[from + i], r.c.name() + ": ONNX Runtime differs at point " + (from + i));
        }
        return t;
    }

    /** The C export compiled with gcc -O2: fxnet_eval_all (best of 3) and fxnet_eval per point, outputs compared. */
    private void c(Network net, int[] expected, Row r) throws IOException, InterruptedException {
        String source;
        try {
            source = CExporter.export(net);
        } catch (ExportException e) {
            r.note += " c:refused (" + e.getMessage() + ")";
            return;
        }
        Path src = dir.resolve("net.c");
        Files.writeString(src, source);
        Path drv = dir.resolve("drv.c");
        Files.writeString(drv, CDriver.SOURCE);
        Path exe = dir.resolve("drv");
        Path omp = dir.resolve("drv-omp");
        progress(r.c.name() + ": gcc -O2 (and -fopenmp)");
        exec(List.of("gcc", "-O2", "-std=c99", "-o", exe.toString(), drv.toString()), 600);
        exec(List.of("gcc", "-O2", "-std=c99", "-fopenmp", "-o", omp.toString(), drv.toString()), 600);
        Path out = dir.resolve("y.bin");
        double perPoint = Double.isNaN(r.fast) ? 1e-6 : r.fast / r.points;
        long limit = Math.max(1, perPoint * r.points > budget ? (long) (budget / perPoint) : r.points);
        String[] f = exec(List.of(exe.toString(), "3", Long.toString(limit), out.toString()), 3600).trim().split("\\s+");
        r.cAll = Double.parseDouble(f[0]);
        r.cAllCpu = Double.parseDouble(f[1]);
        long ran = Long.parseLong(f[3]);
        r.cPoint = Double.parseDouble(f[2]) * r.points / ran;
        check(Long.parseLong(f[4]) == 0, r.c.name() + ": fxnet_eval and fxnet_eval_all differ at " + f[4] + " points");
        if (ran < r.points) {
            r.note += " c-point:scaled " + ran + "/" + r.points;
        }
        compareC(out, expected, r);
        f = exec(List.of(omp.toString(), "3", "0", out.toString()), 3600).trim().split("\\s+");
        r.cOmp = Double.parseDouble(f[0]);
        r.cOmpCpu = Double.parseDouble(f[1]);
        compareC(out, expected, r);
        progress(r.c.name() + String.format(Locale.ROOT, ": C eval_all %.4f s (1 thread), %.4f s (OpenMP), per point"
                + " %.4f s", r.cAll, r.cOmp, r.cPoint));
    }

    private static void compareC(Path out, int[] expected, Row r) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.nativeOrder());
        check(b.remaining() == 4L * r.points, r.c.name() + ": C wrote " + b.remaining() + " bytes");
        for (int i = 0; i < r.points; i++) {
            check(b.getInt() == expected[i], r.c.name() + ": C differs at point " + i);
        }
    }

    private static String exec(List<String> cmd, int timeout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeout, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("failed: " + cmd + "\n" + new String(out));
        }
        return new String(out);
    }

    private static void printRows(List<Row> rows) {
        System.out.println();
        System.out.printf("%-22s %7s %8s %7s %8s %7s %6s %8s %8s %8s %8s %8s %8s %8s %6s %5s %5s  %s%n", "network",
                "points", "weights", "compile", "verify", "cpu", "Gop/s", "inputs/s", "fast", "ORT", "C1", "C1-cpu",
                "C-omp", "C-point", "Y", "Z", "Z1", "notes");
        for (Row r : rows) {
            double ops = (double) r.points * r.weights;
            System.out.printf(Locale.ROOT, "%-22s %7d %8d %7.2f %8.4f %7.3f %6.3f %8.3g %8.3f %8.3f %8.4f %8.4f %8.4f"
                    + " %8.3f %6.1f %5.2f %5.2f %s%n", r.c.name(), r.points, r.weights, r.compile, r.verify,
                    r.verifyCpu, ops / r.verify / 1e9, r.points / r.verify, r.fast, r.ort, r.cAll, r.cAllCpu, r.cOmp,
                    r.cPoint, r.ort / r.verify, Math.min(r.cAll, r.cOmp) / r.verify, r.cAll / r.verify, r.note);
        }
        System.out.println();
    }

    static void progress(String s) {
        System.err.println("[bench] " + s);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}

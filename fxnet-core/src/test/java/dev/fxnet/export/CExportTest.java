package dev.fxnet.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activation;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Rounding;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.eval.ReferenceEvaluator;
import dev.fxnet.network.Network;
import dev.fxnet.network.NetworkJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exported C, compiled with gcc -std=c99 -Wall -Wextra -Werror -pedantic, against the reference on every input. */
class CExportTest {
    private static final int[][] FORMATS = {{0, 2}, {2, 0}, {1, 2}, {2, 2}, {0, 4}, {3, 1}, {1, 3}, {0, 1}};

    @TempDir
    Path dir;

    @Test
    void everyModeAndKindOnEveryInput() throws Exception {
        Gcc.require();
        Random rnd = new Random(424242);
        List<Activation> acts = RandomNetworks.activations();
        List<Network> nets = new ArrayList<>();
        int i = 0;
        for (Rounding r : Rounding.values()) {
            for (RandomNetworks.Kind kind : RandomNetworks.KINDS) {
                for (Accumulation acc : Accumulation.values()) {
                    int[] pq = FORMATS[i % FORMATS.length];
                    FixedPointFormat f = FixedPointFormat.of(pq[0], pq[1], kind.encoding());
                    FixedPointArithmetic ar = FixedPointArithmetic.of(f, r, kind.overflow());
                    Activation act = acts.get(i % acts.size());
                    nets.add(RandomNetworks.random(rnd, ar, acc, act, 1 + rnd.nextInt(2),
                            OnnxExportTest.randomWidths(rnd)));
                    i++;
                }
            }
        }
        long start = System.nanoTime();
        long points = compileAndCompare(nets);
        System.out.println("C export: " + nets.size() + " random networks (" + acts.size() + " activations), " + points
                + " inputs, 0 mismatches, " + (System.nanoTime() - start) / 1_000_000 + " ms; activation tables: "
                + plainTables + " plain, " + runTables + " as runs");
        assertTrue(plainTables.get() > 0 && runTables.get() > 0, "both table forms are exercised");
    }

    /**
     * At the table limit p + q = 20 (a 2^21-entry plain table, and sigmoid as runs; sampled inputs),
     * and every input at p + q = 16.
     */
    @Test
    void tableLimit() throws Exception {
        Gcc.require();
        Random rnd = new Random(99);
        FixedPointFormat f = FixedPointFormat.of(5, 15, Encoding.TWOS_COMPLEMENT);
        Network at20 = RandomNetworks.random(rnd, FixedPointArithmetic.of(f, Rounding.HALF_EVEN,
                dev.fxnet.arith.Overflow.WRAP), Accumulation.PER_OP, RandomNetworks.TABLED, 1, 2, 1);
        FixedPointFormat g = FixedPointFormat.of(8, 8, Encoding.SYMMETRIC);
        Network at16 = RandomNetworks.random(rnd, FixedPointArithmetic.of(g, Rounding.HALF_DOWN,
                dev.fxnet.arith.Overflow.SATURATE), Accumulation.WIDE, RandomNetworks.TABLED, 1, 3, 1);
        long start = System.nanoTime();
        long sampled = viaApi(at20, "at20", rnd, 3000);
        // a saturating built-in at the limit: its table goes out as runs of equal values
        Network sigmoid20 = RandomNetworks.random(rnd, FixedPointArithmetic.of(FixedPointFormat.of(3, 17,
                Encoding.SYMMETRIC), Rounding.HALF_UP, dev.fxnet.arith.Overflow.SATURATE), Accumulation.PER_OP,
                dev.fxnet.activation.Activations.named("sigmoid"), 2, 3, 1);
        assertTrue(CExporter.export(sigmoid20).contains("fx_tau_start["));
        sampled += viaApi(sigmoid20, "sigmoid20", rnd, 1000);
        long points = compileAndCompare(List.of(at16));
        System.out.println("C export at p+q=20: " + sampled + " sampled inputs; at p+q=16: " + points
                + " inputs (all); 0 mismatches, " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    /**
     * Wide formats up to p + q = 30 through the library API {@code fxnet_eval} (a driver includes the
     * exported file): boundary and random inputs, and out-of-range inputs refused with -1.
     */
    @Test
    void largeFormatsThroughTheApi() throws Exception {
        Gcc.require();
        Random rnd = new Random(31);
        int[][] formats = {{0, 30}, {30, 0}, {15, 15}};
        List<Activation> acts = RandomNetworks.activations();
        List<Network> nets = new ArrayList<>();
        int k = 0;
        for (int[] pq : formats) {
            for (Rounding r : Rounding.values()) {
                RandomNetworks.Kind kind = RandomNetworks.KINDS.get(k % 3);
                Accumulation acc = Accumulation.values()[(k / 3) % 2];
                k++;
                FixedPointFormat f = FixedPointFormat.of(pq[0], pq[1], kind.encoding());
                FixedPointArithmetic ar = FixedPointArithmetic.of(f, r, kind.overflow());
                Activation act = dev.fxnet.activation.Activations.named(rnd.nextBoolean() ? "relu" : "identity");
                Network net = RandomNetworks.random(rnd, ar, acc, act, 1 + rnd.nextInt(3),
                        OnnxExportTest.randomWidths(rnd));
                try {
                    ExportLimits.check(net);
                    nets.add(net);
                } catch (ExportException e) {
                    assertEquals(Accumulation.WIDE, acc);
                }
            }
        }
        long start = System.nanoTime();
        List<Callable<Long>> jobs = new ArrayList<>();
        for (int i = 0; i < nets.size(); i++) {
            Network net = nets.get(i);
            String name = "api" + i;
            long seed = rnd.nextLong();
            jobs.add(() -> viaApi(net, name, new Random(seed), 300));
        }
        long points = sumOnTwoThreads(jobs);
        System.out.println("C export, wide formats via fxnet_eval: " + nets.size() + " random networks, " + points
                + " sampled inputs, 0 mismatches, " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertTrue(nets.size() >= 22, "networks " + nets.size());
    }

    /** Runs the jobs (each compiles and runs a C program) two at a time and adds up their point counts. */
    private static long sumOnTwoThreads(List<Callable<Long>> jobs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long points = 0;
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (Callable<Long> job : jobs) {
                results.add(pool.submit(job));
            }
            for (Future<Long> r : results) {
                points += r.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return points;
    }

    private long viaApi(Network net, String name, Random rnd, int n) throws Exception {
        FixedPointFormat f = net.format();
        long[][] xs = new long[n][net.inputs()];
        for (long[] x : xs) {
            for (int j = 0; j < x.length; j++) {
                x[j] = RandomNetworks.code(rnd, f);
            }
        }
        return viaApi(net, name, xs);
    }

    /**
     * Runs {@code fxnet_eval} (compiled with UBSan, which aborts on any undefined behaviour) on the
     * given points and two out-of-range points after them; returns the number of points checked.
     */
    private long viaApi(Network net, String name, long[][] points) throws Exception {
        int n = points.length;
        java.nio.file.Files.writeString(dir.resolve(name + ".c"), CExporter.export(net));
        String driver = "#include \"" + name + ".c\"\n"
                + "#include <stdio.h>\n"
                + "int main(void)\n{\n    long v;\n    int32_t x[FXNET_INPUTS];\n    int32_t y[FXNET_OUTPUTS];\n"
                + "    int i;\n    for (;;) {\n        for (i = 0; i < FXNET_INPUTS; i++) {\n"
                + "            if (scanf(\"%ld\", &v) != 1) {\n                return 0;\n            }\n"
                + "            x[i] = (int32_t) v;\n        }\n"
                + "        if (fxnet_eval(x, y) != 0) {\n            puts(\"ERR\");\n            continue;\n        }\n"
                + "        for (i = 0; i < FXNET_OUTPUTS; i++) {\n"
                + "            printf(i + 1 < FXNET_OUTPUTS ? \"%ld,\" : \"%ld\\n\", (long) y[i]);\n        }\n"
                + "    }\n}\n";
        Path drv = dir.resolve(name + "_driver.c");
        java.nio.file.Files.writeString(drv, driver);
        Path exe = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("gcc"));
        cmd.addAll(Gcc.FLAGS);
        cmd.addAll(List.of("-fsanitize=undefined", "-fno-sanitize-recover=all", "-o", exe.toString(), drv.toString()));
        String gccOut = Gcc.run(cmd, 300);
        assertTrue(java.nio.file.Files.isExecutable(exe), gccOut);
        FixedPointFormat f = net.format();
        int d = net.inputs();
        long[][] xs = new long[n + 2][];
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < n + 2; i++) {
            xs[i] = i < n ? points[i].clone() : points[0].clone();
            if (i == n) {
                xs[i][d - 1] = f.maxCode() + 1; // refused
            } else if (i == n + 1) {
                xs[i][0] = f.minCode() - 1; // refused
            }
            for (int j = 0; j < d; j++) {
                in.append(xs[i][j]).append(j + 1 < d ? " " : "\n");
            }
        }
        Path input = dir.resolve(name + ".in");
        java.nio.file.Files.writeString(input, in);
        String out = Gcc.run(List.of("sh", "-c", "'" + exe + "' < '" + input + "'"), 300);
        String[] lines = out.split("\n");
        assertEquals(n + 2, lines.length, out);
        ReferenceEvaluator ref = new ReferenceEvaluator(net);
        for (int i = 0; i < n; i++) {
            long[] y = ref.evaluate(xs[i]);
            StringBuilder row = new StringBuilder();
            for (int o = 0; o < y.length; o++) {
                row.append(y[o]).append(o + 1 < y.length ? "," : "");
            }
            if (!row.toString().equals(lines[i])) {
                throw new AssertionError("x=" + java.util.Arrays.toString(xs[i]) + ": expected " + row + ", C gave "
                        + lines[i] + "\n" + NetworkJson.toJson(net));
            }
        }
        assertEquals("ERR", lines[n]);
        assertEquals("ERR", lines[n + 1]);
        return n;
    }

    /** Networks shaped like the universal constructions, sparse and binary-weight, on every input. */
    @Test
    void universalShapedNetworksOnEveryInput() throws Exception {
        Gcc.require();
        Random rnd = new Random(56);
        List<Activation> acts = RandomNetworks.activations();
        List<Network> nets = new ArrayList<>();
        Rounding[] modes = {Rounding.HALF_EVEN, Rounding.DOWN, Rounding.HALF_FLOOR, Rounding.CEILING};
        for (int i = 0; i < 8; i++) {
            RandomNetworks.Kind kind = RandomNetworks.KINDS.get(i % 3);
            FixedPointFormat f = FixedPointFormat.of(i % 2, 2 - i % 2, kind.encoding());
            FixedPointArithmetic ar = FixedPointArithmetic.of(f, modes[i % 4], kind.overflow());
            Accumulation acc = Accumulation.values()[(i / 4) % 2];
            Network net = RandomNetworks.universalShaped(rnd, ar, acc, acts.get((3 * i) % acts.size()), 2, 1 + i % 2,
                    i % 2 == 1);
            if (acc == Accumulation.WIDE) {
                try {
                    ExportLimits.check(net);
                } catch (ExportException e) {
                    continue;
                }
            }
            nets.add(net);
        }
        long points = compileAndCompare(nets);
        System.out.println("C export, universal-shaped (sparse and binary): " + nets.size() + " networks, " + points
                + " inputs, 0 mismatches");
    }

    /** WIDE sums exactly at the int64 export limit, every mode, compiled with UBSan; one step beyond is refused. */
    @Test
    void wideSumAtTheLimit() throws Exception {
        Gcc.require();
        List<Network> nets = new ArrayList<>();
        for (Rounding r : Rounding.values()) {
            nets.add(RandomNetworks.wideAtLimit(r, r.ordinal() % 2 == 0 ? dev.fxnet.arith.Overflow.WRAP
                    : dev.fxnet.arith.Overflow.SATURATE, 0));
            assertThrows(ExportException.class, () -> CExporter.export(RandomNetworks.wideAtLimit(r,
                    dev.fxnet.arith.Overflow.WRAP, 1)));
        }
        List<Callable<Long>> jobs = new ArrayList<>();
        for (int i = 0; i < nets.size(); i++) {
            Network net = nets.get(i);
            String name = "limit" + i;
            jobs.add(() -> viaApi(net, name, RandomNetworks.wideAtLimitInputs(new Random(9), 40)));
        }
        long points = sumOnTwoThreads(jobs);
        System.out.println("C export, WIDE at the int64 limit (UBSan): " + nets.size() + " networks, " + points
                + " inputs, 0 mismatches");
    }

    @Test
    void refusesWhatOnnxRefuses() {
        FixedPointArithmetic ar21 = FixedPointArithmetic.of(FixedPointFormat.of(11, 10, Encoding.SYMMETRIC));
        Network tabled = RandomNetworks.random(new Random(1), ar21, Accumulation.PER_OP, RandomNetworks.TABLED, 1, 2, 1);
        assertThrows(ExportException.class, () -> CExporter.export(tabled));
    }

    private final java.util.concurrent.atomic.AtomicInteger runTables = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger plainTables = new java.util.concurrent.atomic.AtomicInteger();

    /** Compiles each network (two gcc at a time), runs it, checks its CSV; returns the number of points. */
    long compileAndCompare(List<Network> nets) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int k = 0; k < nets.size(); k++) {
                Network net = nets.get(k);
                String name = "net" + k;
                results.add(pool.submit(() -> {
                    String source = CExporter.export(net);
                    if (source.contains("fx_tau_start[")) {
                        runTables.incrementAndGet();
                    } else if (source.contains("fx_tau_table[")) {
                        plainTables.incrementAndGet();
                    }
                    Path exe = Gcc.compileMain(dir, name, source);
                    String csv = Gcc.run(List.of(exe.toString()), 300);
                    return check(net, csv);
                }));
            }
            long points = 0;
            for (Future<Long> r : results) {
                points += r.get();
            }
            return points;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Checks the CSV of the compiled main against {@link ReferenceEvaluator}; returns the number of rows. */
    static long check(Network net, String csv) {
        InputSpace space = InputSpace.of(net.format(), net.inputs());
        String[] lines = csv.split("\n", -1);
        assertEquals(space.size() + 2, lines.length, () -> "rows (with header and final newline): " + csv.substring(0,
                Math.min(csv.length(), 2000)));
        assertEquals("", lines[lines.length - 1]);
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < net.inputs(); i++) {
            header.append('x').append(i).append("_code,");
        }
        for (int o = 0; o < net.outputs(); o++) {
            header.append(net.outputs() == 1 ? "y" : "y" + o).append("_code").append(o + 1 < net.outputs() ? "," : "");
        }
        assertEquals(header.toString(), lines[0]);
        ReferenceEvaluator ref = new ReferenceEvaluator(net);
        long[] x = new long[net.inputs()];
        long[] y = new long[net.outputs()];
        StringBuilder row = new StringBuilder();
        for (long i = 0; i < space.size(); i++) {
            space.point(i, x);
            ref.evaluate(x, y);
            row.setLength(0);
            for (long v : x) {
                row.append(v).append(',');
            }
            for (int o = 0; o < y.length; o++) {
                row.append(y[o]).append(o + 1 < y.length ? "," : "");
            }
            String expected = row.toString();
            String actual = lines[(int) i + 1];
            if (!expected.equals(actual)) {
                throw new AssertionError("row " + (i + 1) + ": expected " + expected + ", C printed " + actual + "\n"
                        + NetworkJson.toJson(net));
            }
        }
        assertTrue(space.size() > 0);
        return space.size();
    }
}

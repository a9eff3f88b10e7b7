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
                + " inputs, 0 mismatches, " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    /** At the table limit p + q = 20 (and at 16), every input. */
    @Test
    void tableLimitOnEveryInput() throws Exception {
        Gcc.require();
        Random rnd = new Random(99);
        List<Network> nets = new ArrayList<>();
        FixedPointFormat f = FixedPointFormat.of(5, 15, Encoding.TWOS_COMPLEMENT);
        nets.add(RandomNetworks.random(rnd, FixedPointArithmetic.of(f, Rounding.HALF_EVEN,
                dev.fxnet.arith.Overflow.WRAP), Accumulation.PER_OP, RandomNetworks.TABLED, 1, 2, 1));
        FixedPointFormat g = FixedPointFormat.of(8, 8, Encoding.SYMMETRIC);
        nets.add(RandomNetworks.random(rnd, FixedPointArithmetic.of(g, Rounding.HALF_DOWN,
                dev.fxnet.arith.Overflow.SATURATE), Accumulation.WIDE, RandomNetworks.TABLED, 1, 3, 1));
        long start = System.nanoTime();
        long points = compileAndCompare(nets);
        System.out.println("C export at p+q=20 and 16: " + nets.size() + " networks, " + points + " inputs, 0 mismatches, "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    @Test
    void refusesWhatOnnxRefuses() {
        FixedPointArithmetic ar21 = FixedPointArithmetic.of(FixedPointFormat.of(11, 10, Encoding.SYMMETRIC));
        Network tabled = RandomNetworks.random(new Random(1), ar21, Accumulation.PER_OP, RandomNetworks.TABLED, 1, 2, 1);
        assertThrows(ExportException.class, () -> CExporter.export(tabled));
    }

    /** Compiles each network (two gcc at a time), runs it, checks its CSV; returns the number of points. */
    long compileAndCompare(List<Network> nets) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int k = 0; k < nets.size(); k++) {
                Network net = nets.get(k);
                String name = "net" + k;
                results.add(pool.submit(() -> {
                    Path exe = Gcc.compileMain(dir, name, CExporter.export(net));
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

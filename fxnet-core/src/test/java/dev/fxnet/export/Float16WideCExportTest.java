package dev.fxnet.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.arith.FloatOverflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.eval.ReferenceEvaluator;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.NetworkJson;
import dev.fxnet.network.Neuron;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §8 WIDE C export above 8 bits (binary16, bfloat16: the exact sum in 32-bit limbs, rounded
 * once): networks in all nine modes, SATFINITE and INF, compiled with gcc's strict flags, against
 * the reference evaluator (written from the SPEC, BigDecimal sums) on every finite input of
 * one-input networks and on random and hard points of two-input networks.
 */
class Float16WideCExportTest {
    private static final String[] FORMATS = {"binary16", "bfloat16"};
    private static final String[] ACTIVATIONS = {"relu", "sigmoid", "identity"};
    /** {@code -Dfxnet.longTests=true}: every mode in both formats on every finite input. */
    private static final boolean LONG = Boolean.getBoolean("fxnet.longTests");

    @TempDir
    Path dir;

    @Test
    void oneInputNetworksOnEveryFiniteInput() throws Exception {
        Gcc.require();
        Random rnd = new Random(1606);
        List<Network> nets = new ArrayList<>();
        int i = 0;
        for (String name : FORMATS) {
            FloatFormat f = FloatFormat.parse(name);
            for (Rounding r : Rounding.values()) {
                FloatOverflow o = i % 2 == 0 ? FloatOverflow.SATFINITE : FloatOverflow.INF;
                FloatArithmetic ar = FloatArithmetic.of(f, r, o);
                String act = ACTIVATIONS[i % ACTIVATIONS.length];
                Network net = i % 3 == 2 ? cancelling(ar, act)
                        : FloatCExportTest.network(rnd, ar, Accumulation.WIDE, act, 1);
                if (LONG || (r.ordinal() + (name.equals("binary16") ? 0 : 1)) % 2 == 0) {
                    nets.add(net); // by default each mode in one of the formats (all 18 in the two-input test)
                }
                i++;
            }
        }
        long start = System.nanoTime();
        long points = run(nets, null);
        System.out.println("float C export, 16-bit WIDE: " + nets.size() + " networks, " + points
                + " inputs (every finite one), 0 mismatches, " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    @Test
    void twoInputNetworksOnRandomAndHardPoints() throws Exception {
        Gcc.require();
        Random rnd = new Random(1607);
        List<Network> nets = new ArrayList<>();
        List<long[][]> points = new ArrayList<>();
        int i = 0;
        for (String name : FORMATS) {
            FloatFormat f = FloatFormat.parse(name);
            for (Rounding r : Rounding.values()) {
                FloatOverflow o = i % 2 == 0 ? FloatOverflow.INF : FloatOverflow.SATFINITE;
                FloatArithmetic ar = FloatArithmetic.of(f, r, o);
                String act = ACTIVATIONS[i % ACTIVATIONS.length];
                if (i % 3 == 1) {
                    nets.add(farSticky(ar));
                    points.add(farStickyPoints(ar));
                } else {
                    nets.add(i % 3 == 0 ? sumOfTwo(ar) : FloatCExportTest.network(rnd, ar, Accumulation.WIDE, act, 2));
                    points.add(points(rnd, ar, 1500, 1500));
                }
                i++;
            }
        }
        long start = System.nanoTime();
        long n = run(nets, points);
        System.out.println("float C export, 16-bit WIDE: " + nets.size() + " two-input networks, " + n
                + " random and hard inputs, 0 mismatches, " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    /**
     * Sums that overflow and cancel: hidden {@code h0 = Omega x} (overflows for {@code |x| > 1}, to
     * infinity under INF), {@code h1 = x}, {@code h2 = -Omega + Omega x}; outputs
     * {@code h0 - Omega h1} (the rounding error of {@code Omega x}, exactly, when nothing overflows)
     * and {@code -tiny + h2 + 2tiny h1 + Omega h0}.
     */
    private static Network cancelling(FloatArithmetic ar, String act) {
        long omega = ar.maxCode();
        long one = one(ar);
        Layer hidden = Layer.of(List.of(
                Neuron.of(0, new int[] {0}, new long[] {omega}),
                Neuron.of(0, new int[] {0}, new long[] {one}),
                Neuron.of(-omega, new int[] {0}, new long[] {omega})));
        Layer out = Layer.of(List.of(Neuron.of(0, new int[] {0, 1}, new long[] {one, -omega}),
                Neuron.of(-1, new int[] {2, 1, 0}, new long[] {one, 2, omega})));
        return Network.of(ar, Accumulation.WIDE, Activations.named(act), 1, List.of(hidden, out), Map.of());
    }

    /**
     * Ties decided by a far-away bit: {@code B + 2^s x0 + w1 x1} with {@code B} the smallest normal
     * value, {@code 2^s} the smallest subnormal, and {@code w1} such that {@code w1 * 2^s} is the
     * lowest bit of the two limbs that hold {@code B} (the bit the rounding keeps as sticky); with
     * {@code x0 = +-1/2} the sum is a midpoint plus that bit.
     */
    static Network farSticky(FloatArithmetic ar) {
        FloatFormat f = ar.format();
        int sv = f.emin() - f.mantissaBits();
        int u = FloatCWideSource.unit(f);
        int top = (f.emin() - u) / 32; // the limb holding B = 2^emin
        long w1 = ar.codeOf(pow2(u + 32 * (top - 1) - sv)).orElseThrow();
        Layer l = Layer.of(List.of(Neuron.of(1L << f.mantissaBits(), new int[] {0, 1}, new long[] {1, w1})));
        return Network.of(ar, Accumulation.WIDE, Activations.named("identity"), 2, List.of(l), Map.of());
    }

    /** Every hard code against the seven smallest codes. */
    static long[][] farStickyPoints(FloatArithmetic ar) {
        List<long[]> p = new ArrayList<>();
        for (long a : hardCodes(ar)) {
            for (long b = -3; b <= 3; b++) {
                p.add(new long[] {a, b});
            }
        }
        return p.toArray(new long[0][]);
    }

    private static BigDecimal pow2(int e) {
        return e >= 0 ? new BigDecimal(java.math.BigInteger.ONE.shiftLeft(e))
                : BigDecimal.ONE.divide(new BigDecimal(java.math.BigInteger.ONE.shiftLeft(-e)));
    }

    /** The bare {@code x0 + x1} (weights 1, bias 0), one rounding of the exact sum. */
    private static Network sumOfTwo(FloatArithmetic ar) {
        long one = one(ar);
        Layer l = Layer.of(List.of(Neuron.of(0, new int[] {0, 1}, new long[] {one, one})));
        return Network.of(ar, Accumulation.WIDE, Activations.named("identity"), 2, List.of(l), Map.of());
    }

    private static long one(FloatArithmetic ar) {
        return ar.codeOf(BigDecimal.ONE).orElseThrow();
    }

    /** Uniform pairs, and pairs of hard codes (and their negatives / neighbours). */
    static long[][] points(Random rnd, FloatArithmetic ar, int uniform, int hard) {
        long n = ar.maxCode();
        List<Long> special = new ArrayList<>(hardCodes(ar));
        long[][] p = new long[uniform + hard][];
        for (int k = 0; k < uniform; k++) {
            p[k] = new long[] {uniformCode(rnd, n), uniformCode(rnd, n)};
        }
        for (int k = uniform; k < p.length; k++) {
            long a = special.get(rnd.nextInt(special.size()));
            long b;
            switch (rnd.nextInt(4)) {
                case 0:
                    b = -a; // exact cancellation
                    break;
                case 1:
                    b = Math.max(-n, Math.min(n, -a + rnd.nextInt(5) - 2)); // near-cancellation
                    break;
                case 2:
                    b = uniformCode(rnd, n);
                    break;
                default:
                    b = special.get(rnd.nextInt(special.size()));
            }
            p[k] = rnd.nextBoolean() ? new long[] {a, b} : new long[] {b, a};
        }
        return p;
    }

    private static long uniformCode(Random rnd, long n) {
        return -n + (long) (rnd.nextDouble() * (2 * n + 1));
    }

    /** 0, the smallest subnormals, every power of two with its neighbours, near +-1 and +-Omega. */
    private static TreeSet<Long> hardCodes(FloatArithmetic ar) {
        FloatFormat f = ar.format();
        long n = ar.maxCode();
        TreeSet<Long> s = new TreeSet<>();
        for (long c = 0; c <= 3; c++) {
            s.add(c);
        }
        for (int e = f.emin() - f.mantissaBits(); e <= f.emin() + 300; e++) {
            BigDecimal v = pow2(e);
            if (v.compareTo(f.value(n)) > 0) {
                break;
            }
            long c = ar.codeOf(v).orElseThrow();
            for (long d = -1; d <= 1; d++) {
                s.add(Math.max(0, Math.min(n, c + d)));
            }
        }
        for (long d = 0; d < 3; d++) {
            s.add(n - d);
        }
        TreeSet<Long> both = new TreeSet<>(s);
        for (long c : s) {
            both.add(-c);
        }
        return both;
    }

    /** Compiles each network (two at a time) and compares every row; returns the rows compared. */
    private long run(List<Network> nets, List<long[][]> points) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int k = 0; k < nets.size(); k++) {
                Network net = nets.get(k);
                long[][] p = points == null ? null : points.get(k);
                String name = "wnet" + k;
                results.add(pool.submit(() -> compareOne(net, p, name)));
            }
            long total = 0;
            for (Future<Long> f : results) {
                total += f.get();
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every finite input ({@code pts == null}, the file's own main) or the given points. */
    private long compareOne(Network net, long[][] pts, String name) throws Exception {
        FloatArithmetic ar = (FloatArithmetic) net.arithmetic();
        FloatFormat f = ar.format();
        String source = CExporter.export(net);
        assertTrue(source.contains("fx_wide_round"), "the computed WIDE route");
        Path exe;
        if (pts == null) {
            exe = Gcc.compileMain(dir, name, source);
        } else {
            exe = Gcc.compileMain(dir, name, "#undef FXNET_MAIN\n" + source + driver(f, pts));
        }
        String[] lines = Gcc.run(List.of(exe.toString()), 300).split("\n");
        ReferenceEvaluator ref = new ReferenceEvaluator(net);
        InputSpace space = InputSpace.of(ar, net.inputs());
        long count = pts == null ? space.size() : pts.length;
        assertEquals(count + 1, lines.length, "rows of " + name);
        for (long p = 0; p < count; p++) {
            long[] x = pts == null ? space.point(p) : pts[(int) p];
            long[] y = ref.evaluate(x);
            StringBuilder row = new StringBuilder();
            for (long v : x) {
                row.append(f.bits(v)).append(',');
            }
            for (int o = 0; o < y.length; o++) {
                row.append(f.bits(y[o])).append(o + 1 < y.length ? "," : "");
            }
            if (!row.toString().equals(lines[(int) p + 1])) {
                throw new AssertionError(name + " x=" + java.util.Arrays.toString(x) + ": expected " + row
                        + ", C gave " + lines[(int) p + 1] + "\n" + NetworkJson.toJson(net));
            }
        }
        return count;
    }

    /** A main that evaluates the given points (as patterns) and prints them as the file's own main does. */
    private static String driver(FloatFormat f, long[][] pts) {
        StringBuilder c = new StringBuilder("\n#include <stdio.h>\n\nstatic const int32_t fx_points[")
                .append(pts.length * 2).append("] = {");
        for (int k = 0; k < pts.length; k++) {
            c.append(k % 8 == 0 ? "\n    " : " ").append(f.bits(pts[k][0])).append(", ").append(f.bits(pts[k][1]))
                    .append(',');
        }
        c.append("\n};\n\nint main(void)\n{\n    int k, o;\n    int32_t y[FXNET_OUTPUTS];\n    puts(\"header\");\n")
                .append("    for (k = 0; k < ").append(pts.length).append("; k++) {\n")
                .append("        if (fxnet_eval(fx_points + 2 * k, y) != 0) {\n            return 1;\n        }\n")
                .append("        printf(\"%ld,%ld,\", (long) fx_points[2 * k], (long) fx_points[2 * k + 1]);\n")
                .append("        for (o = 0; o < FXNET_OUTPUTS; o++) {\n")
                .append("            printf(o + 1 < FXNET_OUTPUTS ? \"%ld,\" : \"%ld\\n\", (long) y[o]);\n")
                .append("        }\n    }\n    return ferror(stdout) ? 1 : 0;\n}\n");
        return c.toString();
    }
}

package dev.fxnet.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.arith.FloatOverflow;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The evaluation kernel against {@link ReferenceEvaluator} (SPEC §4 read aloud, no shared code
 * with the kernel's lane loops, rounding constants or enclosures) on every input of seeded random
 * networks in every fixed-point mode (both encodings, nine roundings, SATURATE and WRAP, PER_OP and
 * WIDE, several activations, formats of up to 5 and of 18 bits, rows longer than a block) and of
 * float formats; against the old {@link GridEvaluator}; and range splits against the whole range.
 */
class EvaluationKernelTest {
    private static final String[] ACTS = {"relu", "identity", "sigmoid", "gelu", "tanh", "step", "elu"};

    /** A code of the format: often 0, an extreme, +-1 (a power of two) or small, so that skips, ties and overflow happen. */
    static long code(Random r, long min, long max, int q) {
        switch (r.nextInt(8)) {
            case 0:
                return 0;
            case 1:
                return r.nextBoolean() ? min : max;
            case 2:
                return Math.max(min, Math.min(max, (r.nextBoolean() ? 1L : -1L) << r.nextInt(q + 1)));
            case 3:
                return Math.max(min, Math.min(max, r.nextInt(7) - 3));
            default:
                return min + (long) (r.nextDouble() * (max - min + 1));
        }
    }

    /** A random network whose layers contain copies of earlier neurons (exercising the merging). */
    static Network network(Random r, FixedPointArithmetic ar, Accumulation acc, String act, int d) {
        long min = ar.minCode();
        long max = ar.maxCode();
        int q = ar.format().fracBits();
        List<Layer> layers = new ArrayList<>();
        int previous = d;
        int hidden = 1 + r.nextInt(3);
        for (int l = 0; l <= hidden; l++) {
            int width = l == hidden ? 1 + r.nextInt(2) : 1 + r.nextInt(5);
            List<Neuron> ns = new ArrayList<>();
            for (int j = 0; j < width; j++) {
                if (!ns.isEmpty() && r.nextInt(4) == 0) {
                    ns.add(ns.get(r.nextInt(ns.size())));
                    continue;
                }
                List<Integer> src = new ArrayList<>();
                for (int s = 0; s < previous; s++) {
                    if (r.nextInt(4) != 0) {
                        src.add(s); // copies of one neuron are distinct sources that merge
                    }
                }
                Collections.shuffle(src, r);
                long[] w = new long[src.size()];
                for (int i = 0; i < w.length; i++) {
                    w[i] = code(r, min, max, q);
                }
                ns.add(Neuron.of(code(r, min, max, q), src.stream().mapToInt(Integer::intValue).toArray(), w));
            }
            layers.add(Layer.of(ns));
            previous = width;
        }
        return Network.of(ar, acc, Activations.named(act), d, layers, Map.of());
    }

    /** Every point of [from, to) by the reference, output-major per point like the kernel. */
    static int[] reference(Network net, long from, long to) {
        ReferenceEvaluator ref = new ReferenceEvaluator(net);
        InputSpace space = InputSpace.of(net.arithmetic(), net.inputs());
        int outs = net.outputs();
        int[] res = new int[(int) (to - from) * outs];
        long[] x = new long[net.inputs()];
        long[] y = new long[outs];
        for (long i = from; i < to; i++) {
            space.point(i, x);
            ref.evaluate(x, y);
            for (int o = 0; o < outs; o++) {
                res[(int) (i - from) * outs + o] = (int) y[o];
            }
        }
        return res;
    }

    static int[] kernel(Network net, long from, long to) {
        int[] res = new int[(int) (to - from) * net.outputs()];
        EvaluationKernel.of(net).evaluateRange(from, to, res, null);
        return res;
    }

    @Test
    void agreesWithTheReferenceOnEveryInputInEveryFixedPointMode() {
        Random r = new Random(17);
        int cases = 0;
        for (Encoding enc : Encoding.values()) {
            for (Overflow of : Overflow.values()) {
                if (of == Overflow.WRAP && enc == Encoding.SYMMETRIC) {
                    continue;
                }
                for (Rounding rd : Rounding.values()) {
                    for (Accumulation acc : Accumulation.values()) {
                        for (int t = 0; t < 3; t++) {
                            int d = 1 + r.nextInt(3);
                            int p = r.nextInt(3);
                            int qb = (d == 3 ? 1 : 2) + r.nextInt(2);
                            FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(p, qb, enc), rd, of);
                            Network net = network(r, ar, acc, ACTS[r.nextInt(ACTS.length)], d);
                            long n = InputSpace.of(ar, d).size();
                            assertArrayEquals(reference(net, 0, n), kernel(net, 0, n), net.toString());
                            cases++;
                        }
                    }
                }
            }
        }
        assertEquals(3 * 9 * 2 * 3, cases);
    }

    @Test
    void rowsLongerThanABlockAndWideFormatsAgreeWithTheReference() {
        Random r = new Random(5);
        for (Overflow of : Overflow.values()) {
            for (Accumulation acc : Accumulation.values()) {
                // 11 bits: a row of 2048 points is cut into blocks; 19 bits: products need long
                FixedPointArithmetic small = FixedPointArithmetic.of(FixedPointFormat.of(5, 5, Encoding.TWOS_COMPLEMENT),
                        Rounding.values()[r.nextInt(9)], of);
                Network a = network(r, small, acc, "relu", 1);
                assertArrayEquals(reference(a, 0, 2048), kernel(a, 0, 2048));
                FixedPointArithmetic wide = FixedPointArithmetic.of(FixedPointFormat.of(9, 9, Encoding.TWOS_COMPLEMENT),
                        Rounding.values()[r.nextInt(9)], of);
                Network b = network(r, wide, acc, "gelu", 2);
                long from = (1L << 18) * 77 + 1000;
                assertArrayEquals(reference(b, from, from + 1500), kernel(b, from, from + 1500));
            }
        }
    }

    @Test
    void floatNetworksAgreeWithTheReferenceOnEveryInput() {
        Random r = new Random(8);
        String[][] formats = {{"e4m3", "SATFINITE"}, {"e4m3", "NAN"}, {"e2m1", "SATFINITE"}, {"e5m2", "INF"}};
        for (String[] f : formats) {
            for (Accumulation acc : Accumulation.values()) {
                Rounding rd = Rounding.values()[r.nextInt(9)];
                FloatArithmetic ar = FloatArithmetic.of(FloatFormat.parse(f[0]), rd, FloatOverflow.valueOf(f[1]));
                int d = f[0].equals("e2m1") ? 2 : 1;
                Network net = FloatEvaluatorAgreementTest.network(r, ar, acc, r.nextBoolean() ? "relu" : "gelu", d);
                long n = InputSpace.of(ar, d).size();
                assertArrayEquals(reference(net, 0, n), kernel(net, 0, n), net.toString());
            }
        }
    }

    @Test
    void agreesWithTheGridWalk() {
        Random r = new Random(3);
        for (int t = 0; t < 20; t++) {
            FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(2, 3, Encoding.SYMMETRIC),
                    Rounding.values()[t % 9], Overflow.SATURATE);
            Network net = network(r, ar, t % 2 == 0 ? Accumulation.PER_OP : Accumulation.WIDE, ACTS[t % ACTS.length], 2);
            int[] all = kernel(net, 0, 63 * 63);
            int[] grid = new GridEvaluator(net).walkAll(null);
            for (int i = 0; i < grid.length; i++) {
                assertEquals(grid[i], all[i * net.outputs()]);
            }
        }
    }

    @Test
    void rangeSplitsJoinToTheWholeRange() {
        Random r = new Random(11);
        for (int t = 0; t < 10; t++) {
            FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(2, 2, Encoding.TWOS_COMPLEMENT),
                    Rounding.values()[t % 9], t % 3 == 0 ? Overflow.WRAP : Overflow.SATURATE);
            Network net = network(r, ar, Accumulation.PER_OP, "relu", 2);
            EvaluationKernel k = EvaluationKernel.of(net);
            long n = k.space().size();
            int[] expected = new int[(int) n];
            for (int i = 0; i < n; i++) {
                expected[i] = r.nextInt(4) == 0 ? r.nextInt(32) - 16 : 0;
            }
            RangeCheck whole = k.checkRange(0, n, i -> expected[(int) i], 5, null);
            RangeCheck joined = null;
            long digest = OutputDigest.EMPTY;
            for (long a = 0; a < n; ) {
                long b = Math.min(n, a + 1 + r.nextInt(40));
                RangeCheck part = k.checkRange(a, b, i -> expected[(int) i], 5, null);
                joined = joined == null ? part : joined.then(part);
                digest = OutputDigest.combine(digest, k.digestRange(a, b));
                a = b;
            }
            assertEquals(whole, joined);
            assertEquals(k.digestRange(0, n), digest);
            // the digest and the mismatches are those of the reference outputs
            int[] ref = reference(net, 0, n);
            long bad = 0;
            for (int i = 0; i < n; i++) {
                bad += ref[i * net.outputs()] != expected[i] ? 1 : 0;
            }
            assertEquals(bad, whole.mismatches());
            assertEquals(OutputDigest.of(0, ref, ref.length), k.digestRange(0, n));
            assertTrue(whole.first().size() == Math.min(5, bad));
        }
    }
}

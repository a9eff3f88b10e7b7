package dev.fxnet.construct.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.eval.ReferenceEvaluator;
import dev.fxnet.gadget.Machine;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import dev.fxnet.target.FunctionTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bit-slice construction (docs/BINARY-COMPACT.md, Theorem S): networks for random and structured tables
 * checked on every point by the reference evaluator (written from the SPEC alone), every weight +-1 and every
 * neuron dense; its lemmas re-checked with clamped integers written here; refusals outside its hypotheses; the
 * parameter formula with the slice count taken from the table.
 */
class BitSliceCompilerTest {
    private static Machine machine(String act, int p, int q, Encoding e, Accumulation acc) {
        return Machine.of(FixedPointArithmetic.of(FixedPointFormat.of(p, q, e), Rounding.HALF_EVEN, Overflow.SATURATE),
                acc, Activations.named(act));
    }

    private static Machine relu(int p, int q) {
        return machine("relu", p, q, Encoding.SYMMETRIC, Accumulation.PER_OP);
    }

    private static Attempt<BinaryNetwork> compile(FunctionTable t, Machine m) {
        List<Integer> live = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (t.code(i) != 0) {
                live.add(i);
            }
        }
        return BitSliceCompiler.compile(t, m, live);
    }

    private static BinaryNetwork built(FunctionTable t, Machine m) {
        Attempt<BinaryNetwork> a = compile(t, m);
        if (a instanceof Attempt.Refused<BinaryNetwork> r) {
            throw new AssertionError(m + ", d = " + t.dims() + ": " + r.reason());
        }
        return ((Attempt.Built<BinaryNetwork>) a).value();
    }

    /** Every point under the reference evaluator; every weight +-1; every neuron lists every source of its previous layer. */
    static void assertExact(Network net, FunctionTable t, Machine m) {
        ReferenceEvaluator ref = new ReferenceEvaluator(net);
        InputSpace sp = t.space();
        long[] out = new long[1];
        for (int i = 0; i < t.size(); i++) {
            ref.evaluate(sp.point(i), out);
            assertEquals(t.code(i), out[0], "point " + i);
        }
        long one = m.one().orElseThrow();
        int width = t.dims();
        for (Layer l : net.layers()) {
            for (Neuron n : l.neurons()) {
                assertEquals(width, n.fanIn(), "a neuron does not list every source");
                boolean[] seen = new boolean[width];
                for (int k = 0; k < n.fanIn(); k++) {
                    assertTrue(n.weight(k) == one || n.weight(k) == -one, "weight " + n.weight(k));
                    assertTrue(!seen[n.source(k)], "a source listed twice");
                    seen[n.source(k)] = true;
                }
            }
            width = l.width();
        }
    }

    /** A table with {@code f(x) = } the clamped sum of the coordinates, a step of x0, and the extreme values. */
    private static FunctionTable structured(Machine m, int d, int kind) {
        long big = m.max();
        return FunctionTable.fromCodes(m.setting().fixedPoint().format(), d, x -> switch (kind) {
            case 0 -> Math.max(-big, Math.min(big, x[0] + (d > 1 ? x[1] : 0)));
            case 1 -> x[0] >= 0 ? big : -big;
            default -> (x[0] + 2 * big) % 3 == 0 ? -big : x[0] == 0 ? 1 : 0;
        });
    }

    @Test
    void randomAndStructuredTablesAreExactOnEveryPoint() {
        for (int d = 1; d <= 2; d++) {
            for (int[] pq : new int[][] {{1, 0}, {1, 1}, {2, 1}, {1, 2}}) {
                Machine m = relu(pq[0], pq[1]);
                for (long seed = 1; seed <= (d == 1 ? 4 : 2); seed++) {
                    FunctionTable t = FunctionTable.random(m.setting().fixedPoint().format(), d, seed);
                    if (Arrays.stream(t.codes()).anyMatch(c -> c != 0)) {
                        BinaryNetwork b = built(t, m);
                        assertTrue(b.gadgets().startsWith(BitSliceCompiler.NAME));
                        assertExact(b.network(), t, m);
                    }
                }
                for (int kind = 0; kind < 3; kind++) {
                    FunctionTable t = structured(m, d, kind);
                    assertExact(built(t, m).network(), t, m);
                }
            }
        }
    }

    private static long clamp(long z, long big) {
        return Math.max(-big, Math.min(big, z));
    }

    /** Lemma I: after the positive reads (K = M among them) any wrong digit M brings the accumulator to 0 or below. */
    @Test
    void indicatorsSaturateThenSink() {
        for (long big : new long[] {1, 3, 7, 31}) {
            for (int digits = 1; digits <= 4; digits++) {
                for (int wrongMask = 0; wrongMask < 1 << digits; wrongMask++) {
                    for (int otherMask = 0; otherMask < 1 << digits; otherMask++) { // other positive reads, 0 or M
                        long acc = clamp(0 + big, big); // K
                        for (int j = 0; j < digits; j++) {
                            acc = clamp(acc + ((otherMask >> j & 1) == 1 ? big : 0), big);
                            acc = clamp(acc + ((wrongMask >> j & 1) == 1 ? 0 : big), big); // the right member of a wrong digit is 0
                        }
                        for (int j = 0; j < digits; j++) {
                            acc = clamp(acc - ((wrongMask >> j & 1) == 1 ? big : 0), big);
                        }
                        assertEquals(wrongMask == 0 ? big : 0, Math.max(0, acc), "M = " + big + ", wrong " + wrongMask);
                    }
                }
            }
        }
    }

    /** Lemma B: the d = 2 slice outputs v exactly when both parts are +M (0 when an indicator is absent). */
    @Test
    void slicesOutputTheirBitOnlyWhereBothPartsAreOn() {
        for (long big : new long[] {1, 3, 7, 15, 63}) {
            for (long v : BitSliceCompiler.values(big)) {
                for (long x1 : new long[] {big, -big, 0}) {
                    for (long x0 : new long[] {big, -big, 0}) {
                        long acc = -big;
                        for (long other : BitSliceCompiler.values(big)) {
                            acc = clamp(acc - (big - other), big); // the other constants (one of them may equal v's)
                        }
                        acc = clamp(clamp(clamp(acc + x1, big) + x0, big) - (big - v), big);
                        assertEquals(x1 == big && x0 == big ? v : 0, Math.max(0, acc), "M = " + big + ", v = " + v);
                    }
                }
                for (long x : new long[] {big, -big, 0}) { // d = 1
                    assertEquals(x == big ? v : 0, Math.max(0, clamp(v - big + x, big)));
                }
            }
        }
    }

    /** Lemma U: units (K alone, or a pair B, C with one of them M) read alternately give back the constant c. */
    @Test
    void unitsReadAlternatelyGiveAConstant() {
        for (long big : new long[] {1, 3, 7, 15}) {
            for (int units = 1; units <= 6; units++) {
                boolean odd = units % 2 == 1;
                for (long c = 0; c <= big; c++) {
                    for (int which = 0; which < 1 << units; which++) {
                        long acc = odd ? c - big : c;
                        for (int u = 0; u < units; u++) {
                            long sign = (u % 2 == 0) == odd ? 1 : -1;
                            long first = u == 0 || (which >> u & 1) == 1 ? big : 0;
                            acc = clamp(acc + sign * first, big);
                            acc = clamp(acc + sign * (u == 0 ? 0 : big - first), big);
                        }
                        assertEquals(c, Math.max(0, acc), "M = " + big + ", units " + units + ", c = " + c);
                    }
                }
            }
        }
    }

    /**
     * Lemma P: the second-layer pieces of d = 2, evaluated here with clamped integers on every point of F^2,
     * are relu(C(+-2 x_i - c)) for c in {0, M}.
     */
    @Test
    void piecesDependOnOneCoordinate() {
        for (int[] pq : new int[][] {{1, 0}, {1, 1}, {2, 1}, {3, 2}, {3, 3}}) {
            Machine m = relu(pq[0], pq[1]);
            long big = m.max();
            long one = m.one().orElseThrow();
            List<Layer> layers = ((Attempt.Built<CoordinatePieces.Pieces>) CoordinatePieces.build(m)).value().layers();
            for (long x0 = -big; x0 <= big; x0++) {
                for (long x1 = -big; x1 <= big; x1++) {
                    long[] ramp = eval(layers.get(0), new long[] {x0, x1}, one, big);
                    long[] piece = eval(layers.get(1), ramp, one, big);
                    assertEquals(big, piece[0]);
                    for (int j = 0; j < 12; j++) {
                        long x = j < 6 ? x0 : x1;
                        int kind = j % 6;
                        long want = Math.max(0, clamp((kind == 2 || kind == 3 || kind == 5 ? -2 * x : 2 * x) - (kind >= 4 ? big : 0), big));
                        assertEquals(want, piece[1 + j], "piece " + j + " at " + x0 + ", " + x1);
                    }
                }
            }
        }
    }

    /** A relu layer with clamped integers (weights +-one, read as +-1). */
    private static long[] eval(Layer layer, long[] in, long one, long big) {
        long[] out = new long[layer.width()];
        for (int i = 0; i < out.length; i++) {
            Neuron n = layer.neurons().get(i);
            long acc = n.bias();
            for (int k = 0; k < n.fanIn(); k++) {
                acc = clamp(acc + n.weight(k) / one * in[n.source(k)], big);
            }
            out[i] = Math.max(0, acc);
        }
        return out;
    }

    @Test
    void settingsOutsideTheHypothesesAreRefused() {
        for (String act : new String[] {"identity", "sigmoid", "gelu", "elu", "silu"}) {
            assertNotNull(BitSliceCompiler.outside(machine(act, 3, 3, Encoding.SYMMETRIC, Accumulation.PER_OP)), act);
        }
        assertNotNull(BitSliceCompiler.outside(machine("relu", 2, 1, Encoding.SYMMETRIC, Accumulation.WIDE)));
        assertNotNull(BitSliceCompiler.outside(machine("relu", 2, 1, Encoding.TWOS_COMPLEMENT, Accumulation.PER_OP)));
        assertNotNull(BitSliceCompiler.outside(Machine.of(FixedPointArithmetic.of(FixedPointFormat.of(2, 1, Encoding.TWOS_COMPLEMENT),
                Rounding.HALF_EVEN, Overflow.WRAP), Accumulation.PER_OP, Activations.named("relu"))));
        assertNull(BitSliceCompiler.outside(relu(2, 1)));
        Machine m = relu(1, 1);
        FunctionTable three = FunctionTable.random(m.setting().fixedPoint().format(), 3, 1);
        assertInstanceOf(Attempt.Refused.class, compile(three, m));
        FunctionTable sig = FunctionTable.random(m.setting().fixedPoint().format(), 1, 2);
        Machine sigmoid = machine("sigmoid", 1, 1, Encoding.SYMMETRIC, Accumulation.PER_OP);
        assertInstanceOf(Attempt.Refused.class, compile(sig, sigmoid));
    }

    /** The binary compiler takes the route first for relu and keeps the other routes elsewhere. */
    @Test
    void theCompilerTriesTheRouteFirst() {
        Machine m = relu(2, 1);
        FunctionTable t = FunctionTable.random(m.setting().fixedPoint().format(), 2, 3);
        BinaryNetwork b = BinaryCompiler.compile(t, m);
        assertTrue(b.gadgets().startsWith(BitSliceCompiler.NAME), b.gadgets());
        assertExact(b.network(), t, m);
        Machine gelu = machine("gelu", 2, 2, Encoding.SYMMETRIC, Accumulation.PER_OP);
        FunctionTable g = FunctionTable.random(gelu.setting().fixedPoint().format(), 1, 3);
        assertTrue(!BinaryCompiler.compile(g, gelu).gadgets().startsWith(BitSliceCompiler.NAME));
    }

    /**
     * The parameter count: the layers up to the digit layer depend on the format only (two tables give the same
     * ones), then (d |F| + [d = 2] (n + 1)) indicators and constants reading 1 + 2 d D sources, S slices (the
     * fewer of the two encodings, counted here from the table) reading as many sources, and the output reading
     * the S slices.
     */
    @Test
    void parametersFollowTheFormula() {
        for (int d = 1; d <= 2; d++) {
            Machine m = relu(2, 1);
            long size = m.size();
            int bits = 64 - Long.numberOfLeadingZeros(m.max());
            Network first = built(FunctionTable.random(m.setting().fixedPoint().format(), d, 21), m).network();
            FunctionTable t = FunctionTable.random(m.setting().fixedPoint().format(), d, 22);
            Network net = built(t, m).network();
            int depth = net.layers().size();
            long pipe = 0;
            for (int l = 0; l < depth - 3; l++) {
                assertEquals(first.layers().get(l), net.layers().get(l), "layer " + l + " depends on the table");
                pipe += (long) net.layers().get(l).width() * ((l == 0 ? d : net.layers().get(l - 1).width()) + 1);
            }
            long digitWidth = net.layers().get(depth - 4).width();
            long digits = (digitWidth - 1) / (2 * d);
            long split = 0;
            long offset = 0;
            long rows = d == 1 ? 1 : size;
            for (int a = 0; a < rows; a++) {
                for (int k = 0; k <= bits; k++) { // k = bits: the slice of the value M (f + M encoding only)
                    boolean[] any = new boolean[3];
                    for (int b = 0; b < size; b++) {
                        long f = t.code((int) (a * size + b));
                        long g = f + m.max();
                        any[0] |= k < bits && f > 0 && (f >> k & 1) == 1;
                        any[1] |= k < bits && f < 0 && (-f >> k & 1) == 1;
                        any[2] |= k == bits ? g >= m.max() : ((g >= m.max() ? g - m.max() : g) >> k & 1) == 1;
                    }
                    split += (any[0] ? 1 : 0) + (any[1] ? 1 : 0);
                    offset += any[2] ? 1 : 0;
                }
            }
            long slices = Math.min(split, offset);
            long a = d * size + (d == 2 ? bits + 1 : 0);
            long formula = pipe + a * (1 + 2 * d * digits + 1) + slices * (a + 1) + slices + 1;
            assertEquals(formula, net.size().parameters(), "d = " + d);
        }
    }

    /** Both encodings occur: f + M for a random table, |f| and sign for a sparse one; both exact. */
    @Test
    void theEncodingWithFewerSlicesIsTaken() {
        Machine m = relu(2, 1);
        FunctionTable random = FunctionTable.random(m.setting().fixedPoint().format(), 2, 8);
        BinaryNetwork r = built(random, m);
        assertTrue(r.gadgets().contains("f + M"), r.gadgets());
        assertExact(r.network(), random, m);
        FunctionTable sparse = FunctionTable.fromCodes(m.setting().fixedPoint().format(), 2,
                x -> x[0] == 1 && x[1] == -2 ? 5 : x[0] == -3 && x[1] == 0 ? -2 : 0);
        BinaryNetwork s = built(sparse, m);
        assertTrue(s.gadgets().contains("|f| and sign"), s.gadgets());
        assertExact(s.network(), sparse, m);
    }

    /** Larger formats through the compiler, which verifies every point (p=2,q=2 in d = 2; p=3,q=3 in d = 1). */
    @Test
    void theCompilerVerifiesLargerNetworks() {
        for (int[] c : new int[][] {{2, 2, 2}, {3, 3, 1}}) {
            Machine m = relu(c[0], c[1]);
            FunctionTable t = FunctionTable.random(m.setting().fixedPoint().format(), c[2], 9);
            dev.fxnet.construct.Compiler.Result r = dev.fxnet.construct.Compiler.compile(t, m.setting(),
                    dev.fxnet.construct.CompileOptions.defaults().withBinaryWeights(true));
            assertTrue(r.gadgets().startsWith(BitSliceCompiler.NAME), r.gadgets());
            assertEquals(t.size(), r.verification().points());
        }
    }
}

package dev.fxnet.construct.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.fxnet.target.FunctionTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The coordinate sign construction in {@code d = 3} (docs/THEORY.md §13.1, Lemma H and Theorem
 * B7): the lemma with plain saturating integer arithmetic written here, independently of the fxnet
 * arithmetic; a random table compiled and checked on every point of {@code F^3} by the reference
 * evaluator (written from the SPEC alone); the layers before the point layer do not depend on the
 * table. p=2,q=2 (the acceptance format) in the long profile.
 */
class CoordinateSignThreeTest {
    private static long clamp(long z, long lo, long hi) {
        return Math.max(lo, Math.min(hi, z));
    }

    /** {@code acc(0; a, b, a, b)} under saturation to {@code [lo, hi]}. */
    private static long interleaved(long a, long b, long lo, long hi) {
        return clamp(clamp(clamp(clamp(a, lo, hi) + b, lo, hi) + a, lo, hi) + b, lo, hi);
    }

    /**
     * Lemma H (symmetric codes {@code [-M, M]}): with {@code y_{s s'} = C(C(t + s x) + s' z)}, the halves
     * {@code h1 = acc(0; y++, y--, y++, y--)} and {@code h2 = acc(0; y+-, y-+, y+-, y-+)} are each 0
     * or of the sign of {@code t}, not both 0 unless {@code t = 0}, so {@code acc(0; h1, h2, h1, h2)}
     * has the sign of {@code t}; exhaustively for several {@code M}. Under two's complement
     * ({@code [-M-1, M]}, where {@code (-1) (-M-1)} saturates to {@code M}) it fails, which is why
     * the route checks every setting on every point.
     */
    @Test
    void halvesNeverDisagreeAndMergeToTheSign() {
        for (long m : new long[] {1, 3, 7, 15, 31}) {
            assertEquals(0, halvesViolations(-m, m), "M = " + m);
        }
        assertTrue(halvesViolations(-16, 15) > 0, "two's complement p=2,q=2: the lemma would hold there too");
    }

    private static long halvesViolations(long lo, long hi) {
        long bad = 0;
        for (long t = lo; t <= hi; t++) {
            for (long x = lo; x <= hi; x++) {
                for (long z = lo; z <= hi; z++) {
                    long nx = clamp(-x, lo, hi); // PER_OP: the product (-1) x is saturated before it is added
                    long nz = clamp(-z, lo, hi);
                    long h1 = interleaved(clamp(clamp(t + x, lo, hi) + z, lo, hi),
                            clamp(clamp(t + nx, lo, hi) + nz, lo, hi), lo, hi);
                    long h2 = interleaved(clamp(clamp(t + x, lo, hi) + nz, lo, hi),
                            clamp(clamp(t + nx, lo, hi) + z, lo, hi), lo, hi);
                    long st = Long.signum(t);
                    boolean ok = (Long.signum(h1) == st || h1 == 0) && (Long.signum(h2) == st || h2 == 0)
                            && Long.signum(interleaved(h1, h2, lo, hi)) == st;
                    bad += ok ? 0 : 1;
                }
            }
        }
        return bad;
    }

    private static Machine identity(int p, int q) {
        return Machine.of(FixedPointArithmetic.of(FixedPointFormat.of(p, q, Encoding.SYMMETRIC), Rounding.HALF_EVEN,
                Overflow.SATURATE), Accumulation.PER_OP, Activations.named("identity"));
    }

    /** Every point of F^3 (every {@code step}-th, and every nonzero one) under the reference evaluator; every weight +-1. */
    private static void assertExact(Network net, FunctionTable t, Machine m, int step) {
        ReferenceEvaluator ref = new ReferenceEvaluator(net);
        InputSpace sp = t.space();
        long[] out = new long[1];
        for (int i = 0; i < t.size(); i++) {
            if (i % step == 0 || t.code(i) != 0) {
                ref.evaluate(sp.point(i), out);
                assertEquals(t.code(i), out[0], "point " + i);
            }
        }
        long one = m.one().orElseThrow();
        for (Layer l : net.layers()) {
            for (var n : l.neurons()) {
                for (long w : n.weights()) {
                    assertTrue(w == one || w == -one, "weight " + w);
                }
            }
        }
    }

    /** Identity, p=1,q=1: a random table on all 343 points; the layers before the points equal a one-point table's. */
    @Test
    void randomTableIsExactAndTheLayersBeforeThePointsDoNotDependOnTheTable() {
        Machine m = identity(1, 1);
        FunctionTable random = FunctionTable.random(m.setting().fixedPoint().format(), 3, 21);
        BinaryNetwork a = BinaryCompiler.compile(random, m);
        assertTrue(a.gadgets().startsWith("binary coordinate sign construction"), a.gadgets());
        assertExact(a.network(), random, m, 1);
        int[] sparse = new int[random.size()];
        sparse[random.size() / 3] = (int) m.min();
        FunctionTable one = FunctionTable.of(random.format(), 3, sparse);
        Network b = BinaryCompiler.compile(one, m).network();
        assertExact(b, one, m, 1);
        List<Layer> la = a.network().layers();
        List<Layer> lb = b.layers();
        assertEquals(la.size(), lb.size());
        for (int l = 0; l < la.size() - 2; l++) {
            assertEquals(la.get(l), lb.get(l), "layer " + l);
        }
    }

    /**
     * Identity, p=2,q=2 (long profile): a table that is random on every 40th point and 0 elsewhere,
     * checked by the reference evaluator on every point of F^3 (29 791).
     */
    @Test
    void acceptanceFormatIsExactOnEveryPoint() {
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.fxnet.testing.LongTests.enabled(), "long profile only");
        Machine m = identity(2, 2);
        FunctionTable random = FunctionTable.random(m.setting().fixedPoint().format(), 3, 5);
        int[] c = new int[random.size()];
        for (int i = 0; i < c.length; i += 40) {
            c[i] = random.code(i);
        }
        FunctionTable t = FunctionTable.of(random.format(), 3, c);
        BinaryNetwork b = BinaryCompiler.compile(t, m);
        assertTrue(b.gadgets().startsWith("binary coordinate sign construction"), b.gadgets());
        assertExact(b.network(), t, m, 1);
    }
}

package dev.fxnet.construct.binary;

import dev.fxnet.target.FunctionTable;
import dev.fxnet.gadget.Machine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import org.junit.jupiter.api.Test;

/**
 * The two lemmas behind the coordinate sign construction (docs/THEORY.md §6, Theorem B4), checked
 * with plain saturating integer arithmetic written here, independently of the fxnet arithmetic the
 * construction uses; and the construction's refusals where its gadgets are missing.
 */
class BinaryCoordinateCompilerTest {
    private static long clamp(long z, long m) {
        return Math.max(-m, Math.min(m, z));
    }

    /**
     * Sign lemma: for {@code |t|, |x| <= M}, {@code C(t + x) + C(t - x)} has the sign of {@code t};
     * so the bias-0 neuron {@code acc(0; y+, y-, y+, y-)} over the ramps
     * {@code y+- = C(C(b + x0) +- x1)} has the sign of {@code b + x0} on every point, whatever
     * {@code x1}. The order matters: reading {@code y+} twice first loses the sign.
     */
    @Test
    void interleavedRampsHaveTheSignOfTheCoordinate() {
        for (long m : new long[] {3, 7, 15, 63}) {
            for (long t = -m; t <= m; t++) {
                for (long x = -m; x <= m; x++) {
                    assertEquals(Long.signum(t), Long.signum(clamp(t + x, m) + clamp(t - x, m)), "t=" + t + " x=" + x);
                }
            }
            long lost = 0;
            for (long b = -m; b <= m; b++) {
                for (long x0 = -m; x0 <= m; x0++) {
                    for (long x1 = -m; x1 <= m; x1++) {
                        long yp = clamp(clamp(b + x0, m) + x1, m);
                        long ym = clamp(clamp(b + x0, m) - x1, m);
                        long interleaved = clamp(clamp(clamp(clamp(yp, m) + ym, m) + yp, m) + ym, m);
                        assertEquals(Long.signum(b + x0), Long.signum(interleaved), "b=" + b + " x=" + x0 + "," + x1);
                        long paired = clamp(clamp(clamp(clamp(yp, m) + yp, m) + ym, m) + ym, m);
                        lost += Long.signum(paired) != Long.signum(b + x0) ? 1 : 0;
                    }
                }
            }
            assertTrue(lost > 0, "M = " + m + ": y+, y+, y-, y- keeps the sign everywhere, so the order would not matter");
        }
    }

    /**
     * Sink and rescue: bias {@code b} in {@code [-M, -1]}, {@code w} wrong indicators of value
     * {@code M} each read twice upwards, then a constant {@code M} read {@code +M, -M}: the output
     * is {@code b} for {@code w = 0} and exactly 0 otherwise. With indicators of {@code M/2} a wrong
     * digit no longer reaches the sink from {@code b = -M}.
     */
    @Test
    void pointNeuronsSinkAndAreRescued() {
        for (long m : new long[] {7, 63}) {
            for (long b = -m; b <= -1; b++) {
                for (int wrong = 0; wrong <= 16; wrong++) {
                    assertEquals(wrong == 0 ? b : 0, sinkAndRescue(m, b, m, wrong), "M=" + m + " b=" + b + " w=" + wrong);
                }
            }
            assertTrue(sinkAndRescue(m, -m, m / 2, 1) != 0, "half-size indicators sink from -M");
        }
    }

    private static long sinkAndRescue(long m, long b, long k, int wrong) {
        long acc = b;
        for (int i = 0; i < 2 * wrong; i++) {
            acc = clamp(acc + k, m);
        }
        acc = clamp(acc + m, m);
        return clamp(acc - m, m);
    }

    /** Where a gadget is missing the construction refuses and names the stage; it never returns a wrong network. */
    @Test
    void refusesWhereItsGadgetsAreMissing() {
        FixedPointFormat f = FixedPointFormat.parse("p=1,q=2");
        FunctionTable t = FunctionTable.random(f, 2, 1);
        Machine wide = Machine.of(FixedPointArithmetic.of(f), Accumulation.WIDE, Activations.named("identity"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BinaryCoordinateCompiler.attempt(t, wide, live(t)).orElseThrow());
        assertTrue(e.getMessage().contains("no line neuron"), e.getMessage());
        FixedPointFormat tc = FixedPointFormat.of(1, 2, Encoding.TWOS_COMPLEMENT);
        FunctionTable t2 = FunctionTable.random(tc, 2, 1);
        Machine wrap = Machine.of(FixedPointArithmetic.of(tc, Rounding.HALF_EVEN, Overflow.WRAP), Accumulation.PER_OP,
                Activations.named("identity"));
        e = assertThrows(IllegalArgumentException.class,
                () -> BinaryCoordinateCompiler.attempt(t2, wrap, live(t2)).orElseThrow());
        assertTrue(e.getMessage().contains("coordinate sign construction found no sign signals"), e.getMessage());
        Machine saturate = Machine.of(FixedPointArithmetic.of(tc), Accumulation.PER_OP, Activations.named("identity"));
        e = assertThrows(IllegalArgumentException.class,
                () -> BinaryCoordinateCompiler.attempt(t2, saturate, live(t2)).orElseThrow());
        assertTrue(e.getMessage().startsWith("the coordinate sign construction: ") && e.getMessage().contains("cancel"),
                e.getMessage());
        Machine three = Machine.of(FixedPointArithmetic.of(f), Accumulation.PER_OP, Activations.named("identity"));
        FunctionTable t3 = FunctionTable.random(f, 4, 1);
        e = assertThrows(IllegalArgumentException.class,
                () -> BinaryCoordinateCompiler.attempt(t3, three, live(t3)).orElseThrow());
        assertTrue(e.getMessage().contains("d = 2 and d = 3"), e.getMessage());
    }

    private static java.util.List<Integer> live(FunctionTable t) {
        java.util.List<Integer> live = new java.util.ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (t.code(i) != 0) {
                live.add(i);
            }
        }
        return live;
    }
}

package dev.fxnet.construct.binary;

import dev.fxnet.gadget.Machine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.Arrays;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The binary gadgets' claims re-checked with the setting's arithmetic, independently of their search tables. */
class BinaryGadgetsTest {
    /**
     * The lemma behind the ladders (docs/CONSTRUCTION.md, section 6): twins whose values lie in
     * {@code [0, M]} or {@code [-M, 0]} cancel after every bias, in both encodings, both overflow modes and both
     * accumulations, checked on every bias and every value.
     */
    @Test
    void oneSidedTwinsCancelAfterEveryBias() {
        int checked = 0;
        for (Machine s : everyEncodingOverflowAndAccumulation()) {
            long[] nonNegative = LongStream.rangeClosed(0, s.max()).toArray();
            long[] nonPositive = LongStream.rangeClosed(-s.max(), 0).toArray();
            for (long b = s.min(); b <= s.max(); b++) {
                assertNotEquals(0, BinaryGadgets.cancels(s, b, nonNegative), s + " b=" + b);
                assertNotEquals(0, BinaryGadgets.cancels(s, b, nonPositive), s + " b=" + b);
                checked++;
            }
        }
        assertTrue(checked > 0);
        // and -M is the bound: in two's complement the minimum's negation overflows
        Machine tc = Machine.of(FixedPointArithmetic.of(FixedPointFormat.of(3, 2, Encoding.TWOS_COMPLEMENT)),
                Accumulation.PER_OP, Activations.named("relu"));
        assertEquals(0, BinaryGadgets.cancels(tc, -tc.max(), new long[] {tc.min()}));
    }

    /**
     * The ladder for the corner threshold of relu (its top value apart from the rest): the tail it
     * returns, and the value sets it reports per layer, re-run neuron by neuron through
     * {@link Machine#accumulate}, maps each side to one value, keeps the sides apart and on one
     * side of 0 after every neuron.
     */
    @Test
    void ladderSeparatesTheTopValueOfRelu() {
        Machine s = Machine.of(FixedPointArithmetic.of(FixedPointFormat.parse("p=3,q=3")), Accumulation.PER_OP,
                Activations.named("relu"));
        BinaryGadgets g = BinaryGadgets.find(s);
        long[] falses = LongStream.rangeClosed(0, s.max() - 1).toArray();
        long[] trues = {s.max()};
        BinaryGadgets.Ladder l = g.ladder(falses, trues);
        assertNotNull(l);
        TreeSet<Long> f = new TreeSet<>();
        TreeSet<Long> t = new TreeSet<>();
        Arrays.stream(falses).forEach(f::add);
        Arrays.stream(trues).forEach(t::add);
        assertEquals(l.tail().length + 1, l.values().length);
        for (int layer = 0; layer < l.tail().length; layer++) {
            assertValues(f, t, l.values()[layer], "before tail neuron " + layer);
            long[] neuron = l.tail()[layer];
            f = step(s, neuron, f);
            t = step(s, neuron, t);
            TreeSet<Long> both = new TreeSet<>(f);
            both.retainAll(t);
            assertTrue(both.isEmpty(), "the sides meet after " + Arrays.toString(neuron));
            assertTrue(Math.min(f.first(), t.first()) >= 0 || Math.max(f.last(), t.last()) <= 0
                    && Math.min(f.first(), t.first()) >= -s.max(), "one-sided");
        }
        assertValues(f, t, l.values()[l.tail().length], "after the last tail neuron");
        assertEquals(1, f.size());
        assertEquals(1, t.size());
        assertEquals(l.whenFalse(), f.first());
        assertEquals(l.whenTrue(), t.first());
    }

    /** The value list the cancellation checks use must be exactly the values the two sides take. */
    private static void assertValues(TreeSet<Long> f, TreeSet<Long> t, long[] reported, String where) {
        TreeSet<Long> both = new TreeSet<>(f);
        both.addAll(t);
        assertEquals(both.toString(), Arrays.toString(reported), "the values " + where);
    }

    /**
     * The lemma behind ladders with slack: twins whose values lie in {@code [-slack, M]} or
     * {@code [-M, slack]} cancel after every bias in {@code [-M + slack, M - slack]}, in both
     * encodings, both overflow modes and both accumulations, for every slack up to {@code M / 2},
     * checked on every such bias; and the bound is tight: after {@code -M + slack - 1} they do not.
     */
    @Test
    void twinsWithSlackCancelAfterEveryInnerBias() {
        int checked = 0;
        for (Machine s : everyEncodingOverflowAndAccumulation()) {
            BinaryGadgets g = BinaryGadgets.find(s);
            for (long slack = 1; slack <= s.max() / 2; slack++) {
                long[] up = LongStream.rangeClosed(-slack, s.max()).toArray();
                long[] down = LongStream.rangeClosed(-s.max(), slack).toArray();
                for (long b = s.min(); b <= s.max(); b++) {
                    if (g.cancelsWithSlack(b, slack)) {
                        assertNotEquals(0, BinaryGadgets.cancels(s, b, up), s + " b=" + b + " slack " + slack);
                        assertNotEquals(0, BinaryGadgets.cancels(s, b, down), s + " b=" + b + " slack " + slack);
                        checked++;
                    }
                }
                if (s.setting().fixedPoint().format().encoding() == Encoding.SYMMETRIC && s.arithmetic().saturates()
                        && s.accumulation() == Accumulation.PER_OP) {
                    assertEquals(0, BinaryGadgets.cancels(s, -s.max() + slack - 1, up), s + " slack " + slack);
                }
            }
        }
        assertTrue(checked > 1000, "checked " + checked);
    }

    /**
     * The corner threshold of gelu at p=3,q=3 in d = 2, {@code [x0 + x1 >= 15.75]}: its only
     * first-layer signal is {@code tau(-M + x0 + x1)}, 63 (codes) at the corner and {@code -1..62}
     * (gelu's dip) elsewhere, which no strict ladder decides; the ladder with slack does, through a
     * notch. Its tail, re-run neuron by neuron through {@link Machine#accumulate} with the twins in
     * its order, maps each side to one value, keeps the sides apart and within the slack, and uses
     * only biases after which signals with that slack cancel.
     */
    @Test
    void ladderWithANotchSeparatesGelusCorner() {
        Machine s = Machine.of(FixedPointArithmetic.of(FixedPointFormat.parse("p=3,q=3")), Accumulation.PER_OP,
                Activations.named("gelu"));
        BinaryGadgets g = BinaryGadgets.find(s);
        TreeSet<Long> f = new TreeSet<>();
        TreeSet<Long> t = new TreeSet<>();
        for (long x0 = -s.max(); x0 <= s.max(); x0++) {
            for (long x1 = -s.max(); x1 <= s.max(); x1++) {
                long y = s.tau(s.accumulate(-s.max(), new long[] {s.one().orElse(-1), s.one().orElse(-1)}, new long[] {x0, x1}, 2));
                (x0 + x1 >= 2 * s.max() ? t : f).add(y);
            }
        }
        assertEquals(new TreeSet<>(java.util.List.of(s.max())), t);
        assertTrue(f.first() < 0, "gelu's dip: the first layer's values straddle 0");
        assertNull(g.ladder(new long[] {}, new long[] {}), "no sides, no ladder");
        BinaryGadgets.Ladder l = g.ladder(f.stream().mapToLong(Long::longValue).toArray(),
                t.stream().mapToLong(Long::longValue).toArray());
        assertNotNull(l);
        long slack = g.maxSlack();
        boolean notch = false;
        for (int layer = 0; layer < l.tail().length; layer++) {
            assertValues(f, t, l.values()[layer], "before tail neuron " + layer);
            long[] neuron = l.tail()[layer];
            notch |= neuron.length == 3;
            assertTrue(g.cancelsWithSlack(neuron[0], slack), "bias " + neuron[0]);
            f = step(s, neuron, f);
            t = step(s, neuron, t);
            TreeSet<Long> both = new TreeSet<>(f);
            both.retainAll(t);
            assertTrue(both.isEmpty(), "the sides meet after " + Arrays.toString(neuron));
            long lo = Math.min(f.first(), t.first());
            long hi = Math.max(f.last(), t.last());
            assertTrue(lo >= -slack || hi <= slack, "within the slack");
        }
        assertTrue(notch, "a notch reads the corner: " + Arrays.deepToString(l.tail()));
        assertValues(f, t, l.values()[l.tail().length], "after the last tail neuron");
        assertEquals(1, f.size());
        assertEquals(1, t.size());
        assertEquals(l.whenFalse(), f.first());
        assertEquals(l.whenTrue(), t.first());
    }

    /** relu at p=3,q=2 with HALF_EVEN in both encodings, every overflow mode each allows, and both accumulations. */
    private static java.util.List<Machine> everyEncodingOverflowAndAccumulation() {
        java.util.List<Machine> out = new java.util.ArrayList<>();
        for (Encoding enc : Encoding.values()) {
            for (Overflow ov : Overflow.values()) {
                if (ov == Overflow.WRAP && enc != Encoding.TWOS_COMPLEMENT) {
                    continue;
                }
                for (Accumulation acc : Accumulation.values()) {
                    FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(3, 2, enc), Rounding.HALF_EVEN,
                            ov);
                    out.add(Machine.of(ar, acc, Activations.named("relu")));
                }
            }
        }
        return out;
    }

    /** A tail neuron {@code {b, s}} (both twins with sign s) or a notch {@code {b, s, -s}} on every value of a set. */
    private static TreeSet<Long> step(Machine s, long[] neuron, TreeSet<Long> in) {
        TreeSet<Long> out = new TreeSet<>();
        long w0 = neuron[1] * s.one().orElse(-1);
        long w1 = (neuron.length == 3 ? neuron[2] : neuron[1]) * s.one().orElse(-1);
        for (long y : in) {
            out.add(s.tau(s.accumulate(neuron[0], new long[] {w0, w1}, new long[] {y, y}, 2)));
        }
        return out;
    }
}

package dev.fxnet.gadget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.ActivationRounding;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The gadget core depends on the {@link Arithmetic} interface only: a second implementation, written
 * here from SPEC §1–3 with {@link BigDecimal} and Java's rounding modes and none of
 * {@link FixedPointArithmetic}'s integer shortcuts (it keeps every default method of the
 * interface), runs both gadget searches and finds exactly the gadgets, refusals and search logs that
 * fxnet's own arithmetic finds. A search that used a fixed-point shortcut behind the interface's back
 * would fail to compile against this type or differ here.
 */
class SecondArithmeticTest {
    /** Fixed point through another code path: exact decimals, {@code BigDecimal.setScale} rounding. */
    static final class DecimalFixedPoint implements Arithmetic, ActivationRounding {
        private final int q;
        private final long min;
        private final long max;
        private final RoundingMode mode;
        private final Rounding sameMode; // only to ask the activation for its correctly rounded value
        private final boolean saturate;

        DecimalFixedPoint(int p, int q, boolean symmetric, Rounding rounding, boolean saturate) {
            this.q = q;
            this.max = (1L << (p + q)) - 1;
            this.min = symmetric ? -max : -max - 1;
            this.mode = RoundingMode.valueOf(rounding.name()); // the seven modes Java has
            this.sameMode = rounding;
            this.saturate = saturate;
        }

        @Override
        public long minCode() {
            return min;
        }

        @Override
        public long maxCode() {
            return max;
        }

        @Override
        public BigDecimal value(long code) {
            return new BigDecimal(code).divide(BigDecimal.valueOf(2).pow(q)).stripTrailingZeros();
        }

        private long overflow(BigInteger k) {
            if (saturate) {
                return k.max(BigInteger.valueOf(min)).min(BigInteger.valueOf(max)).longValueExact();
            }
            BigInteger n = BigInteger.valueOf(max - min + 1);
            return k.subtract(BigInteger.valueOf(min)).mod(n).add(BigInteger.valueOf(min)).longValueExact();
        }

        @Override
        public long round(BigDecimal x) {
            return overflow(x.multiply(BigDecimal.valueOf(2).pow(q)).setScale(0, mode).toBigIntegerExact());
        }

        @Override
        public long add(long a, long b) {
            return round(value(a).add(value(b)));
        }

        @Override
        public long multiply(long a, long b) {
            return round(value(a).multiply(value(b)));
        }

        @Override
        public long fusedSum(long bias, long[] weights, long[] inputs, int count) {
            BigDecimal s = value(bias);
            for (int i = 0; i < count; i++) {
                s = s.add(value(weights[i]).multiply(value(inputs[i])));
            }
            return round(s);
        }

        @Override
        public boolean saturates() {
            return saturate;
        }

        @Override
        public boolean wraps() {
            return !saturate;
        }

        @Override
        public long tau(Activation sigma, long code) {
            return overflow(BigInteger.valueOf(sigma.roundScaled(code, q, sameMode)));
        }

        @Override
        public String toString() {
            return "decimal fixed point q=" + q + " " + mode + (saturate ? " saturating" : " wrapping");
        }
    }

    private record Case(String act, int p, int q, Encoding e, Rounding r, Overflow o, Accumulation acc) {
        Machine fxnet() {
            return Machine.of(FixedPointArithmetic.of(FixedPointFormat.of(p, q, e), r, o), acc, Activations.named(act));
        }

        Machine toy() {
            return Machine.of(new DecimalFixedPoint(p, q, e == Encoding.SYMMETRIC, r, o == Overflow.SATURATE), acc,
                    Activations.named(act));
        }
    }

    private static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (String act : new String[] {"relu", "sigmoid", "identity", "gelu"}) {
            out.add(new Case(act, 1, 1, Encoding.SYMMETRIC, Rounding.HALF_EVEN, Overflow.SATURATE, Accumulation.PER_OP));
            out.add(new Case(act, 1, 1, Encoding.SYMMETRIC, Rounding.FLOOR, Overflow.SATURATE, Accumulation.WIDE));
        }
        out.add(new Case("relu", 2, 1, Encoding.TWOS_COMPLEMENT, Rounding.HALF_EVEN, Overflow.WRAP, Accumulation.PER_OP));
        out.add(new Case("sigmoid", 2, 1, Encoding.TWOS_COMPLEMENT, Rounding.UP, Overflow.SATURATE, Accumulation.PER_OP));
        out.add(new Case("relu", 1, 2, Encoding.TWOS_COMPLEMENT, Rounding.CEILING, Overflow.WRAP, Accumulation.WIDE));
        return out;
    }

    @Test
    void theToyIsNotFixedPointArithmeticAndAgreesWithItOnEveryOperation() {
        for (Case c : cases()) {
            Machine fx = c.fxnet();
            Machine toy = c.toy();
            assertFalse(toy.arithmetic() instanceof FixedPointArithmetic);
            assertEquals(fx.min(), toy.min());
            assertEquals(fx.max(), toy.max());
            for (long a = fx.min(); a <= fx.max(); a++) {
                assertEquals(fx.tau(a), toy.tau(a), c + " tau(" + a + ")");
                for (long b = fx.min(); b <= fx.max(); b++) {
                    assertEquals(fx.add(a, b), toy.add(a, b), c + " add");
                    assertEquals(fx.mul(a, b), toy.mul(a, b), c + " mul");
                    assertEquals(fx.pre(b, a, b), toy.pre(b, a, b), c + " pre");
                    assertEquals(fx.chain(b, a, b, 5), toy.chain(b, a, b, 5), c + " chain");
                    assertEquals(fx.arithmetic().subtract(a, b), toy.arithmetic().subtract(a, b), c + " subtract");
                }
            }
        }
    }

    @Test
    void negativeCopiesAreRefusedByTheDefaultAndTheOverrideAlike() {
        Case c = cases().get(0);
        assertThrows(IllegalArgumentException.class, () -> c.toy().arithmetic().addCopies(0, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> c.fxnet().arithmetic().addCopies(0, 1, -1));
    }

    @Test
    void theCertificateSearchFindsTheSameGadgetsThroughTheInterface() {
        int found = 0;
        for (Case c : cases()) {
            GadgetSearch.Outcome fx = GadgetSearch.search(c.fxnet());
            GadgetSearch.Outcome toy = GadgetSearch.search(c.toy());
            assertEquals(fx.tried(), toy.tried(), c.toString());
            assertEquals(fx.gadgets().map(g -> g.describe(1)), toy.gadgets().map(g -> g.describe(1)), c.toString());
            toy.gadgets().ifPresent(g -> assertTrue(g.verify(c.toy()).isEmpty(), c.toString()));
            found += fx.gadgets().isPresent() ? 1 : 0;
        }
        assertTrue(found >= 6, "the cases should mostly have certificates, found " + found);
    }

    @Test
    void theIndicatorSearchFindsTheSameGadgetsThroughTheInterface() {
        int found = 0;
        for (Case c : cases()) {
            Machine fx = c.fxnet();
            Machine toy = c.toy();
            Optional<String> a = outcome(() -> IndicatorGadgets.search(fx, 2, IndicatorGadgets.MAX_TAIL_SEARCHES).summary());
            Optional<String> b = outcome(() -> IndicatorGadgets.search(toy, 2, IndicatorGadgets.MAX_TAIL_SEARCHES).summary());
            String refusalA = refusal(() -> IndicatorGadgets.search(fx, 2, IndicatorGadgets.MAX_TAIL_SEARCHES));
            String refusalB = refusal(() -> IndicatorGadgets.search(toy, 2, IndicatorGadgets.MAX_TAIL_SEARCHES));
            assertEquals(a, b, c.toString());
            assertEquals(refusalA.replace(fx.arithmetic().toString(), "AR"), refusalB.replace(toy.arithmetic().toString(), "AR"),
                    c.toString());
            found += a.isPresent() ? 1 : 0;
        }
        assertTrue(found >= 6, "the cases should mostly have indicator gadgets, found " + found);
    }

    private static Optional<String> outcome(Supplier<String> search) {
        try {
            return Optional.of(search.get());
        } catch (IllegalArgumentException refused) {
            return Optional.empty();
        }
    }

    private static String refusal(Supplier<?> search) {
        try {
            search.get();
            return "";
        } catch (IllegalArgumentException refused) {
            return refused.getMessage();
        }
    }
}

package dev.fxnet.theory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.gadget.Certificate;
import dev.fxnet.gadget.GadgetSearch;
import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.Question;
import dev.fxnet.gadget.Setting;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The acceptance examples of issue #4 and the worked examples of docs/THEORY.md. */
class TheoryExamplesTest {
    static Setting setting(String act, int p, int q, Encoding e, Rounding r, Overflow o) {
        return Setting.of(FixedPointArithmetic.of(FixedPointFormat.of(p, q, e), r, o), Accumulation.PER_OP,
                Activations.named(act));
    }

    @Test
    void paperActivationsAndIdentityAreUniversalAtP3Q3() {
        for (String a : VerdictTable.PAPER_ACTIVATIONS) {
            Verdict v = Universality.check(setting(a, 3, 3, Encoding.SYMMETRIC, Rounding.HALF_EVEN, Overflow.SATURATE));
            assertEquals(Verdict.Kind.UNIVERSAL, v.kind(), v.toString());
            assertEquals(Truth.TRUE, v.necessary());
            assertEquals(Truth.TRUE, v.sufficient());
            Certificate g = v.gadgets().orElseThrow();
            assertTrue(g.verify(v.setting().machine()).isEmpty());
            assertTrue(g.neuronsPerPoint(3) > 0 && g.hiddenLayers(3) >= g.hiddenLayers(1));
            assertTrue(v.report(2).contains("construction"));
        }
    }

    /**
     * The two settings where no information passes a first layer, each named as such: sigmoid
     * rounded toward zero is 0 on all of F (its values lie in (0, 1)), and at p=0,q=1 every
     * product of two values of {-0.5, 0, 0.5} is 0.25 or 0 and rounds to 0 (HALF_EVEN).
     */
    @Test
    void noInformationPassesIsExplainedAsSuch() {
        Verdict constant = Universality.check(setting("sigmoid", 2, 0, Encoding.SYMMETRIC, Rounding.DOWN,
                Overflow.SATURATE));
        assertEquals(Verdict.Kind.NOT_UNIVERSAL, constant.kind());
        assertTrue(constant.text().contains("rounded activation is constant"), constant.text());
        Machine m = setting("sigmoid", 2, 0, Encoding.SYMMETRIC, Rounding.DOWN, Overflow.SATURATE).machine();
        for (long z = m.min(); z <= m.max(); z++) {
            assertEquals(0, m.tau(z), "sigmoid(z) in (0, 1) rounds toward zero to 0");
        }
        Verdict products = Universality.check(setting("relu", 0, 1, Encoding.SYMMETRIC, Rounding.HALF_EVEN,
                Overflow.SATURATE));
        assertEquals(Verdict.Kind.NOT_UNIVERSAL, products.kind());
        assertTrue(products.text().contains("rounds to 0"), products.text());
        // and not where products survive: p=0,q=2 has 0.25 * 0.75 = 0.1875 -> 0.25
        Verdict survives = Universality.check(setting("relu", 0, 2, Encoding.SYMMETRIC, Rounding.HALF_EVEN,
                Overflow.SATURATE));
        assertFalse(survives.text().contains("rounds to 0"), survives.text());
    }

    @Test
    void gadgetsComposeIntoIndicatorsAndExactOutputsInTwoDimensions() {
        // simulate the construction of THEORY.md §3 for d = 2 on a few points, straight on codes
        Setting s = setting("relu", 1, 1, Encoding.SYMMETRIC, Rounding.HALF_EVEN, Overflow.SATURATE);
        Machine m = s.machine();
        Certificate g = GadgetSearch.search(m).gadgets().orElseThrow();
        for (long v0 = m.min(); v0 <= m.max(); v0++) {
            for (long v1 = m.min(); v1 <= m.max(); v1++) {
                for (long x0 = m.min(); x0 <= m.max(); x0++) {
                    for (long x1 = m.min(); x1 <= m.max(); x1++) {
                        long[] tests = {
                            v0 > m.min() ? g.up(v0).evaluate(m, x0) : g.on(),
                            v0 < m.max() ? g.down(v0).evaluate(m, x0) : g.on(),
                            v1 > m.min() ? g.up(v1).evaluate(m, x1) : g.on(),
                            v1 < m.max() ? g.down(v1).evaluate(m, x1) : g.on()};
                        long a = g.and().evaluate(m, g.and().evaluate(m, tests[0], tests[1]),
                                g.and().evaluate(m, tests[2], tests[3]));
                        assertEquals(x0 == v0 && x1 == v1 ? g.on() : g.off(), a);
                    }
                }
            }
        }
    }

    @Test
    void constantTauIsNotUniversalWithWitness() {
        // sigmoid in (0, 1) with q = 0 and FLOOR: tau = 0 everywhere
        Verdict v = Universality.check(setting("sigmoid", 3, 0, Encoding.SYMMETRIC, Rounding.FLOOR, Overflow.SATURATE));
        assertEquals(Verdict.Kind.NOT_UNIVERSAL, v.kind());
        assertEquals("N-sep", v.violated());
        assertTrue(v.witness().isPresent());
        assertEquals(Truth.FALSE, v.necessary());
        assertTrue(v.report(1).contains("invariant"));
    }

    @Test
    void productsThatAlwaysRoundToZeroAreNotUniversal() {
        // p = 0, q = 1: values +-0.5, 0.5 * 0.5 = 0.25 rounds to 0
        Setting s = setting("relu", 0, 1, Encoding.SYMMETRIC, Rounding.HALF_EVEN, Overflow.SATURATE);
        Machine m = s.machine();
        for (long w = m.min(); w <= m.max(); w++) {
            for (long y = m.min(); y <= m.max(); y++) {
                assertEquals(0, m.mul(w, y));
            }
        }
        Verdict v = Universality.check(s);
        assertEquals(Verdict.Kind.NOT_UNIVERSAL, v.kind());
        assertEquals("N-sep", v.violated());
        assertFalse(ExactDecider.decide(m, 1).universal());
    }

    @Test
    void workedExampleTwosComplementReluCannotSeparateMinusTwoAndMinusOne() {
        Setting s = setting("relu", 1, 0, Encoding.TWOS_COMPLEMENT, Rounding.HALF_EVEN, Overflow.SATURATE);
        Machine m = s.machine();
        for (long b = m.min(); b <= m.max(); b++) {
            for (long w = m.min(); w <= m.max(); w++) {
                assertEquals(m.tau(m.pre(b, w, -2)), m.tau(m.pre(b, w, -1)));
            }
        }
        assertArrayEquals(new long[] {-2, -1}, NecessaryCondition.unseparatedPair(m, false));
        Verdict v = Universality.check(s);
        assertEquals(Verdict.Kind.NOT_UNIVERSAL, v.kind());
        // under WRAP the weight -2 separates them: 4 wraps to 0, 2 wraps to -2
        Machine wrap = setting("relu", 1, 0, Encoding.TWOS_COMPLEMENT, Rounding.HALF_EVEN, Overflow.WRAP).machine();
        assertEquals(0, wrap.mul(-2, -2));
        assertEquals(-2, wrap.mul(-2, -1));
        assertNotEquals(wrap.tau(wrap.pre(1, -2, -2)), wrap.tau(wrap.pre(1, -2, -1)));
    }

    @Test
    void wrapWithIntegerIdentityIsAffineAndNotUniversal() {
        Verdict v = Universality.check(setting("identity", 2, 0, Encoding.TWOS_COMPLEMENT, Rounding.HALF_EVEN,
                Overflow.WRAP));
        assertEquals(Verdict.Kind.NOT_UNIVERSAL, v.kind());
        assertEquals("N-aff", v.violated());
        long[] f = v.witness().orElseThrow().outputs();
        assertEquals(1, f[(int) (-1 - v.setting().arithmetic().minCode())]);
    }

    @Test
    void necessaryWitnessesAreNotRepresentedAccordingToTheDecider() {
        for (Setting s : ConsistencyTest.tiny()) {
            Machine m = s.machine();
            NecessaryCondition.Result n = NecessaryCondition.check(m, false);
            if (n.holds() != Truth.FALSE || !n.witness().isPresent() || n.witness().get().dims() != 1
                    || !ExactDecider.feasible(m, 1, ExactDecider.ROUTINE_FUNCTIONS)) {
                continue;
            }
            DeciderResult r = ExactDecider.decide(m, 1);
            assertFalse(r.universal(), s.toString());
        }
    }

    @Test
    void binaryWeightsNeedTheValueOne() {
        Verdict v = Universality.check(Question.of(setting("relu", 0, 3, Encoding.SYMMETRIC, Rounding.HALF_EVEN, Overflow.SATURATE))
                .withWeights(Question.Weights.BINARY));
        assertEquals(Verdict.Kind.NOT_UNIVERSAL, v.kind());
        assertEquals("N-one", v.violated());
        Verdict b = Universality.check(Question.of(setting("relu", 3, 3, Encoding.SYMMETRIC, Rounding.HALF_EVEN, Overflow.SATURATE))
                .withWeights(Question.Weights.BINARY));
        assertEquals(Truth.TRUE, b.necessary());
    }

    @Test
    void wideAccumulationFindsGadgetsToo() {
        Setting s = Setting.of(FixedPointArithmetic.of(FixedPointFormat.of(2, 2)), Accumulation.WIDE,
                Activations.named("relu"));
        Verdict v = Universality.check(s);
        assertEquals(Verdict.Kind.UNIVERSAL, v.kind(), v.toString());
    }

    @Test
    void smallGridCsvHasOneRowPerSetting() {
        VerdictTable t = VerdictTable.of(List.of(Activations.named("relu"), Activations.named("step")),
                new VerdictTable.FormatGrid(List.of(1), List.of(1), List.of(Encoding.values()), List.of(Overflow.values()),
                        List.of(Rounding.HALF_EVEN)), Accumulation.PER_OP, false);
        List<Verdict> vs = t.run(2);
        assertEquals(6, vs.size());
        String csv = VerdictTable.toCsv(vs);
        assertTrue(csv.startsWith(VerdictTable.HEADER + "\n"));
        assertEquals(7, csv.split("\n").length);
    }
}

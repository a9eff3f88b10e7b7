package dev.fxnet.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.gadget.Certificate;
import dev.fxnet.gadget.Levels;
import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.Setting;
import dev.fxnet.gadget.Stage;
import dev.fxnet.testing.LongTests;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The finite check of Theorem P (docs/THEORY.md §11): wherever its hypotheses hold on a small
 * format, the gadgets it builds by formula are verified on every input ({@link Certificate#verify},
 * exhaustive), and the exact decider never finds a function that no network computes.
 */
class SaturationTheoremTest {
    static List<Setting> grid(int maxBits) {
        List<Setting> out = new ArrayList<>();
        for (int bits = 1; bits <= maxBits; bits++) {
            for (int p = 1; p <= bits; p++) {
                for (Encoding e : Encoding.values()) {
                    for (Rounding r : Rounding.values()) {
                        for (Accumulation acc : Accumulation.values()) {
                            for (String act : SaturationTheorem.FAMILY) {
                                out.add(Setting.of(FixedPointArithmetic.of(FixedPointFormat.of(p, bits - p, e), r,
                                        Overflow.SATURATE), acc, Activations.named(act)));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    @Test
    void theTheoremsGadgetsAreVerifiedOnEveryInputWhereverItsHypothesesHold() {
        // default: p + q <= 5 (the suite's time budget); -Plong: p + q <= 8, as docs/THEORY.md §11 reports
        int maxBits = LongTests.pick(List.of(5, 8), List.of(5)).get(LongTests.enabled() ? 1 : 0);
        int holds = 0;
        List<Setting> grid = grid(maxBits);
        for (Setting s : grid) {
            SaturationTheorem.Result r = SaturationTheorem.check(s);
            if (!r.holds()) {
                assertFalse(r.reason().isBlank(), s.toString());
                continue;
            }
            holds++;
            Certificate c = SaturationTheorem.certificate(s).orElseThrow();
            List<String> bad = c.verify(s.machine());
            assertTrue(bad.isEmpty(), s + ": " + bad + " plan " + r.plan().get());
        }
        assertTrue(holds > grid.size() / 2, "the theorem covers most of the grid: " + holds + " of " + grid.size());
    }

    @Test
    void theExactDeciderFindsEveryTinySettingTheTheoremCoversUniversal() {
        int covered = 0;
        for (Setting s : grid(1)) {
            Machine m = s.machine();
            if (s.accumulation() != Accumulation.PER_OP || !SaturationTheorem.check(s).holds()) {
                continue;
            }
            for (int d = 1; d <= 2; d++) {
                if (ExactDecider.feasible(m, d, ExactDecider.ROUTINE_FUNCTIONS)) {
                    assertTrue(ExactDecider.decide(m, d).universal(), s + " d = " + d);
                    covered++;
                }
            }
        }
        assertTrue(covered >= 20, "decided settings: " + covered);
    }

    @Test
    void whereTheTheoremHoldsTheVerdictIsNeverNotUniversal() {
        for (Setting s : grid(3)) {
            if (s.accumulation() == Accumulation.PER_OP && SaturationTheorem.check(s).holds()) {
                assertNotEquals(Verdict.Kind.NOT_UNIVERSAL, Universality.check(s).kind(), s.toString());
            }
        }
    }

    @Test
    void outsideTheFamilyOrUnderWrapTheTheoremDoesNotApply() {
        FixedPointArithmetic wrap = FixedPointArithmetic.of(FixedPointFormat.of(2, 2, Encoding.TWOS_COMPLEMENT),
                Rounding.HALF_EVEN, Overflow.WRAP);
        assertFalse(SaturationTheorem.check(Setting.of(wrap, "relu")).holds());
        FixedPointArithmetic sat = FixedPointArithmetic.of(FixedPointFormat.of(2, 2), Rounding.HALF_EVEN, Overflow.SATURATE);
        assertFalse(SaturationTheorem.check(Setting.of(sat, "tanh")).holds());
        FixedPointArithmetic p0 = FixedPointArithmetic.of(FixedPointFormat.of(0, 3), Rounding.HALF_EVEN, Overflow.SATURATE);
        assertFalse(SaturationTheorem.check(Setting.of(p0, "relu")).holds());
        // sigmoid rounded UP has no zero: no sign weight separates tau(M) from tau(m)
        FixedPointArithmetic up = FixedPointArithmetic.of(FixedPointFormat.of(3, 3), Rounding.UP, Overflow.SATURATE);
        assertFalse(SaturationTheorem.check(Setting.of(up, "sigmoid")).holds());
    }

    @Test
    void largeFormatsAreDecidedFromTheTheoremWithoutATable() {
        for (int[] pq : new int[][] {{5, 10}, {7, 8}, {12, 12}, {15, 15}}) {
            FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(pq[0], pq[1], Encoding.TWOS_COMPLEMENT),
                    Rounding.HALF_EVEN, Overflow.SATURATE);
            for (String act : SaturationTheorem.FAMILY) {
                SaturationTheorem.Result r = SaturationTheorem.check(Setting.of(ar, act));
                assertTrue(r.holds(), act + " " + ar + ": " + r.reason());
                assertEquals(Optional.empty(), SaturationTheorem.certificate(Setting.of(ar, act)));
            }
        }
    }

    @Test
    void atTheSearchLimitTheGadgetsAreStillVerifiedOnEveryInput() {
        // |F| = 2047 and 2048: the largest formats whose certificate is built; O(|F|^2) evaluations each
        for (Encoding e : Encoding.values()) {
            for (String act : List.of("relu", "gelu", "softplus")) {
                Setting s = Setting.of(FixedPointArithmetic.of(FixedPointFormat.of(4, 6, e), Rounding.HALF_EVEN,
                        Overflow.SATURATE), Accumulation.PER_OP, Activations.named(act));
                Certificate c = SaturationTheorem.certificate(s).orElseThrow(() -> new AssertionError(s.toString()));
                assertEquals(List.of(), c.verify(s.machine()), s.toString());
            }
        }
    }

    @Test
    void everyThresholdOfLargerFormatsHasARecipeExactlyWhereTheCheckSaysSo() {
        // the threshold coverage of the check is interval arithmetic; the recipes are what the certificate uses
        for (int[] pq : new int[][] {{2, 9}, {6, 6}, {9, 3}}) {
            for (Encoding e : Encoding.values()) {
                for (Rounding r : Rounding.values()) {
                    for (Accumulation acc : Accumulation.values()) {
                        for (String act : SaturationTheorem.FAMILY) {
                            FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(pq[0], pq[1], e), r,
                                    Overflow.SATURATE);
                            SaturationTheorem.Result res = SaturationTheorem.check(Setting.of(ar, acc,
                                    Activations.named(act)));
                            res.plan().ifPresent(plan -> assertCovered(plan, ar));
                        }
                    }
                }
            }
        }
    }

    private static void assertCovered(SaturationPlan plan, FixedPointArithmetic ar) {
        long one = 1L << ar.format().fracBits();
        for (long a = ar.minCode(); a <= ar.maxCode(); a++) {
            long at = a;
            assertTrue(a == ar.minCode() || plan.step(a, true, one, ar.minCode(), ar.maxCode()).isPresent(), () -> ar + " " + at);
            assertTrue(a == ar.maxCode() || plan.step(a, false, one, ar.minCode(), ar.maxCode()).isPresent(), () -> ar + " " + at);
        }
    }

    @Test
    void theClosedFormForReluWithSymmetricCodesIsVerifiedWithoutAnySearch() {
        // docs/THEORY.md §11.6: v = 1.0, zv = 1 code, levels (M, 0), NOT tau(M + K copies of -1.0*y),
        // AND tau(m + 1.0*s1 + 1.0*s2), relevel tau(1.0 - M + 1.0*y), for every rounding and accumulation
        for (int bits = 1; bits <= 7; bits++) {
            for (int p = 1; p <= bits; p++) {
                for (Rounding r : Rounding.values()) {
                    for (Accumulation acc : Accumulation.values()) {
                        Setting s = Setting.of(FixedPointArithmetic.of(FixedPointFormat.of(p, bits - p), r,
                                Overflow.SATURATE), acc, Activations.named("relu"));
                        long mx = s.arithmetic().maxCode();
                        long one = 1L << (bits - p);
                        Stage sign = Stage.of(-mx, one, 2 * mx);
                        SaturationPlan plan = new SaturationPlan(one, 1, new Levels(mx, 0), sign,
                                Optional.of(Stage.of(mx, -one, 2 * mx)), java.util.Map.of(), -mx, one,
                                List.of(Stage.of(one - mx, one, 1)), new Levels(one, 0), false);
                        assertEquals(List.of(), SaturationTheorem.certificate(s, plan).verify(s.machine()), s.toString());
                    }
                }
            }
        }
    }

    @Test
    void theClosedFormForReluWithTwosComplementAndWideAccumulationIsVerifiedWithoutAnySearch() {
        // docs/THEORY.md §11.6: as for symmetric codes with m = -M - 1; [x >= m + 1] is the NOT of [x <= m]
        for (int bits = 2; bits <= 7; bits++) {
            for (int p = 1; p <= bits; p++) {
                for (Rounding r : Rounding.values()) {
                    Setting s = Setting.of(FixedPointArithmetic.of(FixedPointFormat.of(p, bits - p, Encoding.TWOS_COMPLEMENT),
                            r, Overflow.SATURATE), Accumulation.WIDE, Activations.named("relu"));
                    long mx = s.arithmetic().maxCode();
                    long one = 1L << (bits - p);
                    Stage sign = Stage.of(-mx - 1, one, 2 * mx + 1);
                    SaturationPlan plan = new SaturationPlan(one, 1, new Levels(mx, 0), sign,
                            Optional.of(Stage.of(mx, -one, 2 * mx + 1)), java.util.Map.of(), -mx - 1, one,
                            List.of(Stage.of(one - mx, one, 1)), new Levels(one, 0), false);
                    assertEquals(List.of(), SaturationTheorem.certificate(s, plan).verify(s.machine()), s.toString());
                }
            }
        }
    }
}

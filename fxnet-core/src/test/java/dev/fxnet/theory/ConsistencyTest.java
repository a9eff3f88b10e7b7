package dev.fxnet.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.Activations;
import dev.fxnet.testing.SettingGrid;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every tiny setting (p + q <= 1, every encoding, overflow, rounding, built-in activation, PER_OP):
 * S implies the exact decider says universal, not-N implies it says not universal, and the verdict
 * agrees with the decider. Prints the counts.
 */
class ConsistencyTest {
    static List<Setting> tiny() {
        return SettingGrid.of(List.of(new int[] {0, 0}, new int[] {1, 0}, new int[] {0, 1}), Activations.builtIns());
    }

    @Test
    void conditionsAgreeWithTheExactDecider() {
        int settings = 0;
        int sHolds = 0;
        int nFails = 0;
        int nNotS = 0;
        int nNotSWithZero = 0;
        int undetermined = 0;
        int disagree = 0;
        List<String> gaps = new ArrayList<>();
        for (Setting s : tiny()) {
            Machine m = s.machine();
            settings++;
            boolean universal = true;
            for (int d = 1; d <= 2; d++) {
                if (ExactDecider.feasible(m, d, ExactDecider.ROUTINE_FUNCTIONS)) {
                    universal &= ExactDecider.decide(m, d).universal();
                }
            }
            NecessaryCondition.Result n = NecessaryCondition.check(m, false);
            boolean sufficient = m.size() == 1 || GadgetSearch.search(m).gadgets().isPresent();
            if (sufficient) {
                sHolds++;
                assertTrue(universal, "S holds but the decider finds a non-representable function: " + s);
            }
            if (n.holds() == Truth.FALSE) {
                nFails++;
                assertTrue(!universal, "N fails but the decider says universal: " + s);
                assertTrue(n.witness().isPresent(), "N fails without witness: " + s);
            }
            if (n.holds() == Truth.TRUE && !sufficient) {
                nNotS++;
                boolean zero = false;
                for (long z = m.min(); z <= m.max(); z++) {
                    zero |= m.tau(z) == 0;
                }
                if (zero) {
                    nNotSWithZero++;
                }
                gaps.add(s + " decider " + (universal ? "universal" : "not universal") + (zero ? " tau has a zero" : ""));
            }
            Verdict v = Universality.check(s);
            if (v.kind() == Verdict.Kind.UNDETERMINED) {
                undetermined++;
            } else if ((v.kind() == Verdict.Kind.UNIVERSAL) != universal) {
                disagree++;
            }
        }
        System.out.println("tiny settings: " + settings + ", S holds: " + sHolds + ", N fails: " + nFails
                + ", N and not S: " + nNotS + " (tau has a zero in " + nNotSWithZero + "), verdict UNDETERMINED: "
                + undetermined + ", verdict disagrees with decider: " + disagree);
        gaps.stream().limit(40).forEach(g -> System.out.println("  gap: " + g));
        assertEquals(0, disagree);
        assertEquals(0, undetermined, "UNDETERMINED verdicts count against agreement with the decider");
    }
}

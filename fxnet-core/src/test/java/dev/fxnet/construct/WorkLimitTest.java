package dev.fxnet.construct;

import dev.fxnet.target.FunctionTable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.gadget.Setting;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The work limit and the compiler's lower bound on parameters (issue #12: a 5 GB, 16-minute verification). */
class WorkLimitTest {
    @Test
    void refusesAboveTheLimitWithTheEstimate() {
        WorkLimit.standard().check("verifying", 16129, 6_000_000); // 9.7e10: the binary gelu network fits
        WorkLimitException e = assertThrows(WorkLimitException.class,
                () -> WorkLimit.standard().check("verifying", 1046529, 6_289_196));
        assertEquals("verifying 1046529 points x 6.29M parameters = 6.6e12 weight-operations exceeds the limit 1e12",
                e.getMessage());
        assertEquals(1046529, e.points());
        WorkLimit.none().check("verifying", Long.MAX_VALUE, Long.MAX_VALUE);
        assertThrows(IllegalArgumentException.class, () -> WorkLimit.of(0));
    }

    @Test
    void minParametersNeverExceedsWhatCompileBuilds() {
        Setting s = Setting.of(FixedPointArithmetic.of(FixedPointFormat.of(1, 1)), Accumulation.PER_OP,
                Activations.named("relu"));
        FixedPointFormat f = s.fixedPoint().format();
        for (int d = 1; d <= 2; d++) {
            int dims = d;
            FunctionTable[] tables = {FunctionTable.random(f, d, 1), FunctionTable.random(f, d, 2),
                FunctionTable.fromCodes(f, d, x -> x[0] >= 0 && x[dims - 1] >= 0 ? f.maxCode() : 0),
                FunctionTable.fromCodes(f, d, x -> 1), FunctionTable.fromCodes(f, d, x -> x[dims - 1] > 0 ? 1 : 0)};
            for (FunctionTable t : tables) {
                for (Strategy st : Arrays.asList(null, Strategy.CUBES, Strategy.BOXES, Strategy.STEPS)) {
                    long built = Compiler.compile(t, s,
                            CompileOptions.defaults().withStrategy(st)
                                    .withVerification(false)).network().size().parameters();
                    long bound = Compiler.minParameters(t, st);
                    assertTrue(bound <= built, "d=" + d + " " + st + ": bound " + bound + " > built " + built);
                    assertTrue(bound > 0);
                }
            }
        }
    }

    @Test
    void aRandomTableOnAMillionPointsIsRefusedBeforeTheGadgetSearch() {
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(4, 5));
        FunctionTable t = FunctionTable.random(ar.format(), 2, 1);
        Setting s = Setting.of(ar, Accumulation.PER_OP, Activations.named("relu"));
        WorkLimitException e = assertThrows(WorkLimitException.class,
                () -> Compiler.compile(t, s,
                        CompileOptions.defaults().withVerification(false).withLimit(WorkLimit.standard())));
        assertTrue(e.getMessage().startsWith("verifying 1046529 points x at least "), e.getMessage());
    }
}

package dev.fxnet.construct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.eval.ReferenceEvaluator;
import dev.fxnet.gadget.Certificate;
import dev.fxnet.gadget.Setting;
import dev.fxnet.target.FunctionTable;
import dev.fxnet.theory.SaturationTheorem;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Networks built by Theorem 2's construction from the gadgets of Theorem P (docs/THEORY.md §11),
 * for random tables in {@code d = 1} and {@code d = 2}, are exact on every point by the evaluator
 * written from the SPEC alone ({@link ReferenceEvaluator}).
 */
class SaturationTheoremConstructionTest {
    private static Setting setting(String act, int p, int q, Encoding e, Rounding r, Accumulation acc) {
        return Setting.of(FixedPointArithmetic.of(FixedPointFormat.of(p, q, e), r, Overflow.SATURATE), acc,
                Activations.named(act));
    }

    @Test
    void randomTablesCompiledFromTheTheoremsGadgetsAreExact() {
        List<Setting> settings = List.of(
                setting("relu", 1, 1, Encoding.SYMMETRIC, Rounding.HALF_EVEN, Accumulation.PER_OP),
                setting("identity", 1, 1, Encoding.SYMMETRIC, Rounding.FLOOR, Accumulation.PER_OP),
                setting("elu", 1, 1, Encoding.SYMMETRIC, Rounding.HALF_UP, Accumulation.WIDE),
                setting("gelu", 1, 1, Encoding.TWOS_COMPLEMENT, Rounding.HALF_EVEN, Accumulation.WIDE),
                setting("softplus", 2, 1, Encoding.SYMMETRIC, Rounding.HALF_EVEN, Accumulation.PER_OP),
                setting("silu", 1, 2, Encoding.SYMMETRIC, Rounding.DOWN, Accumulation.PER_OP));
        int built = 0;
        for (Setting s : settings) {
            Certificate c = SaturationTheorem.certificate(s).orElseThrow(() -> new AssertionError("theorem: " + s));
            assertTrue(c.verify(s.machine()).isEmpty(), s.toString());
            FixedPointFormat f = s.fixedPoint().format();
            for (int d = 1; d <= 2; d++) {
                FunctionTable t = FunctionTable.random(f, d, 31L * d + built);
                CertifiedConstruction.Outcome o = CertifiedConstruction.build(t, s.machine(), c);
                if (!(o instanceof CertifiedConstruction.Built b)) {
                    assertTrue(d == 2, s + ": too large in d = 1: " + o);
                    continue;
                }
                ReferenceEvaluator ref = new ReferenceEvaluator(b.network());
                for (int i = 0; i < t.size(); i++) {
                    int at = i;
                    int dim = d;
                    assertEquals(t.code(i), ref.evaluate(t.space().point(i))[0], () -> s + " d=" + dim + " point " + at);
                }
                built++;
            }
        }
        assertTrue(built >= 8, "networks built and checked: " + built);
    }
}

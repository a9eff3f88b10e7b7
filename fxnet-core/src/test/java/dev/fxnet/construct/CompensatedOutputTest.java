package dev.fxnet.construct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import dev.fxnet.gadget.GadgetSearch;
import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.Setting;
import dev.fxnet.target.FunctionTable;
import org.junit.jupiter.api.Test;

/**
 * WIDE without a zero of tau (sigmoid and softplus under UP): the compensated output (docs/THEORY.md
 * §3 (iv'')) cancels every off-term with constant neurons; the networks built from such certificates
 * are exact on every point of random tables by the SPEC-only {@link ReferenceEvaluator}.
 */
class CompensatedOutputTest {
    @Test
    void compensatedCertificatesCompileRandomTablesExactly() {
        int checked = 0;
        for (String act : new String[] {"sigmoid", "softplus"}) {
            for (int b = 1; b <= 2; b++) {
                for (Encoding e : Encoding.values()) {
                    FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(b, b, e), Rounding.UP, Overflow.SATURATE);
                    Setting s = Setting.of(ar, Accumulation.WIDE, Activations.named(act));
                    Machine m = s.machine();
                    GadgetSearch.Outcome o = GadgetSearch.search(m);
                    assertTrue(o.gadgets().isPresent(), s + ": " + o.tried());
                    Certificate c = o.gadgets().get();
                    assertTrue(c.output().isCompensated(), s + ": " + c.describe(1));
                    assertTrue(c.verify(m).isEmpty(), s.toString());
                    for (int d = 1; d <= (m.size() <= 8 ? 2 : 1); d++) {
                        FunctionTable t = FunctionTable.random(ar.format(), d, 17 + d + b);
                        CertifiedConstruction.Built built = assertInstanceOf(CertifiedConstruction.Built.class,
                                CertifiedConstruction.build(t, m, c), s.toString());
                        ReferenceEvaluator ref = new ReferenceEvaluator(built.network());
                        for (int i = 0; i < t.size(); i++) {
                            int at = i;
                            int dim = d;
                            assertEquals(t.code(i), ref.evaluate(t.space().point(i))[0], () -> s + " d=" + dim + " point " + at);
                        }
                        checked++;
                    }
                }
            }
        }
        assertEquals(12, checked);
    }
}

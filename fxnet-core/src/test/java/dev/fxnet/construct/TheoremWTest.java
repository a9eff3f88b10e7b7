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
import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.ModularCertificate;
import dev.fxnet.gadget.ModularSearch;
import dev.fxnet.gadget.Setting;
import dev.fxnet.target.FunctionTable;
import java.util.ArrayList;
import java.util.List;
import dev.fxnet.testing.LongTests;
import org.junit.jupiter.api.Test;

/**
 * Theorem W (docs/THEORY.md §12): certificates found for two's complement WRAP settings compile,
 * for random tables in {@code d = 1} and {@code d = 2}, into networks that the SPEC-only
 * {@link ReferenceEvaluator} finds exact on every point; PER_OP and WIDE, several activations and
 * roundings.
 */
class TheoremWTest {
    private static final String[] SETTINGS = {
        "relu:3:3:HALF_EVEN:PER_OP", "relu:2:2:DOWN:WIDE", "sigmoid:3:3:UP:PER_OP", "sigmoid:1:2:HALF_EVEN:WIDE",
        "gelu:2:3:FLOOR:PER_OP", "elu:1:1:CEILING:PER_OP", "softplus:2:1:HALF_UP:WIDE", "silu:3:2:HALF_FLOOR:PER_OP",
        "mish:1:2:HALF_DOWN:PER_OP", "step:2:2:HALF_EVEN:PER_OP", "step:1:2:HALF_EVEN:WIDE", "hardtanh:1:2:UP:PER_OP",
        "tanh:2:1:HALF_EVEN:PER_OP", "hardsigmoid:1:1:DOWN:PER_OP", "relu:0:3:HALF_EVEN:PER_OP", "relu:3:0:HALF_EVEN:WIDE",
        "identity:2:2:HALF_EVEN:PER_OP", "identity:1:2:UP:WIDE", "identity:3:3:DOWN:PER_OP",
    };

    @Test
    void certificatesCompileRandomTablesIntoExactNetworks() {
        int compiled = 0;
        // default: every other setting (the suite's time budget); -Plong: all of them
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < SETTINGS.length; i++) {
            if (LongTests.enabled() || i % 2 == 1) {
                specs.add(SETTINGS[i]);
            }
        }
        for (String spec : specs) {
            String[] c = spec.split(":");
            FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(Integer.parseInt(c[1]),
                    Integer.parseInt(c[2]), Encoding.TWOS_COMPLEMENT), Rounding.valueOf(c[3]), Overflow.WRAP);
            Setting s = Setting.of(ar, Accumulation.valueOf(c[4]), Activations.named(c[0]));
            Machine m = s.machine();
            ModularSearch.Outcome o = ModularSearch.search(m);
            if (o.certificate().isEmpty()) {
                System.out.println("no certificate of Theorem W for " + s + ": " + o.tried());
                continue;
            }
            ModularCertificate cert = o.certificate().get();
            assertTrue(cert.verify(m).isEmpty(), s.toString());
            int maxD = m.size() <= 32 ? 2 : 1;
            for (int d = 1; d <= maxD; d++) {
                FunctionTable t = FunctionTable.random(ar.format(), d, 17L * d + spec.hashCode());
                CertifiedConstruction.Built b = assertInstanceOf(CertifiedConstruction.Built.class,
                        CertifiedConstruction.build(t, m, cert), s.toString());
                ReferenceEvaluator ref = new ReferenceEvaluator(b.network());
                for (int i = 0; i < t.size(); i++) {
                    int at = i;
                    int dim = d;
                    assertEquals(t.code(i), ref.evaluate(t.space().point(i))[0], () -> s + " d=" + dim + " point " + at);
                }
                System.out.println("verified " + s + " d=" + d + ": " + b.network().size());
                compiled++;
            }
        }
        assertTrue(compiled >= (LongTests.enabled() ? 24 : 12), "compiled " + compiled);
    }
}

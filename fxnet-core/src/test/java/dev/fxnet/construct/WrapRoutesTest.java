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
import dev.fxnet.target.FunctionTable;
import dev.fxnet.gadget.Certificate;
import dev.fxnet.gadget.GadgetSearch;
import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.Setting;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #14 spike: WRAP settings that were UNDETERMINED before the routes R5 (separating neuron and
 * chain) get a certificate of S; the network of Theorem 2 built from it ({@link CertifiedConstruction})
 * is exact on every point of random tables by the SPEC-only {@link ReferenceEvaluator}.
 * {@code -Dfxnet.wrapRoutes=act:p:q:ENC:OVERFLOW:ROUNDING:ACC;...} replaces the default list.
 */
class WrapRoutesTest {
    private static final String DEFAULT = "relu:3:3:TWOS_COMPLEMENT:WRAP:HALF_EVEN:PER_OP;"
            + "gelu:3:3:TWOS_COMPLEMENT:WRAP:HALF_EVEN:PER_OP;"
            + "sigmoid:3:3:TWOS_COMPLEMENT:WRAP:HALF_EVEN:PER_OP;"
            + "elu:2:3:TWOS_COMPLEMENT:WRAP:FLOOR:PER_OP;"
            + "identity:3:2:TWOS_COMPLEMENT:WRAP:HALF_EVEN:PER_OP;"
            + "relu:2:3:TWOS_COMPLEMENT:WRAP:HALF_EVEN:WIDE;"
            + "sigmoid:2:3:TWOS_COMPLEMENT:WRAP:HALF_EVEN:WIDE;"
            + "hardtanh:1:2:TWOS_COMPLEMENT:WRAP:UP:PER_OP;"
            + "mish:0:3:TWOS_COMPLEMENT:WRAP:DOWN:PER_OP;"
            + "identity:1:1:TWOS_COMPLEMENT:WRAP:HALF_UP:PER_OP";

    /**
     * Issue #14, route R6: WRAP settings where no single first-layer neuron separates a threshold
     * (relu-type, {@code q = 0}: the cut {@code x >= 0}), whose certificate realises it as a test cover
     * (docs/THEORY.md §14, Lemma C). {@code -Dfxnet.wrapCovers=...} replaces the list.
     */
    private static final String COVERS = "relu:3:0:TWOS_COMPLEMENT:WRAP:HALF_EVEN:PER_OP;"
            + "relu:3:0:TWOS_COMPLEMENT:WRAP:DOWN:PER_OP;"
            + "leaky_relu:3:0:TWOS_COMPLEMENT:WRAP:HALF_EVEN:PER_OP;"
            + "relu:3:0:TWOS_COMPLEMENT:WRAP:HALF_EVEN:WIDE;"
            + "relu:4:0:TWOS_COMPLEMENT:WRAP:HALF_EVEN:PER_OP;"
            + "tanh:3:1:TWOS_COMPLEMENT:WRAP:UP:PER_OP";

    private static List<Setting> settings(String property, String list) {
        List<Setting> out = new ArrayList<>();
        for (String s : System.getProperty(property, list).split(";")) {
            if (s.isBlank()) {
                continue;
            }
            String[] c = s.trim().split(":");
            FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(Integer.parseInt(c[1]),
                    Integer.parseInt(c[2]), Encoding.valueOf(c[3])), Rounding.valueOf(c[5]), Overflow.valueOf(c[4]));
            out.add(Setting.of(ar, Accumulation.valueOf(c[6]), Activations.named(c[0])));
        }
        return out;
    }

    @Test
    void certificatesOfTheNewRoutesCompileRandomTablesExactly() {
        for (Setting s : settings("fxnet.wrapRoutes", DEFAULT)) {
            compileAndCheck(s, false);
        }
    }

    @Test
    void testCoversCompileRandomTablesExactly() {
        for (Setting s : settings("fxnet.wrapCovers", COVERS)) {
            compileAndCheck(s, true);
        }
    }

    /** The certificate of {@code s} (with test covers when {@code covers}) compiled on random tables, checked on every point. */
    private static void compileAndCheck(Setting s, boolean covers) {
        Machine m = s.machine();
        GadgetSearch.Outcome o = GadgetSearch.search(m);
        assertTrue(o.gadgets().isPresent(), s + ": " + o.tried());
        Certificate c = o.gadgets().get();
        assertTrue(c.verify(m).isEmpty(), s.toString());
        assertEquals(covers, c.covers() > 0, s + ": test covers in " + c.describe(1));
        FixedPointFormat f = s.fixedPoint().format();
        int maxD = m.size() <= 16 ? 2 : 1;
        for (int d = 1; d <= maxD; d++) {
            for (long seed = 1; seed <= 2; seed++) {
                FunctionTable t = FunctionTable.random(f, d, 31 * seed + d);
                CertifiedConstruction.Built b = assertInstanceOf(CertifiedConstruction.Built.class,
                        CertifiedConstruction.build(t, m, c), s.toString());
                ReferenceEvaluator ref = new ReferenceEvaluator(b.network());
                for (int i = 0; i < t.size(); i++) {
                    int at = i;
                    int dim = d;
                    assertEquals(t.code(i), ref.evaluate(t.space().point(i))[0], () -> s + " d=" + dim + " point " + at);
                }
            }
        }
        System.out.println("verified " + s + ": " + c.describe(1));
    }
}

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
import dev.fxnet.testing.LongTests;
import dev.fxnet.theory.Universality;
import dev.fxnet.theory.Verdict;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The identity under two's complement WRAP (docs/THEORY.md §12.7): the seven settings of
 * issue #14 that were UNDETERMINED are UNIVERSAL by Theorem W with a unit from a wrap defect (PER_OP)
 * or from an inexact one-source family (WIDE); their networks, compiled for random tables in
 * {@code d = 1} and {@code d = 2}, are exact on every point by the SPEC-only {@link ReferenceEvaluator};
 * and the defect and chain of Proposition I hold as stated, computed with an independent rounding
 * ({@link BigDecimal}) and wrap, for every format with {@code 2 <= n <= 9} and {@code q >= 1}.
 */
class IdentityWrapTest {
    /** p, q, rounding, accumulation. */
    private static final List<String> SEVEN = List.of("3:1:HALF_EVEN:PER_OP", "3:1:HALF_CEILING:PER_OP",
            "3:1:HALF_FLOOR:PER_OP", "3:1:CEILING:PER_OP", "3:1:FLOOR:PER_OP", "3:2:HALF_FLOOR:PER_OP", "3:3:UP:WIDE");

    private static Setting setting(String spec) {
        String[] c = spec.split(":");
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(Integer.parseInt(c[0]),
                Integer.parseInt(c[1]), Encoding.TWOS_COMPLEMENT), Rounding.valueOf(c[2]), Overflow.WRAP);
        return Setting.of(ar, Accumulation.valueOf(c[3]), Activations.named("identity"));
    }

    @Test
    void theSevenSettingsAreUniversalByTheoremW() {
        for (String spec : SEVEN) {
            Setting s = setting(spec);
            Verdict v = Universality.check(s);
            assertEquals(Verdict.Kind.UNIVERSAL, v.kind(), spec + ": " + v);
            ModularCertificate c = v.modular().orElseThrow(() -> new AssertionError(spec + " not by Theorem W: " + v));
            assertTrue(c.verify(s.machine()).isEmpty(), spec);
        }
    }

    @Test
    void networksOfTheSevenAreExactOnEveryPoint() {
        for (String spec : SEVEN) {
            Setting s = setting(spec);
            Machine m = s.machine();
            ModularCertificate cert = ModularSearch.search(m).certificate().orElseThrow();
            // d = 2 has 4096 and 16384 points at 64 and 128 codes: those two in -Plong only (the suite's time)
            int maxD = LongTests.enabled() || m.size() <= 32 ? 2 : 1;
            for (int d = 1; d <= maxD; d++) {
                long start = System.nanoTime();
                FunctionTable t = FunctionTable.random(s.fixedPoint().format(), d, 31L * d + spec.hashCode());
                CertifiedConstruction.Built b = assertInstanceOf(CertifiedConstruction.Built.class,
                        CertifiedConstruction.build(t, m, cert), spec);
                ReferenceEvaluator ref = new ReferenceEvaluator(b.network());
                for (int i = 0; i < t.size(); i++) {
                    int at = i;
                    int dim = d;
                    assertEquals(t.code(i), ref.evaluate(t.space().point(i))[0], () -> spec + " d=" + dim + " point " + at);
                }
                System.out.printf("identity %s d=%d: %s, exact on %d points, %.1f s%n", spec, d, b.network().size(),
                        t.size(), (System.nanoTime() - start) / 1e9);
            }
        }
    }
    /**
     * The same unit routes give 37 other WIDE rows (p = 0: tanh, hardtanh, elu, hardswish), which were
     * UNIVERSAL by S before, a Theorem W certificate; a sample of them compiles into exact networks.
     */
    @Test
    void otherActivationsWithTheNewUnitsCompileExactly() {
        for (String spec : List.of("hardtanh:1:HALF_CEILING", "tanh:1:HALF_FLOOR", "elu:1:FLOOR", "hardswish:2:FLOOR",
                "hardtanh:3:FLOOR", "tanh:2:UP")) {
            String[] c = spec.split(":");
            FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(0, Integer.parseInt(c[1]),
                    Encoding.TWOS_COMPLEMENT), Rounding.valueOf(c[2]), Overflow.WRAP);
            Setting s = Setting.of(ar, Accumulation.WIDE, Activations.named(c[0]));
            Machine m = s.machine();
            ModularCertificate cert = ModularSearch.search(m).certificate().orElseThrow(() -> new AssertionError(spec));
            for (int d = 1; d <= 2; d++) {
                FunctionTable t = FunctionTable.random(ar.format(), d, 7L * d + spec.hashCode());
                CertifiedConstruction.Built b = assertInstanceOf(CertifiedConstruction.Built.class,
                        CertifiedConstruction.build(t, m, cert), spec);
                ReferenceEvaluator ref = new ReferenceEvaluator(b.network());
                for (int i = 0; i < t.size(); i++) {
                    int at = i;
                    int dim = d;
                    assertEquals(t.code(i), ref.evaluate(t.space().point(i))[0], () -> spec + " d=" + dim + " point " + at);
                }
            }
        }
    }
}

package dev.fxnet.construct;

import dev.fxnet.target.FunctionTable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.eval.ReferenceEvaluator;
import dev.fxnet.gadget.GadgetSearch;
import dev.fxnet.gadget.IndicatorGadgets;
import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.Setting;
import dev.fxnet.theory.Universality;
import dev.fxnet.testing.LongTests;
import dev.fxnet.testing.SettingGrid;
import dev.fxnet.theory.Verdict;
import dev.fxnet.theory.VerdictTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where a setting is UNIVERSAL but the compiler's shallow gadgets do not exist, {@code compile}
 * builds the network of Theorem 2 from the verdict's own certificate of S, and that network is exact
 * on every point by an evaluator written from the SPEC alone ({@link ReferenceEvaluator}).
 */
class CertifiedConstructionTest {
    /** Tiny settings (every built-in, p + q = 2, every encoding, overflow, rounding) with S but no shallow gadgets at fan-in 2. */
    private static List<Setting> certifiedOnly() {
        return tiny(true);
    }

    private static final List<Activation> PAPER = VerdictTable.PAPER_ACTIVATIONS.stream().map(Activations::named).toList();

    /** The non-shallow settings of the tiny grid, each with whether S has a certificate; classified once for both tests. */
    private static Map<Setting, Boolean> nonShallow;

    private static synchronized List<Setting> tiny(boolean withCertificate) {
        if (nonShallow == null) {
            Map<Setting, Boolean> m = new LinkedHashMap<>();
            // the default run: p = q = 1 and the paper's activations; -Plong: also p = 0, q = 2 and every built-in
            int[] oneOne = {1, 1};
            List<int[]> pqs = LongTests.pick(List.of(oneOne, new int[] {0, 2}), List.of(oneOne));
            List<Activation> acts = LongTests.pick(Activations.builtIns(), PAPER);
            for (Setting s : SettingGrid.of(pqs, acts)) {
                if (!shallow(s.machine())) {
                    m.put(s, GadgetSearch.search(s.machine()).gadgets().isPresent());
                }
            }
            nonShallow = m;
        }
        List<Setting> out = new ArrayList<>();
        nonShallow.forEach((s, withS) -> {
            if (withS == withCertificate) {
                out.add(s);
            }
        });
        return out;
    }

    private static boolean shallow(Machine m) {
        try {
            IndicatorGadgets.find(m, 2);
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }

    @Test
    void everyUniversalTinySettingCompilesRandomTablesExactly() {
        List<Setting> settings = certifiedOnly();
        assertTrue(settings.size() >= 10, "the tiny grid has many settings with S and no shallow gadgets: "
                + settings.size());
        int checked = 0;
        for (Setting s : settings) {
            if (checked < 2) { // the verdict rests on the same certificate (the exact decider makes it slow)
                assertEquals(Verdict.Kind.UNIVERSAL, Universality.check(s).kind(), s.toString());
            }
            FixedPointFormat f = s.fixedPoint().format();
            for (int d = 1; d <= 2; d++) {
                FunctionTable t = FunctionTable.random(f, d, 17L * d + checked);
                if (Compiler.isConstant(t)) {
                    t = FunctionTable.fromCodes(f, d, x -> x[0]);
                }
                Compiler.Result r = Compiler.compile(t, s, CompileOptions.defaults());
                // two's complement WRAP: Theorem W's network where R1-R4 leave thresholds open (THEORY §12)
                assertTrue(r.gadgets().startsWith("certificate of S") || r.gadgets().startsWith("the network of Theorem W"),
                        r.gadgets());
                ReferenceEvaluator ref = new ReferenceEvaluator(r.network());
                for (int i = 0; i < t.size(); i++) {
                    int at = i;
                    int dim = d;
                    assertEquals(t.code(i), ref.evaluate(t.space().point(i))[0], () -> s + " d=" + dim + " point " + at);
                }
                checked++;
            }
        }
        assertEquals(2 * settings.size(), checked);
    }

    @Test
    void aSettingWithoutTheCertificateIsStillRefusedWithTheCompilersReason() {
        List<Setting> neither = tiny(false);
        // routes R5 and R6 (issue #14) certify more WRAP settings of this grid every time; 9 were left
        assertTrue(neither.size() >= 5, "tiny settings with neither: " + neither.size());
        for (Setting s : neither) {
            FunctionTable t = FunctionTable.fromCodes(s.fixedPoint().format(), 1, x -> x[0]);
            String shallow = assertThrows(IllegalArgumentException.class, () -> IndicatorGadgets.find(s.machine(), 2))
                    .getMessage();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Compiler.compile(t, s, CompileOptions.defaults()), s.toString());
            assertEquals(shallow, e.getMessage());
        }
    }
    private static Setting sigmoid(int p, int q, Rounding r) {
        return Setting.of(FixedPointArithmetic.of(FixedPointFormat.of(p, q), r, Overflow.SATURATE), Accumulation.PER_OP,
                Activations.named("sigmoid"));
    }

    @Test
    void sharedNeuronsAreCountedOnceSoLargerTablesStillCompile() {
        // sigmoid p=0,q=3 in d = 2: the per-point bound times 207 points is about 2e8, far above the
        // limit, but tests shared between points make it about 8000 hidden neurons
        Setting s = sigmoid(0, 3, Rounding.HALF_EVEN);
        FunctionTable t = FunctionTable.random(s.fixedPoint().format(), 2, 1);
        Compiler.Result r = Compiler.compile(t, s, CompileOptions.defaults());
        assertTrue(r.fromCertificate(), r.gadgets());
        assertTrue(r.size().neurons() < 20_000, "hidden neurons: " + r.size().neurons());
        assertTrue(r.verification().exact());
    }

    @Test
    void strategiesTheCertificateCannotBuildAreRefusedAndConstantCubesAreBuilt() {
        Setting s = sigmoid(1, 2, Rounding.CEILING);
        FunctionTable product = FunctionTable.fromCodes(s.fixedPoint().format(), 2, x -> x[0] * x[1] / 8);
        for (Strategy st : new Strategy[] {Strategy.BOXES, Strategy.STEPS}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Compiler.compile(product, s, CompileOptions.defaults().withStrategy(st)));
            assertTrue(e.getMessage().contains("strategy " + st.id() + " needs these gadgets"), e.getMessage());
        }
        assertTrue(Compiler.compile(product, s, CompileOptions.defaults().withStrategy(Strategy.CUBES)).fromCertificate());
        // the constant equal to the certificate's output bias needs no indicator at all
        long b0 = dev.fxnet.gadget.GadgetSearch.search(s.machine()).gadgets().orElseThrow().output().bias();
        FunctionTable atBias = FunctionTable.fromCodes(s.fixedPoint().format(), 2, x -> b0);
        Compiler.Result biasOnly = Compiler.compile(atBias, s, CompileOptions.defaults().withStrategy(Strategy.CUBES));
        assertTrue(biasOnly.fromCertificate() && biasOnly.verification().exact() && biasOnly.indicators() == 0);
        FunctionTable constant = FunctionTable.fromCodes(s.fixedPoint().format(), 1, x -> 2);
        Compiler.Result r = Compiler.compile(constant, s, CompileOptions.defaults().withStrategy(Strategy.CUBES));
        assertTrue(r.fromCertificate() && r.verification().exact(), r.gadgets());
    }
}

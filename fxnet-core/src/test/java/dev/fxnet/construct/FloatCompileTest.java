package dev.fxnet.construct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.arith.FloatOverflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.eval.ReferenceEvaluator;
import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.Setting;
import dev.fxnet.network.Network;
import dev.fxnet.target.FunctionTable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code compile} on floating-point settings (SPEC §8): every network the compiler returns is
 * checked on every point of its domain by {@link ReferenceEvaluator} (SPEC §4 read aloud, no tables,
 * none of the compiler's or the grid evaluator's code), and the settings where no route works are
 * refused naming the stage that failed. The default run takes small formats (7, 15 and 63 finite
 * values); {@code -Dfxnet.longTests=true} adds e3m2, e2m3 in d = 2 and e4m3, e5m2 in d = 1.
 */
class FloatCompileTest {

    static FloatArithmetic ar(String format, Rounding mode) {
        return FloatArithmetic.of(FloatFormat.parse(format), mode, FloatOverflow.SATFINITE);
    }

    /** A uniformly random table of finite values, drawn here (not by fxnet's table code). */
    static FunctionTable randomTable(FloatArithmetic ar, int dims, long seed) {
        long n = InputSpace.countSaturated(ar, dims);
        int[] codes = new int[(int) n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (int) r.nextLong(ar.minCode(), ar.maxCode() + 1);
        }
        return FunctionTable.of(ar, dims, codes);
    }

    /**
     * Every point of {@code F^d}, enumerated here with x0 slowest over the codes min..max, evaluated by
     * the reference evaluator against the table.
     */
    static void assertComputesEverywhere(Network net, FunctionTable t) {
        FloatArithmetic a = (FloatArithmetic) net.arithmetic();
        int d = t.dims();
        long n = a.size();
        ReferenceEvaluator ref = new ReferenceEvaluator(net);
        long[] x = new long[d];
        long[] y = new long[1];
        for (int i = 0; i < t.size(); i++) {
            long rest = i;
            for (int j = d - 1; j >= 0; j--) {
                x[j] = a.minCode() + rest % n;
                rest /= n;
            }
            ref.evaluate(x, y);
            if (y[0] != t.code(i)) {
                throw new AssertionError(net.arithmetic() + " " + net.accumulation() + " " + net.activation().name()
                        + ": at point " + i + " the network gives " + a.decimal(y[0]) + ", the table "
                        + a.decimal(t.code(i)));
            }
        }
    }

    static Stream<Arguments> smallSettings() {
        List<Arguments> out = new ArrayList<>();
        for (String act : List.of("relu", "gelu", "sigmoid", "identity", "tanh")) {
            for (Accumulation acc : Accumulation.values()) {
                out.add(Arguments.of("e2m1", Rounding.HALF_EVEN, acc, act, 1));
                out.add(Arguments.of("e2m1", Rounding.HALF_EVEN, acc, act, 2));
                if (acc == Accumulation.PER_OP) { // WIDE: see outputWeightsThatDoNotExistAreRefused
                    out.add(Arguments.of("float(1,1,specials=FINITE)", Rounding.HALF_EVEN, acc, act, 3));
                }
                out.add(Arguments.of("e2m3", Rounding.HALF_EVEN, acc, act, 1));
            }
        }
        for (Rounding mode : List.of(Rounding.FLOOR, Rounding.DOWN, Rounding.HALF_UP)) {
            out.add(Arguments.of("e2m1", mode, Accumulation.PER_OP, "relu", 2));
            out.add(Arguments.of("e2m1", mode, Accumulation.WIDE, "identity", 2));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} d={4}")
    @MethodSource("smallSettings")
    void compiledNetworksComputeTheirTableOnEveryPoint(String format, Rounding mode, Accumulation acc, String act,
            int dims) {
        compileAndCheck(ar(format, mode), acc, act, dims, 11L * dims + act.length());
    }

    static void compileAndCheck(FloatArithmetic a, Accumulation acc, String act, int dims, long seed) {
        Setting s = Setting.of(a, acc, Activations.named(act));
        FunctionTable t = randomTable(a, dims, seed);
        Compiler.Result r = Compiler.compile(t, s, CompileOptions.defaults());
        assertEquals(a, r.network().arithmetic());
        assertEquals(acc, r.network().accumulation());
        assertTrue(r.verification().exact());
        assertFalse(r.fromCertificate(), "these settings have shallow gadgets");
        assertComputesEverywhere(r.network(), t);
    }

    @Test
    void everyStrategyComputesItsTable() {
        FloatArithmetic a = ar("e2m1", Rounding.HALF_EVEN);
        for (Accumulation acc : Accumulation.values()) {
            Setting s = Setting.of(a, acc, Activations.named("relu"));
            FunctionTable t = randomTable(a, 2, 5);
            for (Strategy st : Strategy.values()) {
                Compiler.Result r = Compiler.compile(t, s, CompileOptions.defaults().withStrategy(st));
                assertEquals(st, r.strategy());
                assertComputesEverywhere(r.network(), t);
            }
        }
    }

    @Test
    void constantAndNearConstantTables() {
        FloatArithmetic a = ar("e2m1", Rounding.HALF_EVEN);
        Setting s = Setting.of(a, Accumulation.PER_OP, Activations.named("sigmoid"));
        for (long c : new long[] {a.minCode(), 0, a.maxCode()}) {
            int[] codes = new int[(int) a.size() * (int) a.size()];
            java.util.Arrays.fill(codes, (int) c);
            FunctionTable constant = FunctionTable.of(a, 2, codes);
            assertComputesEverywhere(Compiler.compile(constant, s, CompileOptions.defaults()).network(), constant);
            assertComputesEverywhere(Compiler.compile(constant, s, CompileOptions.defaults()
                    .withStrategy(Strategy.CUBES)).network(), constant);
            codes[codes.length / 2] = (int) -c; // one point off: the largest jumps, -Omega to +Omega
            FunctionTable one = FunctionTable.of(a, 2, codes);
            assertComputesEverywhere(Compiler.compile(one, s, CompileOptions.defaults()).network(), one);
        }
    }

    @Test
    void overflowInfAndNanAreRefusedNamingTheStage() {
        FloatArithmetic inf = FloatArithmetic.of(FloatFormat.parse("e5m2"), Rounding.HALF_EVEN, FloatOverflow.INF);
        FloatArithmetic nan = FloatArithmetic.of(FloatFormat.parse("e4m3"), Rounding.HALF_EVEN, FloatOverflow.NAN);
        for (FloatArithmetic a : List.of(inf, nan)) {
            Setting s = Setting.of(a, Accumulation.PER_OP, Activations.named("relu"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Compiler.compile(randomTable(a, 1, 1), s, CompileOptions.defaults()));
            assertTrue(e.getMessage().startsWith("overflow: " + a + " can produce inf or NaN"), e.getMessage());
        }
    }

    @Test
    void formatsWithMoreThan2048FiniteValuesAreRefused() {
        FloatArithmetic a = ar("float(6,4,specials=FINITE)", Rounding.HALF_EVEN); // 2 * (64 * 16 - 1) + 1 = 2047
        FloatArithmetic b = ar("float(6,5,specials=FINITE)", Rounding.HALF_EVEN); // 2 * (64 * 32 - 1) + 1 = 4095
        assertEquals(2047, a.size());
        Compiler.checkFloat(a, false);
        Setting s = Setting.of(b, Accumulation.PER_OP, Activations.named("relu"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Compiler.compile(randomTable(b, 1, 1), s, CompileOptions.defaults()));
        assertEquals("gadget search: float(6,5,specials=FINITE) has 4095 finite values; compile searches gadgets for"
                + " floating-point formats with at most 2048", e.getMessage());
    }

    @Test
    void binaryWeightsAreRefusedForFloats() {
        FloatArithmetic a = ar("e2m1", Rounding.HALF_EVEN);
        Setting s = Setting.of(a, Accumulation.PER_OP, Activations.named("relu"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Compiler.compile(
                randomTable(a, 1, 1), s, CompileOptions.defaults().withBinaryWeights(true)));
        assertTrue(e.getMessage().startsWith("compile --binary: the binary-weight construction is for fixed-point"),
                e.getMessage());
    }

    /**
     * e2m1 under UP: sigmoid rounds every argument to a positive value (sigmoid > 0, rounded away
     * from zero), so no chain of neurons is exactly 0 on one side of a threshold: the shallow search
     * finds no detector and the certificate of S has no gadgets either.
     */
    @Test
    void noGadgetsIsRefusedNamingTheSearch() {
        FloatArithmetic a = ar("e2m1", Rounding.UP);
        Setting s = Setting.of(a, Accumulation.PER_OP, Activations.named("sigmoid"));
        for (long z = a.minCode(); z <= a.maxCode(); z++) {
            assertTrue(s.machine().tau(z) > 0, "sigmoid rounded up is positive everywhere");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Compiler.compile(randomTable(a, 1, 1), s, CompileOptions.defaults()));
        assertTrue(e.getMessage().startsWith("gadget search: no indicator gadgets for e2m1 UP SATFINITE PER_OP sigmoid"
                + " (shallow search: no exact step gadget"), e.getMessage());
        assertTrue(e.getMessage().contains("Theorems P, W, Z, binary weights) are not applied"), e.getMessage());
        IllegalArgumentException steps = assertThrows(IllegalArgumentException.class, () -> Compiler.compile(
                randomTable(a, 1, 1), s, CompileOptions.defaults().withStrategy(Strategy.STEPS)));
        assertTrue(steps.getMessage().startsWith("gadget search: no exact step gadget in e2m1 UP SATFINITE PER_OP sigmoid"),
                steps.getMessage());
        assertTrue(steps.getMessage().endsWith("strategy steps needs these gadgets (the certificate of S builds one"
                + " indicator per point: strategy cubes)"), steps.getMessage());
    }

    /**
     * e2m1 UP WIDE sigmoid: the certificate of S exists (its gadgets check on codes), but the network
     * built from it is wrong on floats; the exhaustive verification catches it and the compiler refuses
     * naming that stage instead of returning it.
     */
    @Test
    void aNetworkThatFailsVerificationIsRefusedNamingTheStage() {
        FloatArithmetic a = ar("e2m1", Rounding.UP);
        Setting s = Setting.of(a, Accumulation.WIDE, Activations.named("sigmoid"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Compiler.compile(randomTable(a, 1, 1), s, CompileOptions.defaults()));
        assertTrue(e.getMessage().startsWith("stage verify: the cubes network built for e2m1 UP SATFINITE WIDE sigmoid"
                + " differs from the target on "), e.getMessage());
    }

    /**
     * float(1,1,specials=FINITE) (values 0, +-1, +-2, +-3) WIDE identity: the indicators have the
     * value 2, so a WIDE output {@code rho(b + 2 (w_1 + ... + w_k))} from an odd {@code b} is an odd
     * integer whatever the weights (every such sum of integers is exact here): -2 is out of reach.
     */
    @Test
    void outputWeightsThatDoNotExistAreRefused() {
        FloatArithmetic a = ar("float(1,1,specials=FINITE)", Rounding.HALF_EVEN);
        Setting s = Setting.of(a, Accumulation.WIDE, Activations.named("identity"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Compiler.compile(randomTable(a, 3, 36), s, CompileOptions.defaults()));
        assertTrue(e.getMessage().startsWith("no output weights in float(1,1,specials=FINITE) HALF_EVEN SATFINITE WIDE"
                + " identity take the output from "), e.getMessage());
        assertTrue(e.getMessage().contains("to -2 with indicators of value 2"), e.getMessage());
    }

    @Test
    void aTableOnAnotherGridIsRefused() {
        Setting s = Setting.of(ar("e2m1", Rounding.HALF_EVEN), Accumulation.PER_OP, Activations.named("relu"));
        FunctionTable t = randomTable(ar("e2m3", Rounding.HALF_EVEN), 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Compiler.compile(t, s, CompileOptions.defaults()));
        assertEquals("the target is on e2m3 but the setting is e2m1", e.getMessage());
    }

    /**
     * The machine's operation tables against the arithmetic, every pair, every mode (the arithmetic
     * itself is checked against an independent big-float library in the arith tests), and copies
     * against a plain loop of additions.
     */
    @Test
    void machineTablesAgreeWithTheArithmetic() {
        for (String f : List.of("e2m1", "e3m2", "float(2,2,bias=0,specials=FINITE)")) {
            for (Rounding mode : Rounding.values()) {
                FloatArithmetic a = ar(f, mode);
                Machine m = Setting.of(a, Accumulation.PER_OP, Activations.named("relu")).machine();
                for (long x = a.minCode(); x <= a.maxCode(); x++) {
                    for (long y = a.minCode(); y <= a.maxCode(); y++) {
                        assertEquals(a.add(x, y), m.add(x, y));
                        assertEquals(a.multiply(x, y), m.mul(x, y));
                        long acc = x;
                        for (int k = 0; k <= 5; k++) {
                            assertEquals(acc, m.chain(x, y, a.codeOf(java.math.BigDecimal.ONE).getAsLong(), k));
                            acc = a.add(acc, y);
                        }
                    }
                }
            }
        }
    }

    static Stream<Arguments> longSettings() {
        List<Arguments> out = new ArrayList<>();
        for (String act : List.of("relu", "gelu", "sigmoid", "identity")) {
            out.add(Arguments.of("e3m2", act, 2));
            out.add(Arguments.of("e2m3", act, 2));
            out.add(Arguments.of("e4m3", act, 1));
            out.add(Arguments.of("e5m2", act, 1));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} d={2}")
    @MethodSource("longSettings")
    @EnabledIfSystemProperty(named = "fxnet.longTests", matches = "true")
    void largerFormatsUnderTheLongProfile(String format, String act, int dims) {
        compileAndCheck(ar(format, Rounding.HALF_EVEN), Accumulation.PER_OP, act, dims, 7);
    }
}

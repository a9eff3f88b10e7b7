package dev.fxnet.construct;

import dev.fxnet.target.FunctionTable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.gadget.Setting;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.eval.ReferenceEvaluator;
import dev.fxnet.network.Network;
import dev.fxnet.network.NetworkJson;
import dev.fxnet.testing.LongOnly;
import dev.fxnet.testing.LongTests;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CompilerTest {
    static Setting setting(int p, int q, Encoding e, Rounding r, Overflow o, Accumulation acc, String act) {
        return Setting.of(FixedPointArithmetic.of(FixedPointFormat.of(p, q, e), r, o), acc, Activations.named(act));
    }

    static Setting defaults(int p, int q, String act) {
        return setting(p, q, Encoding.SYMMETRIC, Rounding.HALF_EVEN, Overflow.SATURATE, Accumulation.PER_OP, act);
    }

    /**
     * Compiles (which checks every point with the incremental grid walk), round-trips the network
     * file, and checks the network with the independent SPEC evaluator on every point (or, for
     * tables over 4096 points, on 1500 random points; the full independent check at p=3,q=3 runs for
     * relu in {@link #independentCheckOnEveryRowP3Q3}, in the long profile).
     */
    static Compiler.Result compileAndCheck(FunctionTable t, Setting s, Strategy strategy) {
        Compiler.Result r = Compiler.compile(t, s, CompileOptions.defaults().withStrategy(strategy));
        assertTrue(r.verification().exact());
        Network back = NetworkJson.parse(NetworkJson.toJson(r.network()));
        assertEquals(r.network(), back);
        assertEquals(0, SpecNet.mismatches(back, t, t.size() <= 4096 ? t.size() : 1500, 1),
                () -> "independent evaluator disagrees in " + s);
        return r;
    }

    /**
     * The independent SPEC evaluator on all 16 129 points at p=3,q=3 (long profile only; by default
     * every row is checked at p=2,q=2 for every activation, and 1500 random rows at p=3,q=3).
     */
    @LongOnly
    @ParameterizedTest
    @ValueSource(strings = {"relu"})
    void independentCheckOnEveryRowP3Q3(String act) {
        Setting s = defaults(3, 3, act);
        FunctionTable t = FunctionTable.random(s.fixedPoint().format(), 2, 99);
        Compiler.Result r = Compiler.compile(t, s, CompileOptions.defaults());
        assertEquals(0, SpecNet.mismatches(r.network(), t));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "relu", "elu", "softplus", "silu", "mish", "gelu", "identity"})
    void acceptanceActivationsEveryRowP2Q2(String act) {
        Setting s = defaults(2, 2, act);
        compileAndCheck(FunctionTable.random(s.fixedPoint().format(), 2, act.hashCode()), s, null);
    }

    static final List<String> ACCEPTANCE_ACTIVATIONS =
            List.of("sigmoid", "relu", "elu", "softplus", "silu", "mish", "gelu", "identity");

    /** At p=3,q=3, d=2: relu and gelu by default, all eight activations in the long profile. */
    static List<String> acceptanceActivationsP3Q3() {
        return LongTests.pick(ACCEPTANCE_ACTIVATIONS, List.of("relu", "gelu"));
    }

    @ParameterizedTest
    @MethodSource("acceptanceActivationsP3Q3")
    void acceptanceActivationsRandomTableP3Q3D2(String act) {
        Setting s = defaults(3, 3, act);
        FunctionTable t = FunctionTable.random(s.fixedPoint().format(), 2, act.hashCode());
        Compiler.Result r = compileAndCheck(t, s, null);
        // relu and gelu compile smallest with the columns construction (docs/COMPACT.md, about 1.3 and
        // 1.7 x the bound, boxes about 6); the other activations by whichever of the strategies is smallest
        if (act.equals("relu") || act.equals("gelu")) {
            assertEquals(Strategy.COLUMNS, r.strategy());
            assertTrue(r.size().ratio() < 2, r.size().line());
        }
        assertEquals(16129.0, r.size().lowerBound());
    }

    @Test
    void cubesIsThePapersConstructionAndBoxesIsSmaller() {
        Setting s = defaults(3, 2, "relu");
        FunctionTable t = FunctionTable.random(s.fixedPoint().format(), 2, 7);
        Compiler.Result cubes = compileAndCheck(t, s, Strategy.CUBES);
        Compiler.Result boxes = Compiler.compile(t, s, CompileOptions.defaults());
        assertEquals(t.size(), cubes.indicators(), "one indicator per point");
        assertTrue(boxes.size().parameters() < cubes.size().parameters());
        // a structured table: a quarter-plane step plus a constant band
        FunctionTable st = FunctionTable.fromCodes(s.fixedPoint().format(), 2, x -> x[0] >= 0 && x[1] >= 3 ? 31 : (x[1] == -5 ? -7 : 0));
        Compiler.Result sc = compileAndCheck(st, s, Strategy.CUBES);
        Compiler.Result sb = compileAndCheck(st, s, Strategy.BOXES);
        assertTrue(sb.size().parameters() * 20 < sc.size().parameters(), sb.size().line() + " vs " + sc.size().line());
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu", "sigmoid", "identity"})
    void stepsTelescopeExactly(String act) {
        for (Accumulation acc : Accumulation.values()) {
            Setting s = setting(2, 2, Encoding.SYMMETRIC, Rounding.HALF_EVEN, Overflow.SATURATE, acc, act);
            if (acc == Accumulation.WIDE && Compiler.compile(FunctionTable.random(s.fixedPoint().format(), 1, 1), s,
                    CompileOptions.defaults().withVerification(false))
                    .gadgets().contains("high=1") == false) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> Compiler.compile(FunctionTable.random(s.fixedPoint().format(), 1, 1), s,
                                CompileOptions.defaults().withStrategy(Strategy.STEPS)));
                assertTrue(e.getMessage().contains("steps strategy needs exact output terms"), e.getMessage());
                continue;
            }
            for (int dims = 1; dims <= 2; dims++) {
                int d = dims;
                FunctionTable t = FunctionTable.random(s.fixedPoint().format(), d, 13 + d);
                compileAndCheck(t, s, Strategy.STEPS);
                // extremes: jumps of 2M between neighbours need two terms through an in-range partial sum
                compileAndCheck(FunctionTable.fromCodes(s.fixedPoint().format(), d, x -> (x[d - 1] & 1) == 0 ? s.machine().max() : s.machine().min()), s,
                        Strategy.STEPS);
            }
        }
    }

    @Test
    void defaultIsNeverLargerThanCubes() {
        for (String act : new String[] {"relu", "gelu"}) {
            Setting s = defaults(2, 2, act);
            for (int d = 1; d <= 2; d++) {
                for (long seed = 0; seed < 3; seed++) {
                    FunctionTable t = FunctionTable.random(s.fixedPoint().format(), d, seed);
                    long cubes = Compiler.compile(t, s,
                            CompileOptions.defaults().withStrategy(Strategy.CUBES)).size().parameters();
                    long best = Compiler.compile(t, s, CompileOptions.defaults()).size().parameters();
                    assertTrue(best < cubes, act + " d=" + d + ": " + best + " vs " + cubes);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu", "gelu", "sigmoid"})
    void threeDimensionsAtP2Q1(String act) {
        Setting s = defaults(2, 1, act);
        FunctionTable t = FunctionTable.random(s.fixedPoint().format(), 3, 3);
        Compiler.Result r = compileAndCheck(t, s, null);
        assertEquals(3375.0, r.size().lowerBound());
        compileAndCheck(t, s, Strategy.CUBES);
    }

    static Stream<Arguments> everyModeBothEncodingsBothAccumulations() {
        List<Arguments> out = new ArrayList<>();
        for (Rounding r : Rounding.values()) {
            for (Encoding e : Encoding.values()) {
                for (Accumulation a : Accumulation.values()) {
                    out.add(Arguments.of(r, e, a));
                }
            }
        }
        return out.stream();
    }

    /** Every rounding mode, encoding and accumulation at p=2, q=2, d=2, with relu and gelu. */
    @ParameterizedTest
    @MethodSource("everyModeBothEncodingsBothAccumulations")
    void everyRoundingMode(Rounding mode, Encoding enc, Accumulation acc) {
        int compiled = 0;
        for (String act : new String[] {"relu", "gelu"}) {
            Setting s = setting(2, 2, enc, mode, Overflow.SATURATE, acc, act);
            FunctionTable t = FunctionTable.random(s.fixedPoint().format(), 2, mode.ordinal() * 31 + enc.ordinal());
            try {
                compileAndCheck(t, s, null);
                compiled++;
            } catch (IllegalArgumentException refused) {
                // a refusal must name the setting and what was searched
                assertTrue(refused.getMessage().contains(s.machine().toString()), refused.getMessage());
            }
        }
        assertTrue(compiled >= 1, "no activation compiles in " + mode + " " + enc + " " + acc);
    }

    @Test
    void wrapOverflowCompilesOrRefusesWithAReason() {
        for (String act : new String[] {"relu", "sigmoid", "identity"}) {
            Setting s = setting(2, 2, Encoding.TWOS_COMPLEMENT, Rounding.HALF_EVEN, Overflow.WRAP, Accumulation.PER_OP, act);
            try {
                compileAndCheck(FunctionTable.random(s.fixedPoint().format(), 2, 5), s, null);
            } catch (IllegalArgumentException refused) {
                assertTrue(refused.getMessage().contains(s.machine().toString()), refused.getMessage());
            }
        }
    }

    /**
     * relu in two's complement with q = 1 and PER_OP cannot tell min from min + eps in its first layer:
     * rho(w * x) saturates or ties for every weight. The compiler says so instead of guessing.
     */
    /**
     * The refusal above is not a weakness of the search: no first-layer neuron (b, w) in F^2 gives
     * different outputs on min and min + eps, so for d = 1 no network at all separates them.
     */
    @Test
    void noFirstLayerNeuronSeparatesMinFromItsNeighbour() {
        for (String act : new String[] {"relu", "gelu"}) {
            Setting s = setting(2, 1, Encoding.TWOS_COMPLEMENT, Rounding.HALF_EVEN, Overflow.SATURATE, Accumulation.PER_OP, act);
            for (long w = s.machine().min(); w <= s.machine().max(); w++) {
                for (long b = s.machine().min(); b <= s.machine().max(); b++) {
                    assertEquals(s.machine().neuron(b, w, s.machine().min()), s.machine().neuron(b, w, s.machine().min() + 1));
                }
            }
        }
    }

    @Test
    void reluTwosComplementQ1RefusesTheBottomStep() {
        Setting s = setting(2, 1, Encoding.TWOS_COMPLEMENT, Rounding.HALF_EVEN, Overflow.SATURATE, Accumulation.PER_OP, "relu");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Compiler.compile(FunctionTable.random(s.fixedPoint().format(), 1, 1), s, CompileOptions.defaults()));
        assertTrue(e.getMessage().contains("[x > -4]"), e.getMessage());
    }

    /** Tables that stress saturation and ties: all M, all min, extremes, alternating signs, values at +-eps. */
    @ParameterizedTest
    @ValueSource(strings = {"relu", "sigmoid", "identity", "gelu"})
    void saturationAndTieTables(String act) {
        for (Encoding e : Encoding.values()) {
            Setting s = setting(2, 2, e, Rounding.HALF_EVEN, Overflow.SATURATE, Accumulation.PER_OP, act);
            long max = s.machine().max();
            long min = s.machine().min();
            List<FunctionTable> tables = List.of(
                    FunctionTable.fromCodes(s.fixedPoint().format(), 2, x -> max),
                    FunctionTable.fromCodes(s.fixedPoint().format(), 2, x -> min),
                    FunctionTable.fromCodes(s.fixedPoint().format(), 2, x -> ((x[0] + x[1]) & 1) == 0 ? max : min),
                    FunctionTable.fromCodes(s.fixedPoint().format(), 2, x -> ((x[0] ^ x[1]) & 1) == 0 ? 1 : -1),
                    FunctionTable.fromCodes(s.fixedPoint().format(), 2, x -> x[0] == min || x[1] == max ? max : min),
                    FunctionTable.fromCodes(s.fixedPoint().format(), 2, x -> x[0] * x[1] > 0 ? max : x[0] * x[1] < 0 ? min : 0));
            for (FunctionTable t : tables) {
                compileAndCheck(t, s, Strategy.CUBES);
                compileAndCheck(t, s, null);
            }
        }
    }

    @Test
    void constantTableIsABias() {
        Setting s = defaults(2, 1, "relu");
        Compiler.Result r = compileAndCheck(FunctionTable.fromCodes(s.fixedPoint().format(), 2, x -> 5), s, null);
        assertEquals(1, r.size().neurons());
        assertEquals(1, r.size().parameters());
    }

    @Test
    void oneDimensionAndReferenceEvaluator() {
        Setting s = defaults(3, 3, "sigmoid");
        FunctionTable t = FunctionTable.random(s.fixedPoint().format(), 1, 11);
        Compiler.Result r = compileAndCheck(t, s, Strategy.CUBES);
        ReferenceEvaluator ref = new ReferenceEvaluator(r.network());
        for (int i = 0; i < t.size(); i++) {
            assertEquals(t.code(i), ref.evaluate(t.space().point(i))[0]);
        }
    }

    @Test
    void pZeroUsesAScaledIndicator() {
        // 1 is not in F when p = 0: the indicator's high value is scaled by the output weights
        Setting s = defaults(0, 3, "relu");
        compileAndCheck(FunctionTable.random(s.fixedPoint().format(), 2, 9), s, null);
    }

    @Test
    void refusalNamesTheSettingAndTheSearch() {
        // rounded sigmoid is never 0 when rounding away from zero: no hidden neuron can output 0, and
        // S does not hold as searched either (check says UNDETERMINED), so compile refuses
        Setting s = setting(2, 2, Encoding.SYMMETRIC, Rounding.UP, Overflow.SATURATE, Accumulation.PER_OP, "sigmoid");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Compiler.compile(FunctionTable.random(s.fixedPoint().format(), 1, 1), s, CompileOptions.defaults()));
        assertTrue(e.getMessage().contains("no exact step gadget in " + s.machine()), e.getMessage());
        assertTrue(e.getMessage().contains("never 0"), e.getMessage());
    }

    @Test
    void aUniversalSettingWithoutShallowGadgetsCompilesFromItsCertificate() {
        // sigmoid rounded up (CEILING) is never 0 either, but S holds: compile builds Theorem 2's network
        Setting s = setting(2, 2, Encoding.SYMMETRIC, Rounding.CEILING, Overflow.SATURATE, Accumulation.PER_OP, "sigmoid");
        assertThrows(IllegalArgumentException.class, () -> dev.fxnet.gadget.IndicatorGadgets.find(s.machine(), 2));
        FunctionTable t = FunctionTable.random(s.fixedPoint().format(), 1, 1);
        Compiler.Result r = compileAndCheck(t, s, null);
        assertTrue(r.gadgets().startsWith("certificate of S"), r.gadgets());
        assertEquals(dev.fxnet.theory.Verdict.Kind.UNIVERSAL, dev.fxnet.theory.Universality.check(s).kind());
    }

    @Test
    void verifierReportsMismatches() {
        Setting s = defaults(2, 1, "relu");
        FunctionTable t = FunctionTable.random(s.fixedPoint().format(), 2, 1);
        Compiler.Result r = Compiler.compile(t, s, CompileOptions.defaults());
        int[] codes = t.codes();
        codes[17] = codes[17] == 0 ? 1 : 0;
        codes[100] = codes[100] == 0 ? 1 : 0;
        Verifier.Result v = Verifier.verify(r.network(), FunctionTable.of(s.fixedPoint().format(), 2, codes), 5, null);
        assertFalse(v.exact());
        assertEquals(2, v.mismatches());
        assertEquals(2, v.first().size());
        assertEquals(t.code(17), v.first().get(0).actual());
    }
}

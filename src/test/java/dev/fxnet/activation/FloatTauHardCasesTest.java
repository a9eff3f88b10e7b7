package dev.fxnet.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.arith.FloatOverflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.oracle.EFloatOracle;
import dev.fxnet.oracle.FloatSigmaOracle;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * tau on float grids: the hard cases of issue #15 with expectations worked out by hand from SPEC §8,
 * the limits at +-inf and NaN, and binary16 (random plus hard arguments) against {@link FloatSigmaOracle}.
 */
class FloatTauHardCasesTest {
    private static final FloatFormat E4M3 = FloatFormat.parse("e4m3");
    private static final FloatFormat E5M2 = FloatFormat.parse("e5m2");

    /** sigmoid(-448) = 1/(1+e^448), about 2^-646: 0 unless the mode rounds it up to the smallest subnormal 2^-9. */
    @Test
    void hugeUnderflowOfSigmoid() {
        long z = -E4M3.maxCode(); // -448
        for (Rounding r : Rounding.values()) {
            FloatArithmetic a = FloatArithmetic.of(E4M3, r, FloatOverflow.SATFINITE);
            long want = r == Rounding.CEILING || r == Rounding.UP ? 1 : 0;
            assertEquals(want, a.tau(Activations.named("sigmoid"), z), r.name());
        }
        assertEquals(0, E4M3.value(1).compareTo(new BigDecimal("0.001953125"))); // 2^-9
    }

    /** softplus(448) = 448 + log1p(e^-448) is just above 448: CEILING and UP leave the range. */
    @Test
    void softplusOfTheLargestValueRoundsPastIt() {
        Activation sp = Activations.named("softplus");
        long omega = E4M3.maxCode();
        for (Rounding r : Rounding.values()) {
            boolean past = r == Rounding.CEILING || r == Rounding.UP;
            assertEquals(omega, FloatArithmetic.of(E4M3, r, FloatOverflow.SATFINITE).tau(sp, omega), r.name());
            assertEquals(past ? E4M3.nanCode() : omega, FloatArithmetic.of(E4M3, r, FloatOverflow.NAN).tau(sp, omega),
                    r.name());
            long o5 = E5M2.maxCode();
            assertEquals(past ? E5M2.positiveInfinityCode() : o5, FloatArithmetic.of(E5M2, r, FloatOverflow.INF).tau(sp, o5),
                    r.name());
        }
    }

    /** gelu(448) is below 448 by about e^-100000: FLOOR and DOWN give the predecessor 416. */
    @Test
    void geluJustBelowALargeValue() {
        Activation gelu = Activations.named("gelu");
        long omega = E4M3.maxCode();
        for (Rounding r : Rounding.values()) {
            long want = r == Rounding.FLOOR || r == Rounding.DOWN ? omega - 1 : omega;
            assertEquals(want, FloatArithmetic.of(E4M3, r, FloatOverflow.SATFINITE).tau(gelu, omega), r.name());
        }
        assertEquals(0, E4M3.value(omega - 1).compareTo(BigDecimal.valueOf(416)));
    }

    /** tanh(z) for large z is just below 1, a power of two: the spacing below 1 is half that above. */
    @Test
    void justBelowAPowerOfTwo() {
        Activation tanh = Activations.named("tanh");
        long z = E4M3.codeOfBits(0x48); // 4.0: tanh(4) = 0.99933: spacing below 1 is 2^-4
        assertEquals(0, E4M3.value(z).compareTo(BigDecimal.valueOf(4)));
        // neighbours 0.9375 (1 - 2^-4) and 1; midpoint 0.96875: nearest is 1
        assertEquals(E4M3.codeOfBits(0x38), FloatArithmetic.of(E4M3).tau(tanh, z));
        // FLOOR: 0.9375
        assertEquals(E4M3.codeOfBits(0x37), FloatArithmetic.of(E4M3, Rounding.FLOOR, FloatOverflow.SATFINITE).tau(tanh, z));
        assertEquals(0, E4M3.value(E4M3.codeOfBits(0x37)).compareTo(new BigDecimal("0.9375")));
    }

    @Test
    void limitsAtInfinityAndNaN() {
        FloatArithmetic a = FloatArithmetic.of(E5M2, Rounding.HALF_EVEN, FloatOverflow.INF);
        long inf = E5M2.positiveInfinityCode();
        long one = E5M2.codeOfBits(0x3C); // 1.0 in e5m2
        assertEquals(0, E5M2.value(one).compareTo(BigDecimal.ONE));
        Map<String, long[]> want = Map.ofEntries( // {sigma(-inf), sigma(+inf)} by SPEC §8
                Map.entry("identity", new long[] {-inf, inf}), Map.entry("relu", new long[] {0, inf}),
                Map.entry("leaky_relu", new long[] {-inf, inf}), Map.entry("sigmoid", new long[] {0, one}),
                Map.entry("tanh", new long[] {-one, one}), Map.entry("elu", new long[] {-one, inf}),
                Map.entry("softplus", new long[] {0, inf}), Map.entry("silu", new long[] {0, inf}),
                Map.entry("mish", new long[] {0, inf}), Map.entry("gelu", new long[] {0, inf}),
                Map.entry("gelu_tanh", new long[] {0, inf}), Map.entry("hardtanh", new long[] {-one, one}),
                Map.entry("hardsigmoid", new long[] {0, one}), Map.entry("hardswish", new long[] {0, inf}),
                Map.entry("step", new long[] {0, one}));
        for (Activation s : Activations.builtIns()) {
            assertEquals(want.get(s.name())[0], a.tau(s, -inf), s.name() + "(-inf)");
            assertEquals(want.get(s.name())[1], a.tau(s, inf), s.name() + "(+inf)");
            assertEquals(E5M2.nanCode(), a.tau(s, E5M2.nanCode()), s.name() + "(nan)");
            assertEquals(E4M3.nanCode(), FloatArithmetic.of(E4M3, Rounding.UP, FloatOverflow.NAN).tau(s, E4M3.nanCode()));
        }
    }

    @Test
    void activationTableOverFloats() {
        FloatArithmetic a = FloatArithmetic.of(E4M3, Rounding.HALF_UP, FloatOverflow.SATFINITE);
        ActivationTable t = ActivationTable.of(Activations.named("gelu"), a);
        assertTrue(t.isTabulated());
        for (long c = a.minCode(); c <= a.maxCode(); c++) {
            assertEquals(a.tau(Activations.named("gelu"), c), t.tau(c));
        }
    }

    /** binary16: random finite arguments plus the edges, all activations, modes and both policies. */
    @Test
    void binary16RandomAndEdgesAgainstOracle() {
        FloatFormat f = FloatFormat.parse("binary16");
        EFloatOracle o = new EFloatOracle(5, 10, 15, "IEEE");
        int q = 10 + 14;
        List<Long> codes = new ArrayList<>(List.of(0L, 1L, -1L, 2L, -2L, 1023L, 1024L, -1024L, f.maxCode(), -f.maxCode(),
                f.maxCode() - 1, -(f.maxCode() - 1)));
        for (int bits : new int[] {0x3C00, 0x3BFF, 0x3800, 0x37FF, 0x4000, 0x3C01, 0x4200, 0x4400, 0x5000, 0x5940, 0x61D8}) {
            codes.add(f.codeOfBits(bits));
            codes.add(f.codeOfBits(bits | 0x8000));
        }
        Random rnd = new Random(15);
        for (int i = 0; i < 60; i++) {
            codes.add((long) (rnd.nextInt((int) (2 * f.maxCode() + 1)) - f.maxCode()));
        }
        long mismatches = 0;
        String first = null;
        for (FloatOverflow pol : new FloatOverflow[] {FloatOverflow.SATFINITE, FloatOverflow.INF}) {
            for (Rounding r : Rounding.values()) {
                FloatArithmetic a = FloatArithmetic.of(f, r, pol);
                for (long code : codes) {
                    long k = FloatTauOracleTest.units(o.decode(f.bits(code)).value, q);
                    for (Activation s : Activations.builtIns()) {
                        EFloatOracle.Result want = FloatSigmaOracle.round(o, s.name(), k, q, r.name(), pol.name());
                        EFloatOracle.Result got = o.decode(f.bits(a.tau(s, code)));
                        if (!want.equals(got)) {
                            mismatches++;
                            first = first != null ? first : a + " " + s.name() + "(" + k + " 2^-24): " + got + " vs " + want;
                        }
                    }
                }
            }
        }
        assertEquals(0, mismatches, first);
    }
}

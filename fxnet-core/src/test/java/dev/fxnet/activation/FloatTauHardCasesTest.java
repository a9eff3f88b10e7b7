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
        FloatArithmetic inf = FloatArithmetic.of(E5M2, Rounding.HALF_EVEN, FloatOverflow.INF);
        ActivationTable ts = ActivationTable.of(Activations.named("sigmoid"), inf);
        assertEquals(E5M2.codeOfBits(0x3C), ts.tau(E5M2.positiveInfinityCode())); // sigmoid(+inf) = 1
        assertEquals(E5M2.nanCode(), ts.tau(E5M2.nanCode()));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> t.tau(a.maxCode() + 1));
    }

    /**
     * bfloat16: random arguments with {@code 2^-23 <= |z| < 2^31} (so {@code z 2^30} is an integer below
     * {@code 2^61}, as SigmaOracle needs) plus edges, all activations and modes, against the oracle; the
     * results range over the whole format, down to subnormals such as sigmoid(-90) and tanh's steps near 1.
     */
    @Test
    void bfloat16RandomAgainstOracle() {
        FloatFormat f = FloatFormat.parse("bfloat16");
        EFloatOracle o = new EFloatOracle(8, 7, 127, "IEEE");
        List<Long> codes = new ArrayList<>();
        for (int bits : new int[] {0x3F80, 0x3F7F, 0x3F00, 0x3EFF, 0x4000, 0x42B4, 0x42C8, 0x4416, 0x442F, 0x4E7F, 0x3400}) {
            codes.add(f.codeOfBits(bits)); // 1, below 1, 0.5, below 0.5, 2, 90, 100, 600, 700, about 2^30, 2^-23
            codes.add(f.codeOfBits(bits | 0x8000));
        }
        Random rnd = new Random(21);
        while (codes.size() < 80) {
            int bits = 0x3400 + rnd.nextInt(0x4F00 - 0x3400); // 2^-23 <= |z| < 2^31
            codes.add(f.codeOfBits(rnd.nextBoolean() ? bits : bits | 0x8000));
        }
        long mismatches = 0;
        String first = null;
        for (Rounding r : Rounding.values()) {
            FloatArithmetic a = FloatArithmetic.of(f, r, FloatOverflow.INF);
            for (long code : codes) {
                long k = FloatTauOracleTest.units(o.decode(f.bits(code)).value, 30);
                for (Activation s : Activations.builtIns()) {
                    EFloatOracle.Result want = FloatSigmaOracle.round(o, s.name(), k, 30, r.name(), "INF");
                    EFloatOracle.Result got = o.decode(f.bits(a.tau(s, code)));
                    if (!want.equals(got)) {
                        mismatches++;
                        first = first != null ? first : a + " " + s.name() + "(" + k + " 2^-30): " + got + " vs " + want;
                    }
                }
            }
        }
        assertEquals(0, mismatches, first);
    }

    /**
     * bfloat16 arguments below 2^-23, which the oracle cannot take: sigmoid of tiny z by hand (1/2 + z/4 is
     * not a double there, so the fast path re-anchors at 1/2), and every transcendental activation's fast
     * path against its interval slow path on all those codes in every mode.
     */
    @Test
    void bfloat16TinyArguments() {
        FloatFormat f = FloatFormat.parse("bfloat16");
        long plus = f.codeOfBits(0x0D80); // 2^-100
        assertEquals(0, f.value(plus).compareTo(dev.fxnet.oracle.FloatGridOracle.pow2(-100)));
        long half = f.codeOfBits(0x3F00);
        Activation sig = Activations.named("sigmoid");
        for (Rounding r : Rounding.values()) {
            FloatArithmetic a = FloatArithmetic.of(f, r, FloatOverflow.SATFINITE);
            // sigmoid(2^-100) = 1/2 + 2^-102 - ...; spacing 2^-8 above 1/2 and 2^-9 below
            boolean up = r == Rounding.CEILING || r == Rounding.UP;
            assertEquals(up ? half + 1 : half, a.tau(sig, plus), r.name());
            boolean down = r == Rounding.FLOOR || r == Rounding.DOWN;
            assertEquals(down ? half - 1 : half, a.tau(sig, -plus), r.name());
        }
        assertEquals(0, f.value(half + 1).subtract(f.value(half)).compareTo(dev.fxnet.oracle.FloatGridOracle.pow2(-8)));
        assertEquals(0, f.value(half).subtract(f.value(half - 1)).compareTo(dev.fxnet.oracle.FloatGridOracle.pow2(-9)));
        java.util.Random rnd = new java.util.Random(22);
        for (Activation s : Activations.builtIns()) {
            if (!(s instanceof TranscendentalActivation)) {
                continue;
            }
            TranscendentalActivation t = (TranscendentalActivation) s;
            for (Rounding r : Rounding.values()) {
                FloatArithmetic a = FloatArithmetic.of(f, r, FloatOverflow.INF);
                for (int i = 0; i < 30; i++) {
                    long code0 = rnd.nextInt(0x3400); // below 2^-23
                    long code = rnd.nextBoolean() ? code0 : -code0;
                    double z = f.doubleValue(code);
                    MonotoneRounding rho = new MonotoneRounding() {
                        @Override
                        public long round(java.math.BigInteger num, java.math.BigInteger den) {
                            return a.roundRational(num, den);
                        }

                        @Override
                        public int resolutionBits() {
                            return 7 + 126 + 1;
                        }
                    };
                    // production: double fast path with the arithmetic's own rho; reference: interval path, plain rho
                    assertEquals(t.roundOn(z, rho, false), a.tau(s, code), s.name() + " " + r + " " + z);
                }
            }
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

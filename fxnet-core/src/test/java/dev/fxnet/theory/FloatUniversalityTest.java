package dev.fxnet.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.arith.FloatOverflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.construct.IndicatorConstruction;
import dev.fxnet.eval.ReferenceEvaluator;
import dev.fxnet.gadget.DomainIndicatorSearch;
import dev.fxnet.gadget.IndicatorCertificate;
import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.Setting;
import dev.fxnet.network.Network;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Floating-point verdicts (docs/THEORY.md §15): every UNIVERSAL verdict's certificate
 * S_I is turned into networks for random tables (drawn here) by the construction of Theorem FS, and
 * {@link ReferenceEvaluator} (SPEC §4 and §8 read aloud, none of the gadget code) finds each exact on
 * every point of the domain; N-sep witnesses and the stopping pair of a domain are re-checked by brute
 * force over every first-layer neuron, evaluated with the arithmetic alone (not the machine's tables).
 */
class FloatUniversalityTest {
    static final String[] ACTIVATIONS = {"sigmoid", "tanh", "relu", "elu", "softplus", "silu", "mish", "gelu", "identity"};

    static Setting setting(String format, Rounding mode, String act) {
        return Setting.of(FloatArithmetic.of(FloatFormat.parse(format), mode, FloatOverflow.SATFINITE), Accumulation.PER_OP,
                Activations.named(act));
    }

    static Stream<Arguments> presets() {
        return Stream.of("e2m1", "e3m2").flatMap(f -> Stream.of(ACTIVATIONS).map(a -> Arguments.of(f, a)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("presets")
    void universalVerdictsCompileRandomTablesExactly(String format, String act) {
        Setting s = setting(format, Rounding.HALF_EVEN, act);
        Verdict v = Universality.check(s);
        assertEquals(Verdict.Kind.UNIVERSAL, v.kind(), v::toString);
        Domain d = v.domain().orElseThrow();
        assertTrue(d.wholeFormat());
        assertEquals(0, d.radius().compareTo(s.arithmetic().value(s.arithmetic().maxCode())));
        IndicatorCertificate c = v.indicators().orElseThrow();
        assertComputes(c, 1, randomTable(c, 1, 7), s);
        if (format.equals("e2m1") && act.equals("gelu")) {
            assertComputes(c, 2, randomTable(c, 2, 11), s);
        }
    }

    static Stream<Arguments> eightBit() {
        return Stream.of("e4m3", "e5m2").flatMap(f -> Stream.of(ACTIVATIONS).map(a -> Arguments.of(f, a)));
    }

    /** The 8-bit formats (about 5 s each on a loaded machine): {@code -Dfxnet.longTests=true}. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("eightBit")
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "fxnet.longTests", matches = "true")
    void eightBitVerdictsCompileRandomTablesExactly(String format, String act) {
        universalVerdictsCompileRandomTablesExactly(format, act);
    }

    /** binary16 is above the float checks: UNDETERMINED at once, saying why, with no domain. */
    @Test
    void formatsAboveTheFloatChecksAreUndetermined() {
        Verdict v = Universality.check(setting("binary16", Rounding.HALF_EVEN, "relu"));
        assertEquals(Verdict.Kind.UNDETERMINED, v.kind());
        assertTrue(v.text().contains("63487 finite values"), v.text());
        assertTrue(v.domain().isEmpty());
    }

    /** A smaller domain searched on purpose: the construction is exact on it (its detectors only see the domain). */
    @Test
    void domainConstructionIsExactOnItsDomain() {
        for (String act : new String[] {"relu", "sigmoid"}) {
            Setting s = setting("e2m1", Rounding.HALF_EVEN, act);
            IndicatorCertificate c = DomainIndicatorSearch.search(s.machine(), 4).certificate().orElseThrow();
            assertEquals(4, c.radius());
            assertFalse(c.wholeFormat());
            assertComputes(c, 1, randomTable(c, 1, 3), s);
            assertComputes(c, 2, randomTable(c, 2, 5), s);
        }
    }

    /**
     * Where N-sep fails, the stopping pair is inseparable by brute force over every bias and weight, and every
     * pair inside the reported domain is separated by some first-layer neuron.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("inseparable")
    void stoppingPairIsInseparableAndTheDomainBelowIsSeparated(String format, Rounding mode, String act) {
        Setting s = setting(format, mode, act);
        Verdict v = Universality.check(s);
        assertEquals(Verdict.Kind.NOT_UNIVERSAL, v.kind(), v::toString);
        assertEquals("N-sep", v.violated());
        Domain d = v.domain().orElseThrow();
        long[] pair = d.stoppedBy().orElseThrow();
        FloatArithmetic a = (FloatArithmetic) s.arithmetic();
        assertFalse(separated(a, s, pair[0], pair[1]));
        assertEquals(Math.max(Math.abs(pair[0]), Math.abs(pair[1])), d.radiusCode() + 1);
        for (long u = -d.radiusCode(); u <= d.radiusCode(); u++) {
            for (long u2 = u + 1; u2 <= d.radiusCode(); u2++) {
                assertTrue(separated(a, s, u, u2), u + " " + u2);
            }
        }
        assertTrue(v.witness().isPresent());
    }

    static Stream<Arguments> inseparable() {
        return Stream.of(Arguments.of("float(2,0,specials=FINITE)", Rounding.DOWN, "sigmoid"),
                Arguments.of("float(2,0,specials=FINITE)", Rounding.CEILING, "sigmoid"),
                Arguments.of("float(2,0,specials=FINITE)", Rounding.DOWN, "tanh"));
    }

    /** Whether some first-layer neuron tau(b (+) (w (*) x)) differs on u and u2: the arithmetic's own operations. */
    static boolean separated(FloatArithmetic a, Setting s, long u, long u2) {
        for (long b = a.minCode(); b <= a.maxCode(); b++) {
            for (long w = a.minCode(); w <= a.maxCode(); w++) {
                long y = a.tau(s.activation(), a.add(b, a.multiply(w, u)));
                long y2 = a.tau(s.activation(), a.add(b, a.multiply(w, u2)));
                if (y != y2) {
                    return true;
                }
            }
        }
        return false;
    }

    static long[] randomTable(IndicatorCertificate c, int d, long seed) {
        Machine m = c.machine();
        long n = (long) Math.pow(2 * c.radius() + 1, d);
        long[] t = new long[(int) n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < t.length; i++) {
            t[i] = r.nextLong(m.min(), m.max() + 1);
        }
        return t;
    }

    /** Every point of D^d, enumerated here (x0 slowest), through the reference evaluator. */
    static void assertComputes(IndicatorCertificate c, int d, long[] table, Setting s) {
        Network net = IndicatorConstruction.build(c, d, table);
        ReferenceEvaluator ref = new ReferenceEvaluator(net);
        long side = 2 * c.radius() + 1;
        long[] x = new long[d];
        long[] y = new long[1];
        for (int i = 0; i < table.length; i++) {
            long rest = i;
            for (int j = d - 1; j >= 0; j--) {
                x[j] = -c.radius() + rest % side;
                rest /= side;
            }
            ref.evaluate(x, y);
            assertEquals(table[i], y[0], () -> s + " d=" + d + " at point " + java.util.Arrays.toString(x));
        }
    }
}

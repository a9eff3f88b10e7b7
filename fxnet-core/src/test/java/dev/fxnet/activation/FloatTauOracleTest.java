package dev.fxnet.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.upokecenter.numbers.EFloat;
import com.upokecenter.numbers.EInteger;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.arith.FloatOverflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.oracle.EFloatOracle;
import dev.fxnet.oracle.FloatSigmaOracle;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #15 acceptance point 1 for {@code tau}: every finite {@code z} of e4m3, e5m2, e3m2, e2m3, e2m1 and
 * {@code float(3,4)}, all 15 activations, all nine modes, each overflow policy the format allows, against
 * {@link FloatSigmaOracle} (SigmaOracle + peteroupc EFloat; no fxnet code). Results are compared through
 * their bit patterns decoded by the oracle. Expected: 0 mismatches.
 */
class FloatTauOracleTest {

    static Stream<Arguments> settings() {
        List<Arguments> list = new ArrayList<>();
        for (String name : new String[] {"e4m3", "e5m2", "e3m2", "e2m3", "e2m1", "float(3,4)"}) {
            FloatFormat f = FloatFormat.parse(name);
            for (FloatOverflow pol : FloatOverflow.values()) {
                boolean ok = pol == FloatOverflow.SATFINITE || (pol == FloatOverflow.INF && f.hasInfinity())
                        || (pol == FloatOverflow.NAN && f.specials() == FloatFormat.Specials.FN);
                if (ok) {
                    list.add(Arguments.of(name, pol));
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("settings")
    void everyFiniteArgumentEveryActivationEveryMode(String name, FloatOverflow pol) {
        FloatFormat f = FloatFormat.parse(name);
        EFloatOracle o = new EFloatOracle(f.exponentBits(), f.mantissaBits(), f.bias(), f.specials().name());
        int q = f.mantissaBits() - (1 - f.bias());
        long mismatches = 0;
        String first = null;
        for (long code = f.minCode(); code <= f.maxCode(); code++) {
            long k = units(o.decode(f.bits(code)).value, q);
            for (Activation sigma : Activations.builtIns()) {
                for (Rounding r : Rounding.values()) {
                    EFloatOracle.Result want = FloatSigmaOracle.round(o, sigma.name(), k, q, r.name(), pol.name());
                    FloatArithmetic a = FloatArithmetic.of(f, r, pol);
                    EFloatOracle.Result got = o.decode(f.bits(a.tau(sigma, code)));
                    if (!want.equals(got)) {
                        mismatches++;
                        if (first == null) {
                            first = a + " " + sigma.name() + "(" + k + " 2^-" + q + "): got " + got + ", expected " + want;
                        }
                    }
                }
            }
        }
        assertEquals(0, mismatches, first);
    }

    /**
     * Long run ({@code -Plong}): every finite binary16 argument, all 15 activations, in the modes of
     * {@code -Dfxnet.longTests.floatModes} (default {@code HALF_EVEN,FLOOR,UP}), SATFINITE, against the oracle.
     */
    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "fxnet.longTests", matches = "true")
    void binary16EveryArgument() {
        FloatFormat f = FloatFormat.parse("binary16");
        EFloatOracle o = new EFloatOracle(5, 10, 15, "IEEE");
        long mismatches = 0;
        String first = null;
        for (String mode : System.getProperty("fxnet.longTests.floatModes", "HALF_EVEN,FLOOR,UP").split(",")) {
            FloatArithmetic a = FloatArithmetic.of(f, Rounding.valueOf(mode.trim()), FloatOverflow.SATFINITE);
            for (long code = f.minCode(); code <= f.maxCode(); code++) {
                long k = units(o.decode(f.bits(code)).value, 24);
                for (Activation sigma : Activations.builtIns()) {
                    EFloatOracle.Result want = FloatSigmaOracle.round(o, sigma.name(), k, 24, mode.trim(), "SATFINITE");
                    EFloatOracle.Result got = o.decode(f.bits(a.tau(sigma, code)));
                    if (!want.equals(got)) {
                        mismatches++;
                        first = first != null ? first : a + " " + sigma.name() + "(" + k + " 2^-24): " + got + " vs " + want;
                    }
                }
            }
        }
        assertEquals(0, mismatches, first);
    }

    /** {@code v 2^q} as a long; exact for every value of the format. */
    static long units(EFloat v, int q) {
        EInteger mant = v.getMantissa();
        int exp = v.getExponent().ToInt32Checked() + q;
        BigInteger b = new BigInteger(mant.toString());
        if (exp < 0) {
            BigInteger[] qr = b.divideAndRemainder(BigInteger.ONE.shiftLeft(-exp));
            if (qr[1].signum() != 0) {
                throw new AssertionError("not a multiple of 2^-" + q + ": " + v);
            }
            return qr[0].longValueExact();
        }
        return b.shiftLeft(exp).longValueExact();
    }
}

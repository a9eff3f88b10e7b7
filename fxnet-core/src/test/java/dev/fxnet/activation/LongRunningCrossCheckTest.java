package dev.fxnet.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fxnet.arith.Rounding;
import dev.fxnet.testing.LongOnly;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Longer cross-checks, in the long profile only (about a minute): run with
 * {@code mvn -q -B test -Plong -Dtest=LongRunningCrossCheckTest}.
 */
@LongOnly
class LongRunningCrossCheckTest {
    private static final TranscendentalActivation[] ALL = {TranscendentalActivation.SIGMOID, TranscendentalActivation.TANH,
        TranscendentalActivation.ELU, TranscendentalActivation.SOFTPLUS, TranscendentalActivation.SILU,
        TranscendentalActivation.MISH, TranscendentalActivation.GELU, TranscendentalActivation.GELU_TANH};

    /** 20000 random codes of every magnitude: fast path (where it decides) against the slow path, all modes. */
    @Test
    void fastAgainstSlowOnRandomCodes() {
        Random rnd = new Random(2026);
        for (int i = 0; i < 20000; i++) {
            TranscendentalActivation a = ALL[i % ALL.length];
            int q = rnd.nextInt(31);
            long k = Math.max(1, Math.min((1L << 31) - 1, (long) Math.floor(Math.pow(2, rnd.nextDouble() * 31))));
            if (rnd.nextBoolean() || a == TranscendentalActivation.ELU) {
                k = -k;
            }
            long[] slow = a.slow(k, q, Rounding.values());
            for (Rounding m : Rounding.values()) {
                long fast = a.roundScaledFast(k, q, m);
                if (fast != TranscendentalActivation.UNDECIDED) {
                    assertEquals(slow[m.ordinal()], fast, a.name() + " k=" + k + " q=" + q + " " + m);
                }
            }
        }
    }

    /** Every code of every format with p + q <= 6 (or -Dfxnet.longTests.maxBits) and |z| <= 12, every mode, against big-math. */
    @Test
    void bigMathOnSmallFormats() {
        for (TranscendentalActivation a : ALL) {
            for (int n = 0; n <= Integer.getInteger("fxnet.longTests.maxBits", 6); n++) {
                for (int q = 0; q <= n; q++) {
                    for (long k = -(1L << n); k < (1L << n); k++) {
                        if (Math.abs(k) > (12L << q)) {
                            continue;
                        }
                        BigDecimal z = new BigDecimal(k).divide(new BigDecimal(1L << q));
                        BigDecimal c = BigMathReference.sigma(a.name(), z).multiply(new BigDecimal(1L << q));
                        if (k != 0 && ReferenceRounding.distanceToBoundary(c).compareTo(BigDecimal.ONE.movePointLeft(60)) < 0) {
                            continue;
                        }
                        for (Rounding m : Rounding.values()) {
                            long expected = k == 0 && a == TranscendentalActivation.SIGMOID
                                    ? ReferenceRounding.round(1L << q, 2, m)
                                    : ReferenceRounding.round(c.setScale(80, java.math.RoundingMode.HALF_EVEN), m);
                            assertEquals(expected, a.roundScaled(k, q, m), a.name() + " k=" + k + " q=" + q + " " + m);
                        }
                    }
                }
            }
        }
    }

    /** 2100 codes with 12 <= |z| <= 400 (all but gelu), every mode, against big-math where it is far from a boundary. */
    @Test
    void bigMathAtLargerArguments() {
        TranscendentalActivation[] some = {TranscendentalActivation.SIGMOID, TranscendentalActivation.TANH,
            TranscendentalActivation.ELU, TranscendentalActivation.SOFTPLUS, TranscendentalActivation.SILU,
            TranscendentalActivation.MISH, TranscendentalActivation.GELU_TANH};
        Random rnd = new Random(5);
        for (int i = 0; i < 2100; i++) {
            TranscendentalActivation a = some[i % some.length];
            int q = rnd.nextInt(22);
            double zmag = 12 * Math.pow(400 / 12.0, rnd.nextDouble());
            long k = Math.min((1L << 31) - 1, (long) Math.scalb(zmag, q));
            if (rnd.nextBoolean() || a == TranscendentalActivation.ELU) {
                k = -k;
            }
            BigDecimal z = new BigDecimal(k).divide(new BigDecimal(1L << q));
            BigDecimal c = BigMathReference.sigma(a.name(), z).multiply(new BigDecimal(1L << q));
            if (ReferenceRounding.distanceToBoundary(c).compareTo(BigDecimal.ONE.movePointLeft(60)) < 0) {
                continue; // the tails near their anchors are checked by TranscendentalActivationTest
            }
            for (Rounding m : Rounding.values()) {
                assertEquals(ReferenceRounding.round(c.setScale(80, java.math.RoundingMode.HALF_EVEN), m),
                        a.roundScaled(k, q, m), a.name() + " k=" + k + " q=" + q + " " + m);
            }
        }
    }
}

package dev.fxnet.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.oracle.RhoOracle;
import dev.fxnet.oracle.SigmaOracle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every code of every format with p+q <= 12 (both encodings), all nine modes, all fifteen activations,
 * SATURATE (and WRAP for two's complement): {@code ActivationTable.of(a, arith).tau(code)} against the
 * independent {@link SigmaOracle}. The oracle value for (activation, k, q) is computed once, for all
 * nine modes, and reused for every p and overflow.
 */
class ActivationExhaustiveOracleTest {
    static final int MAX_BITS = 12;

    @Test
    void registryHasExactlyTheSpecNames() {
        assertEquals(SigmaOracle.NAMES, Activations.names());
        assertEquals(15, Activations.builtIns().size());
        for (String name : SigmaOracle.NAMES) {
            Activation a = Activations.named(name);
            assertEquals(name, a.name());
            assertTrue(a.isCorrectlyRounded(), name);
        }
    }

    @Test
    void unknownNamesAreRefused() {
        for (String bad : new String[] {"", "Gelu", "swish", "relu6", "leaky-relu", "sigmoid2"}) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Activations.named(bad), bad);
        }
    }

    /** applyAsDouble is for plots only, but it must still be the SPEC function: within 1e-9 (relative or absolute). */
    @Test
    void applyAsDoubleIsCloseToTheExactValue() {
        for (String name : SigmaOracle.NAMES) {
            Activation a = Activations.named(name);
            for (int k = -80 * 8; k <= 80 * 8; k += 7) { // z = k/8 in [-80, 80]
                double want = SigmaOracle.sigmaHigh(name, k, 3, 30).doubleValue();
                double got = a.applyAsDouble(k / 8.0);
                assertTrue(Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)),
                        name + "(" + k / 8.0 + "): want " + want + " got " + got);
            }
        }
    }

    @Test
    void everyCodeOfEveryFormatUpTo12Bits() {
        long t0 = System.nanoTime();
        long oraclePoints = 0;
        long tauCompared = 0;
        long scaledCompared = 0;
        List<String> failures = new ArrayList<>();
        int lo = -(1 << MAX_BITS);
        int hi = (1 << MAX_BITS) - 1;
        long[] out = new long[9];
        Rounding[] modes = Rounding.values();
        int[] slot = new int[modes.length];
        for (int m = 0; m < modes.length; m++) {
            slot[m] = SigmaOracle.index(modes[m]);
        }
        long oracleNanos = 0;
        long[] tauFailures = new long[SigmaOracle.NAMES.size()];
        for (String name : SigmaOracle.NAMES) {
            Activation a = Activations.named(name);
            int failuresBefore = failures.size();
            for (int q = 0; q <= MAX_BITS; q++) {
                // want[slot][k - lo]: round_mode(sigma(k 2^-q) 2^q), no overflow
                long ts = System.nanoTime();
                long[][] want = new long[9][hi - lo + 1];
                for (int k = lo; k <= hi; k++) {
                    SigmaOracle.roundAll(name, k, q, out);
                    for (int i = 0; i < 9; i++) {
                        want[i][k - lo] = out[i];
                    }
                    oraclePoints++;
                }
                oracleNanos += System.nanoTime() - ts;
                // the unbounded integer of roundScaled, for every k and mode
                for (Rounding mode : modes) {
                    long[] w = want[slot[mode.ordinal()]];
                    for (int k = lo; k <= hi; k++) {
                        long got = a.roundScaled(k, q, mode);
                        scaledCompared++;
                        if (got != w[k - lo] && failures.size() < 400) {
                            failures.add(name + " roundScaled(k=" + k + ", q=" + q + ", " + mode + ") want "
                                    + w[k - lo] + " got " + got);
                        }
                    }
                }
                // every format with this q
                for (int p = 0; p + q <= MAX_BITS; p++) {
                    for (int enc = 0; enc < 3; enc++) {
                        boolean twos = enc > 0;
                        boolean wrap = enc == 2;
                        FixedPointFormat f = FixedPointFormat.of(p, q, twos ? Encoding.TWOS_COMPLEMENT : Encoding.SYMMETRIC);
                        long min = RhoOracle.minCode(p, q, twos);
                        long max = RhoOracle.maxCode(p, q);
                        for (Rounding mode : modes) {
                            ActivationTable table = ActivationTable.of(a,
                                    FixedPointArithmetic.of(f, mode, wrap ? Overflow.WRAP : Overflow.SATURATE));
                            long[] w = want[slot[mode.ordinal()]];
                            for (long k = min; k <= max; k++) {
                                long expect = RhoOracle.overflow(w[(int) (k - lo)], p, q, twos, wrap);
                                long got = table.tau(k);
                                tauCompared++;
                                if (got != expect) {
                                    tauFailures[SigmaOracle.NAMES.indexOf(name)]++;
                                }
                                if (got != expect && tauFailures[SigmaOracle.NAMES.indexOf(name)] <= 3) {
                                    failures.add(name + " tau p=" + p + ",q=" + q + (twos ? ",TWOS," : ",SYM,") + mode
                                            + (wrap ? ",WRAP" : ",SAT") + " code " + k + ": want " + expect + " got " + got);
                                }
                            }
                        }
                    }
                }
            }
            if (failures.size() > failuresBefore || tauFailures[SigmaOracle.NAMES.indexOf(name)] > 0) {
                System.out.println("[oracle] " + name + ": " + tauFailures[SigmaOracle.NAMES.indexOf(name)]
                        + " tau disagreements; roundScaled/first tau disagreements:");
                failures.subList(failuresBefore, failures.size()).forEach(x -> System.out.println("    " + x));
            }
        }
        System.out.printf("[oracle] exhaustive activations: %d oracle points (x9 modes), %d roundScaled and %d tau"
                + " comparisons, oracle %.1fs, total %.1fs; %s%n", oraclePoints, scaledCompared, tauCompared,
                oracleNanos / 1e9, (System.nanoTime() - t0) / 1e9, SigmaOracle.stats());
        if (!failures.isEmpty()) {
            fail(failures.size() + " disagreements (tau disagreements per activation "
                    + java.util.Arrays.toString(tauFailures) + "), first ones:\n"
                    + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
        }
    }
}

package dev.fxnet.activation;

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
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random formats with 13 <= p+q <= 30, random activation, mode, encoding and overflow; codes biased to
 * the extremes, to zero, to the tails and to |z| ~ 1: tau against the oracle (and roundScaled for the
 * unbounded value).
 */
class ActivationRandomOracleTest {

    private static long randomCode(Random r, long min, long max, int q) {
        switch (r.nextInt(7)) {
            case 0:
                return r.nextBoolean() ? min + r.nextInt(3) : max - r.nextInt(3);
            case 1:
                return r.nextInt(9) - 4; // around zero
            case 2: { // |z| ~ 1..8
                long k = (long) (r.nextGaussian() * Math.scalb(3.0, q));
                return Math.max(min, Math.min(max, k));
            }
            case 3: { // the transition to the tails: |z| in 20..60
                long k = (long) ((20 + 40 * r.nextDouble()) * Math.scalb(1.0, q)) * (r.nextBoolean() ? 1 : -1);
                return Math.max(min, Math.min(max, k));
            }
            default:
                return min + (long) Math.floor(r.nextDouble() * (max - min + 1));
        }
    }

    /**
     * Small codes at large q: z close to 0, where sigmoid(z) = 1/2 + z/4 - z^3/48 + ..., tanh(z) = z - z^3/3 + ...,
     * elu(z) = z + z^2/2 + ..., gelu(z) = z/2 + z^2/sqrt(2 pi) + ... lie within ~2^-2q of a rounding boundary
     * after scaling by 2^q: every mode, every activation, roundScaled against the oracle.
     */
    @Test
    void nearZeroAtLargeQ() {
        List<String> failures = new ArrayList<>();
        long[] out = new long[9];
        int compared = 0;
        long t0 = System.nanoTime();
        for (int q = 13; q <= 30; q++) {
            for (String name : SigmaOracle.NAMES) {
                Activation a = Activations.named(name);
                for (long k = -200; k <= 200; k++) {
                    SigmaOracle.roundAll(name, k, q, out);
                    for (Rounding mode : Rounding.values()) {
                        long got = a.roundScaled(k, q, mode);
                        compared++;
                        if (got != out[SigmaOracle.index(mode)] && failures.size() < 100) {
                            failures.add(name + " roundScaled(" + k + ", " + q + ", " + mode + ") want "
                                    + out[SigmaOracle.index(mode)] + " got " + got);
                        }
                    }
                }
            }
        }
        System.out.printf("[oracle] near-zero large-q comparisons: %d in %.1fs; %s%n", compared,
                (System.nanoTime() - t0) / 1e9, SigmaOracle.stats());
        if (!failures.isEmpty()) {
            fail(failures.size() + " disagreements:\n" + String.join("\n", failures));
        }
    }

    @Test
    void randomFormatsFrom13To30Bits() {
        Random r = new Random(20261129L);
        List<String> failures = new ArrayList<>();
        long[] out = new long[9];
        int compared = 0;
        long t0 = System.nanoTime();
        for (int cfg = 0; cfg < 150; cfg++) {
            int n = 13 + r.nextInt(18);
            int p = r.nextInt(n + 1);
            int q = n - p;
            boolean twos = r.nextBoolean();
            boolean wrap = twos && r.nextBoolean();
            String name = SigmaOracle.NAMES.get(r.nextInt(SigmaOracle.NAMES.size()));
            Rounding mode = Rounding.values()[r.nextInt(9)];
            FixedPointFormat f = FixedPointFormat.of(p, q, twos ? Encoding.TWOS_COMPLEMENT : Encoding.SYMMETRIC);
            Activation a = Activations.named(name);
            // formats of 2^17..2^22 codes would get a full eager table: test those through roundScaled only
            boolean viaTable = n <= 15 || n >= 22;
            ActivationTable table = viaTable
                    ? ActivationTable.of(a, FixedPointArithmetic.of(f, mode, wrap ? Overflow.WRAP : Overflow.SATURATE)) : null;
            long min = RhoOracle.minCode(p, q, twos);
            long max = RhoOracle.maxCode(p, q);
            for (int j = 0; j < 20; j++) {
                long k = randomCode(r, min, max, q);
                SigmaOracle.roundAll(name, k, q, out);
                long unbounded = out[SigmaOracle.index(mode)];
                long want = RhoOracle.overflow(unbounded, p, q, twos, wrap);
                long gotScaled = a.roundScaled(k, q, mode);
                String what = name + " " + f + " " + mode + (wrap ? " WRAP" : " SAT") + " code " + k;
                if (gotScaled != unbounded) {
                    failures.add(what + ": roundScaled want " + unbounded + " got " + gotScaled);
                }
                if (table != null) {
                    long got = table.tau(k);
                    if (got != want) {
                        failures.add(what + ": tau want " + want + " got " + got);
                    }
                }
                compared++;
            }
        }
        System.out.printf("[oracle] random activation points: %d in %.1fs; %s%n", compared,
                (System.nanoTime() - t0) / 1e9, SigmaOracle.stats());
        if (!failures.isEmpty()) {
            fail(failures.size() + " disagreements:\n" + String.join("\n", failures));
        }
    }
}

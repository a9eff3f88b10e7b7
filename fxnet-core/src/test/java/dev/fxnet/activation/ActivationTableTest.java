package dev.fxnet.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ActivationTableTest {
    @Test
    void tauIsOverflowOfRoundScaledOnEveryCode() {
        FixedPointFormat[] formats = {FixedPointFormat.of(2, 3), FixedPointFormat.of(0, 4, Encoding.TWOS_COMPLEMENT),
            FixedPointFormat.of(5, 0, Encoding.TWOS_COMPLEMENT), FixedPointFormat.of(1, 6)};
        for (Activation a : Activations.builtIns()) {
            for (FixedPointFormat f : formats) {
                for (Rounding r : Rounding.values()) {
                    for (Overflow o : Overflow.values()) {
                        if (o == Overflow.WRAP && f.encoding() == Encoding.SYMMETRIC) {
                            continue;
                        }
                        FixedPointArithmetic arith = FixedPointArithmetic.of(f, r, o);
                        ActivationTable t = ActivationTable.of(a, arith);
                        assertTrue(t.isTabulated());
                        assertSame(a, t.activation());
                        assertEquals(arith, t.arithmetic()); // equal, not same: the cache is shared by the whole test JVM
                        for (long k = f.minCode(); k <= f.maxCode(); k++) {
                            long expected = arith.overflow(a.roundScaled(k, f.fracBits(), r));
                            assertEquals(expected, t.tau(k), a.name() + " " + arith + " k=" + k);
                            assertTrue(f.contains(t.tau(k)));
                        }
                    }
                }
            }
        }
    }

    @Test
    void saturationAndWrapOfHandComputedValues() {
        // softplus(3.5) = 3.5 + log1p(e^-3.5) = 3.5295...: in p=1,q=1 (max 1.5) saturates to code 3
        FixedPointArithmetic sat = FixedPointArithmetic.of(FixedPointFormat.of(1, 1, Encoding.TWOS_COMPLEMENT));
        assertEquals(3, ActivationTable.of(Activations.named("identity"), sat).tau(3));
        // step(0) = 1 = code 2 at q = 1; in p=0,q=1 two's complement (codes -2..1) WRAP gives 2 - 4 = -2
        FixedPointArithmetic wrap = FixedPointArithmetic.of(FixedPointFormat.of(0, 1, Encoding.TWOS_COMPLEMENT),
                Rounding.HALF_EVEN, Overflow.WRAP);
        assertEquals(-2, ActivationTable.of(Activations.named("step"), wrap).tau(0));
        FixedPointArithmetic satSmall = FixedPointArithmetic.of(FixedPointFormat.of(0, 1, Encoding.TWOS_COMPLEMENT));
        assertEquals(1, ActivationTable.of(Activations.named("step"), satSmall).tau(0));
        // sigmoid(0) = 1/2 at q = 0 is a tie: HALF_EVEN -> 0, HALF_UP -> 1
        FixedPointFormat q0 = FixedPointFormat.of(3, 0);
        assertEquals(0, ActivationTable.of(Activations.named("sigmoid"), FixedPointArithmetic.of(q0)).tau(0));
        assertEquals(1, ActivationTable.of(Activations.named("sigmoid"),
                FixedPointArithmetic.of(q0, Rounding.HALF_UP, Overflow.SATURATE)).tau(0));
    }

    @Test
    void tablesAreCachedPerActivationAndArithmetic() {
        FixedPointArithmetic a1 = FixedPointArithmetic.of(FixedPointFormat.of(3, 4));
        FixedPointArithmetic a2 = FixedPointArithmetic.of(FixedPointFormat.of(3, 4));
        FixedPointArithmetic a3 = FixedPointArithmetic.of(FixedPointFormat.of(3, 4), Rounding.FLOOR, Overflow.SATURATE);
        ActivationTable t = ActivationTable.of(Activations.named("gelu"), a1);
        assertSame(t, ActivationTable.of(Activations.named("gelu"), a2));
        assertFalse(t == ActivationTable.of(Activations.named("gelu"), a3));
        assertFalse(t == ActivationTable.of(Activations.named("silu"), a1));
        assertEquals("tau[gelu, p=3,q=4,SYMMETRIC HALF_EVEN SATURATE]", t.toString());
    }

    @Test
    void codesOutsideTheFormatAreRefused() {
        ActivationTable t = ActivationTable.of(Activations.named("relu"), FixedPointArithmetic.of(FixedPointFormat.of(2, 1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.tau(8));
        assertEquals("code 8 is outside p=2,q=1,SYMMETRIC (codes -7..7)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.tau(-8));
        assertThrows(NullPointerException.class, () -> ActivationTable.of(null, FixedPointArithmetic.of(FixedPointFormat.of(2, 1))));
        assertThrows(NullPointerException.class, () -> ActivationTable.of(Activations.named("relu"), null));
    }

    @Test
    void largeFormatsComputeOnDemand() {
        // p + q = 30: 2^31 - 1 codes, far beyond the eager limit
        FixedPointFormat f = FixedPointFormat.of(10, 20);
        for (Rounding r : new Rounding[] {Rounding.FLOOR, Rounding.CEILING}) {
            FixedPointArithmetic arith = FixedPointArithmetic.of(f, r, Overflow.SATURATE);
            ActivationTable t = ActivationTable.of(Activations.named("gelu"), arith);
            assertFalse(t.isTabulated());
            // gelu(M) is just below M: FLOOR gives M - eps, CEILING gives M
            assertEquals(r == Rounding.FLOOR ? f.maxCode() - 1 : f.maxCode(), t.tau(f.maxCode()));
            // gelu(-M) is just below 0
            assertEquals(r == Rounding.FLOOR ? -1 : 0, t.tau(f.minCode()));
        }
    }

    @Test
    void aMillionCodeTableOfGeluIsQuick() {
        // p + q = 20: 2^21 - 1 codes, tabulated eagerly
        FixedPointArithmetic arith = FixedPointArithmetic.of(FixedPointFormat.of(8, 12), Rounding.HALF_UP, Overflow.SATURATE);
        long t0 = System.nanoTime();
        ActivationTable t = ActivationTable.of(Activations.named("gelu"), arith);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(t.isTabulated());
        assertTrue(seconds < 5, "took " + seconds + " s");
        assertEquals(arith.overflow(Activations.named("gelu").roundScaled(12345, 12, Rounding.HALF_UP)), t.tau(12345));
    }

    @Test
    void concurrentRequestsAgree() throws Exception {
        FixedPointArithmetic arith = FixedPointArithmetic.of(FixedPointFormat.of(4, 6), Rounding.HALF_DOWN, Overflow.SATURATE);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ActivationTable>> fs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                fs.add(pool.submit(() -> ActivationTable.of(Activations.named("mish"), arith)));
            }
            ActivationTable first = fs.get(0).get();
            for (Future<ActivationTable> f : fs) {
                ActivationTable t = f.get();
                for (long k = -1023; k <= 1023; k += 7) {
                    assertEquals(first.tau(k), t.tau(k));
                }
            }
        } finally {
            pool.shutdown();
        }
    }
}

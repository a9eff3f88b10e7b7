package dev.fxnet.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.oracle.SigmaOracle;
import org.junit.jupiter.api.Test;

/**
 * Hard cases whose answers are derived by hand from the mathematics (comments), not from any code.
 * Each expectation is checked against production (roundScaled, and tau in a format that holds the
 * result) and, as a check of the oracle itself, against {@link SigmaOracle}.
 *
 * <p>Expected values are listed in the order HALF_EVEN, HALF_UP, HALF_DOWN, HALF_CEILING, HALF_FLOOR, UP,
 * DOWN, CEILING, FLOOR.
 */
class ActivationHardCasesTest {
    static final long M30 = (1L << 30) - 1;
    static final String[] ORDER = {"HALF_EVEN", "HALF_UP", "HALF_DOWN", "HALF_CEILING", "HALF_FLOOR", "UP", "DOWN",
        "CEILING", "FLOOR"};

    /** c = N - tiny (0 < tiny < 1/2): nearest N, FLOOR N-1, CEILING N; DOWN/UP by the sign of c. */
    static long[] justBelow(long n) {
        long f = n - 1;
        boolean pos = f >= 0; // c in (n-1, n)
        return new long[] {n, n, n, n, n, pos ? n : f, pos ? f : n, n, f};
    }

    /** c = N + tiny (0 < tiny < 1/2): nearest N, FLOOR N, CEILING N+1. */
    static long[] justAbove(long n) {
        boolean pos = n >= 0; // c in (n, n+1)
        return new long[] {n, n, n, n, n, pos ? n + 1 : n, pos ? n : n + 1, n + 1, n};
    }

    static void check(String name, long k, int q, long[] want) {
        Activation a = Activations.named(name);
        long[] oracle = new long[9];
        SigmaOracle.roundAll(name, k, q, oracle);
        for (int i = 0; i < 9; i++) {
            Rounding mode = Rounding.valueOf(ORDER[i]);
            String what = name + "(" + k + " * 2^-" + q + ") " + mode;
            assertEquals(want[i], oracle[SigmaOracle.index(mode)], "ORACLE disagrees with the hand value: " + what);
            assertEquals(want[i], a.roundScaled(k, q, mode), what);
            // tau in a format with this q holding both k and the result (symmetric if possible), SATURATE
            long need = Math.max(Math.abs(k), Math.abs(want[i]));
            int p = Math.max(0, 64 - Long.numberOfLeadingZeros(need) - q);
            if (p + q > 16) {
                p = 30 - q; // a large format: tau is computed on demand, no 2^22-entry table is built
            }
            for (Encoding e : Encoding.values()) {
                if (p + q > 30) {
                    break;
                }
                FixedPointFormat f = FixedPointFormat.of(p, q, e);
                if (f.minCode() <= Math.min(k, want[i]) && Math.max(k, want[i]) <= f.maxCode()) {
                    assertEquals(want[i], ActivationTable.of(a, FixedPointArithmetic.of(f, mode, Overflow.SATURATE))
                            .tau(k), what + " tau in " + f);
                    break;
                }
            }
        }
    }

    @Test
    void tailsJustBelowTheIdentity() {
        // For z > 0: gelu(z) = z - z Q(z), silu(z) = z - z/(1+e^z), mish(z) = z - 2z/((1+e^z)^2+1),
        // gelu_tanh(z) = z - z/(1+e^(2u)) with u > 0: each is z minus a positive amount. At z >= 100 that
        // amount is below 100 e^-100 ~ 4e-42 (gelu: below e^-5000), at z = 2^30-1 below e^-(10^9); after
        // scaling by 2^q <= 2^30 it stays far below 1/2 (here: far below 1e-1000 for z >= 2^10).
        // So c = k - tiny: nearest k, FLOOR/DOWN k-1, CEILING/UP k.
        for (String name : new String[] {"gelu", "silu", "mish", "gelu_tanh"}) {
            check(name, M30, 0, justBelow(M30)); // p=30, q=0: z = 2^30 - 1
            check(name, M30, 10, justBelow(M30)); // p=20, q=10: z ~ 2^20
            check(name, 100, 0, justBelow(100));
            check(name, 3000, 0, justBelow(3000));
            check(name, 4095 * 1024, 10, justBelow(4095 * 1024));
        }
        // gelu at moderate z, where a double evaluation rounds z - zQ(z) to z: Q(9) ~ 1.1e-19, Q(12) ~ 1.8e-33
        for (long z = 9; z <= 40; z++) {
            check("gelu", z, 0, justBelow(z));
        }
        // gelu(z)*2^q for z = 2^20 at q = 10 etc. (k = 2^30): still z - tiny
        check("gelu", 1L << 30, 10, justBelow(1L << 30));
    }

    @Test
    void tailsJustAboveZeroOrBelowZero() {
        // z < 0: gelu(z) = z Q(|z|), silu(z) = z/(1+e^-z), mish(z) = z tanh(ln(1+e^z)), gelu_tanh(z) = z sigmoid(2u):
        // negative numbers of magnitude < |z| e^-|z| (gelu: |z| e^-(z^2/2)): c = -tiny, so nearest 0,
        // FLOOR/UP -1, CEILING/DOWN 0.
        for (String name : new String[] {"gelu", "silu", "mish", "gelu_tanh"}) {
            check(name, -M30, 0, justBelow(0));
            check(name, -(1L << 30), 0, justBelow(0)); // the extra two's complement code
            check(name, -M30, 10, justBelow(0));
            check(name, -3000, 0, justBelow(0));
        }
        // softplus(z) = ln(1 + e^z) in (0, e^z) for z < 0: c = +tiny: nearest 0, FLOOR/DOWN 0, CEILING/UP 1
        check("softplus", -M30, 0, justAbove(0));
        check("softplus", -M30, 10, justAbove(0));
        check("softplus", -2000, 0, justAbove(0));
        // sigmoid(z) = 1/(1+e^-z) in (0, e^z) for z < 0: same
        check("sigmoid", -M30, 0, justAbove(0));
        check("sigmoid", -M30, 10, justAbove(0));
        check("sigmoid", -3000 * 1024, 10, justAbove(0));
    }

    @Test
    void tailsNearPlusMinusOneAndAboveTheIdentity() {
        // sigmoid(z) = 1 - 1/(1+e^z), tanh(z) = 1 - 2/(1+e^2z): 1 - tiny for large z; c = 2^q - tiny
        for (String name : new String[] {"sigmoid", "tanh"}) {
            check(name, M30, 0, justBelow(1));
            check(name, M30, 10, justBelow(1024));
            check(name, 5000, 0, justBelow(1));
            check(name, 2000 * 1024, 10, justBelow(1024));
        }
        // tanh(z) = -1 + 2/(1+e^-2z) and elu(z) = -1 + e^z for z << 0: c = -2^q + tiny
        for (String name : new String[] {"tanh", "elu"}) {
            check(name, -M30, 0, justAbove(-1));
            check(name, -M30, 10, justAbove(-1024));
            check(name, -(1L << 30), 10, justAbove(-1024));
            check(name, -5000, 0, justAbove(-1));
        }
        // softplus(z) = z + ln(1 + e^-z) > z: c = k + tiny
        check("softplus", M30 - 1, 0, justAbove(M30 - 1));
        check("softplus", M30, 10, justAbove(M30));
        check("softplus", 5000, 0, justAbove(5000));
    }

    @Test
    void softplusTailOverflowsOnlyUpward() {
        // softplus(M) = M + tiny with M = 2^30 - 1 the largest code of p=30,q=0: CEILING/UP give 2^30, one past
        // the range: SATURATE -> M, WRAP (two's complement) -> 2^30 - 2^31 = -2^30. FLOOR/DOWN/nearest give M.
        Activation sp = Activations.named("softplus");
        FixedPointFormat f = FixedPointFormat.of(30, 0, Encoding.TWOS_COMPLEMENT);
        for (Rounding mode : Rounding.values()) {
            boolean up = mode == Rounding.CEILING || mode == Rounding.UP;
            assertEquals(M30, ActivationTable.of(sp, FixedPointArithmetic.of(f, mode, Overflow.SATURATE)).tau(M30), mode::name);
            assertEquals(up ? -(1L << 30) : M30, ActivationTable.of(sp, FixedPointArithmetic.of(f, mode, Overflow.WRAP))
                    .tau(M30), mode::name);
        }
    }

    @Test
    void exactTies() {
        // sigmoid(0) = 1/2: at q = 0, c = 1/2 exactly.
        check("sigmoid", 0, 0, new long[] {0, 1, 0, 1, 0, 1, 0, 1, 0});
        // at q = 1, c = 1 exactly: every mode 1
        check("sigmoid", 0, 1, new long[] {1, 1, 1, 1, 1, 1, 1, 1, 1});
        // hardsigmoid(z) = z/6 + 1/2 on [-3, 3]: z = 0, q = 0: c = 1/2 (tie); z = 1.5, q = 1: c = 2 * 0.75 = 1.5 (tie);
        // z = -1.5, q = 1: c = 2 * 0.25 = 0.5
        check("hardsigmoid", 0, 0, new long[] {0, 1, 0, 1, 0, 1, 0, 1, 0});
        check("hardsigmoid", 3, 1, new long[] {2, 2, 1, 2, 1, 2, 1, 2, 1});
        check("hardsigmoid", -3, 1, new long[] {0, 1, 0, 1, 0, 1, 0, 1, 0});
        // hardswish(z) = z (z/6 + 1/2): z = 1.5 -> 1.125, q = 2 -> c = 4.5; z = -1.5 -> -0.375 -> c = -1.5
        check("hardswish", 6, 2, new long[] {4, 5, 4, 5, 4, 5, 4, 5, 4});
        check("hardswish", -6, 2, new long[] {-2, -2, -1, -1, -2, -2, -1, -1, -2});
        // hardswish(-3) = -3 * 0 = 0 and hardswish(3) = 3 * 1 = 3 (the kinks), exact
        check("hardswish", -3, 0, new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0});
        check("hardswish", 3, 0, new long[] {3, 3, 3, 3, 3, 3, 3, 3, 3});
        // hardswish(1) = 1 * 2/3 (q = 0): nearest 1, FLOOR 0; hardswish(-1) = -1/3: nearest 0, FLOOR -1
        check("hardswish", 1, 0, new long[] {1, 1, 1, 1, 1, 1, 0, 1, 0});
        check("hardswish", -1, 0, new long[] {0, 0, 0, 0, 0, -1, 0, 0, -1});
        // leaky_relu(z) = z/100: z = -50 -> -0.5; z = -150 -> -1.5; z = -250 -> -2.5 (q = 0)
        check("leaky_relu", -50, 0, new long[] {0, -1, 0, 0, -1, -1, 0, 0, -1});
        check("leaky_relu", -150, 0, new long[] {-2, -2, -1, -1, -2, -2, -1, -1, -2});
        check("leaky_relu", -250, 0, new long[] {-2, -3, -2, -2, -3, -3, -2, -2, -3});
        // z = -1 at q = 0: -0.01, not a tie: nearest 0, FLOOR -1
        check("leaky_relu", -1, 0, new long[] {0, 0, 0, 0, 0, -1, 0, 0, -1});
        // step(0) = 1, step(-eps) = 0; hardtanh saturates at +-1
        check("step", 0, 5, new long[] {32, 32, 32, 32, 32, 32, 32, 32, 32});
        check("step", -1, 5, new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0});
        check("hardtanh", -M30, 0, new long[] {-1, -1, -1, -1, -1, -1, -1, -1, -1});
        // exact zeros: sigma(0) = 0 for tanh, silu, mish, gelu, gelu_tanh, elu
        for (String name : new String[] {"tanh", "silu", "mish", "gelu", "gelu_tanh", "elu", "relu", "identity"}) {
            check(name, 0, 7, new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0});
        }
    }

    @Test
    void softplusAtZeroIsLnTwo() {
        // softplus(0) = ln(1 + e^0) = ln 2 = 0.693147..., not 0.
        // q = 0: c = 0.693: nearest 1, FLOOR/DOWN 0, CEILING/UP 1
        check("softplus", 0, 0, new long[] {1, 1, 1, 1, 1, 1, 0, 1, 0});
        // q = 10: c = 1024 ln 2 = 709.78...: nearest 710, FLOOR 709
        check("softplus", 0, 10, new long[] {710, 710, 710, 710, 710, 710, 709, 710, 709});
    }

    @Test
    void nonDyadicLookingValuesNearHalfIntegers() {
        // sigmoid(2^-10) * 2^11 = 2^11 (1/2 + 2^-12 - ...) = 1024 + 1/2 - 2^-31/3 ...: just below 1024.5.
        // sigmoid(x) = 1/2 + x/4 - x^3/48 + ..., so c = 2^11 sigmoid(2^-11 * 2) with k = 2, q = 11:
        // z = 2^-10, c = 1024 + 2^11 (2^-12 - 2^-30/48 + ...) = 1024.5 - 2^-19/48 + ...: nearest 1024.
        check("sigmoid", 2, 11, new long[] {1024, 1024, 1024, 1024, 1024, 1025, 1024, 1025, 1024});
        // symmetric: sigmoid(-z) = 1 - sigmoid(z): c = 2048 - (1024.5 - tiny) = 1023.5 + tiny: nearest 1024
        check("sigmoid", -2, 11, new long[] {1024, 1024, 1024, 1024, 1024, 1024, 1023, 1024, 1023});
        // tanh(x) = x - x^3/3 + ...: at z = 2^-15 with q = 30: c = 2^15 - 2^30 2^-45/3 + ... = 32768 - 2^-15/3: just below
        check("tanh", 1L << 15, 30, justBelow(1L << 15));
        // elu(z) = e^z - 1 = z + z^2/2 + ...: z = -2^-15, q = 30: c = -2^15 + 2^30 2^-30 / 2 = -32768 + 1/2 - tiny
        // (the z^3/6 term is -2^-45/6 * 2^30 < 0): c = -32767.5 - 2^-15/6 + ...: nearest -32768
        check("elu", -(1L << 15), 30, new long[] {-32768, -32768, -32768, -32768, -32768, -32768, -32767, -32767,
            -32768});
    }
}

package dev.fxnet.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.arith.Rounding;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivationsTest {
    private static final List<String> SPEC_ORDER = List.of("identity", "relu", "leaky_relu", "sigmoid", "tanh", "elu",
            "softplus", "silu", "mish", "gelu", "gelu_tanh", "hardtanh", "hardsigmoid", "hardswish", "step");

    @Test
    void namesAreTheSpecTableInOrder() {
        assertEquals(SPEC_ORDER, Activations.names());
        assertEquals(15, Activations.builtIns().size());
        for (int i = 0; i < SPEC_ORDER.size(); i++) {
            Activation a = Activations.builtIns().get(i);
            assertEquals(SPEC_ORDER.get(i), a.name());
            assertEquals(SPEC_ORDER.get(i), a.toString());
            assertSame(a, Activations.named(SPEC_ORDER.get(i)));
            assertTrue(a.isCorrectlyRounded(), a.name());
        }
    }

    @Test
    void unknownNameIsRefusedWithTheList() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activations.named("foo"));
        assertEquals("unknown activation 'foo'; expected one of identity, relu, leaky_relu, sigmoid, tanh, elu, softplus,"
                + " silu, mish, gelu, gelu_tanh, hardtanh, hardsigmoid, hardswish, step", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Activations.named("GELU"));
        assertThrows(NullPointerException.class, () -> Activations.named(null));
        assertSame(Activations.named("gelu"), Activations.named(" gelu "));
    }

    @Test
    void listsAreImmutable() {
        assertThrows(UnsupportedOperationException.class, () -> Activations.builtIns().clear());
        assertThrows(UnsupportedOperationException.class, () -> Activations.names().clear());
    }

    @Test
    void argumentRangesAreChecked() {
        for (Activation a : Activations.builtIns()) {
            assertThrows(IllegalArgumentException.class, () -> a.roundScaled(1L << 31, 0, Rounding.FLOOR), a.name());
            assertThrows(IllegalArgumentException.class, () -> a.roundScaled(-(1L << 31), 0, Rounding.FLOOR), a.name());
            assertThrows(IllegalArgumentException.class, () -> a.roundScaled(1, 31, Rounding.FLOOR), a.name());
            assertThrows(IllegalArgumentException.class, () -> a.roundScaled(1, -1, Rounding.FLOOR), a.name());
            assertThrows(NullPointerException.class, () -> a.roundScaled(1, 1, null), a.name());
            // the extremes are accepted
            a.roundScaled((1L << 31) - 1, 0, Rounding.FLOOR);
            a.roundScaled(-(1L << 31) + 1, 30, Rounding.CEILING);
        }
    }

    @Test
    void applyAsDoubleIsSane() {
        double[][] expected = {
            // z = -2, -0.5, 0, 0.5, 2 (values from the definitions, to 12 digits, by CPython's math module)
            {-2, -0.5, 0, 0.5, 2},
            {0, 0, 0, 0.5, 2},
            {-0.02, -0.005, 0, 0.5, 2},
            {0.119202922022, 0.377540668798, 0.5, 0.622459331202, 0.880797077978},
            {-0.964027580076, -0.462117157260, 0, 0.462117157260, 0.964027580076},
            {-0.864664716763, -0.393469340287, 0, 0.5, 2},
            {0.126928011043, 0.474076984180, 0.693147180560, 0.974076984180, 2.126928011043},
            {-0.238405844044, -0.188770334399, 0, 0.311229665601, 1.761594155956},
            {-0.252501482696, -0.220743774652, 0, 0.375245211305, 1.943958959534},
            {-0.045500263896, -0.154268769363, 0, 0.345731230637, 1.954499736104},
            {-0.045402305912, -0.154285990175, 0, 0.345714009825, 1.954597694088},
            {-1, -0.5, 0, 0.5, 1},
            {0.166666666667, 0.416666666667, 0.5, 0.583333333333, 0.833333333333},
            {-0.333333333333, -0.208333333333, 0, 0.291666666667, 1.666666666667},
            {0, 0, 1, 1, 1},
        };
        double[] zs = {-2, -0.5, 0, 0.5, 2};
        for (int i = 0; i < 15; i++) {
            Activation a = Activations.builtIns().get(i);
            for (int j = 0; j < zs.length; j++) {
                assertEquals(expected[i][j], a.applyAsDouble(zs[j]), 1e-11, a.name() + "(" + zs[j] + ")");
            }
        }
    }
}

package dev.fxnet.activation;

import dev.fxnet.arith.FixedPointArithmetic;

/** TEMPORARY placeholder until the activation engine lands (branch act). */
public final class ActivationTable {
    private final Activation a;
    private final FixedPointArithmetic ar;

    private ActivationTable(Activation a, FixedPointArithmetic ar) {
        this.a = a;
        this.ar = ar;
    }

    public static ActivationTable of(Activation a, FixedPointArithmetic ar) {
        return new ActivationTable(a, ar);
    }

    public long tau(long code) {
        return ar.overflow(a.roundScaled(code, ar.format().fracBits(), ar.rounding()));
    }

    public Activation activation() {
        return a;
    }

    public FixedPointArithmetic arithmetic() {
        return ar;
    }
}

package dev.fxnet.theory;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FixedPointArithmetic;
import java.util.Objects;

/**
 * The question "universal representation?" is asked of a setting (SPEC §7): fixed-point arithmetic
 * (format, encoding, rounding, overflow), accumulation, activation, and whether weights are binary
 * ({@code +-1}, dense layers). The answer is about every input dimension {@code d >= 1}. Immutable.
 */
public final class Setting {
    private final FixedPointArithmetic arithmetic;
    private final Accumulation accumulation;
    private final Activation activation;
    private final boolean binary;

    private Setting(FixedPointArithmetic arithmetic, Accumulation accumulation, Activation activation, boolean binary) {
        this.arithmetic = arithmetic;
        this.accumulation = accumulation;
        this.activation = activation;
        this.binary = binary;
    }

    /** A setting; every argument is required. */
    public static Setting of(FixedPointArithmetic arithmetic, Accumulation accumulation, Activation activation,
            boolean binary) {
        Objects.requireNonNull(arithmetic, "arithmetic");
        Objects.requireNonNull(accumulation, "accumulation");
        Objects.requireNonNull(activation, "activation");
        return new Setting(arithmetic, accumulation, activation, binary);
    }

    /** A setting with general weights and {@code PER_OP} accumulation. */
    public static Setting of(FixedPointArithmetic arithmetic, String activation) {
        return of(arithmetic, Accumulation.PER_OP, Activations.named(activation), false);
    }

    /** The same setting with binary weights ({@code true}) or general weights. */
    public Setting withBinary(boolean b) {
        return new Setting(arithmetic, accumulation, activation, b);
    }

    public FixedPointArithmetic arithmetic() {
        return arithmetic;
    }

    public Accumulation accumulation() {
        return accumulation;
    }

    public Activation activation() {
        return activation;
    }

    public boolean binary() {
        return binary;
    }

    /** The machine evaluating this setting's operations. */
    public CodeMachine machine() {
        return CodeMachine.of(arithmetic, accumulation, activation);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Setting)) {
            return false;
        }
        Setting s = (Setting) o;
        return arithmetic.equals(s.arithmetic) && accumulation == s.accumulation && activation.equals(s.activation)
                && binary == s.binary;
    }

    @Override
    public int hashCode() {
        return Objects.hash(arithmetic, accumulation, activation, binary);
    }

    @Override
    public String toString() {
        return activation.name() + " " + arithmetic + " " + accumulation + (binary ? " binary" : "");
    }
}

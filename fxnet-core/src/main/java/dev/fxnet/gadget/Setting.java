package dev.fxnet.gadget;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.FixedPointArithmetic;
import java.util.Objects;

/**
 * What a network computes with (SPEC §3–4): an {@link Arithmetic} (values, rounding, overflow), the
 * {@link Accumulation} of a neuron's sum and the {@link Activation}. Everything fxnet constructs
 * or decides is about one setting; the question asked of it (weights, dimension) is a
 * {@link Question}. Immutable value type; its operations on codes are its {@link #machine()}.
 */
public final class Setting {
    private final Arithmetic arithmetic;
    private final Accumulation accumulation;
    private final Activation activation;
    private Machine machine; // computed once, on first use (benign race: every copy is equal)

    private Setting(Arithmetic arithmetic, Accumulation accumulation, Activation activation) {
        this.arithmetic = arithmetic;
        this.accumulation = accumulation;
        this.activation = activation;
    }

    /** The setting of {@code arithmetic}, {@code accumulation} and {@code activation}; all are required. */
    public static Setting of(Arithmetic arithmetic, Accumulation accumulation, Activation activation) {
        Objects.requireNonNull(arithmetic, "arithmetic");
        Objects.requireNonNull(accumulation, "accumulation");
        Objects.requireNonNull(activation, "activation");
        return new Setting(arithmetic, accumulation, activation);
    }

    /**
     * The setting of {@code arithmetic} with {@code PER_OP} accumulation and the named activation.
     *
     * @throws IllegalArgumentException if no activation has that name
     */
    public static Setting of(Arithmetic arithmetic, String activation) {
        return of(arithmetic, Accumulation.PER_OP, Activations.named(activation));
    }

    public Arithmetic arithmetic() {
        return arithmetic;
    }

    public Accumulation accumulation() {
        return accumulation;
    }

    public Activation activation() {
        return activation;
    }

    /**
     * The arithmetic as a fixed-point arithmetic, for the parts of fxnet that are defined for
     * fixed point only (network files, the binary-weight construction, N-one under {@code WRAP}).
     *
     * @throws IllegalArgumentException if the arithmetic is not fixed point
     */
    public FixedPointArithmetic fixedPoint() {
        if (!(arithmetic instanceof FixedPointArithmetic)) {
            throw new IllegalArgumentException("this needs a fixed-point arithmetic, not " + arithmetic);
        }
        return (FixedPointArithmetic) arithmetic;
    }

    /**
     * The operations of this setting on codes, with {@code tau} tabulated.
     *
     * @throws IllegalArgumentException if the arithmetic has more than {@link Machine#MAX_SIZE} values
     */
    public Machine machine() {
        Machine m = machine;
        if (m == null) {
            m = Machine.of(this);
            machine = m;
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Setting)) {
            return false;
        }
        Setting s = (Setting) o;
        return arithmetic.equals(s.arithmetic) && accumulation == s.accumulation && activation.equals(s.activation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(arithmetic, accumulation, activation);
    }

    /** E.g. {@code relu p=3,q=3,SYMMETRIC HALF_EVEN SATURATE PER_OP}. */
    @Override
    public String toString() {
        return activation.name() + " " + arithmetic + " " + accumulation;
    }
}

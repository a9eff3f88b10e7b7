package dev.fxnet.construct;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.ActivationTable;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import java.util.Objects;

/**
 * Everything a construction depends on: the arithmetic (format, rounding, overflow), the
 * accumulation and the activation. Caches {@code tau} on every code of the format so that gadget
 * searches can evaluate single-input neurons cheaply and exactly as the evaluators do.
 */
public final class Setting {
    /** The largest format whose activation table and gadget searches fxnet builds ({@code |F| <= 2^16}). */
    public static final long MAX_SEARCH_SIZE = 1L << 16;

    private final FixedPointArithmetic ar;
    private final Accumulation accumulation;
    private final Activation activation;
    private final long min;
    private final long max;
    private final int q;
    private final boolean perOp;
    private final long[] tau;

    private Setting(FixedPointArithmetic ar, Accumulation accumulation, Activation activation) {
        this.ar = ar;
        this.accumulation = accumulation;
        this.activation = activation;
        this.min = ar.minCode();
        this.max = ar.maxCode();
        this.q = ar.format().fracBits();
        this.perOp = accumulation == Accumulation.PER_OP;
        ActivationTable table = ActivationTable.of(activation, ar);
        this.tau = new long[(int) ar.size()];
        for (long z = min; z <= max; z++) {
            tau[(int) (z - min)] = table.tau(z);
        }
    }

    /**
     * The setting of the given arithmetic, accumulation and activation.
     *
     * @throws IllegalArgumentException if the format has more than {@link #MAX_SEARCH_SIZE} values
     */
    public static Setting of(FixedPointArithmetic ar, Accumulation accumulation, Activation activation) {
        Objects.requireNonNull(ar, "arithmetic");
        Objects.requireNonNull(accumulation, "accumulation");
        Objects.requireNonNull(activation, "activation");
        if (ar.size() > MAX_SEARCH_SIZE) {
            throw new IllegalArgumentException("the construction searches gadgets over every value of the format; "
                    + ar.format() + " has " + ar.size() + " values, more than the supported 2^16 (p + q <= 15)");
        }
        return new Setting(ar, accumulation, activation);
    }

    public FixedPointArithmetic arithmetic() {
        return ar;
    }

    public FixedPointFormat format() {
        return ar.format();
    }

    public Accumulation accumulation() {
        return accumulation;
    }

    public Activation activation() {
        return activation;
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    /** {@code |F|}. */
    public int size() {
        return tau.length;
    }

    /** The code of the value {@code 1}, or {@code -1} (no code) if {@code 1} is not in F. */
    public long one() {
        long one = 1L << q;
        return one <= max ? one : -1;
    }

    /** {@code tau(z)} for a code {@code z}. */
    public long tau(long z) {
        return tau[(int) (z - min)];
    }

    /** The pre-activation of a neuron with bias {@code b} and the single pair {@code (w, y)}. */
    public long pre(long b, long w, long y) {
        if (perOp) {
            return ar.add(b, ar.multiply(w, y));
        }
        return ar.roundScaled((b << q) + w * y, q);
    }

    /** A neuron's accumulator over the first {@code n} pairs, in this setting's accumulation (SPEC §4). */
    public long accumulate(long b, long[] w, long[] y, int n) {
        return accumulation.accumulate(ar, b, w, y, n);
    }

    /** The output {@code tau(pre(b, w, y))} of a hidden neuron with one source. */
    public long neuron(long b, long w, long y) {
        return tau(pre(b, w, y));
    }

    /** A term {@code w (*) y} (PER_OP) as it is added to an accumulator. */
    public long product(long w, long y) {
        return ar.multiply(w, y);
    }

    public boolean perOp() {
        return perOp;
    }

    /** The code as a decimal, e.g. {@code -0.375}. */
    public String dec(long code) {
        return ar.format().decimal(code);
    }

    @Override
    public String toString() {
        return ar.format() + " " + ar.rounding() + " " + ar.overflow() + " " + accumulation + " " + activation.name();
    }
}

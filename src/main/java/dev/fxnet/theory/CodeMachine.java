package dev.fxnet.theory;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.ActivationTable;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The operations of one SPEC §3–4 setting on integer codes: {@code (+)}, {@code (*)}, {@code tau}
 * and a neuron's accumulation ({@code PER_OP} or {@code WIDE}). Every gadget and check in this
 * package evaluates through this class, so what is verified is exactly what a network computes.
 * Immutable and thread-safe.
 */
public final class CodeMachine {
    private final FixedPointArithmetic arith;
    private final Accumulation accumulation;
    private final ActivationTable table;
    private final long min;
    private final long max;

    private CodeMachine(FixedPointArithmetic arith, Accumulation accumulation, ActivationTable table) {
        this.arith = arith;
        this.accumulation = accumulation;
        this.table = table;
        this.min = arith.minCode();
        this.max = arith.maxCode();
    }

    /** The machine of {@code activation} under {@code arith} with the given accumulation. */
    public static CodeMachine of(FixedPointArithmetic arith, Accumulation accumulation, Activation activation) {
        Objects.requireNonNull(arith, "arithmetic");
        Objects.requireNonNull(accumulation, "accumulation");
        Objects.requireNonNull(activation, "activation");
        return new CodeMachine(arith, accumulation, ActivationTable.of(activation, arith));
    }

    public FixedPointArithmetic arithmetic() {
        return arith;
    }

    public FixedPointFormat format() {
        return arith.format();
    }

    public Accumulation accumulation() {
        return accumulation;
    }

    public ActivationTable table() {
        return table;
    }

    /** The smallest code {@code m}. */
    public long min() {
        return min;
    }

    /** The largest code {@code M}. */
    public long max() {
        return max;
    }

    /** {@code |F|}. */
    public long size() {
        return max - min + 1;
    }

    /** {@code tau(z)}. */
    public long tau(long z) {
        return table.tau(z);
    }

    /** {@code a (+) b}. */
    public long add(long a, long b) {
        return arith.add(a, b);
    }

    /** {@code w (*) y}. */
    public long mul(long w, long y) {
        return arith.multiply(w, y);
    }

    /** The code {@code 2^q} of the value 1, if it is in the format ({@code p >= 1}), else empty. */
    public java.util.OptionalLong one() {
        long one = 1L << arith.format().fracBits();
        return one <= max ? java.util.OptionalLong.of(one) : java.util.OptionalLong.empty();
    }

    /**
     * A neuron's accumulator (SPEC §4): {@code PER_OP}: {@code acc = b; acc = acc (+) (w_i (*) y_i)} in
     * order; {@code WIDE}: {@code rho(b + sum w_i y_i)}. Only the first {@code count} pairs are used.
     */
    public long accumulate(long bias, long[] weights, long[] inputs, int count) {
        return accumulation.accumulate(arith, bias, weights, inputs, count);
    }

    /** The accumulator of a neuron with one source: {@code b (+) (w (*) y)} or {@code rho(b + w y)}. */
    public long accumulate1(long bias, long w, long y) {
        if (accumulation == Accumulation.WIDE) {
            return arith.fusedSum(bias, new long[] {w}, new long[] {y}, 1);
        }
        return arith.add(bias, arith.multiply(w, y));
    }

    /**
     * The accumulator of a neuron that lists {@code k >= 0} sources all equal to {@code y}, each with
     * weight {@code w} (k copies of one signal, computed by k neurons of the previous layer). Exact
     * closed form: in {@code PER_OP} every term is the same {@code t = w (*) y}, and adding a term of
     * one sign repeatedly under SATURATE clamps once, under WRAP reduces once, so the result is
     * {@code overflow(b + k t)}; in {@code WIDE} it is {@code rho(b + k w y)}.
     */
    public long chain(long bias, long w, long y, long k) {
        if (k < 0) {
            throw new IllegalArgumentException("copies k must be >= 0, was " + k);
        }
        if (accumulation == Accumulation.WIDE) {
            BigInteger s = BigInteger.valueOf(bias).shiftLeft(arith.format().fracBits())
                    .add(BigInteger.valueOf(k).multiply(BigInteger.valueOf(w * y)));
            return arith.overflow(arith.rounding().roundQuotient(s, BigInteger.ONE.shiftLeft(arith.format().fracBits())));
        }
        long t = arith.multiply(w, y);
        return arith.overflow(bias + k * t); // |k t| < 2^62 for k < 2^31
    }

    /**
     * The accumulator of a neuron listing {@code k1} copies of {@code y1} (weight {@code w1}) and then
     * {@code k2} copies of {@code y2} (weight {@code w2}).
     */
    public long chain2(long bias, long w1, long y1, long k1, long w2, long y2, long k2) {
        if (accumulation == Accumulation.WIDE) {
            int q = arith.format().fracBits();
            BigInteger s = BigInteger.valueOf(bias).shiftLeft(q)
                    .add(BigInteger.valueOf(k1).multiply(BigInteger.valueOf(w1 * y1)))
                    .add(BigInteger.valueOf(k2).multiply(BigInteger.valueOf(w2 * y2)));
            return arith.overflow(arith.rounding().roundQuotient(s, BigInteger.ONE.shiftLeft(q)));
        }
        long a = arith.overflow(bias + k1 * arith.multiply(w1, y1));
        return arith.overflow(a + k2 * arith.multiply(w2, y2));
    }

    /** A short description, e.g. {@code relu p=3,q=3,SYMMETRIC HALF_EVEN SATURATE PER_OP}. */
    @Override
    public String toString() {
        return table.activation().name() + " " + arith + " " + accumulation;
    }
}

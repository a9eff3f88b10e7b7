package dev.fxnet.arith;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Fixed-point arithmetic on integer codes (SPEC §2–3): a {@link FixedPointFormat}, a
 * {@link Rounding} mode and an {@link Overflow} mode. {@code rho(x)} rounds {@code x * 2^q} to an
 * integer with the rounding mode, then maps it into the code range with the overflow mode.
 *
 * <p>All operations are exact integer computations on {@code long}: with {@code p + q <= 30} a
 * product of two codes needs at most 61 bits. {@link #fusedSum} falls back to {@link BigInteger}
 * only when a long sum would overflow. Immutable and thread-safe.
 */
public final class FixedPointArithmetic implements Arithmetic {
    private final FixedPointFormat format;
    private final Rounding rounding;
    private final Overflow overflow;
    private final int q;

    private FixedPointArithmetic(FixedPointFormat format, Rounding rounding, Overflow overflow) {
        this.format = format;
        this.rounding = rounding;
        this.overflow = overflow;
        this.q = format.fracBits();
    }

    /**
     * The arithmetic of {@code format} with the given modes.
     *
     * @throws IllegalArgumentException for {@code WRAP} with a {@code SYMMETRIC} format, whose code
     *     range has no modulus
     */
    public static FixedPointArithmetic of(FixedPointFormat format, Rounding rounding, Overflow overflow) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(rounding, "rounding");
        Objects.requireNonNull(overflow, "overflow");
        if (overflow == Overflow.WRAP && format.encoding() == Encoding.SYMMETRIC) {
            throw new IllegalArgumentException("overflow WRAP needs encoding TWOS_COMPLEMENT; the SYMMETRIC range of "
                    + format + " is not a residue system modulo 2^" + format.totalBits());
        }
        return new FixedPointArithmetic(format, rounding, overflow);
    }

    /** The arithmetic of {@code format} with the defaults {@code HALF_EVEN} and {@code SATURATE}. */
    public static FixedPointArithmetic of(FixedPointFormat format) {
        return of(format, Rounding.HALF_EVEN, Overflow.SATURATE);
    }

    public FixedPointFormat format() {
        return format;
    }

    public Rounding rounding() {
        return rounding;
    }

    public Overflow overflow() {
        return overflow;
    }

    @Override
    public long minCode() {
        return format.minCode();
    }

    @Override
    public long maxCode() {
        return format.maxCode();
    }

    @Override
    public BigDecimal value(long code) {
        return format.value(code);
    }

    /** Maps an already rounded integer {@code c} (a value {@code c * 2^-q}) into the code range. */
    public long overflow(long c) {
        return overflow.apply(c, format);
    }

    /** Maps an already rounded integer {@code c} (a value {@code c * 2^-q}) into the code range. */
    public long overflow(BigInteger c) {
        return overflow.apply(c, format);
    }

    @Override
    public long round(BigDecimal x) {
        return overflow(rounding.round(x.multiply(BigDecimal.valueOf(2).pow(q))));
    }

    /** {@code rho(num / den * 2^-q)}: rounds the rational {@code num/den} (in units of eps), {@code den > 0}. */
    public long roundQuotient(long num, long den) {
        return overflow(rounding.roundQuotient(num, den));
    }

    /** {@code rho(n * 2^-(q + shift))}: rounds a value given in units of {@code 2^-(q+shift)}. */
    public long roundScaled(long n, int shift) {
        return overflow(rounding.roundShift(n, shift));
    }

    @Override
    public long add(long a, long b) {
        return overflow(a + b);
    }

    @Override
    public long multiply(long a, long b) {
        return overflow(rounding.roundShift(a * b, q));
    }

    @Override
    public long fusedSum(long bias, long[] weights, long[] inputs, int count) {
        long acc = bias << q;
        for (int i = 0; i < count; i++) {
            long t = weights[i] * inputs[i];
            long s = acc + t;
            if (((acc ^ s) & (t ^ s)) < 0) { // long overflow: finish exactly
                return fusedSumBig(acc, weights, inputs, i, count);
            }
            acc = s;
        }
        return overflow(rounding.roundShift(acc, q));
    }

    private long fusedSumBig(long acc, long[] weights, long[] inputs, int from, int count) {
        BigInteger s = BigInteger.valueOf(acc);
        for (int i = from; i < count; i++) {
            s = s.add(BigInteger.valueOf(weights[i] * inputs[i]));
        }
        return overflow(rounding.roundQuotient(s, BigInteger.ONE.shiftLeft(q)));
    }

    /** {@code format().toString()}. */
    @Override
    public String formatName() {
        return format.toString();
    }

    /** {@code format().decimal(code)}. */
    @Override
    public String decimal(long code) {
        return format.decimal(code);
    }

    @Override
    public boolean saturates() {
        return overflow == Overflow.SATURATE;
    }

    @Override
    public boolean wraps() {
        return overflow == Overflow.WRAP;
    }

    /** Exact on codes: {@code overflow(a - b)}. */
    @Override
    public long subtract(long a, long b) {
        return overflow(a - b);
    }

    /** {@code rho((b 2^q + w y) 2^-2q)} on codes, exact in {@code long} for {@code p + q <= 30}. */
    @Override
    public long fma(long w, long y, long b) {
        return overflow(rounding.roundShift((b << q) + w * y, q));
    }

    /**
     * Closed form: every {@code (+)} is exact addition followed by the overflow map, and adding terms
     * of one sign repeatedly clamps once ({@code SATURATE}) or reduces once ({@code WRAP}), so the
     * result is {@code overflow(acc + k t)}.
     */
    @Override
    public long addCopies(long acc, long t, long k) {
        if (k < 0) {
            throw new IllegalArgumentException("copies k must be >= 0, was " + k);
        }
        if (k < 1L << 31 && Math.abs(t) < 1L << 31 && Math.abs(acc) < 1L << 31) {
            return overflow(acc + k * t);
        }
        return overflow(BigInteger.valueOf(t).multiply(BigInteger.valueOf(k)).add(BigInteger.valueOf(acc)));
    }

    @Override
    public long fusedSum(long bias, long[] weights, long[] inputs, long[] copies, int count) {
        BigInteger s = BigInteger.valueOf(bias).shiftLeft(q);
        for (int i = 0; i < count; i++) {
            s = s.add(BigInteger.valueOf(copies[i]).multiply(BigInteger.valueOf(weights[i] * inputs[i])));
        }
        return overflow(rounding.roundQuotient(s, BigInteger.ONE.shiftLeft(q)));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FixedPointArithmetic)) {
            return false;
        }
        FixedPointArithmetic a = (FixedPointArithmetic) o;
        return format.equals(a.format) && rounding == a.rounding && overflow == a.overflow;
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, rounding, overflow);
    }

    @Override
    public String toString() {
        return format + " " + rounding + " " + overflow;
    }
}

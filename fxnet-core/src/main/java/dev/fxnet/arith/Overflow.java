package dev.fxnet.arith;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;

/**
 * What happens to a rounded code outside the format's range (SPEC §2). Applied after rounding.
 */
public enum Overflow {
    /** Clamp to the code range, i.e. the nearest element of the format. The default. */
    SATURATE,
    /** Reduce modulo {@code 2^n} into the code range; two's complement only. */
    WRAP;

    /**
     * Parses {@code SATURATE} or {@code WRAP}, also the SystemC/{@code ap_fixed} names
     * {@code AP_SAT}, {@code SC_SAT}, {@code AP_WRAP}, {@code SC_WRAP} and MATLAB's {@code Saturate}/{@code Wrap}.
     *
     * @throws IllegalArgumentException naming the value
     */
    public static Overflow parse(String text) {
        Objects.requireNonNull(text, "overflow");
        String t = text.trim().toUpperCase(Locale.ROOT);
        switch (t) {
            case "SATURATE":
            case "SAT":
            case "AP_SAT":
            case "SC_SAT":
                return SATURATE;
            case "WRAP":
            case "AP_WRAP":
            case "SC_WRAP":
                return WRAP;
            default:
                throw new IllegalArgumentException("unknown overflow mode '" + text + "'; expected SATURATE or WRAP");
        }
    }

    /** Maps any integer to a code of {@code format}; the identity on codes already in range. */
    public long apply(long c, FixedPointFormat format) {
        long min = format.minCode();
        long max = format.maxCode();
        if (c >= min && c <= max) {
            return c;
        }
        if (this == SATURATE) {
            return c < min ? min : max;
        }
        long modulus = 1L << format.totalBits();
        return Math.floorMod(c - min, modulus) + min;
    }

    /** Maps any integer to a code of {@code format}; the identity on codes already in range. */
    public long apply(BigInteger c, FixedPointFormat format) {
        if (c.bitLength() < 63) {
            return apply(c.longValue(), format);
        }
        if (this == SATURATE) {
            return c.signum() < 0 ? format.minCode() : format.maxCode();
        }
        BigInteger modulus = BigInteger.ONE.shiftLeft(format.totalBits());
        return c.subtract(BigInteger.valueOf(format.minCode())).mod(modulus).longValue() + format.minCode();
    }
}

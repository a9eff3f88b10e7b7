package dev.fxnet.network;

import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * A floating-point format's files and output (SPEC §8): a code column or a network file holds a
 * value's bit pattern as an unsigned integer ({@code -0} is read as {@code 0}; NaN is written with
 * sign 0 and all exponent and trailing bits 1); inputs and parameters are finite values.
 */
record FloatSystem(FloatArithmetic arithmetic) implements NumberSystem {
    /** The most characters {@link #parseValue} reads in one number, as for fixed point. */
    private static final int MAX_VALUE_CHARS = dev.fxnet.arith.FixedPointFormat.MAX_VALUE_CHARS;

    @Override
    public long number(long code) {
        return arithmetic.format().bits(code);
    }

    @Override
    public long parameter(long number) {
        FloatFormat f = arithmetic.format();
        long top = (1L << f.totalBits()) - 1;
        if (number < 0 || number > top) {
            throw new IllegalArgumentException("bit pattern " + number + " is outside 0.." + top + " of " + f
                    + " (parameters are bit patterns as unsigned integers, SPEC §8)");
        }
        long code = f.codeOfBits((int) number);
        if (code < arithmetic.minCode() || code > arithmetic.maxCode()) {
            String what = code == f.nanCode() ? "NaN" : code > 0 ? "+inf" : "-inf";
            throw new IllegalArgumentException("bit pattern " + number + " (0x" + Long.toHexString(number)
                    .toUpperCase(Locale.ROOT) + ") is " + what + " in " + f + "; parameters must be finite (SPEC §8)");
        }
        return code;
    }

    @Override
    public long parseValue(String text) {
        String t = text.trim();
        if (t.length() > MAX_VALUE_CHARS) {
            throw new IllegalArgumentException("a number of " + t.length() + " characters ('" + t.substring(0, 20)
                    + "...'); numbers have at most " + MAX_VALUE_CHARS + " characters");
        }
        String shown = t.length() > 40 ? t.substring(0, 37) + "..." : t;
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.matches("[+-]?(inf|infinity|nan)")) {
            throw new IllegalArgumentException("'" + shown + "' is not a finite value of " + arithmetic.format()
                    + "; inputs and target values are finite (SPEC §8)");
        }
        BigDecimal v;
        try {
            v = new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + shown + "' is not a decimal number");
        }
        if (v.signum() == 0) {
            return 0;
        }
        BigDecimal largest = arithmetic.value(arithmetic.maxCode());
        BigDecimal smallest = arithmetic.value(1);
        // decided by comparison alone (no rounding of 1e999999999): outside [smallest, largest] nothing is exact
        if (v.abs().compareTo(largest) > 0) {
            throw new IllegalArgumentException(shown + " is outside " + arithmetic.format() + " (largest finite "
                    + largest.toPlainString() + ")");
        }
        OptionalLong c = v.abs().compareTo(smallest) < 0 ? OptionalLong.empty() : arithmetic.codeOf(v);
        if (c.isEmpty()) {
            throw new IllegalArgumentException(shown + " is not a value of " + arithmetic.format()
                    + " (values are exact: give one of its finite values as a decimal)");
        }
        return c.getAsLong();
    }

    @Override
    public String formatJson() {
        FloatFormat f = arithmetic.format();
        return "{\"exponentBits\": " + f.exponentBits() + ", \"mantissaBits\": " + f.mantissaBits() + ", \"bias\": "
                + f.bias() + ", \"specials\": \"" + f.specials() + "\"}";
    }

    @Override
    public String overflowName() {
        return arithmetic.overflow().name();
    }

    @Override
    public String roundingName() {
        return arithmetic.rounding().name();
    }
}

package dev.fxnet.arith;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fixed-point format {@code F = (p, q, encoding)} (SPEC §1): one sign bit, {@code p >= 0}
 * integer bits and {@code q >= 0} fractional bits, {@code n = 1 + p + q} bits in all. A value is
 * an integer code {@code k} times {@code eps = 2^-q}.
 *
 * <p>Immutable value type; equal formats are {@link #equals equal}. fxnet supports
 * {@code p + q <= }{@value #MAX_MAGNITUDE_BITS}, so every code, and every product of two codes,
 * fits in a {@code long} exactly.
 *
 * <p>Spellings accepted by {@link #parse(String)}:
 * <ul>
 *   <li>paper style {@code p=3,q=4} (symmetric; an optional third part {@code ,TWOS_COMPLEMENT} or
 *       {@code ,SYMMETRIC} names the encoding);</li>
 *   <li>ARM {@code Q3.4}: two's complement, 3 integer bits excluding the sign, 4 fractional
 *       ({@code Q15} means {@code Q0.15});</li>
 *   <li>Xilinx {@code ap_fixed<8,4>}: {@code W} total bits including sign, {@code I} integer bits
 *       including sign, two's complement; so {@code p = I - 1}, {@code q = W - I}.</li>
 * </ul>
 */
public final class FixedPointFormat {
    /** The largest supported {@code p + q}. */
    public static final int MAX_MAGNITUDE_BITS = 30;

    /**
     * The most characters {@link #parseValue(String)} reads in one number (after trimming), the same
     * cap network files put on JSON numbers; longer text is refused before any arithmetic on it.
     */
    public static final int MAX_VALUE_CHARS = 1000;

    private static final Pattern PAPER = Pattern.compile(
            "\\s*p\\s*=\\s*(\\d+)\\s*,\\s*q\\s*=\\s*(\\d+)\\s*(?:,\\s*([A-Za-z_0-9]+)\\s*)?");
    private static final Pattern ARM = Pattern.compile("\\s*[Qq](\\d+)(?:\\.(\\d+))?\\s*");
    private static final Pattern XILINX = Pattern.compile("\\s*ap_fixed\\s*<\\s*(-?\\d+)\\s*,\\s*(-?\\d+)\\s*>\\s*");

    private final int intBits;
    private final int fracBits;
    private final Encoding encoding;

    private FixedPointFormat(int intBits, int fracBits, Encoding encoding) {
        this.intBits = intBits;
        this.fracBits = fracBits;
        this.encoding = encoding;
    }

    /**
     * The format with {@code p} integer and {@code q} fractional bits.
     *
     * @throws IllegalArgumentException if {@code p < 0}, {@code q < 0} or {@code p + q > 30}
     */
    public static FixedPointFormat of(int intBits, int fracBits, Encoding encoding) {
        Objects.requireNonNull(encoding, "encoding");
        if (intBits < 0) {
            throw new IllegalArgumentException("integer bits p must be >= 0, was " + intBits);
        }
        if (fracBits < 0) {
            throw new IllegalArgumentException("fractional bits q must be >= 0, was " + fracBits);
        }
        if ((long) intBits + fracBits > MAX_MAGNITUDE_BITS) {
            throw new IllegalArgumentException("p + q = " + ((long) intBits + fracBits) + " is not supported; fxnet computes"
                    + " exactly with p + q <= " + MAX_MAGNITUDE_BITS);
        }
        return new FixedPointFormat(intBits, fracBits, encoding);
    }

    /** The symmetric format {@code p=intBits,q=fracBits}. */
    public static FixedPointFormat of(int intBits, int fracBits) {
        return of(intBits, fracBits, Encoding.SYMMETRIC);
    }

    /**
     * Parses one of the spellings listed in the class documentation.
     *
     * @throws IllegalArgumentException naming the text and what was expected
     */
    public static FixedPointFormat parse(String text) {
        Objects.requireNonNull(text, "format");
        Matcher m = PAPER.matcher(text);
        if (m.matches()) {
            Encoding e = m.group(3) == null ? Encoding.SYMMETRIC : Encoding.parse(m.group(3));
            return of(parseBits(m.group(1), text), parseBits(m.group(2), text), e);
        }
        m = ARM.matcher(text);
        if (m.matches()) {
            if (m.group(2) == null) {
                return of(0, parseBits(m.group(1), text), Encoding.TWOS_COMPLEMENT);
            }
            return of(parseBits(m.group(1), text), parseBits(m.group(2), text), Encoding.TWOS_COMPLEMENT);
        }
        m = XILINX.matcher(text);
        if (m.matches()) {
            int w = parseBits(m.group(1), text);
            int i = parseBits(m.group(2), text);
            if (i < 1 || i > w) {
                throw new IllegalArgumentException("format '" + text.trim() + "': ap_fixed<W,I> needs 1 <= I <= W"
                        + " (I counts the sign bit), was W=" + w + ", I=" + i);
            }
            return of(i - 1, w - i, Encoding.TWOS_COMPLEMENT);
        }
        throw new IllegalArgumentException("cannot read format '" + text + "'; expected p=3,q=4 (symmetric),"
                + " Q3.4 (ARM, two's complement) or ap_fixed<8,4> (Xilinx, two's complement); floating point:"
                + " binary16, bfloat16, e5m2, e4m3, e3m2, e2m3, e2m1 or float(E,M[,bias=B][,specials=IEEE|FN|FINITE])");
    }

    private static int parseBits(String digits, String text) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("format '" + text.trim() + "': bit count " + digits + " is too large");
        }
    }

    /** {@code p}, the number of integer bits (excluding the sign bit). */
    public int intBits() {
        return intBits;
    }

    /** {@code q}, the number of fractional bits. */
    public int fracBits() {
        return fracBits;
    }

    public Encoding encoding() {
        return encoding;
    }

    /** {@code n = 1 + p + q}, the total number of bits. */
    public int totalBits() {
        return 1 + intBits + fracBits;
    }

    /** The largest code, {@code 2^(p+q) - 1}. */
    public long maxCode() {
        return (1L << (intBits + fracBits)) - 1;
    }

    /** The smallest code: {@code -maxCode()} (symmetric) or {@code -2^(p+q)} (two's complement). */
    public long minCode() {
        return encoding == Encoding.SYMMETRIC ? -maxCode() : -(1L << (intBits + fracBits));
    }

    /** The number of values {@code |F|}. */
    public long size() {
        return maxCode() - minCode() + 1;
    }

    /** The index of {@code code} in increasing order, {@code 0 .. size()-1}. */
    public int indexOf(long code) {
        return (int) (code - minCode());
    }

    /** The code at {@code index} in increasing order. */
    public long codeAt(long index) {
        return minCode() + index;
    }

    /** Whether {@code code} is a code of this format. */
    public boolean contains(long code) {
        return code >= minCode() && code <= maxCode();
    }

    /**
     * Checks that {@code code} is in range.
     *
     * @throws IllegalArgumentException naming the code and the range
     */
    public long checkCode(long code) {
        if (!contains(code)) {
            throw new IllegalArgumentException("code " + code + " is outside " + this + " (codes " + minCode() + ".."
                    + maxCode() + ")");
        }
        return code;
    }

    /** {@code eps = 2^-q}, exactly. */
    public BigDecimal eps() {
        return value(1);
    }

    /** {@code M}, the largest value, exactly. */
    public BigDecimal maxValue() {
        return value(maxCode());
    }

    /** The smallest value, exactly. */
    public BigDecimal minValue() {
        return value(minCode());
    }

    /** The exact value {@code code * 2^-q} (any integer code, in range or not). */
    public BigDecimal value(long code) {
        // 2^-q = 5^q / 10^q
        return new BigDecimal(BigInteger.valueOf(code).multiply(BigInteger.valueOf(5).pow(fracBits)), fracBits)
                .stripTrailingZeros();
    }

    /** The value of {@code code} as a double; exact, since codes have at most 31 significant bits. */
    public double doubleValue(long code) {
        return Math.scalb((double) code, -fracBits);
    }

    /** The value of {@code code} as a plain decimal string such as {@code -0.375} or {@code 2}. */
    public String decimal(long code) {
        return value(code).toPlainString();
    }

    /**
     * The code of an exact value on the grid of this format.
     *
     * @throws IllegalArgumentException if {@code value} is not a multiple of {@code eps} or is out of range
     */
    public long codeOf(BigDecimal value) {
        if (value.signum() == 0) {
            return 0;
        }
        // decide huge and tiny values from the exponent alone: never expand 1e999999999 or 1e-999999999
        long magnitude = (long) value.precision() - value.scale(); // |value| < 10^magnitude
        if (magnitude > 20) {
            throw outside(value);
        }
        if (magnitude < -20) {
            throw offGrid(value);
        }
        BigDecimal scaled = value.multiply(BigDecimal.valueOf(2).pow(fracBits));
        BigInteger k;
        try {
            k = scaled.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw offGrid(value);
        }
        if (k.bitLength() > 62 || !contains(k.longValue())) {
            throw outside(value);
        }
        return k.longValue();
    }

    private IllegalArgumentException outside(BigDecimal value) {
        return new IllegalArgumentException("value " + brief(value) + " is outside " + this + " (range "
                + minValue().toPlainString() + " .. " + maxValue().toPlainString() + ")");
    }

    private IllegalArgumentException offGrid(BigDecimal value) {
        return new IllegalArgumentException("value " + brief(value) + " is not on the grid of " + this
                + " (a multiple of 2^-" + fracBits + ")");
    }

    /** The value in plain digits when short, else rounded to 6 digits in scientific notation. */
    private static String brief(BigDecimal value) {
        if (value.precision() <= 30 && Math.abs((long) value.precision() - value.scale()) <= 30 && value.scale() <= 30) {
            return value.toPlainString();
        }
        return value.precision() <= 6 ? value.toString() : "about " + value.round(new java.math.MathContext(6)).toString();
    }

    /**
     * The code of a decimal string on the grid, e.g. {@code "-0.375"}.
     *
     * @throws IllegalArgumentException if the text is longer than {@value #MAX_VALUE_CHARS} characters,
     *     not a number, not on the grid or out of range
     */
    public long parseValue(String text) {
        String t = text.trim();
        if (t.length() > MAX_VALUE_CHARS) {
            // parsing a million digits takes minutes: decide from the length alone
            throw new IllegalArgumentException("a number of " + t.length() + " characters ('" + t.substring(0, 20)
                    + "...'); numbers have at most " + MAX_VALUE_CHARS + " characters");
        }
        BigDecimal v;
        try {
            v = new BigDecimal(t);
        } catch (NumberFormatException e) {
            String shown = t.length() > 40 ? t.substring(0, 37) + "..." : t;
            throw new IllegalArgumentException("'" + shown + "' is not a decimal number");
        }
        return codeOf(v);
    }

    /** A description of the bit layout, e.g. {@code s iii.ffff}. */
    public String bitLayout() {
        return "s" + (intBits > 0 ? " " + "i".repeat(intBits) : "") + "." + "f".repeat(fracBits);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FixedPointFormat)) {
            return false;
        }
        FixedPointFormat f = (FixedPointFormat) o;
        return intBits == f.intBits && fracBits == f.fracBits && encoding == f.encoding;
    }

    @Override
    public int hashCode() {
        return Objects.hash(intBits, fracBits, encoding);
    }

    /** The paper-style spelling with the encoding, e.g. {@code p=3,q=4,SYMMETRIC}; {@link #parse} reads it back. */
    @Override
    public String toString() {
        return "p=" + intBits + ",q=" + fracBits + "," + encoding;
    }
}

package dev.fxnet.arith;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A binary floating-point format {@code (e, m, bias, specials)} of SPEC §8: one sign bit, {@code e >= 1}
 * exponent bits, {@code m >= 0} trailing significand bits, IEEE 754 encoding with the reserved
 * encodings chosen by {@link Specials}.
 *
 * <h2>Codes</h2>
 * The codes of a float format are the <i>signed rank</i> of its finite values: code {@code 0} is zero
 * ({@code -0} is identified with {@code +0}), code {@code k > 0} is the {@code k}-th smallest positive
 * finite value and {@code -k} its negative, so {@link #minCode()} {@code = -N}, {@link #maxCode()}
 * {@code = N} with {@code N} the number of positive finite values. Because the IEEE magnitude bits
 * {@code (B << m) | T} increase with the value, the code of a finite positive value is exactly its
 * magnitude bit pattern. The specials, where the format has them, are codes outside that range in the
 * order of {@link Double#compare}: {@code -inf = -(N+1)}, {@code +inf = N+1}, {@code NaN = N+2}.
 * {@link #bits(long)} and {@link #codeOfBits(int)} convert between codes and bit patterns.
 *
 * <h2>Limits</h2>
 * {@code 1 + e + m <= 16}; {@code m >= 1} for {@code IEEE} specials (else NaN has no encoding); at least
 * one positive finite value; and every finite value is a finite
 * double, normal or subnormal: {@code 2^(emin - m) >= 2^-1074} and {@code emax <= 1023}. The last
 * condition only restricts unusual biases; every preset and every {@code float(E,M)} with the default
 * bias satisfies it. Violations are refused with the reason.
 *
 * <p>Immutable value type (equality by the four fields); thread-safe.
 */
public final class FloatFormat {
    /** Which encodings of the top biased exponent are not finite numbers (SPEC §8). */
    public enum Specials {
        /** {@code B = 2^e - 1}: {@code T = 0} is +-infinity, any other {@code T} is NaN (binary16, bfloat16, E5M2). */
        IEEE,
        /** Only {@code B = 2^e - 1, T = 2^m - 1} is NaN; no infinities (OCP E4M3). */
        FN,
        /** None: every encoding is a finite number (OCP MX FP6/FP4). */
        FINITE;

        /**
         * Parses {@code IEEE}, {@code FN} or {@code FINITE}, ignoring case.
         *
         * @throws IllegalArgumentException naming the value
         */
        public static Specials parse(String text) {
            Objects.requireNonNull(text, "specials");
            String t = text.trim().toUpperCase(Locale.ROOT);
            for (Specials s : values()) {
                if (s.name().equals(t)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown specials '" + text + "'; expected IEEE, FN or FINITE");
        }
    }

    /** The named formats of SPEC §8, in the order of its table; each with its aliases. */
    private static final List<Preset> PRESETS = List.of(
            new Preset(5, 10, 15, Specials.IEEE, "binary16", "float16", "half"),
            new Preset(8, 7, 127, Specials.IEEE, "bfloat16"),
            new Preset(5, 2, 15, Specials.IEEE, "e5m2", "float8_e5m2"),
            new Preset(4, 3, 7, Specials.FN, "e4m3", "float8_e4m3fn"),
            new Preset(3, 2, 3, Specials.FINITE, "e3m2", "float6_e3m2fn"),
            new Preset(2, 3, 1, Specials.FINITE, "e2m3", "float6_e2m3fn"),
            new Preset(2, 1, 1, Specials.FINITE, "e2m1", "float4_e2m1fn"));

    private static final Pattern CUSTOM = Pattern.compile(
            "float\\(\\s*(\\d{1,3})\\s*,\\s*(\\d{1,3})\\s*((?:,\\s*\\w+\\s*=\\s*[-+]?\\w+\\s*)*)\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern OPTION = Pattern.compile(",\\s*(\\w+)\\s*=\\s*([-+]?\\w+)\\s*");

    private final int e;
    private final int m;
    private final int bias;
    private final Specials specials;
    private final long positiveCount;

    private FloatFormat(int e, int m, int bias, Specials specials) {
        this.e = e;
        this.m = m;
        this.bias = bias;
        this.specials = specials;
        this.positiveCount = positiveCount(e, m, specials);
    }

    private static long positiveCount(int e, int m, Specials specials) {
        switch (specials) {
            case IEEE:
                return (((1L << e) - 1) << m) - 1;
            case FN:
                return (1L << (e + m)) - 2;
            default:
                return (1L << (e + m)) - 1;
        }
    }

    /** The format with the default bias {@code 2^(e-1) - 1} and {@code IEEE} specials. */
    public static FloatFormat of(int exponentBits, int mantissaBits) {
        return of(exponentBits, mantissaBits, exponentBits >= 1 && exponentBits <= 30 ? defaultBias(exponentBits) : 0, Specials.IEEE);
    }

    /**
     * The format {@code (e, m, bias, specials)}.
     *
     * @throws IllegalArgumentException with the reason, if {@code e < 1}, {@code m < 0},
     *     {@code 1 + e + m > 16}, the format has no positive finite value, or some finite value is
     *     not a finite double (see the class documentation)
     */
    public static FloatFormat of(int exponentBits, int mantissaBits, int bias, Specials specials) {
        Objects.requireNonNull(specials, "specials");
        String name = "float(" + exponentBits + "," + mantissaBits + ")";
        if (exponentBits < 1) {
            throw new IllegalArgumentException(name + ": exponent bits must be >= 1, was " + exponentBits);
        }
        if (mantissaBits < 0) {
            throw new IllegalArgumentException(name + ": mantissa bits must be >= 0, was " + mantissaBits);
        }
        if (1 + exponentBits + mantissaBits > 16) {
            throw new IllegalArgumentException(name + " has " + (1 + exponentBits + mantissaBits)
                    + " bits; fxnet computes float formats of at most 16 bits (1 + e + m <= 16) exactly");
        }
        if (specials == Specials.IEEE && mantissaBits == 0) {
            throw new IllegalArgumentException(name + ": specials=IEEE needs m >= 1 (NaN is the top exponent with"
                    + " non-zero trailing bits); use specials=FN or specials=FINITE with m = 0");
        }
        FloatFormat f = new FloatFormat(exponentBits, mantissaBits, bias, specials);
        if (f.positiveCount < 1) {
            throw new IllegalArgumentException(f + " has no non-zero finite value");
        }
        if (f.emin() - mantissaBits < -1074 || f.emax() > 1023) {
            throw new IllegalArgumentException(f + ": bias " + bias + " puts values outside the double range (need "
                    + "emin - m >= -1074 and emax <= 1023, got emin - m = " + (f.emin() - mantissaBits) + ", emax = "
                    + f.emax() + ")");
        }
        return f;
    }

    /** {@code 2^(e-1) - 1}, the IEEE bias. */
    public static int defaultBias(int exponentBits) {
        return (1 << (exponentBits - 1)) - 1;
    }

    /**
     * Parses a named format of SPEC §8 ({@code binary16}, {@code float16}, {@code half}, {@code bfloat16},
     * {@code e5m2}, {@code float8_e5m2}, {@code e4m3}, {@code float8_e4m3fn}, {@code e3m2},
     * {@code float6_e3m2fn}, {@code e2m3}, {@code float6_e2m3fn}, {@code e2m1}, {@code float4_e2m1fn}) or
     * {@code float(E,M[,bias=B][,specials=IEEE|FN|FINITE])}, case-insensitively.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static FloatFormat parse(String text) {
        Objects.requireNonNull(text, "format");
        String t = text.trim();
        for (Preset p : PRESETS) {
            for (String n : p.names) {
                if (n.equalsIgnoreCase(t)) {
                    return of(p.e, p.m, p.bias, p.specials);
                }
            }
        }
        Matcher mt = CUSTOM.matcher(t);
        if (!mt.matches()) {
            throw new IllegalArgumentException("unknown float format '" + text + "'; expected binary16, bfloat16, e5m2, "
                    + "e4m3, e3m2, e2m3, e2m1 or float(E,M[,bias=B][,specials=IEEE|FN|FINITE])");
        }
        int ex = Integer.parseInt(mt.group(1));
        int ma = Integer.parseInt(mt.group(2));
        Integer b = null;
        Specials s = Specials.IEEE;
        Matcher o = OPTION.matcher(mt.group(3));
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (o.find()) {
            String key = o.group(1).toLowerCase(Locale.ROOT);
            if (!seen.add(key)) {
                throw new IllegalArgumentException("float format '" + text + "': option '" + key + "' given twice");
            }
            if (key.equals("bias")) {
                b = parseBias(o.group(2), text);
            } else if (key.equals("specials")) {
                s = Specials.parse(o.group(2));
            } else {
                throw new IllegalArgumentException("unknown option '" + o.group(1) + "' in float format '" + text
                        + "'; expected bias=B or specials=IEEE|FN|FINITE");
            }
        }
        if (ex < 1) {
            throw new IllegalArgumentException("float format '" + text + "': exponent bits must be >= 1, was " + ex);
        }
        return of(ex, ma, b == null ? (ex <= 31 ? defaultBias(ex) : 0) : b, s);
    }

    /**
     * Whether {@code text} is meant as a float format: a preset name or alias of SPEC §8, or text starting
     * with {@code float(} (ignoring case and surrounding white space). Such text either parses with
     * {@link #parse} or is refused by it with the reason; other text is left to the fixed-point spellings.
     */
    public static boolean isFloatSpelling(String text) {
        String t = text.trim();
        if (t.regionMatches(true, 0, "float(", 0, 6)) {
            return true;
        }
        for (Preset p : PRESETS) {
            for (String n : p.names) {
                if (n.equalsIgnoreCase(t)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The preset name and aliases of this format ({@code [e4m3, float8_e4m3fn]}), empty if it is not a preset. */
    public List<String> presetNames() {
        for (Preset p : PRESETS) {
            if (p.e == e && p.m == m && p.bias == bias && p.specials == specials) {
                return p.names;
            }
        }
        return List.of();
    }

    /** The general spelling {@code float(E,M,bias=B,specials=S)}, with every field. */
    public String generalSpelling() {
        return "float(" + e + "," + m + ",bias=" + bias + ",specials=" + specials + ")";
    }

    private static int parseBias(String v, String text) {
        try {
            int b = Integer.parseInt(v);
            if (Math.abs(b) > 1 << 20) {
                throw new NumberFormatException();
            }
            return b;
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("float format '" + text + "': bias must be an integer of magnitude at most"
                    + " 2^20, was '" + v + "'");
        }
    }

    public int exponentBits() {
        return e;
    }

    public int mantissaBits() {
        return m;
    }

    public int bias() {
        return bias;
    }

    public Specials specials() {
        return specials;
    }

    /** {@code 1 + e + m}. */
    public int totalBits() {
        return 1 + e + m;
    }

    /** {@code 1 - bias}: the exponent of the smallest normal value (and of the subnormals' spacing times {@code 2^m}). */
    public int emin() {
        return 1 - bias;
    }

    /** The exponent of the largest finite value: {@code floor(log2 Omega)}. */
    public int emax() {
        return (int) (positiveCount >> m) - bias;
    }

    /** {@code N}, the number of positive finite values; also the largest code. */
    public long positiveCount() {
        return positiveCount;
    }

    /** {@code -N}. */
    public long minCode() {
        return -positiveCount;
    }

    /** {@code N}. */
    public long maxCode() {
        return positiveCount;
    }

    /** Whether the format encodes infinities ({@code IEEE} specials). */
    public boolean hasInfinity() {
        return specials == Specials.IEEE;
    }

    /** Whether the format encodes NaN ({@code IEEE} or {@code FN} specials). */
    public boolean hasNaN() {
        return specials != Specials.FINITE;
    }

    /** The code of {@code +inf}, {@code N + 1} (meaningful only with {@code IEEE} specials). */
    public long positiveInfinityCode() {
        return positiveCount + 1;
    }

    /** The code of {@code -inf}, {@code -(N + 1)} (meaningful only with {@code IEEE} specials). */
    public long negativeInfinityCode() {
        return -(positiveCount + 1);
    }

    /** The code of NaN, {@code N + 2} (meaningful only with {@code IEEE} or {@code FN} specials). */
    public long nanCode() {
        return positiveCount + 2;
    }

    /** Whether {@code code} is a code of this format: a finite value, or a special the format encodes. */
    public boolean isCode(long code) {
        if (code >= -positiveCount && code <= positiveCount) {
            return true;
        }
        if (code == nanCode()) {
            return hasNaN();
        }
        return (code == positiveInfinityCode() || code == negativeInfinityCode()) && hasInfinity();
    }

    /**
     * The bit pattern of a code, as an unsigned integer below {@code 2^(1+e+m)}: zero is {@code 0},
     * NaN is sign 0 with all exponent and trailing bits 1 (SPEC §8).
     *
     * @throws IllegalArgumentException if {@code code} is not a code of this format
     */
    public int bits(long code) {
        checkCode(code);
        int sign = 1 << (e + m);
        if (code == nanCode()) {
            return sign - 1;
        }
        if (code == positiveInfinityCode()) {
            return ((1 << e) - 1) << m;
        }
        if (code == negativeInfinityCode()) {
            return sign | (((1 << e) - 1) << m);
        }
        return code < 0 ? sign | (int) -code : (int) code;
    }

    /**
     * The code of a bit pattern: {@code -0} gives {@code 0}, every NaN pattern gives {@link #nanCode()},
     * the infinities their codes.
     *
     * @throws IllegalArgumentException if {@code bits} is not in {@code 0 .. 2^(1+e+m) - 1}
     */
    public long codeOfBits(int bits) {
        if (bits < 0 || bits >= 1 << totalBits()) {
            throw new IllegalArgumentException("bit pattern " + bits + " is outside 0.." + ((1 << totalBits()) - 1)
                    + " of " + this);
        }
        boolean negative = (bits >>> (e + m)) != 0;
        long mag = bits & ((1 << (e + m)) - 1);
        if (mag <= positiveCount) {
            return negative ? -mag : mag;
        }
        if (specials == Specials.IEEE && mag == ((1L << e) - 1) << m) {
            return negative ? negativeInfinityCode() : positiveInfinityCode();
        }
        return nanCode();
    }

    /**
     * The exact value of a finite code as a double (every finite value of the format is one).
     *
     * @throws IllegalArgumentException if {@code code} is not a finite code
     */
    public double doubleValue(long code) {
        if (code < -positiveCount || code > positiveCount) {
            throw new IllegalArgumentException("code " + code + " is not a finite value of " + this + " (codes "
                    + minCode() + ".." + maxCode() + ")");
        }
        long mag = Math.abs(code);
        long b = mag >> m;
        long t = mag & ((1L << m) - 1);
        double v = b == 0 ? Math.scalb((double) t, emin() - m) : Math.scalb((double) ((1L << m) + t), (int) b - bias - m);
        return code < 0 ? -v : v;
    }

    /**
     * The exact value of a finite code.
     *
     * @throws IllegalArgumentException if {@code code} is not a finite code
     */
    public BigDecimal value(long code) {
        return new BigDecimal(doubleValue(code)); // exact: the double is the value
    }

    /** The largest finite value {@code Omega}. */
    public BigDecimal largest() {
        return value(positiveCount);
    }

    private void checkCode(long code) {
        if (!isCode(code)) {
            throw new IllegalArgumentException("code " + code + " is not a code of " + this + " (finite codes "
                    + minCode() + ".." + maxCode() + (hasNaN() ? ", specials " + specialCodes() : "") + ")");
        }
    }

    private String specialCodes() {
        return hasInfinity() ? negativeInfinityCode() + ", " + positiveInfinityCode() + ", " + nanCode() : "" + nanCode();
    }

    /** The preset name ({@code e4m3}) if this is a preset, else {@code float(E,M[,bias=B][,specials=S])}. */
    @Override
    public String toString() {
        for (Preset p : PRESETS) {
            if (p.e == e && p.m == m && p.bias == bias && p.specials == specials) {
                return p.names.get(0);
            }
        }
        StringBuilder sb = new StringBuilder("float(").append(e).append(',').append(m);
        if (e > 31 || bias != defaultBias(e)) {
            sb.append(",bias=").append(bias);
        }
        if (specials != Specials.IEEE) {
            sb.append(",specials=").append(specials);
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FloatFormat)) {
            return false;
        }
        FloatFormat f = (FloatFormat) o;
        return e == f.e && m == f.m && bias == f.bias && specials == f.specials;
    }

    @Override
    public int hashCode() {
        return Objects.hash(e, m, bias, specials);
    }

    private static final class Preset {
        final int e;
        final int m;
        final int bias;
        final Specials specials;
        final List<String> names;

        Preset(int e, int m, int bias, Specials specials, String... names) {
            this.e = e;
            this.m = m;
            this.bias = bias;
            this.specials = specials;
            this.names = List.of(names);
        }
    }
}

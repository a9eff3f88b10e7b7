package dev.fxnet.arith;

import java.util.Locale;
import java.util.Objects;

/**
 * What a floating-point {@code rho} does with a rounded value beyond the largest finite value
 * {@code Omega} (SPEC §8), applied after rounding. Separate from the fixed-point {@link Overflow}.
 */
public enum FloatOverflow {
    /** {@code +-Omega}, like fixed-point {@code SATURATE}. The default for float formats. */
    SATFINITE,
    /**
     * {@code +-inf} when the rounding mode is a nearest mode or rounds away from zero at that sign
     * ({@code UP}; {@code CEILING} for positive, {@code FLOOR} for negative), else {@code +-Omega}
     * (IEEE 754 §7.4). Needs {@code IEEE} specials.
     */
    INF,
    /** NaN where {@link #INF} would give an infinity, else {@code +-Omega}. Needs {@code FN} specials (OCP E4M3). */
    NAN;

    /**
     * Whether an overflow of a value with this sign, rounded in {@code mode}, gives an infinity (under
     * {@code INF}) or NaN (under {@code NAN}) rather than {@code +-Omega}: a nearest mode, or a mode that
     * rounds away from zero at this sign.
     */
    public static boolean beyondOmega(Rounding mode, boolean negative) {
        return mode.isNearest() || mode == Rounding.UP || (mode == Rounding.CEILING && !negative)
                || (mode == Rounding.FLOOR && negative);
    }

    /**
     * Parses {@code SATFINITE}, {@code INF} or {@code NAN}, ignoring case.
     *
     * @throws IllegalArgumentException naming the value
     */
    public static FloatOverflow parse(String text) {
        Objects.requireNonNull(text, "overflow");
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (FloatOverflow o : values()) {
            if (o.name().equals(t)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown float overflow mode '" + text + "'; expected SATFINITE, INF or NAN");
    }
}

package dev.fxnet.arith;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

/**
 * The nine ways fxnet rounds an exact real number to an integer (SPEC §2).
 *
 * <p>The seven modes shared with {@link RoundingMode} have exactly Java's meanings;
 * {@link #HALF_CEILING} and {@link #HALF_FLOOR} are round-to-nearest with ties toward
 * plus and minus infinity. Every method here is exact: no intermediate result is rounded,
 * and every rounding function is monotone non-decreasing in its argument.
 *
 * <p>{@link #parse(String)} also accepts the names other tools use (SystemC/{@code ap_fixed}
 * quantisation modes, MATLAB {@code fi} rounding methods), case-insensitively.
 */
public enum Rounding {
    /** Nearest, ties to the even integer ({@code AP_RND_CONV}, MATLAB {@code Convergent}). The default. */
    HALF_EVEN("AP_RND_CONV", "SC_RND_CONV", "Convergent"),
    /** Nearest, ties away from zero ({@code AP_RND_INF}, MATLAB {@code Round}). */
    HALF_UP("AP_RND_INF", "SC_RND_INF", "Round"),
    /** Nearest, ties toward zero ({@code AP_RND_ZERO}). */
    HALF_DOWN("AP_RND_ZERO", "SC_RND_ZERO"),
    /** Nearest, ties toward plus infinity ({@code AP_RND}, MATLAB {@code Nearest}). */
    HALF_CEILING("AP_RND", "SC_RND", "Nearest"),
    /** Nearest, ties toward minus infinity ({@code AP_RND_MIN_INF}). */
    HALF_FLOOR("AP_RND_MIN_INF", "SC_RND_MIN_INF"),
    /** Away from zero. */
    UP(),
    /** Toward zero, truncation of the magnitude ({@code AP_TRN_ZERO}, MATLAB {@code Zero}). */
    DOWN("AP_TRN_ZERO", "SC_TRN_ZERO", "Zero"),
    /** Toward plus infinity (MATLAB {@code Ceiling}). */
    CEILING("Ceiling"),
    /** Toward minus infinity, two's complement truncation ({@code AP_TRN}, MATLAB {@code Floor}). */
    FLOOR("AP_TRN", "SC_TRN", "Floor");

    private final List<String> aliases;

    Rounding(String... aliases) {
        this.aliases = List.of(aliases);
    }

    /** The alternative spellings accepted by {@link #parse(String)}, besides the constant's own name. */
    public List<String> aliases() {
        return aliases;
    }

    /** Whether this mode rounds to nearest (its decision boundaries are the half-integers). */
    public boolean isNearest() {
        return ordinal() <= HALF_FLOOR.ordinal();
    }

    /**
     * Parses a mode name or alias, ignoring case and treating {@code -} like {@code _}.
     *
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    public static Rounding parse(String text) {
        Objects.requireNonNull(text, "rounding");
        String t = text.trim().replace('-', '_');
        for (Rounding r : values()) {
            if (r.name().equalsIgnoreCase(t)) {
                return r;
            }
            for (String a : r.aliases) {
                if (a.equalsIgnoreCase(t)) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException("unknown rounding mode '" + text + "'; expected one of "
                + "HALF_EVEN, HALF_UP, HALF_DOWN, HALF_CEILING, HALF_FLOOR, UP, DOWN, CEILING, FLOOR "
                + "or an ap_fixed/SystemC/MATLAB alias such as AP_RND_CONV, AP_TRN, Convergent");
    }

    /**
     * The core decision shared by every variant: the rounded value of {@code x = floor + r}
     * where {@code 0 <= r < 1}.
     *
     * @param floor the integer part {@code floor(x)}
     * @param exact whether {@code r == 0}
     * @param cmpHalf the sign of {@code r - 1/2} (ignored when {@code exact})
     * @return {@code floor} or {@code floor + 1}
     */
    public long resolve(long floor, boolean exact, int cmpHalf) {
        return exact || !roundsUp(floor < 0, floor % 2 == 0, cmpHalf) ? floor : floor + 1;
    }

    /**
     * Whether a non-integer {@code x = floor + r}, {@code 0 < r < 1}, rounds to {@code floor + 1}.
     *
     * @param negative whether {@code x < 0} (equivalently {@code floor < 0})
     * @param floorEven whether {@code floor} is even
     * @param cmpHalf the sign of {@code r - 1/2}
     */
    public boolean roundsUp(boolean negative, boolean floorEven, int cmpHalf) {
        switch (this) {
            case FLOOR:
                return false;
            case CEILING:
                return true;
            case DOWN:
                return negative;
            case UP:
                return !negative;
            default:
                break;
        }
        if (cmpHalf != 0) {
            return cmpHalf > 0;
        }
        switch (this) {
            case HALF_EVEN:
                return !floorEven;
            case HALF_UP:
                return !negative;
            case HALF_DOWN:
                return negative;
            case HALF_CEILING:
                return true;
            case HALF_FLOOR:
                return false;
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * Rounds {@code n / 2^shift} to an integer, exactly.
     *
     * @param shift {@code 0 <= shift <= 62}
     */
    public long roundShift(long n, int shift) {
        if (shift == 0) {
            return n;
        }
        if (shift < 0 || shift > 62) {
            throw new IllegalArgumentException("shift must be in 0..62, was " + shift);
        }
        long floor = n >> shift;
        long r = n - (floor << shift);
        long half = 1L << (shift - 1);
        return resolve(floor, r == 0, Long.compare(r, half));
    }

    /** Rounds {@code num / den} to an integer, exactly; {@code den > 0}. */
    public long roundQuotient(long num, long den) {
        if (den <= 0) {
            throw new IllegalArgumentException("denominator must be positive, was " + den);
        }
        long floor = Math.floorDiv(num, den);
        long r = Math.floorMod(num, den);
        // compare r with den/2 without overflow: 2r vs den, r < den <= Long.MAX
        int cmpHalf = r > den - r ? 1 : (r == den - r ? 0 : -1);
        return resolve(floor, r == 0, cmpHalf);
    }

    /** Rounds {@code num / den} to an integer, exactly; {@code den > 0}. */
    public BigInteger roundQuotient(BigInteger num, BigInteger den) {
        if (den.signum() <= 0) {
            throw new IllegalArgumentException("denominator must be positive, was " + den);
        }
        BigInteger[] qr = num.divideAndRemainder(den);
        BigInteger floor = qr[0];
        BigInteger r = qr[1];
        if (r.signum() < 0) {
            floor = floor.subtract(BigInteger.ONE);
            r = r.add(den);
        }
        if (r.signum() == 0) {
            return floor;
        }
        int cmpHalf = r.shiftLeft(1).compareTo(den);
        return roundsUp(floor.signum() < 0, !floor.testBit(0), cmpHalf) ? floor.add(BigInteger.ONE) : floor;
    }

    /** Rounds an exact decimal to an integer. */
    public BigInteger round(BigDecimal x) {
        return x.setScale(0, toRoundingModeOrFloor(x)).toBigIntegerExact();
    }

    private RoundingMode toRoundingModeOrFloor(BigDecimal x) {
        switch (this) {
            case HALF_CEILING:
                return x.signum() >= 0 ? RoundingMode.HALF_UP : RoundingMode.HALF_DOWN;
            case HALF_FLOOR:
                return x.signum() >= 0 ? RoundingMode.HALF_DOWN : RoundingMode.HALF_UP;
            default:
                return RoundingMode.valueOf(name());
        }
    }

    /**
     * Rounds a double to an integer, exactly (the double's value is taken as the exact real).
     *
     * @throws IllegalArgumentException if {@code |x| >= 2^52} or {@code x} is not finite
     */
    public long round(double x) {
        if (!(Math.abs(x) < 0x1p52)) {
            throw new IllegalArgumentException("|x| must be below 2^52, was " + x);
        }
        double f = Math.floor(x);
        double r = x - f; // exact: x and f share the exponent range below 2^52
        return resolve((long) f, r == 0, Double.compare(r, 0.5));
    }

    /** The matching {@link RoundingMode}, or empty for the two modes Java lacks. */
    public java.util.Optional<RoundingMode> toRoundingMode() {
        return this == HALF_CEILING || this == HALF_FLOOR
                ? java.util.Optional.empty()
                : java.util.Optional.of(RoundingMode.valueOf(name()));
    }
}

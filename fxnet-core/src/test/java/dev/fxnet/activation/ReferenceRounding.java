package dev.fxnet.activation;

import dev.fxnet.arith.Rounding;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An independent, deliberately naive statement of the nine rounding modes of SPEC §2 for exact
 * rationals, written from the mode definitions (not from {@link Rounding#resolve}), used as the
 * reference in the activation tests.
 */
final class ReferenceRounding {
    private ReferenceRounding() {
    }

    /** {@code round_mode(num/den)}, {@code den > 0}. */
    static long round(BigInteger num, BigInteger den, Rounding mode) {
        if (den.signum() <= 0) {
            throw new IllegalArgumentException("den");
        }
        BigInteger[] qr = num.divideAndRemainder(den);
        BigInteger floor = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        BigInteger rem = num.subtract(floor.multiply(den)); // 0 <= rem < den
        long f = floor.longValueExact();
        if (rem.signum() == 0) {
            return f;
        }
        boolean positive = num.signum() > 0;
        int cmpHalf = rem.shiftLeft(1).compareTo(den);
        switch (mode) {
            case FLOOR:
                return f;
            case CEILING:
                return f + 1;
            case DOWN:
                return positive ? f : f + 1;
            case UP:
                return positive ? f + 1 : f;
            default:
                break;
        }
        if (cmpHalf < 0) {
            return f;
        }
        if (cmpHalf > 0) {
            return f + 1;
        }
        switch (mode) {
            case HALF_EVEN:
                return f % 2 == 0 ? f : f + 1;
            case HALF_UP:
                return positive ? f + 1 : f;
            case HALF_DOWN:
                return positive ? f : f + 1;
            case HALF_CEILING:
                return f + 1;
            case HALF_FLOOR:
                return f;
            default:
                throw new AssertionError(mode);
        }
    }

    static long round(long num, long den, Rounding mode) {
        return round(BigInteger.valueOf(num), BigInteger.valueOf(den), mode);
    }

    /** {@code round_mode(x)} for an exact decimal. */
    static long round(BigDecimal x, Rounding mode) {
        if (x.scale() <= 0) {
            return x.toBigIntegerExact().longValueExact();
        }
        return round(x.unscaledValue(), BigInteger.TEN.pow(x.scale()), mode);
    }

    /** The distance from {@code x} to the nearest rounding boundary (integer or half-integer). */
    static BigDecimal distanceToBoundary(BigDecimal x) {
        BigDecimal twice = x.add(x);
        BigDecimal nearest = new BigDecimal(twice.setScale(0, java.math.RoundingMode.HALF_EVEN).toBigIntegerExact());
        return twice.subtract(nearest).abs().divide(BigDecimal.valueOf(2));
    }
}

package dev.fxnet.arith;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * {@code rho} of SPEC §8 for one float format, rounding mode and overflow policy, on exact rationals,
 * decimals and doubles: {@code E = max(floor(log2 |v|), emin)}, {@code k = round(v / 2^(E - m))}, the
 * code {@code (E - emin) 2^m + |k|} with the sign of {@code k} (right also for a carry and for
 * subnormals), then overflow when that exceeds {@code N}.
 *
 * <p>The <i>extended</i> codes returned by most methods report an overflow that becomes NaN under
 * {@code NAN} as {@code +-(N+1)}, like an infinity, which keeps {@code rho} monotone in the code (what
 * {@link dev.fxnet.activation.MonotoneRounding} needs); {@link #finish} maps them to the arithmetic's
 * codes. Every computation is exact integer arithmetic ({@link Rounding#roundQuotient(BigInteger,
 * BigInteger)}, {@link Rounding#roundShift}). Immutable and thread-safe.
 */
final class FloatRho {
    private final Rounding rounding;
    private final FloatOverflow overflow;
    private final long n;
    private final int m;
    private final int emin;
    private final int emax;

    FloatRho(FloatFormat format, Rounding rounding, FloatOverflow overflow) {
        this.rounding = rounding;
        this.overflow = overflow;
        this.n = format.positiveCount();
        this.m = format.mantissaBits();
        this.emin = format.emin();
        this.emax = format.emax();
    }

    /**
     * rho with overflow INF-style: an overflow that gives NaN under NAN is reported as +-(N+1) here,
     * which keeps the map monotone; {@link #finish} turns it into NaN.
     */
    long roundExtended(BigInteger num, BigInteger den) {
        if (den.signum() <= 0) {
            throw new IllegalArgumentException("denominator must be positive, was " + den);
        }
        int sign = num.signum();
        if (sign == 0) {
            return 0;
        }
        BigInteger a = num.abs();
        int e0 = a.bitLength() - den.bitLength(); // floor(log2(a/den)) is e0 or e0 - 1
        boolean below = e0 >= 0 ? a.compareTo(den.shiftLeft(e0)) < 0 : a.shiftLeft(-e0).compareTo(den) < 0;
        int floorLog = below ? e0 - 1 : e0;
        if (floorLog > emax) {
            return overflowCode(sign < 0);
        }
        int e = Math.max(floorLog, emin);
        int shift = m - e; // c = v 2^shift
        BigInteger k = shift >= 0 ? rounding.roundQuotient(num.shiftLeft(shift), den)
                : rounding.roundQuotient(num, den.shiftLeft(-shift));
        return assemble(k.longValueExact(), e);
    }

    long roundDoubleExtended(double v) {
        if (v == 0) {
            return 0;
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("rho needs a finite value, was " + v);
        }
        long bits = Double.doubleToRawLongBits(v);
        long frac = bits & 0xFFFFFFFFFFFFFL;
        int biased = (int) ((bits >>> 52) & 0x7FF);
        long mant = biased == 0 ? frac : frac | (1L << 52); // |v| = mant 2^scale exactly
        int scale = (biased == 0 ? 1 : biased) - 1075;
        int x = scale + 63 - Long.numberOfLeadingZeros(mant); // floor(log2 |v|)
        if (x > emax) {
            return overflowCode(v < 0);
        }
        long signed = v < 0 ? -mant : mant;
        int e = Math.max(x, emin);
        // c = signed / 2^shift; shift >= x - scale - m = bitLength(mant) - 1 - m, so >= 38 for a normal double;
        // shift <= 0 only for a subnormal double when emin - m = -1074, and then |c| < 2^m
        int shift = (e - m) - scale;
        long k;
        if (shift <= 0) { // c = signed 2^-shift, an integer
            k = signed << -shift;
        } else if (shift <= 62) {
            k = rounding.roundShift(signed, shift);
        } else { // 0 < |c| < 2^53 / 2^63 < 1/2: c = 0 + tiny, or c = -1 + (1 - tiny)
            k = v < 0 ? rounding.resolve(-1, false, 1) : rounding.resolve(0, false, -1);
        }
        return assemble(k, e);
    }

    /**
     * The extended code of {@code rho(s + err)} for a normal double {@code s} and a double {@code err != 0}
     * with {@code |err| <= ulp(s)/2} (the TwoSum error of a rounded double sum). With
     * {@code s = M 2^scale} ({@code M} of 53 bits) the exact {@code c = (s + err)/u} is
     * {@code (M + e) / 2^shift} with {@code 0 < |e| <= 1/2} of the sign of {@code err}, which fixes the floor
     * and the side of the half without knowing {@code e} further; {@code floor(log2 |s + err|)} is that of
     * {@code s} unless {@code s} is a power of two and {@code err} points toward zero.
     */
    long roundDoubleWithError(double s, double err) {
        long bits = Double.doubleToRawLongBits(s);
        int scale = (int) ((bits >>> 52) & 0x7FF) - 1075;
        long mant = (bits & 0xFFFFFFFFFFFFFL) | (1L << 52);
        boolean negative = s < 0;
        boolean towardZero = (err < 0) != negative;
        int x = scale + 52 - (mant == 1L << 52 && towardZero ? 1 : 0);
        if (x > emax) {
            return overflowCode(negative);
        }
        int e = Math.max(x, emin);
        int shift = (e - m) - scale; // >= 52 - 1 - m > 0
        long k;
        if (shift > 62) { // 0 < |c| < 2^53 / 2^63 < 1/2
            k = negative ? rounding.resolve(-1, false, 1) : rounding.resolve(0, false, -1);
        } else {
            long signed = negative ? -mant : mant;
            long q = signed >> shift;
            long r = signed - (q << shift);
            int errSign = err > 0 ? 1 : -1;
            if (r == 0 && errSign < 0) {
                k = rounding.resolve(q - 1, false, 1);
            } else {
                long half = 1L << (shift - 1);
                k = rounding.resolve(q, false, r == half ? errSign : Long.compare(r, half));
            }
        }
        return assemble(k, e);
    }

    long roundExtended(BigDecimal x) {
        if (x.scale() > 0) {
            return roundExtended(x.unscaledValue(), BigInteger.TEN.pow(x.scale()));
        }
        return roundExtended(x.unscaledValue().multiply(BigInteger.TEN.pow(-x.scale())), BigInteger.ONE);
    }

    /** The extended code of {@code k 2^(e - m)}, {@code |k| <= 2^(m+1)}, {@code e >= emin}. */
    private long assemble(long k, int e) {
        if (k == 0) {
            return 0;
        }
        long idx = ((long) (e - emin) << m) + Math.abs(k); // the magnitude bits of the unbounded format
        if (idx > n) {
            return overflowCode(k < 0);
        }
        return k < 0 ? -idx : idx;
    }

    /** The extended code of an overflow of this sign: +-(N+1) where INF/NAN leave the finite range. */
    long overflowCode(boolean negative) {
        boolean special = overflow != FloatOverflow.SATFINITE && FloatOverflow.beyondOmega(rounding, negative);
        long mag = special ? n + 1 : n;
        return negative ? -mag : mag;
    }

    /** The arithmetic's code of an extended code: {@code +-(N+1)} becomes NaN under {@code NAN}. */
    long finish(long extendedCode) {
        if (overflow == FloatOverflow.NAN && Math.abs(extendedCode) == n + 1) {
            return n + 2;
        }
        return extendedCode;
    }
}

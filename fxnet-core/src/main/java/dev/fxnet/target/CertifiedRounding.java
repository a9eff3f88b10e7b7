package dev.fxnet.target;

import dev.fxnet.arith.Arithmetic;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Objects;

/**
 * {@code rho_F(f(x))} at one point, correctly rounded, for an {@link Expression} and any saturating
 * {@link Arithmetic} (fixed point under {@code SATURATE}, floating point under {@code SATFINITE}): the
 * certification of {@link Expression#tabulate} without its fixed-point grid.
 *
 * <p><b>Exactness.</b> {@code f(x)} is evaluated to an {@link Enclosure} at 30, 120, 400 and
 * {@value Expression#MAX_PRECISION} significant digits in turn. An exact value with a terminating
 * decimal expansion is rounded by {@link Arithmetic#round}; otherwise the code is certified when both
 * ends of the enclosure round to the same code. That is sound because a saturating {@code rho} is
 * monotone (non-decreasing in the value): every real between the ends rounds to that code too. An
 * exact rational that is not a terminating decimal is never a rounding boundary (every boundary of
 * a fixed-point or floating-point format is a dyadic rational: a value, a midpoint of two values, or
 * the overflow threshold), so refining decides it. A point still undecided at the largest precision
 * is refused with {@link UncertainRoundingException} (it would be a value within
 * {@code 10^-1000}-ish of a boundary, which the transcendental values of {@code sin}, {@code exp} at
 * non-zero rational points are not).
 *
 * <p>Stateless and thread-safe.
 */
public final class CertifiedRounding {
    private static final int REPORT_DIGITS = 40;

    private CertifiedRounding() {
    }

    /**
     * The certified code {@code rho(f(x))} and an approximation of {@code f(x)} itself (exact when
     * {@code f(x)} is a terminating decimal, else within the final enclosure, to about
     * {@value #REPORT_DIGITS} digits: for error figures).
     */
    public record Value(long code, BigDecimal approximation) {
    }

    /**
     * {@code rho(f(x))} for the point {@code xs} (one value per variable {@code x0, x1, ...}).
     *
     * @throws IllegalArgumentException if {@code ar} does not saturate (its {@code rho} would not be
     *     monotone), the expression uses more variables than given, or {@code f} is undefined at the point
     * @throws UncertainRoundingException if the rounding cannot be certified at the largest precision
     */
    public static Value at(Expression f, Arithmetic ar, BigDecimal... xs) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(ar, "ar");
        if (!ar.saturates()) {
            throw new IllegalArgumentException("certified rounding needs a saturating arithmetic (a monotone rho), not "
                    + ar);
        }
        if (f.maxVariable() >= xs.length) {
            throw new IllegalArgumentException("the expression uses x" + f.maxVariable() + " but the point has "
                    + xs.length + " coordinates");
        }
        Rational[] rx = new Rational[xs.length];
        for (int j = 0; j < xs.length; j++) {
            rx[j] = Rational.of(xs[j]);
        }
        String why = "no precision was tried";
        Enclosure v = null;
        for (int prec : Expression.precisions()) {
            Enclosure[] ex = new Enclosure[xs.length];
            for (int j = 0; j < xs.length; j++) {
                ex[j] = Enclosure.exact(rx[j], prec);
            }
            try {
                v = f.enclose(ex, prec);
            } catch (Enclosure.Undecided u) {
                why = u.getMessage();
                continue;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("at x = " + java.util.Arrays.toString(xs) + ": " + e.getMessage(), e);
            }
            Value decided = decide(ar, v);
            if (decided != null) {
                return decided;
            }
            why = "the enclosure [" + v.lo + ", " + v.hi + "] holds a rounding boundary";
        }
        throw new UncertainRoundingException("at x = " + java.util.Arrays.toString(xs) + ": cannot certify the rounding of "
                + Expression.excerpt(f.text(), 0) + " at " + Expression.MAX_PRECISION + " digits: "
                + Expression.excerpt(why, 0), java.util.List.of(xs), v == null ? BigDecimal.ZERO : v.mid());
    }

    /** The code if the enclosure decides it (see the class documentation), else null. */
    private static Value decide(Arithmetic ar, Enclosure v) {
        if (v.exact != null) {
            BigDecimal d = terminating(v.exact);
            if (d != null) {
                return new Value(ar.round(d), d);
            }
        }
        if (v.lo == null || v.hi == null) {
            return null;
        }
        long a = ar.round(v.lo);
        long b = ar.round(v.hi);
        if (a != b) {
            return null;
        }
        BigDecimal approx = v.exact != null ? v.exact.toDecimal(REPORT_DIGITS, false) : v.mid().round(
                new MathContext(REPORT_DIGITS));
        return new Value(a, approx);
    }

    /** The exact decimal of {@code r}, or null when its denominator has a prime factor other than 2 and 5. */
    private static BigDecimal terminating(Rational r) {
        BigInteger d = r.den();
        int twos = d.getLowestSetBit();
        d = d.shiftRight(twos);
        int fives = 0;
        BigInteger five = BigInteger.valueOf(5);
        while (d.mod(five).signum() == 0) {
            d = d.divide(five);
            fives++;
        }
        if (!d.equals(BigInteger.ONE)) {
            return null;
        }
        int scale = Math.max(twos, fives);
        // num / (2^twos 5^fives) = num * 2^(scale - twos) * 5^(scale - fives) / 10^scale
        BigInteger unscaled = r.num().shiftLeft(scale - twos).multiply(five.pow(scale - fives));
        return new BigDecimal(unscaled, scale);
    }
}

package dev.fxnet.target;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A closed interval {@code [lo, hi]} known to contain a real value, or the value itself when it is
 * an exact {@link Rational}: the values {@link Expression} computes with. Immutable.
 *
 * <p>Bounds are decimals rounded outward at a working precision of {@code prec} significant digits;
 * {@code lo == null} means minus infinity and {@code hi == null} plus infinity (the value is always
 * a finite real; an infinite bound only says it is beyond {@code 10^MAX_MAGNITUDE}). Every result
 * is clamped outward to magnitudes in {@code [10^-MAX_MAGNITUDE, 10^MAX_MAGNITUDE]} (a bound beyond
 * becomes infinite, a tiny bound becomes 0 or {@code +-10^-MAX_MAGNITUDE}), so no operation ever
 * handles a giant number. Exact values stay exact while their numerator and denominator fit in
 * {@value #MAX_EXACT_BITS} bits.
 *
 * <p>Operations that cannot decide something at the current precision (a divisor or a logarithm's
 * argument whose enclosure contains 0) throw {@link Undecided}; the caller retries with more digits.
 * Domain errors that are certain (an exact 0 divisor, the logarithm of a certainly negative value)
 * throw {@link IllegalArgumentException}.
 */
final class Enclosure {
    /** Decimal exponent beyond which magnitudes are only bounded, not computed. */
    static final int MAX_MAGNITUDE = 10000;
    /** Size limit of exact intermediate values. */
    static final int MAX_EXACT_BITS = 1 << 16;

    static final BigDecimal HUGE = BigDecimal.ONE.scaleByPowerOfTen(MAX_MAGNITUDE);
    static final BigDecimal TINY = BigDecimal.ONE.scaleByPowerOfTen(-MAX_MAGNITUDE);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    /** exp(x) > 10^MAX_MAGNITUDE for x above this ({@code MAX_MAGNITUDE * ln 10 = 23025.85...}). */
    private static final BigDecimal EXP_LIMIT = BigDecimal.valueOf(23030);
    private static final ConcurrentHashMap<Integer, BigDecimal> PI = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Integer, BigDecimal> E = new ConcurrentHashMap<>();

    final Rational exact;
    final BigDecimal lo;
    final BigDecimal hi;

    private Enclosure(Rational exact, BigDecimal lo, BigDecimal hi) {
        this.exact = exact;
        this.lo = lo;
        this.hi = hi;
    }

    /** Thrown when the working precision is too low to decide; the message says what was undecided. */
    static final class Undecided extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Undecided(String message) {
            super(message, null, false, false);
        }
    }

    static Enclosure exact(Rational r, int prec) {
        return new Enclosure(r, r.toDecimal(prec, false), r.toDecimal(prec, true));
    }

    /** An exact result if it is small enough, else its enclosure. */
    static Enclosure exactOrBounds(Rational r, int prec) {
        return r.bits() <= MAX_EXACT_BITS ? exact(r, prec) : between(r.toDecimal(prec, false), r.toDecimal(prec, true));
    }

    /** The interval {@code [lo, hi]} (nulls infinite), clamped outward to the magnitude limits. */
    static Enclosure between(BigDecimal lo, BigDecimal hi) {
        return new Enclosure(null, clampLo(lo), clampHi(hi));
    }

    /** {@code v} with a relative error below {@code 10^-(prec+3)}, as an enclosure. */
    static Enclosure around(BigDecimal v, int prec) {
        BigDecimal w = v.abs().scaleByPowerOfTen(-(prec + 3));
        return between(v.subtract(w, down(prec + 10)), v.add(w, up(prec + 10)));
    }

    private static BigDecimal clampLo(BigDecimal lo) {
        if (lo == null) {
            return null;
        }
        if (lo.signum() > 0) {
            return lo.compareTo(HUGE) > 0 ? HUGE : lo.compareTo(TINY) < 0 ? BigDecimal.ZERO : lo;
        }
        if (lo.signum() < 0) {
            return lo.compareTo(HUGE.negate()) < 0 ? null : lo.compareTo(TINY.negate()) > 0 ? TINY.negate() : lo;
        }
        return lo;
    }

    private static BigDecimal clampHi(BigDecimal hi) {
        return hi == null ? null : negOrNull(clampLo(negOrNull(hi)));
    }

    private static BigDecimal negOrNull(BigDecimal v) {
        return v == null ? null : v.negate();
    }

    static MathContext down(int digits) {
        return new MathContext(digits, RoundingMode.FLOOR);
    }

    static MathContext up(int digits) {
        return new MathContext(digits, RoundingMode.CEILING);
    }

    boolean isExact() {
        return exact != null;
    }

    boolean isExactZero() {
        return exact != null && exact.signum() == 0;
    }

    /** Whether 0 is in the interval. */
    boolean containsZero() {
        return (lo == null || lo.signum() <= 0) && (hi == null || hi.signum() >= 0);
    }

    /** The midpoint (finite bounds) or a finite bound, for estimates and messages only. */
    BigDecimal mid() {
        if (lo != null && hi != null) {
            return lo.add(hi).divide(TWO);
        }
        return lo != null ? lo : hi != null ? hi : BigDecimal.ZERO;
    }

    // arithmetic -----------------------------------------------------------------------------------

    Enclosure negate() {
        return exact != null ? new Enclosure(exact.negate(), hi.negate(), lo.negate())
                : new Enclosure(null, negOrNull(hi), negOrNull(lo));
    }

    static Enclosure add(Enclosure a, Enclosure b, int prec) {
        if (a.exact != null && b.exact != null) {
            return exactOrBounds(a.exact.add(b.exact), prec);
        }
        return between(a.lo == null || b.lo == null ? null : a.lo.add(b.lo, down(prec)),
                a.hi == null || b.hi == null ? null : a.hi.add(b.hi, up(prec)));
    }

    static Enclosure multiply(Enclosure a, Enclosure b, int prec) {
        if (a.isExactZero() || b.isExactZero()) {
            return exact(Rational.ZERO, prec);
        }
        if (a.exact != null && b.exact != null && a.exact.bits() + b.exact.bits() <= MAX_EXACT_BITS + 64) {
            return exactOrBounds(a.exact.multiply(b.exact), prec);
        }
        BigDecimal[] as = {a.lo, a.hi};
        BigDecimal[] bs = {b.lo, b.hi};
        int[] ai = {-1, 1};
        Ext min = null;
        Ext max = null;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                Ext d = Ext.product(as[i], ai[i], bs[j], ai[j], down(prec));
                Ext u = Ext.product(as[i], ai[i], bs[j], ai[j], up(prec));
                min = min == null || d.compareTo(min) < 0 ? d : min;
                max = max == null || u.compareTo(max) > 0 ? u : max;
            }
        }
        return between(min.inf != 0 ? null : min.v, max.inf != 0 ? null : max.v);
    }

    /** {@code 1/a}. */
    static Enclosure reciprocal(Enclosure a, int prec, String what) {
        if (a.isExactZero()) {
            throw new IllegalArgumentException(what + ": division by zero");
        }
        if (a.exact != null) {
            return exactOrBounds(Rational.ONE.divide(a.exact), prec);
        }
        if (a.containsZero()) {
            throw new Undecided(what + ": the divisor is not known to be nonzero (it is 0 or too close to 0: a pole)");
        }
        // a > 0 or a < 0 throughout: 1/x is decreasing
        BigDecimal lo = a.hi == null ? BigDecimal.ZERO : BigDecimal.ONE.divide(a.hi, down(prec));
        BigDecimal hi = a.lo == null ? BigDecimal.ZERO : BigDecimal.ONE.divide(a.lo, up(prec));
        return between(lo, hi);
    }

    static Enclosure divide(Enclosure a, Enclosure b, int prec, String what) {
        if (a.exact != null && b.exact != null && b.exact.signum() != 0) {
            return exactOrBounds(a.exact.divide(b.exact), prec);
        }
        Enclosure r = reciprocal(b, prec, what);
        return multiply(a, r, prec);
    }

    /** {@code a^n} for an integer {@code n}, by squaring with outward rounding and clamping at every step. */
    static Enclosure pow(Enclosure a, BigInteger n, int prec, String what) {
        if (n.signum() == 0) {
            return exact(Rational.ONE, prec);
        }
        if (n.signum() < 0) {
            if (a.isExactZero()) {
                throw new IllegalArgumentException(what + ": 0 to a negative power");
            }
            return reciprocal(pow(a, n.negate(), prec, what), prec, what);
        }
        if (a.exact != null) {
            Rational x = a.exact;
            if (x.signum() == 0 || x.abs().compareTo(Rational.ONE) == 0) {
                return exact(n.testBit(0) || x.signum() == 0 ? x : x.abs(), prec);
            }
            if (n.bitLength() < 31 && x.bits() * n.longValue() <= MAX_EXACT_BITS) {
                return exact(x.pow(n.intValue()), prec);
            }
        }
        boolean odd = n.testBit(0);
        if (a.lo != null && a.lo.signum() >= 0) {
            return between(powPositive(a.lo, n, prec, false), powPositive(a.hi, n, prec, true));
        }
        if (a.hi != null && a.hi.signum() <= 0) {
            Enclosure m = pow(a.negate(), n, prec, what);
            return odd ? m.negate() : m;
        }
        // 0 inside
        BigDecimal upNeg = powPositive(negOrNull(a.lo), n, prec, true);
        BigDecimal upPos = powPositive(a.hi, n, prec, true);
        if (odd) {
            return between(negOrNull(upNeg), upPos);
        }
        return between(BigDecimal.ZERO, upNeg == null || upPos == null ? null : upNeg.max(upPos));
    }

    /** {@code x^n} for {@code x >= 0} (null: infinity), rounded down or up, clamped at every step. */
    private static BigDecimal powPositive(BigDecimal x, BigInteger n, int prec, boolean upward) {
        if (x == null) {
            return null;
        }
        MathContext mc = upward ? up(prec) : down(prec);
        BigDecimal result = BigDecimal.ONE;
        BigDecimal base = x;
        for (int i = 0; i < n.bitLength(); i++) {
            if (n.testBit(i)) {
                result = step(result, base, mc, upward);
                if (result == null || result.signum() == 0) {
                    return result;
                }
            }
            if (i + 1 < n.bitLength()) {
                base = step(base, base, mc, upward);
                if (base == null) {
                    return null;
                }
            }
        }
        return result;
    }

    private static BigDecimal step(BigDecimal a, BigDecimal b, MathContext mc, boolean upward) {
        if (a == null || b == null) {
            return a != null && a.signum() == 0 || b != null && b.signum() == 0 ? BigDecimal.ZERO : null;
        }
        BigDecimal p = a.multiply(b, mc);
        return upward ? clampHi(p) : clampLo(p);
    }

    // functions ------------------------------------------------------------------------------------

    /** A bound of a real function at a point: {@code {down, up}}, nulls infinite. */
    private interface PointBounds {
        BigDecimal[] at(BigDecimal x, int prec);
    }

    /** An increasing function on the interval, from its bounds at the ends and its limits at infinity. */
    private static Enclosure increasing(Enclosure a, PointBounds f, BigDecimal atMinusInf, BigDecimal atPlusInf,
            int prec) {
        if (a.lo != null && a.hi != null && a.lo.compareTo(a.hi) == 0) {
            BigDecimal[] both = f.at(a.lo, prec);
            return between(both[0], both[1]);
        }
        BigDecimal lo = a.lo == null ? atMinusInf : f.at(a.lo, prec)[0];
        BigDecimal hi = a.hi == null ? atPlusInf : f.at(a.hi, prec)[1];
        return between(lo, hi);
    }

    private static BigDecimal[] widened(BigDecimal v, int prec) {
        Enclosure e = around(v, prec);
        return new BigDecimal[] {e.lo, e.hi};
    }

    private static BigDecimal[] expAt(BigDecimal x, int prec) {
        if (x.compareTo(EXP_LIMIT) > 0) {
            return new BigDecimal[] {HUGE, null};
        }
        if (x.compareTo(EXP_LIMIT.negate()) < 0) {
            return new BigDecimal[] {BigDecimal.ZERO, TINY};
        }
        return widened(BigDecimalMath.exp(x, new MathContext(prec + 10)), prec);
    }

    static Enclosure exp(Enclosure a, int prec) {
        if (a.isExactZero()) {
            return exact(Rational.ONE, prec);
        }
        return increasing(a, Enclosure::expAt, BigDecimal.ZERO, null, prec);
    }

    static Enclosure log(Enclosure a, int prec, String what) {
        if (a.exact != null && a.exact.signum() <= 0) {
            throw new IllegalArgumentException(what + ": log of " + a.exact.describe());
        }
        if (a.exact != null && a.exact.compareTo(Rational.ONE) == 0) {
            return exact(Rational.ZERO, prec);
        }
        if (a.hi != null && a.hi.signum() < 0) {
            throw new IllegalArgumentException(what + ": log of a negative number");
        }
        if (a.lo == null || a.lo.signum() <= 0) {
            throw new Undecided(what + ": the argument is not known to be positive (it is 0 or too close to 0)");
        }
        return increasing(a, (x, p) -> widened(logAt(x, p + 10), p), null, null, prec);
    }

    /** {@code sqrt(10)}, rounded down: the upper end of the mantissas {@link #logAt} hands to big-math. */
    private static final BigDecimal SQRT_TEN = new BigDecimal("3.1622776601");
    private static final ConcurrentHashMap<Integer, BigDecimal> LN10 = new ConcurrentHashMap<>();

    /**
     * {@code ln x} for {@code x > 0} to about {@code digits} significant digits, in time independent of
     * {@code x}'s decimal exponent: {@code x = m 10^k} with {@code m} in {@code [sqrt(10)/10, sqrt(10))},
     * {@code ln x = ln m + k ln 10}. (big-math's own {@code log} takes seconds to minutes for
     * arguments such as {@code 10^-6000}.) For {@code k != 0}, {@code |ln m| < 1.16 < |k ln 10|}, so
     * the sum has no cancellation, and {@code |k| <= 10^5} costs at most 5 digits of {@code ln 10}.
     */
    static BigDecimal logAt(BigDecimal x, int digits) {
        int k = x.precision() - x.scale() - 1;
        BigDecimal m = x.scaleByPowerOfTen(-k);
        if (m.compareTo(SQRT_TEN) >= 0) {
            m = m.scaleByPowerOfTen(-1);
            k++;
        }
        MathContext mc = new MathContext(digits + 5);
        BigDecimal lnM = BigDecimalMath.log(m, mc);
        if (k == 0) {
            return lnM;
        }
        BigDecimal ln10 = LN10.computeIfAbsent(digits + 10, d -> BigDecimalMath.log(BigDecimal.TEN, new MathContext(d)));
        return lnM.add(ln10.multiply(BigDecimal.valueOf(k)), mc);
    }

    static Enclosure sqrt(Enclosure a, int prec, String what) {
        if (a.exact != null) {
            if (a.exact.signum() < 0) {
                throw new IllegalArgumentException(what + ": sqrt of " + a.exact.describe());
            }
            BigInteger n = a.exact.num().sqrt();
            BigInteger d = a.exact.den().sqrt();
            if (n.multiply(n).equals(a.exact.num()) && d.multiply(d).equals(a.exact.den())) {
                return exact(new Rational(n, d), prec);
            }
        }
        if (a.hi != null && a.hi.signum() < 0) {
            throw new IllegalArgumentException(what + ": sqrt of a negative number");
        }
        if (a.lo == null || a.lo.signum() < 0) {
            throw new Undecided(what + ": the argument is not known to be >= 0 (it is too close to 0)");
        }
        return increasing(a, (x, p) -> {
            BigDecimal s = x.sqrt(down(p));
            while (s.multiply(s).compareTo(x) > 0) {
                s = s.subtract(s.ulp());
            }
            BigDecimal t = x.sqrt(up(p));
            while (t.multiply(t).compareTo(x) < 0) {
                t = t.add(t.ulp());
            }
            return new BigDecimal[] {s, t};
        }, null, null, prec);
    }

    /** {@code tanh}: odd and increasing; {@code (1 - u)/(1 + u)} with {@code u = e^(-2|x|)} for {@code |x| >= 1}. */
    static Enclosure tanh(Enclosure a, int prec) {
        if (a.isExactZero()) {
            return exact(Rational.ZERO, prec);
        }
        return increasing(a, Enclosure::tanhAt, BigDecimal.ONE.negate(), BigDecimal.ONE, prec);
    }

    private static BigDecimal[] tanhAt(BigDecimal x, int prec) {
        if (x.signum() < 0) {
            BigDecimal[] r = tanhAt(x.negate(), prec);
            return new BigDecimal[] {r[1].negate(), r[0].negate()};
        }
        if (x.compareTo(BigDecimal.ONE) < 0) {
            return x.signum() == 0 ? new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO}
                    : widened(BigDecimalMath.tanh(x, new MathContext(prec + 10)), prec);
        }
        BigDecimal[] u = expAt(x.multiply(TWO).negate(), prec + 5);
        // decreasing in u: the lower bound uses the upper u
        BigDecimal lo = BigDecimal.ONE.subtract(u[1]).divide(BigDecimal.ONE.add(u[1]), down(prec + 5));
        BigDecimal hi = BigDecimal.ONE.subtract(u[0]).divide(BigDecimal.ONE.add(u[0]), up(prec + 5));
        return new BigDecimal[] {lo, hi};
    }

    /** {@code sigmoid(x) = 1/(1 + e^-x)}: increasing, decreasing in {@code u = e^-x}. */
    static Enclosure sigmoid(Enclosure a, int prec) {
        if (a.isExactZero()) {
            return exact(Rational.HALF, prec);
        }
        return increasing(a, (x, p) -> {
            BigDecimal[] u = expAt(x.negate(), p + 5);
            BigDecimal lo = u[1] == null ? BigDecimal.ZERO : BigDecimal.ONE.divide(BigDecimal.ONE.add(u[1]), down(p + 5));
            BigDecimal hi = BigDecimal.ONE.divide(BigDecimal.ONE.add(u[0]), up(p + 5));
            return new BigDecimal[] {lo, hi};
        }, BigDecimal.ZERO, BigDecimal.ONE, prec);
    }

    static Enclosure abs(Enclosure a) {
        if (a.exact != null) {
            return a.exact.signum() < 0 ? a.negate() : a;
        }
        if (a.lo != null && a.lo.signum() >= 0) {
            return a;
        }
        if (a.hi != null && a.hi.signum() <= 0) {
            return a.negate();
        }
        return between(BigDecimal.ZERO, a.lo == null || a.hi == null ? null : a.hi.max(a.lo.negate()));
    }

    static Enclosure min(Enclosure a, Enclosure b) {
        if (a.exact != null && b.exact != null) {
            return a.exact.compareTo(b.exact) <= 0 ? a : b;
        }
        return between(a.lo == null || b.lo == null ? null : a.lo.min(b.lo),
                a.hi == null ? b.hi : b.hi == null ? a.hi : a.hi.min(b.hi));
    }

    static Enclosure max(Enclosure a, Enclosure b) {
        return min(a.negate(), b.negate()).negate();
    }

    /** {@code floor} ({@code ceiling} false) or {@code ceil}. */
    static Enclosure floor(Enclosure a, boolean ceiling, int prec, String what) {
        if (a.exact != null) {
            BigInteger f = ceiling ? a.exact.negate().floor().negate() : a.exact.floor();
            return exact(new Rational(f, BigInteger.ONE), prec);
        }
        RoundingMode m = ceiling ? RoundingMode.CEILING : RoundingMode.FLOOR;
        BigDecimal lo = a.lo == null ? null : a.lo.setScale(0, m);
        BigDecimal hi = a.hi == null ? null : a.hi.setScale(0, m);
        if (lo != null && hi != null && lo.compareTo(hi) == 0) {
            return exact(new Rational(lo.toBigIntegerExact(), BigInteger.ONE), prec);
        }
        if (lo != null && hi != null && a.hi.subtract(a.lo).compareTo(BigDecimal.ONE) < 0) {
            throw new Undecided(what + ": the argument is too close to the integer "
                    + (ceiling ? lo : hi).toPlainString());
        }
        return between(lo, hi);
    }

    static Enclosure pi(int prec) {
        return around(PI.computeIfAbsent(prec, p -> BigDecimalMath.pi(new MathContext(p + 10))), prec);
    }

    static Enclosure e(int prec) {
        return around(E.computeIfAbsent(prec, p -> BigDecimalMath.e(new MathContext(p + 10))), prec);
    }

    /** Decimal exponent above which sin, cos and tan refuse their argument. */
    static final int MAX_TRIG_MAGNITUDE = 1000;

    /**
     * {@code sin} ({@code kind} 0), {@code cos} (1) or {@code tan} (2): exact argument reduction by
     * {@code k pi/2} with {@code pi} to as many digits as the argument has before the point plus the
     * working precision, then the Lipschitz bound {@code |f(m) - f(r)| <= |m - r|} of sin and cos.
     */
    static Enclosure trig(Enclosure a, int kind, int prec, String what) {
        if (a.isExactZero()) {
            return exact(kind == 1 ? Rational.ONE : Rational.ZERO, prec);
        }
        BigDecimal big = BigDecimal.ONE.scaleByPowerOfTen(MAX_TRIG_MAGNITUDE);
        if (a.lo == null || a.hi == null || a.lo.abs().compareTo(big) > 0 || a.hi.abs().compareTo(big) > 0) {
            throw new IllegalArgumentException(what + ": the argument exceeds 10^" + MAX_TRIG_MAGNITUDE
                    + " in magnitude (the limit for sin, cos and tan)");
        }
        int mag = Math.max(0, a.mid().precision() - a.mid().scale());
        int w = prec + mag + 10;
        BigDecimal lo = a.exact != null ? a.exact.toDecimal(w, false) : a.lo;
        BigDecimal hi = a.exact != null ? a.exact.toDecimal(w, true) : a.hi;
        BigDecimal m = lo.add(hi).divide(TWO);
        BigDecimal rad = hi.subtract(lo).divide(TWO);
        if (rad.compareTo(BigDecimal.ONE) > 0) {
            if (kind == 2) {
                throw new Undecided(what + ": the argument is not known to within pi");
            }
            return between(BigDecimal.ONE.negate(), BigDecimal.ONE);
        }
        Enclosure halfPi = pi(w);
        BigDecimal pl = halfPi.lo.divide(TWO);
        BigDecimal ph = halfPi.hi.divide(TWO);
        BigInteger k = m.divide(pl, new MathContext(mag + 5)).setScale(0, RoundingMode.HALF_EVEN).toBigInteger();
        BigDecimal kd = new BigDecimal(k);
        BigDecimal r1 = m.subtract(kd.multiply(pl));
        BigDecimal r2 = m.subtract(kd.multiply(ph));
        BigDecimal rm = r1.add(r2).divide(TWO).round(new MathContext(prec + 15));
        BigDecimal rrad = r1.subtract(r2).abs().divide(TWO).add(rad).add(r1.add(r2).divide(TWO).subtract(rm).abs());
        MathContext mc = new MathContext(prec + 10);
        int q = k.mod(BigInteger.valueOf(4)).intValue();
        Enclosure s = lipschitz(BigDecimalMath.sin(rm, mc), rrad, prec);
        Enclosure c = lipschitz(BigDecimalMath.cos(rm, mc), rrad, prec);
        // sin(r + q pi/2), cos(r + q pi/2)
        Enclosure sin = q == 0 ? s : q == 1 ? c : q == 2 ? s.negate() : c.negate();
        Enclosure cos = q == 0 ? c : q == 1 ? s.negate() : q == 2 ? c.negate() : s;
        if (kind == 0) {
            return sin;
        }
        if (kind == 1) {
            return cos;
        }
        if (cos.containsZero()) {
            throw new Undecided(what + ": a pole (cos of the argument is 0 or too close to 0)");
        }
        return divide(sin, cos, prec, what);
    }

    private static Enclosure lipschitz(BigDecimal v, BigDecimal rad, int prec) {
        BigDecimal w = v.abs().scaleByPowerOfTen(-(prec + 3)).add(rad);
        BigDecimal lo = v.subtract(w, down(prec + 10)).max(BigDecimal.ONE.negate());
        BigDecimal hi = v.add(w, up(prec + 10)).min(BigDecimal.ONE);
        return between(lo, hi);
    }

    /** An extended real: {@code inf} -1, 0 or 1; {@code v} the value when finite. */
    private record Ext(int inf, BigDecimal v) implements Comparable<Ext> {
        /** The product of two bounds (null: infinite with the sign {@code sign}), 0 times infinity = 0. */
        static Ext product(BigDecimal a, int aSign, BigDecimal b, int bSign, MathContext mc) {
            int sa = a == null ? aSign : a.signum();
            int sb = b == null ? bSign : b.signum();
            if (a != null && a.signum() == 0 || b != null && b.signum() == 0) {
                return new Ext(0, BigDecimal.ZERO);
            }
            if (a == null || b == null) {
                return new Ext(sa * sb, null);
            }
            return new Ext(0, a.multiply(b, mc));
        }

        @Override
        public int compareTo(Ext o) {
            if (inf != 0 || o.inf != 0) {
                return Integer.compare(inf, o.inf);
            }
            return v.compareTo(o.v);
        }
    }
}

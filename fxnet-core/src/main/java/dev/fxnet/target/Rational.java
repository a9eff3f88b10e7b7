package dev.fxnet.target;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * An exact rational number {@code num / den} in lowest terms with {@code den > 0}: the exact
 * sub-results of an {@link Expression} (grid points, literals, sums, products, quotients and integer
 * powers of exact values). Immutable.
 */
record Rational(BigInteger num, BigInteger den) implements Comparable<Rational> {
    static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);
    static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);
    static final Rational HALF = new Rational(BigInteger.ONE, BigInteger.TWO);

    /** The value of a decimal, exactly. */
    static Rational of(BigDecimal v) {
        BigInteger u = v.unscaledValue();
        int s = v.scale();
        return s <= 0 ? new Rational(u.multiply(BigInteger.TEN.pow(-s)), BigInteger.ONE)
                : of(u, BigInteger.TEN.pow(s));
    }

    static Rational of(BigInteger num, BigInteger den) {
        if (den.signum() == 0) {
            throw new ArithmeticException("zero denominator");
        }
        if (den.signum() < 0) {
            num = num.negate();
            den = den.negate();
        }
        BigInteger g = num.gcd(den);
        if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
            num = num.divide(g);
            den = den.divide(g);
        }
        return new Rational(num, num.signum() == 0 ? BigInteger.ONE : den);
    }

    /** Bits of numerator and denominator: the cost of arithmetic with this value. */
    long bits() {
        return (long) num.bitLength() + den.bitLength();
    }

    int signum() {
        return num.signum();
    }

    boolean isInteger() {
        return den.equals(BigInteger.ONE);
    }

    Rational add(Rational o) {
        return of(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
    }

    Rational negate() {
        return new Rational(num.negate(), den);
    }

    Rational subtract(Rational o) {
        return add(o.negate());
    }

    Rational multiply(Rational o) {
        return of(num.multiply(o.num), den.multiply(o.den));
    }

    /** {@code this / o}; {@code o != 0}. */
    Rational divide(Rational o) {
        return of(num.multiply(o.den), den.multiply(o.num));
    }

    /** {@code this^n}, {@code n >= 0} (the caller bounds the size of the result). */
    Rational pow(int n) {
        return new Rational(num.pow(n), den.pow(n));
    }

    Rational abs() {
        return num.signum() < 0 ? negate() : this;
    }

    @Override
    public int compareTo(Rational o) {
        return num.multiply(o.den).compareTo(o.num.multiply(den));
    }

    /** Rounded toward minus infinity ({@code ceiling} false) or plus infinity to {@code mc}'s digits. */
    BigDecimal toDecimal(int digits, boolean ceiling) {
        return new BigDecimal(num).divide(new BigDecimal(den), new MathContext(digits,
                ceiling ? java.math.RoundingMode.CEILING : java.math.RoundingMode.FLOOR));
    }

    /** Floor of the value. */
    BigInteger floor() {
        BigInteger[] qr = num.divideAndRemainder(den);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    /** A short decimal for messages (up to 12 significant digits). */
    String describe() {
        if (isInteger() && num.bitLength() < 64) {
            return num.toString();
        }
        BigDecimal d = new BigDecimal(num).divide(new BigDecimal(den), new MathContext(12));
        return text(d);
    }

    /**
     * A decimal for messages: plain digits when that is short (at most 24 characters), else
     * scientific notation with a lower-case {@code e}, such as {@code -3.75e-99} or {@code 1e+300}.
     */
    static String text(BigDecimal d) {
        BigDecimal v = d.stripTrailingZeros();
        if (v.precision() - v.scale() <= 22 && v.scale() <= 22) {
            String plain = v.toPlainString();
            if (plain.length() <= 24) {
                return plain;
            }
        }
        return v.toString().replace('E', 'e');
    }
}

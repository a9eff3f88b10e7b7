package dev.fxnet.theory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A second model of a tiny float arithmetic under {@code SATFINITE}, written from SPEC §8 and §6 alone
 * (no fxnet arithmetic, activation or gadget code): the finite values from the encoding, {@code rho}
 * on exact rationals in the nine modes, and {@code tau} from the SPEC §6 definitions (exact rationals
 * where {@code sigma} is rational at the point, else a double evaluation whose rounding is accepted
 * only when the whole interval {@code [s - DELTA, s + DELTA]} rounds to one value). Values are
 * indexed {@code 0..n-1} in increasing order. Test code only.
 */
final class TinyFloatModel {
    /**
     * The half-width of the interval checked around a double evaluation of a transcendental
     * {@code sigma}. The double evaluations below are accurate to far better than this for the
     * arguments used (|z| <= 4: a few ulps of values of magnitude <= 4, and the erf series to about
     * 1e-12 absolute), and {@code rho} is monotone, so the exact {@code rho(sigma)} equals the common
     * rounding of the interval's ends.
     */
    static final double DELTA = 1e-7;

    /** A rational {@code num / den}, {@code den > 0}. */
    record Q(BigInteger num, BigInteger den) {
        static Q of(long num, long den) {
            return new Q(BigInteger.valueOf(num), BigInteger.valueOf(den)).norm();
        }

        static Q of(double d) {
            java.math.BigDecimal b = new java.math.BigDecimal(d);
            return b.scale() > 0 ? new Q(b.unscaledValue(), BigInteger.TEN.pow(b.scale())).norm()
                    : new Q(b.toBigIntegerExact(), BigInteger.ONE);
        }

        Q norm() {
            BigInteger g = num.gcd(den);
            if (g.signum() == 0) {
                return new Q(BigInteger.ZERO, BigInteger.ONE);
            }
            if (den.signum() < 0) {
                g = g.negate();
            }
            return new Q(num.divide(g), den.divide(g));
        }

        Q add(Q o) {
            return new Q(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den)).norm();
        }

        Q mul(Q o) {
            return new Q(num.multiply(o.num), den.multiply(o.den)).norm();
        }

        int signum() {
            return num.signum();
        }

        int compareTo(Q o) {
            return num.multiply(o.den).compareTo(o.num.multiply(den));
        }

        Q abs() {
            return new Q(num.abs(), den);
        }
    }

    private final List<Q> values;
    private final int mantissaBits;
    private final int emin;

    /** The model of {@code float(e, m, bias, specials)}, specials one of IEEE, FN, FINITE. */
    TinyFloatModel(int e, int m, int bias, String specials) {
        this.mantissaBits = m;
        this.emin = 1 - bias;
        TreeSet<String> seen = new TreeSet<>();
        List<Q> pos = new ArrayList<>();
        int top = (1 << e) - 1;
        for (int b = 0; b <= top; b++) {
            for (int t = 0; t < (1 << m); t++) {
                boolean reserved = specials.equals("IEEE") ? b == top : specials.equals("FN") && b == top && t == (1 << m) - 1;
                if (reserved) {
                    continue;
                }
                Q v = b == 0 ? pow2(1 - bias - m).mul(Q.of(t, 1)) : pow2(b - bias - m).mul(Q.of((1L << m) + t, 1));
                if (v.signum() > 0 && seen.add(v.toString())) {
                    pos.add(v);
                }
            }
        }
        pos.sort(Q::compareTo);
        List<Q> all = new ArrayList<>();
        for (int i = pos.size() - 1; i >= 0; i--) {
            all.add(new Q(pos.get(i).num().negate(), pos.get(i).den()));
        }
        all.add(Q.of(0, 1));
        all.addAll(pos);
        this.values = List.copyOf(all);
    }

    static Q pow2(int k) {
        return k >= 0 ? new Q(BigInteger.ONE.shiftLeft(k), BigInteger.ONE) : new Q(BigInteger.ONE, BigInteger.ONE.shiftLeft(-k));
    }

    int size() {
        return values.size();
    }

    Q value(int index) {
        return values.get(index);
    }

    /** {@code rho(v)} as an index, SPEC §8: binade spacing, the mode, then SATFINITE. */
    int round(Q v, String mode) {
        if (v.signum() == 0) {
            return values.size() / 2;
        }
        int exp = 0;
        Q a = v.abs();
        while (pow2(exp).compareTo(a) > 0) {
            exp--;
        }
        while (pow2(exp + 1).compareTo(a) <= 0) {
            exp++;
        }
        int big = Math.max(exp, emin);
        Q u = pow2(big - mantissaBits);
        Q c = v.mul(new Q(u.den(), u.num()));
        Q r = Q.of(1, 1).mul(new Q(roundToInteger(c, mode), BigInteger.ONE)).mul(u);
        Q omega = values.get(values.size() - 1);
        if (r.abs().compareTo(omega) > 0) {
            return r.signum() > 0 ? values.size() - 1 : 0;
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).compareTo(r) == 0) {
                return i;
            }
        }
        throw new AssertionError("rounded " + r + " is not a value");
    }

    /** An integer nearest {@code c} by one of the nine modes of SPEC §2. */
    static BigInteger roundToInteger(Q c, String mode) {
        BigInteger[] qr = c.num().divideAndRemainder(c.den());
        BigInteger fl = c.num().signum() < 0 && qr[1].signum() != 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        BigInteger rem = c.num().subtract(fl.multiply(c.den()));
        if (rem.signum() == 0) {
            return fl;
        }
        BigInteger ce = fl.add(BigInteger.ONE);
        boolean positive = c.signum() > 0;
        int half = rem.shiftLeft(1).compareTo(c.den());
        switch (mode) {
            case "FLOOR": return fl;
            case "CEILING": return ce;
            case "DOWN": return positive ? fl : ce;
            case "UP": return positive ? ce : fl;
            default: break;
        }
        if (half != 0) {
            return half < 0 ? fl : ce;
        }
        switch (mode) {
            case "HALF_EVEN": return fl.testBit(0) ? ce : fl;
            case "HALF_UP": return positive ? ce : fl;
            case "HALF_DOWN": return positive ? fl : ce;
            case "HALF_CEILING": return ce;
            case "HALF_FLOOR": return fl;
            default: throw new IllegalArgumentException(mode);
        }
    }

    /** {@code a (+) b}. */
    int add(int a, int b, String mode) {
        return round(values.get(a).add(values.get(b)), mode);
    }

    /** {@code a (*) b}. */
    int mul(int a, int b, String mode) {
        return round(values.get(a).mul(values.get(b)), mode);
    }

    /** {@code tau(z) = rho(sigma(z))} for the SPEC §6 activation {@code name}. */
    int tau(String name, int z, String mode) {
        Q x = values.get(z);
        Q exact = exactSigma(name, x);
        if (exact != null) {
            return round(exact, mode);
        }
        double s = doubleSigma(name, x.num().doubleValue() / x.den().doubleValue());
        int lo = round(Q.of(s - DELTA), mode);
        int hi = round(Q.of(s + DELTA), mode);
        if (lo != hi) {
            throw new AssertionError("inconclusive: " + name + "(" + x + ") = " + s + " is within " + DELTA
                    + " of a rounding boundary");
        }
        return lo;
    }

    /** sigma(x) where it is rational (every rational activation; the others at 0), else null. */
    private static Q exactSigma(String name, Q x) {
        Q zero = Q.of(0, 1);
        Q one = Q.of(1, 1);
        boolean nonNeg = x.signum() >= 0;
        switch (name) {
            case "identity": return x;
            case "relu": return nonNeg ? x : zero;
            case "leaky_relu": return nonNeg ? x : x.mul(Q.of(1, 100));
            case "hardtanh": return x.compareTo(one) > 0 ? one : x.compareTo(Q.of(-1, 1)) < 0 ? Q.of(-1, 1) : x;
            case "hardsigmoid": return hardsigmoid(x);
            case "hardswish": return x.mul(hardsigmoid(x));
            case "step": return nonNeg ? one : zero;
            case "elu":
                if (x.signum() > 0) {
                    return x;
                }
                break;
            default: break;
        }
        if (x.signum() != 0) {
            return null;
        }
        return switch (name) {
            case "sigmoid" -> Q.of(1, 2);
            case "softplus" -> null; // ln 2
            default -> zero; // tanh, elu, silu, mish, gelu, gelu_tanh vanish at 0
        };
    }

    private static Q hardsigmoid(Q x) {
        Q v = x.mul(Q.of(1, 6)).add(Q.of(1, 2));
        return v.signum() < 0 ? Q.of(0, 1) : v.compareTo(Q.of(1, 1)) > 0 ? Q.of(1, 1) : v;
    }

    private static double doubleSigma(String name, double z) {
        double sig = 1 / (1 + Math.exp(-z));
        double softplus = Math.log1p(Math.exp(z));
        return switch (name) {
            case "sigmoid" -> sig;
            case "tanh" -> Math.tanh(z);
            case "elu" -> z > 0 ? z : Math.expm1(z);
            case "softplus" -> softplus;
            case "silu" -> z * sig;
            case "mish" -> z * Math.tanh(softplus);
            case "gelu" -> z / 2 * (1 + erf(z / Math.sqrt(2)));
            case "gelu_tanh" -> z / 2 * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (z + 0.044715 * z * z * z)));
            default -> throw new IllegalArgumentException("no definition of " + name);
        };
    }

    /** erf by its Taylor series (|x| <= 3 here: 80 terms, error about 1e-12 absolute). */
    static double erf(double x) {
        double sum = 0;
        double term = x;
        for (int n = 0; n < 80; n++) {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }
}

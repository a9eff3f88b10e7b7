package dev.fxnet.eval;

import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A floating-point network evaluator written from SPEC §8 alone, sharing no code with fxnet's
 * arithmetic: the format's values are decoded from every bit pattern by the SPEC's formulas, codes
 * are the signed ranks of the design (code k > 0 is the k-th smallest positive finite value; -inf =
 * -(N+1), +inf = N+1, NaN = N+2), {@code rho} is the binade-spacing rounding of SPEC §8 followed by
 * the overflow policy, and specials follow IEEE 754. Activations: only those whose value on a value
 * of the format is again a value of the format or a special (relu, identity, hardtanh), so that
 * {@code tau} is {@code sigma} itself.
 */
final class FloatSpecOracle {
    /** A value: a finite decimal, or an infinity, or NaN. */
    record Val(BigDecimal v, int special) { // special: 0 finite, +1 +inf, -1 -inf, 2 NaN
        static final Val NAN = new Val(null, 2);
        static final Val POS_INF = new Val(null, 1);
        static final Val NEG_INF = new Val(null, -1);

        static Val of(BigDecimal v) {
            return new Val(v, 0);
        }

        boolean finite() {
            return special == 0;
        }
    }

    final int e;
    final int m;
    final int bias;
    final String specials; // IEEE, FN, FINITE
    final String overflow; // SATFINITE, INF, NAN
    final String mode;
    final List<BigDecimal> positive = new ArrayList<>(); // increasing
    final BigDecimal omega;

    FloatSpecOracle(int e, int m, int bias, String specials, String overflow, String mode) {
        this.e = e;
        this.m = m;
        this.bias = bias;
        this.specials = specials;
        this.overflow = overflow;
        this.mode = mode;
        TreeSet<BigDecimal> vals = new TreeSet<>();
        for (int t = 0; t < 1 << (e + m); t++) { // sign 0 only
            int b = t >>> m;
            int trailing = t & ((1 << m) - 1);
            boolean top = b == (1 << e) - 1;
            if (specials.equals("IEEE") && top || specials.equals("FN") && top && trailing == (1 << m) - 1) {
                continue;
            }
            BigDecimal v = b == 0 ? pow2(1 - bias - m).multiply(BigDecimal.valueOf(trailing))
                    : pow2(b - bias - m).multiply(BigDecimal.valueOf((1L << m) + trailing));
            if (v.signum() > 0) {
                vals.add(v);
            }
        }
        positive.addAll(vals);
        omega = positive.get(positive.size() - 1);
    }

    static BigDecimal pow2(int k) {
        return k >= 0 ? BigDecimal.valueOf(2).pow(k) : BigDecimal.ONE.divide(BigDecimal.valueOf(2).pow(-k));
    }

    int n() {
        return positive.size();
    }

    Val value(long code) {
        int n = n();
        if (code == n + 2) {
            return Val.NAN;
        }
        if (code == n + 1) {
            return Val.POS_INF;
        }
        if (code == -(n + 1)) {
            return Val.NEG_INF;
        }
        if (code == 0) {
            return Val.of(BigDecimal.ZERO);
        }
        BigDecimal v = positive.get((int) Math.abs(code) - 1);
        return Val.of(code < 0 ? v.negate() : v);
    }

    long code(Val x) {
        int n = n();
        if (!x.finite()) {
            return x.special == 2 ? n + 2 : x.special * (long) (n + 1);
        }
        if (x.v.signum() == 0) {
            return 0;
        }
        int i = java.util.Collections.binarySearch(positive, x.v.abs(), BigDecimal::compareTo);
        if (i < 0) {
            throw new AssertionError("not a value: " + x.v);
        }
        return x.v.signum() * (long) (i + 1);
    }

    /** rho of SPEC §8, then overflow. */
    Val rho(BigDecimal v) {
        if (v.signum() == 0) {
            return Val.of(BigDecimal.ZERO);
        }
        BigDecimal a = v.abs();
        int ex = Math.getExponent(a.doubleValue()); // an estimate; made exact below
        while (pow2(ex).compareTo(a) > 0) {
            ex--;
        }
        while (pow2(ex + 1).compareTo(a) <= 0) {
            ex++;
        }
        int big = Math.max(ex, 1 - bias);
        BigDecimal u = pow2(big - m);
        BigDecimal c = v.divide(u);
        BigDecimal k = roundInteger(c);
        BigDecimal r = k.multiply(u);
        if (r.abs().compareTo(omega) <= 0) {
            return Val.of(r.signum() == 0 ? BigDecimal.ZERO : r);
        }
        boolean negative = v.signum() < 0;
        boolean beyond = mode.startsWith("HALF") || mode.equals("UP") || mode.equals("CEILING") && !negative
                || mode.equals("FLOOR") && negative;
        if (overflow.equals("INF") && beyond) {
            return negative ? Val.NEG_INF : Val.POS_INF;
        }
        if (overflow.equals("NAN") && beyond) {
            return Val.NAN;
        }
        return Val.of(negative ? omega.negate() : omega);
    }

    private BigDecimal roundInteger(BigDecimal c) {
        switch (mode) {
            case "HALF_CEILING":
            case "HALF_FLOOR": {
                BigDecimal fl = c.setScale(0, RoundingMode.FLOOR);
                int cmp = c.subtract(fl).compareTo(new BigDecimal("0.5"));
                if (cmp == 0) {
                    return mode.equals("HALF_CEILING") ? fl.add(BigDecimal.ONE) : fl;
                }
                return cmp < 0 ? fl : fl.add(BigDecimal.ONE);
            }
            default:
                return c.setScale(0, RoundingMode.valueOf(mode));
        }
    }

    Val multiply(Val a, Val b) {
        if (a.special == 2 || b.special == 2) {
            return Val.NAN;
        }
        if (a.finite() && b.finite()) {
            return rho(a.v.multiply(b.v));
        }
        int sa = a.finite() ? a.v.signum() : a.special;
        int sb = b.finite() ? b.v.signum() : b.special;
        if (sa == 0 || sb == 0) {
            return Val.NAN; // 0 * inf
        }
        return sa * sb > 0 ? Val.POS_INF : Val.NEG_INF;
    }

    Val add(Val a, Val b) {
        return sum(List.of(a, b));
    }

    /** The exact sum of the terms, rounded once; IEEE rules for specials. */
    Val sum(List<Val> terms) {
        boolean pos = false;
        boolean neg = false;
        BigDecimal s = BigDecimal.ZERO;
        for (Val t : terms) {
            if (t.special == 2) {
                return Val.NAN;
            }
            pos |= t.special == 1;
            neg |= t.special == -1;
            if (t.finite()) {
                s = s.add(t.v);
            }
        }
        if (pos && neg) {
            return Val.NAN;
        }
        if (pos || neg) {
            return pos ? Val.POS_INF : Val.NEG_INF;
        }
        return rho(s);
    }

    /** The exact product of two values, unrounded (WIDE), with the IEEE rules for specials. */
    Val exactProduct(Val w, Val y) {
        if (w.finite() && y.finite()) {
            return Val.of(w.v.multiply(y.v));
        }
        return multiply(w, y);
    }

    Val sigma(String name, Val z) {
        switch (name) {
            case "identity":
                return z;
            case "relu":
                if (z.special == 2) {
                    return z;
                }
                if (!z.finite()) {
                    return z.special > 0 ? z : Val.of(BigDecimal.ZERO);
                }
                return z.v.signum() > 0 ? z : Val.of(BigDecimal.ZERO);
            case "hardtanh":
                if (z.special == 2) {
                    return z;
                }
                if (!z.finite()) {
                    return Val.of(BigDecimal.valueOf(z.special));
                }
                return Val.of(z.v.max(BigDecimal.ONE.negate()).min(BigDecimal.ONE));
            default:
                throw new IllegalArgumentException("the oracle has no " + name);
        }
    }

    /** The output codes of {@code net} at the input codes {@code x}, from SPEC §4 and §8. */
    long[] evaluate(Network net, long[] x) {
        boolean wide = net.accumulation().name().equals("WIDE");
        List<Val> y = new ArrayList<>();
        for (long c : x) {
            y.add(value(c));
        }
        List<Layer> layers = net.layers();
        for (int l = 0; l < layers.size(); l++) {
            List<Val> next = new ArrayList<>();
            for (Neuron n : layers.get(l).neurons()) {
                Val acc;
                if (wide) {
                    List<Val> terms = new ArrayList<>();
                    terms.add(value(n.bias()));
                    for (int i = 0; i < n.fanIn(); i++) {
                        terms.add(exactProduct(value(n.weight(i)), y.get(n.source(i))));
                    }
                    acc = sum(terms);
                } else {
                    acc = value(n.bias());
                    for (int i = 0; i < n.fanIn(); i++) {
                        acc = add(acc, multiply(value(n.weight(i)), y.get(n.source(i))));
                    }
                }
                next.add(l == layers.size() - 1 ? acc : sigma(net.activation().name(), acc));
            }
            y = next;
        }
        long[] out = new long[y.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = code(y.get(i));
        }
        return out;
    }
}

package dev.fxnet.activation;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rigorous enclosures of the real functions the transcendental activations need, in
 * {@link BigDecimal} interval arithmetic with directed rounding. Package-private engine of the
 * slow path of {@link TranscendentalActivation}; it never uses {@link Math} or any other floating
 * point result for a value.
 *
 * <p>Every method returns a pair {@code {lo, hi}} with {@code lo <= f <= hi} for the exact real
 * {@code f}, proved by the following means only: {@link BigDecimal} operations with a
 * {@link MathContext} of mode {@link RoundingMode#FLOOR} (result {@code <=} the exact one) or
 * {@link RoundingMode#CEILING} ({@code >=}), exact additions/subtractions/multiplications without a
 * context, monotonicity of the function in the inputs, and explicit bounds of series remainders
 * (stated at each series). All quantities here are positive, where {@code FLOOR} is rounding toward
 * zero. The width of the result is about {@code 10^-prec} relative to its magnitude (not
 * guaranteed: a caller that finds it too wide asks again with a larger {@code prec}).
 */
final class IntervalMath {
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final ConcurrentHashMap<Integer, BigDecimal[]> PI_CACHE = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Integer, BigDecimal[]> SQRT_2_OVER_PI_CACHE = new ConcurrentHashMap<>();

    private IntervalMath() {
    }

    static MathContext down(int digits) {
        return new MathContext(digits, RoundingMode.FLOOR);
    }

    static MathContext up(int digits) {
        return new MathContext(digits, RoundingMode.CEILING);
    }

    /**
     * {@code e^x} for {@code x} in {@code [xlo, xhi]}, {@code 0 <= xlo <= xhi}: {@code {e^xlo rounded
     * down, e^xhi rounded up}} (exp is increasing).
     *
     * <p>Method: {@code e^x = (e^(x/2^s))^(2^s)} with {@code 2^s >= 1024 max(1, x)}, so
     * {@code r = x/2^s <= 2^-10}; {@code e^r} by its Taylor series, whose terms are positive: the
     * truncated sum (terms rounded down) is a lower bound; for the upper bound the remainder after
     * the last included term {@code t_N} is {@code sum_{n>N} r^n/n! <= t_N r/(1-r) <= t_N}, which is
     * added. Then {@code s} squarings rounded in the same direction. The relative error grows by
     * {@code 2^s} in the squarings, paid for by {@code 0.31 s} extra digits.
     */
    static BigDecimal[] exp(BigDecimal xlo, BigDecimal xhi, int prec) {
        if (xlo.signum() < 0 || xlo.compareTo(xhi) > 0) {
            throw new IllegalArgumentException("need 0 <= xlo <= xhi, was " + xlo + ", " + xhi);
        }
        int s = 10 + Math.max(0, xhi.toBigInteger().bitLength());
        int w = prec + (s * 31 + 99) / 100 + 10;
        BigDecimal scale = new BigDecimal(BigInteger.ONE.shiftLeft(s));
        BigDecimal rlo = xlo.divide(scale, down(w));
        BigDecimal rhi = xhi.divide(scale, up(w));
        BigDecimal lo = expTaylor(rlo, w, false);
        BigDecimal hi = expTaylor(rhi, w, true);
        MathContext dn = down(w);
        MathContext upc = up(w);
        for (int i = 0; i < s; i++) {
            lo = lo.multiply(lo, dn);
            hi = hi.multiply(hi, upc);
        }
        return new BigDecimal[] {lo, hi};
    }

    /** {@code e^-x} for {@code x} in {@code [xlo, xhi]}, {@code 0 <= xlo <= xhi}: {@code {1/e^xhi down, 1/e^xlo up}}. */
    static BigDecimal[] expNeg(BigDecimal xlo, BigDecimal xhi, int prec) {
        BigDecimal[] e = exp(xlo, xhi, prec);
        int w = prec + 10;
        return new BigDecimal[] {BigDecimal.ONE.divide(e[1], down(w)), BigDecimal.ONE.divide(e[0], up(w))};
    }

    /** Taylor sum of {@code e^r}, {@code 0 <= r <= 2^-10}, rounded down ({@code upper} false) or up. */
    private static BigDecimal expTaylor(BigDecimal r, int w, boolean upper) {
        MathContext mc = upper ? up(w) : down(w);
        BigDecimal eps = BigDecimal.ONE.movePointLeft(w + 2);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int n = 1; ; n++) {
            term = term.multiply(r, mc).divide(BigDecimal.valueOf(n), mc);
            sum = sum.add(term, mc);
            if (term.compareTo(eps) < 0) {
                break;
            }
        }
        // remainder after the last term t_N: <= t_N r / (1 - r) <= t_N
        return upper ? sum.add(term, mc) : sum;
    }

    /**
     * {@code 1 - e^-x} for an exact {@code 0 < x <= 1}, by the alternating series
     * {@code sum_{n>=1} (-1)^(n+1) x^n / n!}: for {@code x <= 1} its terms decrease in magnitude, so
     * the remainder after any partial sum is at most the first omitted term in magnitude (Leibniz).
     * Each term is enclosed by directed rounding; the lower bound sums lower bounds of positive terms
     * and upper bounds of negative ones, and subtracts the first omitted term's upper bound; the
     * upper bound symmetrically.
     */
    static BigDecimal[] oneMinusExpNeg(BigDecimal x, int prec) {
        if (x.signum() <= 0 || x.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("need 0 < x <= 1, was " + x);
        }
        int w = prec + 20; // 1 - e^-x >= x/2 >= 2^-32: the absolute errors below are relative to x
        MathContext dn = down(w);
        MathContext upc = up(w);
        BigDecimal eps = x.multiply(BigDecimal.ONE.movePointLeft(w + 2));
        BigDecimal tlo = BigDecimal.ONE;
        BigDecimal thi = BigDecimal.ONE;
        BigDecimal lo = BigDecimal.ZERO;
        BigDecimal hi = BigDecimal.ZERO;
        for (int n = 1; ; n++) {
            BigDecimal bn = BigDecimal.valueOf(n);
            tlo = tlo.multiply(x, dn).divide(bn, dn);
            thi = thi.multiply(x, upc).divide(bn, upc);
            if (thi.compareTo(eps) < 0) {
                // first omitted term: |remainder| <= thi
                return new BigDecimal[] {lo.subtract(thi, dn), hi.add(thi, upc)};
            }
            if (n % 2 == 1) {
                lo = lo.add(tlo, dn);
                hi = hi.add(thi, upc);
            } else {
                lo = lo.subtract(thi, dn);
                hi = hi.subtract(tlo, upc);
            }
        }
    }

    /**
     * {@code x - tanh x} for an exact {@code 0 < x <= 1/2}, with relative precision:
     * {@code x - tanh x = N(x) / cosh x} where {@code N(x) = x cosh x - sinh x = sum_{n>=1} 2n x^(2n+1)/(2n+1)!}
     * (from the series of cosh and sinh, {@code 1/(2n)! - 1/(2n+1)! = 2n/(2n+1)!}), positive terms with
     * ratio {@code t_{n+1}/t_n = x^2/(2n(2n+3)) <= 1/40}, so the remainder after {@code t_N} is below
     * {@code t_N}. {@code cosh x = (e^x + e^-x)/2} is enclosed from {@link #exp}.
     */
    static BigDecimal[] xMinusTanh(BigDecimal x, int prec) {
        if (x.signum() <= 0 || x.compareTo(new BigDecimal("0.5")) > 0) {
            throw new IllegalArgumentException("need 0 < x <= 1/2, was " + x);
        }
        int w = prec + 10;
        MathContext dn = down(w);
        MathContext upc = up(w);
        BigDecimal x2 = x.multiply(x);
        BigDecimal tlo = x.multiply(x2).divide(BigDecimal.valueOf(3), dn);
        BigDecimal thi = x.multiply(x2).divide(BigDecimal.valueOf(3), upc);
        BigDecimal nlo = tlo;
        BigDecimal nhi = thi;
        BigDecimal eps = thi.multiply(BigDecimal.ONE.movePointLeft(w + 2));
        for (int n = 1; thi.compareTo(eps) >= 0; n++) {
            BigDecimal d = BigDecimal.valueOf(2L * n * (2L * n + 3));
            tlo = tlo.multiply(x2, dn).divide(d, dn);
            thi = thi.multiply(x2, upc).divide(d, upc);
            nlo = nlo.add(tlo, dn);
            nhi = nhi.add(thi, upc);
        }
        nhi = nhi.add(thi, upc); // remainder bound
        BigDecimal[] e = exp(x, x, w);
        BigDecimal coshLo = e[0].add(BigDecimal.ONE.divide(e[1], dn)).divide(TWO, dn);
        BigDecimal coshHi = e[1].add(BigDecimal.ONE.divide(e[0], upc)).divide(TWO, upc);
        return new BigDecimal[] {nlo.divide(coshHi, dn), nhi.divide(coshLo, upc)};
    }

    /**
     * {@code log(1 + u)} for {@code u} in {@code [ulo, uhi]}, {@code 0 <= ulo <= uhi <= 1}: with
     * {@code w = u / (2 + u) <= 1/3}, {@code log(1+u) = 2 atanh(w) = 2 sum_{j>=0} w^(2j+1)/(2j+1)},
     * positive terms with ratio at most {@code w^2 <= 1/9}, so the remainder after the last included
     * term {@code t_J} is at most {@code t_J (1/9)/(1 - 1/9) <= t_J}. {@code log1p} and {@code w(u)}
     * are increasing, so the lower bound uses {@code ulo} and rounds down, the upper uses {@code uhi}.
     * The precision is relative: tiny {@code u} (e.g. {@code e^-700}) keeps all its digits.
     */
    static BigDecimal[] log1p(BigDecimal ulo, BigDecimal uhi, int prec) {
        if (ulo.signum() < 0 || ulo.compareTo(uhi) > 0 || uhi.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("need 0 <= ulo <= uhi <= 1, was " + ulo + ", " + uhi);
        }
        int w = prec + 10;
        return new BigDecimal[] {atanhSeries(ulo.divide(TWO.add(ulo), down(w)), w, false),
                atanhSeries(uhi.divide(TWO.add(uhi), up(w)), w, true)};
    }

    private static BigDecimal atanhSeries(BigDecimal w, int digits, boolean upper) {
        if (w.signum() == 0) {
            return BigDecimal.ZERO;
        }
        MathContext mc = upper ? up(digits) : down(digits);
        BigDecimal w2 = w.multiply(w, mc);
        BigDecimal power = w;
        BigDecimal sum = w;
        BigDecimal eps = w.multiply(BigDecimal.ONE.movePointLeft(digits + 2));
        BigDecimal term = w;
        for (int j = 1; term.compareTo(eps) >= 0; j++) {
            power = power.multiply(w2, mc);
            term = power.divide(BigDecimal.valueOf(2L * j + 1), mc);
            sum = sum.add(term, mc);
        }
        if (upper) {
            sum = sum.add(term, mc); // remainder bound
        }
        return sum.multiply(TWO);
    }

    /**
     * Enclosure of {@code pi} with about {@code prec} digits, by Machin's formula
     * {@code pi = 16 atan(1/5) - 4 atan(1/239)}, {@code atan(1/m) = sum_j (-1)^j / ((2j+1) m^(2j+1))}:
     * an alternating series with decreasing terms (Leibniz bound on the remainder). Each term
     * {@code 1/den} has an exact integer denominator and is rounded down and up. Cached.
     */
    static BigDecimal[] pi(int prec) {
        return PI_CACHE.computeIfAbsent(roundUpToFifty(prec), IntervalMath::computePi);
    }

    private static BigDecimal[] computePi(int prec) {
        int w = prec + 10;
        BigDecimal[] a = atanInverse(5, w);
        BigDecimal[] b = atanInverse(239, w);
        BigDecimal sixteen = BigDecimal.valueOf(16);
        BigDecimal four = BigDecimal.valueOf(4);
        return new BigDecimal[] {a[0].multiply(sixteen).subtract(b[1].multiply(four)),
                a[1].multiply(sixteen).subtract(b[0].multiply(four))};
    }

    private static BigDecimal[] atanInverse(int m, int w) {
        MathContext dn = down(w);
        MathContext upc = up(w);
        BigInteger m2 = BigInteger.valueOf((long) m * m);
        BigInteger power = BigInteger.valueOf(m);
        BigDecimal lo = BigDecimal.ZERO;
        BigDecimal hi = BigDecimal.ZERO;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(w + 2);
        for (int j = 0; ; j++) {
            BigDecimal den = new BigDecimal(power.multiply(BigInteger.valueOf(2L * j + 1)));
            BigDecimal tlo = BigDecimal.ONE.divide(den, dn);
            BigDecimal thi = BigDecimal.ONE.divide(den, upc);
            if (thi.compareTo(eps) < 0) {
                return new BigDecimal[] {lo.subtract(thi), hi.add(thi)};
            }
            if (j % 2 == 0) {
                lo = lo.add(tlo);
                hi = hi.add(thi);
            } else {
                lo = lo.subtract(thi);
                hi = hi.subtract(tlo);
            }
            power = power.multiply(m2);
        }
    }

    /**
     * Enclosure of {@code sqrt(2/pi)}: {@code 2/pi} enclosed from {@link #pi}, then square roots
     * whose bounds are checked by exact squaring ({@code lo^2 <= (2/pi)_lo}, {@code hi^2 >= (2/pi)_hi}),
     * so nothing relies on the accuracy of {@link BigDecimal#sqrt}. Cached.
     */
    static BigDecimal[] sqrtTwoOverPi(int prec) {
        return SQRT_2_OVER_PI_CACHE.computeIfAbsent(roundUpToFifty(prec), IntervalMath::computeSqrtTwoOverPi);
    }

    /** Cache keys: precisions rounded up to a multiple of 50 digits, so the caches stay small. */
    private static int roundUpToFifty(int prec) {
        return (prec + 49) / 50 * 50;
    }

    private static BigDecimal[] computeSqrtTwoOverPi(int prec) {
        int w = prec + 10;
        BigDecimal[] p = pi(prec + 5);
        BigDecimal vlo = TWO.divide(p[1], down(w));
        BigDecimal vhi = TWO.divide(p[0], up(w));
        return new BigDecimal[] {sqrtDown(vlo, w), sqrtUp(vhi, w)};
    }

    /** A lower bound of {@code sqrt(v)}, {@code v > 0}, within a few units of the {@code w}-th digit. */
    static BigDecimal sqrtDown(BigDecimal v, int w) {
        BigDecimal s = v.sqrt(down(w));
        BigDecimal ulp = s.ulp();
        while (s.multiply(s).compareTo(v) > 0) {
            s = s.subtract(ulp);
        }
        return s;
    }

    /** An upper bound of {@code sqrt(v)}, {@code v > 0}, within a few units of the {@code w}-th digit. */
    static BigDecimal sqrtUp(BigDecimal v, int w) {
        BigDecimal s = v.sqrt(up(w));
        BigDecimal ulp = s.ulp();
        while (s.multiply(s).compareTo(v) < 0) {
            s = s.add(ulp);
        }
        return s;
    }

    /**
     * {@code (x/2) erfc(x/sqrt 2)} for an exact {@code x > 0}, the magnitude of the gelu tail
     * ({@code gelu(z) = z - (z/2) erfc(z/sqrt2)} for {@code z > 0}, {@code = -(|z|/2) erfc(|z|/sqrt2)}
     * for {@code z < 0}). Uses the asymptotic expansion when {@code x} is large enough for the
     * requested precision, else the Taylor series of erf with enough extra digits to survive the
     * cancellation in {@code 1 - erf}.
     */
    static BigDecimal[] geluTail(BigDecimal x, int prec) {
        BigDecimal x2 = x.multiply(x);
        double x2d = x2.doubleValue(); // only used to choose a method and a working precision
        if (x2d / (2 * 2.302585) >= prec + 12) {
            return geluTailAsymptotic(x, x2, prec);
        }
        return geluTailTaylor(x, x2, prec, (int) Math.ceil(x2d / (2 * 2.302585)) + 10);
    }

    /**
     * The asymptotic expansion of erfc (DLMF 7.12.1, Abramowitz–Stegun 7.1.23):
     * {@code erfc(u) = e^(-u^2)/(u sqrt(pi)) (sum_{n<N} (-1)^n (2n-1)!!/(2u^2)^n + R_N)} where, for real
     * {@code u > 0}, the remainder {@code R_N} is bounded in magnitude by the first neglected term and
     * has its sign (DLMF §7.12(i); the series is enveloping, e.g. Olver, <i>Asymptotics and Special
     * Functions</i>, Ch. 3). With {@code u = x/sqrt2}, {@code 2u^2 = x^2} (exact) and
     * {@code (x/2) erfc(x/sqrt2) = (1/2) sqrt(2/pi) e^(-x^2/2) (sum_n (-1)^n b_n + R_N)},
     * {@code b_n = (2n-1)!!/x^(2n)}. The terms are summed while they decrease, and the remainder is
     * enclosed by {@code [-b_N, b_N]}.
     */
    private static BigDecimal[] geluTailAsymptotic(BigDecimal x, BigDecimal x2, int prec) {
        int w = prec + 10;
        MathContext dn = down(w);
        MathContext upc = up(w);
        BigDecimal eps = BigDecimal.ONE.movePointLeft(w + 2);
        BigDecimal lo = BigDecimal.ZERO;
        BigDecimal hi = BigDecimal.ZERO;
        BigDecimal blo = BigDecimal.ONE;
        BigDecimal bhi = BigDecimal.ONE;
        for (int n = 0; ; n++) {
            if (n > 0) {
                BigDecimal f = BigDecimal.valueOf(2L * n - 1);
                blo = blo.multiply(f).divide(x2, dn);
                bhi = bhi.multiply(f).divide(x2, upc);
            }
            // stop at the first term below eps, or when terms stop decreasing (2n+1 >= x^2)
            if (bhi.compareTo(eps) < 0 || BigDecimal.valueOf(2L * n + 1).compareTo(x2) >= 0) {
                lo = lo.subtract(bhi);
                hi = hi.add(bhi);
                break;
            }
            if (n % 2 == 0) {
                lo = lo.add(blo);
                hi = hi.add(bhi);
            } else {
                lo = lo.subtract(bhi);
                hi = hi.subtract(blo);
            }
        }
        if (lo.signum() <= 0) {
            lo = BigDecimal.ZERO;
        }
        BigDecimal halfX2 = x2.divide(TWO); // exact
        BigDecimal[] e = expNeg(halfX2, halfX2, w);
        BigDecimal[] c = sqrtTwoOverPi(w);
        BigDecimal tlo = c[0].multiply(e[0], dn).multiply(lo, dn).divide(TWO, dn);
        BigDecimal thi = c[1].multiply(e[1], upc).multiply(hi, upc).divide(TWO, upc);
        return new BigDecimal[] {tlo, thi};
    }

    /**
     * The Taylor series with positive terms (DLMF 7.6.2):
     * {@code erf(x/sqrt2) = sqrt(2/pi) x e^(-x^2/2) S}, {@code S = sum_{n>=0} x^(2n)/(2n+1)!!}, terms
     * {@code t_{n+1} = t_n x^2/(2n+3)}. Once the ratio {@code x^2/(2n+3)} is at most 1/2 the
     * remainder after {@code t_N} is at most {@code t_N}. Then {@code erfc = 1 - erf} exactly from the
     * enclosure of erf, computed with {@code extra} more digits than asked for, since erfc is about
     * {@code e^(-x^2/2)}; a non-positive lower bound (too little precision) is replaced by 0.
     */
    private static BigDecimal[] geluTailTaylor(BigDecimal x, BigDecimal x2, int prec, int extra) {
        int w = prec + extra + 10;
        MathContext dn = down(w);
        MathContext upc = up(w);
        BigDecimal eps = BigDecimal.ONE.movePointLeft(w + 2);
        BigDecimal slo = BigDecimal.ONE;
        BigDecimal shi = BigDecimal.ONE;
        BigDecimal tlo = BigDecimal.ONE;
        BigDecimal thi = BigDecimal.ONE;
        BigDecimal twiceX2 = x2.add(x2);
        for (int n = 0; ; n++) {
            BigDecimal d = BigDecimal.valueOf(2L * n + 3);
            tlo = tlo.multiply(x2, dn).divide(d, dn);
            thi = thi.multiply(x2, upc).divide(d, upc);
            slo = slo.add(tlo, dn);
            shi = shi.add(thi, upc);
            // ratio of the next term x^2/(2n+5) <= 1/2 and the term is negligible relative to S >= 1
            if (d.add(TWO).compareTo(twiceX2) >= 0 && thi.compareTo(eps) < 0) {
                shi = shi.add(thi, upc);
                break;
            }
        }
        BigDecimal halfX2 = x2.divide(TWO);
        BigDecimal[] e = expNeg(halfX2, halfX2, w);
        BigDecimal[] c = sqrtTwoOverPi(w);
        BigDecimal erfLo = c[0].multiply(x, dn).multiply(e[0], dn).multiply(slo, dn);
        BigDecimal erfHi = c[1].multiply(x, upc).multiply(e[1], upc).multiply(shi, upc);
        BigDecimal erfcLo = BigDecimal.ONE.subtract(erfHi);
        BigDecimal erfcHi = BigDecimal.ONE.subtract(erfLo);
        if (erfcLo.signum() < 0) {
            erfcLo = BigDecimal.ZERO;
        }
        BigDecimal halfX = x.divide(TWO);
        return new BigDecimal[] {halfX.multiply(erfcLo, down(prec + 10)), halfX.multiply(erfcHi, up(prec + 10))};
    }
}

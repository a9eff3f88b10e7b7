package dev.fxnet.oracle;

import ch.obermuhlner.math.big.BigDecimalMath;
import dev.fxnet.arith.Rounding;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An independent oracle for the correctly rounded activations of SPEC §3/§6: for an argument
 * {@code z = k * 2^-q} it returns {@code round_mode(sigma(z) * 2^q)} for all nine modes at once, before
 * any overflow handling. Written from the SPEC alone; shares nothing with {@code src/main}.
 *
 * <h2>Method</h2>
 * Piecewise-rational activations (identity, relu, leaky_relu, hardtanh, hardsigmoid, hardswish, step)
 * and the transcendental ones at {@code z = 0} are computed as exact rationals and rounded by
 * {@link RhoOracle#roundRational}.
 *
 * <p>For a transcendental activation, {@code c = sigma(z) * 2^q} is split as {@code c = N + delta}: an
 * exact integer <em>anchor</em> {@code N} (the asymptote: {@code 0}, {@code k = z*2^q} or
 * {@code +-2^q}) and a <em>defect</em> {@code delta} given by a cancellation-free formula, so that delta can
 * be computed to small <em>relative</em> error even when it is astronomically small (e.g.
 * {@code gelu(z) - z = -z*Q(z)} with the normal tail {@code Q}). Then:
 * <ol>
 *   <li>delta is evaluated in double precision. Every formula is a short chain of correctly rounded or
 *       1–2.5-ulp operations ({@code Math.exp}, {@code Math.tanh}, {@code Math.expm1}, {@code Math.log1p},
 *       +,*,/ of positive quantities) or our own normal tail with a verified accuracy; the relative error is
 *       below 1e-12 (checked against the high-precision path by {@code SigmaOracleSelfTest}) and we
 *       claim only {@link #DOUBLE_REL_ERR} = 1e-10. Where delta would underflow, the formula's sign and a
 *       bound {@code |delta| < 1e-100} are returned instead ("tiny"): that is all the decision needs,
 *       since every boundary other than N itself is at distance >= 1/2.</li>
 *   <li>If the interval {@code N + delta*(1 +- 1e-10)} contains no rounding boundary (integers and
 *       half-integers) the result is decided for all nine modes.</li>
 *   <li>Otherwise delta is recomputed with {@code BigDecimal} at 50, then 400, then 3000 significant digits
 *       (with guard digits for every cancellation), the same test made with error {@code 2|delta|10^-P}.</li>
 *   <li>If even 3000 digits cannot separate c from a boundary the oracle throws: for z != 0 the
 *       exact value is never a boundary for sigmoid, tanh, elu, softplus, silu, mish (by
 *       Lindemann–Weierstrass, see {@link #undecided}), so a throw is a real numerical dead end, not a tie.</li>
 * </ol>
 */
public final class SigmaOracle {
    private SigmaOracle() {
    }

    public static final List<String> NAMES = List.of("identity", "relu", "leaky_relu", "sigmoid", "tanh", "elu",
            "softplus", "silu", "mish", "gelu", "gelu_tanh", "hardtanh", "hardsigmoid", "hardswish", "step");

    /** Our own order of the nine modes; {@link #index(Rounding)} maps the production enum by name. */
    public static final List<String> MODES = List.of("HALF_EVEN", "HALF_UP", "HALF_DOWN", "HALF_CEILING",
            "HALF_FLOOR", "UP", "DOWN", "CEILING", "FLOOR");

    public static int index(Rounding r) {
        int i = MODES.indexOf(r.name());
        if (i < 0) {
            throw new IllegalArgumentException("unknown mode " + r);
        }
        return i;
    }

    /** Claimed relative error bound of the double evaluation of every defect (true error < 1e-12). */
    public static final double DOUBLE_REL_ERR = 1e-10;
    /** Returned (with a sign) by the double evaluation when {@code 0 < |delta| < 1e-100}. */
    private static final double TINY = Double.MIN_VALUE;
    private static final double TINY_LIMIT = 1e-200;
    private static final int[] LADDER = {50, 400, 3000};

    // statistics, for the reports of the tests
    public static final AtomicLong EXACT = new AtomicLong();
    public static final AtomicLong BY_DOUBLE = new AtomicLong();
    public static final AtomicLong BY_TINY = new AtomicLong();
    public static final AtomicLong[] BY_DIGITS = {new AtomicLong(), new AtomicLong(), new AtomicLong()};

    public static String stats() {
        return "exact=" + EXACT + " double=" + BY_DOUBLE + " tiny=" + BY_TINY + " hp50=" + BY_DIGITS[0]
                + " hp400=" + BY_DIGITS[1] + " hp3000=" + BY_DIGITS[2];
    }

    public static boolean isPiecewiseRational(String name) {
        switch (name) {
            case "identity":
            case "relu":
            case "leaky_relu":
            case "hardtanh":
            case "hardsigmoid":
            case "hardswish":
            case "step":
                return true;
            default:
                return false;
        }
    }

    /**
     * Fills {@code out[i]} with {@code round_{MODES[i]}(sigma(k * 2^-q) * 2^q)}.
     *
     * @param q {@code 0 <= q <= 30}, {@code |k| <= 2^31}
     */
    public static void roundAll(String name, long k, int q, long[] out) {
        BigInteger[] rat = exact(name, k, q);
        if (rat != null) {
            EXACT.incrementAndGet();
            for (int i = 0; i < 9; i++) {
                out[i] = RhoOracle.roundRational(rat[0], rat[1], Rounding.valueOf(MODES.get(i))).longValueExact();
            }
            return;
        }
        long n = anchor(name, k, q);
        double d = defectDouble(name, k, q);
        long floor;
        int cmpHalf;
        if (Math.abs(d) < 0.25) {
            // small defect: the true delta has the sign of d (relative error < 1e-10, or a "tiny" claim)
            // and |delta| < 0.25 (1 + 1e-10) < 1/2, so c lies in (N, N + 1/2) or in (N - 1/2, N)
            if (Math.abs(d) < TINY_LIMIT) {
                BY_TINY.incrementAndGet();
            } else {
                BY_DOUBLE.incrementAndGet();
            }
            if (d > 0) {
                floor = n;
                cmpHalf = -1;
            } else if (d < 0) {
                floor = n - 1;
                cmpHalf = 1;
            } else {
                throw new AssertionError("defect without sign: " + name + " k=" + k + " q=" + q);
            }
        } else {
            double fl = Math.floor(d);
            double r0 = d - fl; // exact: the fraction bits of d
            double e = DOUBLE_REL_ERR * Math.abs(d);
            if (r0 > e && (1 - r0) > e && Math.abs(r0 - 0.5) > e) {
                BY_DOUBLE.incrementAndGet();
                floor = Math.addExact(n, (long) fl);
                cmpHalf = r0 > 0.5 ? 1 : -1;
            } else {
                long[] fc = decideHighPrecision(name, k, q, n);
                floor = fc[0];
                cmpHalf = (int) fc[1];
            }
        }
        fill(floor, cmpHalf, out);
    }

    /** c lies strictly inside (floor, floor+1), on the side cmpHalf of floor + 1/2. */
    private static void fill(long floor, int cmpHalf, long[] out) {
        long ceil = floor + 1;
        boolean positive = floor >= 0; // c in (floor, floor+1): c > 0 iff floor >= 0
        long nearest = cmpHalf < 0 ? floor : ceil;
        for (int i = 0; i < 5; i++) {
            out[i] = nearest; // no ties: the tie cases are exact and handled by the rational path
        }
        out[5] = positive ? ceil : floor; // UP
        out[6] = positive ? floor : ceil; // DOWN
        out[7] = ceil; // CEILING
        out[8] = floor; // FLOOR
    }

    private static long[] decideHighPrecision(String name, long k, int q, long n) {
        for (int level = 0; level < LADDER.length; level++) {
            int digits = LADDER[level];
            BigDecimal d = defectHigh(name, k, q, digits);
            BigDecimal e = d.abs().multiply(BigDecimal.ONE.scaleByPowerOfTen(-digits)).multiply(BigDecimal.valueOf(2));
            BigDecimal fl = d.setScale(0, RoundingMode.FLOOR);
            BigDecimal r0 = d.subtract(fl);
            if (r0.compareTo(e) > 0 && BigDecimal.ONE.subtract(r0).compareTo(e) > 0
                    && r0.subtract(HALF).abs().compareTo(e) > 0) {
                BY_DIGITS[level].incrementAndGet();
                return new long[] {Math.addExact(n, fl.longValueExact()), r0.compareTo(HALF) > 0 ? 1 : -1};
            }
        }
        throw undecided(name, k, q);
    }

    /**
     * No tie is possible here: for z != 0, sigmoid, tanh, elu, silu (values rational functions of e^z with
     * rational coefficients), mish (z * (w^2+2w)/(w^2+2w+2), w = e^z) and softplus (1 + e^z = e^r) would
     * make e^z algebraic, or give a linear relation between e^0, e^z, e^r with distinct algebraic exponents,
     * contradicting Lindemann–Weierstrass. For gelu and gelu_tanh we know no such theorem, so a failure to
     * separate is reported, loudly, instead of guessed.
     */
    private static IllegalStateException undecided(String name, long k, int q) {
        return new IllegalStateException("oracle cannot separate " + name + "(" + k + " * 2^-" + q
                + ") * 2^" + q + " from a rounding boundary at " + LADDER[LADDER.length - 1] + " digits");
    }

    // ------------------------------------------------------------------------------------------------
    // exact rational cases: c = num / den

    private static BigInteger[] rat(long num, long den) {
        return new BigInteger[] {BigInteger.valueOf(num), BigInteger.valueOf(den)};
    }

    /** {@code sigma(z) * 2^q} as an exact rational {num, den}, or null when it is not rational here. */
    public static BigInteger[] exact(String name, long k, int q) {
        long s = 1L << q;
        switch (name) {
            case "identity":
                return rat(k, 1);
            case "relu":
                return rat(Math.max(0, k), 1);
            case "leaky_relu": // z/100 for z < 0: c = k/100
                return k >= 0 ? rat(k, 1) : rat(k, 100);
            case "hardtanh":
                return rat(Math.max(-s, Math.min(s, k)), 1);
            case "hardsigmoid": { // c = 2^q * clamp(z/6 + 1/2, 0, 1) = clamp((k + 3*2^q)/6, 0, 2^q)
                long num = k + 3 * s;
                if (num <= 0) {
                    return rat(0, 1);
                }
                if (num >= 6 * s) {
                    return rat(s, 1);
                }
                return rat(num, 6);
            }
            case "hardswish": { // c = 2^q * z * hs(z) = k * clamp((k + 3*2^q) / (6*2^q), 0, 1)
                long num = k + 3 * s;
                if (num <= 0) {
                    return rat(0, 1);
                }
                if (num >= 6 * s) {
                    return rat(k, 1);
                }
                return new BigInteger[] {BigInteger.valueOf(k).multiply(BigInteger.valueOf(num)),
                    BigInteger.valueOf(6).shiftLeft(q)};
            }
            case "step":
                return rat(k >= 0 ? s : 0, 1);
            case "elu":
                return k >= 0 ? rat(k, 1) : null; // z > 0: z; z = 0: e^0 - 1 = 0
            case "sigmoid":
                return k == 0 ? new BigInteger[] {BigInteger.valueOf(s), BigInteger.TWO} : null; // 1/2
            case "tanh":
            case "silu":
            case "mish":
            case "gelu":
            case "gelu_tanh":
                return k == 0 ? rat(0, 1) : null;
            case "softplus":
                return null; // ln(1 + e^z) is irrational for every dyadic z (incl. ln 2 at z = 0)
            default:
                throw new IllegalArgumentException("unknown activation " + name);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // anchors and defects: sigma(z) * 2^q = anchor + defect

    /** The integer anchor N. Regions are decided on the exact sign/size of k. */
    public static long anchor(String name, long k, int q) {
        long s = 1L << q;
        switch (name) {
            case "sigmoid":
                return k > 0 ? s : 0;
            case "tanh":
                return k >= s ? s : k <= -s ? -s : 0; // |z| >= 1: +-1, else 0
            case "elu":
                return k <= -s ? -s : 0; // z <= -1: -1 + e^z; -1 < z < 0: expm1(z)
            case "softplus":
            case "silu":
            case "mish":
            case "gelu":
            case "gelu_tanh":
                return k > 0 ? k : 0; // z > 0: z + (sigma(z) - z); z < 0: sigma(z)
            default:
                throw new IllegalArgumentException("no anchor for " + name);
        }
    }

    private static double tiny(int sign) {
        return sign * TINY;
    }

    /** The defect delta = sigma(z)*2^q - N in double, relative error < 1e-12, or +-TINY (see class doc). */
    public static double defectDouble(String name, long k, int q) {
        double s = Math.scalb(1.0, q);
        double z = Math.scalb((double) k, -q); // exact: |k| <= 2^31
        double t = Math.abs(z);
        switch (name) {
            case "sigmoid": { // z > 0: 1 - 1/(1+e^z) = 1 - E/(1+E); z < 0: E/(1+E); E = e^-|z|
                int sign = z > 0 ? -1 : 1;
                if (t > 700) {
                    return tiny(sign); // |delta| <= 2^30 e^-700 < 1e-290
                }
                double e = Math.exp(-t);
                return sign * s * e / (1 + e);
            }
            case "tanh": {
                if (t >= 1) { // tanh z = sgn(z) (1 - 2E/(1+E)), E = e^-2|z|
                    int sign = z > 0 ? -1 : 1;
                    if (t > 350) {
                        return tiny(sign); // <= 2^31 e^-700
                    }
                    double e = Math.exp(-2 * t);
                    return sign * 2 * s * e / (1 + e);
                }
                return s * Math.tanh(z); // within 2.5 ulp (java.lang.Math)
            }
            case "elu": { // z < 0 only (z >= 0 is exact)
                if (z <= -1) { // -1 + e^z
                    if (z < -700) {
                        return tiny(1);
                    }
                    return s * Math.exp(z);
                }
                return s * Math.expm1(z); // within 1 ulp
            }
            case "softplus": { // z > 0: z + log1p(e^-z); z <= 0: log1p(e^z)
                if (t > 700) {
                    return tiny(1);
                }
                return s * Math.log1p(Math.exp(-t));
            }
            case "silu": { // z > 0: z - z E/(1+E), E = e^-z; z < 0: z E/(1+E), E = e^z
                if (t > 700) {
                    return tiny(-1); // both sides negative
                }
                double e = Math.exp(-t);
                double r = (double) k * e / (1 + e);
                return z > 0 ? -r : r;
            }
            case "mish": {
                if (z > 0) { // mish(z) - z = -2z / ((1+e^z)^2 + 1) = -2z E^2 / ((1+E)^2 + E^2), E = e^-z
                    if (z > 350) { // E^2 < e^-700 (still a normal double below this), |delta| <= 2^32 e^-700
                        return tiny(-1);
                    }
                    double e = Math.exp(-z);
                    double opE = 1 + e;
                    return -2.0 * k * (e * e) / (opE * opE + e * e);
                }
                // z < 0: z * tanh(ln(1+w)) = z * w(w+2) / (w^2 + 2w + 2), w = e^z
                if (z < -700) {
                    return tiny(-1);
                }
                double w = Math.exp(z);
                return (double) k * (w * (w + 2)) / (w * w + 2 * w + 2);
            }
            case "gelu": { // z > 0: z - z Q(z); z < 0: z Q(|z|); Q the upper normal tail
                if (0.5 * t * t > 690) {
                    return tiny(-1); // |k| Q(t) <= 2^31 e^-690
                }
                double r = (double) k * normalTailDouble(t);
                return z > 0 ? -r : r;
            }
            case "gelu_tanh": { // sigma = z / (1 + e^-2u); z > 0: z - z E/(1+E), E = e^-2u; z < 0: z E/(1+E), E = e^2u
                double u = Math.sqrt(2 / Math.PI) * (z + 0.044715 * z * z * z);
                double a = 2 * Math.abs(u);
                if (a > 700) {
                    return tiny(-1);
                }
                double e = Math.exp(-a);
                double r = (double) k * e / (1 + e);
                return z > 0 ? -r : r;
            }
            default:
                throw new IllegalArgumentException("no defect for " + name);
        }
    }

    /**
     * The upper normal tail {@code Q(t) = erfc(t/sqrt 2)/2} for {@code t > 0} in double, relative error
     * well below 1e-12 (verified by the self test against the high-precision series/asymptotics).
     * t < 2.5: Q = 1/2 - phi(t) * sum t^(2n+1)/(2n+1)!! (positive terms; cancellation <= 2 digits).
     * t >= 2.5: Laplace's continued fraction Q/phi = 1/(t+ 1/(t+ 2/(t+ 3/(t+ ...)))), evaluated backwards.
     */
    public static double normalTailDouble(double t) {
        double phi = Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
        if (t < 2.5) {
            double term = t;
            double sum = t;
            double t2 = t * t;
            for (int n = 1; n < 200; n++) {
                term *= t2 / (2 * n + 1);
                sum += term;
                if (term < 1e-18 * sum) {
                    break;
                }
            }
            return 0.5 - phi * sum;
        }
        double d = t;
        for (int n = 400; n >= 1; n--) {
            d = t + n / d;
        }
        return phi / d;
    }

    // ------------------------------------------------------------------------------------------------
    // high precision

    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    /** The defect delta at relative precision 10^-digits (computed with >= 30 guard digits). */
    public static BigDecimal defectHigh(String name, long k, int q, int digits) {
        BigDecimal s = new BigDecimal(BigInteger.ONE.shiftLeft(q));
        BigDecimal kk = BigDecimal.valueOf(k);
        BigDecimal z = RhoOracle.value(k, q); // exact
        BigDecimal t = z.abs();
        int sign = z.signum();
        MathContext mc = new MathContext(digits + 30);
        switch (name) {
            case "sigmoid": {
                BigDecimal e = BigDecimalMath.exp(t.negate(), mc);
                BigDecimal r = s.multiply(e).divide(BigDecimal.ONE.add(e), mc);
                return sign > 0 ? r.negate() : r;
            }
            case "tanh": {
                if (t.compareTo(BigDecimal.ONE) >= 0) {
                    BigDecimal e = BigDecimalMath.exp(t.multiply(TWO).negate(), mc);
                    BigDecimal r = s.multiply(TWO).multiply(e).divide(BigDecimal.ONE.add(e), mc);
                    return sign > 0 ? r.negate() : r;
                }
                // tanh t = (1 - E)/(1 + E), E = e^-2t; 1 - E ~ 2t: guard digits for the cancellation
                MathContext wide = new MathContext(mc.getPrecision() + guard(t));
                BigDecimal e = BigDecimalMath.exp(t.multiply(TWO).negate(), wide);
                BigDecimal r = s.multiply(BigDecimal.ONE.subtract(e)).divide(BigDecimal.ONE.add(e), mc);
                return sign > 0 ? r : r.negate();
            }
            case "elu": {
                if (z.compareTo(BigDecimal.ONE.negate()) <= 0) {
                    return s.multiply(BigDecimalMath.exp(z, mc), mc);
                }
                MathContext wide = new MathContext(mc.getPrecision() + guard(t));
                return s.multiply(BigDecimalMath.exp(z, wide).subtract(BigDecimal.ONE), mc);
            }
            case "softplus":
                return s.multiply(log1p(BigDecimalMath.exp(t.negate(), mc), mc), mc);
            case "silu": {
                BigDecimal e = BigDecimalMath.exp(t.negate(), mc);
                BigDecimal r = kk.multiply(e).divide(BigDecimal.ONE.add(e), mc);
                return sign > 0 ? r.negate() : r;
            }
            case "mish": {
                if (sign > 0) {
                    BigDecimal e = BigDecimalMath.exp(z.negate(), mc);
                    BigDecimal e2 = e.multiply(e, mc);
                    BigDecimal opE = BigDecimal.ONE.add(e);
                    BigDecimal den = opE.multiply(opE, mc).add(e2, mc);
                    return kk.multiply(TWO).multiply(e2).divide(den, mc).negate();
                }
                BigDecimal w = BigDecimalMath.exp(z, mc);
                BigDecimal num = w.multiply(w.add(TWO), mc);
                BigDecimal den = w.multiply(w, mc).add(w.multiply(TWO), mc).add(TWO, mc); // all positive
                return kk.multiply(num).divide(den, mc);
            }
            case "gelu": {
                BigDecimal r = kk.multiply(normalTail(t, digits + 20), mc);
                return sign > 0 ? r.negate() : r;
            }
            case "gelu_tanh": {
                // u = sqrt(2/pi) (z + 0.044715 z^3); the bracket is an exact decimal
                BigDecimal bracket = z.add(new BigDecimal("0.044715").multiply(z.pow(3)));
                BigDecimal c = BigDecimalMath.sqrt(TWO.divide(BigDecimalMath.pi(mc), mc), mc);
                BigDecimal a = c.multiply(bracket.abs(), mc).multiply(TWO); // 2|u|
                BigDecimal e = BigDecimalMath.exp(a.negate(), mc);
                BigDecimal r = kk.multiply(e).divide(BigDecimal.ONE.add(e), mc);
                return sign > 0 ? r.negate() : r;
            }
            default:
                throw new IllegalArgumentException("no defect for " + name);
        }
    }

    /** Extra digits to absorb cancellation in 1 - e^-x ~ x for small x = |t|: about -log10(t) + 3. */
    private static int guard(BigDecimal t) {
        // t = m * 10^-scale, precision digits: -log10(t) <= scale - precision + 1
        int g = t.scale() - t.precision() + 1;
        return Math.max(0, g) + 5;
    }

    /** ln(1 + u) for 0 < u <= 1 at relative precision mc (series for small u to avoid losing u). */
    static BigDecimal log1p(BigDecimal u, MathContext mc) {
        if (u.compareTo(new BigDecimal("0.001")) < 0) {
            // alternating series with decreasing terms; error <= first omitted term
            MathContext w = new MathContext(mc.getPrecision() + 5);
            BigDecimal sum = BigDecimal.ZERO;
            BigDecimal pow = u;
            BigDecimal eps = u.multiply(BigDecimal.ONE.scaleByPowerOfTen(-(mc.getPrecision() + 5)));
            for (int n = 1; ; n++) {
                BigDecimal term = pow.divide(BigDecimal.valueOf(n), w);
                sum = (n % 2 == 1) ? sum.add(term, w) : sum.subtract(term, w);
                if (term.compareTo(eps) < 0) {
                    break;
                }
                pow = pow.multiply(u, w);
            }
            return sum.round(mc);
        }
        // ln(1+u) >= ln(1.001) ~ 1e-3: condition number <= ~1000, add 5 digits
        MathContext w = new MathContext(mc.getPrecision() + 5);
        return BigDecimalMath.log(BigDecimal.ONE.add(u), w).round(mc);
    }

    /**
     * The upper normal tail {@code Q(t) = erfc(t / sqrt 2) / 2 = 1 - Phi(t)} for exact {@code t > 0},
     * relative error below {@code 10^-digits}.
     * <ul>
     *   <li>large t: the asymptotic (Mills ratio) series {@code Q = phi(t)/t * sum (-1)^n (2n-1)!! / t^(2n)},
     *       alternating, remainder bounded by the first omitted term; used only when the terms fall below
     *       10^-(digits+10) before they start to grow;</li>
     *   <li>otherwise {@code Q = 1/2 - phi(t) * sum_{n>=0} t^(2n+1)/(2n+1)!!} (Marsaglia; positive terms),
     *       at a precision raised by {@code log10(1/(2Q))} ~ t^2/(2 ln 10) + log10(t) + 1 digits for the
     *       cancellation.</li>
     * </ul>
     */
    public static BigDecimal normalTail(BigDecimal t, int digits) {
        double td = t.doubleValue();
        MathContext mc = new MathContext(digits + 15);
        BigDecimal t2 = t.multiply(t);
        if (td > 8) {
            BigDecimal inv = BigDecimal.ONE.divide(t2, mc);
            BigDecimal eps = BigDecimal.ONE.scaleByPowerOfTen(-(digits + 10));
            BigDecimal sum = BigDecimal.ONE;
            BigDecimal term = BigDecimal.ONE; // |term_n| = (2n-1)!!/t^(2n)
            boolean ok = false;
            for (int n = 1; 2.0 * n - 1 < td * td; n++) { // terms decrease while (2n-1)/t^2 < 1
                term = term.multiply(BigDecimal.valueOf(2L * n - 1)).multiply(inv, mc);
                sum = (n % 2 == 1) ? sum.subtract(term, mc) : sum.add(term, mc);
                if (term.compareTo(eps) < 0) {
                    ok = true; // the remainder is below the next (smaller) term < eps
                    break;
                }
            }
            if (ok) {
                return phi(t2, mc).divide(t, mc).multiply(sum, mc);
            }
        }
        int extra = (int) Math.ceil(td * td / (2 * Math.log(10)) + Math.log10(td + 1) + 2);
        MathContext w = new MathContext(digits + 15 + extra);
        BigDecimal sum = t;
        BigDecimal term = t;
        BigDecimal eps = BigDecimal.ONE.scaleByPowerOfTen(-(w.getPrecision() + 2)); // sum >= t; relative
        for (int n = 1; ; n++) {
            term = term.multiply(t2).divide(BigDecimal.valueOf(2L * n + 1), w);
            sum = sum.add(term, w);
            // once 2n+3 > 2 t^2 the ratio t^2/(2n+3) < 1/2, so the remainder is below the current term
            if (2L * n + 3 > 2 * td * td + 2 && term.compareTo(sum.multiply(eps)) < 0) {
                break;
            }
        }
        return HALF.subtract(phi(t2, w).multiply(sum, w), w).round(mc);
    }

    /** phi(t) = e^(-t^2/2) / sqrt(2 pi), from t^2 (exact). */
    private static BigDecimal phi(BigDecimal t2, MathContext mc) {
        BigDecimal sqrt2pi = BigDecimalMath.sqrt(TWO.multiply(BigDecimalMath.pi(mc)), mc);
        return BigDecimalMath.exp(t2.divide(TWO).negate(), mc).divide(sqrt2pi, mc);
    }

    /** {@code sigma(k 2^-q)} at about {@code digits} significant digits (for self tests). */
    public static BigDecimal sigmaHigh(String name, long k, int q, int digits) {
        BigDecimal s = new BigDecimal(BigInteger.ONE.shiftLeft(q));
        MathContext mc = new MathContext(digits);
        BigInteger[] rat = exact(name, k, q);
        if (rat != null) {
            return new BigDecimal(rat[0]).divide(new BigDecimal(rat[1]).multiply(s), mc);
        }
        BigDecimal c = BigDecimal.valueOf(anchor(name, k, q)).add(defectHigh(name, k, q, digits + 10));
        return c.divide(s, mc);
    }
}

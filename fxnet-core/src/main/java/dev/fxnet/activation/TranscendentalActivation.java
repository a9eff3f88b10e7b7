package dev.fxnet.activation;

import dev.fxnet.arith.Rounding;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The built-in transcendental activations of SPEC §6: {@code sigmoid}, {@code tanh}, {@code elu},
 * {@code softplus}, {@code silu}, {@code mish}, {@code gelu} and {@code gelu_tanh}, correctly rounded
 * in all nine {@link Rounding} modes for every {@code |k| < 2^31}, {@code 0 <= q <= 30}.
 *
 * <h2>Anchor and tail</h2>
 * For {@code z = k 2^-q != 0} each function is written {@code sigma(z) = A + T} with an exact dyadic
 * <i>anchor</i> {@code A} in {@code {z, 0, 1, -1, 1/2 + z/4}} and a <i>tail</i> {@code T} whose sign is known
 * exactly ({@code T != 0}) and whose magnitude is a composition of positive quantities, so it can
 * be computed with <i>relative</i> precision without cancellation. With {@code x = |z|}:
 * <table>
 *   <caption>decompositions (each an exact identity)</caption>
 *   <tr><th>sigma</th><th>z &gt; 0</th><th>z &lt; 0</th></tr>
 *   <tr><td>sigmoid, {@code x > 1/2}</td><td>{@code 1 - 1/(1+e^x)}</td><td>{@code 0 + 1/(1+e^x)}</td></tr>
 *   <tr><td>sigmoid, {@code x <= 1/2}</td><td>{@code (1/2 + z/4) - g(x/2)/2}</td><td>{@code (1/2 + z/4) + g(x/2)/2}</td></tr>
 *   <tr><td>tanh, {@code x > 1/2}</td><td>{@code 1 - 2/(e^(2x)+1)}</td><td>{@code -1 + 2/(e^(2x)+1)}</td></tr>
 *   <tr><td>tanh, {@code x <= 1/2}</td><td>{@code z - g(x)}</td><td>{@code z + g(x)}</td></tr>
 *   <tr><td>elu</td><td>{@code z} (exact)</td><td>{@code 0 - (1 - e^-x)} if {@code x <= 1}, else {@code -1 + e^-x}</td></tr>
 *   <tr><td>softplus</td><td>{@code z + log1p(e^-x)}</td><td>{@code 0 + log1p(e^-x)}</td></tr>
 *   <tr><td>silu</td><td>{@code z - x/(1+e^x)}</td><td>{@code 0 - x/(1+e^x)}</td></tr>
 *   <tr><td>mish</td><td>{@code z - 2x/((1+e^x)^2+1)}</td><td>{@code 0 - x v/(v+2)}, {@code v = w(w+2)}, {@code w = e^-x}</td></tr>
 *   <tr><td>gelu</td><td>{@code z - (x/2) erfc(x/sqrt2)}</td><td>{@code 0 - (x/2) erfc(x/sqrt2)}</td></tr>
 *   <tr><td>gelu_tanh</td><td>{@code z - x/(e^(2y)+1)}</td><td>{@code 0 - x/(e^(2y)+1)}</td></tr>
 * </table>
 * where {@code g(x) = x - tanh x = (x cosh x - sinh x)/cosh x}, whose numerator is a series of
 * positive terms (see {@link IntervalMath#xMinusTanh}), and for gelu_tanh
 * {@code y = sqrt(2/pi)(x + 0.044715 x^3) > 0}. The anchors {@code z} and {@code 1/2 + z/4} near 0
 * take up the linear part of tanh and sigmoid, whose values at small {@code |z|} are otherwise very
 * close to grid points ({@code tanh z = z - z^3/3 + ...}), which would send many codes to the slow
 * path. Derivations: sigmoid,
 * {@code 1 - 1/(1+e^-z) = e^-z/(1+e^-z) = 1/(e^z+1)} and {@code sigmoid(z) = 1/2 + tanh(z/2)/2};
 * tanh, {@code tanh z = 1 - 2/(e^(2z)+1)} and tanh is odd; softplus, {@code ln(1+e^z) = z + ln(1+e^-z)}; silu, {@code z sigmoid(z) = z - z/(1+e^z)};
 * mish, with {@code u = e^softplus(z) = 1+e^z}, {@code tanh(ln u) = (u^2-1)/(u^2+1) = 1 - 2/(u^2+1)}, and
 * {@code u^2 - 1 = e^(2z) + 2e^z}, so for {@code z < 0}, {@code mish = z (e^(2z)+2e^z)/(e^(2z)+2e^z+2)};
 * gelu, {@code Phi(z) = 1 - erfc(z/sqrt2)/2} and {@code Phi(-x) = erfc(x/sqrt2)/2}; gelu_tanh,
 * {@code (1 + tanh y)/2 = 1 - 1/(e^(2y)+1)} and {@code (1 + tanh(-y))/2 = 1/(e^(2y)+1)}. At {@code z = 0}
 * the value is exact for all but softplus ({@code 1/2} for sigmoid, 0 for the others), so e.g. {@code sigmoid(0)} at {@code q = 0}
 * is the exact tie {@code 1/2}, resolved by the mode's tie rule. The one exception is softplus, whose
 * {@code softplus(0) = ln 2} takes the general path (anchor 0, tail {@code log1p(e^-0)}).
 *
 * <h2>Deciding the rounding</h2>
 * {@code c = sigma(z) 2^q = D + s r} with {@code D = A 2^q} an exact multiple of {@code 1/4}, {@code s} the sign of
 * {@code T} and {@code r = |T| 2^q > 0}. From an enclosure {@code rlo <= r <= rhi}, {@code c} lies in
 * {@code [D + rlo, D + rhi]} (for {@code s > 0}) and also strictly above {@code D}. Every mode is
 * monotone, so if the smallest possible rounded value, the larger of {@code round(D + rlo)} and the
 * limit of {@code round} just above {@code D}, equals {@code round(D + rhi)}, that is the answer (and
 * symmetrically for {@code s < 0}). Using the one-sided limit at {@code D}, not {@code round(D)}, is
 * what decides e.g. {@code FLOOR(gelu(z))} for huge {@code z}: {@code c} is below {@code D = k} by less
 * than {@code 10^-1000}, so it floors to {@code k - 1}.
 * <ol>
 *   <li><b>Fast path</b> (double): {@code |T|} from {@link Math#exp}, {@link Math#log1p},
 *       {@link Math#expm1} (each within 1 ulp by their specification) and basic operations, at most
 *       a dozen roundings, so its relative error is far below the assumed bound {@code 2^-40} (plus a
 *       term proportional to the size of an inexactly computed exponent, for gelu and gelu_tanh; for
 *       gelu the double erfc of {@link ErrorFunction} has a tested error bound of {@code 2^-46}). The
 *       enclosure used is twice that bound, and the unit tests check the double tails against the slow
 *       path's enclosures (observed error below 1/100 of the assumed bound). The additions to
 *       {@code D} are enclosed by stepping one ulp outward. Beyond a threshold in
 *       {@code |z|} where {@code |T| < 2^-900} is proved analytically (for instance
 *       {@code 1/(1+e^x) < e^-x < 2^-1009} for {@code x >= 700}), only the sign and that bound are used:
 *       {@code c} is then within {@code 2^-870} of {@code D} on a known side, which always decides. So no
 *       exponential of an argument beyond about 1400 is ever evaluated, in either path.</li>
 *   <li><b>Slow path</b> (when the fast path cannot decide): the same decomposition in {@link BigDecimal}
 *       interval arithmetic with directed rounding ({@link IntervalMath}), at 40, 100, 250, 600, 1500
 *       and 4000 significant digits, until the enclosure decides.</li>
 *   <li>If even 4000 digits do not decide, an {@link ArithmeticException} is thrown rather than a
 *       guess.</li>
 * </ol>
 *
 * <h2>Why the slow path terminates</h2>
 * The enclosures shrink to the exact {@code c} as the precision grows, so they decide unless
 * {@code c} is a rounding boundary (an integer, or a half-integer for the nearest modes), i.e. unless
 * {@code sigma(z)} is a dyadic rational. For {@code z} a non-zero rational that is impossible for
 * sigmoid, tanh, elu ({@code z < 0}), softplus, silu and mish by the Lindemann–Weierstrass theorem:
 * {@code e^a} is transcendental for algebraic {@code a != 0}, and more generally {@code e^(a_i)} are
 * linearly independent over the algebraic numbers for distinct algebraic {@code a_i}. Indeed an algebraic
 * {@code sigmoid(z)} or {@code tanh(z)} would make {@code e^z} or {@code e^(2z)} algebraic; an algebraic
 * {@code b = softplus(z)} would give the relation {@code e^b - e^z - e^0 = 0} between distinct exponents;
 * an algebraic {@code mish(z)/z = m} would give {@code (1-m) e^(2z) + 2(1-m) e^z - 2m e^0 = 0}. So
 * for those six the loop ends at a precision that depends on how close {@code c} is to a boundary (in
 * practice the fast path or the first slow step decides). For gelu and gelu_tanh (erf, and tanh of a
 * multiple of {@code sqrt(2/pi)}) no such theorem is known; should {@code c} ever be within about
 * {@code 10^-3990} of a boundary, the exception is thrown. No such point is known.
 *
 * <h2>Float grids</h2>
 * The same anchors and tails round {@code sigma(z)} on the non-uniform grid of a float format (SPEC §8)
 * through {@link GridActivation}: any monotone step function stands in for the fixed-point
 * {@code round(c)}, and its one-sided limit at the anchor is taken just beside it, below the lattice
 * of its steps. The termination argument above is unchanged (the steps are dyadic).
 *
 * <p>Immutable and thread-safe.
 */
public final class TranscendentalActivation implements Activation {
    /** {@code sigma(z) = 1 / (1 + e^-z)}. */
    public static final TranscendentalActivation SIGMOID = new TranscendentalActivation(Kind.SIGMOID);
    /** {@code sigma(z) = tanh z}. */
    public static final TranscendentalActivation TANH = new TranscendentalActivation(Kind.TANH);
    /** {@code sigma(z) = z} for {@code z > 0}, {@code e^z - 1} otherwise. */
    public static final TranscendentalActivation ELU = new TranscendentalActivation(Kind.ELU);
    /** {@code sigma(z) = ln(1 + e^z)}. */
    public static final TranscendentalActivation SOFTPLUS = new TranscendentalActivation(Kind.SOFTPLUS);
    /** {@code sigma(z) = z sigmoid(z)}. */
    public static final TranscendentalActivation SILU = new TranscendentalActivation(Kind.SILU);
    /** {@code sigma(z) = z tanh(softplus(z))}. */
    public static final TranscendentalActivation MISH = new TranscendentalActivation(Kind.MISH);
    /** {@code sigma(z) = z Phi(z) = (z/2)(1 + erf(z/sqrt 2))}. */
    public static final TranscendentalActivation GELU = new TranscendentalActivation(Kind.GELU);
    /** {@code sigma(z) = (z/2)(1 + tanh(sqrt(2/pi)(z + 0.044715 z^3)))}, {@code 0.044715} an exact decimal. */
    public static final TranscendentalActivation GELU_TANH = new TranscendentalActivation(Kind.GELU_TANH);

    /** Returned by {@link #roundScaledFast} when the double enclosure does not decide. */
    static final long UNDECIDED = Long.MIN_VALUE;

    /** The working precisions (significant decimal digits) of the slow path. */
    static final int[] PRECISIONS = {40, 100, 250, 600, 1500, 4000};

    /** How many times the slow path has run (for tests and tuning). */
    static final AtomicLong SLOW_PATH_CALLS = new AtomicLong();

    private static final double TINY = 0x1p-900;
    private static final BigDecimal TINY_BIG = BigDecimal.ONE.movePointLeft(270); // > 2^-900
    private static final BigDecimal QUARTER = new BigDecimal("0.25");
    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final BigDecimal GELU_TANH_CUBIC = new BigDecimal("0.044715");
    private static final double SQRT_2_OVER_PI = 0.7978845608028654;
    private static final double BASE_ERROR = 0x1p-40;

    private final Kind kind;

    private TranscendentalActivation(Kind kind) {
        this.kind = kind;
    }

    @Override
    public String name() {
        return kind.specName;
    }

    @Override
    public double applyAsDouble(double z) {
        return kind.apply(z);
    }

    /** Always {@code true}; see the class documentation for the argument. */
    @Override
    public boolean isCorrectlyRounded() {
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code |k| >= 2^31} or {@code q} is outside {@code 0..30}
     * @throws ArithmeticException if 4000 significant digits do not decide the rounding (see the class
     *     documentation: impossible for all but gelu and gelu_tanh, and not known to happen for those)
     */
    @Override
    public long roundScaled(long k, int fracBits, Rounding rounding) {
        Activations.checkArguments(k, fracBits);
        Objects.requireNonNull(rounding, "rounding");
        if (isExact(k)) {
            return exact(k, fracBits, rounding);
        }
        long r = fast(k, fracBits, rounding);
        if (r != UNDECIDED) {
            return r;
        }
        return slow(k, fracBits, rounding);
    }

    /** The fast path alone: the answer, or {@link #UNDECIDED}. Test hook. */
    long roundScaledFast(long k, int fracBits, Rounding rounding) {
        Activations.checkArguments(k, fracBits);
        if (isExact(k)) {
            return exact(k, fracBits, rounding);
        }
        return fast(k, fracBits, rounding);
    }

    /** The slow path alone (the reference for the fast path). Test hook. */
    long roundScaledSlow(long k, int fracBits, Rounding rounding) {
        Activations.checkArguments(k, fracBits);
        if (isExact(k)) {
            return exact(k, fracBits, rounding);
        }
        return slow(k, fracBits, rounding);
    }

    /**
     * The double approximation of {@code |T|} the fast path uses, and its assumed relative error bound:
     * {@code {t, bound}}; {@code t} is NaN where the fast path uses the analytic tiny bound instead.
     * Test hook for checking the bound against {@link #tailEnclosure}; not for the exact cases.
     */
    double[] tailApproximation(long k, int q) {
        double x = Math.scalb((double) Math.abs(k), -q);
        if (kind.tiny(x, k > 0)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {kind.tail(x, k > 0), BASE_ERROR + kind.argumentError(x)};
    }

    /** The slow path's enclosure of {@code |T|} at {@code prec} digits. Test hook; not for the exact cases. */
    BigDecimal[] tailEnclosure(long k, int q, int prec) {
        BigDecimal x = new BigDecimal(Math.abs(k)).divide(new BigDecimal(1L << q));
        return kind.tail(x, k > 0, prec);
    }

    /**
     * Whether {@code sigma(z)} is a known dyadic rational: {@code z = 0} (except softplus, whose
     * {@code ln 2} goes through the general path with anchor 0 and tail {@code log1p(e^0)}), and
     * {@code elu(z) = z} for {@code z > 0}.
     */
    private boolean isExact(long k) {
        return (k == 0 && kind != Kind.SOFTPLUS) || (kind == Kind.ELU && k > 0);
    }

    /** The exactly known values, see {@link #isExact}. */
    private long exact(long k, int q, Rounding rounding) {
        if (k != 0) {
            return k;
        }
        // sigma(0) = 1/2 for sigmoid (c = 2^(q-1), the tie 1/2 when q = 0), 0 for the others but softplus
        return kind == Kind.SIGMOID ? rounding.roundQuotient(1L << q, 2) : 0;
    }

    private long fast(long k, int q, Rounding mode) {
        boolean pos = k > 0;
        double x = Math.scalb((double) Math.abs(k), -q); // exact: |k| < 2^31
        long d4 = kind.anchor4(k, q, x);
        int s = kind.tailSign(k, x);
        double rlo;
        double rhi;
        if (kind.tiny(x, pos)) {
            rlo = 0;
            rhi = Math.scalb(TINY, q);
        } else {
            double t = kind.tail(x, pos);
            if (!(t >= 0x1p-1020) || Double.isInfinite(t)) {
                return UNDECIDED; // outside the range where the relative error bound is established
            }
            double e = 2 * (BASE_ERROR + kind.argumentError(x));
            double u = Math.scalb(t, q);
            rlo = u * (1 - e);
            rhi = u * (1 + e);
        }
        double d = d4 * 0.25; // exact, |D| <= 2^31
        long lowR;
        long highR;
        if (s > 0) {
            lowR = roundAbove(mode, d4);
            if (rlo > 0) {
                lowR = Math.max(lowR, mode.round(Math.nextDown(d + rlo)));
            }
            highR = mode.round(Math.nextUp(d + rhi));
        } else {
            highR = roundBelow(mode, d4);
            if (rlo > 0) {
                highR = Math.min(highR, mode.round(Math.nextUp(d - rlo)));
            }
            lowR = mode.round(Math.nextDown(d - rhi));
        }
        return lowR == highR ? lowR : UNDECIDED;
    }

    private long slow(long k, int q, Rounding mode) {
        return slow(k, q, new Rounding[] {mode})[0];
    }

    /**
     * The slow path for several modes at once (the enclosures do not depend on the mode): the
     * correctly rounded {@code c} for each of {@code modes}. Test hook; not for the exact cases
     * ({@code z = 0} except for softplus, elu with {@code k > 0}).
     */
    long[] slow(long k, int q, Rounding[] modes) {
        SLOW_PATH_CALLS.incrementAndGet();
        boolean pos = k > 0;
        double xd = Math.scalb((double) Math.abs(k), -q);
        BigDecimal x = new BigDecimal(Math.abs(k)).divide(new BigDecimal(1L << q)); // exact: a power of 2 divides
        BigDecimal twoQ = new BigDecimal(1L << q);
        long d4 = kind.anchor4(k, q, xd);
        int s = kind.tailSign(k, xd);
        BigDecimal d = BigDecimal.valueOf(d4).multiply(QUARTER);
        boolean tiny = kind.tiny(xd, pos);
        long[] result = new long[modes.length];
        boolean[] done = new boolean[modes.length];
        int remaining = modes.length;
        for (int prec : PRECISIONS) {
            BigDecimal[] t = tiny ? new BigDecimal[] {BigDecimal.ZERO, TINY_BIG} : kind.tail(x, pos, prec);
            BigDecimal rlo = t[0].multiply(twoQ);
            BigDecimal rhi = t[1].multiply(twoQ);
            for (int i = 0; i < modes.length; i++) {
                if (done[i]) {
                    continue;
                }
                Rounding mode = modes[i];
                long lowR;
                long highR;
                if (s > 0) {
                    lowR = Math.max(roundAbove(mode, d4), round(mode, d.add(rlo)));
                    highR = round(mode, d.add(rhi));
                } else {
                    highR = Math.min(roundBelow(mode, d4), round(mode, d.subtract(rlo)));
                    lowR = round(mode, d.subtract(rhi));
                }
                if (lowR == highR) {
                    result[i] = lowR;
                    done[i] = true;
                    remaining--;
                }
            }
            if (remaining == 0) {
                return result;
            }
        }
        Rounding first = null;
        for (int i = 0; i < modes.length; i++) {
            if (!done[i]) {
                first = modes[i];
                break;
            }
        }
        throw new ArithmeticException("cannot decide " + first + " rounding of " + kind.specName + "(" + k + " * 2^-" + q
                + ") * 2^" + q + " with " + PRECISIONS[PRECISIONS.length - 1] + " significant digits: the value is"
                + " within about 10^-" + (PRECISIONS[PRECISIONS.length - 1] - 10) + " of a rounding boundary");
    }

    /**
     * {@code rho(sigma(z))} for the exact real value of the finite double {@code z}, on any monotone step
     * function {@code rho} (a floating-point grid): the same decomposition {@code sigma(z) = A + T},
     * enclosures of {@code |T|} from the fast path and then the slow path, decided when the smallest and the
     * largest possible rounded values agree. The one-sided limit of {@code rho} at {@code A} is
     * {@code rho(A +- delta)} with {@code delta} below the lattice of {@code rho}'s steps and of {@code A}
     * (see {@link GridActivation#justAbove}), which is what decides e.g. {@code FLOOR(gelu(z))} for huge
     * {@code z}. The fast path works in double ({@link GridActivation#decideDouble}) where the anchor is
     * a double or a sum of two, else with exact decimals.
     *
     * @throws ArithmeticException if 4000 significant digits do not decide (as for {@link #roundScaled})
     */
    long roundOn(double zd, MonotoneRounding rho) {
        return roundOn(zd, rho, true);
    }

    /** {@link #roundOn(double, MonotoneRounding)}, with the double fast path only if {@code fast}. Test hook. */
    long roundOn(double zd, MonotoneRounding rho, boolean fast) {
        if (zd == 0 && kind != Kind.SOFTPLUS) {
            return GridActivation.round(kind == Kind.SIGMOID ? HALF : BigDecimal.ZERO, rho);
        }
        if (kind == Kind.ELU && zd > 0) {
            return rho.roundDouble(zd);
        }
        boolean pos = zd > 0;
        double xd = Math.abs(zd);
        int s = kind.tailSign(pos ? 1 : -1, xd);
        long r = fast ? gridFast(zd, s, xd, pos, rho) : UNDECIDED;
        if (r != UNDECIDED) {
            return r;
        }
        BigDecimal z = new BigDecimal(zd); // exact
        BigDecimal d = kind.anchor(z, pos, xd);
        if (kind.tiny(xd, pos)) {
            r = GridActivation.decide(d, s, BigDecimal.ZERO, TINY_BIG, rho);
            if (r != UNDECIDED) {
                return r;
            }
        }
        SLOW_PATH_CALLS.incrementAndGet();
        BigDecimal x = z.abs();
        for (int prec : PRECISIONS) {
            BigDecimal[] t = kind.tail(x, pos, prec);
            r = GridActivation.decide(d, s, t[0], t[1], rho);
            if (r != UNDECIDED) {
                return r;
            }
        }
        throw new ArithmeticException("cannot decide the rounding of " + kind.specName + "(" + z + ") with "
                + PRECISIONS[PRECISIONS.length - 1] + " significant digits: the value is within about 10^-"
                + (PRECISIONS[PRECISIONS.length - 1] - 10) + " of a rounding boundary");
    }

    /**
     * The double fast path on a grid: the decided code, or {@link #UNDECIDED}. The anchor is taken as
     * the exact sum of two doubles {@code {hi, lo}} ({@link Kind#anchorDouble}); the tail enclosure is the
     * fixed-point fast path's (twice the error bound), or {@code (0, 2^-900]} where {@code |T|} is proved tiny.
     */
    private long gridFast(double zd, int s, double x, boolean pos, MonotoneRounding rho) {
        double[] a = kind.anchorDouble(zd, pos, x);
        if (a == null) {
            return UNDECIDED;
        }
        if (kind.tiny(x, pos)) {
            return gridDouble(a[0], a[1], s, 0, TINY, rho);
        }
        double t = kind.tail(x, pos);
        if (!(t >= 0x1p-1020) || Double.isInfinite(t)) {
            return UNDECIDED;
        }
        double e = 2 * (BASE_ERROR + kind.argumentError(x));
        // t (1 -+ e) in double is within a relative 2^-52 of the exact product, far inside the factor 2 margin
        double rlo = t * (1 - e);
        double rhi = t * (1 + e);
        return Double.isFinite(rhi) ? gridDouble(a[0], a[1], s, rlo, rhi, rho) : UNDECIDED;
    }

    /**
     * The double decision for {@code sigma = dh + dl + s T}, {@code T} in {@code [rlo, rhi]}, {@code rlo >= 0}:
     * with {@code dl = 0} directly; otherwise {@code T' = dl + s T} is enclosed by outward-rounded double sums
     * and decided about {@code dh} if the sign of {@code T'} is known.
     */
    private static long gridDouble(double dh, double dl, int s, double rlo, double rhi, MonotoneRounding rho) {
        if (!(Math.abs(dh) < 0x1p1000)) {
            return UNDECIDED;
        }
        if (dl == 0) {
            return GridActivation.decideDouble(dh, s, rlo, rhi, rho);
        }
        double lo = Math.nextDown(s > 0 ? dl + rlo : dl - rhi);
        double hi = Math.nextUp(s > 0 ? dl + rhi : dl - rlo);
        if (lo > 0) {
            return GridActivation.decideDouble(dh, 1, lo, hi, rho);
        }
        return hi < 0 ? GridActivation.decideDouble(dh, -1, -hi, -lo, rho) : UNDECIDED;
    }

    private static long round(Rounding mode, BigDecimal c) {
        return mode.round(c).longValueExact();
    }

    /** The limit of {@code round(c)} as {@code c} decreases to {@code D = d4/4}. */
    static long roundAbove(Rounding mode, long d4) {
        long f = d4 >> 2; // floor(D)
        // D = f + r4/4: just above it the fraction is in (0, 1/2) for r4 = 0, 1 and in (1/2, 1) for r4 = 2, 3
        return mode.resolve(f, false, (d4 & 3) >= 2 ? 1 : -1);
    }

    /** The limit of {@code round(c)} as {@code c} increases to {@code D = d4/4}. */
    static long roundBelow(Rounding mode, long d4) {
        long f = d4 >> 2;
        long r4 = d4 & 3;
        // r4 = 0: c = (f - 1) + (1 - tiny); r4 = 1, 2: fraction in (0, 1/2); r4 = 3: fraction in (1/2, 1)
        return r4 == 0 ? mode.resolve(f - 1, false, 1) : mode.resolve(f, false, r4 == 3 ? 1 : -1);
    }

    @Override
    public String toString() {
        return kind.specName;
    }

    private static MathContext down(int p) {
        return IntervalMath.down(p);
    }

    private static MathContext up(int p) {
        return IntervalMath.up(p);
    }

    /**
     * {@code x - tanh x} for {@code 0 < x <= 1/2} with relative precision, as {@code N(x)/cosh x} where
     * {@code N(x) = x cosh x - sinh x = sum_{n>=1} 2n x^(2n+1)/(2n+1)!} has positive terms (ratio
     * {@code x^2/(2n(2n+3)) <= 1/40}), so there is no cancellation.
     */
    static double xMinusTanh(double x) {
        double x2 = x * x;
        double t = x * x2 / 3;
        double s = t;
        for (int n = 1; n < 12; n++) {
            t *= x2 / (2.0 * n * (2 * n + 3));
            s += t;
        }
        return s / Math.cosh(x);
    }

    /** {@code x/(E + 1)} for {@code E} in {@code [elo, ehi]}: {@code {x/(ehi+1) down, x/(elo+1) up}}. */
    private static BigDecimal[] overOnePlus(BigDecimal x, BigDecimal[] e, int w) {
        return new BigDecimal[] {x.divide(e[1].add(BigDecimal.ONE), down(w)), x.divide(e[0].add(BigDecimal.ONE), up(w))};
    }

    private enum Kind {
        SIGMOID("sigmoid") {
            @Override
            long anchor4(long k, int q, double x) {
                if (x <= 0.5) {
                    return (2L << q) + k; // A = 1/2 + z/4
                }
                return k > 0 ? 4L << q : 0;
            }

            @Override
            BigDecimal anchor(BigDecimal z, boolean pos, double x) {
                if (x <= 0.5) {
                    return HALF.add(z.multiply(QUARTER));
                }
                return pos ? BigDecimal.ONE : BigDecimal.ZERO;
            }

            @Override
            double[] anchorDouble(double z, boolean pos, double x) {
                if (x <= 0.5) {
                    double q = z * 0.25;
                    return q * 4 == z ? new double[] {0.5, q} : null; // z/4 exact unless it underflows
                }
                return new double[] {pos ? 1 : 0, 0};
            }

            @Override
            int tailSign(long k, double x) {
                return k > 0 ? -1 : 1; // near 0: T = -(z/4 - tanh(z/2)/2); else as the table says
            }

            @Override
            boolean tiny(double x, boolean pos) {
                return x >= 700; // 1/(1+e^x) < e^-700 < 2^-1009
            }

            @Override
            double tail(double x, boolean pos) {
                return x <= 0.5 ? 0.5 * xMinusTanh(0.5 * x) : 1 / (1 + Math.exp(x));
            }

            @Override
            BigDecimal[] tail(BigDecimal x, boolean pos, int prec) {
                int w = prec + 10;
                if (x.compareTo(HALF) <= 0) {
                    BigDecimal[] t = IntervalMath.xMinusTanh(x.multiply(HALF), w);
                    return new BigDecimal[] {t[0].multiply(HALF), t[1].multiply(HALF)};
                }
                return overOnePlus(BigDecimal.ONE, IntervalMath.exp(x, x, w), w);
            }

            @Override
            double apply(double z) {
                return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
            }
        },
        TANH("tanh") {
            @Override
            long anchor4(long k, int q, double x) {
                if (x <= 0.5) {
                    return 4 * k; // A = z
                }
                return k > 0 ? 4L << q : -(4L << q);
            }

            @Override
            BigDecimal anchor(BigDecimal z, boolean pos, double x) {
                if (x <= 0.5) {
                    return z;
                }
                return pos ? BigDecimal.ONE : BigDecimal.ONE.negate();
            }

            @Override
            double[] anchorDouble(double z, boolean pos, double x) {
                return new double[] {x <= 0.5 ? z : pos ? 1 : -1, 0};
            }

            @Override
            int tailSign(long k, double x) {
                return k > 0 ? -1 : 1;
            }

            @Override
            boolean tiny(double x, boolean pos) {
                return x >= 350; // 2/(e^(2x)+1) < 2 e^-700 < 2^-1008
            }

            @Override
            double tail(double x, boolean pos) {
                return x <= 0.5 ? xMinusTanh(x) : 2 / (Math.exp(2 * x) + 1);
            }

            @Override
            BigDecimal[] tail(BigDecimal x, boolean pos, int prec) {
                int w = prec + 10;
                if (x.compareTo(HALF) <= 0) {
                    return IntervalMath.xMinusTanh(x, w);
                }
                BigDecimal x2 = x.add(x);
                return overOnePlus(BigDecimal.valueOf(2), IntervalMath.exp(x2, x2, w), w);
            }

            @Override
            double apply(double z) {
                return Math.tanh(z);
            }
        },
        ELU("elu") { // only z < 0 reaches the tail methods
            @Override
            long anchor4(long k, int q, double x) {
                return x <= 1 ? 0 : -(4L << q);
            }

            @Override
            BigDecimal anchor(BigDecimal z, boolean pos, double x) {
                return x <= 1 ? BigDecimal.ZERO : BigDecimal.ONE.negate();
            }

            @Override
            double[] anchorDouble(double z, boolean pos, double x) {
                return new double[] {x <= 1 ? 0 : -1, 0};
            }

            @Override
            int tailSign(long k, double x) {
                return x <= 1 ? -1 : 1;
            }

            @Override
            boolean tiny(double x, boolean pos) {
                return x >= 700; // e^-x < 2^-1009
            }

            @Override
            double tail(double x, boolean pos) {
                return x <= 1 ? -Math.expm1(-x) : Math.exp(-x);
            }

            @Override
            BigDecimal[] tail(BigDecimal x, boolean pos, int prec) {
                int w = prec + 10;
                return x.compareTo(BigDecimal.ONE) <= 0 ? IntervalMath.oneMinusExpNeg(x, w) : IntervalMath.expNeg(x, x, w);
            }

            @Override
            double apply(double z) {
                return z > 0 ? z : Math.expm1(z);
            }
        },
        SOFTPLUS("softplus") {
            @Override
            int tailSign(long k, double x) {
                return 1;
            }

            @Override
            boolean tiny(double x, boolean pos) {
                return x >= 700; // log1p(e^-x) < e^-x < 2^-1009
            }

            @Override
            double tail(double x, boolean pos) {
                return Math.log1p(Math.exp(-x));
            }

            @Override
            BigDecimal[] tail(BigDecimal x, boolean pos, int prec) {
                int w = prec + 10;
                BigDecimal[] u = IntervalMath.expNeg(x, x, w);
                return IntervalMath.log1p(u[0], u[1], w);
            }

            @Override
            double apply(double z) {
                return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
            }
        },
        SILU("silu") {
            @Override
            int tailSign(long k, double x) {
                return -1;
            }

            @Override
            boolean tiny(double x, boolean pos) {
                return x >= 700; // x/(1+e^x) < x e^-x <= 700 e^-700 < 2^-999 (x e^-x decreases for x > 1)
            }

            @Override
            double tail(double x, boolean pos) {
                return x / (1 + Math.exp(x));
            }

            @Override
            BigDecimal[] tail(BigDecimal x, boolean pos, int prec) {
                int w = prec + 10;
                return overOnePlus(x, IntervalMath.exp(x, x, w), w);
            }

            @Override
            double apply(double z) {
                return z * SIGMOID.apply(z);
            }
        },
        MISH("mish") {
            @Override
            int tailSign(long k, double x) {
                return -1;
            }

            @Override
            boolean tiny(double x, boolean pos) {
                // z > 0: 2x/((1+e^x)^2+1) < 2x e^-2x <= 700 e^-700 < 2^-999 for x >= 350
                // z < 0: x v/(v+2) < x (3w)/2 = 1.5 x e^-x <= 1050 e^-700 < 2^-999 for x >= 700
                return pos ? x >= 350 : x >= 700;
            }

            @Override
            double tail(double x, boolean pos) {
                if (pos) {
                    double u = 1 + Math.exp(x);
                    return 2 * x / (u * u + 1);
                }
                double w = Math.exp(-x);
                double v = w * (w + 2);
                return x * v / (v + 2);
            }

            @Override
            BigDecimal[] tail(BigDecimal x, boolean pos, int prec) {
                int w = prec + 10;
                if (pos) {
                    BigDecimal[] e = IntervalMath.exp(x, x, w);
                    BigDecimal flo = e[0].add(BigDecimal.ONE).pow(2, down(w)).add(BigDecimal.ONE);
                    BigDecimal fhi = e[1].add(BigDecimal.ONE).pow(2, up(w)).add(BigDecimal.ONE);
                    BigDecimal x2 = x.add(x);
                    return new BigDecimal[] {x2.divide(fhi, down(w)), x2.divide(flo, up(w))};
                }
                BigDecimal[] e = IntervalMath.expNeg(x, x, w);
                BigDecimal two = BigDecimal.valueOf(2);
                BigDecimal vlo = e[0].multiply(e[0].add(two), down(w));
                BigDecimal vhi = e[1].multiply(e[1].add(two), up(w));
                // x v/(v+2) increases with v
                return new BigDecimal[] {x.multiply(vlo.divide(vlo.add(two), down(w)), down(w)),
                        x.multiply(vhi.divide(vhi.add(two), up(w)), up(w))};
            }

            @Override
            double apply(double z) {
                if (z > 0) {
                    double u = 1 + Math.exp(-z); // mish = z (1 - 2/(u'^2+1)) with u' = 1+e^z; use e^-z form
                    double e = Math.exp(-z);
                    // (1+e^z)^2 + 1 = e^(2z) ((1+e^-z)^2 + e^(-2z))
                    return z - 2 * z * e * e / (u * u + e * e);
                }
                double w = Math.exp(z);
                double v = w * (w + 2);
                return z * v / (v + 2);
            }
        },
        GELU("gelu") {
            @Override
            int tailSign(long k, double x) {
                return -1;
            }

            @Override
            boolean tiny(double x, boolean pos) {
                // (x/2) erfc(x/sqrt2) < (x/2) e^(-x^2/2) / ((x/sqrt2) sqrt(pi)) = e^(-x^2/2)/sqrt(2 pi) < 2^-987
                // for x >= 37, by the classical bound erfc(u) < e^(-u^2)/(u sqrt(pi)), u > 0
                return x >= 37;
            }

            @Override
            double tail(double x, boolean pos) {
                return 0.5 * x * ErrorFunction.erfcHalfSqrt2(x);
            }

            @Override
            double argumentError(double x) {
                return x * x * 0x1p-47; // e^(-x^2/2) with x^2/2 computed inexactly; see ErrorFunction
            }

            @Override
            BigDecimal[] tail(BigDecimal x, boolean pos, int prec) {
                return IntervalMath.geluTail(x, prec + 10);
            }

            @Override
            double apply(double z) {
                return z * ErrorFunction.phi(z);
            }
        },
        GELU_TANH("gelu_tanh") {
            @Override
            int tailSign(long k, double x) {
                return -1;
            }

            @Override
            boolean tiny(double x, boolean pos) {
                // p = x + 0.044715 x^3 in double has relative error < 2^-49, and sqrt(2/pi) > 0.7978, so
                // 0.7978 p >= 351 gives y >= 350 and x/(e^(2y)+1) < x e^-700 < 2^31 2^-1009 < 2^-978
                double p = x + 0.044715 * x * x * x;
                return 0.7978 * p >= 351;
            }

            @Override
            double tail(double x, boolean pos) {
                double y = SQRT_2_OVER_PI * (x + 0.044715 * x * x * x);
                return x / (Math.exp(2 * y) + 1);
            }

            @Override
            double argumentError(double x) {
                // 2y has relative error < 2^-49 (constants and 5 roundings), so e^(2y) has relative error
                // < 2y 2^-49; assumed 2y 2^-46
                return 2 * SQRT_2_OVER_PI * (x + 0.044715 * x * x * x) * 0x1p-46;
            }

            @Override
            BigDecimal[] tail(BigDecimal x, boolean pos, int prec) {
                int w = prec + 10;
                BigDecimal[] c = IntervalMath.sqrtTwoOverPi(w);
                BigDecimal p = x.add(GELU_TANH_CUBIC.multiply(x.pow(3))); // exact
                BigDecimal ylo = c[0].multiply(p, down(w));
                BigDecimal yhi = c[1].multiply(p, up(w));
                BigDecimal[] e = IntervalMath.exp(ylo.add(ylo), yhi.add(yhi), w);
                return overOnePlus(x, e, w);
            }

            @Override
            double apply(double z) {
                double y = SQRT_2_OVER_PI * (z + 0.044715 * z * z * z);
                return 0.5 * z * (1 + Math.tanh(y));
            }
        };

        final String specName;

        Kind(String specName) {
            this.specName = specName;
        }

        /**
         * {@code 4 D = 4 A 2^q} for {@code k != 0}; {@code x = |z|}. By default the anchor is
         * {@code relu(z)}, for the activations that approach {@code max(0, z)} (softplus, silu, mish,
         * gelu, gelu_tanh); sigmoid, tanh and elu override it.
         */
        long anchor4(long k, int q, double x) {
            return k > 0 ? 4 * k : 0;
        }

        /** The anchor {@code A} itself for {@code z != 0}, exact; the same choice as {@link #anchor4}. */
        BigDecimal anchor(BigDecimal z, boolean pos, double x) {
            return pos ? z : BigDecimal.ZERO;
        }

        /**
         * The anchor of {@link #anchor} as an exact sum of two doubles {@code {hi, lo}}, or null if it is not
         * one; {@code z} is the argument (a double, {@code x = |z|}).
         */
        double[] anchorDouble(double z, boolean pos, double x) {
            return new double[] {pos ? z : 0, 0};
        }

        /** The sign of {@code T} for {@code k != 0}. */
        abstract int tailSign(long k, double x);

        /** Whether {@code |T| < 2^-900} is proved for this {@code x = |z|}. */
        abstract boolean tiny(double x, boolean pos);

        /** {@code |T|} in double; relative error below {@code 2^-40 + argumentError(x)}. */
        abstract double tail(double x, boolean pos);

        /** The part of the relative error bound of {@link #tail(double, boolean)} due to inexact exponents. */
        double argumentError(double x) {
            return 0;
        }

        /** A rigorous enclosure {@code {lo, hi}} of {@code |T|}, {@code 0 <= lo}, width about {@code 10^-prec} relative. */
        abstract BigDecimal[] tail(BigDecimal x, boolean pos, int prec);

        abstract double apply(double z);
    }
}

package dev.fxnet.arith;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.ActivationRounding;
import dev.fxnet.activation.GridActivation;
import dev.fxnet.activation.MonotoneRounding;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Floating-point arithmetic on the codes of a {@link FloatFormat} (SPEC §8): a format, a {@link Rounding}
 * mode and a {@link FloatOverflow} policy.
 *
 * <h2>rho</h2>
 * For an exact real {@code v != 0}: {@code E = max(floor(log2 |v|), emin)}, {@code u = 2^(E - m)}, round
 * {@code v / u} to an integer {@code k} in the mode, giving {@code k u} (a carry into the next binade is
 * exact); then, if {@code |k u| > Omega}, the overflow policy: {@code SATFINITE} gives {@code +-Omega};
 * {@code INF} gives {@code +-inf} when the mode is a nearest mode or rounds away from zero at that sign,
 * else {@code +-Omega}; {@code NAN} gives NaN where {@code INF} would give an infinity. {@code rho(0) = 0}
 * ({@code -0} is {@code +0}). Every rounding is exact: rationals are rounded with
 * {@link Rounding#roundQuotient(BigInteger, BigInteger)}, doubles by their exact binary expansion.
 *
 * <h2>Operations</h2>
 * {@code add}, {@code multiply}, {@code subtract}, {@code fma} and both {@code fusedSum}s are the exact
 * real operation followed by {@code rho}; the sum or product of two values is computed in double when it is
 * provably exact there (a product of two significands of at most 15 bits has at most 30 bits, exact
 * unless it leaves the normal double range; a sum is checked exact by the TwoSum error term), else in
 * {@link BigDecimal}. Special operands (codes outside {@code minCode..maxCode}, only with {@code INF} or
 * {@code NAN}) follow IEEE 754: NaN propagates, {@code inf - inf} and {@code 0 * inf} are NaN, an infinity
 * absorbs finite terms.
 *
 * <h2>Activations</h2>
 * {@link #tau} rounds {@code sigma(value(z))} correctly with {@code rho} ({@link GridActivation}); at
 * {@code +-inf} it rounds the limit of {@code sigma}; {@code tau(NaN) = NaN}.
 *
 * <p>Immutable and thread-safe.
 */
public final class FloatArithmetic implements Arithmetic, ActivationRounding {
    private final FloatFormat format;
    private final Rounding rounding;
    private final FloatOverflow overflow;
    private final long n;
    private final int m;
    private final int emin;
    private final double[] magnitudes;
    private final FloatRho rho;
    private final MonotoneRounding extended = new Extended();
    /** {@code value / 2^(emin - m)} per magnitude code, or null where those integers would not fit in 62 bits. */
    private final long[] numerators;

    private FloatArithmetic(FloatFormat format, Rounding rounding, FloatOverflow overflow) {
        this.format = format;
        this.rounding = rounding;
        this.overflow = overflow;
        this.n = format.positiveCount();
        this.m = format.mantissaBits();
        this.emin = format.emin();
        this.magnitudes = new double[(int) n + 1];
        for (int i = 0; i <= n; i++) {
            magnitudes[i] = format.doubleValue(i);
        }
        this.numerators = numerators(format);
        this.rho = new FloatRho(format, rounding, overflow);
    }

    /** Every value is an integer multiple of {@code 2^(emin - m)}; these integers, when they fit in 62 bits. */
    private static long[] numerators(FloatFormat f) {
        int m = f.mantissaBits();
        long n = f.positiveCount();
        long topB = n >> m;
        if (f.emin() - m > 0 || topB - 1 + m + 1 > 62) {
            return null;
        }
        long[] num = new long[(int) n + 1];
        for (int i = 0; i <= n; i++) {
            long b = i >> m;
            long t = i & ((1L << m) - 1);
            num[i] = b == 0 ? t : ((1L << m) + t) << (b - 1);
        }
        return num;
    }

    /**
     * The arithmetic of {@code format} with the given modes.
     *
     * @throws IllegalArgumentException with the reason, for {@code INF} without {@code IEEE} specials or
     *     {@code NAN} without {@code FN} specials
     */
    public static FloatArithmetic of(FloatFormat format, Rounding rounding, FloatOverflow overflow) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(rounding, "rounding");
        Objects.requireNonNull(overflow, "overflow");
        if (overflow == FloatOverflow.INF && format.specials() != FloatFormat.Specials.IEEE) {
            throw new IllegalArgumentException("overflow INF needs a format with infinities (specials=IEEE); " + format
                    + " has specials=" + format.specials());
        }
        if (overflow == FloatOverflow.NAN && format.specials() != FloatFormat.Specials.FN) {
            throw new IllegalArgumentException("overflow NAN needs a format with NaN and no infinities (specials=FN); "
                    + format + " has specials=" + format.specials());
        }
        return new FloatArithmetic(format, rounding, overflow);
    }

    /** The arithmetic of {@code format} with the defaults {@code HALF_EVEN} and {@code SATFINITE}. */
    public static FloatArithmetic of(FloatFormat format) {
        return of(format, Rounding.HALF_EVEN, FloatOverflow.SATFINITE);
    }

    public FloatFormat format() {
        return format;
    }

    public Rounding rounding() {
        return rounding;
    }

    public FloatOverflow overflow() {
        return overflow;
    }

    @Override
    public long minCode() {
        return -n;
    }

    @Override
    public long maxCode() {
        return n;
    }

    /** Whether {@code code} is NaN (only under {@code NAN} or {@code INF}). */
    public boolean isNaN(long code) {
        return code == n + 2;
    }

    /**
     * The exact value of a finite code.
     *
     * @throws ArithmeticException if {@code code} is a special (infinity or NaN)
     * @throws IllegalArgumentException if {@code code} is not a code of this arithmetic
     */
    @Override
    public BigDecimal value(long code) {
        return new BigDecimal(doubleValue(code)); // exact
    }

    /**
     * The exact value of a code as a double; infinities and NaN as the double specials.
     *
     * @throws IllegalArgumentException if {@code code} is not a code of this arithmetic
     */
    public double doubleValueOrSpecial(long code) {
        if (code >= -n && code <= n) {
            return code < 0 ? -magnitudes[(int) -code] : magnitudes[(int) code];
        }
        checkCode(code);
        return code == n + 2 ? Double.NaN : code > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    private double doubleValue(long code) {
        if (code >= -n && code <= n) {
            return code < 0 ? -magnitudes[(int) -code] : magnitudes[(int) code];
        }
        checkCode(code);
        throw new ArithmeticException("code " + code + " is " + decimal(code) + ", which has no real value");
    }

    private void checkCode(long code) {
        boolean ok = (code == n + 2 && overflow != FloatOverflow.SATFINITE)
                || (Math.abs(code) == n + 1 && overflow == FloatOverflow.INF);
        if (!ok) {
            throw new IllegalArgumentException("code " + code + " is not a code of " + this + " (finite codes " + -n
                    + ".." + n + specialNote() + ")");
        }
    }

    private String specialNote() {
        switch (overflow) {
            case INF:
                return ", -inf " + -(n + 1) + ", +inf " + (n + 1) + ", nan " + (n + 2);
            case NAN:
                return ", nan " + (n + 2);
            default:
                return "";
        }
    }

    /**
     * The exact decimal of a finite code, or {@code inf}, {@code -inf}, {@code nan}.
     *
     * @throws IllegalArgumentException if {@code code} is not a code of this arithmetic
     */
    @Override
    public String decimal(long code) {
        if (isSpecial(code)) {
            checkCode(code);
        }
        if (code == n + 2) {
            return "nan";
        }
        if (code == n + 1) {
            return "inf";
        }
        if (code == -(n + 1)) {
            return "-inf";
        }
        return value(code).toPlainString();
    }

    @Override
    public OptionalLong codeOf(BigDecimal v) {
        long c = round(v);
        return isFinite(c) && value(c).compareTo(v) == 0 ? OptionalLong.of(c) : OptionalLong.empty();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Decimals of huge or tiny magnitude are not expanded: {@code |x| >= 10^320} is beyond every
     * format's {@code Omega < 2^1024} and overflows, and {@code 0 < |x| < 10^-340 < 2^-1129} rounds like
     * any other value below half the smallest subnormal ({@code >= 2^-1075}), e.g. {@code 2^-1200}.
     */
    @Override
    public long round(BigDecimal x) {
        if (x.signum() == 0) {
            return 0;
        }
        long log10 = (long) x.precision() - x.scale() - 1; // 10^log10 <= |x| < 10^(log10 + 1)
        if (log10 >= 320) {
            return rho.finish(rho.overflowCode(x.signum() < 0));
        }
        if (log10 < -340) {
            return roundRational(BigInteger.valueOf(x.signum()), BigInteger.ONE.shiftLeft(1200));
        }
        return rho.finish(rho.roundExtended(x));
    }

    /** {@code rho(num / den)}, exactly; {@code den > 0}. */
    public long roundRational(BigInteger num, BigInteger den) {
        return rho.finish(rho.roundExtended(num, den));
    }

    /** {@code rho} of a double's exact value (finite). */
    public long roundDouble(double v) {
        return rho.finish(rho.roundDoubleExtended(v));
    }

    private boolean isSpecial(long code) {
        return code < -n || code > n;
    }

    private long nan() {
        return n + 2;
    }

    @Override
    public long add(long a, long b) {
        if (isSpecial(a) || isSpecial(b)) {
            return addSpecial(a, b);
        }
        double x = doubleValue(a);
        double y = doubleValue(b);
        double s = x + y;
        double bv = s - x;
        double err = (x - (s - bv)) + (y - bv); // TwoSum: s + err = x + y exactly (no overflow: |s| < 2^1025)
        if (err == 0 && !Double.isInfinite(s)) {
            return roundDouble(s);
        }
        if (Math.abs(s) >= Double.MIN_NORMAL && !Double.isInfinite(s)) {
            return rho.finish(rho.roundDoubleWithError(s, err));
        }
        return round(new BigDecimal(x).add(new BigDecimal(y)));
    }

    private long addSpecial(long a, long b) {
        checkOperand(a);
        checkOperand(b);
        if (a == nan() || b == nan()) {
            return nan();
        }
        boolean ia = isSpecial(a);
        boolean ib = isSpecial(b);
        if (ia && ib && a != b) {
            return nan(); // inf - inf
        }
        return ia ? a : b;
    }

    private void checkOperand(long code) {
        if (isSpecial(code)) {
            checkCode(code);
        }
    }

    @Override
    public long subtract(long a, long b) {
        return add(a, negate(b));
    }

    /** {@code -b} (exact); NaN stays NaN. */
    public long negate(long code) {
        checkOperand(code);
        return code == nan() ? code : -code;
    }

    @Override
    public long multiply(long a, long b) {
        if (isSpecial(a) || isSpecial(b)) {
            return multiplySpecial(a, b);
        }
        double p = doubleValue(a) * doubleValue(b);
        if (Math.abs(p) >= Double.MIN_NORMAL && !Double.isInfinite(p)) {
            return roundDouble(p); // exact: at most 30 significant bits, normal range
        }
        if (a == 0 || b == 0) {
            return 0;
        }
        return round(value(a).multiply(value(b)));
    }

    private long multiplySpecial(long a, long b) {
        checkOperand(a);
        checkOperand(b);
        if (a == nan() || b == nan() || a == 0 || b == 0) {
            return nan(); // NaN propagates; 0 * inf
        }
        return (a < 0) == (b < 0) ? n + 1 : -(n + 1);
    }

    @Override
    public long fma(long w, long y, long b) {
        return fusedSum(b, new long[] {w}, new long[] {y}, new long[] {1}, 1);
    }

    @Override
    public long fusedSum(long bias, long[] weights, long[] inputs, int count) {
        long[] ones = new long[count];
        java.util.Arrays.fill(ones, 1);
        return fusedSum(bias, weights, inputs, ones, count);
    }

    /**
     * The exact sum of the bias and the {@code copies[i]}-fold products, rounded once; with special
     * operands as IEEE 754 (NaN if any term is NaN or {@code 0 * inf}, or infinities of both signs occur).
     */
    @Override
    public long fusedSum(long bias, long[] weights, long[] inputs, long[] copies, int count) {
        long special = specialSum(bias, weights, inputs, count);
        if (special != 0) {
            return special;
        }
        if (numerators != null) {
            long r = fusedSumLong(bias, weights, inputs, copies, count);
            if (r != Long.MIN_VALUE) {
                return r;
            }
        }
        BigDecimal s = value(bias);
        for (int i = 0; i < count; i++) {
            if (copies[i] != 0 && weights[i] != 0 && inputs[i] != 0) {
                s = s.add(BigDecimal.valueOf(copies[i]).multiply(value(weights[i])).multiply(value(inputs[i])));
            }
        }
        return round(s);
    }

    /**
     * The fused sum of finite operands in {@code long}, in units of {@code 2^(2(emin - m))}: exact, or
     * {@code Long.MIN_VALUE} when some step would overflow 63 bits or the sum is not exactly a double
     * (then the caller computes it in {@code BigDecimal}).
     */
    private long fusedSumLong(long bias, long[] weights, long[] inputs, long[] copies, int count) {
        int shift = m - emin; // >= 0: numerators are in units of 2^-shift
        long nb = signedNumerator(bias);
        if (Math.abs(nb) >= 1L << Math.max(0, 62 - shift)) {
            return Long.MIN_VALUE;
        }
        long acc = nb << shift;
        for (int i = 0; i < count; i++) {
            long p = exactProduct(signedNumerator(weights[i]), signedNumerator(inputs[i]));
            long t = p == Long.MIN_VALUE ? p : exactProduct(p, copies[i]);
            if (t == Long.MIN_VALUE) {
                return Long.MIN_VALUE;
            }
            long sum = acc + t;
            if (((acc ^ sum) & (t ^ sum)) < 0) {
                return Long.MIN_VALUE;
            }
            acc = sum;
        }
        if (Math.abs(acc) >= 1L << 53 || 2 * shift > 1000) {
            return Long.MIN_VALUE;
        }
        double v = Math.scalb((double) acc, -2 * shift); // exact: |acc| < 2^53 and |v| >= 2^-1000 when acc != 0
        if (v != 0 && Math.abs(v) < Double.MIN_NORMAL) {
            return Long.MIN_VALUE;
        }
        return v == 0 ? 0 : roundDouble(v);
    }

    private long signedNumerator(long code) {
        return code < 0 ? -numerators[(int) -code] : numerators[(int) code];
    }

    /** {@code a * b} if it fits in a long other than {@code Long.MIN_VALUE}, else {@code Long.MIN_VALUE}. */
    private static long exactProduct(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        boolean fits = (hi == 0 && lo >= 0) || (hi == -1 && lo < 0);
        return fits && lo != Long.MIN_VALUE ? lo : Long.MIN_VALUE;
    }

    /** The special result of a fused sum with special operands, or 0 when every operand is finite. */
    private long specialSum(long bias, long[] weights, long[] inputs, int count) {
        long acc = 0; // 0 = no special yet, else the special code of the terms so far
        if (isSpecial(bias)) {
            checkOperand(bias);
            acc = bias;
        }
        for (int i = 0; i < count; i++) {
            if (isSpecial(weights[i]) || isSpecial(inputs[i])) {
                long t = multiplySpecial(weights[i], inputs[i]);
                acc = acc == 0 ? t : addSpecial(acc, t);
            }
        }
        return acc;
    }

    @Override
    public boolean saturates() {
        return overflow == FloatOverflow.SATFINITE;
    }

    @Override
    public boolean wraps() {
        return false;
    }

    /**
     * {@code tau(code) = rho(sigma(value(code)))}, correctly rounded; at {@code +-inf} the limit of
     * {@code sigma} rounded, at NaN NaN (SPEC §8).
     *
     * @throws IllegalArgumentException if {@code sigma} is not a built-in or {@code code} not a code
     */
    @Override
    public long tau(Activation sigma, long code) {
        if (!isSpecial(code)) {
            return rho.finish(GridActivation.round(sigma, doubleValue(code), extended));
        }
        checkCode(code);
        if (code == nan()) {
            return code;
        }
        Optional<BigDecimal> lim = GridActivation.limit(sigma, code > 0);
        return lim.isPresent() ? round(lim.get()) : code;
    }

    /** The format's name, e.g. {@code e4m3}. */
    @Override
    public String formatName() {
        return format.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FloatArithmetic)) {
            return false;
        }
        FloatArithmetic f = (FloatArithmetic) o;
        return format.equals(f.format) && rounding == f.rounding && overflow == f.overflow;
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, rounding, overflow);
    }

    @Override
    public String toString() {
        return format + " " + rounding + " " + overflow;
    }

    /** rho as a monotone step function (overflow to NaN kept as +-(N+1)), for {@link GridActivation}. */
    private final class Extended implements MonotoneRounding {
        @Override
        public long round(BigInteger num, BigInteger den) {
            return rho.roundExtended(num, den);
        }

        @Override
        public long roundDouble(double v) {
            return rho.roundDoubleExtended(v);
        }

        @Override
        public int resolutionBits() {
            return m - emin + 1; // steps at grid points or midpoints, multiples of 2^(emin - m - 1)
        }

        /** Within {@code [|v|/2, 2|v|]} the binades have exponents {@code >= max(floor(log2|v|) - 1, emin)}. */
        @Override
        public int resolutionBitsNear(double v) {
            if (v == 0 || !Double.isFinite(v)) {
                return resolutionBits();
            }
            return m + 1 - Math.max(Math.getExponent(v) - 1, emin);
        }
    }
}

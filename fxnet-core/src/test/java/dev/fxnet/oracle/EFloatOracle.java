package dev.fxnet.oracle;

import com.upokecenter.numbers.EContext;
import com.upokecenter.numbers.EFloat;
import com.upokecenter.numbers.EInteger;
import com.upokecenter.numbers.ERounding;
import java.util.Objects;

/**
 * SPEC §8 on top of peteroupc's arbitrary-precision {@link EFloat} (an implementation that shares no code
 * with fxnet): bit patterns are decoded by the SPEC's formulas into exact EFloats, results are rounded by
 * {@link EFloat#RoundToPrecision} with an {@link EContext} of {@code m + 1} significant bits, the format's
 * least normal exponent (so subnormals are gradual, as in IEEE 754) and an exponent range far above the
 * format's (so the rounding is that of an unbounded exponent), and SPEC §8's overflow rule is applied by
 * hand to that result.
 *
 * <p>EFloat has seven of the nine modes. The two it lacks are mapped by the sign of the exact value,
 * which is never zero when rounding is needed: {@code HALF_CEILING} (ties toward plus infinity) is
 * {@code HalfUp} (ties away from zero) for positive and {@code HalfDown} (ties toward zero) for negative
 * values; {@code HALF_FLOOR} the other way round.
 */
public final class EFloatOracle {
    /** A result: a finite exact value, or one of the specials. */
    public static final class Result {
        public final EFloat value; // null for a special
        public final String special; // "inf", "-inf", "nan" or null

        private Result(EFloat value, String special) {
            this.value = value;
            this.special = special;
        }

        static Result finite(EFloat v) {
            return new Result(v, null);
        }

        static Result special(String s) {
            return new Result(null, s);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Result)) {
                return false;
            }
            Result r = (Result) o;
            if (special != null || r.special != null) {
                return Objects.equals(special, r.special);
            }
            return value.CompareToValue(r.value) == 0; // -0 equals +0
        }

        @Override
        public int hashCode() {
            return special != null ? special.hashCode() : 0;
        }

        @Override
        public String toString() {
            return special != null ? special : value.toString();
        }
    }

    public final int e;
    public final int m;
    public final int bias;
    public final String specials;
    private final EFloat omega;
    private final EContext[] contexts = new EContext[ERounding.values().length];

    public EFloatOracle(int e, int m, int bias, String specials) {
        this.e = e;
        this.m = m;
        this.bias = bias;
        this.specials = specials;
        EFloat max = EFloat.Zero;
        for (int bits = 0; bits < 1 << (e + m); bits++) {
            Result r = decode(bits);
            if (r.special == null && r.value.CompareToValue(max) > 0) {
                max = r.value;
            }
        }
        this.omega = max;
        for (ERounding r : ERounding.values()) {
            contexts[r.ordinal()] = EContext.ForPrecisionAndRounding(m + 1, r).WithPrecisionInBits(true)
                    .WithAdjustExponent(true).WithExponentRange(1 - bias, (1 << e) - bias + 200);
        }
    }

    /** The value of a bit pattern by SPEC §8's encoding table. */
    public Result decode(int bits) {
        boolean neg = ((bits >> (e + m)) & 1) != 0;
        int b = (bits >> m) & ((1 << e) - 1);
        int t = bits & ((1 << m) - 1);
        int top = (1 << e) - 1;
        if (b == top && specials.equals("IEEE")) {
            return t == 0 ? Result.special(neg ? "-inf" : "inf") : Result.special("nan");
        }
        if (b == top && specials.equals("FN") && t == (1 << m) - 1) {
            return Result.special("nan");
        }
        EFloat v = b == 0 ? EFloat.Create(EInteger.FromInt32(t), EInteger.FromInt32(1 - bias - m))
                : EFloat.Create(EInteger.FromInt32((1 << m) + t), EInteger.FromInt32(b - bias - m));
        return Result.finite(neg ? v.Negate() : v);
    }

    public EFloat omega() {
        return omega;
    }

    /** rho of the exact value {@code x} in {@code mode} (a SPEC §2 name) with {@code policy} SATFINITE, INF or NAN. */
    public Result round(EFloat x, String mode, String policy) {
        if (x.isZero()) {
            return Result.finite(EFloat.Zero);
        }
        boolean neg = x.signum() < 0;
        return overflow(x.RoundToPrecision(contexts[erounding(mode, neg).ordinal()]), neg, mode, policy);
    }

    /** rho of the exact rational {@code num/den} ({@code den != 0}), correctly rounded by EFloat's division. */
    public Result roundRational(java.math.BigInteger num, java.math.BigInteger den, String mode, String policy) {
        if (num.signum() == 0) {
            return Result.finite(EFloat.Zero);
        }
        boolean neg = num.signum() * den.signum() < 0;
        EFloat a = EFloat.FromEInteger(EInteger.FromString(num.toString()));
        EFloat b = EFloat.FromEInteger(EInteger.FromString(den.toString()));
        return overflow(a.Divide(b, contexts[erounding(mode, neg).ordinal()]), neg, mode, policy);
    }

    /** rho of the exact decimal {@code v}. */
    public Result roundDecimal(java.math.BigDecimal v, String mode, String policy) {
        java.math.BigInteger un = v.unscaledValue();
        if (v.scale() <= 0) {
            return roundRational(un.multiply(java.math.BigInteger.TEN.pow(-v.scale())), java.math.BigInteger.ONE, mode,
                    policy);
        }
        return roundRational(un, java.math.BigInteger.TEN.pow(v.scale()), mode, policy);
    }

    private Result overflow(EFloat r, boolean neg, String mode, String policy) {
        if (r.Abs().CompareToValue(omega) <= 0) {
            return Result.finite(r);
        }
        boolean far = mode.startsWith("HALF_") || mode.equals("UP") || (mode.equals("CEILING") && !neg)
                || (mode.equals("FLOOR") && neg);
        if (policy.equals("SATFINITE") || !far) {
            return Result.finite(neg ? omega.Negate() : omega);
        }
        return policy.equals("INF") ? Result.special(neg ? "-inf" : "inf") : Result.special("nan");
    }

    static ERounding erounding(String mode, boolean negative) {
        switch (mode) {
            case "HALF_EVEN":
                return ERounding.HalfEven;
            case "HALF_UP":
                return ERounding.HalfUp;
            case "HALF_DOWN":
                return ERounding.HalfDown;
            case "HALF_CEILING":
                return negative ? ERounding.HalfDown : ERounding.HalfUp;
            case "HALF_FLOOR":
                return negative ? ERounding.HalfUp : ERounding.HalfDown;
            case "UP":
                return ERounding.Up;
            case "DOWN":
                return ERounding.Down;
            case "CEILING":
                return ERounding.Ceiling;
            case "FLOOR":
                return ERounding.Floor;
            default:
                throw new IllegalArgumentException(mode);
        }
    }
}

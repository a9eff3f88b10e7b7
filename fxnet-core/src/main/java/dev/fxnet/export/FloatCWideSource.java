package dev.fxnet.export;

import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import java.math.BigInteger;

/**
 * The C99 source of {@code fx_neuron}, the WIDE neuron (SPEC §8: the exact sum of the bias and the
 * products, rounded once) for a float format above 8 bits with IEEE specials (binary16, bfloat16),
 * computed exactly with integers; it uses {@code fx_class}, {@code fx_decode} and {@code fx_rho} of
 * {@link FloatCArithmeticSource}.
 *
 * <ul>
 *   <li>Every finite value is {@code +-M 2^e} with {@code M < 2^(m+1)}, {@code e >= s = emin - m};
 *       a product is {@code +-M1 M2 2^(e1+e2)}, {@code M1 M2 < 2^32}, {@code e1 + e2 >= 2s}. The
 *       exact sum is an integer {@code S} in units of {@code 2^u}, {@code u = min(s, 2s)}.
 *   <li>{@code S} is held in {@code K} signed 64-bit limbs, {@code S = sum L[i] 2^(32 i)}: a term
 *       {@code P 2^sh} ({@code sh = e - u >= 0}) is {@code (P << sh % 32)}, below 2^63, split into its
 *       low 32 bits (added to limb {@code sh / 32}) and its high bits (to the next limb); every limb
 *       receives less than 2^32 in magnitude per term, so all stay below 2^62 for a fan-in below
 *       2^30 (checked at export). {@code K} is chosen so that {@code |S| < 2^(32(K-1))}: binary16 5,
 *       bfloat16 19.
 *   <li>Carries are then propagated with floor division (limbs {@code 0..K-2} in {@code [0, 2^32)});
 *       the top limb is {@code -1} or 0, the sign; a negative {@code S} is negated limb by limb and
 *       carried again.
 *   <li>{@code rho(|S| 2^u)}: with the top non-zero limb {@code t >= 1}, {@code T} = limbs
 *       {@code t, t-1} ({@code 2^32 <= T < 2^64}); {@code n = (T >> 3) | sticky} with sticky = any
 *       lower bit non-zero, {@code n 2^(u + 32(t-1) + 3)}. {@code n} has at least 30 bits, so its
 *       last bit is at least 13 bits below the rounding position ({@code p <= 16}); {@code n} and
 *       {@code |S|} agree in the leading bit, the kept bits, the round bit, and in whether any bit
 *       below the round bit is set: every mode (and the overflow policy after it) gives the same
 *       result. With {@code t = 0} the sum is exact ({@code n = L[0]}). {@code fx_rho} is the
 *       PER_OP export's rounding.
 *   <li>Special inputs as fxnet's {@code FloatArithmetic.fusedSum}: a term {@code w * y} with
 *       {@code y} NaN, or {@code 0 * inf}, is NaN; otherwise an infinite {@code y} gives the
 *       infinity of sign {@code sign(w) sign(y)}; NaN if any term is NaN or both infinities occur,
 *       else that infinity, else {@code rho(S)} (bias and weights are finite).
 * </ul>
 */
final class FloatCWideSource {
    /** The export refuses a fan-in from here on (limbs would leave 2^62). */
    static final int MAX_FAN_IN = 1 << 30;

    private FloatCWideSource() {
    }

    /** The sum's unit exponent {@code u = min(s, 2s)}, {@code s = emin - m}. */
    static int unit(FloatFormat f) {
        int s = f.emin() - f.mantissaBits();
        return Math.min(s, 2 * s);
    }

    /** The number of 64-bit limbs: {@code |S| < 2^(32(K-1))} for any fan-in below {@link #MAX_FAN_IN}. */
    static int limbs(FloatFormat f) {
        int sv = f.emin() - f.mantissaBits();
        int u = unit(f);
        BigInteger omega = WideTables.scaled(f.value(f.maxCode()), sv); // Omega in units of 2^s
        BigInteger term = omega.shiftLeft(sv - u).max(omega.multiply(omega).shiftLeft(2 * sv - u));
        int bits = term.bitLength() + 31; // (fan-in + 1) terms, fan-in < 2^30
        return (bits + 31) / 32 + 1;
    }

    /** The source of {@code fx_neuron(bias, src, w, from, to, in)} for {@code ar}. */
    static String of(FloatArithmetic ar) {
        FloatFormat f = ar.format();
        return TEMPLATE
                .replace("@UNIT@", Integer.toString(unit(f)))
                .replace("@LIMBS@", Integer.toString(limbs(f)))
                .replace("@NAN@", Integer.toString(f.bits(f.nanCode())))
                .replace("@PINF@", Integer.toString(f.bits(f.positiveInfinityCode())))
                .replace("@NINF@", Integer.toString(f.bits(f.negativeInfinityCode())));
    }

    private static final String TEMPLATE = """
            #define FX_UNIT (@UNIT@) /* the exact sum is an integer in units of 2^FX_UNIT */
            #define FX_LIMBS @LIMBS@ /* S = sum s[i] * 2^(32 i), |S| < 2^(32 (FX_LIMBS - 1)) */
            #define FX_TWO32 INT64_C(4294967296)

            /* S += (-1)^neg * sig * 2^(exp - FX_UNIT), sig < 2^32, exp >= FX_UNIT */
            static void fx_wide_add(int64_t *s, int neg, uint64_t sig, int exp)
            {
                int sh = exp - FX_UNIT;
                uint64_t v = sig << (sh % 32); /* < 2^63 */
                int64_t lo = (int64_t) (v & UINT64_C(0xFFFFFFFF));
                int64_t hi = (int64_t) (v >> 32);
                if (neg) {
                    s[sh / 32] -= lo;
                    s[sh / 32 + 1] -= hi;
                } else {
                    s[sh / 32] += lo;
                    s[sh / 32 + 1] += hi;
                }
            }

            /* limbs 0 .. FX_LIMBS-2 into [0, 2^32) (floor division), the top limb keeps the sign */
            static void fx_wide_carry(int64_t *s)
            {
                int i;
                for (i = 0; i + 1 < FX_LIMBS; i++) {
                    int64_t c = s[i] >= 0 ? s[i] / FX_TWO32 : -((-s[i] + FX_TWO32 - 1) / FX_TWO32);
                    s[i] -= c * FX_TWO32;
                    s[i + 1] += c;
                }
            }

            /* rho(S * 2^FX_UNIT) as a pattern */
            static int32_t fx_wide_round(int64_t *s)
            {
                int neg = 0, t, i, sticky = 0;
                uint64_t top;
                fx_wide_carry(s);
                if (s[FX_LIMBS - 1] < 0) {
                    neg = 1;
                    for (i = 0; i < FX_LIMBS; i++) {
                        s[i] = -s[i];
                    }
                    fx_wide_carry(s);
                }
                t = FX_LIMBS - 1;
                while (t > 0 && s[t] == 0) {
                    t--;
                }
                if (t == 0) {
                    return fx_rho(neg, s[0], FX_UNIT); /* exact, < 2^32 */
                }
                top = ((uint64_t) s[t] << 32) | (uint64_t) s[t - 1]; /* 2^32 <= top < 2^64 */
                for (i = 0; i < t - 1; i++) {
                    sticky |= s[i] != 0;
                }
                sticky |= (top & 7) != 0;
                /* at least 30 bits: the sticky bit is far below the round bit, rho is unchanged */
                return fx_rho(neg, (int64_t) (top >> 3) | sticky, FX_UNIT + 32 * (t - 1) + 3);
            }

            /* one neuron: IEEE rules when an input is special, else the exact sum rounded once */
            static int32_t fx_neuron(int32_t bias, const int32_t *src, const int32_t *w, int from, int to,
                                     const int32_t *in)
            {
                int64_t s[FX_LIMBS];
                int64_t mw, my;
                int i, k, nw, ny, ew, ey, pinf = 0, ninf = 0, undefined = 0;
                for (i = 0; i < FX_LIMBS; i++) {
                    s[i] = 0;
                }
                fx_decode(bias, &nw, &mw, &ew);
                fx_wide_add(s, nw, (uint64_t) mw, ew);
                for (k = from; k < to; k++) {
                    int32_t y = in[src[k]];
                    int cy = fx_class(y);
                    fx_decode(w[k], &nw, &mw, &ew);
                    if (cy == 0) {
                        fx_decode(y, &ny, &my, &ey);
                        fx_wide_add(s, nw != ny, (uint64_t) (mw * my), ew + ey);
                    } else if (cy == 2 || mw == 0) {
                        undefined = 1; /* NaN input, or 0 * inf */
                    } else if (nw != ((y & FX_SIGN) != 0)) {
                        ninf = 1;
                    } else {
                        pinf = 1;
                    }
                }
                if (undefined || (pinf && ninf)) {
                    return @NAN@;
                }
                if (pinf || ninf) {
                    return pinf ? @PINF@ : @NINF@;
                }
                return fx_wide_round(s);
            }

            """;
}

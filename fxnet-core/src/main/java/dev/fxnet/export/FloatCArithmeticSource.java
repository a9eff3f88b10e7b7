package dev.fxnet.export;

import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.arith.FloatOverflow;
import dev.fxnet.arith.Rounding;

/**
 * The C99 source of {@code fx_add(a, b)} and {@code fx_mul(a, b)} on the bit patterns of a float
 * format of up to 16 bits with IEEE specials (binary16, bfloat16), computed exactly with integers
 * instead of tables (which would have 2^32 entries):
 *
 * <ul>
 *   <li>a finite pattern is {@code (-1)^s * M * 2^e} with an integer significand {@code M < 2^(m+1)};
 *   <li>{@code (*)}: {@code M1 M2 < 2^(2m+2)} and {@code e1 + e2}, exact in 64 bits;
 *   <li>{@code (+)}: the operand with the larger exponent is shifted onto the other's exponent, exact
 *       in 64 bits when the exponents differ by at most {@code m + 3}; beyond, the smaller operand
 *       {@code b < 2^(m+1+e2) <= 2^(e1-2)} is less than a quarter of the spacing {@code 2^e1} of
 *       the larger (normal) operand {@code A}, and is replaced by {@code 2^(e1-3)} of the same sign:
 *       no rounding boundary lies strictly between {@code A} and {@code A +- u/4} (boundaries are
 *       multiples of {@code u/2} in A's binade and of {@code u/4} in the binade below), so
 *       {@code A + b} and {@code A +- 2^(e1-3)} round alike in every mode;
 *   <li>{@code rho(N * 2^e)}: {@code E = max(floor(log2 N) + e, emin)}, the dropped bits
 *       {@code k = E - m - e} decide the increment of the truncated significand by the mode (on the
 *       magnitude, with the sign), a carry to {@code 2^(m+1)} moves to the next binade, then the
 *       overflow policy beyond the largest finite value;
 *   <li>specials as IEEE 754 ({@code inf - inf}, {@code 0 * inf} are NaN, NaN propagates).
 * </ul>
 */
final class FloatCArithmeticSource {
    private FloatCArithmeticSource() {
    }

    /** The functions' source for {@code ar} (IEEE specials, at most 16 bits). */
    static String of(FloatArithmetic ar) {
        return of(ar, true);
    }

    /**
     * The source for {@code ar}: {@code fx_class}, {@code fx_decode}, {@code fx_rho}, and with
     * {@code operations} also {@code fx_mul}, {@code fx_add} (a WIDE export rounds only once and needs
     * no pair operation; strict C refuses unused static functions).
     */
    static String of(FloatArithmetic ar, boolean operations) {
        FloatFormat f = ar.format();
        if (f.specials() != FloatFormat.Specials.IEEE) {
            throw new ExportException("C export computes only formats with IEEE specials above 8 bits; " + f
                    + " has " + f.specials());
        }
        int m = f.mantissaBits();
        int e = f.exponentBits();
        String src = (operations ? CORE + OPERATIONS : CORE)
                .replace("@M@", Integer.toString(m))
                .replace("@SIGN@", Integer.toString(1 << (e + m)))
                .replace("@EMIN@", Integer.toString(f.emin()))
                .replace("@BIAS@", Integer.toString(f.bias()))
                .replace("@BTOP@", Integer.toString((1 << e) - 1))
                .replace("@OMEGA@", Integer.toString(f.bits(f.maxCode())))
                .replace("@INF@", Integer.toString(f.bits(f.positiveInfinityCode())))
                .replace("@NAN@", Integer.toString(f.bits(f.nanCode())))
                .replace("@INCREMENT@", increment(ar.rounding()))
                .replace("@OVERFLOW@", overflow(ar));
        return src;
    }

    /** The C condition (on neg, q, rem, half) for adding one to the truncated magnitude. */
    private static String increment(Rounding r) {
        switch (r) {
            case FLOOR:
                return "rem != 0 && neg";
            case CEILING:
                return "rem != 0 && !neg";
            case DOWN:
                return "0";
            case UP:
                return "rem != 0";
            case HALF_EVEN:
                return "rem > half || (rem == half && (q & 1) != 0)";
            case HALF_UP:
                return "rem >= half";
            case HALF_DOWN:
                return "rem > half";
            case HALF_CEILING:
                return "rem > half || (rem == half && !neg)";
            case HALF_FLOOR:
                return "rem > half || (rem == half && neg)";
            default:
                throw new AssertionError(r);
        }
    }

    /** The C statement returning the overflow result (neg tells the sign). */
    private static String overflow(FloatArithmetic ar) {
        Rounding r = ar.rounding();
        boolean nearest = r.name().startsWith("HALF_");
        String away = nearest || r == Rounding.UP ? "1" : r == Rounding.CEILING ? "!neg" : r == Rounding.FLOOR
                ? "neg" : "0";
        if (ar.overflow() == FloatOverflow.SATFINITE) {
            return "return neg ? (FX_SIGN | FX_OMEGA) : FX_OMEGA;";
        }
        return "return (" + away + ") ? (neg ? (FX_SIGN | FX_INF) : FX_INF) : (neg ? (FX_SIGN | FX_OMEGA) : FX_OMEGA);";
    }

    private static final String CORE = """
            #define FX_M @M@
            #define FX_SIGN @SIGN@
            #define FX_EMIN @EMIN@
            #define FX_BIAS @BIAS@
            #define FX_BTOP @BTOP@
            #define FX_OMEGA @OMEGA@
            #define FX_INF @INF@
            #define FX_NAN @NAN@

            /* 0 finite, 1 infinite, 2 NaN */
            static int fx_class(int32_t p)
            {
                int32_t b = (p & (FX_SIGN - 1)) >> FX_M;
                if (b != FX_BTOP) {
                    return 0;
                }
                return (p & ((1 << FX_M) - 1)) == 0 ? 1 : 2;
            }

            /* a finite pattern as (-1)^neg * sig * 2^exp */
            static void fx_decode(int32_t p, int *neg, int64_t *sig, int *exp)
            {
                int32_t b = (p & (FX_SIGN - 1)) >> FX_M;
                int32_t t = p & ((1 << FX_M) - 1);
                *neg = (p & FX_SIGN) != 0;
                *sig = b == 0 ? t : ((int32_t) 1 << FX_M) + t;
                *exp = (b == 0 ? FX_EMIN : b - FX_BIAS) - FX_M;
            }

            /* rho((-1)^neg * n * 2^exp), n < 2^62, as a pattern */
            static int32_t fx_rho(int neg, int64_t n, int exp)
            {
                int top = 0, k, big;
                int64_t q, rem, half;
                if (n == 0) {
                    return 0;
                }
                while ((n >> top) > 1) {
                    top++;
                }
                big = top + exp; /* floor(log2 |value|) */
                if (big < FX_EMIN) {
                    big = FX_EMIN;
                }
                k = big - FX_M - exp; /* bits to drop */
                if (k <= 0) {
                    q = n << -k;
                    rem = 0;
                    half = 1;
                } else if (k >= 63) {
                    q = 0;
                    rem = 1; /* 0 < n < half: the magnitude is below half a spacing */
                    half = 2;
                } else {
                    q = n >> k;
                    rem = n & ((INT64_C(1) << k) - 1);
                    half = INT64_C(1) << (k - 1);
                }
                (void) rem; /* not every mode looks at both */
                (void) half;
                if (@INCREMENT@) {
                    q++;
                }
                if (q == (INT64_C(1) << (FX_M + 1))) {
                    q >>= 1;
                    big++;
                }
                if (q == 0) {
                    return 0;
                }
                if (q < (INT64_C(1) << FX_M)) {
                    return (int32_t) q | (neg ? FX_SIGN : 0); /* subnormal (big == FX_EMIN) */
                }
                if (big + FX_BIAS >= FX_BTOP) {
                    @OVERFLOW@
                }
                return (int32_t) (((int64_t) (big + FX_BIAS) << FX_M) | (q - (INT64_C(1) << FX_M))) | (neg ? FX_SIGN : 0);
            }

            """;

    private static final String OPERATIONS = """
            static int32_t fx_mul(int32_t a, int32_t b)
            {
                int ca = fx_class(a), cb = fx_class(b), na, nb, ea, eb;
                int64_t sa, sb;
                if (ca == 2 || cb == 2) {
                    return FX_NAN;
                }
                if (ca == 1 || cb == 1) {
                    if ((ca == 0 && (a & (FX_SIGN - 1)) == 0) || (cb == 0 && (b & (FX_SIGN - 1)) == 0)) {
                        return FX_NAN; /* 0 * inf */
                    }
                    return ((a ^ b) & FX_SIGN) != 0 ? (FX_SIGN | FX_INF) : FX_INF;
                }
                fx_decode(a, &na, &sa, &ea);
                fx_decode(b, &nb, &sb, &eb);
                return fx_rho(na != nb, sa * sb, ea + eb);
            }

            static int32_t fx_add(int32_t a, int32_t b)
            {
                int ca = fx_class(a), cb = fx_class(b), na, nb, ea, eb, d;
                int64_t sa, sb, n;
                if (ca == 2 || cb == 2) {
                    return FX_NAN;
                }
                if (ca == 1 && cb == 1) {
                    return ((a ^ b) & FX_SIGN) != 0 ? FX_NAN : a;
                }
                if (ca == 1 || cb == 1) {
                    return ca == 1 ? a : b;
                }
                fx_decode(a, &na, &sa, &ea);
                fx_decode(b, &nb, &sb, &eb);
                if (ea < eb || (ea == eb && sa < sb)) { /* make a the operand with the larger exponent */
                    int ti = na;
                    int64_t ts = sa;
                    na = nb;
                    nb = ti;
                    sa = sb;
                    sb = ts;
                    ti = ea;
                    ea = eb;
                    eb = ti;
                }
                if (sb == 0) {
                    return fx_rho(na, sa, ea);
                }
                d = ea - eb;
                if (d > FX_M + 3) { /* b is below a quarter of a's spacing: a sticky 2^(ea - 3) */
                    sb = 1;
                    eb = ea - 3;
                    d = 3;
                }
                sa <<= d;
                n = na == nb ? sa + sb : sa - sb;
                if (n < 0) {
                    return fx_rho(!na, -n, eb);
                }
                return fx_rho(na, n, eb);
            }

            """;
}

package dev.fxnet.cli;

import dev.fxnet.arith.FloatFormat;
import java.io.PrintWriter;
import java.math.BigDecimal;

/**
 * The text of {@code fxnet info} for a float format (SPEC §8): bias, exponent range, the largest and
 * smallest normal and subnormal values with their bit patterns and codes, the number of finite values,
 * the spacing near 1 and near the largest value, and the special encodings. Every number is exact.
 */
final class FloatInfo {
    private FloatInfo() {
    }

    static void print(FloatFormat f, PrintWriter out) {
        int e = f.exponentBits();
        int m = f.mantissaBits();
        out.println("format        " + f + names(f));
        out.println("bits          n = 1 + e + m = " + f.totalBits() + " (1 sign, " + e + " exponent, " + m
                + " trailing significand)");
        out.println("bit layout    S " + "E".repeat(e) + (m > 0 ? " " + "M".repeat(m) : ""));
        out.println("bias          " + f.bias());
        out.println("emin, emax    " + f.emin() + ", " + f.emax());
        out.println("largest       " + line(f, f.maxCode()));
        long smallestNormal = 1L << m;
        if (smallestNormal <= f.maxCode()) {
            out.println("min normal    " + line(f, smallestNormal) + "  = 2^" + f.emin());
        }
        if (m > 0) {
            out.println("max subnormal " + line(f, Math.min(smallestNormal - 1, f.maxCode())));
            out.println("min subnormal " + line(f, 1) + "  = 2^" + (f.emin() - m));
        } else {
            out.println("subnormals    none (m = 0)");
        }
        out.println("finite values " + (2 * f.maxCode() + 1) + " (codes " + f.minCode() + " .. " + f.maxCode()
                + "; -0 is +0)");
        out.println("spacing at 1  " + power(Math.max(0, f.emin()) - m) + " above 1, "
                + power(Math.max(-1, f.emin()) - m) + " below 1");
        out.println("spacing at largest  " + power(f.emax() - m));
        out.println("specials      " + specials(f));
        out.println("spellings     " + spellings(f));
    }

    private static String names(FloatFormat f) {
        return f.presetNames().size() > 1 ? " (" + String.join(", ", f.presetNames().subList(1, f.presetNames().size())) + ")"
                : "";
    }

    private static String line(FloatFormat f, long code) {
        return f.value(code).toPlainString() + "  (bits " + hex(f, f.bits(code)) + ", code " + code + ")";
    }

    private static String hex(FloatFormat f, int bits) {
        int digits = (f.totalBits() + 3) / 4;
        return String.format("0x%0" + digits + "X", bits);
    }

    private static String power(int k) {
        BigDecimal v = k >= 0 ? new BigDecimal(java.math.BigInteger.ONE.shiftLeft(k))
                : BigDecimal.ONE.divide(new BigDecimal(java.math.BigInteger.ONE.shiftLeft(-k)));
        return "2^" + k + " = " + v.toPlainString();
    }

    private static String specials(FloatFormat f) {
        switch (f.specials()) {
            case IEEE:
                return "IEEE: +inf " + hex(f, f.bits(f.positiveInfinityCode())) + ", -inf "
                        + hex(f, f.bits(f.negativeInfinityCode())) + ", NaN = exponent all ones with trailing bits "
                        + "not 0 (written " + hex(f, f.bits(f.nanCode())) + "); overflow SATFINITE (default) or INF";
            case FN:
                return "FN: NaN " + hex(f, f.bits(f.nanCode())) + " and " + hex(f, f.bits(f.nanCode()) | 1 << (f.totalBits() - 1))
                        + "; no infinities; overflow SATFINITE (default) or NAN";
            default:
                return "FINITE: none, every encoding is a number; overflow SATFINITE";
        }
    }

    private static String spellings(FloatFormat f) {
        StringBuilder sb = new StringBuilder();
        for (String n : f.presetNames()) {
            sb.append(n).append(", ");
        }
        return sb.append(f.generalSpelling()).toString();
    }
}

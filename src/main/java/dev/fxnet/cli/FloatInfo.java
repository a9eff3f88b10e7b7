package dev.fxnet.cli;

import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * What {@code fxnet info} prints for a floating-point format (SPEC §8): bits, bias, emin/emax, the
 * largest and smallest normal and subnormal values, the number of finite values, the spacing near
 * 1 and near the largest value, and the encodings of the specials. Every value is exact (computed
 * from the format's codes).
 */
final class FloatInfo {
    private FloatInfo() {
    }

    /** Prints the description of {@code ar}'s format to {@code out}. */
    static void print(FloatArithmetic ar, PrintWriter out) {
        FloatFormat f = ar.format();
        long n = f.positiveCount();
        long normal1 = 1L << f.mantissaBits(); // the code of the smallest normal, when there is one
        out.println("format        " + f + "  (floating point, SPEC §8)");
        out.println("bits          n = 1 + e + m = " + f.totalBits() + " (1 sign, " + f.exponentBits() + " exponent, "
                + f.mantissaBits() + " trailing significand)");
        out.println("bit layout    s " + "e".repeat(f.exponentBits()) + (f.mantissaBits() > 0 ? " " + "m".repeat(f.mantissaBits()) : ""));
        out.println("bias          " + f.bias() + "  (emin = " + f.emin() + ", emax = " + f.emax() + ")");
        out.println("specials      " + f.specials() + specials(f));
        out.println("largest       " + value(ar, n) + "  (bits " + hex(f, n) + ")");
        out.println("normal min    " + (n >= normal1 ? value(ar, normal1) + "  (bits " + hex(f, normal1) + ")" : "none"));
        out.println("subnormal     " + (f.mantissaBits() > 0 && n >= 1
                ? value(ar, 1) + " .. " + value(ar, Math.min(n, normal1 - 1)) + "  (bits " + hex(f, 1) + " .. "
                        + hex(f, Math.min(n, normal1 - 1)) + ")"
                : "none"));
        out.println("finite values " + (2 * n + 1) + "  (codes -" + n + " .. " + n + "; -0 is the same value as +0)");
        out.println("spacing at 1  " + spacingAbove(ar, BigDecimal.ONE));
        out.println("spacing top   " + (n >= 1 ? ar.value(n).subtract(ar.value(n - 1)).toPlainString() : "none")
                + "  (below the largest)");
        out.println("spellings     " + f + (f.toString().startsWith("float(") ? "" : ", float(" + f.exponentBits() + ","
                + f.mantissaBits() + ",bias=" + f.bias() + ",specials=" + f.specials() + ")"));
    }

    /** The encodings of the specials, e.g. {@code : +inf 0x7C, -inf 0xFC, NaN 0x7F (and every pattern ...)}. */
    private static String specials(FloatFormat f) {
        switch (f.specials()) {
            case IEEE:
                return ": +inf " + hex(f, f.positiveInfinityCode()) + ", -inf " + hex(f, f.negativeInfinityCode())
                        + ", NaN " + hex(f, f.nanCode()) + " (exponent all 1 and trailing bits not 0, either sign)";
            case FN:
                return ": no infinities; NaN " + hex(f, f.nanCode()) + " and " + String.format(Locale.ROOT, "0x%X",
                        f.bits(f.nanCode()) | (1 << (f.totalBits() - 1))) + " (all exponent and trailing bits 1)";
            default:
                return ": none, every encoding is a finite value";
        }
    }

    /** The spacing between the smallest finite value at or above {@code v} and the next one. */
    private static String spacingAbove(FloatArithmetic ar, BigDecimal v) {
        long n = ar.maxCode();
        for (long k = 0; k < n; k++) { // at most 2^15 codes
            if (ar.value(k).compareTo(v) >= 0) {
                return ar.value(k + 1).subtract(ar.value(k)).toPlainString() + "  (from " + ar.decimal(k) + " up)";
            }
        }
        return "none (1 is beyond the largest value)";
    }

    private static String value(FloatArithmetic ar, long code) {
        return ar.decimal(code);
    }

    private static String hex(FloatFormat f, long code) {
        return String.format(Locale.ROOT, "0x%0" + ((f.totalBits() + 3) / 4) + "X", f.bits(code));
    }
}

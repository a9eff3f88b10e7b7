package dev.fxnet.arith;

import java.util.Objects;

/** How the sign of a fixed-point code is represented, which fixes the code range (SPEC §1). */
public enum Encoding {
    /** Codes {@code -(2^(p+q) - 1) .. 2^(p+q) - 1}: sign-magnitude range, closed under negation. The default. */
    SYMMETRIC,
    /** Codes {@code -2^(p+q) .. 2^(p+q) - 1}: what hardware uses. */
    TWOS_COMPLEMENT;

    /**
     * Parses {@code SYMMETRIC} or {@code TWOS_COMPLEMENT} (also {@code twos}, {@code 2c}), ignoring case.
     *
     * @throws IllegalArgumentException naming the value
     */
    public static Encoding parse(String text) {
        Objects.requireNonNull(text, "encoding");
        String t = text.trim().replace('-', '_').toUpperCase(java.util.Locale.ROOT);
        switch (t) {
            case "SYMMETRIC":
            case "SYM":
                return SYMMETRIC;
            case "TWOS_COMPLEMENT":
            case "TWOS":
            case "2C":
                return TWOS_COMPLEMENT;
            default:
                throw new IllegalArgumentException(
                        "unknown encoding '" + text + "'; expected SYMMETRIC or TWOS_COMPLEMENT");
        }
    }
}

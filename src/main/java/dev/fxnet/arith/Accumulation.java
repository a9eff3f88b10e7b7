package dev.fxnet.arith;

import java.util.Locale;
import java.util.Objects;

/** How a neuron sums its bias and weighted inputs (SPEC §4). */
public enum Accumulation {
    /**
     * Every operation rounded, as in the paper: {@code acc = b; acc = acc (+) (w (*) y)} for each
     * listed source in order. The default.
     */
    PER_OP,
    /** A wide accumulator: {@code rho(b + sum w*y)} with the sum exact and one rounding. */
    WIDE;

    /** Parses {@code PER_OP} or {@code WIDE}, ignoring case. */
    public static Accumulation parse(String text) {
        Objects.requireNonNull(text, "accumulation");
        String t = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (Accumulation a : values()) {
            if (a.name().equals(t)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown accumulation '" + text + "'; expected PER_OP or WIDE");
    }
}

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

    /**
     * A neuron's accumulator in arithmetic {@code ar} (SPEC §4): {@code PER_OP}:
     * {@code acc = bias; acc = acc (+) (w_i (*) y_i)} in order; {@code WIDE}:
     * {@code rho(bias + sum w_i y_i)} with the sum exact. Only the first {@code count} pairs are used.
     */
    public long accumulate(Arithmetic ar, long bias, long[] weights, long[] inputs, int count) {
        if (this == WIDE) {
            return ar.fusedSum(bias, weights, inputs, count);
        }
        long acc = bias;
        for (int i = 0; i < count; i++) {
            acc = ar.add(acc, ar.multiply(weights[i], inputs[i]));
        }
        return acc;
    }

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

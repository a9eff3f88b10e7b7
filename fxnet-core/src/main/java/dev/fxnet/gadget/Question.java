package dev.fxnet.gadget;

import java.util.Objects;

/**
 * The question "universal representation?" asked of a {@link Setting} (SPEC §7): with which
 * {@link Weights} and, where the answer depends on it, in which input dimension. With general
 * weights the answer is about every dimension {@code d >= 1} and {@code dims} only says where
 * examples are built; with binary weights the dense first layer makes the answer depend on
 * {@code dims} (docs/THEORY.md §6).
 *
 * @param setting the arithmetic, accumulation and activation
 * @param weights general weights or {@code +-1}
 * @param dims the input dimension, {@code >= 1}
 */
public record Question(Setting setting, Weights weights, int dims) {
    /** The weights a question allows. */
    public enum Weights {
        /** Any value of the format. */
        GENERAL,
        /** {@code +-1} only, with dense layers (SPEC §7). */
        BINARY
    }

    /**
     * @throws NullPointerException if the setting or the weights are null
     * @throws IllegalArgumentException if {@code dims < 1}
     */
    public Question {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(weights, "weights");
        if (dims < 1) {
            throw new IllegalArgumentException("dims must be >= 1, was " + dims);
        }
    }

    /** The question with general weights (about every dimension). */
    public static Question of(Setting setting) {
        return new Question(setting, Weights.GENERAL, 1);
    }

    /** The question with binary weights ({@code true}) in dimension {@code dims}, or with general weights. */
    public static Question of(Setting setting, boolean binary, int dims) {
        return new Question(setting, binary ? Weights.BINARY : Weights.GENERAL, dims);
    }

    /** This question with other weights. */
    public Question withWeights(Weights w) {
        return new Question(setting, w, dims);
    }

    /** This question in dimension {@code d}. */
    public Question withDims(int d) {
        return new Question(setting, weights, d);
    }

    /** Whether the weights are {@code +-1}. */
    public boolean binary() {
        return weights == Weights.BINARY;
    }

    /** E.g. {@code relu p=3,q=3,SYMMETRIC HALF_EVEN SATURATE PER_OP binary}. */
    @Override
    public String toString() {
        return setting + (binary() ? " binary" : "");
    }
}

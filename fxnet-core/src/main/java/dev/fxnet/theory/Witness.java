package dev.fxnet.theory;

import java.util.Arrays;
import java.util.Objects;

/**
 * A concrete function {@code f: F^d -> F} that no network of a setting computes, with the invariant
 * that proves it. {@code outputs[i]} is the code of {@code f} at point {@code i}, where point
 * {@code i} has coordinates {@code x_j = minCode + (i / |F|^j) mod |F|}. Immutable.
 */
public final class Witness {
    private final int dims;
    private final long[] outputs;
    private final String invariant;

    private Witness(int dims, long[] outputs, String invariant) {
        this.dims = dims;
        this.outputs = outputs;
        this.invariant = invariant;
    }

    /**
     * A witness.
     *
     * @throws IllegalArgumentException if {@code dims < 1} or the invariant is blank
     */
    public static Witness of(int dims, long[] outputs, String invariant) {
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(invariant, "invariant");
        if (dims < 1 || invariant.isBlank()) {
            throw new IllegalArgumentException("a witness needs d >= 1 and an invariant");
        }
        return new Witness(dims, outputs.clone(), invariant);
    }

    public int dims() {
        return dims;
    }

    /** The output codes, one per point of {@code F^d} in the documented order. */
    public long[] outputs() {
        return outputs.clone();
    }

    /** Why no network computes this function. */
    public String invariant() {
        return invariant;
    }

    /** The function as a list {@code x -> y} of codes where {@code y != 0}, or {@code 0} when zero. */
    public String describe(long minCode, long size) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i] == 0) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append('(');
            long rest = i;
            for (int j = 0; j < dims; j++) {
                if (j > 0) {
                    sb.append(',');
                }
                sb.append(minCode + rest % size);
                rest /= size;
            }
            sb.append(")->").append(outputs[i]);
        }
        return (sb.length() == 0 ? "f = 0" : "f(x) = 0 except " + sb) + " (codes, d=" + dims + ")";
    }

    /**
     * The function with inputs and outputs written as values of {@code f}, e.g.
     * {@code f(x) = 0 except f(-7.875, -7.875) = 1 (d = 2)}.
     */
    public String describe(dev.fxnet.arith.Arithmetic f) {
        StringBuilder sb = new StringBuilder();
        long size = f.size();
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i] == 0) {
                continue;
            }
            sb.append(sb.length() == 0 ? "" : ", ").append("f(");
            long rest = i;
            for (int j = 0; j < dims; j++) {
                sb.append(j == 0 ? "" : ", ").append(f.decimal(f.minCode() + rest % size));
                rest /= size;
            }
            sb.append(") = ").append(f.decimal(outputs[i]));
        }
        return (sb.length() == 0 ? "f = 0" : "f(x) = 0 except " + sb) + " (d = " + dims + ")";
    }

    @Override
    public String toString() {
        return "d=" + dims + " " + Arrays.toString(outputs) + ": " + invariant;
    }
}

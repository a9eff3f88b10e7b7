package dev.fxnet.theory;

import java.util.Arrays;
import java.util.Optional;

/**
 * What {@link ExactDecider} found for one setting and dimension: how many of the
 * {@code |F|^(|F|^d)} functions some network computes, and a function none computes when not all.
 * Immutable.
 */
public final class DeciderResult {
    private final String setting;
    private final int dims;
    private final long totalFunctions;
    private final long representable;
    private final long depthZero;
    private final int layersExplored;
    private final int universalDepth;
    private final long[] witness;

    DeciderResult(String setting, int dims, long totalFunctions, long representable, long depthZero,
            int layersExplored, int universalDepth, long[] witness) {
        this.setting = setting;
        this.dims = dims;
        this.totalFunctions = totalFunctions;
        this.representable = representable;
        this.depthZero = depthZero;
        this.layersExplored = layersExplored;
        this.universalDepth = universalDepth;
        this.witness = witness == null ? null : witness.clone();
    }

    /** The same result attributed to another setting with identical operation tables. */
    DeciderResult relabel(String otherSetting) {
        return new DeciderResult(otherSetting, dims, totalFunctions, representable, depthZero, layersExplored,
                universalDepth, witness);
    }

    /** Whether every {@code f: F^d -> F} is computed by some network. */
    public boolean universal() {
        return representable == totalFunctions;
    }

    public int dims() {
        return dims;
    }

    /** {@code |F|^(|F|^d)}. */
    public long totalFunctions() {
        return totalFunctions;
    }

    /** How many functions some network computes. */
    public long representable() {
        return representable;
    }

    /** How many functions a network without hidden layer computes. */
    public long depthZero() {
        return depthZero;
    }

    /** Hidden layers explored until the layer sets repeated. */
    public int layersExplored() {
        return layersExplored;
    }

    /** The number of hidden layers with which everything is reached, or -1 if never. */
    public int universalDepth() {
        return universalDepth;
    }

    /**
     * A function no network computes: its output codes at the points of {@code F^d} in order
     * (point index {@code sum_i (x_i - minCode) |F|^i}), or empty when universal.
     */
    public Optional<long[]> witness() {
        return Optional.ofNullable(witness == null ? null : witness.clone());
    }

    @Override
    public String toString() {
        return setting + " d=" + dims + ": " + representable + "/" + totalFunctions + " functions representable"
                + (universal() ? " (universal, " + universalDepth + " hidden layers)" : ", e.g. not " + Arrays.toString(witness))
                + "; " + depthZero + " without hidden layer; " + layersExplored + " layers explored";
    }
}

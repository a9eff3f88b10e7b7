package dev.fxnet.theory;

import java.util.Arrays;
import java.util.Optional;

/**
 * What {@link ExactDecider} found for one setting and dimension: how many of the
 * {@code |F|^(|F|^d)} functions some network computes, and a function none computes when not all.
 * Immutable (the counterexample array is copied in and out).
 *
 * @param setting the setting, as text
 * @param dims the dimension {@code d}
 * @param totalFunctions {@code |F|^(|F|^d)}
 * @param representable how many functions some network computes
 * @param depthZero how many functions a network without hidden layer computes
 * @param layersExplored hidden layers explored until the layer sets repeated
 * @param universalDepth the number of hidden layers with which everything is reached, or -1 if never
 * @param counterexample a function no network computes (output codes at the points of {@code F^d}
 *     in order), or null when universal
 */
public record DeciderResult(String setting, int dims, long totalFunctions, long representable, long depthZero,
        int layersExplored, int universalDepth, long[] counterexample) {
    /** Copies the counterexample. */
    public DeciderResult {
        counterexample = counterexample == null ? null : counterexample.clone();
    }

    /** The same result attributed to another setting with identical operation tables. */
    DeciderResult relabel(String otherSetting) {
        return new DeciderResult(otherSetting, dims, totalFunctions, representable, depthZero, layersExplored,
                universalDepth, counterexample);
    }

    /** Whether every {@code f: F^d -> F} is computed by some network. */
    public boolean universal() {
        return representable == totalFunctions;
    }

    /** A copy of the counterexample, or null when universal. */
    @Override
    public long[] counterexample() {
        return counterexample == null ? null : counterexample.clone();
    }

    /**
     * A function no network computes: its output codes at the points of {@code F^d} in order
     * (point index {@code sum_i (x_i - minCode) |F|^i}), or empty when universal.
     */
    public Optional<long[]> witness() {
        return Optional.ofNullable(counterexample());
    }

    @Override
    public String toString() {
        return setting + " d=" + dims + ": " + representable + "/" + totalFunctions + " functions representable"
                + (universal() ? " (universal, " + universalDepth + " hidden layers)" : ", e.g. not "
                + Arrays.toString(counterexample)) + "; " + depthZero + " without hidden layer; " + layersExplored
                + " layers explored";
    }
}

package dev.fxnet.eval;

/**
 * Computes a network's output codes for one input point. Implementations follow SPEC §4 exactly
 * and agree bit for bit; they are thread-safe.
 */
public interface Evaluator {
    /**
     * Evaluates at {@code input} (codes of the network's format, one per input) and writes one code
     * per output neuron into {@code output}.
     */
    void evaluate(long[] input, long[] output);

    /** The number of inputs {@code d}. */
    int inputs();

    /** The number of output neurons. */
    int outputs();

    /** Convenience: evaluates at {@code input} and returns a new array of output codes. */
    default long[] evaluate(long... input) {
        long[] out = new long[outputs()];
        evaluate(input, out);
        return out;
    }
}

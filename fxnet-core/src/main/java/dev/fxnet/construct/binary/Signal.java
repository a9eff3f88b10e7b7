package dev.fxnet.construct.binary;

import java.util.Arrays;

/**
 * A step signal of the step construction: it decides {@code [dir_k(x) >= c]} by a first-layer
 * neuron (bias, order and signs of its inputs) and a tail of {@link BinaryGadgets} neurons, and
 * takes one value where the statement is true and one where it is false. A <em>constant pair</em>
 * stands in for a missing step at the end of a direction: {@code order}, {@code signs} and
 * {@code tail} null, {@code bias} a code whose {@code tau} is its one value.
 *
 * @param k the direction
 * @param c the threshold
 * @param bias the first-layer neuron's bias
 * @param order the order in which the first-layer neuron lists the inputs
 * @param signs the signs with which it reads them
 * @param tail the tail neurons, each as {@link BinaryGadgets#apply} reads it
 * @param whenTrue the value where {@code dir_k(x) >= c}
 * @param whenFalse the value elsewhere
 * @param valuesPerLayer the values the signal takes after the first layer and after every tail neuron
 * @param ladder whether the tail is a {@linkplain BinaryGadgets#ladder ladder}
 */
record Signal(int k, long c, long bias, int[] order, int[] signs, long[][] tail, long whenTrue, long whenFalse,
        long[][] valuesPerLayer, boolean ladder) {
    /** The value where the statement is {@code truth}. */
    long value(boolean truth) {
        return truth ? whenTrue : whenFalse;
    }

    /** The number of tail neurons. */
    int tailLength() {
        return tail.length;
    }

    /** Whether the last tail neuron reads a constant pair ({@code {b, s, k, t, interleave}}). */
    boolean zeroedByConstant() {
        return tail.length > 0 && tail[tail.length - 1].length == 5;
    }

    /** This signal with the tail neurons {@code more} appended ({@link BinaryGadgets#apply}). */
    Signal extendedBy(BinaryGadgets g, long[]... more) {
        long[][] longer = Arrays.copyOf(tail, tail.length + more.length);
        System.arraycopy(more, 0, longer, tail.length, more.length);
        long wt = whenTrue;
        long wf = whenFalse;
        for (long[] op : more) {
            wt = g.apply(op, wt);
            wf = g.apply(op, wf);
        }
        return new Signal(k, c, bias, order, signs, longer, wt, wf, g.valuesAlong(valuesPerLayer[0], longer), ladder);
    }
}

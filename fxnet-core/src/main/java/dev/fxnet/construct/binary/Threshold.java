package dev.fxnet.construct.binary;

/**
 * A threshold of the binary construction: the statement {@code [dir_k(x) >= c]} about direction
 * {@code k} of {@link Directions} (in {@code d = 2}, 0 for {@code x0 + x1} and 1 for
 * {@code x0 - x1}), which one step signal decides.
 *
 * @param k the direction
 * @param c the threshold, a value of the direction
 */
record Threshold(int k, long c) {
}

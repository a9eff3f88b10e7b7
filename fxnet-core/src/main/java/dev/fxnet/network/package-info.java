/**
 * Networks and their file: the layered feed-forward network of SPEC §4 over a fixed-point or a
 * floating-point format (SPEC §8), and its JSON network file of SPEC §5.
 *
 * <ul>
 *   <li>{@link dev.fxnet.network.Network}: the arithmetic, the accumulation, the activation
 *       {@code tau} of the hidden layers, the input dimension {@code d} and the layers; the last
 *       (output) layer applies no activation.</li>
 *   <li>{@link dev.fxnet.network.Layer} and {@link dev.fxnet.network.Neuron}: a bias code and an
 *       ordered list of {@code (source, weight)} pairs; under {@code PER_OP} the list order is the
 *       accumulation order.</li>
 *   <li>{@link dev.fxnet.network.NetworkSize}: neurons, depth, widest layer and parameters.</li>
 *   <li>{@link dev.fxnet.network.NumberSystem}: the one place where files and output depend on the
 *       number system (codes written as themselves in fixed point, as bit patterns in floating
 *       point; value parsing; the {@code format} object and the overflow names).</li>
 *   <li>{@link dev.fxnet.network.NetworkJson}: reads and writes the network file (version 1);
 *       {@link dev.fxnet.network.NetworkFileException} says what is wrong with a file, starting with
 *       the JSON path (or the line and column) of the fault.</li>
 * </ul>
 *
 * <p>Contract: every type is immutable. {@link dev.fxnet.network.Network#of} checks that every bias
 * and weight is a code of the format and that every source indexes the previous layer, so a
 * {@code Network} that exists is well formed. Reading is strict (unknown keys outside {@code meta},
 * missing or mistyped fields, duplicate keys and out-of-range codes are refused, and a file over
 * {@link dev.fxnet.io.InputFile#MAX_NETWORK_BYTES} is not read); writing then reading gives back an
 * equal network. This package stores networks and does not evaluate them ({@code dev.fxnet.eval}
 * does).
 *
 * <p>Dependencies: {@code arith}, {@code activation} (activations by name), {@code io} (reading a
 * file within its size limit) and the JSON library; never {@code eval}, {@code construct},
 * {@code theory} or {@code cli}.
 */
package dev.fxnet.network;

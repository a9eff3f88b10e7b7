/**
 * The binary-weight construction (SPEC §4: every weight {@code +-1}, every neuron lists every
 * source of the previous layer) for {@code d = 1} and {@code d = 2} (docs/CONSTRUCTION.md,
 * section 6, and docs/THEORY.md §6), and for {@code d >= 3} by the feature step construction
 * (docs/THEORY.md §13, Theorem B5), in {@code d = 3} else by the coordinate sign construction
 * over three coordinates (docs/THEORY.md §13.1, Theorem B7).
 *
 * <ul>
 *   <li><b>Entry.</b> {@link dev.fxnet.construct.binary.BinaryCompiler#compile} builds a
 *       {@link dev.fxnet.construct.binary.BinaryNetwork} or refuses with a message naming the
 *       stage; {@code construct.Compiler} adds the metadata and verifies it on all of
 *       {@code F^d}.</li>
 *   <li><b>Gadgets.</b> {@link dev.fxnet.construct.binary.BinaryGadgets}: the step tails and
 *       ladders of a setting, found by an exhaustive search and shared with
 *       {@code theory.BinarySeparation}.</li>
 *   <li><b>Bit slices</b> (package-private, tried first where relu is the activation on F under
 *       SATURATE, PER_OP and symmetric codes, {@code d <= 2}; docs/BINARY-COMPACT.md, Theorem S):
 *       {@code BitSliceCompiler} over the digit layers of {@code DigitPipeline} (and, in {@code d = 2},
 *       the first two layers of {@code CoordinatePieces}): indicators of each coordinate's codes, one
 *       slice neuron per value of {@code x0}, bit and sign. On a refusal the routes below run as
 *       before.</li>
 *   <li><b>Routes</b> (package-private): the step construction ({@code BinaryCompiler} choosing
 *       among layouts of {@code StepConstruction}: the step signals of {@code StepSignals} over the
 *       {@code Directions}, the point neurons of {@code StepPoints} or the point layer by bits of
 *       {@code BitLayer}); the sign construction for {@code d = 1} ({@code BinarySignCompiler}) and
 *       the coordinate sign construction for {@code d = 2} and {@code d = 3}
 *       ({@code BinaryCoordinateCompiler}); the feature step construction for {@code d >= 3}
 *       ({@code FeatureConstruction} over {@code Features}); the
 *       value layer ({@code BinaryValueLayer}) and the cancelling twin neurons ({@code TwinNeurons})
 *       they share. A refusal that depends on the table or on the size (a final one) ends the
 *       search for a route.</li>
 *   <li><b>Outcomes.</b> Every route and every stage that can find no gadget returns an
 *       {@code Attempt}, {@code Built} or {@code Refused(reason, isFinal)}, and the next route is
 *       chosen by it; nothing is thrown or caught for routing. An exception from inside a route
 *       ({@link java.lang.IllegalArgumentException}, {@code IllegalStateException}, ...) is a bug
 *       and propagates. The refusal of the whole construction reaches the caller as an
 *       {@code IllegalArgumentException} with the same reason.</li>
 * </ul>
 *
 * <p>Contract: a network returned is meant to be exact on every point of {@code F^d}; it is
 * verified by the caller, and one that is not exact is a bug. The routes tried and the network
 * built depend only on the setting and the table, never on time or load.
 *
 * <p>Dependencies: {@code arith}, {@code activation}, {@code eval}, {@code network} and
 * {@code construct} (its {@code Machine} and {@code FunctionTable}); never {@code theory},
 * {@code export} or {@code cli}.
 */
package dev.fxnet.construct.binary;

/**
 * Construction: from a function on {@code F^d} (a {@link dev.fxnet.target.FunctionTable}) to a
 * network that computes it exactly, with the gadgets it is built from (docs/CONSTRUCTION.md).
 *
 * <ul>
 *   <li><b>Gadgets</b> come from the gadget core: {@link dev.fxnet.gadget.IndicatorGadgets}, the
 *       detectors, NOR, normalizer and output weights of the indicator construction, in a
 *       {@link dev.fxnet.gadget.Setting} evaluated by its {@link dev.fxnet.gadget.Machine}.</li>
 *   <li><b>Networks.</b> {@link dev.fxnet.construct.Compiler} lays the indicators out by a
 *       {@link dev.fxnet.construct.Strategy} ({@code CUBES}, {@code BOXES}, {@code STEPS}, over
 *       {@link dev.fxnet.construct.Box}es); the binary-weight construction (every weight
 *       {@code +-1}, dense layers) lives in its own package, {@link dev.fxnet.construct.binary},
 *       entered through {@link dev.fxnet.construct.binary.BinaryCompiler#compile}.</li>
 *   <li><b>Checks.</b> {@link dev.fxnet.construct.Verifier} compares a network with a table on every
 *       point; {@link dev.fxnet.construct.SizeReport} sets its size against the counting lower
 *       bound; {@link dev.fxnet.construct.WorkLimit} refuses, with its estimate, work too large to
 *       verify.</li>
 * </ul>
 *
 * <p>Contract: a compiled network is exact on every point of {@code F^d}, not approximately right:
 * {@code Compiler.compile} verifies it on all of {@code F^d} unless asked not to, and a network that
 * fails verification is a bug ({@link java.lang.IllegalStateException}). Where the shallow
 * indicator gadgets do not exist, the network of Theorem 2 is built from the certificate of S
 * ({@code CertifiedConstruction}). Gadget searches run on formats with {@code |F| <= }{@link dev.fxnet.gadget.Machine#MAX_SIZE};
 * where neither is found, the setting is refused with an {@link IllegalArgumentException} naming
 * what was searched. The searches are bounded by counts only (for {@code IndicatorGadgets}, at most
 * {@link dev.fxnet.gadget.IndicatorGadgets#MAX_TAIL_SEARCHES} tail searches per attempt), never by time,
 * so the same input gives the same network on any machine and under any load.
 *
 * <p>Dependencies: {@code arith}, {@code activation}, {@code gadget}, {@code target}, {@code network} and
 * {@code eval} (verification); never
 * {@code theory}, {@code export}, {@code plot}, {@code report} or {@code cli}.
 */
package dev.fxnet.construct;

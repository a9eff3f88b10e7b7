/**
 * Construction: from a function on {@code F^d} to a network that computes it exactly, with the
 * gadgets it is built from (docs/CONSTRUCTION.md).
 *
 * <ul>
 *   <li><b>Targets.</b> {@link dev.fxnet.construct.FunctionTable}, a function {@code F^d -> F} as a
 *       table of codes and its CSV (SPEC §5a); {@link dev.fxnet.construct.Expression}, a formula
 *       such as {@code sin(3*x0)*x1} and its certified rounding on the grid (with
 *       {@code Enclosure}, {@code Rational}, {@link dev.fxnet.construct.OnUncertain} and
 *       {@link dev.fxnet.construct.UncertainRoundingException}).</li>
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
 * fails verification is a bug ({@link java.lang.IllegalStateException}). An expression's value at a
 * point is certified by interval arithmetic before it is rounded, or refused as uncertain. Gadget
 * searches run on formats with {@code |F| <= }{@link dev.fxnet.gadget.Machine#MAX_SIZE};
 * where they find nothing, the setting is refused with an {@link IllegalArgumentException} naming
 * what was searched. The searches are bounded by counts only (for {@code IndicatorGadgets}, at most
 * {@link dev.fxnet.gadget.IndicatorGadgets#MAX_TAIL_SEARCHES} tail searches per attempt), never by time,
 * so the same input gives the same network on any machine and under any load.
 *
 * <p>Dependencies: {@code arith}, {@code activation}, {@code gadget}, {@code network}, {@code eval} (verification),
 * {@code io} (table files) and big-math for the transcendentals of expressions; never
 * {@code theory}, {@code export}, {@code plot}, {@code report} or {@code cli}.
 */
package dev.fxnet.construct;

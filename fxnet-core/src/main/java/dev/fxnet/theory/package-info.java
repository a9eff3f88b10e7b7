/**
 * Theory and decision: whether a setting has universal representation, every {@code f: F^d -> F}
 * computed exactly by some network (SPEC §7, docs/THEORY.md), answered with evidence a reader can
 * re-check.
 *
 * <ul>
 *   <li>The question is a {@link dev.fxnet.gadget.Question} (a {@link dev.fxnet.gadget.Setting},
 *       general or binary weights, a dimension); every check here evaluates through the setting's
 *       {@link dev.fxnet.gadget.Machine}.</li>
 *   <li>{@link dev.fxnet.theory.NecessaryCondition} (N-sep, N-aff, N-one) and
 *       {@link dev.fxnet.theory.BinarySeparation}: finite checks whose failure proves
 *       NOT_UNIVERSAL, with a {@link dev.fxnet.theory.Witness}.</li>
 *   <li>The sufficient condition S is certified by the gadget core:
 *       {@link dev.fxnet.gadget.GadgetSearch} finds a {@link dev.fxnet.gadget.Certificate}.</li>
 *   <li>{@link dev.fxnet.theory.ExactDecider} and {@link dev.fxnet.theory.DeciderResult}: ground
 *       truth by closure for tiny settings.</li>
 *   <li>{@link dev.fxnet.theory.Universality}: the decision procedure; a
 *       {@link dev.fxnet.theory.Verdict} (UNIVERSAL, NOT_UNIVERSAL, UNDETERMINED, with
 *       {@link dev.fxnet.theory.Truth} for its parts) and {@link dev.fxnet.theory.VerdictTable},
 *       verdicts over a grid of settings.</li>
 * </ul>
 *
 * <p>Contract: a verdict is never a guess. UNIVERSAL comes with gadgets each verified on every input
 * it can receive (for binary weights, {@code d <= 2}: a network built by the binary construction
 * and verified on every point); NOT_UNIVERSAL with the violated condition and a concrete function
 * no network computes; anything else is UNDETERMINED with what was tried. Exhaustive checks run
 * within stated bounds ({@link dev.fxnet.theory.NecessaryCondition#SEP_LIMIT},
 * {@link dev.fxnet.theory.BinarySeparation#MAX_POINTS},
 * {@link dev.fxnet.theory.ExactDecider#MAX_FUNCTIONS}); searches are bounded by counts. Every type
 * is immutable.
 *
 * <p>Dependencies: {@code arith}, {@code activation}, {@code gadget}, and {@code construct} for the binary-weight
 * verdicts ({@code construct.binary.BinaryGadgets}, {@code Compiler} and {@code FunctionTable}); never
 * {@code export}, {@code plot}, {@code report} or {@code cli}.
 */
package dev.fxnet.theory;

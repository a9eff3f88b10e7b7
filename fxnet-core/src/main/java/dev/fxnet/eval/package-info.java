/**
 * Evaluation: a network's output codes on one input point or on every point of {@code F^d},
 * exactly as SPEC §4 defines them.
 *
 * <ul>
 *   <li>{@link dev.fxnet.eval.Evaluator}: the contract, one input point in, the output codes out.</li>
 *   <li>{@link dev.fxnet.eval.ReferenceEvaluator}: SPEC §4 read aloud, slow and obviously right;
 *       the reference every faster evaluator is tested against.</li>
 *   <li>{@link dev.fxnet.eval.FastEvaluator}: the network flattened into arrays, {@code tau} read
 *       from its cached table, one point at a time; every point of {@code F^d} (or a range of
 *       them) through the kernel.</li>
 *   <li>{@link dev.fxnet.eval.GridEvaluator}: output 0 on every point of {@code F^d}, walking the
 *       grid and recomputing only what changed between neighbouring points (through the kernel where
 *       it takes the network).</li>
 *   <li>{@link dev.fxnet.eval.EvaluationKernel}: the evaluation kernel every whole-grid and range
 *       evaluation goes through: the network compiled once ({@link dev.fxnet.eval.CompiledNetwork}),
 *       blocks of points along the last coordinate in {@code int} lanes, exact skips (merged
 *       neurons, uniform and zero sources, enclosures, unchanged neurons between rows), all cores;
 *       ranges with {@link dev.fxnet.eval.RangeCheck} and {@link dev.fxnet.eval.OutputDigest} results
 *       that join across any split (docs/KERNEL.md).</li>
 *   <li>{@link dev.fxnet.eval.InputSpace}: the grid {@code F^d} and its numbering, {@code x0}
 *       varying slowest.</li>
 * </ul>
 *
 * <p>Any {@link dev.fxnet.arith.Arithmetic}: for a floating-point format (SPEC §8) {@code F} is its
 * finite values and a neuron can also output an infinity or NaN under overflow {@code INF} or
 * {@code NAN}; those special codes lie beyond {@code minCode..maxCode} and are handled by every
 * evaluator.
 *
 * <p>Contract: every evaluator computes exactly the same codes, bit for bit (tests compare them on
 * random networks in every rounding, overflow and accumulation mode); nothing is approximated.
 * {@code PER_OP} adds in the listed order of a neuron's sources. Evaluators are thread-safe; the
 * whole-grid methods run in parallel and report progress, from any thread, to an optional
 * callback. A grid holds at most {@link dev.fxnet.eval.InputSpace#MAX_POINTS} points, and
 * evaluating all of it at once needs its outputs to fit in one array.
 *
 * <p>Dependencies: {@code arith}, {@code activation} and {@code network}; never {@code construct},
 * {@code theory}, {@code export}, {@code report} or {@code cli}.
 */
package dev.fxnet.eval;

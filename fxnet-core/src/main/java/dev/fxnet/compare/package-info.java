/**
 * Compare: fixed-point and floating-point formats side by side at an equal bit budget (what
 * {@code fxnet compare} prints and the report's section "Fixed point vs floating point" draws).
 *
 * <ul>
 *   <li>{@link dev.fxnet.compare.CompareFormats}: the formats of a bit budget, parsing and short names.</li>
 *   <li>{@link dev.fxnet.compare.ComparisonPlan}: what to compute; {@link dev.fxnet.compare.Comparison}:
 *       the computed figures; {@link dev.fxnet.compare.ComparisonText}: Markdown and long-form CSV.</li>
 *   <li>Figures: {@link dev.fxnet.compare.FormatFacts} (values, exact),
 *       {@link dev.fxnet.compare.VerdictCell} (the verdict of {@code Universality.check} and its domain),
 *       {@link dev.fxnet.compare.NetworkSize} (a compiled, verified network against the counting bound),
 *       {@link dev.fxnet.compare.ApproximationError} (certified {@code rho_F(g(x))}, errors in double).</li>
 * </ul>
 *
 * <p>Contract: every figure is computed when the comparison runs; codes and counts are exact, error
 * magnitudes are reported in double. Dependencies: {@code arith}, {@code activation}, {@code target},
 * {@code gadget}, {@code construct}, {@code theory}; never {@code cli}.
 */
package dev.fxnet.compare;

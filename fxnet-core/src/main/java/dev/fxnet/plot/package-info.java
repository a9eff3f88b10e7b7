/**
 * Plots: charts of what fxnet computes, as SVG or PNG.
 *
 * <ul>
 *   <li>{@link dev.fxnet.plot.ActivationPlot}: an activation {@code sigma} and its rounded staircase
 *       {@code tau} on every code of a format.</li>
 *   <li>{@link dev.fxnet.plot.HeatMap}: a function {@code F^2 -> F} given as codes in
 *       {@link dev.fxnet.eval.InputSpace} order.</li>
 *   <li>{@link dev.fxnet.plot.LineChart}: line charts with markers, optionally on a logarithmic
 *       axis.</li>
 *   <li>{@link dev.fxnet.plot.Charts}: saves a chart as SVG or PNG by the file's extension,
 *       atomically, or renders it to an SVG string.</li>
 * </ul>
 *
 * <p>Contract: pictures are for the eye. The staircase {@code tau} is drawn from exact codes, but
 * the smooth curve of {@code sigma} and the axes are computed in {@code double}; no result of
 * fxnet is read back from a plot. Files are written completely or not at all ({@code dev.fxnet.io}).
 *
 * <p>Dependencies: {@code arith}, {@code activation}, {@code eval} (grid order), {@code io} and
 * JFreeChart with JFreeSVG; never {@code construct}, {@code theory}, {@code report} or
 * {@code cli}.
 */
package dev.fxnet.plot;

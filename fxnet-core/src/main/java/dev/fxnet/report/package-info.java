/**
 * Report: the self-contained HTML page {@code fxnet report} writes, of what fxnet computes shown as
 * pictures and tables.
 *
 * <ul>
 *   <li>{@link dev.fxnet.report.StandardReport}: the sections (verdicts, staircases, sizes, heat
 *       maps, errors, fixed point vs floating point) in a {@linkplain dev.fxnet.report.StandardReport.Scope full or quick} scope.</li>
 *   <li>{@link dev.fxnet.report.HtmlReport}: one HTML page of sections, paragraphs, tables and
 *       figures, every SVG inlined, with markers a headless browser can check.</li>
 *   <li>{@link dev.fxnet.report.ReportProgress}: what a report tells of its progress while it is
 *       built.</li>
 * </ul>
 *
 * <p>Contract: every number and picture is computed by the library when the report is built
 * (verdicts decided, networks compiled and verified on every input); nothing is copied from
 * elsewhere. Building returns the page and writes no file; the caller decides where it goes.
 *
 * <p>Dependencies: {@code arith}, {@code activation}, {@code eval}, {@code construct},
 * {@code theory}, {@code compare} and {@code plot}, the top of the library; never {@code cli}.
 */
package dev.fxnet.report;

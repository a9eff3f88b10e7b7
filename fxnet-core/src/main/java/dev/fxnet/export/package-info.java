/**
 * Export: a network written for other engines, computing the same codes bit for bit
 * (docs/EXPORT.md).
 *
 * <ul>
 *   <li>{@link dev.fxnet.export.OnnxExporter}: an ONNX model (opset
 *       {@value dev.fxnet.export.OnnxExporter#OPSET}) on int32 codes, all arithmetic on int64
 *       tensors, written by the package's own minimal protocol-buffers encoder.</li>
 *   <li>{@link dev.fxnet.export.CExporter}: one self-contained C99 file with {@code int64_t}
 *       arithmetic and nothing C99 leaves to the implementation.</li>
 *   <li>{@link dev.fxnet.export.ExportLimits}: what both exporters accept, and {@code tau} as they
 *       emit it (a table over all codes, except for {@code identity} and {@code relu});
 *       {@link dev.fxnet.export.ExportException} names the limit a network exceeds.</li>
 * </ul>
 *
 * <p>Contract: an exported network computes exactly the codes of SPEC §4, as the evaluators of
 * {@code dev.fxnet.eval} do, in every rounding, overflow and accumulation mode; every limit in
 * {@code ExportLimits} is what keeps the 64-bit integer arithmetic exact or the file a sane size,
 * and a network beyond one is refused rather than exported approximately. Exporters return the file
 * as a string or bytes and write nothing themselves.
 *
 * <p>Dependencies: {@code arith}, {@code activation} and {@code network}; the JDK only otherwise
 * (no protobuf or ONNX library); never {@code construct}, {@code theory} or {@code cli}.
 */
package dev.fxnet.export;

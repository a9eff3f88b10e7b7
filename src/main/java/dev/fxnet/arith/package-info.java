/**
 * Formats and arithmetic: the number systems fxnet computes in (SPEC §1–§4), seen through integer
 * codes.
 *
 * <ul>
 *   <li>{@link dev.fxnet.arith.Arithmetic}: the contract of a finite number system with rounded
 *       operations, {@code add(a, b) = rho(value(a) + value(b))}, {@code multiply(a, b) =
 *       rho(value(a) * value(b))}, codes ordered like their values and contiguous.</li>
 *   <li>{@link dev.fxnet.arith.FixedPointFormat}: {@code F = (p, q, encoding)}, its code range and
 *       values, and the spellings {@code p=3,q=4}, {@code Q3.4}, {@code ap_fixed<8,4>}.</li>
 *   <li>{@link dev.fxnet.arith.Encoding}, {@link dev.fxnet.arith.Rounding} (nine modes),
 *       {@link dev.fxnet.arith.Overflow} ({@code SATURATE}, {@code WRAP}): the choices that, with
 *       the format, fix {@code rho}.</li>
 *   <li>{@link dev.fxnet.arith.FixedPointArithmetic}: the fixed-point implementation of
 *       {@code Arithmetic}.</li>
 *   <li>{@link dev.fxnet.arith.Accumulation}: how a neuron sums, every operation rounded
 *       ({@code PER_OP}) or the exact sum rounded once ({@code WIDE}).</li>
 * </ul>
 *
 * <p>Contract: every operation is exact, the exact real result followed by one rounding and then
 * overflow handling; nothing is computed in floating point. Formats are limited to
 * {@code p + q <= 30}, so a code and the product of two codes fit in a {@code long}; sums that
 * could overflow a {@code long} are done in {@link java.math.BigInteger}. Every type is an
 * immutable, thread-safe value; parsers and factories throw {@link IllegalArgumentException}
 * naming the rejected value.
 *
 * <p>Dependencies: the bottom of fxnet, it depends on the JDK only and on no other fxnet package.
 */
package dev.fxnet.arith;

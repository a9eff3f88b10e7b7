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
 *   <li>{@link dev.fxnet.arith.FloatFormat}, {@link dev.fxnet.arith.FloatOverflow}
 *       ({@code SATFINITE}, {@code INF}, {@code NAN}), {@link dev.fxnet.arith.FloatArithmetic}: the
 *       floating-point formats of SPEC §8 (at most 16 bits), whose codes are the signed ranks of the
 *       finite values, with infinities and NaN as codes outside that range.</li>
 * </ul>
 *
 * <p>Contract: every operation is exact, the exact real result followed by one rounding and then
 * overflow handling. Fixed point computes nothing in floating point: formats are limited to
 * {@code p + q <= 30}, so a code and the product of two codes fit in a {@code long}; sums that
 * could overflow a {@code long} are done in {@link java.math.BigInteger}. Float formats use double
 * only where its result is exact (every value of a format of at most 16 bits is a double; products
 * and checked sums of two of them are exact) and round it from its bits. Every type is an
 * immutable, thread-safe value; parsers and factories throw {@link IllegalArgumentException}
 * naming the rejected value.
 *
 * <p>Dependencies: the bottom of fxnet, on the JDK and, for {@code FloatArithmetic} alone (which
 * rounds activations on its grid as an {@code activation.ActivationRounding}), on
 * {@code dev.fxnet.activation}.
 */
package dev.fxnet.arith;

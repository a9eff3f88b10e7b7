/**
 * Activation functions and their correctly rounded fixed-point versions {@code tau = rho o sigma}
 * (SPEC §3, §6).
 *
 * <ul>
 *   <li>{@link dev.fxnet.activation.Activation}: the contract, {@code roundScaled(k, q, mode) =
 *       round_mode(sigma(k 2^-q) 2^q)}, before overflow handling.</li>
 *   <li>{@link dev.fxnet.activation.Activations}: the fifteen built-ins by name, in SPEC order.</li>
 *   <li>{@link dev.fxnet.activation.PiecewiseRationalActivation}: identity, relu, leaky_relu, hardtanh,
 *       hardsigmoid, hardswish, step; exact integer/rational arithmetic.</li>
 *   <li>{@link dev.fxnet.activation.TranscendentalActivation}: sigmoid, tanh, elu, softplus, silu, mish,
 *       gelu, gelu_tanh; an exact anchor plus a tail of known sign enclosed with relative precision, a
 *       double fast path with a proven-by-margin error bound, and a rigorous {@link java.math.BigDecimal}
 *       interval slow path with escalating precision.</li>
 *   <li>{@link dev.fxnet.activation.ActivationTable}: {@code tau} on every code of a format, cached.</li>
 *   <li>{@link dev.fxnet.activation.GridActivation}, {@link dev.fxnet.activation.MonotoneRounding}:
 *       {@code rho(sigma(x))} correctly rounded on a non-uniform grid (the float formats of SPEC §8),
 *       and the limits of the built-ins at {@code +-inf}.</li>
 * </ul>
 *
 * <p>Every built-in is correctly rounded in all nine {@link dev.fxnet.arith.Rounding} modes for
 * {@code |k| < 2^31} and {@code 0 <= q <= 30}, including exact ties (e.g. {@code sigmoid(0) = 1/2}
 * at {@code q = 0}) and values within {@code 10^-1000} of a rounding boundary (e.g. {@code gelu(z)}
 * just below {@code z} for large {@code z}).
 *
 * <p>Dependencies: {@code arith} and the JDK only ({@link java.math.BigDecimal} intervals, no
 * numerics library); never {@code network}, {@code eval}, {@code construct}, {@code theory} or
 * {@code cli}.
 */
package dev.fxnet.activation;

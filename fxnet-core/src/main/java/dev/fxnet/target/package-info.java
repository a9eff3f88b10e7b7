/**
 * Targets: the functions {@code f: F^d -> F} that fxnet compiles and verifies networks against.
 *
 * <ul>
 *   <li>{@link dev.fxnet.target.FunctionTable}: a function as a table of codes over every point of
 *       {@code F^d}, and its CSV (SPEC §5a).</li>
 *   <li>{@link dev.fxnet.target.Expression}: a formula such as {@code sin(3*x0)*x1}, tabulated by
 *       certified rounding: each value is enclosed by interval arithmetic ({@code Enclosure},
 *       exact {@code Rational}s where possible) until the enclosure rounds to one code; otherwise
 *       it is refused ({@link dev.fxnet.target.UncertainRoundingException}) unless
 *       {@link dev.fxnet.target.OnUncertain} allows assuming the exact value.</li>
 * </ul>
 *
 * <p>Contract: a table's codes are codes of its format; an expression's table is the correctly
 * rounded function in the arithmetic's rounding and overflow, or refused. Immutable types.
 *
 * <p>Dependencies: {@code arith}, {@code eval} (the grid of points), {@code io} (table files) and
 * big-math for the transcendentals of expressions; never {@code construct}, {@code theory} or
 * {@code cli}.
 */
package dev.fxnet.target;

package dev.fxnet.activation;

import dev.fxnet.arith.Arithmetic;

/**
 * How an {@link Arithmetic} other than fixed point rounds an activation: {@code tau(z) =
 * rho(sigma(value(z)))}, correctly rounded in the arithmetic's own rounding and overflow (SPEC §3).
 * {@link ActivationTable#of(Activation, Arithmetic)} uses this for every arithmetic that is not a
 * {@link dev.fxnet.arith.FixedPointArithmetic} (whose rule it knows); an arithmetic without it has
 * no activation table.
 */
public interface ActivationRounding {
    /** {@code tau(code)}: the code of {@code rho(sigma(value(code)))}. */
    long tau(Activation sigma, long code);
}

package dev.fxnet.eval;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.ActivationRounding;
import dev.fxnet.activation.ActivationTable;
import dev.fxnet.arith.Arithmetic;

/**
 * {@code tau(z)} on every code a neuron's sum can take: the finite codes {@code minCode..maxCode}
 * from the cached {@link ActivationTable}, and the special codes of a floating-point arithmetic
 * under overflow {@code INF}/{@code NAN} (infinities and NaN, SPEC §8: the limit of {@code sigma},
 * rounded; NaN to NaN) from the arithmetic's own {@link ActivationRounding}. Immutable and
 * thread-safe.
 */
final class RoundedActivation {
    private final ActivationTable table;
    private final Activation activation;
    private final ActivationRounding rule; // null when the arithmetic has no codes beyond its range
    private final long minCode;
    private final long maxCode;

    private RoundedActivation(ActivationTable table, Activation activation, ActivationRounding rule, Arithmetic ar) {
        this.table = table;
        this.activation = activation;
        this.rule = rule;
        this.minCode = ar.minCode();
        this.maxCode = ar.maxCode();
    }

    /** {@code tau} of {@code activation} under {@code ar}; see {@link ActivationTable#of(Activation, Arithmetic)}. */
    static RoundedActivation of(Activation activation, Arithmetic ar) {
        ActivationRounding rule = ar instanceof ActivationRounding ? (ActivationRounding) ar : null;
        return new RoundedActivation(ActivationTable.of(activation, ar), activation, rule, ar);
    }

    /** The cached table of the finite codes. */
    ActivationTable table() {
        return table;
    }

    /**
     * {@code tau(z)}.
     *
     * @throws IllegalArgumentException if {@code z} is outside the range and the arithmetic has no rule for it
     */
    long tau(long z) {
        if ((z < minCode || z > maxCode) && rule != null) {
            return rule.tau(activation, z);
        }
        return table.tau(z);
    }
}

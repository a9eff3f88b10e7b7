package dev.fxnet.activation;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The registry of the fifteen built-in activations of SPEC §6, in the order of that table:
 * {@code identity, relu, leaky_relu, sigmoid, tanh, elu, softplus, silu, mish, gelu, gelu_tanh,
 * hardtanh, hardsigmoid, hardswish, step}.
 *
 * <p>Every built-in is {@linkplain Activation#isCorrectlyRounded() correctly rounded}: its
 * {@link Activation#roundScaled roundScaled(k, q, mode)} returns exactly
 * {@code round_mode(sigma(k 2^-q) 2^q)} for all {@code |k| < 2^31}, {@code 0 <= q <= 30} and all nine
 * {@link dev.fxnet.arith.Rounding} modes. The piecewise rational ones
 * ({@link PiecewiseRationalActivation}) use exact integer arithmetic; the transcendental ones
 * ({@link TranscendentalActivation}) use a double-precision fast path with a rigorous error bound
 * and a rigorous arbitrary-precision interval slow path.
 */
public final class Activations {
    private static final List<Activation> BUILT_INS = List.of(
            PiecewiseRationalActivation.IDENTITY,
            PiecewiseRationalActivation.RELU,
            PiecewiseRationalActivation.LEAKY_RELU,
            TranscendentalActivation.SIGMOID,
            TranscendentalActivation.TANH,
            TranscendentalActivation.ELU,
            TranscendentalActivation.SOFTPLUS,
            TranscendentalActivation.SILU,
            TranscendentalActivation.MISH,
            TranscendentalActivation.GELU,
            TranscendentalActivation.GELU_TANH,
            PiecewiseRationalActivation.HARDTANH,
            PiecewiseRationalActivation.HARDSIGMOID,
            PiecewiseRationalActivation.HARDSWISH,
            PiecewiseRationalActivation.STEP);

    private static final List<String> NAMES =
            BUILT_INS.stream().map(Activation::name).collect(Collectors.toUnmodifiableList());

    private Activations() {
    }

    /**
     * The built-in activation with this name (exact, case-sensitive SPEC §6 spelling, surrounding
     * white space ignored).
     *
     * @throws IllegalArgumentException naming the unknown name and listing the accepted ones
     */
    public static Activation named(String name) {
        Objects.requireNonNull(name, "name");
        String t = name.trim();
        for (Activation a : BUILT_INS) {
            if (a.name().equals(t)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'; expected one of "
                + String.join(", ", NAMES));
    }

    /** The fifteen built-ins, in SPEC §6 order (an immutable list). */
    public static List<Activation> builtIns() {
        return BUILT_INS;
    }

    /** The names of the built-ins, in SPEC §6 order (an immutable list). */
    public static List<String> names() {
        return NAMES;
    }

    /** Checks the argument ranges of {@link Activation#roundScaled}. */
    static void checkArguments(long k, int fracBits) {
        if (k <= -(1L << 31) || k >= (1L << 31)) {
            throw new IllegalArgumentException("code k must satisfy |k| < 2^31, was " + k);
        }
        if (fracBits < 0 || fracBits > 30) {
            throw new IllegalArgumentException("fractional bits q must be in 0..30, was " + fracBits);
        }
    }
}

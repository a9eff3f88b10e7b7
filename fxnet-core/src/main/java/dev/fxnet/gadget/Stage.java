package dev.fxnet.gadget;

/**
 * One hidden neuron fed by {@code copies} neurons of the previous layer that all compute the same
 * signal {@code y}, each listed once with weight {@code weight}: output
 * {@code tau(acc)}, {@code acc = bias (+) (w (*) y) (+) ... } ({@code copies} terms; {@code WIDE}:
 * {@code rho(bias + copies * w * y)}). With many copies under SATURATE the accumulator saturates, so
 * the neuron reads off the sign of {@code w (*) y} (the "sign trick"). With one copy it is a plain
 * single-source neuron {@code tau(acc(bias; weight, y))}, the link of the chains (detectors,
 * normalizer) of {@link IndicatorGadgets}.
 */
public record Stage(long bias, long weight, long copies) {
    /**
     * A stage.
     *
     * @throws IllegalArgumentException if {@code copies < 1} or {@code copies >= 2^31}
     */
    public Stage {
        if (copies < 1 || copies >= 1L << 31) {
            throw new IllegalArgumentException("copies must be in 1..2^31-1, was " + copies);
        }
    }

    /**
     * A stage; the same as the canonical constructor.
     *
     * @throws IllegalArgumentException if {@code copies < 1} or {@code copies >= 2^31}
     */
    public static Stage of(long bias, long weight, long copies) {
        return new Stage(bias, weight, copies);
    }

    /** The neuron's output when every copy of its input has value {@code y}. */
    public long apply(Machine m, long y) {
        return m.tau(m.chain(bias, weight, y, copies));
    }

    /**
     * The neuron with values of {@code f} in place of codes, e.g. {@code tau(-7.875 + 128 copies of 0.625*y)}
     * ({@code n copies of w*y}: the input listed {@code n} times with weight {@code w}, every sum rounded).
     */
    public String describe(dev.fxnet.arith.Arithmetic f) {
        return "tau(" + f.decimal(bias) + " + " + (copies == 1 ? "" : copies + " copies of ") + f.decimal(weight) + "*y)";
    }

    /** The neuron in codes, e.g. {@code tau(-63 + 128 x 5*y)}. */
    @Override
    public String toString() {
        return "tau(" + bias + " + " + (copies == 1 ? "" : copies + " x ") + weight + "*y)";
    }
}

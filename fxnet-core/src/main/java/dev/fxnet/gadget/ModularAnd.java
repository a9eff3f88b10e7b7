package dev.fxnet.gadget;

/**
 * The AND gadget of Theorem W (docs/THEORY.md §12, Lemma A): the neuron
 * {@code tau(bias + sum_{w in weights} (T(w, s1) + T(w, s2)))}, whose accumulator is {@code c + j K}
 * ({@code j} inputs on), optionally followed by one stage {@code tau(stageBias (+) stageWeight (*) y)}
 * (Lemma A2: condition (A) for the composed map when {@code tau} alone is injective). Immutable.
 */
public record ModularAnd(long[] weights, long bias, boolean staged, long stageBias, long stageWeight) {
    /** @throws IllegalArgumentException if there is no weight */
    public ModularAnd {
        if (weights.length == 0) {
            throw new IllegalArgumentException("an AND gadget lists each input at least once");
        }
        weights = weights.clone();
    }

    /** The one-neuron AND. */
    public static ModularAnd of(long[] weights, long bias) {
        return new ModularAnd(weights, bias, false, 0, 0);
    }

    @Override
    public long[] weights() {
        return weights.clone();
    }

    /** Layers: 1, or 2 with the stage. */
    public int depth() {
        return staged ? 2 : 1;
    }

    /** The first neuron's accumulator on inputs {@code s1, s2}, through the machine (SPEC §4). */
    public long accumulator(Machine m, long s1, long s2) {
        int k = weights.length;
        long[] w = new long[2 * k];
        long[] y = new long[2 * k];
        for (int i = 0; i < k; i++) {
            w[i] = weights[i];
            y[i] = s1;
            w[k + i] = weights[i];
            y[k + i] = s2;
        }
        return m.accumulate(bias, w, y, 2 * k);
    }

    /** The gadget's output on inputs {@code s1, s2}. */
    public long output(Machine m, long s1, long s2) {
        long first = m.tau(accumulator(m, s1, s2));
        return staged ? m.neuron(stageBias, stageWeight, first) : first;
    }

    /** E.g. {@code tau(-1 + 1*s1 + 1*s2) -> tau(0 + 0.125*y)}, values in decimals. */
    public String describe(Machine m) {
        StringBuilder and = new StringBuilder("tau(" + m.dec(bias));
        for (long w : weights) {
            and.append(" + ").append(m.dec(w)).append("*s1 + ").append(m.dec(w)).append("*s2");
        }
        and.append(")");
        if (staged) {
            and.append(" -> tau(").append(m.dec(stageBias)).append(" + ").append(m.dec(stageWeight)).append("*y)");
        }
        return and.toString();
    }
}

package dev.fxnet.gadget;

/**
 * A first-layer neuron of a shift-closed family (docs/THEORY.md §12.2, docs/THEORY.md §12.7
 * Lemma S) and the weight with which the family's second-layer neuron reads it. The neuron is
 * {@code tau(bias + slope x)} with {@code slope = +-1} (the weight {@code +-1.0}, whose terms are
 * exact in every accumulation), so its shift by {@code s}, {@code tau(bias + slope (x - s))}, is the
 * same neuron with bias {@code bias - slope s}. Immutable.
 */
public record Tap(long bias, int slope, long weight) {
    /** @throws IllegalArgumentException if {@code slope} is not {@code +-1} */
    public Tap {
        if (slope != 1 && slope != -1) {
            throw new IllegalArgumentException("a tap reads x with slope +1 or -1, was " + slope);
        }
    }

    /** The tap's bias residue in the family shifted by {@code s}: {@code bias - slope s}. */
    public long biasAt(long s, ModularTerms t) {
        return t.residue(bias - slope * s);
    }

    /** The weight code of the first-layer neuron: {@code slope * 1.0}. */
    public long slopeWeight(ModularTerms t) {
        return slope * -t.minusOne();
    }

    /** {@code tau(bias + slope x)} for the code {@code x}. */
    public long value(ModularTerms t, long x) {
        return t.tauOf(bias + slope * x);
    }
}

package dev.fxnet.gadget;

/**
 * A shift-closed hidden family and the weight that turns it into the candidate unit of Theorem W
 * (docs/THEORY.md §12.2). The family's representative {@code h} is
 * <ul>
 *   <li>depth 1: {@code h1(x) = tau(-x)}, the first-layer neuron {@code tau(0 (+) (-1.0) (*) x)}
 *       (its shift by {@code b} is the neuron with bias {@code b});</li>
 *   <li>depth 2: {@code h2(x) = tau(c2 + T(w1, h1(x)) [+ T(w1, h1(x - 1))])}, a neuron reading the
 *       first-layer neurons with biases {@code 0} (and {@code 1} when {@code twoSources}) with weight
 *       {@code w1}, {@code T} the term of {@link ModularTerms};</li>
 * </ul>
 * and the unit is {@code e(x) = T(wu, h(x))}: what a neuron adds when it lists {@code h}'s neuron
 * with weight {@code wu}. Immutable.
 */
public record UnitRecipe(int depth, long w1, long c2, boolean twoSources, long wu) {
    /** @throws IllegalArgumentException if {@code depth} is not 1 or 2 */
    public UnitRecipe {
        if (depth != 1 && depth != 2) {
            throw new IllegalArgumentException("a unit recipe has depth 1 or 2, was " + depth);
        }
    }

    /** The depth-1 recipe with unit weight {@code wu}. */
    public static UnitRecipe firstLayer(long wu) {
        return new UnitRecipe(1, 0, 0, false, wu);
    }

    /** {@code h1(min + i) = tau(-x)} for every index {@code i}. */
    public static long[] firstLayerValues(Machine m, ModularTerms t) {
        long[] h = new long[m.size()];
        for (int i = 0; i < h.length; i++) {
            h[i] = t.tauOf(-(m.min() + i));
        }
        return h;
    }

    /** The hidden representative {@code h(min + i)} for every index {@code i}, or null if a term is inexact. */
    public long[] hidden(Machine m, ModularTerms t) {
        long[] h1 = firstLayerValues(m, t);
        if (depth == 1) {
            return h1;
        }
        int n = h1.length;
        long[] h2 = new long[n];
        for (int i = 0; i < n; i++) {
            long a = t.term(w1, h1[i]);
            long b = twoSources ? t.term(w1, h1[(i - 1) & (n - 1)]) : 0;
            if (a == ModularTerms.INEXACT || b == ModularTerms.INEXACT) {
                return null;
            }
            h2[i] = t.tauOf(c2 + a + b);
        }
        return h2;
    }

    /** The unit candidate {@code e(min + i)} as residues, or null if a term is inexact. */
    public long[] unit(Machine m, ModularTerms t) {
        long[] h = hidden(m, t);
        if (h == null) {
            return null;
        }
        long[] e = new long[h.length];
        for (int i = 0; i < h.length; i++) {
            e[i] = t.term(wu, h[i]);
            if (e[i] == ModularTerms.INEXACT) {
                return null;
            }
        }
        return e;
    }

    /** E.g. {@code 0.125 * tau(-x)} or {@code 1 * tau(-0.125 + 1 * tau(-x) + 1 * tau(-(x-1)))}, values in decimals. */
    public String describe(Machine m) {
        String h1 = "tau(-x)";
        String h = depth == 1 ? h1 : "tau(" + m.dec(c2) + " + " + m.dec(w1) + "*" + h1
                + (twoSources ? " + " + m.dec(w1) + "*tau(-(x-eps))" : "") + ")";
        return m.dec(wu) + "*" + h;
    }
}

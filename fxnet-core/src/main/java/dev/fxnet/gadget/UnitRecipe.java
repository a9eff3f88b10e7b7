package dev.fxnet.gadget;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A shift-closed hidden family and the weight that turns it into the candidate unit of Theorem W
 * (docs/THEORY.md §12.2; docs/THEORY.md §12.7, Lemma S). The family's representative {@code h} is
 * <ul>
 *   <li>depth 1 ({@code taps} empty): {@code h1(x) = tau(-x)}, the first-layer neuron
 *       {@code tau(0 (+) (-1.0) (*) x)} (its shift by {@code b} is the neuron with bias {@code b});</li>
 *   <li>depth {@code 2 + chain.size()}: the second-layer neuron {@code tau(acc(c2; taps))} that lists
 *       the first-layer neurons {@code tau(b_k + j_k x)} of its {@link Tap}s ({@code j_k = +-1}) with
 *       their weights, in order, followed by the one-source neurons of {@code chain} (each a
 *       {@link Stage} with one copy). Every neuron is evaluated as the network evaluates it
 *       ({@link Machine#accumulate}), so no term of the family needs to be exact;</li>
 * </ul>
 * and the unit is {@code e(x) = T(wu, h(x))}: what a neuron adds when it lists {@code h}'s neuron
 * with weight {@code wu} ({@link ModularTerms#term}; under {@code WIDE} it must be exact). The recipes
 * of the first search ({@code h2(x) = tau(c2 + T(w1, h1(x)) [+ T(w1, h1(x - 1))])}) are the taps
 * {@code (0, -1, w1)} [and {@code (1, -1, w1)}] with an empty chain. Immutable.
 */
public record UnitRecipe(List<Tap> taps, long c2, List<Stage> chain, long wu) {
    /** @throws IllegalArgumentException if a chain follows no taps or a chain stage has more than one copy */
    public UnitRecipe {
        taps = List.copyOf(taps);
        chain = List.copyOf(chain);
        if (taps.isEmpty() && !chain.isEmpty()) {
            throw new IllegalArgumentException("a chain needs a second-layer neuron (taps) below it");
        }
        for (Stage s : chain) {
            if (s.copies() != 1) {
                throw new IllegalArgumentException("a chain stage of a unit recipe reads one copy, was " + s);
            }
        }
    }

    /** The depth-1 recipe with unit weight {@code wu}. */
    public static UnitRecipe firstLayer(long wu) {
        return new UnitRecipe(List.of(), 0, List.of(), wu);
    }

    /** The depth-2 recipe {@code tau(c2 + w1 tau(-x) [+ w1 tau(-(x - 1))])} with unit weight {@code wu}. */
    public static UnitRecipe depthTwo(long w1, long c2, boolean twoSources, long wu) {
        List<Tap> taps = twoSources ? List.of(new Tap(0, -1, w1), new Tap(1, -1, w1)) : List.of(new Tap(0, -1, w1));
        return new UnitRecipe(taps, c2, List.of(), wu);
    }

    /** Hidden layers of the family: 1 without taps, else {@code 2 + chain.size()}. */
    public int depth() {
        return taps.isEmpty() ? 1 : 2 + chain.size();
    }

    /** The weight of the first tap (0 at depth 1). */
    public long w1() {
        return taps.isEmpty() ? 0 : taps.get(0).weight();
    }

    /** Whether the second-layer neuron reads two first-layer neurons. */
    public boolean twoSources() {
        return taps.size() == 2;
    }

    /** {@code h1(min + i) = tau(-x)} for every index {@code i}. */
    public static long[] firstLayerValues(Machine m, ModularTerms t) {
        long[] h = new long[m.size()];
        for (int i = 0; i < h.length; i++) {
            h[i] = t.tauOf(-(m.min() + i));
        }
        return h;
    }

    /** The hidden representative {@code h(min + i)} for every index {@code i}, evaluated through the machine. */
    public long[] hidden(Machine m, ModularTerms t) {
        if (taps.isEmpty()) {
            return firstLayerValues(m, t);
        }
        int n = m.size();
        int k = taps.size();
        long[] w = new long[k];
        for (int j = 0; j < k; j++) {
            w[j] = taps.get(j).weight();
        }
        long[] y = new long[k];
        long[] h = new long[n];
        for (int i = 0; i < n; i++) {
            long x = m.min() + i;
            for (int j = 0; j < k; j++) {
                y[j] = taps.get(j).value(t, x);
            }
            long v = m.tau(m.accumulate(c2, w, y, k));
            for (Stage s : chain) {
                v = s.apply(m, v);
            }
            h[i] = v;
        }
        return h;
    }

    /** The unit candidate {@code e(min + i)} as residues, or null if a term {@code T(wu, h)} is inexact. */
    public long[] unit(Machine m, ModularTerms t) {
        long[] h = hidden(m, t);
        long[] e = new long[h.length];
        for (int i = 0; i < h.length; i++) {
            e[i] = t.term(wu, h[i]);
            if (e[i] == ModularTerms.INEXACT) {
                return null;
            }
        }
        return e;
    }

    /**
     * E.g. {@code 0.125*tau(-x)}, {@code 1*tau(-0.125 + 1*tau(-x) + 1*tau(-(x-eps)))} (the first search's
     * forms) or {@code 0.5*tau(0 + 0.5*y) <- tau(0 + 0.5*tau(0 - x) + 0.5*tau(0.5 - x) + -1*tau(0 - x))},
     * values in decimals.
     */
    public String describe(Machine m) {
        if (taps.isEmpty()) {
            return m.dec(wu) + "*tau(-x)";
        }
        if (firstSearchForm()) {
            return m.dec(wu) + "*tau(" + m.dec(c2) + " + " + m.dec(w1()) + "*tau(-x)"
                    + (twoSources() ? " + " + m.dec(w1()) + "*tau(-(x-eps))" : "") + ")";
        }
        StringBuilder s = new StringBuilder("tau(" + m.dec(c2) + taps.stream()
                .map(tp -> " + " + m.dec(tp.weight()) + "*tau(" + m.dec(tp.bias()) + (tp.slope() < 0 ? " - x)" : " + x)"))
                .collect(Collectors.joining()) + ")");
        for (Stage st : chain) {
            s.insert(0, st.describe(m.arithmetic()) + " <- ");
        }
        return m.dec(wu) + "*" + s;
    }

    /** Whether this is a recipe of {@link #depthTwo}. */
    private boolean firstSearchForm() {
        return chain.isEmpty() && taps.equals(depthTwo(w1(), c2, twoSources(), wu).taps());
    }
}

package dev.fxnet.gadget;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * Units of Theorem W from a <em>wrap defect</em> (docs/THEORY.md §12.7, Lemmas S and D): a
 * second-layer neuron that lists the first-layer neurons {@code tau(-x)} and {@code tau(1 - x)} (or
 * {@code tau(x)}) with one weight {@code w1}, optionally {@code tau(-x)} once more with the weight
 * {@code -+1.0}, and whose values on {@code F} are one background value and one other value taken at
 * exactly one code; then a chain of one-source stages, each chosen to lower the 2-adic valuation of
 * the difference of the two values, until a unit weight gives the two values terms of odd difference
 * (then the sum over all {@code 2^n} codes is odd). Every candidate is checked by
 * {@link ModularRing#oddSum} on the recipe's unit evaluated through the machine. Deterministic; the
 * cost is charged to the caller's count budget.
 */
final class DefectSearch {
    private final Machine m;
    private final ModularTerms t;
    private final List<Long> ws;
    private final List<Long> biases;
    private final LongPredicate spend;

    /** A search over the weights {@code ws} and stage biases {@code biases}, charging costs to {@code spend}. */
    DefectSearch(Machine m, ModularTerms t, List<Long> ws, List<Long> biases, LongPredicate spend) {
        this.m = m;
        this.t = t;
        this.ws = List.copyOf(ws);
        this.biases = List.copyOf(biases);
        this.spend = spend;
    }

    /** The first unit found, in the order: partner tap, {@code w1}, cancelling tap, {@code c2}. */
    Optional<UnitRecipe> find() {
        long one = -t.minusOne();
        boolean hasOne = m.one().isPresent();
        List<Tap> partners = new ArrayList<>(List.of(new Tap(1, -1, 0)));
        if (hasOne) {
            partners.add(new Tap(0, 1, 0));
        }
        long[] cancels = hasOne ? new long[] {0, -one, one} : new long[] {0, -one};
        for (Tap partner : partners) {
            for (long w1 : ws) {
                for (long wl : cancels) {
                    List<Tap> taps = new ArrayList<>(List.of(new Tap(0, -1, w1), new Tap(partner.bias(), partner.slope(), w1)));
                    if (wl != 0) {
                        taps.add(new Tap(0, -1, wl));
                    }
                    for (long c2 : biases) {
                        if (!spend.test(m.size())) {
                            return Optional.empty();
                        }
                        Optional<UnitRecipe> r = fromDefect(taps, c2);
                        if (r.isPresent()) {
                            return r;
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A unit on the family {@code tau(acc(c2; taps))} if its values are a point defect and a chain reaches odd. */
    private Optional<UnitRecipe> fromDefect(List<Tap> taps, long c2) {
        long[] h = new UnitRecipe(taps, c2, List.of(), 0).hidden(m, t);
        Map<Long, Integer> count = new HashMap<>();
        for (long y : h) {
            count.merge(y, 1, Integer::sum);
        }
        if (count.size() != 2 || !count.containsValue(1)) {
            return Optional.empty();
        }
        long sp = h[0];
        for (long y : h) {
            if (count.get(y) == 1) {
                sp = y;
                break;
            }
        }
        long bg = sp;
        for (long y : h) {
            if (y != sp) {
                bg = y;
                break;
            }
        }
        return chain(taps, c2, bg, sp);
    }

    /**
     * Stages (bias and weight from the lists, one copy) that lower the valuation of the difference of the
     * two values strictly, at most {@code n} of them, until some unit weight has an odd term difference.
     */
    private Optional<UnitRecipe> chain(List<Tap> taps, long c2, long bg, long sp) {
        List<Stage> stages = new ArrayList<>();
        long a = bg;
        long b = sp;
        int bits = Long.numberOfTrailingZeros(m.size());
        for (int step = 0; step <= bits; step++) {
            for (long wu : ws) {
                long ta = t.term(wu, a);
                long tb = t.term(wu, b);
                if (ta != ModularTerms.INEXACT && tb != ModularTerms.INEXACT && ((tb - ta) & 1) == 1) {
                    UnitRecipe r = new UnitRecipe(taps, c2, stages, wu);
                    long[] e = r.unit(m, t);
                    return e != null && ModularRing.oddSum(e) ? Optional.of(r) : Optional.empty();
                }
            }
            if (step == bits || !spend.test((long) biases.size() * ws.size())) {
                return Optional.empty();
            }
            Stage best = null;
            int bestValuation = ModularRing.valuation(t.residue(b - a), m.size());
            for (long c : biases) {
                for (long w : ws) {
                    Stage s = Stage.of(c, w, 1);
                    long a2 = s.apply(m, a);
                    long b2 = s.apply(m, b);
                    int v = ModularRing.valuation(t.residue(b2 - a2), m.size());
                    if (a2 != b2 && v < bestValuation) {
                        best = s;
                        bestValuation = v;
                    }
                }
            }
            if (best == null) {
                return Optional.empty();
            }
            stages.add(best);
            a = best.apply(m, a);
            b = best.apply(m, b);
        }
        return Optional.empty();
    }
}

package dev.fxnet.construct.binary;

import dev.fxnet.target.FunctionTable;
import dev.fxnet.gadget.Machine;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Neuron;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The last three layers of the binary-weight constructions (docs/CONSTRUCTION.md, section 6): point
 * neurons (each exactly {@code on} at its point and 0 elsewhere, built by the caller), value neurons
 * whose outputs, chosen per sign so that every {@code |f(x)|} is a sum of some of them, are 0 unless
 * one of their points is on, and the output neuron that adds them with {@code +-1}.
 */
final class BinaryValueLayer {
    private BinaryValueLayer() {
    }

    /**
     * A value neuron for point neurons that output some {@code on} ({@link #valueNeurons}): its
     * {@code bias}, its output {@code value} where one of its points is on, the {@code sign} with
     * which it reads its twin points (0 if it reads single points once), and the bias and read sign
     * of the constant pair it reads after them ({@code constantSign} 0 if none).
     */
    record ValueNeuron(long bias, long value, int sign, long constantBias, int constantSign) {
        boolean readsConstant() {
            return constantSign != 0;
        }
    }

    /** The point neurons' output {@code on} and the value neurons for it, all of one form. */
    private record Choice(long on, List<ValueNeuron> options) {
        boolean twinPoints() {
            return options.get(0).sign() != 0;
        }
    }

    /**
     * Appends the point layer, the value layer and the output neuron: chooses the first output
     * {@code on} of the point neurons (in the order given) for which value neurons exist, single
     * reads before twin reads; builds point neuron {@code p} by {@code pointNeuron.apply(p, on)}
     * (twice if the value neurons read twins) and the constant pairs the value neurons need, over
     * a previous layer of pairs with the values {@code readValues}.
     *
     * @return a summary of the point and value neurons for the gadget description, or a refusal if
     *     no {@code on} has value neurons, the values do not sum to the table's or a neuron does not
     *     exist
     */
    static Attempt<String> pointAndValueLayers(Machine s, FunctionTable target, List<Integer> live, List<Long> ons,
            BiFunction<Integer, Long, Attempt<Neuron>> pointNeuron, List<long[]> readValues, List<Layer> layers) {
        Choice choice = choose(s, ons);
        if (choice == null) {
            return Attempt.refused(s + ": no value neuron for any output " + ons.stream().map(s::dec)
                    .toList() + " of the point neurons: tau(b) = 0 and tau(acc(b; +-on)) = 0 != tau(acc(b; +on)), or"
                    + " read twice with a constant pair: tau(acc(b; t k, t k)) = 0 != tau(acc(b; s on, s on, t k, t k))");
        }
        return decompose(target, live, choice.options(), s).flatMap(dec -> {
            // the constant pairs the value neurons read, in the point layer: value -> bias
            TreeMap<Long, Long> constants = new TreeMap<>();
            for (ValueNeuron bv : dec.neurons) {
                if (bv.readsConstant()) {
                    constants.put(s.tau(bv.constantBias()), bv.constantBias());
                }
            }
            Attempt<List<Neuron>> points = pointLayer(s, live.size(), choice, pointNeuron, constants, readValues);
            if (points instanceof Attempt.Refused<List<Neuron>> r) {
                return r.as();
            }
            layers.add(Layer.of(points.orElseThrow()));
            return valueLayer(s, live.size(), choice, dec, new ArrayList<>(constants.keySet())).map(values -> {
                layers.add(Layer.of(values));
                layers.add(Layer.of(Neuron.dense(0, outputWeights(s, dec))));
                return live.size() + " point neurons" + (choice.twinPoints() ? " (twins)" : "") + " (on = "
                        + s.dec(choice.on()) + ")" + (constants.isEmpty() ? "" : ", constant pairs "
                        + constants.keySet().stream().map(s::dec).toList()) + ", " + dec.neurons.size()
                        + " value neurons " + dec.summary(s);
            });
        });
    }

    /** The first {@code on} of {@code ons} with value neurons, single reads before twin reads; null if none. */
    private static Choice choose(Machine s, List<Long> ons) {
        for (boolean twin : new boolean[] {false, true}) {
            for (long o : ons) {
                List<ValueNeuron> options = valueNeurons(s, o, twin);
                if (!options.isEmpty()) {
                    return new Choice(o, options);
                }
            }
        }
        return null;
    }

    /** The point neurons (twice each if the value neurons read twins), then the constant pairs. */
    private static Attempt<List<Neuron>> pointLayer(Machine s, int points, Choice choice,
            BiFunction<Integer, Long, Attempt<Neuron>> pointNeuron, Map<Long, Long> constants,
            List<long[]> readValues) {
        Attempt<List<Neuron>> made = Attempt.each(points, p -> pointNeuron.apply(p, choice.on()));
        List<Long> biases = new ArrayList<>(constants.values());
        return made.flatMap(ps -> Attempt.each(biases.size(), k -> TwinNeurons.constant(s, biases.get(k), readValues))
                .map(cs -> {
                    List<Neuron> out = new ArrayList<>(choice.twinPoints() ? TwinNeurons.twice(ps) : ps);
                    out.addAll(TwinNeurons.twice(cs));
                    return out;
                }));
    }

    /** The value neurons of {@code dec} over the point layer: dense over single points, else over twins. */
    private static Attempt<List<Neuron>> valueLayer(Machine s, int points, Choice choice, Decomposition dec,
            List<Long> constantValues) {
        long one = s.one().orElse(-1);
        List<long[]> pairValues = new ArrayList<>();
        for (int p = 0; p < points && choice.twinPoints(); p++) {
            pairValues.add(new long[] {0, choice.on()});
        }
        for (long kv : constantValues) {
            pairValues.add(new long[] {kv});
        }
        return Attempt.each(dec.neurons.size(), j -> {
            ValueNeuron bv = dec.neurons.get(j);
            BitSet members = dec.members.get(j);
            if (!choice.twinPoints()) {
                long[] w = new long[points];
                for (int p = 0; p < points; p++) {
                    w[p] = members.get(p) ? one : -one;
                }
                return Attempt.built(Neuron.dense(bv.bias(), w));
            }
            int[] reads = new int[members.cardinality() + (bv.readsConstant() ? 1 : 0)];
            int[] readSigns = new int[reads.length];
            int r = 0;
            for (int p = members.nextSetBit(0); p >= 0; p = members.nextSetBit(p + 1)) {
                reads[r] = p;
                readSigns[r++] = bv.sign();
            }
            if (bv.readsConstant()) {
                reads[r] = points + constantValues.indexOf(s.tau(bv.constantBias()));
                readSigns[r] = bv.constantSign();
            }
            return TwinNeurons.overTwins(s, bv.bias(), pairValues, reads, readSigns, false);
        });
    }

    /** The output neuron's weights: each value neuron added with the sign of its value times its group's. */
    private static long[] outputWeights(Machine s, Decomposition dec) {
        long[] outW = new long[dec.neurons.size()];
        for (int j = 0; j < outW.length; j++) {
            outW[j] = Long.signum(dec.neurons.get(j).value()) * dec.groupSign.get(j) * s.one().orElse(-1);
        }
        return outW;
    }

    /**
     * The value neurons for point neurons that output {@code on}, one per output value {@code v}, as
     * {@link ValueNeuron}s {@code (b, v, s, k, t)}.
     *
     * <ul>
     *   <li>Single points ({@code s = 0}): the neuron lists every point neuron once, {@code +1} for
     *       its members and {@code -1} for the rest; {@code tau(b) = tau(acc(b; -on)) = 0},
     *       {@code tau(acc(b; +on)) = v}.</li>
     *   <li>Twin points ({@code twin}, {@code s = +-1}): it cancels the points it does not want, reads
     *       its members twice with sign {@code s} and, if {@code t != 0}, then the twins of a constant
     *       neuron with bias {@code k} with sign {@code t}: {@code tau(acc(b; t c, t c)) = 0} and
     *       {@code tau(acc(b; s on, s on, t c, t c)) = v}, where {@code c = tau(k)}. Non-members must
     *       cancel after {@code b}.</li>
     * </ul>
     */
    static List<ValueNeuron> valueNeurons(Machine s, long on, boolean twin) {
        Map<Long, ValueNeuron> byValue = new LinkedHashMap<>();
        long[] offOn = {0, on};
        for (long b = s.min(); b <= s.max(); b++) {
            if (!twin) {
                if (s.tau(b) != 0 || s.tau(BinaryGadgets.acc(s, b, new int[] {-1}, new long[] {on}, 1)) != 0) {
                    continue;
                }
                long v = s.tau(BinaryGadgets.acc(s, b, new int[] {1}, new long[] {on}, 1));
                if (v != 0) {
                    byValue.putIfAbsent(v, new ValueNeuron(b, v, 0, 0, 0));
                }
                continue;
            }
            if (BinaryGadgets.cancels(s, b, offOn) == 0) {
                continue;
            }
            for (int sign : new int[] {1, -1}) {
                if (s.tau(b) == 0) {
                    long v = s.tau(BinaryGadgets.doubled(s, b, sign, on));
                    if (v != 0) {
                        byValue.putIfAbsent(v, new ValueNeuron(b, v, sign, 0, 0));
                    }
                }
            }
        }
        if (twin) {
            withConstantPairs(s, on, byValue);
        }
        return new ArrayList<>(byValue.values());
    }

    /** Adds the twin value neurons that read a constant pair after their points, for values not yet reached. */
    private static void withConstantPairs(Machine s, long on, Map<Long, ValueNeuron> byValue) {
        long[] offOn = {0, on};
        Map<Long, Long> constants = BinaryGadgets.constantBiases(s);
        for (long b = s.min(); b <= s.max(); b++) {
            if (BinaryGadgets.cancels(s, b, offOn) == 0) {
                continue;
            }
            for (Map.Entry<Long, Long> e : constants.entrySet()) {
                long c = e.getKey();
                if (c == 0 || BinaryGadgets.cancels(s, b, new long[] {c}) == 0) {
                    continue;
                }
                for (int t : new int[] {1, -1}) {
                    if (s.tau(BinaryGadgets.acc(s, b, new int[] {t, t}, new long[] {c, c}, 2)) != 0) {
                        continue;
                    }
                    for (int sign : new int[] {1, -1}) {
                        long v = s.tau(BinaryGadgets.acc(s, b, new int[] {sign, sign, t, t},
                                new long[] {on, on, c, c}, 4));
                        if (v != 0) {
                            byValue.putIfAbsent(v, new ValueNeuron(b, v, sign, e.getValue(), t));
                        }
                    }
                }
            }
        }
    }

    /**
     * The value neurons chosen per sign of the table, each with the sign of its group and the live
     * points (by position in {@code live}) whose value it is part of.
     */
    private static final class Decomposition {
        final List<ValueNeuron> neurons = new ArrayList<>();
        final List<Integer> groupSign = new ArrayList<>();
        final List<BitSet> members = new ArrayList<>();

        String summary(Machine s) {
            Map<String, Integer> count = new LinkedHashMap<>();
            for (int j = 0; j < neurons.size(); j++) {
                String k = (groupSign.get(j) > 0 ? "+" : "-") + s.dec(Math.abs(neurons.get(j).value()));
                count.merge(k, 1, Integer::sum);
            }
            return count.toString();
        }
    }

    /** Chooses value neurons per sign so that every {@code |f(x)|} is a subset sum, and assigns the points. */
    private static Attempt<Decomposition> decompose(FunctionTable t, List<Integer> live, List<ValueNeuron> options,
            Machine s) {
        Decomposition dec = new Decomposition();
        for (int sign : new int[] {1, -1}) {
            TreeSet<Long> targets = new TreeSet<>();
            for (int i : live) {
                long f = t.code(i);
                if (Long.signum(f) == sign) {
                    targets.add(Math.abs(f));
                }
            }
            if (targets.isEmpty()) {
                continue;
            }
            List<ValueNeuron> chosen = cover(targets, options);
            if (chosen == null) {
                return Attempt.refused(s + ": the value neurons' outputs "
                        + options.stream().map(o -> s.dec(o.value())).toList() + " do not sum to every table value");
            }
            assign(t, live, sign, chosen, (int) (long) targets.last(), dec);
        }
        return Attempt.built(dec);
    }

    /**
     * Greedily chosen value neurons whose magnitudes have every target as a subset sum: each
     * reaching the most new targets (the largest on a tie), else the most new sums; null if none
     * makes progress.
     */
    private static List<ValueNeuron> cover(TreeSet<Long> targets, List<ValueNeuron> options) {
        int maxT = (int) (long) targets.last();
        List<ValueNeuron> chosen = new ArrayList<>();
        BitSet reach = new BitSet(maxT + 1);
        reach.set(0);
        while (!covered(reach, targets)) {
            ValueNeuron best = null;
            int bestGain = 0;
            for (ValueNeuron o : options) {
                int a = (int) Math.abs(o.value());
                BitSet r = shiftOr(reach, a, maxT);
                int gain = 0;
                for (long x : targets) {
                    if (r.get((int) x) && !reach.get((int) x)) {
                        gain++;
                    }
                }
                if (gain > bestGain || (gain == bestGain && gain > 0 && a > Math.abs(best.value()))) {
                    best = o;
                    bestGain = gain;
                }
            }
            if (best == null) {
                // no single value reaches a target: add the one that makes the most new sums reachable
                int bestNew = 0;
                for (ValueNeuron o : options) {
                    BitSet r = shiftOr(reach, (int) Math.abs(o.value()), maxT);
                    r.andNot(reach);
                    if (r.cardinality() > bestNew) {
                        best = o;
                        bestNew = r.cardinality();
                    }
                }
                if (best == null) {
                    return null;
                }
            }
            chosen.add(best);
            reach = shiftOr(reach, (int) Math.abs(best.value()), maxT);
        }
        return chosen;
    }

    /** Adds {@code chosen} to {@code dec} as the group of {@code sign}, each live point of that sign a member of a subset summing to it. */
    private static void assign(FunctionTable t, List<Integer> live, int sign, List<ValueNeuron> chosen, int maxT,
            Decomposition dec) {
        // subset sums: a DP table over the chosen values
        int c = chosen.size();
        BitSet[] dp = new BitSet[c + 1];
        dp[0] = new BitSet(maxT + 1);
        dp[0].set(0);
        for (int j = 0; j < c; j++) {
            dp[j + 1] = shiftOr(dp[j], (int) Math.abs(chosen.get(j).value()), maxT);
        }
        int base = dec.neurons.size();
        for (ValueNeuron o : chosen) {
            dec.neurons.add(o);
            dec.groupSign.add(sign);
            dec.members.add(new BitSet(live.size()));
        }
        Map<Long, List<Integer>> subsetOf = new HashMap<>();
        for (int p = 0; p < live.size(); p++) {
            long f = t.code(live.get(p));
            if (Long.signum(f) != sign) {
                continue;
            }
            List<Integer> subset = subsetOf.computeIfAbsent(Math.abs(f), x -> {
                List<Integer> sub = new ArrayList<>();
                int rem = (int) (long) x;
                for (int j = c; j > 0; j--) {
                    if (dp[j - 1].get(rem)) {
                        continue;
                    }
                    sub.add(j - 1);
                    rem -= (int) Math.abs(chosen.get(j - 1).value());
                }
                if (rem != 0) {
                    throw new IllegalStateException("internal error: no subset sum for " + x);
                }
                return sub;
            });
            for (int j : subset) {
                dec.members.get(base + j).set(p);
            }
        }
    }

    private static boolean covered(BitSet reach, TreeSet<Long> targets) {
        for (long x : targets) {
            if (!reach.get((int) x)) {
                return false;
            }
        }
        return true;
    }


    private static BitSet shiftOr(BitSet r, int a, int max) {
        BitSet out = (BitSet) r.clone();
        for (int i = r.nextSetBit(0); i >= 0 && i + a <= max; i = r.nextSetBit(i + 1)) {
            out.set(i + a);
        }
        return out;
    }
}

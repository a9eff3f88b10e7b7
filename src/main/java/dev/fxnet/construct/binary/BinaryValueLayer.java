package dev.fxnet.construct.binary;

import dev.fxnet.construct.FunctionTable;
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
     * Appends the point layer, the value layer and the output neuron: chooses the first output
     * {@code on} of the point neurons (in the order given) for which value neurons exist, single
     * reads before twin reads; builds point neuron {@code p} by {@code pointNeuron.apply(p, on)}
     * (twice if the value neurons read twins) and the constant pairs the value neurons need, over
     * a previous layer of pairs with the values {@code readValues}.
     *
     * @return a summary of the point and value neurons for the gadget description
     * @throws Refusal if no {@code on} has value neurons
     */
    static String pointAndValueLayers(Machine s, FunctionTable target, List<Integer> live, List<Long> ons,
            BiFunction<Integer, Long, Neuron> pointNeuron, List<long[]> readValues, List<Layer> layers) {
        long on = 0;
        List<long[]> bNeurons = List.of();
        for (int form = 0; form < 2 && bNeurons.isEmpty(); form++) {
            for (long o : ons) {
                bNeurons = valueNeurons(s, o, form == 1);
                if (!bNeurons.isEmpty()) {
                    on = o;
                    break;
                }
            }
        }
        if (bNeurons.isEmpty()) {
            throw Refusal.of(s + ": no value neuron for any output " + ons.stream().map(s::dec)
                    .toList() + " of the point neurons: tau(b) = 0 and tau(acc(b; +-on)) = 0 != tau(acc(b; +on)), or"
                    + " read twice with a constant pair: tau(acc(b; t k, t k)) = 0 != tau(acc(b; s on, s on, t k, t k))");
        }
        boolean twinPoints = bNeurons.get(0)[2] != 0;
        Decomposition dec = decompose(target, live, bNeurons, s);
        // the constant pairs the value neurons read, in the point layer: value -> bias
        TreeMap<Long, Long> constants = new TreeMap<>();
        for (long[] bv : dec.neurons) {
            if (bv[4] != 0) {
                constants.put(s.tau(bv[3]), bv[3]);
            }
        }
        long one = s.one().orElse(-1);
        List<Neuron> pNeurons = new ArrayList<>(live.size());
        for (int p = 0; p < live.size(); p++) {
            Neuron nn = pointNeuron.apply(p, on);
            pNeurons.add(nn);
            if (twinPoints) {
                pNeurons.add(nn);
            }
        }
        for (long k : constants.values()) {
            Neuron nn = TwinNeurons.overTwins(s, k, readValues, new int[0], new int[0], false);
            pNeurons.add(nn);
            pNeurons.add(nn);
        }
        layers.add(Layer.of(pNeurons));
        List<Neuron> bLayer = new ArrayList<>();
        long[] outW = new long[dec.neurons.size()];
        List<long[]> pairValues = new ArrayList<>();
        for (int p = 0; p < live.size() && twinPoints; p++) {
            pairValues.add(new long[] {0, on});
        }
        List<Long> constantValues = new ArrayList<>(constants.keySet());
        for (long kv : constantValues) {
            pairValues.add(new long[] {kv});
        }
        for (int j = 0; j < dec.neurons.size(); j++) {
            long[] bv = dec.neurons.get(j);
            BitSet members = dec.members.get(j);
            if (twinPoints) {
                int[] reads = new int[members.cardinality() + (bv[4] != 0 ? 1 : 0)];
                int[] readSigns = new int[reads.length];
                int r = 0;
                for (int p = members.nextSetBit(0); p >= 0; p = members.nextSetBit(p + 1)) {
                    reads[r] = p;
                    readSigns[r++] = (int) bv[2];
                }
                if (bv[4] != 0) {
                    reads[r] = live.size() + constantValues.indexOf(s.tau(bv[3]));
                    readSigns[r] = (int) bv[4];
                }
                bLayer.add(TwinNeurons.overTwins(s, bv[0], pairValues, reads, readSigns, false));
            } else {
                long[] w = new long[live.size()];
                for (int p = 0; p < live.size(); p++) {
                    w[p] = members.get(p) ? one : -one;
                }
                bLayer.add(Neuron.dense(bv[0], w));
            }
            outW[j] = Long.signum(bv[1]) * dec.groupSign.get(j) * one;
        }
        layers.add(Layer.of(bLayer));
        layers.add(Layer.of(Neuron.dense(0, outW)));
        return live.size() + " point neurons" + (twinPoints ? " (twins)" : "") + " (on = " + s.dec(on) + ")"
                + (constants.isEmpty() ? "" : ", constant pairs " + constants.keySet().stream().map(s::dec).toList())
                + ", " + dec.neurons.size() + " value neurons " + dec.summary(s);
    }

    /**
     * The value neurons for point neurons that output {@code on}, one per output value {@code v}, as
     * {@code {b, v, s, k, t}}.
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
    static List<long[]> valueNeurons(Machine s, long on, boolean twin) {
        Map<Long, long[]> byValue = new LinkedHashMap<>();
        long[] offOn = {0, on};
        for (long b = s.min(); b <= s.max(); b++) {
            if (!twin) {
                if (s.tau(b) != 0 || s.tau(BinaryGadgets.acc(s, b, new int[] {-1}, new long[] {on}, 1)) != 0) {
                    continue;
                }
                long v = s.tau(BinaryGadgets.acc(s, b, new int[] {1}, new long[] {on}, 1));
                if (v != 0) {
                    byValue.putIfAbsent(v, new long[] {b, v, 0, 0, 0});
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
                        byValue.putIfAbsent(v, new long[] {b, v, sign, 0, 0});
                    }
                }
            }
        }
        if (twin) {
            // with a constant pair: only values not reached without one
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
                                byValue.putIfAbsent(v, new long[] {b, v, sign, e.getValue(), t});
                            }
                        }
                    }
                }
            }
        }
        return new ArrayList<>(byValue.values());
    }


    private static final class Decomposition {
        final List<long[]> neurons = new ArrayList<>();
        final List<Integer> groupSign = new ArrayList<>();
        final List<BitSet> members = new ArrayList<>();

        String summary(Machine s) {
            Map<String, Integer> count = new LinkedHashMap<>();
            for (int j = 0; j < neurons.size(); j++) {
                String k = (groupSign.get(j) > 0 ? "+" : "-") + s.dec(Math.abs(neurons.get(j)[1]));
                count.merge(k, 1, Integer::sum);
            }
            return count.toString();
        }
    }

    /** Chooses value neurons per sign so that every {@code |f(x)|} is a subset sum, and assigns the points. */
    private static Decomposition decompose(FunctionTable t, List<Integer> live, List<long[]> options, Machine s) {
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
            int maxT = (int) (long) targets.last();
            List<long[]> chosen = new ArrayList<>();
            BitSet reach = new BitSet(maxT + 1);
            reach.set(0);
            while (!covered(reach, targets)) {
                long[] best = null;
                int bestGain = 0;
                for (long[] o : options) {
                    int a = (int) Math.abs(o[1]);
                    BitSet r = shiftOr(reach, a, maxT);
                    int gain = 0;
                    for (long x : targets) {
                        if (r.get((int) x) && !reach.get((int) x)) {
                            gain++;
                        }
                    }
                    if (gain > bestGain || (gain == bestGain && gain > 0 && a > Math.abs(best[1]))) {
                        best = o;
                        bestGain = gain;
                    }
                }
                if (best == null) {
                    // no single value reaches a target: add the one that makes the most new sums reachable
                    int bestNew = 0;
                    for (long[] o : options) {
                        BitSet r = shiftOr(reach, (int) Math.abs(o[1]), maxT);
                        r.andNot(reach);
                        if (r.cardinality() > bestNew) {
                            best = o;
                            bestNew = r.cardinality();
                        }
                    }
                    if (best == null) {
                        throw Refusal.of(s + ": the value neurons' outputs "
                                + options.stream().map(o -> s.dec(o[1])).toList() + " do not sum to every table value");
                    }
                }
                chosen.add(best);
                reach = shiftOr(reach, (int) Math.abs(best[1]), maxT);
            }
            // subset sums: a DP table over the chosen values
            int c = chosen.size();
            BitSet[] dp = new BitSet[c + 1];
            dp[0] = new BitSet(maxT + 1);
            dp[0].set(0);
            for (int j = 0; j < c; j++) {
                dp[j + 1] = shiftOr(dp[j], (int) Math.abs(chosen.get(j)[1]), maxT);
            }
            int base = dec.neurons.size();
            for (long[] o : chosen) {
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
                long target = Math.abs(f);
                List<Integer> subset = subsetOf.computeIfAbsent(target, x -> {
                    List<Integer> sub = new ArrayList<>();
                    int rem = (int) (long) x;
                    for (int j = c; j > 0; j--) {
                        if (dp[j - 1].get(rem)) {
                            continue;
                        }
                        sub.add(j - 1);
                        rem -= (int) Math.abs(chosen.get(j - 1)[1]);
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
        return dec;
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

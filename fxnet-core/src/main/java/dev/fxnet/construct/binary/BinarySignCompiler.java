package dev.fxnet.construct.binary;

import dev.fxnet.target.FunctionTable;
import dev.fxnet.gadget.Machine;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The sign construction for binary weights in {@code d = 1} (docs/CONSTRUCTION.md, section 6), for
 * settings without step gadgets; the identity under saturation is the case it was made for, where
 * a neuron outputs 0 only by exact cancellation.
 *
 * <ol>
 *   <li><b>Ramps.</b> For every threshold {@code c} with {@code -c} in F, twin first-layer neurons
 *       {@code tau(acc(-c; x))}.</li>
 *   <li><b>Signs.</b> Doubling layers {@code tau(acc(0; y, y))} (bias 0, after which every other pair
 *       with values in {@code [-M, M]} cancels) until every signal is a <em>sign signal</em>: one value below
 *       {@code c}, 0 at {@code c}, one value above, each checked on every input.</li>
 *   <li><b>Points.</b> One neuron per point {@code x0} with {@code f(x0) != 0}, reading two or three
 *       sign signals with thresholds within 2 of {@code x0} twice each, in a searched order, with
 *       signs and a bias after which every other sign pair cancels; it outputs {@code on} at
 *       {@code x0} and 0 on every other input (checked on every input).</li>
 *   <li><b>Pass, values, output.</b> A layer of pass neurons {@code tau(acc(beta; s P, s P))} (0 when
 *       their point is off) with the constant pairs the value neurons need, then the value layer and
 *       the output of {@link BinaryValueLayer#pointAndValueLayers}.</li>
 * </ol>
 * The caller verifies the network on all of F.
 */
final class BinarySignCompiler {
    /** The most doubling layers tried before giving up. */
    static final int MAX_DOUBLINGS = 40;

    /** The thresholds a point neuron may read, relative to the point. */
    static final int REACH = 2;

    private BinarySignCompiler() {
    }

    /**
     * The ramps after the doubling layers: their {@code thresholds}, their {@code values[t][x - min]}
     * after the last layer, the distinct values of every layer ({@code layerValues.get(0)} the ramps',
     * the last the sign signals'), and the number of {@code doublings}.
     */
    private record SignLayers(List<Long> thresholds, long[][] values, List<long[]> layerValues, int doublings) {
        long[] signValues() {
            return layerValues.get(doublings);
        }
    }

    /**
     * The sign signals a point neuron reads: their {@code values[t][x - min]} on F per threshold
     * {@code thresholds.get(t)}, and the {@code biases} after which every sign pair cancels.
     */
    record SignSignals(long[][] values, List<Long> thresholds, List<Long> biases) {
    }

    /** A pass neuron {@code tau(acc(beta; sign P, sign P))}: 0 when its point is off. */
    private record PassNeuron(long beta, int sign) {
    }

    /** The point output {@code on} and the pass neurons for it, by their output value. */
    private record Pass(long on, Map<Long, PassNeuron> byOutput) {
    }

    /**
     * Compiles a one-dimensional table with the sign construction.
     *
     * @param live the indices of the points with {@code f != 0}, not empty
     * @return the network, or a refusal naming the stage without a gadget
     */
    static Attempt<BinaryNetwork> compile(FunctionTable target, Machine s, List<Integer> live) {
        return signLayers(s).flatMap(sl -> {
            int sig = sl.thresholds().size();
            int size = s.size();
            // 3. point neurons, planned over every point, so that these layers do not depend on which points are live
            long estimate = 4L * sig * sig * sl.doublings() + 2L * sig + 4L * size * sig + 4L * size * size;
            if (estimate > BinaryCompiler.MAX_WEIGHTS) {
                return Attempt.refused("the sign construction for " + s + " would have about " + estimate
                        + " weights, over the limit of " + BinaryCompiler.MAX_WEIGHTS);
            }
            SignSignals signals = new SignSignals(sl.values(), sl.thresholds(), cancellingBiases(s, sl.signValues()));
            TreeSet<Long> common = codes(s);
            return sharedPointOptions(s, signals, common, "sign construction", "point", "x").flatMap(options -> {
                List<Long> shared = byMagnitude(common);
                Pass pass = pass(s, shared);
                if (pass == null) {
                    return Attempt.refused(s + ": the sign construction has no pass neuron with value neurons:"
                            + " tau(beta) = 0 and tau(acc(beta; s on, s on)) = v != 0, with value neurons for v, for no"
                            + " bias beta, sign s and point output on in " + shared.stream().map(s::dec).toList());
                }
                return network(target, s, live, sl, options, pass);
            });
        });
    }

    /** 1. The ramps {@code tau(acc(-c; x))}; 2. doubling layers until every signal is a sign signal. */
    private static Attempt<SignLayers> signLayers(Machine s) {
        long min = s.min();
        int size = s.size();
        List<Long> thresholds = rampThresholds(s);
        long[][] vals = new long[thresholds.size()][size];
        for (int i = 0; i < vals.length; i++) {
            for (int x = 0; x < size; x++) {
                vals[i][x] = s.tau(s.accumulate(-thresholds.get(i), new long[] {s.one().orElse(-1)}, new long[] {min + x}, 1));
            }
        }
        List<long[]> layerValues = new ArrayList<>();
        layerValues.add(distinctValues(vals));
        int doublings = 0;
        while (!allSigns(vals, thresholds, min)) {
            if (doublings == MAX_DOUBLINGS) {
                return Attempt.refused(s + ": the sign construction found no sign signals: after "
                        + MAX_DOUBLINGS + " doubling layers tau(acc(0; y, y)) some ramp tau(acc(-c; x)) is not"
                        + " one value below c, 0 at c and one value above");
            }
            for (long[] v : vals) {
                for (int x = 0; x < size; x++) {
                    v[x] = s.tau(BinaryGadgets.doubled(s, 0, 1, v[x]));
                }
            }
            doublings++;
            layerValues.add(distinctValues(vals));
        }
        return Attempt.built(new SignLayers(thresholds, vals, layerValues, doublings));
    }

    /** The codes in order of decreasing magnitude, the positive one first on a tie. */
    static List<Long> byMagnitude(Collection<Long> codes) {
        List<Long> out = new ArrayList<>(codes);
        out.sort((a, b) -> Long.compare(Math.abs(a), Math.abs(b)) != 0 ? Long.compare(Math.abs(b), Math.abs(a))
                : Long.compare(b, a));
        return out;
    }

    /** The pass neurons for the first shared {@code on} whose outputs have value neurons; null if none. */
    private static Pass pass(Machine s, List<Long> shared) {
        for (long candidate : shared) {
            Map<Long, PassNeuron> p = passNeurons(s, candidate);
            if (p.keySet().stream().anyMatch(v -> !BinaryValueLayer.valueNeurons(s, v, false).isEmpty()
                    || !BinaryValueLayer.valueNeurons(s, v, true).isEmpty())) {
                return new Pass(candidate, p);
            }
        }
        return null;
    }

    /** The layers: ramps, doublings, point neurons of the live points at {@code pass.on()}, pass, values, output. */
    private static Attempt<BinaryNetwork> network(FunctionTable target, Machine s, List<Integer> live, SignLayers sl,
            List<Map<Long, PointNeuron>> options, Pass pass) {
        int sig = sl.thresholds().size();
        List<Layer> layers = new ArrayList<>();
        List<Neuron> first = new ArrayList<>();
        for (long c : sl.thresholds()) {
            first.add(Neuron.dense(-c, s.one().orElse(-1)));
        }
        layers.add(Layer.of(TwinNeurons.twice(first)));
        for (int l = 0; l < sl.doublings(); l++) {
            List<long[]> pairs = pairs(sig, sl.layerValues().get(l));
            Attempt<List<Neuron>> doubling = Attempt.each(sig,
                    i -> TwinNeurons.overTwins(s, 0, pairs, new int[] {i}, new int[] {1}, false));
            if (doubling instanceof Attempt.Refused<List<Neuron>> r) {
                return r.as();
            }
            layers.add(Layer.of(TwinNeurons.twice(doubling.orElseThrow())));
        }
        List<long[]> signPairs = pairs(sig, sl.signValues());
        Attempt<List<Neuron>> points = Attempt.each(live.size(),
                p -> pointNeuron(s, options.get(live.get(p)).get(pass.on()), signPairs));
        if (points instanceof Attempt.Refused<List<Neuron>> r) {
            return r.as();
        }
        layers.add(Layer.of(TwinNeurons.twice(points.orElseThrow())));
        List<long[]> pointPairs = pairs(live.size(), new long[] {0, pass.on()});
        return BinaryValueLayer.pointAndValueLayers(s, target, live, byMagnitude(pass.byOutput().keySet()), (p, v) -> {
            PassNeuron bs = pass.byOutput().get(v);
            return TwinNeurons.overTwins(s, bs.beta(), pointPairs, new int[] {p}, new int[] {bs.sign()}, false);
        }, pointPairs, layers).map(values -> {
            Network net = Network.of(s.setting().fixedPoint(), s.accumulation(), s.activation(), 1, layers, Map.of());
            String gadgets = "binary sign construction: " + sig + " ramps, " + sl.doublings() + " doubling layer(s) to"
                    + " sign signals, " + live.size() + " point neurons (on = " + s.dec(pass.on()) + "), pass layer: "
                    + values;
            return new BinaryNetwork(net, live.size(), gadgets);
        });
    }

    /** Pass neurons for point output {@code on}: output -> neuron, with {@code {0, on}} cancelling after beta. */
    private static Map<Long, PassNeuron> passNeurons(Machine s, long on) {
        Map<Long, PassNeuron> pass = new LinkedHashMap<>();
        long[] offOn = {0, on};
        for (long beta = s.min(); beta <= s.max(); beta++) {
            if (s.tau(beta) != 0 || BinaryGadgets.cancels(s, beta, offOn) == 0) {
                continue;
            }
            for (int sign : new int[] {1, -1}) {
                long v = s.tau(BinaryGadgets.doubled(s, beta, sign, on));
                if (v != 0) {
                    pass.putIfAbsent(v, new PassNeuron(beta, sign));
                }
            }
        }
        return pass;
    }

    /** The thresholds {@code c} whose ramp {@code tau(acc(-c; x))} has its bias {@code -c} in F, in increasing order. */
    static List<Long> rampThresholds(Machine s) {
        List<Long> thresholds = new ArrayList<>();
        for (long c = s.min(); c <= s.max(); c++) {
            if (-c >= s.min() && -c <= s.max()) {
                thresholds.add(c);
            }
        }
        return thresholds;
    }

    /** The biases after which twins taking any of {@code values} cancel, in increasing order. */
    static List<Long> cancellingBiases(Machine s, long[] values) {
        List<Long> biases = new ArrayList<>();
        for (long b = s.min(); b <= s.max(); b++) {
            if (BinaryGadgets.cancels(s, b, values) != 0) {
                biases.add(b);
            }
        }
        return biases;
    }

    /** Every code of F, in increasing order. */
    static TreeSet<Long> codes(Machine s) {
        TreeSet<Long> all = new TreeSet<>();
        for (long c = s.min(); c <= s.max(); c++) {
            all.add(c);
        }
        return all;
    }

    /**
     * The point neurons ({@link #pointOptions}) of every value of F over the sign signals, in the
     * order of F; {@code common} is narrowed to the outputs {@code on} that every value (and
     * everything it held before) admits.
     *
     * @return the options per value, or a refusal at the first value after which no output is
     *     common, naming it as the {@code noun} neuron of {@code construction} for {@code variable}
     */
    static Attempt<List<Map<Long, PointNeuron>>> sharedPointOptions(Machine s, SignSignals signals,
            TreeSet<Long> common, String construction, String noun, String variable) {
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < signals.thresholds().size(); i++) {
            index.put(signals.thresholds().get(i), i);
        }
        List<Map<Long, PointNeuron>> options = new ArrayList<>();
        for (int p = 0; p < s.size(); p++) {
            long x0 = s.min() + p;
            Map<Long, PointNeuron> o = pointOptions(s, signals.values(), index, signals.biases(), x0);
            common.retainAll(o.keySet());
            if (common.isEmpty()) {
                return Attempt.refused(s + ": the " + construction + " has no " + noun + " neuron for "
                        + variable + " = " + s.dec(x0) + (o.isEmpty() ? "" : " with an output the other " + noun
                        + "s share") + " (two or three sign signals within " + REACH + " codes, every order, sign and"
                        + " cancelling bias tried)");
            }
            options.add(o);
        }
        return Attempt.built(options);
    }

    /** A point neuron: its bias, the thresholds it reads, their signs, and the order of the twin reads. */
    record PointNeuron(long bias, int[] signals, int[] signs, int[] order) {
    }

    static Attempt<Neuron> pointNeuron(Machine s, PointNeuron pn, List<long[]> signPairs) {
        return pointNeuron(s, pn, signPairs, 0);
    }

    /** The neuron of {@code pn} over a layer whose sign pairs of {@code pn}'s thresholds start at pair {@code offset}. */
    static Attempt<Neuron> pointNeuron(Machine s, PointNeuron pn, List<long[]> signPairs, int offset) {
        int[] sequence = new int[pn.order().length];
        int[] seqSigns = new int[sequence.length];
        for (int k = 0; k < sequence.length; k++) {
            sequence[k] = offset + pn.signals()[pn.order()[k]];
            seqSigns[k] = pn.signs()[pn.order()[k]];
        }
        return TwinNeurons.overTwins(s, pn.bias(), signPairs, sequence, seqSigns);
    }

    /**
     * Every output {@code on} of a point neuron for {@code x0}: on value -> neuron, checked on every
     * input (the neuron is {@code on} at {@code x0}, 0 elsewhere); {@code biases} are those after which
     * every sign pair cancels.
     */
    static Map<Long, PointNeuron> pointOptions(Machine s, long[][] vals, Map<Long, Integer> index,
            List<Long> biases, long x0) {
        long min = s.min();
        int size = vals[0].length;
        List<Integer> near = new ArrayList<>();
        for (long c = x0 - REACH; c <= x0 + REACH; c++) {
            Integer i = index.get(c);
            if (i != null) {
                near.add(i);
            }
        }
        Map<Long, PointNeuron> out = new HashMap<>();
        for (int n = 2; n <= 3; n++) {
            List<int[]> orders = BinaryGadgets.orders(n, 2);
            for (int[] subset : subsets(near.size(), n)) {
                int[] signals = new int[n];
                for (int j = 0; j < n; j++) {
                    signals[j] = near.get(subset[j]);
                }
                int[] sgn = new int[2 * n];
                long[] ys = new long[2 * n];
                for (int mask = 0; mask < 1 << n; mask++) {
                    int[] signs = new int[n];
                    for (int j = 0; j < n; j++) {
                        signs[j] = (mask >> j & 1) == 0 ? 1 : -1;
                    }
                    for (int[] order : orders) {
                        for (long b : biases) {
                            long at = 0;
                            boolean ok = true;
                            for (int x = 0; x < size && ok; x++) {
                                for (int k = 0; k < 2 * n; k++) {
                                    sgn[k] = signs[order[k]];
                                    ys[k] = vals[signals[order[k]]][x];
                                }
                                long y = s.tau(BinaryGadgets.acc(s, b, sgn, ys, 2 * n));
                                if (min + x == x0) {
                                    at = y;
                                    ok = y != 0;
                                } else {
                                    ok = y == 0;
                                }
                            }
                            if (ok) {
                                out.putIfAbsent(at, new PointNeuron(b, signals, signs, order));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static List<int[]> subsets(int m, int n) {
        List<int[]> out = new ArrayList<>();
        int[] cur = new int[n];
        subsets(m, 0, 0, cur, out);
        return out;
    }

    private static void subsets(int m, int from, int k, int[] cur, List<int[]> out) {
        if (k == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int i = from; i < m; i++) {
            cur[k] = i;
            subsets(m, i + 1, k + 1, cur, out);
        }
    }

    private static boolean allSigns(long[][] vals, List<Long> thresholds, long min) {
        for (int i = 0; i < vals.length; i++) {
            if (!isSign(vals[i], thresholds.get(i), min)) {
                return false;
            }
        }
        return true;
    }

    /** One value below {@code c} and one above, both not 0 and different, and 0 at {@code c}. */
    static boolean isSign(long[] v, long c, long min) {
        int at = (int) (c - min);
        if (v[at] != 0) {
            return false;
        }
        for (int x = 0; x < v.length; x++) {
            if (x != at && (v[x] == 0 || v[x] != v[x < at ? 0 : v.length - 1])) {
                return false;
            }
        }
        return at == 0 || at == v.length - 1 || v[0] != v[v.length - 1];
    }

    static long[] distinctValues(long[][] vals) {
        return Arrays.stream(vals).flatMapToLong(Arrays::stream).distinct().sorted().toArray();
    }

    /** {@code n} pairs that all take the given values (a superset of each pair's values, for cancellation). */
    static List<long[]> pairs(int n, long[] values) {
        List<long[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(values);
        }
        return out;
    }
}

package dev.fxnet.construct.binary;

import dev.fxnet.construct.FunctionTable;
import dev.fxnet.gadget.Machine;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The coordinate sign construction for binary weights in {@code d = 2} (docs/CONSTRUCTION.md,
 * section 6), for settings without step gadgets; the identity under saturation is the case it was
 * made for. It reads the coordinates {@code x0, x1} rather than the directions {@code x0 +- x1}:
 *
 * <ol>
 *   <li><b>Ramps.</b> For every coordinate {@code i}, threshold {@code c} with {@code -c} in F and
 *       sign {@code o}, twin first-layer neurons {@code tau(acc(-c; x_i, o x_j))} ({@code j != i}).</li>
 *   <li><b>Signs.</b> A bias-0 neuron per {@code (i, c)} reads its two ramps interleaved,
 *       {@code acc(0; y+, y-, y+, y-)}: for the identity under saturation its sign is that of
 *       {@code x_i - c} on every point, because with {@code t = C(-c + x_i)}, {@code a = C(t + x_j)}
 *       and {@code b = C(t - x_j)} the clamped chain {@code C(C(C(a + b) + a) + b)} has the sign of
 *       {@code t} (docs/CONSTRUCTION.md, section 6; the order matters: {@code a, a, b, b} does not
 *       keep it). Bias-0 doubling layers make these <em>sign
 *       signals</em> of {@code x_i} (one value below {@code c}, 0 at {@code c}, one value above),
 *       checked on every point.</li>
 *   <li><b>Lines.</b> One twin neuron per coordinate and value, {@code [x_i = c]}, from two or three
 *       sign signals near {@code c} as the points of {@link BinarySignCompiler}; every line outputs
 *       0 or one common value {@code on}.</li>
 *   <li><b>Bits.</b> For every binary digit of the index {@code x_i - min}, a bit (the lines where the
 *       digit is 1, read twice with the sign of {@code on}, bias 0) and its complement (the lines
 *       where it is 0), each 0 or one common value {@code K}; and a constant pair {@code K'}.</li>
 *   <li><b>Points that sink and are rescued.</b> One neuron per point {@code x} with {@code f(x) != 0}:
 *       bias {@code b}, every digit's <em>wrong indicator</em> (the bit or complement that is
 *       {@code K} exactly where the digit differs from {@code x}'s) read twice with one sign
 *       {@code r}, then the constant pair read {@code +K', -K'}. For the identity with
 *       {@code b} in {@code [-M, -1]}, {@code K = K' = M}, {@code r = +1}: the first wrong digit drives
 *       the accumulator to {@code M}, where it stays, and {@code M + M} saturates, so the neuron
 *       outputs 0; with no wrong digit {@code b + M} does not, and it outputs {@code b}. Checked for
 *       every number of wrong digits.</li>
 *   <li><b>Output.</b> The output neuron adds the point neurons with {@code +-1}; at most one of them
 *       is not 0, so its output is {@code +-b} with the sign and bias chosen per point.</li>
 * </ol>
 * Every layer before the point layer is the same for every table; the point neurons share their
 * reads, and their biases and output signs carry the table (THEORY §6, Theorem B4). The caller's
 * verification checks the network on all of {@code F^2}.
 */
final class BinaryCoordinateCompiler {
    private BinaryCoordinateCompiler() {
    }

    /**
     * Compiles a two-dimensional table with the coordinate sign construction.
     *
     * @param live the indices of the points with {@code f != 0}, not empty
     * @return the network, or a refusal naming the stage without a gadget (final if it depends on
     *     the table or is the size limit)
     * @throws IllegalArgumentException if {@code target} is not two-dimensional
     */
    static Attempt<BinaryNetwork> attempt(FunctionTable target, Machine s, List<Integer> live) {
        Attempt<BinaryNetwork> a = Attempt.of(() -> build(target, s, live));
        if (a instanceof Attempt.Refused<BinaryNetwork> r && !r.isFinal()
                && !r.reason().contains("coordinate sign construction")) {
            return Attempt.refused("the coordinate sign construction: " + r.reason());
        }
        return a;
    }

    private static BinaryNetwork build(FunctionTable target, Machine s, List<Integer> live) {
        if (target.dims() != 2) {
            throw new IllegalArgumentException("the coordinate sign construction is for d = 2, not d = " + target.dims());
        }
        long min = s.min();
        int size = s.size();
        int n = target.size();
        long one = s.one().orElse(-1);
        List<Long> thresholds = BinarySignCompiler.rampThresholds(s);
        int sig = thresholds.size();
        int digits = 64 - Long.numberOfLeadingZeros(size - 1L);
        requireSize(s, sig, digits, n, 0); // before the signals' values on every point are held
        // 1. ramps: pair (i * sig + t) * 2 + (o == 1 ? 0 : 1)
        List<long[]> rampValues = new ArrayList<>();
        long[][][] ramp = new long[2][2 * sig][n];
        List<Neuron> first = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            for (int t = 0; t < sig; t++) {
                for (int o = 0; o < 2; o++) {
                    int sign = o == 0 ? 1 : -1;
                    long[] v = ramp[i][2 * t + o];
                    for (int p = 0; p < n; p++) {
                        long xi = min + (i == 0 ? p / size : p % size);
                        long xj = min + (i == 0 ? p % size : p / size);
                        v[p] = s.tau(BinaryGadgets.acc(s, -thresholds.get(t), new int[] {1, sign}, new long[] {xi, xj}, 2));
                    }
                    rampValues.add(BinarySignCompiler.distinctValues(new long[][] {v}));
                    Neuron nn = Neuron.of(-thresholds.get(t), new int[] {i, 1 - i}, new long[] {one, sign * one});
                    first.add(nn);
                    first.add(nn);
                }
            }
        }
        List<Layer> layers = new ArrayList<>();
        layers.add(Layer.of(first));
        // 2. signs: acc(0; y+, y-, y+, y-), then doublings
        long[][] vals = new long[2 * sig][n];
        List<Neuron> second = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            for (int t = 0; t < sig; t++) {
                long[] yp = ramp[i][2 * t];
                long[] ym = ramp[i][2 * t + 1];
                long[] v = vals[i * sig + t];
                for (int p = 0; p < n; p++) {
                    v[p] = s.tau(BinaryGadgets.acc(s, 0, new int[] {1, 1, 1, 1}, new long[] {yp[p], ym[p], yp[p], ym[p]}, 4));
                }
                int pair = 2 * (i * sig + t);
                Neuron nn = TwinNeurons.overTwins(s, 0, rampValues, new int[] {pair, pair + 1}, new int[] {1, 1}, true);
                second.add(nn);
                second.add(nn);
            }
        }
        layers.add(Layer.of(second));
        long[] layerValues = BinarySignCompiler.distinctValues(vals);
        int doublings = 0;
        long[][][] signs = signsAlong(vals, thresholds, size, min);
        while (signs == null) {
            if (doublings == BinarySignCompiler.MAX_DOUBLINGS) {
                throw Refusal.of(s + ": the coordinate sign construction found no sign signals: after "
                        + BinarySignCompiler.MAX_DOUBLINGS + " doubling layers tau(acc(0; y, y)) some tau(acc(0; y+, y-, y+,"
                        + " y-)) of the ramps tau(acc(-c; x_i, +-x_j)) is not one value below c, 0 at c and one value above"
                        + " on every x_j");
            }
            List<long[]> pairs = BinarySignCompiler.pairs(2 * sig, layerValues);
            List<Neuron> ns = new ArrayList<>(4 * sig);
            for (int k = 0; k < 2 * sig; k++) {
                Neuron nn = TwinNeurons.overTwins(s, 0, pairs, new int[] {k}, new int[] {1}, false);
                ns.add(nn);
                ns.add(nn);
                for (int p = 0; p < n; p++) {
                    vals[k][p] = s.tau(BinaryGadgets.doubled(s, 0, 1, vals[k][p]));
                }
            }
            layers.add(Layer.of(ns));
            doublings++;
            layerValues = BinarySignCompiler.distinctValues(vals);
            signs = signsAlong(vals, thresholds, size, min);
        }
        requireSize(s, sig, digits, n, doublings);
        // 3. lines, from sign signals of one coordinate after which every sign pair cancels
        List<Long> biases = BinarySignCompiler.cancellingBiases(s, layerValues);
        TreeSet<Long> common = BinarySignCompiler.codes(s);
        List<List<Map<Long, BinarySignCompiler.PointNeuron>>> lineOptions = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            lineOptions.add(BinarySignCompiler.sharedPointOptions(s, signs[i], thresholds, biases, common,
                    "coordinate sign construction", "line", "x" + i));
        }
        long on = common.stream().max((a, b) -> Math.abs(a) != Math.abs(b) ? Long.compare(Math.abs(a), Math.abs(b))
                : Long.compare(a, b)).orElseThrow();
        List<long[]> signPairs = BinarySignCompiler.pairs(2 * sig, layerValues);
        List<Neuron> lines = new ArrayList<>(4 * size);
        for (int i = 0; i < 2; i++) {
            for (int x = 0; x < size; x++) {
                Neuron nn = BinarySignCompiler.pointNeuron(s, lineOptions.get(i).get(x).get(on), signPairs, i * sig);
                lines.add(nn);
                lines.add(nn);
            }
        }
        layers.add(Layer.of(lines));
        // 4. bits and complements of each coordinate's index, and a constant pair
        long[] offOn = {0, on};
        List<long[]> linePairs = BinarySignCompiler.pairs(2 * size, offOn);
        int lineSign = on > 0 ? 1 : -1;
        long bitValue = 0;
        List<Neuron> bits = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < digits; j++) {
                for (int polarity = 1; polarity >= 0; polarity--) {
                    List<Integer> reads = new ArrayList<>();
                    for (int x = 0; x < size; x++) {
                        if ((x >> j & 1) == polarity) {
                            reads.add(i * size + x);
                        }
                    }
                    int[] r = reads.stream().mapToInt(Integer::intValue).toArray();
                    int[] sg = new int[r.length];
                    Arrays.fill(sg, lineSign);
                    // its value on every x_i: the lines read in order, the one of x_i being on
                    for (int x = 0; x < size; x++) {
                        int[] seqSigns = new int[2 * r.length];
                        long[] ys = new long[2 * r.length];
                        for (int u = 0; u < r.length; u++) {
                            seqSigns[2 * u] = lineSign;
                            seqSigns[2 * u + 1] = lineSign;
                            long y = r[u] == i * size + x ? on : 0;
                            ys[2 * u] = y;
                            ys[2 * u + 1] = y;
                        }
                        long v = s.tau(BinaryGadgets.acc(s, 0, seqSigns, ys, ys.length));
                        boolean set = (x >> j & 1) == polarity;
                        if (set && bitValue == 0) {
                            bitValue = v;
                        }
                        if (set ? v != bitValue || v == 0 : v != 0) {
                            throw Refusal.of(s + ": the coordinate sign construction's bit neurons"
                                    + " (lines " + s.dec(on) + " read twice, bias 0) do not output one value K != 0 where"
                                    + " their digit is set and 0 elsewhere: " + s.dec(v) + " at x" + i + " = "
                                    + s.dec(min + x));
                        }
                    }
                    Neuron nn = TwinNeurons.overTwins(s, 0, linePairs, r, sg, false);
                    bits.add(nn);
                    bits.add(nn);
                }
            }
        }
        // 5. point neurons: for a constant K' and read sign r, the biases b whose neuron sinks and is rescued
        long[] offK = {0, bitValue};
        Sink sink = bestSink(s, offOn, offK, 2 * digits); // the wrong indicators of both indices
        if (sink == null) {
            throw Refusal.of(s + ": the coordinate sign construction has no point neuron that outputs a"
                    + " value != 0 with every digit right and 0 with any of " + 2 * digits + " wrong (wrong indicators "
                    + s.dec(bitValue) + " read twice, then a constant pair read +K', -K'; every bias, K' and read sign"
                    + " tried)");
        }
        Neuron constant = TwinNeurons.overTwins(s, sink.beta(), linePairs, new int[0], new int[0], false);
        bits.add(constant);
        bits.add(constant);
        layers.add(Layer.of(bits));
        // the table: each live point's value as +-(output of some bias)
        List<long[]> bitPairs = BinarySignCompiler.pairs(4 * digits, offK);
        List<long[]> withConstant = new ArrayList<>(bitPairs);
        withConstant.add(new long[] {s.tau(sink.beta())});
        List<Neuron> points = new ArrayList<>(live.size());
        long[] outSigns = new long[live.size()];
        for (int k = 0; k < live.size(); k++) {
            int p = live.get(k);
            long f = target.code(p);
            long[] bs = sink.forValue().get(f);
            if (bs == null) {
                throw Refusal.ofFinal(s + ": the coordinate sign construction has no point neuron whose output, added"
                        + " with +-1, is " + s.dec(f) + " (the values it reaches: " + sink.forValue().keySet().stream()
                        .map(s::dec).toList() + ")");
            }
            long[] xs = {p / size, p % size};
            int[] sequence = new int[4 * digits + 2];
            int[] seqSigns = new int[sequence.length];
            int pos = 0;
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < digits; j++) {
                    // pair (i * digits + j) * 2 is the bit, + 1 its complement; the wrong one is K where x's digit is not
                    int wrong = 2 * (i * digits + j) + ((xs[i] >> j & 1) == 1 ? 1 : 0);
                    sequence[pos] = wrong;
                    seqSigns[pos++] = sink.readSign();
                    sequence[pos] = wrong;
                    seqSigns[pos++] = sink.readSign();
                }
            }
            sequence[pos] = 4 * digits;
            seqSigns[pos++] = 1;
            sequence[pos] = 4 * digits;
            seqSigns[pos] = -1;
            points.add(TwinNeurons.overTwins(s, bs[0], withConstant, sequence, seqSigns));
            outSigns[k] = bs[1];
        }
        layers.add(Layer.of(points));
        int[] src = new int[live.size()];
        long[] w = new long[live.size()];
        for (int k = 0; k < src.length; k++) {
            src[k] = k;
            w[k] = outSigns[k] * one;
        }
        layers.add(Layer.of(List.of(Neuron.of(0, src, w))));
        Network net = Network.of(s.setting().fixedPoint(), s.accumulation(), s.activation(), 2, layers, Map.of());
        String gadgets = "binary coordinate sign construction: " + 4 * sig + " ramps, " + doublings + " doubling layer(s)"
                + " to " + 2 * sig + " sign signals of x0 and x1, " + 2 * size + " lines (on = " + s.dec(on) + "), "
                + 2 * digits + " bits and their complements (" + s.dec(bitValue) + ") and a constant " + s.dec(s.tau(sink.beta()))
                + ", " + live.size() + " point neurons that sink and are rescued";
        return new BinaryNetwork(net, live.size(), gadgets);
    }

    /**
     * Refuses (finally) when the network with a point neuron for every point and the given number of
     * doubling layers would exceed {@link BinaryCompiler#MAX_WEIGHTS}.
     */
    private static void requireSize(Machine s, int sig, int digits, int n, int doublings) {
        long weights = 16L * sig + 32L * sig * sig + 16L * sig * sig * doublings + 8L * s.size() * 2 * sig
                + 8L * (4 * digits + 1) * s.size() + (long) n * (2 * (4 * digits + 1) + 1);
        if (weights > BinaryCompiler.MAX_WEIGHTS) {
            throw Refusal.ofFinal("the coordinate sign construction for " + s + " would have up to " + weights
                    + " weights" + (doublings == 0 ? " before its doubling layers" : "") + ", over the limit of "
                    + BinaryCompiler.MAX_WEIGHTS);
        }
    }

    /**
     * Each coordinate's sign signals as functions of that coordinate ({@code [i][t][x_i - min]}), or
     * null unless every signal depends on its coordinate alone and is a sign signal.
     */
    private static long[][][] signsAlong(long[][] vals, List<Long> thresholds, int size, long min) {
        int sig = thresholds.size();
        long[][][] out = new long[2][sig][size];
        for (int i = 0; i < 2; i++) {
            for (int t = 0; t < sig; t++) {
                long[] v = vals[i * sig + t];
                long[] along = out[i][t];
                for (int x = 0; x < size; x++) {
                    along[x] = v[i == 0 ? x * size : x];
                }
                for (int p = 0; p < v.length; p++) {
                    if (v[p] != along[i == 0 ? p / size : p % size]) {
                        return null;
                    }
                }
                if (!BinarySignCompiler.isSign(along, thresholds.get(t), min)) {
                    return null;
                }
            }
        }
        return out;
    }

    /**
     * The constant pair's bias {@code beta}, the read sign {@code r}, and per output value {@code v}
     * a point neuron's bias {@code b} and output sign with {@code +-tau(acc(b; +K', -K')) = v}.
     */
    private record Sink(long beta, int readSign, Map<Long, long[]> forValue) {
    }

    /**
     * The sink that reaches the most output values: over every constant bias {@code beta} after
     * which the lines cancel, read sign {@code r} and point bias {@code b} after which the wrong
     * indicators {@code {0, K}} cancel, those whose neuron outputs a value {@code != 0} with no wrong
     * digit and 0 with 1 to {@code indicators} wrong ones (checked for each count; a wrong indicator
     * that is right adds 0, which leaves the accumulator as it is).
     */
    private static Sink bestSink(Machine s, long[] offOn, long[] offK, int indicators) {
        Sink best = null;
        for (long beta = s.max(); beta >= s.min(); beta--) {
            long k2 = s.tau(beta);
            if (BinaryGadgets.cancels(s, beta, offOn) == 0 || k2 == 0) {
                continue;
            }
            for (int r : new int[] {1, -1}) {
                Map<Long, long[]> forValue = new TreeMap<>();
                for (long b = s.min(); b <= s.max(); b++) {
                    if (BinaryGadgets.cancels(s, b, offK) == 0) {
                        continue;
                    }
                    long onValue = 0;
                    boolean ok = true;
                    for (int wrong = 0; wrong <= indicators && ok; wrong++) {
                        long y = BitLayer.sinkOutput(s, b, r, offK[1], wrong, k2);
                        if (wrong == 0) {
                            onValue = y;
                            ok = y != 0;
                        } else {
                            ok = y == 0;
                        }
                    }
                    if (ok) {
                        for (int sign : new int[] {1, -1}) {
                            long v = BinaryGadgets.acc(s, 0, new int[] {sign}, new long[] {onValue}, 1);
                            if (v != 0 && v == sign * onValue) {
                                forValue.putIfAbsent(v, new long[] {b, sign});
                            }
                        }
                    }
                }
                if (!forValue.isEmpty() && (best == null || forValue.size() > best.forValue().size())) {
                    best = new Sink(beta, r, forValue);
                }
            }
        }
        return best;
    }
}

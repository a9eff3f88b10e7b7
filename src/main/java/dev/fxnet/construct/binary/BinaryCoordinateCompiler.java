package dev.fxnet.construct.binary;

import dev.fxnet.target.FunctionTable;
import dev.fxnet.gadget.Machine;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongPredicate;

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
     * The grid of the construction: the setting, the ramp {@code thresholds}, the number of binary
     * {@code digits} of an index {@code x_i - min}, and the number {@code n} of points of {@code F^2}.
     */
    private record Coordinates(Machine s, List<Long> thresholds, int digits, int n) {
        int sig() {
            return thresholds.size();
        }

        int size() {
            return s.size();
        }

        /** Coordinate {@code x_i} of point {@code p}. */
        long x(int i, int p) {
            return s.min() + (i == 0 ? p / size() : p % size());
        }
    }

    /** The ramps' values {@code [i][2 t + o][p]} and the values of every pair of the first layer. */
    private record Ramps(long[][][] values, List<long[]> pairValues) {
    }

    /**
     * The sign signals after the doublings: {@code along[i][t][x_i - min]}, the values of every pair
     * of their layer, and the number of doubling layers.
     */
    private record Signs(long[][][] along, long[] layerValues, int doublings) {
    }

    /** The bit neurons and their complements (each once, in layer order) and their common value {@code K}. */
    private record Bits(List<Neuron> neurons, long value) {
    }

    /** A point neuron's bias and the sign with which the output neuron adds it. */
    record SinkPoint(long bias, int outSign) {
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
        Attempt<BinaryNetwork> a = build(target, s, live);
        if (a instanceof Attempt.Refused<BinaryNetwork> r && !r.isFinal()
                && !r.reason().contains("coordinate sign construction")) {
            return Attempt.refused("the coordinate sign construction: " + r.reason());
        }
        return a;
    }

    private static Attempt<BinaryNetwork> build(FunctionTable target, Machine s, List<Integer> live) {
        if (target.dims() != 2) {
            throw new IllegalArgumentException("the coordinate sign construction is for d = 2, not d = " + target.dims());
        }
        List<Long> thresholds = BinarySignCompiler.rampThresholds(s);
        Coordinates c = new Coordinates(s, thresholds, 64 - Long.numberOfLeadingZeros(s.size() - 1L), target.size());
        Optional<String> tooLarge = tooLarge(c, 0); // before the signals' values on every point are held
        if (tooLarge.isPresent()) {
            return Attempt.refusedFinally(tooLarge.get());
        }
        List<Layer> layers = new ArrayList<>();
        Ramps ramps = ramps(c, layers);
        return signs(c, ramps, layers).flatMap(signs -> {
            Optional<String> large = tooLarge(c, signs.doublings());
            if (large.isPresent()) {
                return Attempt.refusedFinally(large.get());
            }
            return lines(c, signs, layers).flatMap(on -> bits(c, on).flatMap(bits -> {
                long[] offOn = {0, on};
                Sink sink = bestSink(s, beta -> BinaryGadgets.cancels(s, beta, offOn) != 0,
                        new long[] {0, bits.value()}, 2 * c.digits()); // both indices' wrong indicators
                if (sink == null) {
                    return Attempt.refused(s + ": the coordinate sign construction has no point neuron that outputs a"
                            + " value != 0 with every digit right and 0 with any of " + 2 * c.digits() + " wrong (wrong"
                            + " indicators " + s.dec(bits.value()) + " read twice, then a constant pair read +K', -K';"
                            + " every bias, K' and read sign tried)");
                }
                return TwinNeurons.constant(s, sink.beta(), BinarySignCompiler.pairs(2 * c.size(), offOn))
                        .flatMap(constant -> {
                            List<Neuron> bitLayer = new ArrayList<>(TwinNeurons.twice(bits.neurons()));
                            bitLayer.add(constant);
                            bitLayer.add(constant);
                            layers.add(Layer.of(bitLayer));
                            return points(c, target, live, bits.value(), sink, layers).map(x -> {
                                Network net = Network.of(s.setting().fixedPoint(), s.accumulation(), s.activation(), 2, layers,
                                        Map.of());
                                return new BinaryNetwork(net, live.size(), gadgets(c, signs, on, bits, sink)
                                        + ", " + live.size() + " point neurons that sink and are rescued");
                            });
                        });
            }));
        });
    }

    private static String gadgets(Coordinates c, Signs signs, long on, Bits bits, Sink sink) {
        Machine s = c.s();
        return "binary coordinate sign construction: " + 4 * c.sig() + " ramps, " + signs.doublings()
                + " doubling layer(s) to " + 2 * c.sig() + " sign signals of x0 and x1, " + 2 * c.size() + " lines (on = "
                + s.dec(on) + "), " + 2 * c.digits() + " bits and their complements (" + s.dec(bits.value())
                + ") and a constant " + s.dec(s.tau(sink.beta()));
    }

    /** 1. Ramps: pair {@code (i * sig + t) * 2 + (o == 1 ? 0 : 1)} is {@code tau(acc(-c_t; x_i, o x_j))}. */
    private static Ramps ramps(Coordinates c, List<Layer> layers) {
        Machine s = c.s();
        int sig = c.sig();
        long one = s.one().orElse(-1);
        List<long[]> rampValues = new ArrayList<>();
        long[][][] ramp = new long[2][2 * sig][c.n()];
        List<Neuron> first = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            for (int t = 0; t < sig; t++) {
                for (int o = 0; o < 2; o++) {
                    int sign = o == 0 ? 1 : -1;
                    long bias = -c.thresholds().get(t);
                    long[] v = ramp[i][2 * t + o];
                    for (int p = 0; p < c.n(); p++) {
                        v[p] = s.tau(BinaryGadgets.acc(s, bias, new int[] {1, sign}, new long[] {c.x(i, p),
                            c.x(1 - i, p)}, 2));
                    }
                    rampValues.add(BinarySignCompiler.distinctValues(new long[][] {v}));
                    first.add(Neuron.of(bias, new int[] {i, 1 - i}, new long[] {one, sign * one}));
                }
            }
        }
        layers.add(Layer.of(TwinNeurons.twice(first)));
        return new Ramps(ramp, rampValues);
    }

    /** 2. Signs: {@code acc(0; y+, y-, y+, y-)} of every ramp pair, then doublings until they are sign signals. */
    private static Attempt<Signs> signs(Coordinates c, Ramps ramps, List<Layer> layers) {
        Machine s = c.s();
        int sig = c.sig();
        long[][] vals = new long[2 * sig][c.n()];
        for (int k = 0; k < 2 * sig; k++) {
            long[] yp = ramps.values()[k / sig][2 * (k % sig)];
            long[] ym = ramps.values()[k / sig][2 * (k % sig) + 1];
            for (int p = 0; p < c.n(); p++) {
                vals[k][p] = s.tau(BinaryGadgets.acc(s, 0, new int[] {1, 1, 1, 1},
                        new long[] {yp[p], ym[p], yp[p], ym[p]}, 4));
            }
        }
        Attempt<List<Neuron>> second = Attempt.each(2 * sig, k -> TwinNeurons.overTwins(s, 0, ramps.pairValues(),
                new int[] {2 * k, 2 * k + 1}, new int[] {1, 1}, true));
        if (second instanceof Attempt.Refused<List<Neuron>> r) {
            return r.as();
        }
        layers.add(Layer.of(TwinNeurons.twice(second.orElseThrow())));
        long[] layerValues = BinarySignCompiler.distinctValues(vals);
        int doublings = 0;
        long[][][] signs = signsAlong(vals, c.thresholds(), c.size(), s.min());
        while (signs == null) {
            if (doublings == BinarySignCompiler.MAX_DOUBLINGS) {
                return Attempt.refused(s + ": the coordinate sign construction found no sign signals: after "
                        + BinarySignCompiler.MAX_DOUBLINGS + " doubling layers tau(acc(0; y, y)) some tau(acc(0; y+, y-,"
                        + " y+, y-)) of the ramps tau(acc(-c; x_i, +-x_j)) is not one value below c, 0 at c and one value"
                        + " above on every x_j");
            }
            List<long[]> pairs = BinarySignCompiler.pairs(2 * sig, layerValues);
            Attempt<List<Neuron>> doubling = Attempt.each(2 * sig,
                    k -> TwinNeurons.overTwins(s, 0, pairs, new int[] {k}, new int[] {1}, false));
            if (doubling instanceof Attempt.Refused<List<Neuron>> r) {
                return r.as();
            }
            for (long[] v : vals) {
                for (int p = 0; p < c.n(); p++) {
                    v[p] = s.tau(BinaryGadgets.doubled(s, 0, 1, v[p]));
                }
            }
            layers.add(Layer.of(TwinNeurons.twice(doubling.orElseThrow())));
            doublings++;
            layerValues = BinarySignCompiler.distinctValues(vals);
            signs = signsAlong(vals, c.thresholds(), c.size(), s.min());
        }
        return Attempt.built(new Signs(signs, layerValues, doublings));
    }

    /**
     * 3. Lines {@code [x_i = x]}, from sign signals of one coordinate after which every sign pair
     * cancels, all with the common output {@code on} of largest magnitude (returned).
     */
    private static Attempt<Long> lines(Coordinates c, Signs signs, List<Layer> layers) {
        Machine s = c.s();
        List<Long> biases = BinarySignCompiler.cancellingBiases(s, signs.layerValues());
        TreeSet<Long> common = BinarySignCompiler.codes(s);
        List<List<Map<Long, BinarySignCompiler.PointNeuron>>> lineOptions = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Attempt<List<Map<Long, BinarySignCompiler.PointNeuron>>> o = BinarySignCompiler.sharedPointOptions(s,
                    new BinarySignCompiler.SignSignals(signs.along()[i], c.thresholds(), biases), common,
                    "coordinate sign construction", "line", "x" + i);
            if (o instanceof Attempt.Refused<List<Map<Long, BinarySignCompiler.PointNeuron>>> r) {
                return r.as();
            }
            lineOptions.add(o.orElseThrow());
        }
        long on = common.stream().max((a, b) -> Math.abs(a) != Math.abs(b) ? Long.compare(Math.abs(a), Math.abs(b))
                : Long.compare(a, b)).orElseThrow();
        List<long[]> signPairs = BinarySignCompiler.pairs(2 * c.sig(), signs.layerValues());
        int size = c.size();
        return Attempt.each(2 * size, ix -> BinarySignCompiler.pointNeuron(s,
                lineOptions.get(ix / size).get(ix % size).get(on), signPairs, ix / size * c.sig())).map(lines -> {
                    layers.add(Layer.of(TwinNeurons.twice(lines)));
                    return on;
                });
    }

    /**
     * 4. For every binary digit of each coordinate's index, a bit (the lines where the digit is 1,
     * read twice with the sign of {@code on}, bias 0) and its complement; each must output one
     * common value {@code K != 0} where its digit is set and 0 elsewhere.
     */
    private static Attempt<Bits> bits(Coordinates c, long on) {
        Machine s = c.s();
        int size = c.size();
        List<long[]> linePairs = BinarySignCompiler.pairs(2 * size, new long[] {0, on});
        int lineSign = on > 0 ? 1 : -1;
        long bitValue = 0;
        List<Neuron> bits = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < c.digits(); j++) {
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
                        long v = lineRead(s, r, i * size + x, on, lineSign);
                        boolean set = (x >> j & 1) == polarity;
                        if (set && bitValue == 0) {
                            bitValue = v;
                        }
                        if (set ? v != bitValue || v == 0 : v != 0) {
                            return Attempt.refused(s + ": the coordinate sign construction's bit neurons"
                                    + " (lines " + s.dec(on) + " read twice, bias 0) do not output one value K != 0 where"
                                    + " their digit is set and 0 elsewhere: " + s.dec(v) + " at x" + i + " = "
                                    + s.dec(s.min() + x));
                        }
                    }
                    Attempt<Neuron> nn = TwinNeurons.overTwins(s, 0, linePairs, r, sg, false);
                    if (nn instanceof Attempt.Refused<Neuron> refused) {
                        return refused.as();
                    }
                    bits.add(nn.orElseThrow());
                }
            }
        }
        return Attempt.built(new Bits(bits, bitValue));
    }

    /** The output of a bit neuron (bias 0) reading the lines {@code reads} twice with {@code sign}, line {@code lit} on. */
    private static long lineRead(Machine s, int[] reads, int lit, long on, int sign) {
        int[] seqSigns = new int[2 * reads.length];
        long[] ys = new long[2 * reads.length];
        for (int u = 0; u < reads.length; u++) {
            seqSigns[2 * u] = sign;
            seqSigns[2 * u + 1] = sign;
            long y = reads[u] == lit ? on : 0;
            ys[2 * u] = y;
            ys[2 * u + 1] = y;
        }
        return s.tau(BinaryGadgets.acc(s, 0, seqSigns, ys, ys.length));
    }

    /**
     * 5. The point neurons that sink and are rescued, each reading its point's wrong indicators and
     * the constant pair, and the output neuron that adds them with their signs; refused (finally) if a
     * table value is no output of the sink.
     */
    private static Attempt<List<Layer>> points(Coordinates c, FunctionTable target, List<Integer> live, long bitValue,
            Sink sink, List<Layer> layers) {
        Machine s = c.s();
        int digits = c.digits();
        List<long[]> withConstant = new ArrayList<>(BinarySignCompiler.pairs(4 * digits, new long[] {0, bitValue}));
        withConstant.add(new long[] {s.tau(sink.beta())});
        long[] outW = new long[live.size()];
        Attempt<List<Neuron>> points = Attempt.each(live.size(), k -> {
            int p = live.get(k);
            long f = target.code(p);
            SinkPoint sp = sink.forValue().get(f);
            if (sp == null) {
                return Attempt.refusedFinally(s + ": the coordinate sign construction has no point neuron whose output,"
                        + " added with +-1, is " + s.dec(f) + " (the values it reaches: " + sink.forValue().keySet()
                        .stream().map(s::dec).toList() + ")");
            }
            long[] xs = {p / c.size(), p % c.size()};
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
            outW[k] = sp.outSign() * s.one().orElse(-1);
            return TwinNeurons.overTwins(s, sp.bias(), withConstant, sequence, seqSigns);
        });
        return points.map(ps -> {
            layers.add(Layer.of(ps));
            int[] src = new int[live.size()];
            for (int k = 0; k < src.length; k++) {
                src[k] = k;
            }
            layers.add(Layer.of(List.of(Neuron.of(0, src, outW))));
            return layers;
        });
    }

    /**
     * The reason the network with a point neuron for every point and the given number of doubling
     * layers would exceed {@link BinaryCompiler#MAX_WEIGHTS}, if it would.
     */
    private static Optional<String> tooLarge(Coordinates c, int doublings) {
        Machine s = c.s();
        int sig = c.sig();
        int digits = c.digits();
        long weights = 16L * sig + 32L * sig * sig + 16L * sig * sig * doublings + 8L * s.size() * 2 * sig
                + 8L * (4 * digits + 1) * s.size() + (long) c.n() * (2 * (4 * digits + 1) + 1);
        if (weights > BinaryCompiler.MAX_WEIGHTS) {
            return Optional.of("the coordinate sign construction for " + s + " would have up to " + weights
                    + " weights" + (doublings == 0 ? " before its doubling layers" : "") + ", over the limit of "
                    + BinaryCompiler.MAX_WEIGHTS);
        }
        return Optional.empty();
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
    record Sink(long beta, int readSign, Map<Long, SinkPoint> forValue) {
    }

    /**
     * The sink that reaches the most output values: over every constant bias {@code beta} that
     * {@code constantOk} admits (here: after which the lines cancel) with {@code tau(beta) != 0}, read sign {@code r} and point bias {@code b} after which the wrong
     * indicators {@code {0, K}} cancel, those whose neuron outputs a value {@code != 0} with no wrong
     * digit and 0 with 1 to {@code indicators} wrong ones (checked for each count; a wrong indicator
     * that is right adds 0, which leaves the accumulator as it is).
     */
    static Sink bestSink(Machine s, LongPredicate constantOk, long[] offK, int indicators) {
        Sink best = null;
        for (long beta = s.max(); beta >= s.min(); beta--) {
            long k2 = s.tau(beta);
            if (k2 == 0 || !constantOk.test(beta)) {
                continue;
            }
            for (int r : new int[] {1, -1}) {
                Map<Long, SinkPoint> forValue = new TreeMap<>();
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
                                forValue.putIfAbsent(v, new SinkPoint(b, sign));
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

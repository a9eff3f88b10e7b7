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
 * section 6) and {@code d = 3} (docs/THEORY.md §13.1, Theorem B7), for settings without step
 * gadgets; the identity under saturation is the case it was made for. It reads the coordinates
 * {@code x0, x1} rather than the directions {@code x0 +- x1}. In {@code d = 3} the ramps are
 * {@code tau(acc(-c; x_i, +-x_j, +-x_k))} (four sign patterns), and the sign stage has two layers:
 * the <em>halves</em> {@code acc(0; y++, y--, y++, y--)} and {@code acc(0; y+-, y-+, y+-, y-+)}, each
 * 0 or of the sign of {@code x_i - c} and not both 0 unless {@code x_i = c} (for the identity under
 * saturation with symmetric codes: Lemma H), merged by {@code acc(0; h1, h2, h1, h2)}; every later
 * stage runs over three coordinates. The stages in {@code d = 2}:
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
    private record Coordinates(Machine s, List<Long> thresholds, int digits, int n, int dims) {
        int sig() {
            return thresholds.size();
        }

        int size() {
            return s.size();
        }

        /** The ramps per coordinate and threshold: one per sign pattern of the other coordinates. */
        int patterns() {
            return 1 << (dims - 1);
        }

        /** Coordinate {@code x_i} of point {@code p} ({@code x0} varies slowest). */
        long x(int i, int p) {
            int scale = 1;
            for (int j = i + 1; j < dims; j++) {
                scale *= size();
            }
            return s.min() + p / scale % size();
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
     * Compiles a two- or three-dimensional table with the coordinate sign construction.
     *
     * @param live the indices of the points with {@code f != 0}, not empty
     * @return the network, or a refusal naming the stage without a gadget (final if it depends on
     *     the table or is the size limit)
     * @throws IllegalArgumentException if {@code target} is not two- or three-dimensional
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
        if (target.dims() != 2 && target.dims() != 3) {
            throw new IllegalArgumentException("the coordinate sign construction is for d = 2 and d = 3, not d = "
                    + target.dims());
        }
        List<Long> thresholds = BinarySignCompiler.rampThresholds(s);
        Coordinates c = new Coordinates(s, thresholds, 64 - Long.numberOfLeadingZeros(s.size() - 1L), target.size(),
                target.dims());
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
                        new long[] {0, bits.value()}, c.dims() * c.digits()); // every index's wrong indicators
                if (sink == null) {
                    return Attempt.refused(s + ": the coordinate sign construction has no point neuron that outputs a"
                            + " value != 0 with every digit right and 0 with any of " + c.dims() * c.digits() + " wrong (wrong"
                            + " indicators " + s.dec(bits.value()) + " read twice, then a constant pair read +K', -K';"
                            + " every bias, K' and read sign tried)");
                }
                return TwinNeurons.constant(s, sink.beta(), BinarySignCompiler.pairs(c.dims() * c.size(), offOn))
                        .flatMap(constant -> {
                            List<Neuron> bitLayer = new ArrayList<>(TwinNeurons.twice(bits.neurons()));
                            bitLayer.add(constant);
                            bitLayer.add(constant);
                            layers.add(Layer.of(bitLayer));
                            return points(c, target, live, bits.value(), sink, layers).map(x -> {
                                Network net = Network.of(s.setting().fixedPoint(), s.accumulation(), s.activation(), c.dims(),
                                        layers, Map.of());
                                return new BinaryNetwork(net, live.size(), gadgets(c, signs, on, bits, sink)
                                        + ", " + live.size() + " point neurons that sink and are rescued");
                            });
                        });
            }));
        });
    }

    private static String gadgets(Coordinates c, Signs signs, long on, Bits bits, Sink sink) {
        Machine s = c.s();
        int d = c.dims();
        String names = d == 2 ? "x0 and x1" : "x0, x1 and x2";
        String merge = d == 2 ? "" : ", " + 2 * d * c.sig() + " nuisance-free halves merged into";
        return "binary coordinate sign construction: " + d * c.patterns() * c.sig() + " ramps" + merge + ", "
                + signs.doublings() + " doubling layer(s) to " + d * c.sig() + " sign signals of " + names + ", "
                + d * c.size() + " lines (on = " + s.dec(on) + "), " + d * c.digits() + " bits and their complements ("
                + s.dec(bits.value()) + ") and a constant " + s.dec(s.tau(sink.beta()));
    }

    /**
     * 1. Ramps: pair {@code (i * sig + t) * P + o} ({@code P = 2^(d-1)}) is
     * {@code tau(acc(-c_t; x_i, o_1 x_j, ...))} over the other coordinates {@code j} in increasing
     * order, the signs {@code o_1, ...} the binary digits of {@code o} (digit 1: {@code -1}, the
     * first coordinate's the most significant): in {@code d = 2} pair {@code 2 (i sig + t)} has
     * {@code +x_j}, the next {@code -x_j}.
     */
    private static Ramps ramps(Coordinates c, List<Layer> layers) {
        Machine s = c.s();
        int sig = c.sig();
        int d = c.dims();
        int patterns = c.patterns();
        long one = s.one().orElse(-1);
        List<long[]> rampValues = new ArrayList<>();
        long[][][] ramp = new long[d][patterns * sig][c.n()];
        List<Neuron> first = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            for (int t = 0; t < sig; t++) {
                for (int o = 0; o < patterns; o++) {
                    int[] coords = new int[d];
                    int[] signs = new int[d];
                    coords[0] = i;
                    signs[0] = 1;
                    for (int j = 0, k = 1; j < d; j++) {
                        if (j != i) {
                            coords[k] = j;
                            signs[k] = (o >> (d - 1 - k) & 1) == 0 ? 1 : -1;
                            k++;
                        }
                    }
                    long bias = -c.thresholds().get(t);
                    long[] v = ramp[i][patterns * t + o];
                    long[] xs = new long[d];
                    for (int p = 0; p < c.n(); p++) {
                        for (int k = 0; k < d; k++) {
                            xs[k] = c.x(coords[k], p);
                        }
                        v[p] = s.tau(BinaryGadgets.acc(s, bias, signs, xs, d));
                    }
                    rampValues.add(BinarySignCompiler.distinctValues(new long[][] {v}));
                    long[] w = new long[d];
                    for (int k = 0; k < d; k++) {
                        w[k] = signs[k] * one;
                    }
                    first.add(Neuron.of(bias, coords, w));
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
        int d = c.dims();
        long[][] rampVals = new long[d * c.patterns() * sig][];
        for (int k = 0; k < rampVals.length; k++) {
            rampVals[k] = ramps.values()[k / (c.patterns() * sig)][k % (c.patterns() * sig)];
        }
        long[][] vals;
        if (d == 2) {
            Attempt<long[][]> second = interleaved(c, rampVals, ramps.pairValues(), new int[] {0, 1}, layers);
            if (second instanceof Attempt.Refused<long[][]> r) {
                return r.as();
            }
            vals = second.orElseThrow();
        } else {
            // halves: (y++, y--) and (y+-, y-+) each free of the last coordinate (docs/THEORY.md §13.1, Lemma H);
            // merged: they never have opposite signs, so acc(0; h1, h2, h1, h2) has the sign of x_i - c
            Attempt<long[][]> halves = interleaved(c, rampVals, ramps.pairValues(), new int[] {0, 3, 1, 2}, layers);
            if (halves instanceof Attempt.Refused<long[][]> r) {
                return r.as();
            }
            long[][] h = halves.orElseThrow();
            Attempt<long[][]> merged = interleaved(c, h, BinarySignCompiler.pairs(h.length,
                    BinarySignCompiler.distinctValues(h)), new int[] {0, 1}, layers);
            if (merged instanceof Attempt.Refused<long[][]> r) {
                return r.as();
            }
            vals = merged.orElseThrow();
        }
        long[] layerValues = BinarySignCompiler.distinctValues(vals);
        int doublings = 0;
        long[][][] signs = signsAlong(c, vals);
        while (signs == null) {
            if (doublings == BinarySignCompiler.MAX_DOUBLINGS) {
                return Attempt.refused(s + ": the coordinate sign construction found no sign signals: after "
                        + BinarySignCompiler.MAX_DOUBLINGS + " doubling layers tau(acc(0; y, y)) some " + (d == 2
                        ? "tau(acc(0; y+, y-, y+, y-)) of the ramps tau(acc(-c; x_i, +-x_j))"
                        : "merged halves tau(acc(0; h1, h2, h1, h2)) of the ramps tau(acc(-c; x_i, +-x_j, +-x_k))")
                        + " is not one value below c, 0 at c and one value above on every " + (d == 2 ? "x_j" : "x_j, x_k"));
            }
            List<long[]> pairs = BinarySignCompiler.pairs(d * sig, layerValues);
            Attempt<List<Neuron>> doubling = Attempt.each(d * sig,
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
            signs = signsAlong(c, vals);
        }
        return Attempt.built(new Signs(signs, layerValues, doublings));
    }

    /**
     * A layer of bias-0 twin neurons over the previous layer's pairs (values {@code in[j]} on every
     * point, taking {@code pairValues.get(j)}): the pairs are taken in groups of {@code pick.length}
     * consecutive ones, and from each group the neurons read the pairs {@code pick[2m], pick[2m + 1]}
     * interleaved, {@code acc(0; y, z, y, z)}, one neuron per {@code m}, in group order.
     *
     * @return the new layer's values on every point, or a refusal if a pair does not cancel
     */
    private static Attempt<long[][]> interleaved(Coordinates c, long[][] in, List<long[]> pairValues, int[] pick,
            List<Layer> layers) {
        Machine s = c.s();
        int perGroup = pick.length / 2;
        int groups = in.length / pick.length;
        long[][] out = new long[groups * perGroup][c.n()];
        List<Neuron> neurons = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            for (int m = 0; m < perGroup; m++) {
                int a = g * pick.length + pick[2 * m];
                int b = g * pick.length + pick[2 * m + 1];
                long[] v = out[g * perGroup + m];
                for (int p = 0; p < c.n(); p++) {
                    v[p] = s.tau(BinaryGadgets.acc(s, 0, new int[] {1, 1, 1, 1},
                            new long[] {in[a][p], in[b][p], in[a][p], in[b][p]}, 4));
                }
                Attempt<Neuron> nn = TwinNeurons.overTwins(s, 0, pairValues, new int[] {a, b}, new int[] {1, 1}, true);
                if (nn instanceof Attempt.Refused<Neuron> r) {
                    return r.as();
                }
                neurons.add(nn.orElseThrow());
            }
        }
        layers.add(Layer.of(TwinNeurons.twice(neurons)));
        return Attempt.built(out);
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
        for (int i = 0; i < c.dims(); i++) {
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
        List<long[]> signPairs = BinarySignCompiler.pairs(c.dims() * c.sig(), signs.layerValues());
        int size = c.size();
        return Attempt.each(c.dims() * size, ix -> BinarySignCompiler.pointNeuron(s,
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
        List<long[]> linePairs = BinarySignCompiler.pairs(c.dims() * size, new long[] {0, on});
        int lineSign = on > 0 ? 1 : -1;
        long bitValue = 0;
        List<Neuron> bits = new ArrayList<>();
        for (int i = 0; i < c.dims(); i++) {
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
        int d = c.dims();
        List<long[]> withConstant = new ArrayList<>(BinarySignCompiler.pairs(2 * d * digits, new long[] {0, bitValue}));
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
            long[] xs = new long[d];
            for (int i = 0; i < d; i++) {
                xs[i] = c.x(i, p) - s.min();
            }
            int[] sequence = new int[2 * d * digits + 2];
            int[] seqSigns = new int[sequence.length];
            int pos = 0;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < digits; j++) {
                    // pair (i * digits + j) * 2 is the bit, + 1 its complement; the wrong one is K where x's digit is not
                    int wrong = 2 * (i * digits + j) + ((xs[i] >> j & 1) == 1 ? 1 : 0);
                    sequence[pos] = wrong;
                    seqSigns[pos++] = sink.readSign();
                    sequence[pos] = wrong;
                    seqSigns[pos++] = sink.readSign();
                }
            }
            sequence[pos] = 2 * d * digits;
            seqSigns[pos++] = 1;
            sequence[pos] = 2 * d * digits;
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
        long d = c.dims();
        long ramps = 2 * d * c.patterns() * sig; // neurons of each layer, twins counted
        long signs = 2 * d * sig;
        long halves = d == 2 ? 0 : 2 * signs; // d = 3: the halves' layer; the merge layer then has signs neurons
        long lines = 2 * d * s.size();
        long bits = 2 * (2 * d * digits + 1);
        long weights = ramps * d + (halves == 0 ? signs * ramps : halves * ramps + signs * halves)
                + signs * signs * doublings + lines * signs + bits * lines + (long) c.n() * (bits + 1);
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
    private static long[][][] signsAlong(Coordinates c, long[][] vals) {
        int sig = c.sig();
        int size = c.size();
        long[][][] out = new long[c.dims()][sig][size];
        for (int i = 0; i < c.dims(); i++) {
            for (int t = 0; t < sig; t++) {
                long[] v = vals[i * sig + t];
                long[] along = out[i][t];
                boolean[] seen = new boolean[size];
                for (int p = 0; p < v.length; p++) {
                    int x = (int) (c.x(i, p) - c.s().min());
                    if (!seen[x]) {
                        along[x] = v[p];
                        seen[x] = true;
                    } else if (v[p] != along[x]) {
                        return null;
                    }
                }
                if (!BinarySignCompiler.isSign(along, c.thresholds().get(t), c.s().min())) {
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

package dev.fxnet.construct.binary;

import dev.fxnet.construct.FunctionTable;
import dev.fxnet.gadget.Machine;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The binary-weight construction (SPEC §4: every weight {@code +-1}, every neuron lists every
 * source of the previous layer) for {@code d = 1} and {@code d = 2}; docs/CONSTRUCTION.md, section 6.
 *
 * <ol>
 *   <li><b>Directions.</b> {@code t = x} for {@code d = 1}; {@code u = x0 + x1} and
 *       {@code v = x0 - x1} for {@code d = 2}, which determine the point. For every threshold
 *       {@code c} of a direction, a first-layer neuron (bias, signs, order; it lists every input)
 *       whose saturated pre-activation decides {@code [dir(x) >= c]} by one cut {@code theta},
 *       checked on every point of {@code F^d}.</li>
 *   <li><b>Steps.</b> A tail of {@link BinaryGadgets} (a 1- or 2-neuron tail from the exhaustive
 *       search, else a {@linkplain BinaryGadgets#ladder ladder}) turns the first-layer output into an
 *       exact two-valued step; tails are padded to one length, and a last layer reading a constant
 *       pair gives a step without 0 its 0. Every signal is carried by twin neurons, which the next
 *       layer cancels where it does not want them.</li>
 *   <li><b>Points.</b> One neuron per point {@code x0} with {@code f(x0) != 0} reads the steps at
 *       {@code dir(x0)} and {@code dir(x0) + 1} of every direction (in {@code d = 2} on large grids,
 *       the bits of the directions' indices instead, {@link BitLayer}); its bias and signs are chosen
 *       so that it outputs a common value {@code on} at {@code x0} and exactly 0 elsewhere, checked
 *       on every combination of its steps.</li>
 *   <li><b>Values.</b> Neurons {@code B_j = tau(b_j +- on)} (each lists every point neuron, {@code +1}
 *       for the points in its set): {@code tau(b_j - on) = tau(b_j) = 0}, {@code tau(b_j + on) = v_j};
 *       or, where no such bias exists, over twin point neurons and a constant pair
 *       ({@link BinaryValueLayer#valueNeurons}).
 *       The values {@code v_j} are chosen so that every {@code |f(x)|} is a sum of some of them;
 *       the output neuron adds them with {@code +-1}, without an intermediate overflow.</li>
 * </ol>
 * Where the steps cannot be built (the identity, whose neurons output 0 only by exact
 * cancellation), {@code d = 1} takes {@link BinarySignCompiler} and {@code d = 2}
 * {@link BinaryCoordinateCompiler}. The network is verified on all of {@code F^d} by the caller.
 */
public final class BinaryCompiler {
    /** Networks above this many weights are refused before they are built. */
    static final long MAX_WEIGHTS = 6_000_000L;

    /** Formats with at most this many values get a second attempt with the inner gadgets. */
    static final int INNER_LIMIT = 1024;

    private BinaryCompiler() {
    }

    /** A step signal: direction {@code k}, threshold {@code c}, its first-layer neuron and tail, and its two values. */
    private record Signal(int k, long c, long bias, int[] order, int[] signs, long[][] tail, long whenTrue,
            long whenFalse, long[][] valuesPerLayer, boolean ladder) {
        long value(boolean truth) {
            return truth ? whenTrue : whenFalse;
        }

        /** This signal with the tail neurons {@code more} appended ({@link BinaryGadgets#apply}). */
        Signal extendedBy(BinaryGadgets g, long[]... more) {
            long[][] longer = Arrays.copyOf(tail, tail.length + more.length);
            System.arraycopy(more, 0, longer, tail.length, more.length);
            long wt = whenTrue;
            long wf = whenFalse;
            for (long[] op : more) {
                wt = g.apply(op, wt);
                wf = g.apply(op, wf);
            }
            return new Signal(k, c, bias, order, signs, longer, wt, wf, g.valuesAlong(valuesPerLayer[0], longer),
                    ladder);
        }
    }

    /**
     * Builds a binary-weight network computing {@code target} in setting {@code s}, or refuses. The
     * network is not verified here: the caller verifies it on all of {@code F^d}.
     *
     * @throws IllegalArgumentException if the construction refuses: {@code d > 2}, the format lacks
     *     the value 1, no gadget exists for a stage, or the network would be too large; the message
     *     names the reason
     */
    public static BinaryNetwork compile(FunctionTable target, Machine s) {
        int d = target.dims();
        if (d > 2) {
            throw new IllegalArgumentException("binary-weight compilation is implemented for d <= 2 (the direction"
                    + " features u = x0 + x1, v = x0 - x1); d = " + d + " is not (docs/CONSTRUCTION.md, section 6)");
        }
        BinaryGadgets.requireOne(s);
        int n = target.size();
        List<Integer> live = new ArrayList<>(); // points with f != 0
        for (int i = 0; i < n; i++) {
            if (target.code(i) != 0) {
                live.add(i);
            }
        }
        if (live.isEmpty()) {
            return new BinaryNetwork(zero(s, d), 0, "none (zero function)");
        }
        return routes(target, s, live).orElseThrow();
    }

    /** The step construction, else the sign construction of the dimension, on the points {@code live}. */
    private static Attempt<BinaryNetwork> routes(FunctionTable target, Machine s, List<Integer> live) {
        Attempt<BinaryNetwork> steps = steps(target, s, live);
        if (!(steps instanceof Attempt.Refused<BinaryNetwork> stepsFailed)) {
            return steps;
        }
        // in d = 2 a refusal that depends on the table takes no other route, so that the layers before the
        // point layer are the same for every table that builds (THEORY §6); d = 1 has always retried
        if (target.dims() > 1 && stepsFailed.isFinal()) {
            return steps;
        }
        Attempt<BinaryNetwork> signs = target.dims() > 1 ? BinaryCoordinateCompiler.attempt(target, s, live)
                : Attempt.of(() -> BinarySignCompiler.compile(target, s, live));
        if (!(signs instanceof Attempt.Refused<BinaryNetwork> signsFailed)) {
            return signs;
        }
        return new Attempt.Refused<>(stepsFailed.reason() + "; and " + signsFailed.reason(), signsFailed.isFinal());
    }

    /**
     * The step construction (steps, points, values) on the points {@code live} with {@code f != 0}:
     * with the gadgets of {@link BinaryGadgets#find(Machine)}; else with the inner ones, whose
     * biases let ladders with slack share their layers with every other step; else, in
     * {@code d = 2} where the point layer reads the steps themselves, with the inner gadgets and the
     * bit layer, whose point neurons can fall to a sink. The next route is taken only after a
     * refusal that is not final ({@link Refusal}), and the inner gadgets only
     * for formats of at most {@value #INNER_LIMIT} values (their search costs as much again).
     */
    private static Attempt<BinaryNetwork> steps(FunctionTable target, Machine s, List<Integer> live) {
        Attempt<BinaryNetwork> outer = Attempt.of(() -> steps(target, s, BinaryGadgets.find(s, false), live, false));
        if (!(outer instanceof Attempt.Refused<BinaryNetwork> plain) || plain.isFinal() || s.size() > INNER_LIMIT) {
            return outer;
        }
        String within = " (biases within " + s.dec(s.max() - BinaryGadgets.find(s, true).maxSlack()) + " of 0)";
        Attempt<BinaryNetwork> inner = Attempt.of(() -> steps(target, s, BinaryGadgets.find(s, true), live, false));
        if (!(inner instanceof Attempt.Refused<BinaryNetwork> innerFailed) || innerFailed.isFinal()) {
            return inner;
        }
        String why = innerFailed.reason().equals(plain.reason()) ? plain.reason()
                : plain.reason() + "; with the inner gadgets" + within + ": " + innerFailed.reason();
        if (target.dims() == 2 && !bitsBySize(target.size(), s)) {
            Attempt<BinaryNetwork> bits = Attempt.of(() -> steps(target, s, BinaryGadgets.find(s, true), live, true));
            if (!(bits instanceof Attempt.Refused<BinaryNetwork> bitsFailed) || bitsFailed.isFinal()) {
                return bits;
            }
            why += "; with the inner gadgets and the bit layer: " + bitsFailed.reason();
        }
        return Attempt.refused(why);
    }

    /**
     * Whether a point layer over every step would be too wide in {@code d = 2}, so that the bits of
     * the indices of {@code x0 + x1} (every other threshold: its parity is that of {@code x0 - x1})
     * and of {@code x0 - x1} come between ({@link BitLayer}).
     */
    private static boolean bitsBySize(int n, Machine s) {
        long range = 2 * (s.max() - s.min()); // x0 + x1 and x0 - x1 each span twice F's range
        return (long) n * 4 * (2 * range) > MAX_WEIGHTS / 2;
    }

    private static BinaryNetwork steps(FunctionTable target, Machine s, BinaryGadgets g, List<Integer> live,
            boolean forceBits) {
        int d = target.dims();
        int n = target.size();
        InputSpace sp = target.space();
        long[][] pts = new long[n][];
        for (int i = 0; i < n; i++) {
            pts[i] = sp.point(i);
        }
        int[][] dirs = d == 1 ? new int[][] {{1}} : new int[][] {{1, 1}, {1, -1}};
        long[][] dv = new long[dirs.length][n];
        long[] lo = new long[dirs.length];
        long[] hi = new long[dirs.length];
        for (int k = 0; k < dirs.length; k++) {
            lo[k] = Long.MAX_VALUE;
            hi[k] = Long.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                long v = 0;
                for (int j = 0; j < d; j++) {
                    v += dirs[k][j] * pts[i][j];
                }
                dv[k][i] = v;
                lo[k] = Math.min(lo[k], v);
                hi[k] = Math.max(hi[k], v);
            }
        }
        boolean bits = d == 2 && (forceBits || bitsBySize(n, s));
        int[] stride = bits ? new int[] {2, 1} : new int[] {1, 1};
        List<Signal> signals = signals(s, g, pts, dirs, dv, lo, hi, stride);
        if (bits) {
            signals = uniform(s, g, signals);
        }
        int tailLen = signals.get(0).tail().length;
        Map<Long, Integer> signalId = new HashMap<>();
        for (int i = 0; i < signals.size(); i++) {
            Signal sg = signals.get(i);
            signalId.put(key(sg.k(), sg.c()), i);
        }
        int sig = signals.size();
        requireSize(s, d, sig, tailLen, bits ? 0 : live.size());
        // point neurons: the on values every kind of point admits; value neurons for the first that has them
        // planned over every point, so that the layers before the value neurons do not depend on which
        // points are live (THEORY §6, B2); neurons are built for the live points only
        List<Integer> every = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            every.add(i);
        }
        PointPlan plan = null;
        if (!bits) {
            List<Signal> asBuilt = signals;
            Attempt<PointPlan> first = Attempt.of(() -> planPoints(s, g, asBuilt, signalId, dirs, dv, lo, hi, every,
                    false));
            if (first instanceof Attempt.Built<PointPlan> built) {
                plan = built.value();
            } else {
                // steps of mixed orientation and size: one more layer makes them 0 where false, one value where true
                signals = normalized(s, g, signals);
                tailLen = signals.get(0).tail().length;
                plan = planPoints(s, g, signals, signalId, dirs, dv, lo, hi, every, false);
                requireSize(s, d, sig, tailLen, live.size());
            }
        }
        PointPlan pp = plan;
        List<Signal> virtual = pp == null ? List.of() : pp.constants();
        List<Layer> layers = new ArrayList<>();
        long one = s.one().orElse(-1);
        List<Neuron> first = new ArrayList<>();
        for (Signal sg : signals) {
            long[] w = new long[d];
            for (int j = 0; j < d; j++) {
                w[j] = sg.signs()[j] * one;
            }
            Neuron nn = Neuron.of(sg.bias(), sg.order(), w);
            first.add(nn);
            first.add(nn);
        }
        layers.add(Layer.of(first));
        // constant pairs: those tail neuron l reads ({b, s, k, t, interleave}) sit in tail layer l - 1
        List<TreeMap<Long, Long>> constantsAt = new ArrayList<>();
        for (int l = 0; l < tailLen; l++) {
            constantsAt.add(new TreeMap<>());
        }
        for (Signal c : virtual) {
            constantsAt.get(tailLen - 1).put(c.whenTrue(), c.bias());
        }
        for (Signal sg : signals) {
            for (int l = 1; l < tailLen; l++) {
                if (sg.tail()[l].length == 5) {
                    constantsAt.get(l - 1).put(s.tau(sg.tail()[l][2]), sg.tail()[l][2]);
                }
            }
        }
        for (int l = 0; l < tailLen; l++) {
            List<Long> constantValues = l == 0 ? List.of() : new ArrayList<>(constantsAt.get(l - 1).keySet());
            List<long[]> pairValues = pairValues(signals, l, constantValues);
            List<Neuron> ns = new ArrayList<>(2 * sig);
            for (int i = 0; i < sig; i++) {
                long[] t = signals.get(i).tail()[l];
                Neuron nn = t.length == 2
                        ? TwinNeurons.overTwins(s, t[0], pairValues, new int[] {i}, new int[] {(int) t[1]}, false)
                        : t.length == 3
                        ? TwinNeurons.overTwins(s, t[0], pairValues, new int[] {i, i}, new int[] {(int) t[1], (int) t[2]})
                        : TwinNeurons.overTwins(s, t[0], pairValues, new int[] {i, sig + constantValues.indexOf(s.tau(t[2]))},
                                new int[] {(int) t[1], (int) t[3]}, t[4] != 0);
                ns.add(nn);
                ns.add(nn);
            }
            for (long k : constantsAt.get(l).values()) {
                Neuron nn = TwinNeurons.overTwins(s, k, pairValues, new int[0], new int[0], false);
                ns.add(nn);
                ns.add(nn);
            }
            layers.add(Layer.of(ns));
        }
        List<Long> lastConstants = tailLen == 0 ? List.of() : new ArrayList<>(constantsAt.get(tailLen - 1).keySet());
        List<long[]> lastValues = pairValues(signals, tailLen, lastConstants);
        if (bits) {
            String values = BitLayer.pointsByBits(s, target, live, signals.stream().map(x -> new long[] {x.k(), x.c(),
                    x.whenTrue()}).toList(), lastValues, dirs, dv, lo, hi, stride, layers);
            Network net = Network.of(s.setting().fixedPoint(), s.accumulation(), s.activation(), d, layers, Map.of());
            String gadgets = "binary, bit layer: " + sig + " step signals (first layer + " + tailLen + " tail layer(s),"
                    + " twin neurons, " + signals.stream().filter(Signal::ladder).count() + " by a ladder), " + values;
            return new BinaryNetwork(net, live.size(), gadgets);
        }
        String values = Refusal.finalOn(() -> BinaryValueLayer.pointAndValueLayers(s, target, live, pp.ons(), (p, on) -> {
            long[] opt = pp.option(live.get(p), on);
            int[] reads = pp.used()[live.get(p)].clone();
            int[] signs = new int[reads.length];
            for (int u = 0; u < signs.length; u++) {
                signs[u] = (int) opt[2 + u];
                if (reads[u] >= sig) {
                    reads[u] = sig + lastConstants.indexOf(pp.constants().get(reads[u] - sig).whenTrue());
                }
            }
            return TwinNeurons.overTwins(s, opt[0], lastValues, reads, signs, opt[1] != 0);
        }, lastValues, layers));
        Network net = Network.of(s.setting().fixedPoint(), s.accumulation(), s.activation(), d, layers, Map.of());
        long ladders = signals.stream().filter(Signal::ladder).count();
        long zeroed = signals.stream().filter(x -> x.tail().length > 0 && x.tail()[x.tail().length - 1].length == 5)
                .count();
        String gadgets = "binary: " + sig + " step signals (first layer + " + tailLen + " tail layer(s), twin neurons"
                + (ladders > 0 ? ", " + ladders + " by a ladder" : "") + (zeroed > 0 ? ", " + zeroed
                + " given their 0 by a constant pair" : "") + (virtual.isEmpty() ? "" : ", constant pairs for the"
                + " missing steps at the ends") + "), " + values;
        return new BinaryNetwork(net, live.size(), gadgets);
    }

    /**
     * Refuses a network estimated above {@link #MAX_WEIGHTS}: first layer, tail layers over
     * {@code 2 sig} twins, point neurons over them, value neurons over the points.
     */
    private static void requireSize(Machine s, int d, int sig, int tailLen, int points) {
        long estimate = 2L * sig * d + (long) tailLen * 4L * sig * sig + (long) points * 2 * sig
                + 2L * s.max() * points;
        if (estimate > MAX_WEIGHTS) {
            throw Refusal.ofFinal("the binary-weight network for " + s + " on F^" + d + " would have"
                    + " about " + estimate + " weights (" + sig + " step signals, " + points + " point neurons),"
                    + " over the limit of " + MAX_WEIGHTS + "; use a smaller format or dimension");
        }
    }

    /** The values of every pair in the layer after tail neuron {@code layer}: the signals', then the constants'. */
    private static List<long[]> pairValues(List<Signal> signals, int layer, List<Long> constants) {
        List<long[]> out = new ArrayList<>();
        for (Signal sg : signals) {
            out.add(sg.valuesPerLayer()[layer]);
        }
        for (long kv : constants) {
            out.add(new long[] {kv});
        }
        return out;
    }

    /** The zero function: twin neurons {@code tau(0 + x0 + ...)} cancelled by the output neuron. */
    private static Network zero(Machine s, int d) {
        long one = s.one().orElse(-1);
        long[] w = new long[d];
        Arrays.fill(w, one);
        Neuron h = Neuron.dense(0, w);
        long[] values = new long[s.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = s.tau(s.min() + i);
        }
        int first = BinaryGadgets.cancels(s, 0, values);
        if (first == 0) {
            throw new IllegalArgumentException(s + ": the twins of a hidden neuron do not cancel after the bias 0");
        }
        return Network.of(s.setting().fixedPoint(), s.accumulation(), s.activation(), d,
                List.of(Layer.of(h, h), Layer.of(Neuron.dense(0, first * one, -first * one))), Map.of());
    }

    private static long key(int k, long c) {
        return ((long) k << 40) ^ (c + (1L << 36));
    }

    /**
     * The step signals of every threshold, all with the shortest tail length for which each
     * threshold has one: every first-layer neuron is enumerated once and tried with every length.
     *
     * @throws Refusal naming a threshold without a signal at every length
     */
    private static List<Signal> signals(Machine s, BinaryGadgets g, long[][] pts, int[][] dirs, long[][] dv, long[] lo,
            long[] hi, int[] stride) {
        int d = pts[0].length;
        int n = pts.length;
        List<Map<Long, Signal>> chosen = new ArrayList<>();
        for (int len = 1; len <= BinaryGadgets.MAX_TAIL; len++) {
            chosen.add(new HashMap<>());
        }
        long[] ys = new long[d];
        List<int[][]> shapes = BinaryGadgets.firstLayerShapes(d);
        for (long b = s.min(); b <= s.max(); b++) {
            for (int[][] shape : shapes) {
                int[] signs = shape[0];
                int[] order = shape[1];
                long[] t = new long[n];
                TreeSet<Long> tv = new TreeSet<>();
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < d; j++) {
                        ys[j] = pts[i][order[j]];
                    }
                    t[i] = BinaryGadgets.acc(s, b, signs, ys, d);
                    tv.add(t[i]);
                }
                for (int k = 0; k < dirs.length; k++) {
                    int range = (int) (hi[k] - lo[k] + 1);
                    long[] tmin = new long[range];
                    long[] tmax = new long[range];
                    Arrays.fill(tmin, Long.MAX_VALUE);
                    Arrays.fill(tmax, Long.MIN_VALUE);
                    for (int i = 0; i < n; i++) {
                        int w = (int) (dv[k][i] - lo[k]);
                        tmin[w] = Math.min(tmin[w], t[i]);
                        tmax[w] = Math.max(tmax[w], t[i]);
                    }
                    long[] preMax = new long[range];
                    long[] preMin = new long[range];
                    long[] sufMin = new long[range + 1];
                    long[] sufMax = new long[range + 1];
                    for (int w = 0; w < range; w++) {
                        preMax[w] = Math.max(w == 0 ? Long.MIN_VALUE : preMax[w - 1], tmax[w]);
                        preMin[w] = Math.min(w == 0 ? Long.MAX_VALUE : preMin[w - 1], tmin[w]);
                    }
                    sufMin[range] = Long.MAX_VALUE;
                    sufMax[range] = Long.MIN_VALUE;
                    for (int w = range - 1; w >= 0; w--) {
                        sufMin[w] = Math.min(sufMin[w + 1], tmin[w]);
                        sufMax[w] = Math.max(sufMax[w + 1], tmax[w]);
                    }
                    for (int w = stride[k]; w < range; w += stride[k]) {
                        long c = lo[k] + w;
                        long kk = key(k, c);
                        for (int len = 1; len <= BinaryGadgets.MAX_TAIL; len++) {
                            Map<Long, Signal> byKey = chosen.get(len - 1);
                            if (byKey.containsKey(kk)) {
                                continue;
                            }
                            // increasing: [dir >= c] <=> t >= theta, theta in (preMax[w-1], sufMin[w]]
                            Signal found = pick(s, g, len, k, c, b, order, signs, preMax[w - 1], sufMin[w], true,
                                    tv);
                            if (found == null) {
                                found = pick(s, g, len, k, c, b, order, signs, sufMax[w], preMin[w - 1], false, tv);
                            }
                            if (found != null) {
                                byKey.put(kk, found);
                            }
                        }
                    }
                }
            }
        }
        for (Map<Long, Signal> byKey : chosen) {
            List<Signal> out = new ArrayList<>();
            for (int k = 0; k < dirs.length; k++) {
                for (long c = lo[k] + stride[k]; c <= hi[k]; c += stride[k]) {
                    out.add(byKey.get(key(k, c)));
                }
            }
            if (!out.contains(null)) {
                return out;
            }
        }
        // mixed: the shortest tail per threshold, a ladder where none was found, all padded to one length
        List<Signal> out = new ArrayList<>();
        List<long[]> missing = new ArrayList<>();
        for (int k = 0; k < dirs.length; k++) {
            for (long c = lo[k] + stride[k]; c <= hi[k]; c += stride[k]) {
                Signal x = null;
                for (int len = 1; len <= BinaryGadgets.MAX_TAIL && x == null; len++) {
                    x = chosen.get(len - 1).get(key(k, c));
                }
                if (x == null) {
                    missing.add(new long[] {k, c, out.size()});
                }
                out.add(x);
            }
        }
        ladders(s, g, pts, dirs, dv, lo, hi, missing, out);
        if (g.inner()) {
            // the inner gadgets' short steps may be weak ({0, -eps} for gelu): widen them first
            Map<Long, long[][]> widened = new HashMap<>();
            for (int i = 0; i < out.size(); i++) {
                Signal x = out.get(i);
                long[][] more = widened.computeIfAbsent(BinaryGadgets.pair(x.whenTrue(), x.whenFalse()),
                        key -> g.amplify(x.whenTrue(), x.whenFalse()));
                if (more.length > 0) {
                    out.set(i, x.extendedBy(g, more));
                }
            }
        }
        int longest = 0;
        for (Signal x : out) {
            longest = Math.max(longest, x.tail().length);
        }
        boolean zeroless = false;
        for (int i = 0; i < out.size(); i++) {
            Signal x = pad(g, out.get(i), longest);
            out.set(i, x);
            zeroless |= x.whenTrue() != 0 && x.whenFalse() != 0;
        }
        return zeroless ? normalized(s, g, out) : out;
    }

    /**
     * The signals with one more tail layer in which every step becomes 0 where it is false and,
     * where a neuron can, takes the value most of them can reach by a single-signal neuron where it
     * is true; neurons that also read a constant pair from the layer before are used where a
     * single-signal one cannot do it (docs/CONSTRUCTION.md, section 6).
     */
    private static List<Signal> normalized(Machine s, BinaryGadgets g, List<Signal> in) {
        List<Signal> out = new ArrayList<>(in);
        if (out.get(0).tail().length == 0) { // the zeroing neuron reads a tail layer (constant pairs live there)
            for (int i = 0; i < out.size(); i++) {
                out.set(i, pad(g, out.get(i), 1));
            }
        }
        // the true value the most steps can reach
        Map<Long, Integer> reach = new HashMap<>();
        for (Signal x : out) {
            for (long c : g.orientations(x.whenTrue(), x.whenFalse()).keySet()) {
                reach.merge(c, 1, Integer::sum);
            }
        }
        long common = reach.entrySet().stream().max(Map.Entry.<Long, Integer>comparingByValue()
                .thenComparing(e -> -Math.abs(e.getKey()))).map(Map.Entry::getKey).orElse(0L);
        for (int i = 0; i < out.size(); i++) {
            Signal x = out.get(i);
            Map<Long, long[]> ways = g.orientations(x.whenTrue(), x.whenFalse());
            long[] z = ways.get(common);
            if (z == null && common != 0) {
                z = g.zeroingTo(x.whenTrue(), x.whenFalse(), common);
            }
            if (z == null && !ways.isEmpty()) {
                z = ways.values().iterator().next();
            }
            if (z != null && z.length == 2) {
                out.set(i, x.extendedBy(g, z)); // 0 where false: an orientation
                continue;
            }
            if (z == null) {
                z = g.zeroing(x.whenTrue(), x.whenFalse());
            }
            if (z == null) {
                throw Refusal.of(s + ": no neuron turns the step values " + s.dec(x.whenTrue())
                        + ", " + s.dec(x.whenFalse()) + " into a step with a 0, even with a constant pair");
            }
            out.set(i, x.extendedBy(g, z));
        }
        return out;
    }

    /**
     * The signals as steps that are 0 where false and one value where true, all alike, adding the
     * {@link #normalized} layer when they are not already.
     *
     * @throws Refusal if they cannot be made alike
     */
    private static List<Signal> uniform(Machine s, BinaryGadgets g, List<Signal> in) {
        List<Signal> out = alike(in) ? in : normalized(s, g, in);
        if (!alike(out)) {
            throw Refusal.of(s + ": the steps cannot all be made 0 where false and one value where"
                    + " true, which the bit layer needs");
        }
        return out;
    }

    private static boolean alike(List<Signal> signals) {
        long t = signals.get(0).whenTrue();
        return t != 0 && signals.stream().allMatch(x -> x.whenFalse() == 0 && x.whenTrue() == t);
    }

    /**
     * Fills the thresholds in {@code missing} ({@code {k, c, index}}) with ladder signals: the
     * first-layer neurons whose outputs on the two sides of {@code c} are disjoint sets, those on one
     * side of 0 first, then those that reach at most {@link BinaryGadgets#maxSlack} codes past it,
     * fewest values first, each tried with {@link BinaryGadgets#ladder}.
     *
     * @throws Refusal naming the first threshold without a signal
     */
    private static void ladders(Machine s, BinaryGadgets g, long[][] pts, int[][] dirs, long[][] dv, long[] lo,
            long[] hi, List<long[]> missing, List<Signal> out) {
        final int tries = 4;
        int d = pts[0].length;
        int n = pts.length;
        int size = s.size();
        int words = (size + 63) / 64;
        // per missing threshold: the best candidates {score, b, shape index}
        List<List<long[]>> cands = new ArrayList<>();
        for (int i = 0; i < missing.size(); i++) {
            cands.add(new ArrayList<>());
        }
        List<int[][]> shapes = BinaryGadgets.firstLayerShapes(d);
        long[] ys = new long[d];
        for (long b = s.min(); b <= s.max(); b++) {
            for (int sh = 0; sh < shapes.size(); sh++) {
                int[] signs = shapes.get(sh)[0];
                int[] order = shapes.get(sh)[1];
                long[] y = new long[n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < d; j++) {
                        ys[j] = pts[i][order[j]];
                    }
                    y[i] = s.tau(BinaryGadgets.acc(s, b, signs, ys, d));
                }
                for (int k = 0; k < dirs.length; k++) {
                    int range = (int) (hi[k] - lo[k] + 1);
                    long[][] at = new long[range][words];
                    for (int i = 0; i < n; i++) {
                        int v = (int) (y[i] - s.min());
                        at[(int) (dv[k][i] - lo[k])][v >> 6] |= 1L << (v & 63);
                    }
                    long[][] pre = new long[range + 1][words];
                    long[][] suf = new long[range + 1][words];
                    for (int w = 0; w < range; w++) {
                        for (int x = 0; x < words; x++) {
                            pre[w + 1][x] = pre[w][x] | at[w][x];
                        }
                    }
                    for (int w = range - 1; w >= 0; w--) {
                        for (int x = 0; x < words; x++) {
                            suf[w][x] = suf[w + 1][x] | at[w][x];
                        }
                    }
                    for (int m = 0; m < missing.size(); m++) {
                        long[] ms = missing.get(m);
                        if (ms[0] != k) {
                            continue;
                        }
                        int w = (int) (ms[1] - lo[k]);
                        long score = 0;
                        boolean disjoint = true;
                        for (int x = 0; x < words; x++) {
                            disjoint &= (pre[w][x] & suf[w][x]) == 0;
                            score += Long.bitCount(pre[w][x]) + Long.bitCount(suf[w][x]);
                        }
                        long slack = slack(g, pre[w], suf[w], s);
                        if (!disjoint || slack > g.maxSlack()) {
                            continue;
                        }
                        List<long[]> c = cands.get(m);
                        c.add(new long[] {score, b, sh, slack});
                        c.sort((p, q) -> p[3] != q[3] ? Long.compare(p[3], q[3]) : Long.compare(p[0], q[0]));
                        if (c.size() > tries) {
                            c.remove(tries);
                        }
                    }
                }
            }
        }
        for (int m = 0; m < missing.size(); m++) {
            long[] ms = missing.get(m);
            int k = (int) ms[0];
            long c = ms[1];
            Signal found = null;
            for (long[] cand : cands.get(m)) {
                int[] signs = shapes.get((int) cand[2])[0];
                int[] order = shapes.get((int) cand[2])[1];
                List<Long> falses = new ArrayList<>();
                List<Long> trues = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < d; j++) {
                        ys[j] = pts[i][order[j]];
                    }
                    long y = s.tau(BinaryGadgets.acc(s, cand[1], signs, ys, d));
                    (dv[k][i] >= c ? trues : falses).add(y);
                }
                BinaryGadgets.Ladder l = g.ladder(falses.stream().mapToLong(Long::longValue).toArray(),
                        trues.stream().mapToLong(Long::longValue).toArray());
                if (l != null) {
                    found = new Signal(k, c, cand[1], order.clone(), signs.clone(), l.tail(), l.whenTrue(),
                            l.whenFalse(), l.values(), true);
                    break;
                }
            }
            if (found == null) {
                throw Refusal.of(s + ": no binary step gadget: no first-layer neuron with a tail of up"
                        + " to " + BinaryGadgets.MAX_LADDER + " layers decides [" + (d == 1 ? "x" : k == 0 ? "x0 + x1"
                        : "x0 - x1") + " >= " + s.dec(c) + "] (" + cands.get(m).size() + " first-layer neurons"
                        + " separate its two sides with values at most " + s.dec(g.maxSlack()) + " past 0)");
            }
            out.set((int) ms[2], found);
        }
    }

    /** The {@link BinaryGadgets#slack} of the codes in the two bit sets (bit {@code v - min} for code {@code v}). */
    private static long slack(BinaryGadgets g, long[] a, long[] b, Machine s) {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int x = 0; x < a.length; x++) {
            long bits = a[x] | b[x];
            if (bits != 0) {
                lo = Math.min(lo, s.min() + 64L * x + Long.numberOfTrailingZeros(bits));
                hi = Math.max(hi, s.min() + 64L * x + 63 - Long.numberOfLeadingZeros(bits));
            }
        }
        return lo > hi ? 0 : g.slack(lo, hi);
    }

    /** The signal with its tail extended to {@code length} by neurons that keep it two-valued. */
    private static Signal pad(BinaryGadgets g, Signal x, int length) {
        if (x.tail().length == length) {
            return x;
        }
        long[][] more = new long[length - x.tail().length][];
        long wt = x.whenTrue();
        long wf = x.whenFalse();
        for (int l = 0; l < more.length; l++) {
            long[] k = g.keep(wt, wf);
            if (k == null) {
                throw Refusal.of("no neuron keeps the step values " + wt + ", " + wf + " apart");
            }
            more[l] = k;
            wt = g.apply(k, wt);
            wf = g.apply(k, wf);
        }
        return x.extendedBy(g, more);
    }

    /** A signal deciding {@code [dir >= c]} by {@code t >= theta} ({@code increasing}) or {@code t < theta}, theta in {@code (below, upTo]}. */
    private static Signal pick(Machine s, BinaryGadgets g, int len, int k, long c, long b, int[] order, int[] signs,
            long below, long upTo, boolean increasing, TreeSet<Long> tv) {
        if (below >= upTo) {
            return null;
        }
        long from = Math.max(below + 1, s.min() + 1);
        long to = Math.min(upTo, s.max());
        for (long theta = from; theta <= to; theta++) {
            BinaryGadgets.Step st = g.step(len, theta);
            if (st == null) {
                continue;
            }
            long[][] values = new long[len + 1][];
            TreeSet<Long> cur = new TreeSet<>();
            for (long t : tv) {
                cur.add(s.tau(t));
            }
            values[0] = cur.stream().mapToLong(Long::longValue).toArray();
            for (int l = 0; l < len; l++) {
                TreeSet<Long> nx = new TreeSet<>();
                for (long y : cur) {
                    nx.add(s.tau(BinaryGadgets.doubled(s, st.tail()[l][0], (int) st.tail()[l][1], y)));
                }
                cur = nx;
                values[l + 1] = cur.stream().mapToLong(Long::longValue).toArray();
            }
            long wt = increasing ? st.whenTrue() : st.whenFalse();
            long wf = increasing ? st.whenFalse() : st.whenTrue();
            return new Signal(k, c, b, order.clone(), signs.clone(), st.tail(), wt, wf, values, false);
        }
        return null;
    }

    /**
     * The point neurons' plan: per point the used signals, the {@code on} values every kind of point
     * admits (largest magnitude first), and per kind the options {@code on -> {bias, interleave, signs...}}.
     */
    private record PointPlan(List<Long> ons, int[][] used, String[] keys, Map<String, Map<Long, long[]>> options,
            List<Signal> constants) {
        long[] option(int p, long on) {
            return options.get(keys[p]).get(on);
        }
    }

    /** Per point: the used signals, and the common {@code on} values with a bias, order and signs that make it an exact indicator. */
    private static PointPlan planPoints(Machine s, BinaryGadgets g, List<Signal> signals, Map<Long, Integer> signalId,
            int[][] dirs, long[][] dv, long[] lo, long[] hi, List<Integer> points, boolean virtual) {
        int m = points.size();
        List<Signal> all = new ArrayList<>(signals);
        Map<Long, Integer> constantId = new HashMap<>();
        int[][] used = new int[m][];
        Map<String, Map<Long, long[]>> options = new HashMap<>();
        String[] keys = new String[m];
        for (int p = 0; p < m; p++) {
            int i = points.get(p);
            List<Integer> u = new ArrayList<>();
            StringBuilder key = new StringBuilder();
            for (int k = 0; k < dirs.length; k++) {
                long w0 = dv[k][i];
                if (w0 > lo[k]) {
                    u.add(signalId.get(key(k, w0)));
                    key.append('A');
                } else if (virtual) {
                    // [dir >= lo] is always true: a constant pair with the value of a true step
                    u.add(constant(s, g, all, constantId, k, lo[k], signals.get(signalId.get(key(k, w0 + 1))).whenTrue()));
                    key.append('a');
                } else {
                    key.append('-');
                }
                if (w0 < hi[k]) {
                    u.add(signalId.get(key(k, w0 + 1)));
                    key.append('B');
                } else if (virtual) {
                    u.add(constant(s, g, all, constantId, k, hi[k] + 1, signals.get(signalId.get(key(k, w0)))
                            .whenFalse()));
                    key.append('b');
                } else {
                    key.append('-');
                }
            }
            used[p] = u.stream().mapToInt(Integer::intValue).toArray();
            for (int id : used[p]) {
                Signal sg = all.get(id);
                key.append(':').append(sg.whenTrue()).append('/').append(sg.whenFalse());
            }
            keys[p] = key.toString();
            if (!options.containsKey(keys[p])) {
                options.put(keys[p], pointOptions(s, all, used[p], dirs.length, dv, i, lo, hi));
            }
        }
        // common on value: the one every kind of point admits, largest magnitude first
        TreeSet<Long> common = null;
        for (Map<Long, long[]> o : options.values()) {
            TreeSet<Long> ks = new TreeSet<>(o.keySet());
            if (common == null) {
                common = ks;
            } else {
                common.retainAll(ks);
            }
        }
        if (common == null || common.isEmpty()) {
            if (!virtual && tailLength(signals) > 0) {
                return planPoints(s, g, signals, signalId, dirs, dv, lo, hi, points, true);
            }
            throw Refusal.of(s + ": no common output value of the binary point neurons (each point"
                    + " neuron reads the steps at dir(x0) and dir(x0) + 1 twice, pair by pair or interleaved, every"
                    + " bias and sign tried" + (virtual ? "; at the ends of a direction a constant pair stands for the"
                    + " missing step" : "") + ")");
        }
        List<Long> ons = new ArrayList<>(common);
        ons.sort((a, b) -> Long.compare(Math.abs(a), Math.abs(b)) != 0 ? Long.compare(Math.abs(b), Math.abs(a))
                : Long.compare(b, a));
        return new PointPlan(ons, used, keys, options, all.subList(signals.size(), all.size()));
    }

    private static int tailLength(List<Signal> signals) {
        return signals.get(0).tail().length;
    }

    /**
     * The index in {@code all} of a constant pair with value {@code v}, as a pseudo-signal whose
     * threshold {@code c} is always true ({@code lo}) or always false ({@code hi + 1}); its bias
     * is a code {@code k} with {@code tau(k) = v} (one the gadgets allow where there is one: the
     * inner gadgets leave the slack), and it is added on first use.
     */
    private static int constant(Machine s, BinaryGadgets g, List<Signal> all, Map<Long, Integer> constantId, int k,
            long c, long v) {
        Integer id = constantId.get(v);
        if (id == null) {
            // a bias the gadgets allow (inner ones leave the slack), else any
            Long bias = g.constants().get(v);
            if (bias == null) {
                bias = BinaryGadgets.constantBiases(s).get(v);
            }
            if (bias == null) {
                throw new IllegalStateException("internal error: " + v + " is no value of tau");
            }
            id = all.size();
            all.add(new Signal(k, c, bias, null, null, null, v, v, new long[][] {{v}}, false));
            constantId.put(v, id);
        }
        return id;
    }

    /**
     * Every {@code on} value a point neuron over the used signals can have: on value -> {bias, signs...}.
     * Checked on every combination of the directions' states (below, at, above the point).
     */
    private static Map<Long, long[]> pointOptions(Machine s, List<Signal> signals, int[] used, int dirsN, long[][] dv,
            int point, long[] lo, long[] hi) {
        int u = used.length;
        // states per direction: 0 below, 1 at, 2 above; a used signal with threshold c is true iff dir >= c
        int combos = 1;
        for (int k = 0; k < dirsN; k++) {
            combos *= 3;
        }
        long[][] termValues = new long[combos][u];
        boolean[] isTarget = new boolean[combos];
        boolean[] possible = new boolean[combos];
        for (int c = 0; c < combos; c++) {
            int rest = c;
            int[] st = new int[dirsN];
            boolean target = true;
            possible[c] = true;
            for (int k = 0; k < dirsN; k++) {
                st[k] = rest % 3;
                rest /= 3;
                target &= st[k] == 1;
                long w = dv[k][point] + st[k] - 1;
                possible[c] &= w >= lo[k] && w <= hi[k];
            }
            isTarget[c] = target;
            for (int j = 0; j < u; j++) {
                Signal sg = signals.get(used[j]);
                long w0 = dv[sg.k()][point];
                int state = st[sg.k()];
                // dir value representative: below -> w0 - 1, at -> w0, above -> w0 + 1
                long dirValue = w0 + state - 1;
                termValues[c][j] = sg.value(dirValue >= sg.c());
            }
        }
        Map<Long, long[]> out = new HashMap<>();
        int[] sg2 = new int[2 * u];
        long[] ys = new long[2 * u];
        for (int interleave = 0; interleave < (u > 1 ? 2 : 1); interleave++) {
            for (int mask = 0; mask < (1 << u); mask++) {
                for (long b = s.min(); b <= s.max(); b++) {
                    long on = 0;
                    boolean ok = true;
                    for (int c = 0; c < combos && ok; c++) {
                        if (!possible[c]) {
                            continue;
                        }
                        for (int j = 0; j < u; j++) {
                            int sign = (mask >> j & 1) == 0 ? 1 : -1;
                            // pair by pair: j, j, ...; interleaved: every signal once, then again
                            int a0 = interleave == 0 ? 2 * j : j;
                            int a1 = interleave == 0 ? 2 * j + 1 : u + j;
                            sg2[a0] = sign;
                            sg2[a1] = sign;
                            ys[a0] = termValues[c][j];
                            ys[a1] = termValues[c][j];
                        }
                        long y = s.tau(BinaryGadgets.acc(s, b, sg2, ys, 2 * u));
                        if (isTarget[c]) {
                            on = y;
                            ok = y != 0;
                        } else {
                            ok = y == 0;
                        }
                    }
                    if (ok && !out.containsKey(on)) {
                        long[] opt = new long[2 + u];
                        opt[0] = b;
                        opt[1] = interleave;
                        for (int j = 0; j < u; j++) {
                            opt[2 + j] = (mask >> j & 1) == 0 ? 1 : -1;
                        }
                        out.put(on, opt);
                    }
                }
            }
        }
        return out;
    }

}

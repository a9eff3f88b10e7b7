package dev.fxnet.construct;

import dev.fxnet.eval.InputSpace;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *   <li><b>Steps.</b> A tail of {@link BinaryGadgets} turns the first-layer output into an exact
 *       two-valued step (one value 0). Every signal is carried by twin neurons, which the next
 *       layer cancels where it does not want them.</li>
 *   <li><b>Points.</b> One neuron per point {@code x0} with {@code f(x0) != 0} reads the steps at
 *       {@code dir(x0)} and {@code dir(x0) + 1} of every direction; its bias and signs are chosen
 *       so that it outputs a common value {@code on} at {@code x0} and exactly 0 elsewhere, checked
 *       on every combination of its steps.</li>
 *   <li><b>Values.</b> Neurons {@code B_j = tau(b_j +- on)} (each lists every point neuron, {@code +1}
 *       for the points in its set): {@code tau(b_j - on) = tau(b_j) = 0}, {@code tau(b_j + on) = v_j}.
 *       The values {@code v_j} are chosen so that every {@code |f(x)|} is a sum of some of them;
 *       the output neuron adds them with {@code +-1}, without an intermediate overflow.</li>
 * </ol>
 * The network is verified on all of {@code F^d} by the caller.
 */
final class BinaryCompiler {
    /** Networks above this many weights are refused before they are built. */
    static final long MAX_WEIGHTS = 6_000_000L;

    private BinaryCompiler() {
    }

    /** A step signal: direction {@code k}, threshold {@code c}, its first-layer neuron and tail, and its two values. */
    private record Signal(int k, long c, long bias, int[] order, int[] signs, long[][] tail, long whenTrue,
            long whenFalse, long[][] valuesPerLayer) {
        long value(boolean truth) {
            return truth ? whenTrue : whenFalse;
        }
    }

    static Compiler.Result compile(FunctionTable target, Setting s, boolean verify) {
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
            return Compiler.finish(target, s, zero(s, d), Strategy.CUBES, 0, 0, "none (zero function)", verify, true);
        }
        BinaryGadgets g = BinaryGadgets.find(s);
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
        List<Signal> signals = signals(s, g, pts, dirs, dv, lo, hi);
        int tailLen = signals.get(0).tail().length;
        Map<Long, Integer> signalId = new HashMap<>();
        for (int i = 0; i < signals.size(); i++) {
            Signal sg = signals.get(i);
            signalId.put(key(sg.k(), sg.c()), i);
        }
        int sig = signals.size();
        long estimate = 2L * sig * d + (long) tailLen * 4L * sig * sig + (long) live.size() * 2 * sig
                + 2L * s.max() * live.size();
        if (estimate > MAX_WEIGHTS) {
            throw new IllegalArgumentException("the binary-weight network for " + s + " on F^" + d + " would have"
                    + " about " + estimate + " weights (" + sig + " step signals, " + live.size() + " point neurons),"
                    + " over the limit of " + MAX_WEIGHTS + "; use a smaller format or dimension");
        }
        // point neurons: choose a common on value
        PointPlan pp = planPoints(s, signals, signalId, dirs, dv, lo, hi, live);
        // value neurons
        List<long[]> bNeurons = valueNeurons(s, pp.on);
        Decomposition dec = decompose(target, live, bNeurons, s);

        List<Layer> layers = new ArrayList<>();
        long one = s.one();
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
        for (int l = 0; l < tailLen; l++) {
            List<Neuron> ns = new ArrayList<>(2 * sig);
            for (int i = 0; i < sig; i++) {
                Signal sg = signals.get(i);
                long b = sg.tail()[l][0];
                int sign = (int) sg.tail()[l][1];
                Neuron nn = twinNeuron(s, b, signals, l, new int[] {i}, new int[] {sign});
                ns.add(nn);
                ns.add(nn);
            }
            layers.add(Layer.of(ns));
        }
        List<Neuron> pNeurons = new ArrayList<>(live.size());
        for (int p = 0; p < live.size(); p++) {
            pNeurons.add(twinNeuron(s, pp.bias[p], signals, tailLen, pp.used[p], pp.signs[p]));
        }
        layers.add(Layer.of(pNeurons));
        List<Neuron> bLayer = new ArrayList<>();
        long[] outW = new long[dec.neurons.size()];
        for (int j = 0; j < dec.neurons.size(); j++) {
            long[] bv = dec.neurons.get(j);
            BitSet members = dec.members.get(j);
            long[] w = new long[live.size()];
            for (int p = 0; p < live.size(); p++) {
                w[p] = members.get(p) ? one : -one;
            }
            bLayer.add(Neuron.dense(bv[0], w));
            outW[j] = Long.signum(bv[1]) * dec.groupSign.get(j) * one;
        }
        layers.add(Layer.of(bLayer));
        layers.add(Layer.of(Neuron.dense(0, outW)));
        Network net = Network.of(s.arithmetic(), s.accumulation(), s.activation(), d, layers, Map.of());
        String gadgets = "binary: " + sig + " step signals (first layer + " + tailLen + " tail layer(s), twin neurons),"
                + " " + live.size() + " point neurons (on = " + s.dec(pp.on) + "), " + dec.neurons.size()
                + " value neurons " + dec.summary(s);
        return Compiler.finish(target, s, net, Strategy.CUBES, live.size(), 0, gadgets, verify, true);
    }

    /** The zero function: twin neurons {@code tau(0 + x0 + ...)} cancelled by the output neuron. */
    private static Network zero(Setting s, int d) {
        long one = s.one();
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
        return Network.of(s.arithmetic(), s.accumulation(), s.activation(), d,
                List.of(Layer.of(h, h), Layer.of(Neuron.dense(0, first * one, -first * one))), Map.of());
    }

    private static long key(int k, long c) {
        return ((long) k << 40) ^ (c + (1L << 36));
    }

    /**
     * A hidden neuron over a twin layer: every signal not in {@code used} is cancelled first (its
     * twins {@code +y, -y} in the order that is exact for bias {@code b}), then the used ones are
     * read twice with their sign.
     */
    private static Neuron twinNeuron(Setting s, long b, List<Signal> signals, int layerIndex, int[] used, int[] signs) {
        int sig = signals.size();
        int[] src = new int[2 * sig];
        long[] w = new long[2 * sig];
        long one = s.one();
        boolean[] isUsed = new boolean[sig];
        for (int u : used) {
            isUsed[u] = true;
        }
        int pos = 0;
        for (int j = 0; j < sig; j++) {
            if (isUsed[j]) {
                continue;
            }
            int first = BinaryGadgets.cancels(s, b, signals.get(j).valuesPerLayer()[layerIndex]);
            if (first == 0) {
                throw new IllegalArgumentException(s + ": twins of a step signal with values "
                        + Arrays.toString(signals.get(j).valuesPerLayer()[layerIndex]) + " do not cancel after the bias "
                        + s.dec(b) + " in either order");
            }
            src[pos] = 2 * j;
            w[pos++] = first * one;
            src[pos] = 2 * j + 1;
            w[pos++] = -first * one;
        }
        for (int u = 0; u < used.length; u++) {
            src[pos] = 2 * used[u];
            w[pos++] = signs[u] * one;
            src[pos] = 2 * used[u] + 1;
            w[pos++] = signs[u] * one;
        }
        return Neuron.of(b, src, w);
    }

    /**
     * The step signals of every threshold, all with the shortest tail length for which each
     * threshold has one: every first-layer neuron is enumerated once and tried with every length.
     *
     * @throws IllegalArgumentException naming a threshold without a signal at every length
     */
    private static List<Signal> signals(Setting s, BinaryGadgets g, long[][] pts, int[][] dirs, long[][] dv, long[] lo,
            long[] hi) {
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
                    for (int w = 1; w < range; w++) {
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
        String missing = null;
        for (Map<Long, Signal> byKey : chosen) {
            List<Signal> out = new ArrayList<>();
            missing = null;
            for (int k = 0; k < dirs.length && missing == null; k++) {
                for (long c = lo[k] + 1; c <= hi[k] && missing == null; c++) {
                    Signal x = byKey.get(key(k, c));
                    if (x == null) {
                        missing = "[" + (d == 1 ? "x" : k == 0 ? "x0 + x1" : "x0 - x1") + " >= " + s.dec(c) + "]";
                    }
                    out.add(x);
                }
            }
            if (missing == null) {
                return out;
            }
        }
        throw new IllegalArgumentException(s + ": no binary step gadget within " + BinaryGadgets.MAX_TAIL
                + " tail layer(s): no first-layer neuron and " + BinaryGadgets.MAX_TAIL + "-layer tail decides " + missing);
    }

    /** A signal deciding {@code [dir >= c]} by {@code t >= theta} ({@code increasing}) or {@code t < theta}, theta in {@code (below, upTo]}. */
    private static Signal pick(Setting s, BinaryGadgets g, int len, int k, long c, long b, int[] order, int[] signs,
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
            return new Signal(k, c, b, order.clone(), signs.clone(), st.tail(), wt, wf, values);
        }
        return null;
    }

    private record PointPlan(long on, long[] bias, int[][] used, int[][] signs) {
    }

    /** Per point: the used signals, and for a common {@code on} a bias and signs that make it an exact indicator. */
    private static PointPlan planPoints(Setting s, List<Signal> signals, Map<Long, Integer> signalId, int[][] dirs,
            long[][] dv, long[] lo, long[] hi, List<Integer> live) {
        int m = live.size();
        int[][] used = new int[m][];
        Map<String, Map<Long, long[]>> options = new HashMap<>();
        String[] keys = new String[m];
        for (int p = 0; p < m; p++) {
            int i = live.get(p);
            List<Integer> u = new ArrayList<>();
            StringBuilder key = new StringBuilder();
            for (int k = 0; k < dirs.length; k++) {
                long w0 = dv[k][i];
                if (w0 > lo[k]) {
                    u.add(signalId.get(key(k, w0)));
                    key.append('A');
                } else {
                    key.append('-');
                }
                if (w0 < hi[k]) {
                    u.add(signalId.get(key(k, w0 + 1)));
                    key.append('B');
                } else {
                    key.append('-');
                }
            }
            used[p] = u.stream().mapToInt(Integer::intValue).toArray();
            for (int id : used[p]) {
                Signal sg = signals.get(id);
                key.append(':').append(sg.whenTrue()).append('/').append(sg.whenFalse());
            }
            keys[p] = key.toString();
            if (!options.containsKey(keys[p])) {
                options.put(keys[p], pointOptions(s, signals, used[p], dirs.length, dv, i, lo, hi));
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
            throw new IllegalArgumentException(s + ": no common output value of the binary point neurons (each point"
                    + " neuron reads the steps at dir(x0) and dir(x0) + 1 twice, every bias and sign tried)");
        }
        long on = common.stream().max((a, b) -> Long.compare(Math.abs(a), Math.abs(b)) != 0
                ? Long.compare(Math.abs(a), Math.abs(b)) : Long.compare(a, b)).get();
        long[] bias = new long[m];
        int[][] signs = new int[m][];
        for (int p = 0; p < m; p++) {
            long[] opt = options.get(keys[p]).get(on);
            bias[p] = opt[0];
            signs[p] = new int[used[p].length];
            for (int u = 0; u < used[p].length; u++) {
                signs[p][u] = (int) opt[1 + u];
            }
        }
        return new PointPlan(on, bias, used, signs);
    }

    /**
     * Every {@code on} value a point neuron over the used signals can have: on value -> {bias, signs...}.
     * Checked on every combination of the directions' states (below, at, above the point).
     */
    private static Map<Long, long[]> pointOptions(Setting s, List<Signal> signals, int[] used, int dirsN, long[][] dv,
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
                        sg2[2 * j] = sign;
                        sg2[2 * j + 1] = sign;
                        ys[2 * j] = termValues[c][j];
                        ys[2 * j + 1] = termValues[c][j];
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
                    long[] opt = new long[1 + u];
                    opt[0] = b;
                    for (int j = 0; j < u; j++) {
                        opt[1 + j] = (mask >> j & 1) == 0 ? 1 : -1;
                    }
                    out.put(on, opt);
                }
            }
        }
        return out;
    }

    /** Value neurons {@code {b, v}}: {@code tau(b) = tau(acc(b; -on)) = 0}, {@code tau(acc(b; +on)) = v != 0}. */
    private static List<long[]> valueNeurons(Setting s, long on) {
        List<long[]> out = new ArrayList<>();
        for (long b = s.min(); b <= s.max(); b++) {
            if (s.tau(b) != 0 || s.tau(BinaryGadgets.acc(s, b, new int[] {-1}, new long[] {on}, 1)) != 0) {
                continue;
            }
            long v = s.tau(BinaryGadgets.acc(s, b, new int[] {1}, new long[] {on}, 1));
            if (v != 0) {
                out.add(new long[] {b, v});
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(s + ": no value neuron tau(b +- " + s.dec(on) + ") with tau(b - on) ="
                    + " tau(b) = 0 and tau(b + on) != 0");
        }
        return out;
    }

    private static final class Decomposition {
        final List<long[]> neurons = new ArrayList<>();
        final List<Integer> groupSign = new ArrayList<>();
        final List<BitSet> members = new ArrayList<>();

        String summary(Setting s) {
            Map<String, Integer> count = new LinkedHashMap<>();
            for (int j = 0; j < neurons.size(); j++) {
                String k = (groupSign.get(j) > 0 ? "+" : "-") + s.dec(Math.abs(neurons.get(j)[1]));
                count.merge(k, 1, Integer::sum);
            }
            return count.toString();
        }
    }

    /** Chooses value neurons per sign so that every {@code |f(x)|} is a subset sum, and assigns the points. */
    private static Decomposition decompose(FunctionTable t, List<Integer> live, List<long[]> options, Setting s) {
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
                    // no single value helps: add the largest, which extends the reachable sums
                    best = options.stream().max((x, y) -> Long.compare(Math.abs(x[1]), Math.abs(y[1]))).get();
                    if (chosen.size() > 4L * (maxT + 1)) {
                        throw new IllegalArgumentException(s + ": the value neurons' outputs "
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

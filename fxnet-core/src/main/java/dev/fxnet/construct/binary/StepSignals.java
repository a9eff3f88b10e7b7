package dev.fxnet.construct.binary;

import dev.fxnet.gadget.Machine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Steps 1 and 2 of the step construction ({@link BinaryCompiler}; docs/CONSTRUCTION.md, section 6):
 * for every threshold of every direction a first-layer neuron and a tail of {@link BinaryGadgets}
 * that make an exact two-valued step signal; a 1- or 2-neuron tail from the exhaustive search where
 * one exists, else a {@linkplain BinaryGadgets#ladder ladder}; tails padded to one length, and a
 * last layer that gives a step without 0 its 0 ({@link #normalized}).
 */
final class StepSignals {
    /** The ladder candidates tried per threshold. */
    private static final int LADDER_TRIES = 4;

    private StepSignals() {
    }

    /** A first-layer neuron: its bias and a shape (signs, order) of {@link BinaryGadgets#firstLayerShapes}. */
    private record FirstNeuron(long bias, int[] signs, int[] order) {
        /** Its pre-activation ({@code output} false) or output on {@code point}. */
        long on(Machine s, long[] point, boolean output) {
            long[] ys = new long[point.length];
            for (int j = 0; j < ys.length; j++) {
                ys[j] = point[order[j]];
            }
            long t = BinaryGadgets.acc(s, bias, signs, ys, ys.length);
            return output ? s.tau(t) : t;
        }
    }

    /** A first-layer neuron's pre-activation {@code t} on every point, and the distinct values of {@code t}. */
    private record Preactivations(FirstNeuron neuron, long[] t, TreeSet<Long> distinct) {
    }

    /**
     * Per value {@code w - lo} of a direction, the extremes of {@code t} below it ({@code pre}: up to
     * and including {@code w}) and from it on ({@code suf}).
     */
    private record Sides(long[] preMax, long[] preMin, long[] sufMin, long[] sufMax) {
    }

    /**
     * The thresholds {@code t >= theta} ({@code increasing}) or {@code t < theta} decides, for theta
     * in {@code (below, upTo]}.
     */
    private record Cut(long below, long upTo, boolean increasing) {
    }

    /** A threshold without a short tail, and its index among the signals. */
    private record Missing(Threshold threshold, int index) {
    }

    /** A first-layer neuron (bias, index of its shape) that separates a missing threshold's sides for a ladder. */
    private record Candidate(long score, long bias, int shape, long slack) {
    }

    /**
     * The step signals of every threshold (every {@code stride[k]}-th value of direction {@code k}
     * after its least), all with the shortest tail length for which each threshold has one: every
     * first-layer neuron is enumerated once and tried with every length; else mixed lengths and
     * ladders, padded to one length.
     *
     * @return the signals, or a refusal naming a threshold without a signal
     */
    static Attempt<List<Signal>> signals(Machine s, BinaryGadgets g, Directions dirs, int[] stride) {
        List<Map<Threshold, Signal>> chosen = shortTails(s, g, dirs, stride);
        for (Map<Threshold, Signal> byKey : chosen) {
            List<Signal> out = new ArrayList<>();
            for (int k = 0; k < dirs.count(); k++) {
                for (long c = dirs.lo(k) + stride[k]; c <= dirs.hi(k); c += stride[k]) {
                    out.add(byKey.get(new Threshold(k, c)));
                }
            }
            if (!out.contains(null)) {
                return Attempt.built(out);
            }
        }
        return mixed(s, g, dirs, stride, chosen);
    }

    /** Per tail length {@code 1..MAX_TAIL}, the signal found first for every threshold that has one. */
    private static List<Map<Threshold, Signal>> shortTails(Machine s, BinaryGadgets g, Directions dirs, int[] stride) {
        List<Map<Threshold, Signal>> chosen = new ArrayList<>();
        for (int len = 1; len <= BinaryGadgets.MAX_TAIL; len++) {
            chosen.add(new HashMap<>());
        }
        List<int[][]> shapes = BinaryGadgets.firstLayerShapes(dirs.dims());
        for (long[] bh : dirs.firstLayer(s)) {
            int[][] shape = shapes.get((int) bh[1]);
            FirstNeuron fn = new FirstNeuron(bh[0], shape[0], shape[1]);
            long[] t = new long[dirs.size()];
            TreeSet<Long> tv = new TreeSet<>();
            for (int i = 0; i < t.length; i++) {
                t[i] = fn.on(s, dirs.points()[i], false);
                tv.add(t[i]);
            }
            Preactivations pre = new Preactivations(fn, t, tv);
            for (int k = 0; k < dirs.count(); k++) {
                tailsAt(s, g, dirs, k, stride[k], pre, chosen);
            }
        }
        return chosen;
    }

    /** Records, for every threshold of direction {@code k} still without one, the signals of {@code pre}'s neuron. */
    private static void tailsAt(Machine s, BinaryGadgets g, Directions dirs, int k, int stride, Preactivations pre,
            List<Map<Threshold, Signal>> chosen) {
        int range = (int) (dirs.hi(k) - dirs.lo(k) + 1);
        Sides sd = sides(dirs, k, pre.t());
        for (int w = stride; w < range; w += stride) {
            Threshold th = new Threshold(k, dirs.lo(k) + w);
            for (int len = 1; len <= BinaryGadgets.MAX_TAIL; len++) {
                Map<Threshold, Signal> byKey = chosen.get(len - 1);
                if (byKey.containsKey(th)) {
                    continue;
                }
                // increasing: [dir >= c] <=> t >= theta, theta in (preMax[w-1], sufMin[w]]
                Signal found = pick(s, g, len, th, pre, new Cut(sd.preMax()[w - 1], sd.sufMin()[w], true));
                if (found == null) {
                    found = pick(s, g, len, th, pre, new Cut(sd.sufMax()[w], sd.preMin()[w - 1], false));
                }
                if (found != null) {
                    byKey.put(th, found);
                }
            }
        }
    }

    private static Sides sides(Directions dirs, int k, long[] t) {
        int range = (int) (dirs.hi(k) - dirs.lo(k) + 1);
        long[] tmin = new long[range];
        long[] tmax = new long[range];
        Arrays.fill(tmin, Long.MAX_VALUE);
        Arrays.fill(tmax, Long.MIN_VALUE);
        for (int i = 0; i < t.length; i++) {
            int w = (int) (dirs.value(k, i) - dirs.lo(k));
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
        return new Sides(preMax, preMin, sufMin, sufMax);
    }

    /** A signal deciding {@code th} by the cut of {@code pre}'s neuron with a tail of {@code len}; null if none. */
    private static Signal pick(Machine s, BinaryGadgets g, int len, Threshold th, Preactivations pre, Cut cut) {
        if (cut.below() >= cut.upTo()) {
            return null;
        }
        long from = Math.max(cut.below() + 1, s.min() + 1);
        long to = Math.min(cut.upTo(), s.max());
        for (long theta = from; theta <= to; theta++) {
            BinaryGadgets.Step st = g.step(len, theta);
            if (st == null) {
                continue;
            }
            long[][] values = new long[len + 1][];
            TreeSet<Long> cur = new TreeSet<>();
            for (long t : pre.distinct()) {
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
            long wt = cut.increasing() ? st.whenTrue() : st.whenFalse();
            long wf = cut.increasing() ? st.whenFalse() : st.whenTrue();
            FirstNeuron fn = pre.neuron();
            return new Signal(th.k(), th.c(), fn.bias(), fn.order().clone(), fn.signs().clone(), st.tail(), wt, wf,
                    values, false);
        }
        return null;
    }

    /** Mixed: the shortest tail per threshold, a ladder where none was found, all padded to one length. */
    private static Attempt<List<Signal>> mixed(Machine s, BinaryGadgets g, Directions dirs, int[] stride,
            List<Map<Threshold, Signal>> chosen) {
        List<Signal> out = new ArrayList<>();
        List<Missing> missing = new ArrayList<>();
        for (int k = 0; k < dirs.count(); k++) {
            for (long c = dirs.lo(k) + stride[k]; c <= dirs.hi(k); c += stride[k]) {
                Signal x = null;
                for (int len = 1; len <= BinaryGadgets.MAX_TAIL && x == null; len++) {
                    x = chosen.get(len - 1).get(new Threshold(k, c));
                }
                if (x == null) {
                    missing.add(new Missing(new Threshold(k, c), out.size()));
                }
                out.add(x);
            }
        }
        Attempt<List<Signal>> filled = ladders(s, g, dirs, missing, out);
        if (filled instanceof Attempt.Refused<List<Signal>> r) {
            return r;
        }
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
            longest = Math.max(longest, x.tailLength());
        }
        boolean zeroless = false;
        for (int i = 0; i < out.size(); i++) {
            Attempt<Signal> x = pad(g, out.get(i), longest);
            if (x instanceof Attempt.Refused<Signal> r) {
                return r.as();
            }
            out.set(i, x.orElseThrow());
            zeroless |= out.get(i).whenTrue() != 0 && out.get(i).whenFalse() != 0;
        }
        return zeroless ? normalized(s, g, out) : Attempt.built(out);
    }

    /**
     * Fills the thresholds in {@code missing} with ladder signals: the first-layer neurons whose
     * outputs on the two sides of {@code c} are disjoint sets, those on one side of 0 first, then
     * those that reach at most {@link BinaryGadgets#maxSlack} codes past it, fewest values first, each
     * tried with {@link BinaryGadgets#ladder}.
     *
     * @return {@code out}, filled, or a refusal naming the first threshold without a signal
     */
    private static Attempt<List<Signal>> ladders(Machine s, BinaryGadgets g, Directions dirs, List<Missing> missing,
            List<Signal> out) {
        List<List<Candidate>> cands = ladderCandidates(s, g, dirs, missing);
        List<int[][]> shapes = BinaryGadgets.firstLayerShapes(dirs.dims());
        for (int m = 0; m < missing.size(); m++) {
            Threshold th = missing.get(m).threshold();
            Signal found = null;
            for (Candidate cand : cands.get(m)) {
                int[][] shape = shapes.get(cand.shape());
                FirstNeuron fn = new FirstNeuron(cand.bias(), shape[0], shape[1]);
                List<Long> falses = new ArrayList<>();
                List<Long> trues = new ArrayList<>();
                for (int i = 0; i < dirs.size(); i++) {
                    long y = fn.on(s, dirs.points()[i], true);
                    (dirs.value(th.k(), i) >= th.c() ? trues : falses).add(y);
                }
                BinaryGadgets.Ladder l = g.ladder(falses.stream().mapToLong(Long::longValue).toArray(),
                        trues.stream().mapToLong(Long::longValue).toArray());
                if (l != null) {
                    found = new Signal(th.k(), th.c(), cand.bias(), shape[1].clone(), shape[0].clone(), l.tail(),
                            l.whenTrue(), l.whenFalse(), l.values(), true);
                    break;
                }
            }
            if (found == null) {
                int d = dirs.dims();
                return Attempt.refused(s + ": no binary step gadget: no first-layer neuron with a tail of up"
                        + " to " + BinaryGadgets.MAX_LADDER + " layers decides [" + (d == 1 ? "x" : d == 2 ? (th.k() == 0
                        ? "x0 + x1" : "x0 - x1") : (th.k() % 2 == 0 ? "" : "-") + "phi" + (th.k() / 2 + 1)) + " >= " + s.dec(th.c()) + "] (" + cands.get(m).size()
                        + " first-layer neurons separate its two sides with values at most " + s.dec(g.maxSlack())
                        + " past 0)");
            }
            out.set(missing.get(m).index(), found);
        }
        return Attempt.built(out);
    }

    /** Per missing threshold, the best {@value #LADDER_TRIES} first-layer neurons, least slack and score first. */
    private static List<List<Candidate>> ladderCandidates(Machine s, BinaryGadgets g, Directions dirs,
            List<Missing> missing) {
        int words = (s.size() + 63) / 64;
        List<List<Candidate>> cands = new ArrayList<>();
        for (int i = 0; i < missing.size(); i++) {
            cands.add(new ArrayList<>());
        }
        List<int[][]> shapes = BinaryGadgets.firstLayerShapes(dirs.dims());
        for (long[] bh : dirs.firstLayer(s)) {
            long b = bh[0];
            int sh = (int) bh[1];
            FirstNeuron fn = new FirstNeuron(b, shapes.get(sh)[0], shapes.get(sh)[1]);
            long[] y = new long[dirs.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = fn.on(s, dirs.points()[i], true);
            }
            for (int k = 0; k < dirs.count(); k++) {
                long[][][] sets = outputSets(s, dirs, k, y, words);
                long[][] pre = sets[0];
                long[][] suf = sets[1];
                for (int m = 0; m < missing.size(); m++) {
                    Threshold th = missing.get(m).threshold();
                    if (th.k() != k) {
                        continue;
                    }
                    int w = (int) (th.c() - dirs.lo(k));
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
                    List<Candidate> c = cands.get(m);
                    c.add(new Candidate(score, b, sh, slack));
                    c.sort((p, q) -> p.slack() != q.slack() ? Long.compare(p.slack(), q.slack())
                            : Long.compare(p.score(), q.score()));
                    if (c.size() > LADDER_TRIES) {
                        c.remove(LADDER_TRIES);
                    }
                }
            }
        }
        return cands;
    }

    /**
     * The outputs {@code y} as bit sets of codes (bit {@code v - min}) below every value of direction
     * {@code k} ({@code [0][w]}: values {@code < lo + w}) and from it on ({@code [1][w]}).
     */
    private static long[][][] outputSets(Machine s, Directions dirs, int k, long[] y, int words) {
        int range = (int) (dirs.hi(k) - dirs.lo(k) + 1);
        long[][] at = new long[range][words];
        for (int i = 0; i < y.length; i++) {
            int v = (int) (y[i] - s.min());
            at[(int) (dirs.value(k, i) - dirs.lo(k))][v >> 6] |= 1L << (v & 63);
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
        return new long[][][] {pre, suf};
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
    static Attempt<Signal> pad(BinaryGadgets g, Signal x, int length) {
        if (x.tailLength() == length) {
            return Attempt.built(x);
        }
        long[][] more = new long[length - x.tailLength()][];
        long wt = x.whenTrue();
        long wf = x.whenFalse();
        for (int l = 0; l < more.length; l++) {
            long[] k = g.keep(wt, wf);
            if (k == null) {
                return Attempt.refused("no neuron keeps the step values " + wt + ", " + wf + " apart");
            }
            more[l] = k;
            wt = g.apply(k, wt);
            wf = g.apply(k, wf);
        }
        return Attempt.built(x.extendedBy(g, more));
    }

    /**
     * The signals with one more tail layer in which every step becomes 0 where it is false and,
     * where a neuron can, takes the value most of them can reach by a single-signal neuron where it
     * is true; neurons that also read a constant pair from the layer before are used where a
     * single-signal one cannot do it (docs/CONSTRUCTION.md, section 6).
     */
    static Attempt<List<Signal>> normalized(Machine s, BinaryGadgets g, List<Signal> in) {
        List<Signal> out = new ArrayList<>(in);
        if (out.get(0).tailLength() == 0) { // the zeroing neuron reads a tail layer (constant pairs live there)
            for (int i = 0; i < out.size(); i++) {
                Attempt<Signal> x = pad(g, out.get(i), 1);
                if (x instanceof Attempt.Refused<Signal> r) {
                    return r.as();
                }
                out.set(i, x.orElseThrow());
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
            if (z == null) {
                z = g.zeroing(x.whenTrue(), x.whenFalse());
            }
            if (z == null) {
                return Attempt.refused(s + ": no neuron turns the step values " + s.dec(x.whenTrue())
                        + ", " + s.dec(x.whenFalse()) + " into a step with a 0, even with a constant pair");
            }
            out.set(i, x.extendedBy(g, z)); // 0 where false: an orientation (2), else with a constant pair
        }
        return Attempt.built(out);
    }

    /**
     * The signals as steps that are 0 where false and one value where true, all alike, adding the
     * {@link #normalized} layer when they are not already.
     *
     * @return the signals, or a refusal if they cannot be made alike
     */
    static Attempt<List<Signal>> uniform(Machine s, BinaryGadgets g, List<Signal> in) {
        Attempt<List<Signal>> out = alike(in) ? Attempt.built(in) : normalized(s, g, in);
        return out.flatMap(x -> alike(x) ? Attempt.built(x) : Attempt.refused(s + ": the steps cannot all be made 0"
                + " where false and one value where true, which the bit layer needs"));
    }

    private static boolean alike(List<Signal> signals) {
        long t = signals.get(0).whenTrue();
        return t != 0 && signals.stream().allMatch(x -> x.whenFalse() == 0 && x.whenTrue() == t);
    }
}

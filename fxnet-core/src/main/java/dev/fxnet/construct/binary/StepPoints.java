package dev.fxnet.construct.binary;

import dev.fxnet.gadget.Machine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Step 3 of the step construction ({@link BinaryCompiler}; docs/CONSTRUCTION.md, section 6): the
 * point neurons. One neuron per point {@code x0} reads the steps at {@code dir(x0)} and
 * {@code dir(x0) + 1} of every direction, each twice, pair by pair or interleaved; its bias and signs
 * are chosen so that it outputs a common value {@code on} at {@code x0} and exactly 0 elsewhere,
 * checked on every combination of its steps. Where a direction ends, a constant pair may stand for
 * the missing step.
 */
final class StepPoints {
    private StepPoints() {
    }

    /** A point neuron: its bias, whether it reads its steps interleaved, and the sign of every step it reads. */
    record PointOption(long bias, boolean interleave, int[] signs) {
    }

    /**
     * The point neurons' plan: per point the used signals (indices into the signals, then into
     * {@code constants}), the {@code on} values every kind of point admits (largest magnitude
     * first), and per kind of point ({@code keys}) the options {@code on -> neuron}.
     */
    record PointPlan(List<Long> ons, int[][] used, String[] keys, Map<String, Map<Long, PointOption>> options,
            List<Signal> constants) {
        PointOption option(int p, long on) {
            return options.get(keys[p]).get(on);
        }
    }

    /**
     * The combinations of the directions' states around a point (below, at, above, per direction):
     * per combination the value of every used signal, whether it is the point itself, and whether
     * some point of the grid has it.
     */
    private record Combinations(long[][] termValues, boolean[] isTarget, boolean[] possible) {
    }

    /**
     * Per point of the grid: the used signals, and the common {@code on} values with a bias, order
     * and signs that make it an exact indicator; without {@code virtual} a point at the end of a
     * direction reads one step there, with it a constant pair stands for the missing one (tried
     * when the first finds no common value).
     *
     * @return the plan, or a refusal if no output is common to every kind of point
     */
    static Attempt<PointPlan> plan(Machine s, BinaryGadgets g, List<Signal> signals, Map<Threshold, Integer> signalId,
            Directions dirs, boolean virtual) {
        int m = dirs.size();
        Readable all = new Readable(s, g, signals);
        int[][] used = new int[m][];
        Map<String, Map<Long, PointOption>> options = new HashMap<>();
        String[] keys = new String[m];
        for (int i = 0; i < m; i++) {
            StringBuilder key = new StringBuilder();
            used[i] = used(all, signalId, dirs, i, virtual, key);
            for (int id : used[i]) {
                Signal sg = all.signals.get(id);
                key.append(':').append(sg.whenTrue()).append('/').append(sg.whenFalse());
            }
            keys[i] = key.toString();
            if (!options.containsKey(keys[i])) {
                options.put(keys[i], pointOptions(s, all.signals, used[i], dirs, i));
            }
        }
        // common on value: the one every kind of point admits, largest magnitude first
        TreeSet<Long> common = null;
        for (Map<Long, PointOption> o : options.values()) {
            TreeSet<Long> ks = new TreeSet<>(o.keySet());
            if (common == null) {
                common = ks;
            } else {
                common.retainAll(ks);
            }
        }
        if (common == null || common.isEmpty()) {
            if (!virtual && signals.get(0).tailLength() > 0) {
                return plan(s, g, signals, signalId, dirs, true);
            }
            return Attempt.refused(s + ": no common output value of the binary point neurons (each point"
                    + " neuron reads the steps at dir(x0) and dir(x0) + 1 twice, pair by pair or interleaved, every"
                    + " bias and sign tried" + (virtual ? "; at the ends of a direction a constant pair stands for the"
                    + " missing step" : "") + ")");
        }
        return Attempt.built(new PointPlan(BinarySignCompiler.byMagnitude(common), used, keys, options,
                all.signals.subList(signals.size(), all.signals.size())));
    }

    /**
     * The signals point {@code i} reads, appending its kind ({@code A}/{@code a}/{@code -} below,
     * {@code B}/{@code b}/{@code -} above, per direction) to {@code key}.
     */
    private static int[] used(Readable all, Map<Threshold, Integer> signalId, Directions dirs, int i, boolean virtual,
            StringBuilder key) {
        List<Integer> u = new ArrayList<>();
        for (int k = 0; k < dirs.count(); k++) {
            long w0 = dirs.value(k, i);
            if (w0 > dirs.lo(k)) {
                u.add(signalId.get(new Threshold(k, w0)));
                key.append('A');
            } else if (virtual) {
                // [dir >= lo] is always true: a constant pair with the value of a true step
                long v = all.signals.get(signalId.get(new Threshold(k, w0 + 1))).whenTrue();
                u.add(all.constant(new Threshold(k, dirs.lo(k)), v));
                key.append('a');
            } else {
                key.append('-');
            }
            if (w0 < dirs.hi(k)) {
                u.add(signalId.get(new Threshold(k, w0 + 1)));
                key.append('B');
            } else if (virtual) {
                long v = all.signals.get(signalId.get(new Threshold(k, w0))).whenFalse();
                u.add(all.constant(new Threshold(k, dirs.hi(k) + 1), v));
                key.append('b');
            } else {
                key.append('-');
            }
        }
        return u.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * What a point neuron can read: the step signals, then the constant pairs added on first use
     * (one per value), as pseudo-signals whose threshold is always true ({@code lo}) or always false
     * ({@code hi + 1}).
     */
    private static final class Readable {
        private final Machine s;
        private final BinaryGadgets g;
        private final List<Signal> signals;
        private final Map<Long, Integer> constantId = new HashMap<>();

        Readable(Machine s, BinaryGadgets g, List<Signal> signals) {
            this.s = s;
            this.g = g;
            this.signals = new ArrayList<>(signals);
        }

        /**
         * The index of a constant pair with value {@code v}, added with threshold {@code th} on
         * first use; its bias is a code {@code k} with {@code tau(k) = v} (one the gadgets allow
         * where there is one: the inner gadgets leave the slack).
         */
        int constant(Threshold th, long v) {
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
                id = signals.size();
                signals.add(new Signal(th.k(), th.c(), bias, null, null, null, v, v, new long[][] {{v}}, false));
                constantId.put(v, id);
            }
            return id;
        }
    }

    /**
     * Every {@code on} value a point neuron over the used signals can have: on value -> neuron.
     * Checked on every combination of the directions' states (below, at, above the point).
     */
    private static Map<Long, PointOption> pointOptions(Machine s, List<Signal> signals, int[] used, Directions dirs,
            int point) {
        int u = used.length;
        Combinations cs = combinations(signals, used, dirs, point);
        int combos = cs.isTarget().length;
        Map<Long, PointOption> out = new HashMap<>();
        int[] sg2 = new int[2 * u];
        long[] ys = new long[2 * u];
        for (int interleave = 0; interleave < (u > 1 ? 2 : 1); interleave++) {
            for (int mask = 0; mask < (1 << u); mask++) {
                for (long b = s.min(); b <= s.max(); b++) {
                    long on = 0;
                    boolean ok = true;
                    for (int c = 0; c < combos && ok; c++) {
                        if (!cs.possible()[c]) {
                            continue;
                        }
                        for (int j = 0; j < u; j++) {
                            int sign = (mask >> j & 1) == 0 ? 1 : -1;
                            // pair by pair: j, j, ...; interleaved: every signal once, then again
                            int a0 = interleave == 0 ? 2 * j : j;
                            int a1 = interleave == 0 ? 2 * j + 1 : u + j;
                            sg2[a0] = sign;
                            sg2[a1] = sign;
                            ys[a0] = cs.termValues()[c][j];
                            ys[a1] = cs.termValues()[c][j];
                        }
                        long y = s.tau(BinaryGadgets.acc(s, b, sg2, ys, 2 * u));
                        if (cs.isTarget()[c]) {
                            on = y;
                            ok = y != 0;
                        } else {
                            ok = y == 0;
                        }
                    }
                    if (ok && !out.containsKey(on)) {
                        int[] signs = new int[u];
                        for (int j = 0; j < u; j++) {
                            signs[j] = (mask >> j & 1) == 0 ? 1 : -1;
                        }
                        out.put(on, new PointOption(b, interleave != 0, signs));
                    }
                }
            }
        }
        return out;
    }

    /** The combinations of states of every direction around {@code point} (0 below, 1 at, 2 above). */
    private static Combinations combinations(List<Signal> signals, int[] used, Directions dirs, int point) {
        int dirsN = dirs.count();
        int u = used.length;
        // a used signal with threshold c is true iff dir >= c
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
                long w = dirs.value(k, point) + st[k] - 1;
                possible[c] &= w >= dirs.lo(k) && w <= dirs.hi(k);
            }
            isTarget[c] = target;
            for (int j = 0; j < u; j++) {
                Signal sg = signals.get(used[j]);
                // dir value representative: below -> w0 - 1, at -> w0, above -> w0 + 1
                long dirValue = dirs.value(sg.k(), point) + st[sg.k()] - 1;
                termValues[c][j] = sg.value(dirValue >= sg.c());
            }
        }
        return new Combinations(termValues, isTarget, possible);
    }
}

package dev.fxnet.construct.binary;

import dev.fxnet.construct.FunctionTable;
import dev.fxnet.gadget.Machine;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Neuron;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The bit layer of the binary-weight construction in {@code d = 2} (docs/CONSTRUCTION.md, section 6):
 * between the step signals and the point neurons, one neuron per binary digit of the index of each
 * direction, so that a point neuron reads a few bits instead of every step.
 *
 * <p>Direction {@code k} takes the values {@code lo_k..hi_k}; its index is
 * {@code (w - lo_k) >> shift_k}, with {@code shift = 1} for {@code x0 + x1} (its parity is that of
 * {@code x0 - x1}, so the point is still determined) and 0 for {@code x0 - x1}. The steps are
 * {@code gamma [w >= c]}, all alike. Bit {@code j} of the index is 1 on runs {@code [a, b)} of
 * {@code w}; its neuron reads, per run, {@code +S_a, -S_b, +S_a, -S_b} (or {@code +S_a, +S_a} for a
 * run up to {@code hi}), so that its accumulator is {@code beta + 2 gamma bit} and never leaves
 * {@code [beta, beta + 2 gamma]}; {@code beta} is searched so that the output is 0 or one value
 * {@code beta'}, checked on every value of the direction. A point neuron reads every bit pair twice,
 * {@code +} where its template has a 1 (first) and {@code -} where it has a 0 (after), with a bias per
 * number of ones chosen so that it outputs a common {@code on} exactly when all bits match; checked
 * on every count of matching and wrong bits.
 */
final class BitLayer {
    /** Networks above this many weights are refused before they are built. */
    static final long MAX_WEIGHTS = 8_000_000L;

    private BitLayer() {
    }

    /**
     * Appends the bit layer, the point layer, the value layer and the output.
     *
     * @param steps per step signal (in layer order) {@code {k, c, gamma}}
     * @param stepValues the values of every pair of the layer the bits read
     * @return a summary for the gadget description
     * @throws Refusal if a bit or point neuron does not exist, naming it
     */
    static String pointsByBits(Machine s, FunctionTable target, List<Integer> live, List<long[]> steps,
            List<long[]> stepValues, int[][] dirs, long[][] dv, long[] lo, long[] hi, int[] stride,
            List<Layer> layers) {
        int n = target.size();
        long gamma = steps.get(0)[2];
        Map<Long, Integer> stepId = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            stepId.put(steps.get(i)[0] * (1L << 40) + steps.get(i)[1], i);
        }
        // the bits: {k, j}, and per bit its read sequence
        List<int[]> bitOf = new ArrayList<>();
        List<int[][]> sequences = new ArrayList<>();
        for (int k = 0; k < dirs.length; k++) {
            int shift = stride[k] == 2 ? 1 : 0;
            long maxIndex = (hi[k] - lo[k]) >> shift;
            int nb = 64 - Long.numberOfLeadingZeros(maxIndex);
            for (int j = 0; j < nb; j++) {
                List<Integer> seq = new ArrayList<>();
                List<Integer> sgn = new ArrayList<>();
                long w = lo[k];
                while (w <= hi[k]) {
                    if (bit(w, lo[k], shift, j) == 0) {
                        w++;
                        continue;
                    }
                    long a = w;
                    while (w <= hi[k] && bit(w, lo[k], shift, j) == 1) {
                        w++;
                    }
                    int sa = step(stepId, k, a);
                    if (w <= hi[k]) {
                        int sb = step(stepId, k, w);
                        seq.addAll(List.of(sa, sb, sa, sb));
                        sgn.addAll(List.of(1, -1, 1, -1));
                    } else {
                        seq.addAll(List.of(sa, sa));
                        sgn.addAll(List.of(1, 1));
                    }
                }
                bitOf.add(new int[] {k, j, shift});
                sequences.add(new int[][] {seq.stream().mapToInt(Integer::intValue).toArray(),
                    sgn.stream().mapToInt(Integer::intValue).toArray()});
            }
        }
        Attempt<String> plain = Attempt.of(() -> pointsByBits(s, target, live, steps, stepValues, dv, lo, hi, layers,
                bitOf, sequences, false));
        if (!(plain instanceof Attempt.Refused<String> template) || template.isFinal()) {
            return Refusal.raise(plain);
        }
        // (refused before it added a layer: what fails later, in the value layer, is final)
        // the complements too, and point neurons that fall to a sink at the first wrong bit
        List<int[][]> both = new ArrayList<>(sequences);
        for (int[][] seq : sequences) {
            int[] neg = seq[1].clone();
            for (int r = 0; r < neg.length; r++) {
                neg[r] = -neg[r];
            }
            both.add(new int[][] {seq[0], neg});
        }
        List<int[]> bitsAndComplements = new ArrayList<>(bitOf);
        for (int[] bt : bitOf) {
            bitsAndComplements.add(new int[] {bt[0], bt[1], bt[2], 1});
        }
        Attempt<String> withSinks = Attempt.of(() -> pointsByBits(s, target, live, steps, stepValues, dv, lo, hi,
                layers, bitsAndComplements, both, true));
        if (withSinks instanceof Attempt.Refused<String> sink && !sink.isFinal()) {
            throw Refusal.of(template.reason() + "; with complement bits: " + sink.reason());
        }
        return Refusal.raise(withSinks);
    }

    /**
     * The bit, point, value and output layers over the bits {@code bitOf} ({@code {k, j, shift}}, or
     * {@code {k, j, shift, 1}} for the complement of bit {@code j}, which reads the same steps with
     * the opposite signs); with {@code sink}, the bits are followed by their complements in the same
     * order, and a point neuron reads, of every bit, the one that is nonzero where the point's bit is
     * <em>not</em> what it should be ({@link #sinkBiases}).
     */
    private static String pointsByBits(Machine s, FunctionTable target, List<Integer> live, List<long[]> steps,
            List<long[]> stepValues, long[][] dv, long[] lo, long[] hi, List<Layer> layers, List<int[]> bitOf,
            List<int[][]> sequences, boolean sink) {
        int n = target.size();
        long gamma = steps.get(0)[2];
        int nbits = bitOf.size();
        int digits = sink ? nbits / 2 : nbits;
        // a bias beta per bit with outputs {0, beta'}, beta' common to all bits
        Map<Long, long[]> common = null;
        for (int b = 0; b < nbits; b++) {
            Map<Long, long[]> options = bitOptions(s, bitOf.get(b), sequences.get(b), steps, lo, hi, gamma);
            if (common == null) {
                common = options;
            } else {
                common.keySet().retainAll(options.keySet());
                for (Map.Entry<Long, long[]> e : common.entrySet()) {
                    long[] merged = java.util.Arrays.copyOf(e.getValue(), b + 1);
                    merged[b] = options.get(e.getKey())[0];
                    e.setValue(merged);
                }
            }
            if (common.isEmpty()) {
                throw Refusal.of(s + ": no bias gives " + (bitOf.get(b).length > 3 ? "the complement"
                        + " of " : "") + "bit " + bitOf.get(b)[1] + " of direction "
                        + (bitOf.get(b)[0] == 0 ? "x0 + x1" : "x0 - x1") + " the outputs {0, v} with v shared by the"
                        + " other bits");
            }
        }
        // point neurons: templates over every point, a bias per number of ones, a common on
        int[] ones = new int[n];
        TreeSet<Integer> counts = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            for (int[] bt : bitOf.subList(0, digits)) {
                ones[i] += bit(dv[bt[0]][i], lo[bt[0]], bt[2], bt[1]);
            }
            counts.add(sink ? 0 : ones[i]);
        }
        long betaPrime = 0;
        long[] betas = null;
        Map<Integer, Map<Long, Long>> byCount = null;
        TreeSet<Long> ons = null;
        for (Map.Entry<Long, long[]> e : common.entrySet()) {
            Map<Integer, Map<Long, Long>> bc = new HashMap<>();
            TreeSet<Long> shared = null;
            for (int c : counts) {
                Map<Long, Long> o = sink ? sinkBiases(s, e.getKey(), digits) : pointBiases(s, e.getKey(), c, nbits);
                bc.put(c, o);
                if (shared == null) {
                    shared = new TreeSet<>(o.keySet());
                } else {
                    shared.retainAll(o.keySet());
                }
            }
            if (shared != null && !shared.isEmpty()) {
                betaPrime = e.getKey();
                betas = e.getValue();
                byCount = bc;
                ons = shared;
                break;
            }
        }
        if (ons == null) {
            throw Refusal.of(s + ": no point neuron over the " + nbits + " bits has a common output"
                    + (sink ? " and falls to 0 at every number of wrong bits" : " for every number of ones in its"
                    + " template") + " (bit outputs " + common.keySet().stream().map(s::dec).toList() + ")");
        }
        long estimate = 2L * nbits * 2L * steps.size() + 2L * n * 2L * nbits + 4L * s.max() * n;
        if (estimate > MAX_WEIGHTS) {
            throw Refusal.of("the bit and point layers for " + s + " would have about " + estimate
                    + " weights, over the limit of " + MAX_WEIGHTS);
        }
        List<Neuron> bitNeurons = new ArrayList<>(2 * nbits);
        for (int b = 0; b < nbits; b++) {
            Neuron nn = TwinNeurons.overTwins(s, betas[b], stepValues, sequences.get(b)[0], sequences.get(b)[1]);
            bitNeurons.add(nn);
            bitNeurons.add(nn);
        }
        layers.add(Layer.of(bitNeurons));
        List<long[]> bitValues = new ArrayList<>();
        for (int b = 0; b < nbits; b++) {
            bitValues.add(new long[] {Math.min(0, betaPrime), Math.max(0, betaPrime)});
        }
        List<Long> onList = new ArrayList<>(ons.descendingSet());
        onList.sort((a, b) -> Long.compare(Math.abs(b), Math.abs(a)));
        Map<Integer, Map<Long, Long>> biasOf = byCount;
        String values = Refusal.finalOn(() -> BinaryValueLayer.pointAndValueLayers(s, target, live, onList, (p, on) -> {
            int i = live.get(p);
            int[] seq = new int[2 * digits];
            int[] sgn = new int[2 * digits];
            int pos = 0;
            if (sink) {
                // the bit where the point's digit is 0, its complement where it is 1, each moving the sum down
                int against = betaPrimeSign(bitValues);
                for (int b = 0; b < digits; b++) {
                    int[] bt = bitOf.get(b);
                    int read = bit(dv[bt[0]][i], lo[bt[0]], bt[2], bt[1]) == 0 ? b : b + digits;
                    seq[pos] = read;
                    sgn[pos++] = against;
                    seq[pos] = read;
                    sgn[pos++] = against;
                }
                return TwinNeurons.overTwins(s, biasOf.get(0).get(on), bitValues, seq, sgn);
            }
            for (int pass = 1; pass >= 0; pass--) {
                for (int b = 0; b < nbits; b++) {
                    int[] bt = bitOf.get(b);
                    if (bit(dv[bt[0]][i], lo[bt[0]], bt[2], bt[1]) == pass) {
                        seq[pos] = b;
                        sgn[pos++] = pass == 1 ? 1 : -1;
                        seq[pos] = b;
                        sgn[pos++] = pass == 1 ? 1 : -1;
                    }
                }
            }
            return TwinNeurons.overTwins(s, biasOf.get(ones[i]).get(on), bitValues, seq, sgn);
        }, bitValues, layers));
        return nbits + (sink ? " bit and complement" : " bit") + " pairs (outputs 0 or " + s.dec(betaPrime) + "), "
                + values;
    }

    /** {@code -1} if the bits' nonzero output is positive, else {@code +1}: the sign with which a bit's read moves the sum down. */
    private static int betaPrimeSign(List<long[]> bitValues) {
        long[] v = bitValues.get(0);
        return v[v.length - 1] > 0 ? -1 : 1;
    }

    private static int bit(long w, long lo, int shift, int j) {
        return (int) (((w - lo) >> shift) >> j & 1);
    }

    private static int step(Map<Long, Integer> stepId, int k, long c) {
        Integer i = stepId.get(k * (1L << 40) + c);
        if (i == null) {
            throw new IllegalStateException("internal error: no step for threshold " + c + " of direction " + k);
        }
        return i;
    }

    /** Every {@code beta' -> {beta}} for which the bit neuron outputs 0 or {@code beta' != 0} as it should, on every {@code w}. */
    private static Map<Long, long[]> bitOptions(Machine s, int[] bt, int[][] sequence, List<long[]> steps, long[] lo,
            long[] hi, long gamma) {
        int k = bt[0];
        int len = sequence[0].length;
        long[] ys = new long[len];
        Map<Long, long[]> out = new LinkedHashMap<>();
        for (long beta = s.min(); beta <= s.max(); beta++) {
            long on = 0;
            boolean ok = true;
            for (long w = lo[k]; w <= hi[k] && ok; w++) {
                for (int r = 0; r < len; r++) {
                    ys[r] = w >= steps.get(sequence[0][r])[1] ? gamma : 0;
                }
                long y = s.tau(BinaryGadgets.acc(s, beta, sequence[1], ys, len));
                if (bit(w, lo[k], bt[2], bt[1]) != (bt.length > 3 ? 1 : 0)) {
                    ok = y != 0 && (on == 0 || y == on);
                    on = y;
                } else {
                    ok = y == 0;
                }
            }
            if (ok && on != 0) {
                out.putIfAbsent(on, new long[] {beta});
            }
        }
        return out;
    }

    /**
     * The output of a sink point neuron with bias {@code b} and {@code wrong} wrong digits: each
     * wrong indicator (value {@code v}) read twice with {@code sign}, then, if {@code rescue != 0},
     * a constant pair {@code rescue} read {@code +rescue, -rescue}. Right digits read 0, which
     * leaves the accumulator as it is, so only their number matters.
     */
    static long sinkOutput(Machine s, long b, int sign, long v, int wrong, long rescue) {
        int len = 2 * wrong + (rescue != 0 ? 2 : 0);
        int[] sg = new int[len];
        long[] ys = new long[len];
        java.util.Arrays.fill(sg, 0, 2 * wrong, sign);
        java.util.Arrays.fill(ys, 0, 2 * wrong, v);
        if (rescue != 0) {
            sg[len - 2] = 1;
            sg[len - 1] = -1;
            ys[len - 2] = rescue;
            ys[len - 1] = rescue;
        }
        return s.tau(BinaryGadgets.acc(s, b, sg, ys, len));
    }

    /**
     * For a point neuron that reads {@code digits} bit pairs of value {@code v}, each twice with the
     * sign that moves the accumulator down by {@code |v|}, where a read pair is {@code v} exactly when
     * the point's digit is wrong: every
     * {@code on -> bias} for which it outputs {@code on = tau(bias)} with no wrong digit and 0 with
     * every number {@code 1..digits} of wrong ones (the accumulator falls to a bound it cannot leave,
     * or at least to where tau is 0).
     */
    private static Map<Long, Long> sinkBiases(Machine s, long v, int digits) {
        Map<Long, Long> out = new LinkedHashMap<>();
        int against = v > 0 ? -1 : 1;
        for (long b = s.min(); b <= s.max(); b++) {
            long on = s.tau(b);
            boolean ok = on != 0;
            for (int z = 1; z <= digits && ok; z++) {
                ok = sinkOutput(s, b, against, v, z, 0) == 0;
            }
            if (ok) {
                out.putIfAbsent(on, b);
            }
        }
        return out;
    }

    /**
     * For a template with {@code ones} ones among {@code nbits} bits of value {@code v}: every
     * {@code on -> bias} for which the point neuron (ones read {@code +v} twice first, then zeros
     * read {@code -v} twice) outputs {@code on} when all bits match and 0 otherwise, checked on every
     * number {@code a <= ones} of template ones present and {@code z <= nbits - ones} of wrong ones.
     */
    private static Map<Long, Long> pointBiases(Machine s, long v, int ones, int nbits) {
        Map<Long, Long> out = new LinkedHashMap<>();
        for (long b = s.min(); b <= s.max(); b++) {
            long on = 0;
            boolean ok = true;
            for (int a = 0; a <= ones && ok; a++) {
                for (int z = 0; z <= nbits - ones && ok; z++) {
                    int len = 2 * (a + z);
                    int[] sg = new int[len];
                    long[] ys = new long[len];
                    for (int r = 0; r < len; r++) {
                        sg[r] = r < 2 * a ? 1 : -1;
                        ys[r] = v;
                    }
                    long y = s.tau(BinaryGadgets.acc(s, b, sg, ys, len));
                    if (a == ones && z == 0) {
                        on = y;
                        ok = y != 0;
                    } else {
                        ok = y == 0;
                    }
                }
            }
            if (ok) {
                out.putIfAbsent(on, b);
            }
        }
        return out;
    }
}

package dev.fxnet.construct.binary;

import dev.fxnet.target.FunctionTable;
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
     * The steps the bits read, all alike: per pair of their layer (in order) its threshold, the value
     * {@code gamma} of every step where true (0 where false), and the values of every pair of that
     * layer (the steps', then any constant pairs').
     */
    record Steps(List<Threshold> thresholds, long gamma, List<long[]> pairValues) {
        int size() {
            return thresholds.size();
        }
    }

    /**
     * Bit {@code digit} of the index {@code (w - lo_k) >> shift} of direction {@code k}, or its
     * {@code complement}, which reads the same steps with the opposite signs.
     */
    private record Bit(int k, int digit, int shift, boolean complement) {
        /** This bit of the index of {@code w} (the bit itself, never its complement). */
        int of(long w, long lo) {
            return bit(w, lo, shift, digit);
        }

        int of(Directions dirs, int point) {
            return of(dirs.value(k, point), dirs.lo(k));
        }
    }

    /** A bit neuron's reads: the step pairs in order, each with its sign. */
    private record Reads(int[] pairs, int[] signs) {
        Reads negated() {
            int[] neg = signs.clone();
            for (int r = 0; r < neg.length; r++) {
                neg[r] = -neg[r];
            }
            return new Reads(pairs, neg);
        }
    }

    /** The bits a layout uses and their reads; with {@code sink}, the bits followed by their complements. */
    private record BitPlan(List<Bit> bits, List<Reads> reads, boolean sink) {
        int digits() {
            return sink ? bits.size() / 2 : bits.size();
        }
    }

    /**
     * The point neurons' choice: the bits' common nonzero output {@code betaPrime}, the bias of every
     * bit, per number of ones in a template its biases by output, the outputs every count shares,
     * and the number of ones in the template of every point.
     */
    private record PointChoice(long betaPrime, long[] betas, Map<Integer, Map<Long, Long>> biasByCount,
            TreeSet<Long> ons, int[] ones) {
    }

    /**
     * Appends the bit layer, the point layer, the value layer and the output. The index of
     * {@code x0 + x1} (direction 0) drops its last bit ({@code shift = 1}), that of {@code x0 - x1}
     * does not.
     *
     * @return a summary for the gadget description, or a refusal if a bit or point neuron does not
     *     exist, naming it (final if the value layer refuses after the bit layer is built)
     */
    static Attempt<String> pointsByBits(Machine s, FunctionTable target, List<Integer> live, Steps steps,
            Directions dirs, List<Layer> layers) {
        Map<Threshold, Integer> stepId = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            stepId.put(steps.thresholds().get(i), i);
        }
        List<Bit> bitOf = new ArrayList<>();
        List<Reads> sequences = new ArrayList<>();
        for (int k = 0; k < dirs.count(); k++) {
            int shift = k == 0 ? 1 : 0;
            long maxIndex = (dirs.hi(k) - dirs.lo(k)) >> shift;
            int nb = 64 - Long.numberOfLeadingZeros(maxIndex);
            for (int j = 0; j < nb; j++) {
                bitOf.add(new Bit(k, j, shift, false));
                sequences.add(reads(stepId, dirs, new Bit(k, j, shift, false)));
            }
        }
        Attempt<String> plain = pointsByBits(s, target, live, steps, dirs, layers,
                new BitPlan(bitOf, sequences, false));
        if (!(plain instanceof Attempt.Refused<String> template) || template.isFinal()) {
            return plain;
        }
        // (refused before it added a layer: what fails later, in the value layer, is final)
        // the complements too, and point neurons that fall to a sink at the first wrong bit
        List<Reads> both = new ArrayList<>(sequences);
        for (Reads seq : sequences) {
            both.add(seq.negated());
        }
        List<Bit> bitsAndComplements = new ArrayList<>(bitOf);
        for (Bit bt : bitOf) {
            bitsAndComplements.add(new Bit(bt.k(), bt.digit(), bt.shift(), true));
        }
        Attempt<String> withSinks = pointsByBits(s, target, live, steps, dirs, layers,
                new BitPlan(bitsAndComplements, both, true));
        if (withSinks instanceof Attempt.Refused<String> sink && !sink.isFinal()) {
            return Attempt.refused(template.reason() + "; with complement bits: " + sink.reason());
        }
        return withSinks;
    }

    /**
     * The reads of bit {@code bt}: per run {@code [a, b)} of {@code w} where it is 1,
     * {@code +S_a, -S_b, +S_a, -S_b}, or {@code +S_a, +S_a} for a run up to {@code hi}.
     */
    private static Reads reads(Map<Threshold, Integer> stepId, Directions dirs, Bit bt) {
        int k = bt.k();
        long lo = dirs.lo(k);
        long hi = dirs.hi(k);
        List<Integer> seq = new ArrayList<>();
        List<Integer> sgn = new ArrayList<>();
        long w = lo;
        while (w <= hi) {
            if (bt.of(w, lo) == 0) {
                w++;
                continue;
            }
            long a = w;
            while (w <= hi && bt.of(w, lo) == 1) {
                w++;
            }
            int sa = step(stepId, k, a);
            if (w <= hi) {
                int sb = step(stepId, k, w);
                seq.addAll(List.of(sa, sb, sa, sb));
                sgn.addAll(List.of(1, -1, 1, -1));
            } else {
                seq.addAll(List.of(sa, sa));
                sgn.addAll(List.of(1, 1));
            }
        }
        return new Reads(seq.stream().mapToInt(Integer::intValue).toArray(),
                sgn.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The bit, point, value and output layers of {@code plan}; with {@code plan.sink()}, a point
     * neuron reads, of every bit, the one that is nonzero where the point's bit is <em>not</em> what
     * it should be ({@link #sinkBiases}).
     */
    private static Attempt<String> pointsByBits(Machine s, FunctionTable target, List<Integer> live, Steps steps,
            Directions dirs, List<Layer> layers, BitPlan plan) {
        int n = target.size();
        int nbits = plan.bits().size();
        Attempt<Map<Long, long[]>> bitBiases = bitBiases(s, steps, dirs, plan);
        if (!(bitBiases instanceof Attempt.Built<Map<Long, long[]>> built)) {
            return ((Attempt.Refused<Map<Long, long[]>>) bitBiases).as();
        }
        Map<Long, long[]> common = built.value();
        PointChoice choice = pointChoice(s, dirs, plan, common, n);
        if (choice == null) {
            return Attempt.refused(s + ": no point neuron over the " + nbits + " bits has a common output"
                    + (plan.sink() ? " and falls to 0 at every number of wrong bits" : " for every number of ones in its"
                    + " template") + " (bit outputs " + common.keySet().stream().map(s::dec).toList() + ")");
        }
        long estimate = 2L * nbits * 2L * steps.size() + 2L * n * 2L * nbits + 4L * s.max() * n;
        if (estimate > MAX_WEIGHTS) {
            return Attempt.refused("the bit and point layers for " + s + " would have about " + estimate
                    + " weights, over the limit of " + MAX_WEIGHTS);
        }
        Attempt<List<Neuron>> bitNeurons = Attempt.each(nbits, b -> TwinNeurons.overTwins(s, choice.betas()[b],
                steps.pairValues(), plan.reads().get(b).pairs(), plan.reads().get(b).signs()));
        if (bitNeurons instanceof Attempt.Refused<List<Neuron>> r) {
            return r.as();
        }
        layers.add(Layer.of(TwinNeurons.twice(bitNeurons.orElseThrow())));
        List<long[]> bitValues = new ArrayList<>();
        for (int b = 0; b < nbits; b++) {
            bitValues.add(new long[] {Math.min(0, choice.betaPrime()), Math.max(0, choice.betaPrime())});
        }
        List<Long> onList = new ArrayList<>(choice.ons().descendingSet());
        onList.sort((a, b) -> Long.compare(Math.abs(b), Math.abs(a)));
        return BinaryValueLayer.pointAndValueLayers(s, target, live, onList,
                (p, on) -> pointNeuron(s, dirs, plan, choice, bitValues, live.get(p), on), bitValues, layers)
                .finalIfRefused()
                .map(values -> nbits + (plan.sink() ? " bit and complement" : " bit") + " pairs (outputs 0 or "
                        + s.dec(choice.betaPrime()) + "), " + values);
    }

    /** A bias {@code beta} per bit with outputs {@code {0, beta'}}, {@code beta'} common to all bits: {@code beta' -> betas}. */
    private static Attempt<Map<Long, long[]>> bitBiases(Machine s, Steps steps, Directions dirs, BitPlan plan) {
        Map<Long, long[]> common = null;
        for (int b = 0; b < plan.bits().size(); b++) {
            Map<Long, Long> options = bitOptions(s, plan.bits().get(b), plan.reads().get(b), steps, dirs);
            if (common == null) {
                common = new LinkedHashMap<>();
                for (Map.Entry<Long, Long> e : options.entrySet()) {
                    common.put(e.getKey(), new long[] {e.getValue()});
                }
            } else {
                common.keySet().retainAll(options.keySet());
                for (Map.Entry<Long, long[]> e : common.entrySet()) {
                    long[] merged = java.util.Arrays.copyOf(e.getValue(), b + 1);
                    merged[b] = options.get(e.getKey());
                    e.setValue(merged);
                }
            }
            if (common.isEmpty()) {
                Bit bt = plan.bits().get(b);
                return Attempt.refused(s + ": no bias gives " + (bt.complement() ? "the complement of " : "") + "bit "
                        + bt.digit() + " of direction " + (bt.k() == 0 ? "x0 + x1" : "x0 - x1") + " the outputs {0, v}"
                        + " with v shared by the other bits");
            }
        }
        return Attempt.built(common);
    }

    /**
     * The first {@code beta'} of {@code common} for which the point neurons, a bias per number of
     * ones in their template, share an output; null if none.
     */
    private static PointChoice pointChoice(Machine s, Directions dirs, BitPlan plan, Map<Long, long[]> common,
            int n) {
        int[] ones = new int[n];
        TreeSet<Integer> counts = new TreeSet<>();
        for (int i = 0; i < ones.length; i++) {
            for (Bit bt : plan.bits().subList(0, plan.digits())) {
                ones[i] += bt.of(dirs, i);
            }
            counts.add(plan.sink() ? 0 : ones[i]);
        }
        for (Map.Entry<Long, long[]> e : common.entrySet()) {
            Map<Integer, Map<Long, Long>> bc = new HashMap<>();
            TreeSet<Long> shared = null;
            for (int c : counts) {
                Map<Long, Long> o = plan.sink() ? sinkBiases(s, e.getKey(), plan.digits())
                        : pointBiases(s, e.getKey(), c, plan.bits().size());
                bc.put(c, o);
                if (shared == null) {
                    shared = new TreeSet<>(o.keySet());
                } else {
                    shared.retainAll(o.keySet());
                }
            }
            if (shared != null && !shared.isEmpty()) {
                return new PointChoice(e.getKey(), e.getValue(), bc, shared, ones);
            }
        }
        return null;
    }

    /** The point neuron of point {@code i} with output {@code on} over the bit pairs. */
    private static Attempt<Neuron> pointNeuron(Machine s, Directions dirs, BitPlan plan, PointChoice choice,
            List<long[]> bitValues, int i, long on) {
        int digits = plan.digits();
        int[] seq = new int[2 * digits];
        int[] sgn = new int[2 * digits];
        int pos = 0;
        if (plan.sink()) {
            // the bit where the point's digit is 0, its complement where it is 1, each moving the sum down
            int against = betaPrimeSign(bitValues);
            for (int b = 0; b < digits; b++) {
                int read = plan.bits().get(b).of(dirs, i) == 0 ? b : b + digits;
                seq[pos] = read;
                sgn[pos++] = against;
                seq[pos] = read;
                sgn[pos++] = against;
            }
            return TwinNeurons.overTwins(s, choice.biasByCount().get(0).get(on), bitValues, seq, sgn);
        }
        for (int pass = 1; pass >= 0; pass--) {
            for (int b = 0; b < plan.bits().size(); b++) {
                if (plan.bits().get(b).of(dirs, i) == pass) {
                    seq[pos] = b;
                    sgn[pos++] = pass == 1 ? 1 : -1;
                    seq[pos] = b;
                    sgn[pos++] = pass == 1 ? 1 : -1;
                }
            }
        }
        return TwinNeurons.overTwins(s, choice.biasByCount().get(choice.ones()[i]).get(on), bitValues, seq, sgn);
    }

    /** {@code -1} if the bits' nonzero output is positive, else {@code +1}: the sign with which a bit's read moves the sum down. */
    private static int betaPrimeSign(List<long[]> bitValues) {
        long[] v = bitValues.get(0);
        return v[v.length - 1] > 0 ? -1 : 1;
    }

    private static int bit(long w, long lo, int shift, int j) {
        return (int) (((w - lo) >> shift) >> j & 1);
    }

    private static int step(Map<Threshold, Integer> stepId, int k, long c) {
        Integer i = stepId.get(new Threshold(k, c));
        if (i == null) {
            throw new IllegalStateException("internal error: no step for threshold " + c + " of direction " + k);
        }
        return i;
    }

    /** Every {@code beta' -> beta} for which the bit neuron outputs 0 or {@code beta' != 0} as it should, on every {@code w}. */
    private static Map<Long, Long> bitOptions(Machine s, Bit bt, Reads sequence, Steps steps, Directions dirs) {
        int k = bt.k();
        int len = sequence.pairs().length;
        long[] ys = new long[len];
        Map<Long, Long> out = new LinkedHashMap<>();
        for (long beta = s.min(); beta <= s.max(); beta++) {
            long on = 0;
            boolean ok = true;
            for (long w = dirs.lo(k); w <= dirs.hi(k) && ok; w++) {
                for (int r = 0; r < len; r++) {
                    ys[r] = w >= steps.thresholds().get(sequence.pairs()[r]).c() ? steps.gamma() : 0;
                }
                long y = s.tau(BinaryGadgets.acc(s, beta, sequence.signs(), ys, len));
                if (bt.of(w, dirs.lo(k)) != (bt.complement() ? 1 : 0)) {
                    ok = y != 0 && (on == 0 || y == on);
                    on = y;
                } else {
                    ok = y == 0;
                }
            }
            if (ok && on != 0) {
                out.putIfAbsent(on, beta);
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

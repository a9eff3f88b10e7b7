package dev.fxnet.construct;

import dev.fxnet.gadget.Machine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The slice neuron of the columns construction and the output decompositions it allows
 * (docs/COMPACT.md, Theorem C'), found by an exhaustive check over F.
 *
 * <p>A slice neuron is {@code tau(acc(bias; sliceWeight * I, v * J))} where the slice indicator
 * {@code I} and the one column indicator {@code J} that may be nonzero take the values {@code 0} or
 * {@code high} (all other terms read 0 and leave the accumulator unchanged). For every weight
 * {@code v} in {@link #weightOf} the neuron outputs {@code y > 0} when {@code I = J = high} and 0 in
 * the three other cases; this is checked with the machine's own accumulation (PER_OP or WIDE, the
 * slice term first) on every such {@code v}. A table value {@code f} is then produced at the output
 * (bias 0, weights {@code +1} on positive, {@code -1} on negative slice neurons) from up to four such
 * values, {@link #terms}: {@code acc(0; s*1*y_1, ..., s*1*y_k) = f}, again evaluated by the machine.
 * The searches are exhaustive and deterministic (iteration orders are fixed).
 */
final class SliceGadget {
    private final Machine s;
    private final long bias;
    private final long sliceWeight;
    private final Map<Long, Long> weightOf;
    private final long high;

    private SliceGadget(Machine s, long bias, long sliceWeight, Map<Long, Long> weightOf, long high) {
        this.s = s;
        this.bias = bias;
        this.sliceWeight = sliceWeight;
        this.weightOf = weightOf;
        this.high = high;
    }

    /** The slice neuron's bias. */
    long bias() {
        return bias;
    }

    /** The weight of the slice indicator. */
    long sliceWeight() {
        return sliceWeight;
    }

    /** For each reachable output {@code y > 0}, a column weight giving it. */
    Map<Long, Long> weightOf() {
        return weightOf;
    }

    /**
     * The slice neuron with bias {@code -M} or {@code min} and the slice weight that reach the most
     * output values, or empty if none reaches any (e.g. when {@code tau} is never 0).
     *
     * @throws IllegalArgumentException if 1 is not a value of F (the output weights are +-1)
     */
    static Optional<SliceGadget> find(Machine s, long high) {
        if (s.one().isEmpty()) {
            throw new IllegalArgumentException("the columns strategy needs the value 1 in " + s.arithmetic().formatName());
        }
        SliceGadget best = null;
        for (long bias : new long[] {-s.max(), s.min()}) {
            if (s.tau(bias) != 0) {
                continue;
            }
            for (long w = s.max(); w >= s.min(); w--) {
                SliceGadget g = of(s, bias, w, high);
                if (g != null && (best == null || g.weightOf.size() > best.weightOf.size())) {
                    best = g;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The gadget with {@code bias} and slice weight {@code w}, or null if it reaches no value. */
    private static SliceGadget of(Machine s, long bias, long w, long high) {
        if (s.tau(s.pre(bias, w, high)) != 0) {
            return null; // the slice's own neuron at a column it does not list
        }
        Map<Long, Long> weightOf = new LinkedHashMap<>();
        long[] ws = {w, 0};
        long[] ins = {high, high};
        for (long v = s.min(); v <= s.max(); v++) {
            if (v == 0 || s.tau(s.pre(bias, v, high)) != 0) {
                continue; // off the slice the neuron must be 0
            }
            ws[1] = v;
            long y = s.tau(s.accumulate(bias, ws, ins, 2));
            if (y > 0) {
                weightOf.putIfAbsent(y, v);
            }
        }
        return weightOf.isEmpty() ? null : new SliceGadget(s, bias, w, java.util.Collections.unmodifiableMap(weightOf), high);
    }

    /** Most slice-neuron outputs summed for one table value (so at most this many neurons per sign per slice). */
    static final int MAX_TERMS = 4;

    /**
     * The slice-neuron outputs, at most {@link #MAX_TERMS} and as few as possible, whose signed sum
     * at the output gives {@code f}: outputs of positive neurons for {@code f > 0}, of negative
     * neurons for {@code f < 0}; empty for {@code f = 0}; null if there is none. Found by a
     * breadth-first search over the output's accumulator, each path evaluated in full by the
     * machine's accumulation ({@code acc(0; s*1*y_1, ..., s*1*y_k)}, PER_OP or WIDE).
     */
    long[] terms(long f) {
        if (f == 0) {
            return new long[0];
        }
        Map<Long, long[]> paths = f > 0 ? positive : negative;
        if (paths == null) {
            paths = sums(f > 0 ? s.one().getAsLong() : -s.one().getAsLong());
            if (f > 0) {
                positive = paths;
            } else {
                negative = paths;
            }
        }
        return paths.get(f);
    }

    private Map<Long, long[]> positive;
    private Map<Long, long[]> negative;

    /** Every output value reachable by at most {@link #MAX_TERMS} terms {@code sign * y}, with a shortest path. */
    private Map<Long, long[]> sums(long sign) {
        long[] ys = weightOf.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        long[] ws = new long[MAX_TERMS];
        java.util.Arrays.fill(ws, sign);
        Map<Long, long[]> found = new LinkedHashMap<>();
        java.util.List<long[]> frontier = java.util.List.of(new long[0]);
        for (int k = 1; k <= MAX_TERMS && !frontier.isEmpty(); k++) {
            java.util.List<long[]> next = new java.util.ArrayList<>();
            for (long[] path : frontier) {
                for (int i = ys.length - 1; i >= 0; i--) {
                    long[] p = java.util.Arrays.copyOf(path, k);
                    p[k - 1] = ys[i];
                    long acc = s.accumulate(0, ws, p, k);
                    if (acc != 0 && !found.containsKey(acc)) {
                        found.put(acc, p);
                        next.add(p);
                    }
                }
            }
            frontier = next;
        }
        return found;
    }

    /** E.g. {@code tau(-7.875 + 7.875*I + v*J), 63 outputs}. */
    String describe() {
        return "slice neuron tau(" + s.dec(bias) + " + " + s.dec(sliceWeight) + "*I + v*J), " + weightOf.size()
                + " positive outputs";
    }
}

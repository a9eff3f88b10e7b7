package dev.fxnet.construct.binary;

import dev.fxnet.gadget.Machine;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Neuron;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Dense binary-weight layers built from <em>signals</em>: a signal is a function on the points of
 * {@code F^d} carried by a number of identical neurons (its copies). A planned neuron names the
 * copies it reads (signal, sign, count, in order); every other copy of every signal of the previous
 * layer is listed right after the bias in <em>cancel groups</em> of two or three copies
 * ({@code +y, -y}; {@code -y, +y}; {@code -y, -y, +y}; {@code +y, +y, -y}), each checked to return the
 * accumulator to the bias for every value the signal takes (docs/THEORY.md §13.1.5, Lemma C).
 *
 * <p><b>Exactness.</b> Under {@code PER_OP} a cancel group listed while the accumulator equals the bias
 * returns it to the bias, so the neuron's accumulator after all groups is the bias and its output is
 * that of its reads alone; {@link #add} computes this output on every point with the setting's
 * {@link Machine} (the same arithmetic and activation table as networks) and refuses the layer,
 * naming its stage, if it differs from the function the neuron was planned to compute. So every
 * signal's values are exact on every point, and the network is still verified by the caller.
 */
final class CancellingLayers {
    /** Cancel groups, as signs in listing order: twins first, then triples. */
    private static final int[][] GROUPS = {{1, -1}, {-1, 1}, {-1, -1, 1}, {1, 1, -1}};

    /** {@code count} copies of signal {@code signal} of the previous layer, listed with weight {@code sign}. */
    record Read(int signal, int sign, int count) {
        Read {
            if (sign != 1 && sign != -1 || count < 1) {
                throw new IllegalArgumentException("read: sign must be +-1 and count >= 1, was " + sign + ", " + count);
            }
        }
    }

    /**
     * A neuron to add: its bias, its reads in order, the values it must output on every point
     * ({@code expected[i]} at point {@code i}), its number of copies and the stage it belongs to (for a
     * refusal).
     */
    record Planned(long bias, List<Read> reads, long[] expected, int copies, String stage) {
        Planned {
            Objects.requireNonNull(reads, "reads");
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(stage, "stage");
            if (copies < 1) {
                throw new IllegalArgumentException("copies must be >= 1, was " + copies);
            }
        }
    }

    private final Machine s;
    private final long one;
    private final List<Layer> layers = new ArrayList<>();
    private List<long[]> values = new ArrayList<>();
    private List<Integer> copies = new ArrayList<>();
    private final Map<Integer, long[]> distinct = new HashMap<>();

    /**
     * Starts with a first layer: {@code firstLayer} holds one neuron per signal, each reading the inputs,
     * with {@code firstValues} its outputs on every point and {@code firstCopies} its number of copies.
     */
    CancellingLayers(Machine s, List<Neuron> firstLayer, List<long[]> firstValues, int[] firstCopies) {
        this.s = s;
        this.one = s.one().orElseThrow();
        List<Neuron> all = new ArrayList<>();
        for (int i = 0; i < firstLayer.size(); i++) {
            for (int c = 0; c < firstCopies[i]; c++) {
                all.add(firstLayer.get(i));
            }
            values.add(firstValues.get(i));
            copies.add(firstCopies[i]);
        }
        layers.add(Layer.of(all));
    }

    /** The layers built so far. */
    List<Layer> layers() {
        return layers;
    }

    /** The values of signal {@code i} of the last layer on every point. */
    long[] values(int i) {
        return values.get(i);
    }

    /**
     * Adds a layer of the planned neurons (hidden neurons apply {@code tau}; the {@code output} layer
     * does not, and must plan one neuron with one copy).
     *
     * @return a refusal naming the stage, if a neuron's unread copies do not form cancel groups or its
     *     output differs from the planned values at some point; else nothing
     */
    Attempt<Boolean> add(List<Planned> planned, boolean output) {
        List<Neuron> neurons = new ArrayList<>();
        List<long[]> nextValues = new ArrayList<>();
        List<Integer> nextCopies = new ArrayList<>();
        for (Planned p : planned) {
            Attempt<Neuron> n = neuron(p, output);
            if (n instanceof Attempt.Refused<Neuron> r) {
                return r.as();
            }
            Neuron built = n.orElseThrow();
            for (int c = 0; c < p.copies(); c++) {
                neurons.add(built);
            }
            nextValues.add(p.expected());
            nextCopies.add(p.copies());
        }
        layers.add(Layer.of(neurons));
        values = nextValues;
        copies = nextCopies;
        distinct.clear();
        return Attempt.built(true);
    }

    /** One planned neuron: cancel groups after the bias, then its reads; its output checked on every point. */
    private Attempt<Neuron> neuron(Planned p, boolean output) {
        int[] used = new int[values.size()];
        for (Read r : p.reads()) {
            used[r.signal()] += r.count();
        }
        int[] offset = new int[values.size() + 1];
        for (int j = 0; j < values.size(); j++) {
            offset[j + 1] = offset[j] + copies.get(j);
        }
        int total = offset[values.size()];
        int[] sources = new int[total];
        long[] weights = new long[total];
        int k = 0;
        int[] next = offset.clone();
        for (int j = 0; j < values.size(); j++) {
            int rest = copies.get(j) - used[j];
            if (rest < 0) {
                throw new IllegalArgumentException("internal error: " + p.stage() + " reads signal " + j + " "
                        + used[j] + " times, it has " + copies.get(j) + " copies");
            }
            int[] signs = groups(j, p.bias(), rest);
            if (signs == null) {
                return Attempt.refused(s + ": " + p.stage() + ": " + rest + " unread copies of a signal with values "
                        + Arrays.stream(distinct(j)).mapToObj(s::dec).toList() + " form no cancel groups after the bias "
                        + s.dec(p.bias()));
            }
            for (int sign : signs) {
                sources[k] = next[j]++;
                weights[k++] = sign * one;
            }
        }
        for (Read r : p.reads()) {
            for (int c = 0; c < r.count(); c++) {
                sources[k] = next[r.signal()]++;
                weights[k++] = r.sign() * one;
            }
        }
        return check(p, output).map(ok -> Neuron.of(p.bias(), sources, weights));
    }

    /** The neuron's output from its reads alone (its cancel groups return the accumulator to the bias), against the plan. */
    private Attempt<Boolean> check(Planned p, boolean output) {
        int points = p.expected().length;
        for (int i = 0; i < points; i++) {
            long acc = p.bias();
            for (Read r : p.reads()) {
                long y = values.get(r.signal())[i];
                for (int c = 0; c < r.count(); c++) {
                    acc = s.add(acc, s.mul(r.sign() * one, y));
                }
            }
            long out = output ? acc : s.tau(acc);
            if (out != p.expected()[i]) {
                return Attempt.refused(s + ": " + p.stage() + " outputs " + s.dec(out) + " at point " + i
                        + " where it should output " + s.dec(p.expected()[i]));
            }
        }
        return Attempt.built(true);
    }

    /**
     * The signs of cancel groups for {@code rest} copies of signal {@code j} after bias {@code b}: twins
     * where they cancel and {@code rest} is even, else triples, else a mix; null if none fits.
     */
    private int[] groups(int j, long b, int rest) {
        if (rest == 0) {
            return new int[0];
        }
        int[] twin = null;
        int[] triple = null;
        for (int[] g : GROUPS) {
            if (cancels(j, b, g)) {
                if (g.length == 2 && twin == null) {
                    twin = g;
                } else if (g.length == 3 && triple == null) {
                    triple = g;
                }
            }
        }
        int threes;
        if (twin != null && rest % 2 == 0) {
            threes = 0;
        } else if (twin != null && triple != null && rest >= 3) {
            threes = 1; // rest is odd: one triple, then twins
        } else if (triple != null && rest % 3 == 0) {
            threes = rest / 3;
        } else {
            return null;
        }
        int[] out = new int[rest];
        int k = 0;
        for (int t = 0; t < threes; t++) {
            for (int sign : triple) {
                out[k++] = sign;
            }
        }
        while (k < rest) {
            out[k++] = twin[0];
            out[k++] = twin[1];
        }
        return out;
    }

    /** Whether the group {@code signs} of copies of signal {@code j} returns the accumulator {@code b} to {@code b} on every value. */
    private boolean cancels(int j, long b, int[] signs) {
        for (long y : distinct(j)) {
            long acc = b;
            for (int sign : signs) {
                acc = s.add(acc, s.mul(sign * one, y));
            }
            if (acc != b) {
                return false;
            }
        }
        return true;
    }

    private long[] distinct(int j) {
        return distinct.computeIfAbsent(j, key -> Arrays.stream(values.get(key)).distinct().sorted().toArray());
    }
}

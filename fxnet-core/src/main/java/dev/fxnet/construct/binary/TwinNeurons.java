package dev.fxnet.construct.binary;

import dev.fxnet.gadget.Machine;
import dev.fxnet.network.Neuron;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Neurons over a layer of <em>twin pairs</em>, the device by which binary-weight networks (every
 * weight {@code +-1}, every neuron lists every source) ignore the signals they do not want: each
 * signal is computed by two identical neurons, and a neuron lists a pair it does not read as
 * {@code +y, -y} right after its bias, in the order that returns the accumulator exactly to the
 * bias for every value {@code y} the pair takes ({@link BinaryGadgets#cancels}); a pair it reads it
 * lists twice with one sign. docs/CONSTRUCTION.md, section 6.
 */
final class TwinNeurons {
    private TwinNeurons() {
    }

    /**
     * A neuron with bias {@code b} over a layer of twin pairs (pair {@code j} is sources
     * {@code 2j, 2j + 1} and takes the values {@code pairValues.get(j)}): the pairs not in
     * {@code reads} are cancelled first, each in the order that is exact after {@code b}; then every
     * read pair is listed twice with its sign, pair by pair, or in two rounds if {@code interleave}.
     *
     * @return the neuron, or a refusal if a pair cancels in neither order
     */
    static Attempt<Neuron> overTwins(Machine s, long b, List<long[]> pairValues, int[] reads, int[] signs,
            boolean interleave) {
        int[] sequence = new int[2 * reads.length];
        int[] seqSigns = new int[2 * reads.length];
        for (int round = 0, k = 0; round < 2; round++) {
            for (int u = 0; u < reads.length; u++) {
                int pos = interleave ? k++ : 2 * u + round;
                sequence[pos] = reads[u];
                seqSigns[pos] = signs[u];
            }
        }
        return overTwins(s, b, pairValues, sequence, seqSigns);
    }

    /**
     * A neuron with bias {@code b} over a layer of twin pairs: the pairs that {@code sequence} does
     * not name are cancelled first, each in the order that is exact after {@code b}; then the
     * sequence, which names every read pair twice (its first twin, then its second), with its signs.
     *
     * @return the neuron, or a refusal if a pair cancels in neither order
     */
    static Attempt<Neuron> overTwins(Machine s, long b, List<long[]> pairValues, int[] sequence, int[] seqSigns) {
        int pairs = pairValues.size();
        int[] src = new int[2 * pairs];
        long[] w = new long[2 * pairs];
        long one = s.one().orElse(-1);
        boolean[] isRead = new boolean[pairs];
        for (int u : sequence) {
            isRead[u] = true;
        }
        int pos = 0;
        for (int j = 0; j < pairs; j++) {
            if (isRead[j]) {
                continue;
            }
            int first = BinaryGadgets.cancels(s, b, pairValues.get(j));
            if (first == 0) {
                return Attempt.refused(s + ": twins with values " + Arrays.toString(Arrays.stream(
                        pairValues.get(j)).mapToObj(s::dec).toArray()) + " do not cancel after the bias " + s.dec(b)
                        + " in either order");
            }
            src[pos] = 2 * j;
            w[pos++] = first * one;
            src[pos] = 2 * j + 1;
            w[pos++] = -first * one;
        }
        boolean[] seen = new boolean[pairs];
        for (int k = 0; k < sequence.length; k++) {
            int j = sequence[k];
            src[pos] = 2 * j + (seen[j] ? 1 : 0);
            w[pos++] = seqSigns[k] * one;
            seen[j] = true;
        }
        return Attempt.built(Neuron.of(b, src, w));
    }

    /** A neuron with bias {@code b} that cancels every pair and reads none: a constant pair {@code tau(b)}. */
    static Attempt<Neuron> constant(Machine s, long b, List<long[]> pairValues) {
        return overTwins(s, b, pairValues, new int[0], new int[0]);
    }

    /** Every neuron of {@code neurons} twice, in order: a layer of twin pairs. */
    static List<Neuron> twice(List<Neuron> neurons) {
        List<Neuron> out = new ArrayList<>(2 * neurons.size());
        for (Neuron nn : neurons) {
            out.add(nn);
            out.add(nn);
        }
        return out;
    }
}

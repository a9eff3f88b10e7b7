package dev.fxnet.export;

import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One layer of a fixed-point network as the C exporter writes it: neuron {@code j} lists the terms
 * {@code start[j] .. start[j+1]-1} ({@code src}, {@code w}) in accumulation order, with codes as
 * {@code int32}.
 *
 * <p>{@link #of} removes twins: when a hidden neuron equals an earlier neuron of its layer (same
 * bias, sources and weights, after the sources were themselves redirected), every reader of it in
 * the next layer reads the earlier one instead, and the twin keeps its bias but no terms (it is
 * never read). This is exact: by induction over the layers, twins have the same value at every
 * input (SPEC §4 is a function of bias, sources, weights and the previous layer's values), so each
 * redirected term sees the same value as before. Output neurons are never changed.
 *
 * @param width the number of neurons
 * @param bias the bias code of each neuron
 * @param start {@code width + 1} offsets into {@code src} and {@code w}
 * @param src the source index of each term (into the previous layer, or the inputs)
 * @param w the weight code of each term
 */
record CLayer(int width, int[] bias, int[] start, int[] src, int[] w) {

    /** The number of terms listed. */
    int terms() {
        return start[width];
    }

    /** The number of terms of neuron {@code j}. */
    int fanIn(int j) {
        return start[j + 1] - start[j];
    }

    /**
     * The layers of {@code net} (every code fits in int32, which {@link ExportLimits} guarantees), with
     * hidden twins removed as the class comment says.
     */
    static List<CLayer> of(Network net) {
        List<CLayer> out = new ArrayList<>();
        int[] rep = null; // rep[s]: the neuron of the previous layer that stands for s
        int last = net.layers().size() - 1;
        for (int l = 0; l <= last; l++) {
            Layer layer = net.layers().get(l);
            int width = layer.width();
            int[][] srcs = new int[width][];
            for (int j = 0; j < width; j++) {
                srcs[j] = layer.neuron(j).sources().clone();
                if (rep != null) {
                    for (int k = 0; k < srcs[j].length; k++) {
                        srcs[j][k] = rep[srcs[j][k]];
                    }
                }
            }
            rep = l < last ? twins(layer, srcs) : null;
            out.add(flatten(layer, srcs, rep));
        }
        return out;
    }

    /** rep[j] = the first neuron of the layer equal to j (after redirection); rep[j] = j for the first. */
    private static int[] twins(Layer layer, int[][] srcs) {
        Map<Key, Integer> first = new HashMap<>();
        int[] rep = new int[layer.width()];
        for (int j = 0; j < rep.length; j++) {
            Neuron n = layer.neuron(j);
            Integer f = first.putIfAbsent(new Key(n.bias(), srcs[j], n.weights()), j);
            rep[j] = f == null ? j : f;
        }
        return rep;
    }

    private static CLayer flatten(Layer layer, int[][] srcs, int[] rep) {
        int width = layer.width();
        long total = 0;
        for (int j = 0; j < width; j++) {
            if (rep == null || rep[j] == j) {
                total += srcs[j].length;
            }
        }
        int[] start = new int[width + 1];
        int[] src = new int[(int) total];
        int[] w = new int[(int) total];
        int[] bias = new int[width];
        int k = 0;
        for (int j = 0; j < width; j++) {
            Neuron n = layer.neuron(j);
            start[j] = k;
            bias[j] = (int) n.bias();
            if (rep != null && rep[j] != j) {
                continue; // a twin: never read
            }
            for (int i = 0; i < srcs[j].length; i++, k++) {
                src[k] = srcs[j][i];
                w[k] = (int) n.weight(i);
            }
        }
        start[width] = k;
        return new CLayer(width, bias, start, src, w);
    }

    /** A neuron's bias, redirected sources and weights, compared by content. */
    private record Key(long bias, int[] src, long[] w) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.bias == bias && Arrays.equals(k.src, src) && Arrays.equals(k.w, w);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Long.hashCode(bias) + Arrays.hashCode(src)) + Arrays.hashCode(w);
        }
    }
}

package dev.fxnet.construct;

import dev.fxnet.gadget.IndicatorCertificate;
import dev.fxnet.gadget.IndicatorGadgets;
import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.Stage;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The network of the proof of Theorem FS (docs/THEORY.md §15.2) for one table on the
 * certificate's domain {@code D = {-r..r}} (codes): detector chains (hidden layers {@code 1..L}), one
 * NOR per point and output term (layer {@code L+1}), its normalizer chain, and an output neuron with
 * bias 0 listing, point by point, the indicator copies with the certificate's output weights. Nothing
 * here is checked: the theorem says the network computes the table on {@code D^d}; callers (tests)
 * verify it with an independent evaluator.
 */
public final class IndicatorConstruction {
    private IndicatorConstruction() {
    }

    /**
     * The network computing {@code table} on {@code D^d}: entry {@code i} is the target code at the point
     * whose coordinate {@code j} is {@code -r + digit_j(i)} in base {@code 2r + 1}, coordinate 0 the
     * most significant.
     *
     * @throws IllegalArgumentException if {@code d < 1} or the table's length is not {@code (2r + 1)^d}
     */
    public static Network build(IndicatorCertificate c, int d, long[] table) {
        Objects.requireNonNull(c, "certificate");
        long r = c.radius();
        int side = (int) (2 * r + 1);
        if (d < 1 || table.length != Math.pow(side, d)) {
            throw new IllegalArgumentException("a table on D^" + d + " has " + (long) Math.pow(side, d) + " entries, was "
                    + table.length);
        }
        Machine m = c.machine();
        int depth = c.detectorLength();
        List<List<Neuron>> layers = new ArrayList<>();
        for (int l = 0; l < depth; l++) {
            layers.add(new ArrayList<>());
        }
        Map<String, Integer> chains = new LinkedHashMap<>();
        List<Neuron> nor = new ArrayList<>();
        List<long[]> outputTerms = new ArrayList<>(); // {nor index, weight}
        long[] x = new long[d];
        for (int i = 0; i < table.length; i++) {
            if (table[i] == 0) {
                continue;
            }
            int rest = i;
            for (int j = d - 1; j >= 0; j--) {
                x[j] = -r + rest % side;
                rest /= side;
            }
            long[] ws = c.parts().output().get(table[i]);
            List<int[]> sources = detectors(c, x, chains, layers);
            for (long w : ws) {
                outputTerms.add(new long[] {nor.size(), w});
                nor.add(norNeuron(c, sources));
            }
        }
        return assemble(c, d, layers, nor, outputTerms);
    }

    /** The detector chains point {@code x} needs, built once per (coordinate, kind, threshold): {index, sign}. */
    private static List<int[]> detectors(IndicatorCertificate c, long[] x, Map<String, Integer> chains,
            List<List<Neuron>> layers) {
        List<int[]> out = new ArrayList<>();
        long r = c.radius();
        for (int coordinate = 0; coordinate < x.length; coordinate++) {
            int j = coordinate;
            for (IndicatorGadgets.Kind k : IndicatorGadgets.Kind.values()) {
                if (k == IndicatorGadgets.Kind.LO ? x[j] == -r : x[j] == r) {
                    continue;
                }
                List<Stage> chain = (k == IndicatorGadgets.Kind.LO ? c.parts().lo() : c.parts().hi()).get(x[j]);
                int index = chains.computeIfAbsent(j + " " + k + " " + x[j], key -> {
                    int at = layers.get(0).size();
                    for (int l = 0; l < chain.size(); l++) {
                        Stage s = chain.get(l);
                        layers.get(l).add(Neuron.of(s.bias(), new int[] {l == 0 ? j : at}, new long[] {s.weight()}));
                    }
                    return at;
                });
                out.add(new int[] {index, sign(c, k, x[j], chain)});
            }
        }
        return out;
    }

    /** The sign of a detector's nonzero outputs on the domain. */
    private static int sign(IndicatorCertificate c, IndicatorGadgets.Kind k, long a, List<Stage> chain) {
        Machine m = c.machine();
        long probe = k == IndicatorGadgets.Kind.LO ? a - 1 : a + 1; // violates the detector, inside the domain
        long y = probe;
        for (Stage s : chain) {
            y = s.apply(m, y);
        }
        return Long.signum(y);
    }

    private static Neuron norNeuron(IndicatorCertificate c, List<int[]> sources) {
        int[] src = new int[sources.size()];
        long[] ws = new long[sources.size()];
        long w = c.parts().norWeight();
        for (int i = 0; i < src.length; i++) {
            src[i] = sources.get(i)[0];
            ws[i] = sources.get(i)[1] > 0 ? w : -w;
        }
        return Neuron.of(c.parts().norBias(), src, ws);
    }

    private static Network assemble(IndicatorCertificate c, int d, List<List<Neuron>> detectorLayers, List<Neuron> nor,
            List<long[]> outputTerms) {
        Machine m = c.machine();
        List<Layer> layers = new ArrayList<>();
        if (nor.isEmpty()) { // the table is 0 everywhere: the bias-only output neuron
            layers.add(Layer.of(Neuron.constant(0)));
            return Network.of(m.arithmetic(), m.accumulation(), m.activation(), d, layers, Map.of());
        }
        for (List<Neuron> l : detectorLayers) {
            layers.add(Layer.of(l));
        }
        layers.add(Layer.of(nor));
        for (Stage s : c.parts().normalizer()) {
            List<Neuron> l = new ArrayList<>();
            for (int i = 0; i < nor.size(); i++) {
                l.add(Neuron.of(s.bias(), new int[] {i}, new long[] {s.weight()}));
            }
            layers.add(Layer.of(l));
        }
        int[] src = new int[outputTerms.size()];
        long[] ws = new long[outputTerms.size()];
        for (int i = 0; i < src.length; i++) {
            src[i] = (int) outputTerms.get(i)[0];
            ws[i] = outputTerms.get(i)[1];
        }
        layers.add(Layer.of(Neuron.of(0, src, ws)));
        return Network.of(m.arithmetic(), m.accumulation(), m.activation(), d, layers, Map.of("construction",
                "Theorem FS (docs/THEORY.md §15)"));
    }
}

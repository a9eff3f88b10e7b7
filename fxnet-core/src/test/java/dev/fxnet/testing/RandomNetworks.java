package dev.fxnet.testing;

import dev.fxnet.activation.Activation;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random networks for tests: random widths, sparse and dense neurons, shuffled source orders, extreme codes. */
public final class RandomNetworks {
    private RandomNetworks() {
    }

    /** A random code, biased toward extremes and small values so saturation and ties happen. */
    public static long code(Random r, FixedPointFormat f) {
        switch (r.nextInt(6)) {
            case 0:
                return f.maxCode() - r.nextInt((int) Math.min(3, f.size()));
            case 1:
                return f.minCode() + r.nextInt((int) Math.min(3, f.size()));
            case 2:
                return Math.max(f.minCode(), Math.min(f.maxCode(), r.nextInt(9) - 4));
            case 3:
                return Math.max(f.minCode(), Math.min(f.maxCode(), (r.nextBoolean() ? 1L : -1L) << f.fracBits()));
            default:
                return f.minCode() + (long) (r.nextDouble() * f.size());
        }
    }

    public static Network network(Random r, FixedPointArithmetic ar, Accumulation acc, Activation act, int inputs,
            int hiddenLayers, int maxWidth) {
        FixedPointFormat f = ar.format();
        List<Layer> layers = new ArrayList<>();
        int previous = inputs;
        for (int l = 0; l <= hiddenLayers; l++) {
            int width = l == hiddenLayers ? 1 + r.nextInt(2) : 1 + r.nextInt(maxWidth);
            List<Neuron> ns = new ArrayList<>();
            for (int j = 0; j < width; j++) {
                List<Integer> src = new ArrayList<>();
                for (int s = 0; s < previous; s++) {
                    if (r.nextInt(4) != 0) {
                        src.add(s);
                    }
                }
                java.util.Collections.shuffle(src, r);
                int[] s = src.stream().mapToInt(Integer::intValue).toArray();
                long[] w = new long[s.length];
                for (int i = 0; i < w.length; i++) {
                    w[i] = code(r, f);
                }
                ns.add(Neuron.of(code(r, f), s, w));
            }
            layers.add(Layer.of(ns));
            previous = width;
        }
        return Network.of(ar, acc, act, inputs, layers, Map.of("test", "random"));
    }
}

package dev.fxnet.export;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random networks of every kind for the export tests, and the arithmetic kinds to cover. */
public final class RandomNetworks {
    private RandomNetworks() {
    }

    /** An arithmetic kind: encoding and overflow (WRAP only with two's complement). */
    record Kind(Encoding encoding, Overflow overflow) {
    }

    static final List<Kind> KINDS = List.of(new Kind(Encoding.SYMMETRIC, Overflow.SATURATE),
            new Kind(Encoding.TWOS_COMPLEMENT, Overflow.SATURATE), new Kind(Encoding.TWOS_COMPLEMENT, Overflow.WRAP));

    /**
     * A test-only activation that is not identity or relu, so the exporters emit it as a table:
     * {@code sigma(z) = z^2 / 3 - z} (exact rational), correctly rounded in every mode. Its values
     * leave the code range, so overflow handling of {@code tau} is exercised too.
     */
    public static final Activation TABLED = new Activation() {
        @Override
        public String name() {
            return "test_quadratic";
        }

        @Override
        public double applyAsDouble(double z) {
            return z * z / 3 - z;
        }

        @Override
        public long roundScaled(long k, int q, Rounding r) {
            // sigma(k 2^-q) 2^q = k^2 / (3 * 2^q) - k = (k^2 - 3 * 2^q k) / (3 * 2^q)
            long den = 3L << q;
            return r.roundQuotient(k * k - den * k, den);
        }

        @Override
        public boolean isCorrectlyRounded() {
            return true;
        }
    };

    /** The activations to cover: every built-in and the tabled test activation. */
    static List<Activation> activations() {
        List<Activation> a = new ArrayList<>(Activations.builtIns());
        a.add(TABLED);
        return a;
    }

    /**
     * A random network: {@code d} inputs, the given layer widths (the last is the output layer),
     * sparse and dense neurons with shuffled term orders, weights and biases drawn to hit small
     * codes, extremes and ties.
     */
    static Network random(Random rnd, FixedPointArithmetic ar, Accumulation acc, Activation act, int d, int... widths) {
        FixedPointFormat f = ar.format();
        List<Layer> layers = new ArrayList<>();
        int previous = d;
        for (int width : widths) {
            List<Neuron> neurons = new ArrayList<>();
            for (int j = 0; j < width; j++) {
                List<Integer> src = new ArrayList<>();
                for (int s = 0; s < previous; s++) {
                    src.add(s);
                }
                Collections.shuffle(src, rnd);
                int fanIn = rnd.nextInt(4) == 0 ? rnd.nextInt(previous + 1) : previous;
                int[] s = new int[fanIn];
                long[] w = new long[fanIn];
                for (int i = 0; i < fanIn; i++) {
                    s[i] = src.get(i);
                    w[i] = code(rnd, f);
                }
                neurons.add(Neuron.of(code(rnd, f), s, w));
            }
            layers.add(Layer.of(neurons));
            previous = width;
        }
        return Network.of(ar, acc, act, d, layers, Map.of());
    }

    /** A code: often small or +-1.0 or a half, sometimes extreme, else uniform. */
    static long code(Random rnd, FixedPointFormat f) {
        int q = f.fracBits();
        switch (rnd.nextInt(6)) {
            case 0:
                return f.minCode() + rnd.nextInt(3);
            case 1:
                return f.maxCode() - rnd.nextInt(3);
            case 2:
                return clamp(f, (rnd.nextBoolean() ? 1 : -1) * (1L << q) + rnd.nextInt(3) - 1);
            case 3:
                return clamp(f, rnd.nextInt(9) - 4);
            default:
                return f.minCode() + (long) (rnd.nextDouble() * f.size());
        }
    }

    private static long clamp(FixedPointFormat f, long c) {
        return Math.max(f.minCode(), Math.min(f.maxCode(), c));
    }
}

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

    /**
     * A network shaped like the universal constructions (indicators of quantized cubes): a first
     * layer of detectors ({@code 2|F|} neurons per input, fan-in 1, random biases), a second layer
     * of one neuron per point of F^d listing 2d detectors, and outputs that list every point neuron
     * (fan-in |F|^d, so long sequential runs). With {@code binary}, every neuron lists every source
     * with weights +-1 (a binary-weight network, SPEC §4). What it computes is irrelevant here; the
     * exports must agree with the reference on it.
     */
    static Network universalShaped(Random rnd, FixedPointArithmetic ar, Accumulation acc, Activation act, int d,
            int outputs, boolean binary) {
        FixedPointFormat f = ar.format();
        long one = Math.min(f.maxCode(), 1L << f.fracBits());
        int size = (int) f.size();
        int points = (int) Math.pow(size, d);
        List<Neuron> detectors = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            for (int c = 0; c < 2 * size; c++) {
                detectors.add(binary ? dense(rnd, d, one, f) : Neuron.of(f.codeAt(c / 2), new int[] {i},
                        new long[] {c % 2 == 0 ? one : -one}));
            }
        }
        List<Neuron> cells = new ArrayList<>();
        for (int p = 0; p < points; p++) {
            if (binary) {
                cells.add(dense(rnd, detectors.size(), one, f));
                continue;
            }
            int[] s = new int[2 * d];
            long[] w = new long[2 * d];
            int rest = p;
            for (int i = 0; i < d; i++) {
                int c = rest % size;
                rest /= size;
                s[2 * i] = i * 2 * size + 2 * c;
                s[2 * i + 1] = i * 2 * size + 2 * c + 1;
                w[2 * i] = one;
                w[2 * i + 1] = -one;
            }
            cells.add(Neuron.of(code(rnd, f), s, w));
        }
        List<Neuron> out = new ArrayList<>();
        for (int o = 0; o < outputs; o++) {
            if (binary) {
                out.add(dense(rnd, points, one, f));
            } else {
                int[] s = new int[points];
                long[] w = new long[points];
                for (int p = 0; p < points; p++) {
                    s[p] = p;
                    w[p] = code(rnd, f);
                }
                out.add(Neuron.of(0, s, w));
            }
        }
        return Network.of(ar, acc, act, d, List.of(Layer.of(detectors), Layer.of(cells), Layer.of(out)), Map.of());
    }

    private static Neuron dense(Random rnd, int fanIn, long one, FixedPointFormat f) {
        long[] w = new long[fanIn];
        for (int i = 0; i < fanIn; i++) {
            w[i] = rnd.nextBoolean() ? one : -one;
        }
        return Neuron.dense(code(rnd, f), w);
    }

    /**
     * WIDE at the int64 limit: p=0, q=30 two's complement, one output neuron over 7 inputs with every
     * weight at the minimum code -2^30 and bias {@code 2^30 - 8 + biasOffset}, so the sum can reach
     * {@code 7 * 2^60 + (2^30 - 8) 2^30 = 2^63 - 2^33} (all inputs at -2^30): exactly
     * {@link ExportLimits#WIDE_SUM_LIMIT} for offset 0, one step beyond for offset 1.
     */
    static Network wideAtLimit(Rounding r, dev.fxnet.arith.Overflow ovf, long biasOffset) {
        FixedPointFormat f = FixedPointFormat.of(0, 30, dev.fxnet.arith.Encoding.TWOS_COMPLEMENT);
        long[] w = new long[7];
        java.util.Arrays.fill(w, f.minCode());
        return Network.of(FixedPointArithmetic.of(f, r, ovf), Accumulation.WIDE,
                dev.fxnet.activation.Activations.named("identity"), 7,
                List.of(Layer.of(Neuron.dense((1L << 30) - 8 + biasOffset, w))), Map.of());
    }

    /** Inputs for {@link #wideAtLimit}: all at the minimum (the extreme sum), all at the maximum, and random. */
    static long[][] wideAtLimitInputs(Random rnd, int n) {
        FixedPointFormat f = FixedPointFormat.of(0, 30, dev.fxnet.arith.Encoding.TWOS_COMPLEMENT);
        long[][] xs = new long[n][7];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 7; j++) {
                xs[i][j] = i == 0 ? f.minCode() : i == 1 ? f.maxCode() : i == 2 ? f.minCode() + rnd.nextInt(2)
                        : code(rnd, f);
            }
        }
        return xs;
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

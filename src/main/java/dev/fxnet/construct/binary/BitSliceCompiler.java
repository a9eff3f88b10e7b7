package dev.fxnet.construct.binary;

import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.gadget.Machine;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import dev.fxnet.target.FunctionTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bit-slice construction for binary weights, {@code d = 1} and {@code d = 2}
 * (docs/BINARY-COMPACT.md, Theorem S), for relu under SATURATE and PER_OP with symmetric fixed-point
 * codes {@code [-M, M]}. Codes only; every weight {@code +-1}, every neuron dense.
 *
 * <ol>
 *   <li><b>Digits</b> ({@link DigitPipeline}): narrow layers whose last one holds the constant
 *       {@code K = M} and, per coordinate, digit pairs {@code (B_j, C_j)} in {@code {(M, 0), (0, M)}}
 *       whose pattern determines the coordinate.</li>
 *   <li><b>Layer A</b>: per coordinate {@code i} and code {@code a} an indicator
 *       {@code I = tau(acc(0; + every source but the wrong ones, - the wrong ones))}: the positive reads
 *       (among them {@code K}) saturate the accumulator at {@code M}, and a wrong digit brings it to
 *       {@code <= 0} (Lemma I); so {@code I = M [x_i = a]}. In {@code d = 2} also constants
 *       {@code C_k = M - 2^k} (Lemma U: the digit pairs and {@code K} read as units {@code +-M}).</li>
 *   <li><b>Layer B</b> (the slices): {@code d = 2}: per code {@code a} of {@code x0}, bit {@code k} and sign
 *       {@code s}, {@code tau(acc(-M; -C_k' (k' != k), x1 part, x0 part, -C_k))} where the x1 part reads
 *       {@code +I(x1 = b)} for the {@code b} with bit {@code k} of {@code |f(a, b)|} set and
 *       {@code sign f(a, b) = s}, {@code -I} for the others, and the x0 part {@code +I(x0 = a)} and
 *       {@code -I} for the others: it outputs {@code 2^k} exactly when both parts are {@code +M}, else 0
 *       (Lemma B). {@code d = 1}: per bit and sign {@code tau(acc(2^k - M; +-I))}.</li>
 *   <li><b>Output</b>: the slices with {@code +1} for sign {@code +}, {@code -1} for {@code -}: at a point
 *       only the bits of {@code |f(x)|} are on, all of one sign, so no partial sum leaves F.</li>
 * </ol>
 * The network is verified on all of {@code F^d} by the caller.
 */
final class BitSliceCompiler {
    /** The prefix of the gadgets line of a network built here. */
    static final String NAME = "binary bit slices";

    private BitSliceCompiler() {
    }

    /** Why the setting is outside the construction's hypotheses, or null if it is inside. */
    static String outside(Machine s) {
        if (!(s.arithmetic() instanceof FixedPointArithmetic) || !s.perOp() || !s.arithmetic().saturates()) {
            return "bit slices need a fixed-point format, SATURATE and PER_OP";
        }
        if (s.min() != -s.max() || s.one().isEmpty()) {
            return "bit slices need symmetric codes and 1 in F";
        }
        long one = s.one().getAsLong();
        for (long z = s.min(); z <= s.max(); z++) {
            if (s.tau(z) != Math.max(z, 0)) {
                return "bit slices need relu: tau(" + s.dec(z) + ") = " + s.dec(s.tau(z));
            }
            if (s.mul(one, z) != z || s.mul(-one, z) != -z) {
                return "bit slices need exact products by +-1";
            }
        }
        return null;
    }

    /**
     * The network for {@code target} ({@code d = 1} or {@code 2}, at least one point with {@code f != 0}),
     * or a refusal (never final: the other routes are tried after it).
     */
    static Attempt<BinaryNetwork> compile(FunctionTable target, Machine s, List<Integer> live) {
        int d = target.dims();
        String why = outside(s);
        if (why != null || d > 2) {
            return Attempt.refused(why != null ? why : "bit slices are built for d = 1 and 2");
        }
        if (live.isEmpty()) {
            return Attempt.refused("bit slices: the zero function has its own network");
        }
        int bits = 64 - Long.numberOfLeadingZeros(s.max());
        long n = s.size();
        long weights = d == 1 ? 2L * bits * n : 2L * bits * n * (2 * n + bits);
        if (weights > BinaryCompiler.MAX_WEIGHTS) {
            return Attempt.refused("bit slices: the slice layer would have " + weights + " weights");
        }
        return DigitPipeline.build(s, d).map(digits -> {
            List<Layer> layers = new ArrayList<>(digits.layers());
            layers.add(layerA(s, d, digits, bits));
            List<Neuron> slices = new ArrayList<>();
            List<Integer> signs = new ArrayList<>();
            slices(s, target, bits, slices, signs);
            layers.add(Layer.of(slices));
            int[] src = new int[slices.size()];
            long[] w = new long[slices.size()];
            for (int i = 0; i < src.length; i++) {
                src[i] = i;
                w[i] = signs.get(i) * s.one().getAsLong();
            }
            layers.add(Layer.of(Neuron.of(0, src, w)));
            Network net = Network.of(s.setting().fixedPoint(), s.accumulation(), s.activation(), d, layers, Map.of());
            return new BinaryNetwork(net, live.size(), NAME + " (" + digits.digits() + " digits per coordinate, "
                    + digits.layers().size() + " layers before the indicators, " + slices.size() + " slice neurons)");
        });
    }

    /** Layer A: the indicators of every code of every coordinate, then (d = 2) the constants {@code M - 2^k}. */
    private static Layer layerA(Machine s, int d, DigitPipeline.Digits digits, int bits) {
        long one = s.one().getAsLong();
        int digitCount = digits.digits();
        int width = 1 + d * 2 * digitCount;
        List<Neuron> out = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            for (int t = 0; t < s.size(); t++) {
                boolean[] wrong = new boolean[width];
                for (int j = 0; j < digitCount; j++) { // C_j is wrong where a's digit is set, B_j where it is clear
                    wrong[1 + i * 2 * digitCount + 2 * j + (digits.patterns()[t][j] ? 1 : 0)] = true;
                }
                int[] src = new int[width];
                long[] w = new long[width];
                int k = 0;
                for (int pass = 0; pass < 2; pass++) {
                    for (int r = 0; r < width; r++) {
                        if (wrong[r] == (pass == 1)) {
                            src[k] = r;
                            w[k++] = pass == 0 ? one : -one;
                        }
                    }
                }
                out.add(Neuron.of(0, src, w));
            }
        }
        if (d == 2) {
            for (int k = 0; k < bits; k++) {
                out.add(constant(s, width, digitCount, s.max() - (1L << k)));
            }
        }
        return Layer.of(out);
    }

    /**
     * A neuron of the layer after the digit layer ({@code width} sources: {@code K}, then pairs) that
     * outputs {@code c} in {@code [0, M]} on every input: it reads the units ({@code K} alone, each pair
     * {@code B, C} with one sign, each {@code +-M} exactly) alternately down and up from {@code c}, or up
     * and down from {@code c - M} when their number is odd (Lemma U).
     */
    private static Neuron constant(Machine s, int width, int digitCount, long c) {
        long one = s.one().getAsLong();
        int units = 1 + (width - 1) / 2;
        boolean odd = units % 2 == 1;
        int[] src = new int[width];
        long[] w = new long[width];
        for (int u = 0; u < units; u++) {
            long sign = (u % 2 == 0) == odd ? one : -one; // odd: +, -, ..., +; even: -, +, ..., +
            if (u == 0) {
                src[0] = 0;
                w[0] = sign;
            } else {
                src[2 * u - 1] = 2 * u - 1;
                w[2 * u - 1] = sign;
                src[2 * u] = 2 * u;
                w[2 * u] = sign;
            }
        }
        return Neuron.of(odd ? c - s.max() : c, src, w);
    }

    /** The slice layer (neurons and their output signs), for the table {@code target}. */
    private static void slices(Machine s, FunctionTable target, int bits, List<Neuron> out, List<Integer> signs) {
        int n = s.size();
        long one = s.one().getAsLong();
        long big = s.max();
        int d = target.dims();
        int slicesOf = d == 1 ? 1 : n;
        for (int a = 0; a < slicesOf; a++) {
            for (int k = 0; k < bits; k++) {
                for (int sign : new int[] {1, -1}) {
                    boolean[] member = new boolean[n];
                    boolean any = false;
                    for (int b = 0; b < n; b++) {
                        int f = target.code(a * n + b) * sign;
                        member[b] = f > 0 && ((f >> k) & 1) == 1;
                        any |= member[b];
                    }
                    if (any) {
                        out.add(d == 1 ? sliceOne(one, big, k, member) : sliceTwo(one, big, bits, k, a, member));
                        signs.add(sign);
                    }
                }
            }
        }
    }

    /** {@code d = 1}: {@code tau(acc(2^k - M; +I_b for the members, -I_b for the rest))}. */
    private static Neuron sliceOne(long one, long big, int k, boolean[] member) {
        int n = member.length;
        int[] src = new int[n];
        long[] w = new long[n];
        for (int b = 0; b < n; b++) {
            src[b] = b;
            w[b] = member[b] ? one : -one;
        }
        return Neuron.of((1L << k) - big, src, w);
    }

    /** {@code d = 2}: the slice of {@code x0 = a} for bit {@code k} (Lemma B); layer A is {@code I0, I1, C}. */
    private static Neuron sliceTwo(long one, long big, int bits, int k, int a, boolean[] member) {
        int n = member.length;
        int width = 2 * n + bits;
        int[] src = new int[width];
        long[] w = new long[width];
        int at = 0;
        for (int j = 0; j < bits; j++) {
            if (j != k) {
                src[at] = 2 * n + j;
                w[at++] = -one;
            }
        }
        for (int b = 0; b < n; b++) {
            src[at] = n + b;
            w[at++] = member[b] ? one : -one;
        }
        for (int b = 0; b < n; b++) {
            src[at] = b;
            w[at++] = b == a ? one : -one;
        }
        src[at] = 2 * n + k;
        w[at] = -one;
        return Neuron.of(-big, src, w);
    }
}

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
 *   <li><b>Layer B</b> (the slices): values {@code v} in {@code {1, 2, ..., 2^(n-1), M}}; {@code d = 2}: per
 *       code {@code a} of {@code x0}, value {@code v} and sign {@code s}, {@code tau(acc(-M; -C_v' (v' != v),
 *       x1 part, x0 part, -C_v))} with {@code C_v = M - v}, where the x1 part reads {@code +I(x1 = b)} for the
 *       {@code b} in the slice's set and {@code -I} for the others, and the x0 part {@code +I(x0 = a)} and
 *       {@code -I} for the others: it outputs {@code v} exactly when both parts are {@code +M}, else 0
 *       (Lemma B). {@code d = 1}: per value and sign {@code tau(acc(v - M; +-I))}. The sets encode either
 *       the bits of {@code |f|} with its sign, or {@code f + M} as {@code M} (where {@code f >= 0}) plus bits,
 *       whichever needs fewer slices.</li>
 *   <li><b>Output</b>: the slices with their signs, bias 0 (or {@code -M} for {@code f + M}): at a point
 *       only the slices of {@code f(x)}'s expansion are on, all of one sign, so every partial sum lies
 *       between the bias and {@code f(x)}.</li>
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
        long[] values = values(s.max());
        long n = s.size();
        long weights = d == 1 ? values.length * n : values.length * n * (2 * n + values.length);
        if (weights > BinaryCompiler.MAX_WEIGHTS) {
            return Attempt.refused("bit slices: the slice layer would have about " + weights + " weights");
        }
        return DigitPipeline.build(s, d).map(digits -> {
            List<Layer> layers = new ArrayList<>(digits.layers());
            layers.add(layerA(s, d, digits, values));
            Plan plan = plan(s, target, values);
            List<Neuron> slices = new ArrayList<>();
            long one = s.one().getAsLong();
            int[] src = new int[plan.slices().size()];
            long[] w = new long[src.length];
            for (Slice sl : plan.slices()) {
                src[slices.size()] = slices.size();
                w[slices.size()] = sl.sign() * one;
                slices.add(d == 1 ? sliceOne(one, s.max(), values[sl.value()], sl.member())
                        : sliceTwo(one, s.max(), values.length, sl));
            }
            layers.add(Layer.of(slices));
            layers.add(Layer.of(Neuron.of(plan.offset() ? -s.max() : 0, src, w)));
            Network net = Network.of(s.setting().fixedPoint(), s.accumulation(), s.activation(), d, layers, Map.of());
            return new BinaryNetwork(net, live.size(), NAME + " (" + digits.digits() + " digits per coordinate, "
                    + digits.layers().size() + " layers before the indicators, " + slices.size() + " slice neurons"
                    + (plan.offset() ? ", f + M" : ", |f| and sign") + ")");
        });
    }

    /** The slice values: {@code 2^k} for every bit of {@code M}, then {@code M} itself. */
    static long[] values(long big) {
        int bits = 64 - Long.numberOfLeadingZeros(big);
        long[] v = new long[bits + 1];
        for (int k = 0; k < bits; k++) {
            v[k] = 1L << k;
        }
        v[bits] = big;
        return v;
    }

    /**
     * A slice: the code index {@code row} of {@code x0} ({@code d = 2}; 0 for {@code d = 1}), the index of its
     * value, the codes of the last coordinate in its set, and its sign in the output.
     */
    private record Slice(int row, int value, boolean[] member, int sign) {
    }

    /** The slices of a table, and whether they encode {@code f + M} (output bias {@code -M}) or {@code |f|} and the sign. */
    private record Plan(List<Slice> slices, boolean offset) {
    }

    /** The encoding with fewer slices: {@code |f|} in bits with a sign, or {@code f + M} as {@code M} and bits, all positive. */
    private static Plan plan(Machine s, FunctionTable target, long[] values) {
        List<Slice> split = encode(s, target, values, false);
        List<Slice> offset = encode(s, target, values, true);
        return offset.size() < split.size() ? new Plan(offset, true) : new Plan(split, false);
    }

    /**
     * The non-empty slices of {@code target}: for {@code offset}, {@code g = f + M} in {@code [0, 2M]} is
     * {@code M} (where {@code g >= M}) plus the bits of the rest; else the bits of {@code |f|}, with its sign.
     */
    private static List<Slice> encode(Machine s, FunctionTable target, long[] values, boolean offset) {
        int n = s.size();
        int bits = values.length - 1;
        int rows = target.dims() == 1 ? 1 : n;
        List<Slice> out = new ArrayList<>();
        for (int a = 0; a < rows; a++) {
            boolean[][][] member = new boolean[2][values.length][n];
            for (int b = 0; b < n; b++) {
                long f = target.code(a * n + b);
                int side = f < 0 && !offset ? 1 : 0;
                long g = offset ? f + s.max() : Math.abs(f);
                if (offset && g >= s.max()) {
                    member[0][bits][b] = true;
                    g -= s.max();
                }
                for (int k = 0; k < bits; k++) {
                    member[side][k][b] = (g >> k & 1) == 1;
                }
            }
            for (int side = 0; side < 2; side++) {
                for (int j = 0; j < values.length; j++) {
                    boolean[] m = member[side][j];
                    boolean any = false;
                    for (boolean x : m) {
                        any |= x;
                    }
                    if (any) {
                        out.add(new Slice(a, j, m, side == 0 ? 1 : -1));
                    }
                }
            }
        }
        return out;
    }

    /** Layer A: the indicators of every code of every coordinate, then (d = 2) the constants {@code M - v}. */
    private static Layer layerA(Machine s, int d, DigitPipeline.Digits digits, long[] values) {
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
            for (long v : values) {
                out.add(constant(s, width, s.max() - v));
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
    private static Neuron constant(Machine s, int width, long c) {
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

    /** {@code d = 1}: {@code tau(acc(v - M; +I_b for the members, -I_b for the rest))}. */
    private static Neuron sliceOne(long one, long big, long v, boolean[] member) {
        int n = member.length;
        int[] src = new int[n];
        long[] w = new long[n];
        for (int b = 0; b < n; b++) {
            src[b] = b;
            w[b] = member[b] ? one : -one;
        }
        return Neuron.of(v - big, src, w);
    }

    /** {@code d = 2}: the slice of {@code x0 = row} for its value (Lemma B); layer A is {@code I0, I1, C}. */
    private static Neuron sliceTwo(long one, long big, int constants, Slice sl) {
        int n = sl.member().length;
        int width = 2 * n + constants;
        int[] src = new int[width];
        long[] w = new long[width];
        int at = 0;
        for (int j = 0; j < constants; j++) {
            if (j != sl.value()) {
                src[at] = 2 * n + j;
                w[at++] = -one;
            }
        }
        for (int b = 0; b < n; b++) {
            src[at] = n + b;
            w[at++] = sl.member()[b] ? one : -one;
        }
        for (int b = 0; b < n; b++) {
            src[at] = b;
            w[at++] = b == sl.row() ? one : -one;
        }
        src[at] = 2 * n + sl.value();
        w[at] = -one;
        return Neuron.of(-big, src, w);
    }
}

package dev.fxnet.construct.binary;

import dev.fxnet.gadget.Machine;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Neuron;
import java.util.ArrayList;
import java.util.List;

/**
 * The first two layers of the bit-slice construction in {@code d = 2} (docs/BINARY-COMPACT.md §2):
 * eight first-layer ramps of the directions {@code u = x0 + x1}, {@code v = x0 - x1}, and from them, in
 * the second layer, <em>pieces</em> that depend on one coordinate only: {@code P0 = relu(C(2 x_i))},
 * {@code P1 = relu(C(2 x_i - M))}, {@code N0 = relu(C(-2 x_i))}, {@code N1 = relu(C(-2 x_i - M))}
 * ({@code C} the clamp to {@code [-M, M]}), with a constant {@code K = M} first.
 *
 * <p>The ramps {@code tau(acc(b; s0 x0, s1 x1))} for {@code b} in {@code {0, -M}} and the four sign patterns;
 * each piece reads all eight in a fixed order (found by an exhaustive search, Lemma P of the document),
 * and is checked here on every point of {@code F^2} to equal its formula: a piece that does not is a
 * refusal, never a wrong network.
 */
final class CoordinatePieces {
    /** The first two layers, and the values of the template {@code P0, P0, N0, N0, P1, N1} on every code of a coordinate. */
    record Pieces(List<Layer> layers, List<long[]> values) {
    }

    // ramps: 0 Up, 1 UpM, 2 Vp, 3 VpM, 4 Un, 5 UnM, 6 Vn, 7 VnM (U: s1 = s0, V: s1 = -s0; p: s0 = +1; M: bias -M)
    private static final int[] ORDER_0 = {0, 2, 4, 3, 5, 6, 1, 7}; // relu(C(2 x0)), bias 0
    private static final int[] ORDER_M = {0, 1, 2, 3, 4, 5, 6, 7}; // relu(C(2 x0 - M)), bias -M
    private static final int[] NEGATE = {6, 7, 4, 5, 2, 3, 0, 1}; // x0 -> -x0: u -> -v, v -> -u
    private static final int[] SWAP = {0, 1, 6, 7, 4, 5, 2, 3}; // x0 <-> x1: v -> -v

    private CoordinatePieces() {
    }

    /** The two layers and the pieces' values, or a refusal if a piece is not its formula somewhere. */
    static Attempt<Pieces> build(Machine s) {
        long one = s.one().orElseThrow();
        long big = s.max();
        List<Neuron> ramps = new ArrayList<>();
        for (int r = 0; r < 8; r++) {
            long s0 = r < 4 ? one : -one;
            long s1 = (r / 2) % 2 == 0 ? s0 : -s0;
            ramps.add(Neuron.of(r % 2 == 0 ? 0 : -big, new int[] {0, 1}, new long[] {s0, s1}));
        }
        List<Neuron> second = new ArrayList<>();
        int[] all = {0, 1, 2, 3, 4, 5, 6, 7};
        second.add(Neuron.of(big, all, new long[] {one, one, one, one, one, one, one, one}));
        for (int i = 0; i < 2; i++) {
            for (int[] kind : new int[][] {{0, 0}, {0, 0}, {1, 0}, {1, 0}, {0, 1}, {1, 1}}) { // {negated, shifted}
                second.add(piece(one, big, kind[0] == 1, kind[1] == 1, i == 1));
            }
        }
        return values(s, ramps, second).map(v -> new Pieces(new ArrayList<>(List.of(Layer.of(ramps), Layer.of(second))), v));
    }

    /** The piece {@code relu(C(+-2 x_i - c))}, {@code c = M} if {@code shifted} else 0. */
    private static Neuron piece(long one, long big, boolean negated, boolean shifted, boolean second) {
        int[] order = shifted ? ORDER_M : ORDER_0;
        int[] src = new int[8];
        long[] w = new long[8];
        for (int k = 0; k < 8; k++) {
            int r = order[k];
            long sign = r < 4 ? one : -one; // the positive parts of u and v with +, the negative with -
            if (negated) {
                r = NEGATE[r];
            }
            if (second) {
                r = SWAP[r];
            }
            src[k] = r;
            w[k] = sign;
        }
        return Neuron.of(shifted ? -big : 0, src, w);
    }

    /** The pieces' values by coordinate, checked on every point of {@code F^2} against their formulas. */
    private static Attempt<List<long[]>> values(Machine s, List<Neuron> ramps, List<Neuron> second) {
        long big = s.max();
        int n = s.size();
        List<long[]> out = new ArrayList<>();
        for (int j = 0; j < 6; j++) {
            out.add(new long[n]);
        }
        long[] in = new long[2];
        long[] r = new long[8];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                in[0] = s.min() + a;
                in[1] = s.min() + b;
                for (int k = 0; k < 8; k++) {
                    r[k] = DigitPipeline.output(s, ramps.get(k), in);
                }
                if (DigitPipeline.output(s, second.get(0), r) != big) {
                    return Attempt.refused("bit slices: the constant of layer 2 is not M at " + s.dec(in[0]) + ", " + s.dec(in[1]));
                }
                for (int j = 0; j < 12; j++) {
                    long x = in[j / 6];
                    int kind = j % 6;
                    long want = Math.max(0, Math.min(big, (kind == 2 || kind == 3 || kind == 5 ? -2 * x : 2 * x)
                            - (kind >= 4 ? big : 0)));
                    long got = DigitPipeline.output(s, second.get(1 + j), r);
                    if (got != want) {
                        return Attempt.refused("bit slices: piece " + kind + " of x" + (j / 6) + " is " + s.dec(got)
                                + " at (" + s.dec(in[0]) + ", " + s.dec(in[1]) + "), not " + s.dec(want));
                    }
                    if (j < 6) {
                        out.get(kind)[a] = got;
                    }
                }
            }
        }
        return Attempt.built(out);
    }
}

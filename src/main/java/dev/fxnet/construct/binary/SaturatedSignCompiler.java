package dev.fxnet.construct.binary;

import dev.fxnet.gadget.Machine;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import dev.fxnet.target.FunctionTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The saturated sign construction for binary weights in {@code d = 1} (docs/theory/binary-open-rows.md,
 * Theorem B8), for {@code SATURATE} and {@code PER_OP} where {@code tau} is the identity on
 * {@code [0, M]} and {@code tau(-1) = -1} (codes): elu and the identity under two's complement, whose
 * other binary routes refuse. Every signal is carried by copies that the next layer cancels where it
 * does not read them ({@link CancellingLayers}); every stage is checked on every input.
 *
 * <ol>
 *   <li><b>Ramps.</b> First-layer neurons {@code y = tau(acc(b; +-x))}, a few chosen so that the signs
 *       of the ramps determine the input; {@code N} copies each ({@code N >= -m}, a multiple of 6).</li>
 *   <li><b>Signs.</b> {@code G = tau(acc(0; N y))} is {@code tau(m)}, 0 or {@code M} by the sign of
 *       {@code y} (the sum saturates); a constant {@code K = tau(acc(-1)) = -1}, {@code -m} copies.</li>
 *   <li><b>Steps.</b> {@code T+ = tau(acc(M + m; N G, -m (-K)))} is {@code M [y >= 0]}, and {@code T-}
 *       (reading {@code -G}) is {@code M [y <= 0]}.</li>
 *   <li><b>Pass and complements.</b> {@code tau(acc(0; T, T)) = T} and {@code tau(acc(M; T, -T)) = M - T}
 *       (the first read saturates at {@code M} where {@code T = M}).</li>
 *   <li><b>Far indicators.</b> For each live point {@code u}, {@code A_u = tau(acc(0; 2 W ...))} over the
 *       steps {@code W} that are {@code M} exactly where a ramp's sign differs from its sign at
 *       {@code u}: {@code A_u = M [x != u]}.</li>
 *   <li><b>Values and output.</b> {@code V = tau(acc(v; A_u, -A_u)) = v [x = u]} for
 *       {@code 1 <= v <= M} ({@code v + M} saturates at {@code M}, and {@code M - M = 0}); the output
 *       adds the values of each point with the sign of {@code f(u)} ({@code m = -M - (-m - M)} in two's
 *       complement).</li>
 * </ol>
 * The layers before the far indicators do not depend on the table. The caller verifies the network on all of F.
 */
final class SaturatedSignCompiler {
    private SaturatedSignCompiler() {
    }

    /** Why the setting is outside the hypotheses of Theorem B8, or null if it is inside. */
    static String outside(Machine s) {
        if (!s.perOp() || !s.arithmetic().saturates()) {
            return "Theorem B8 needs SATURATE and PER_OP";
        }
        if (s.one().isEmpty() || !s.contains(-1) || s.tau(-1) != -1 || s.tau(0) != 0) {
            return "Theorem B8 needs 1 in F, tau(0) = 0 and tau(-1) = -1 (codes)";
        }
        for (long v = 1; v <= s.max(); v++) {
            if (s.tau(v) != v) {
                return "Theorem B8 needs tau(v) = v for 0 < v <= M; tau(" + s.dec(v) + ") = " + s.dec(s.tau(v));
            }
        }
        return null;
    }

    /**
     * Compiles a one-dimensional table with the saturated sign construction.
     *
     * @param live the indices of the points with {@code f != 0}, not empty
     * @return the network, or a refusal naming the hypothesis or stage that fails
     */
    static Attempt<BinaryNetwork> compile(FunctionTable target, Machine s, List<Integer> live) {
        String why = target.dims() != 1 ? "Theorem B8 is for d = 1" : outside(s);
        if (why != null) {
            return Attempt.refused(s + ": the saturated sign construction does not apply: " + why);
        }
        long m = s.min();
        long big = s.max();
        int n = (int) (6 * ((-m + 5) / 6));
        List<long[]> ramps = new ArrayList<>();
        List<Neuron> first = ramps(s, ramps);
        if (first.isEmpty()) {
            return Attempt.refused(s + ": the saturated sign construction does not apply: the signs of the ramps"
                    + " tau(acc(b; +-x)) whose twins cancel after 0 and -1 do not determine the input");
        }
        int r = ramps.size();
        CancellingLayers net = new CancellingLayers(s, first, ramps, n);
        int size = s.size();
        List<CancellingLayers.Planned> signs = new ArrayList<>();
        for (int i = 0; i < r; i++) {
            long[] g = new long[size];
            for (int x = 0; x < size; x++) {
                long y = ramps.get(i)[x];
                g[x] = y > 0 ? big : y < 0 ? s.tau(m) : 0;
            }
            signs.add(new CancellingLayers.Planned(0, List.of(new CancellingLayers.Read(i, 1, n)), g, n, "sign " + i));
        }
        signs.add(new CancellingLayers.Planned(-1, List.of(), constant(size, -1), (int) -m, "constant -1"));
        Attempt<Boolean> built = net.add(signs, false)
                .flatMap(ok -> net.add(steps(s, ramps, n), false))
                .flatMap(ok -> net.add(passAndComplements(s, net, r), false))
                .flatMap(ok -> net.add(far(s, ramps, live), false))
                .flatMap(ok -> net.add(values(target, s, live), false))
                .flatMap(ok -> net.add(List.of(output(target, s, live)), true));
        return built.map(ok -> new BinaryNetwork(Network.of(s.setting().fixedPoint(), s.accumulation(),
                s.activation(), 1, net.layers(), Map.of()), live.size(), "binary saturated sign construction"
                + " (Theorem B8): " + r + " ramps, " + n + "-fold saturation to sign signals, steps [y >= 0] and"
                + " [y <= 0] with complements, " + live.size() + " far indicators and value neurons v [x = u]"));
    }

    /**
     * The ramps {@code tau(acc(b; +-x))} whose twins cancel after the biases 0 and -1, chosen in order
     * while they refine the partition of F by sign patterns, until it is discrete; their values go to
     * {@code values}. Empty if the partition does not become discrete.
     */
    private static List<Neuron> ramps(Machine s, List<long[]> values) {
        int size = s.size();
        long one = s.one().orElseThrow();
        List<Neuron> out = new ArrayList<>();
        long[] classOf = new long[size];
        int classes = 1;
        for (long b = s.min(); b <= s.max() && classes < size; b++) {
            for (int sign : new int[] {1, -1}) {
                long[] y = new long[size];
                for (int x = 0; x < size; x++) {
                    y[x] = s.tau(s.pre(b, sign * one, s.min() + x));
                }
                long[] distinct = java.util.Arrays.stream(y).distinct().toArray();
                if (BinaryGadgets.cancels(s, 0, distinct) == 0 || BinaryGadgets.cancels(s, -1, distinct) == 0) {
                    continue;
                }
                long[] refined = new long[size];
                Set<Long> seen = new HashSet<>();
                for (int x = 0; x < size; x++) {
                    refined[x] = 3 * classOf[x] + Long.signum(y[x]) + 1;
                    seen.add(refined[x]);
                }
                if (seen.size() > classes) {
                    classes = seen.size();
                    classOf = refined;
                    values.add(y);
                    out.add(Neuron.dense(b, sign * one));
                }
            }
        }
        return classes == size ? out : List.of();
    }

    /** Layer 3: {@code T+ = M [y >= 0]} and {@code T- = M [y <= 0]} per ramp, two copies each. */
    private static List<CancellingLayers.Planned> steps(Machine s, List<long[]> ramps, int n) {
        List<CancellingLayers.Planned> out = new ArrayList<>();
        int k = ramps.size(); // the constant -1
        int lift = (int) -s.min();
        for (int i = 0; i < ramps.size(); i++) {
            for (int sign : new int[] {1, -1}) {
                long[] t = new long[s.size()];
                for (int x = 0; x < t.length; x++) {
                    t[x] = sign * Long.signum(ramps.get(i)[x]) >= 0 ? s.max() : 0;
                }
                out.add(new CancellingLayers.Planned(s.max() + s.min(), List.of(new CancellingLayers.Read(i, sign, n),
                        new CancellingLayers.Read(k, -1, lift)), t, 2, "step " + (sign > 0 ? "[y >= 0]" : "[y <= 0]")
                        + " of ramp " + i));
            }
        }
        return out;
    }

    /** Layer 4: per step {@code T}, the pass {@code tau(acc(0; T, T))} and the complement {@code tau(acc(M; T, -T))}. */
    private static List<CancellingLayers.Planned> passAndComplements(Machine s, CancellingLayers net, int ramps) {
        List<CancellingLayers.Planned> out = new ArrayList<>();
        for (int t = 0; t < 2 * ramps; t++) {
            long[] step = net.values(t);
            long[] complement = new long[step.length];
            for (int x = 0; x < step.length; x++) {
                complement[x] = s.max() - step[x];
            }
            out.add(new CancellingLayers.Planned(0, List.of(new CancellingLayers.Read(t, 1, 2)), step.clone(), 2,
                    "pass of step " + t));
            out.add(new CancellingLayers.Planned(s.max(), List.of(new CancellingLayers.Read(t, 1, 1),
                    new CancellingLayers.Read(t, -1, 1)), complement, 2, "complement of step " + t));
        }
        return out;
    }

    /**
     * Layer 5: per live point {@code u}, {@code A_u = M [x != u]}, reading twice every layer-4 signal that
     * is {@code M} exactly where a ramp's sign differs from its sign at {@code u} (ramp {@code i}: pass of
     * {@code [y >= 0]} at {@code 4i}, its complement {@code [y < 0]} at {@code 4i + 1}, pass of
     * {@code [y <= 0]} at {@code 4i + 2}, its complement {@code [y > 0]} at {@code 4i + 3}).
     */
    private static List<CancellingLayers.Planned> far(Machine s, List<long[]> ramps, List<Integer> live) {
        List<CancellingLayers.Planned> out = new ArrayList<>();
        for (int u : live) {
            List<CancellingLayers.Read> reads = new ArrayList<>();
            for (int i = 0; i < ramps.size(); i++) {
                long y = ramps.get(i)[u];
                int[] wrong = y > 0 ? new int[] {4 * i + 2} : y < 0 ? new int[] {4 * i} : new int[] {4 * i + 1, 4 * i + 3};
                for (int w : wrong) {
                    reads.add(new CancellingLayers.Read(w, 1, 2));
                }
            }
            long[] a = constant(s.size(), s.max());
            a[u] = 0;
            out.add(new CancellingLayers.Planned(0, reads, a, 2, "far indicator of point " + u));
        }
        return out;
    }

    /** The positive values whose sum is {@code |v|}: {@code |v|}, or {@code M} and the rest where {@code |v| > M}. */
    private static List<Long> parts(Machine s, long v) {
        long a = Math.abs(v);
        return a <= s.max() ? List.of(a) : List.of(s.max(), a - s.max());
    }

    /** Layer 6: {@code V = tau(acc(v; A_u, -A_u)) = v [x = u]} for the parts of every {@code f(u)}. */
    private static List<CancellingLayers.Planned> values(FunctionTable target, Machine s, List<Integer> live) {
        List<CancellingLayers.Planned> out = new ArrayList<>();
        for (int p = 0; p < live.size(); p++) {
            int u = live.get(p);
            for (long v : parts(s, target.code(u))) {
                long[] e = new long[s.size()];
                e[u] = v;
                out.add(new CancellingLayers.Planned(v, List.of(new CancellingLayers.Read(p, 1, 1),
                        new CancellingLayers.Read(p, -1, 1)), e, 1, "value " + s.dec(v) + " at point " + u));
            }
        }
        return out;
    }

    /** The output neuron: every value neuron with the sign of its point's {@code f}; it computes {@code f}. */
    private static CancellingLayers.Planned output(FunctionTable target, Machine s, List<Integer> live) {
        List<CancellingLayers.Read> reads = new ArrayList<>();
        int k = 0;
        for (int u : live) {
            int sign = Long.signum(target.code(u));
            for (long v : parts(s, target.code(u))) {
                reads.add(new CancellingLayers.Read(k++, sign, 1));
            }
        }
        long[] f = new long[s.size()];
        for (int x = 0; x < f.length; x++) {
            f[x] = target.code(x);
        }
        return new CancellingLayers.Planned(0, reads, f, 1, "output");
    }

    private static long[] constant(int size, long v) {
        long[] out = new long[size];
        java.util.Arrays.fill(out, v);
        return out;
    }
}

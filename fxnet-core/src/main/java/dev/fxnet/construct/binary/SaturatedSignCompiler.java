package dev.fxnet.construct.binary;

import dev.fxnet.gadget.Machine;
import dev.fxnet.network.Network;
import dev.fxnet.target.FunctionTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongUnaryOperator;

/**
 * The saturated sign construction for binary weights in any dimension (docs/THEORY.md §13.1.5,
 * Theorem B8), for {@code SATURATE} and {@code PER_OP} where {@code tau} is the identity on
 * {@code [0, M]}, {@code tau(-1) = -1} and {@code tau(m) < 0} (codes): elu and the identity under two's
 * complement, whose other binary routes refuse. Every signal is carried by copies that the next layer
 * cancels where it does not read them ({@link CancellingLayers}); every stage is checked on every point
 * of {@code F^d}.
 *
 * <ol>
 *   <li><b>Ramps and thresholds.</b> First-layer neurons {@code y} (two copies each) and second-layer
 *       thresholds {@code z = tau(acc(beta; k1 (p y), k2 (-p y)))} ({@link SignThresholds}), {@code nG}
 *       copies each (a ramp has as many copies as its thresholds read).</li>
 *   <li><b>Signs.</b> {@code G = tau(acc(betaG; nG z))} is {@code tau(m)}, {@code tau(betaG)} or {@code M}
 *       by the sign of {@code z} (the sum saturates); a constant {@code K = tau(acc(-1)) = -1}, {@code -m}
 *       copies.</li>
 *   <li><b>Steps.</b> {@code T = tau(acc(M + m; nT (sigma G), -m (-K)))} for {@code sigma = +-1}: the
 *       sum saturates at {@code m} or {@code M}, and {@code -m} added to {@code m} is 0; each step is
 *       checked to take only the values 0 and {@code M}.</li>
 *   <li><b>Pass and complements.</b> {@code tau(acc(0; T, T)) = T} and {@code tau(acc(M; T, -T)) = M - T}
 *       (the first read saturates at {@code M} where {@code T = M}).</li>
 *   <li><b>Far indicators.</b> For each live point {@code u}, {@code A_u = tau(acc(0; 2 W ...))} over
 *       the signals {@code W} of the previous layer that are 0 at {@code u}: {@code A_u = M [x != u]},
 *       since the thresholds' classes determine the point.</li>
 *   <li><b>Values and output.</b> {@code V = tau(acc(v; A_u, -A_u)) = v [x = u]} for
 *       {@code 1 <= v <= M} ({@code v + M} saturates at {@code M}, and {@code M - M = 0}); the output
 *       adds the values of each point with the sign of {@code f(u)} ({@code m = -M - (-m - M)} in two's
 *       complement).</li>
 * </ol>
 * The layers before the far indicators do not depend on the table. The caller verifies the network on
 * all of {@code F^d}.
 */
final class SaturatedSignCompiler {
    /**
     * The weight limit of this route, twice the feature route's: the two's-complement identity in
     * {@code d = 3} at p=2,q=2 needs hundreds of thresholds read 16 times each (docs/THEORY.md §13.1.5).
     */
    static final long MAX_WEIGHTS = 2 * FeatureConstruction.MAX_WEIGHTS;

    private SaturatedSignCompiler() {
    }

    /** Why the setting is outside the hypotheses of Theorem B8, or null if it is inside. */
    static String outside(Machine s) {
        if (!s.perOp() || !s.arithmetic().saturates()) {
            return "Theorem B8 needs SATURATE and PER_OP";
        }
        if (s.one().isEmpty() || !s.contains(-1) || s.tau(-1) != -1 || s.tau(0) != 0 || s.tau(s.min()) >= 0) {
            return "Theorem B8 needs 1 in F, tau(0) = 0, tau(-1) = -1 (codes) and tau(min) < 0";
        }
        for (long v = 1; v <= s.max(); v++) {
            if (s.tau(v) != v) {
                return "Theorem B8 needs tau(v) = v for 0 < v <= M; tau(" + s.dec(v) + ") = " + s.dec(s.tau(v));
            }
        }
        return null;
    }

    /**
     * The copies and biases of the sign and step layers: {@code nG} copies of a threshold read by its
     * sign, {@code nT} copies of a sign read by a step (even, and enough for every nonzero sign to saturate
     * from {@code betaT}), the sign's bias {@code betaG} (0 where the twins of every value of {@code tau}
     * cancel after 0, else {@code M + m}) and the step's {@code betaT = M + m}.
     */
    record Plan(Machine s, int nG, int nT, long betaG, long betaT) {
        static Plan of(Machine s) {
            long m = s.min();
            long betaG = BinaryGadgets.cancels(s, 0, s.tauImage()) != 0 ? 0 : s.max() + m;
            int nG = (int) (-m + (-m & 1));
            long betaT = s.max() + m;
            long nT = 2;
            for (long g : new long[] {s.tau(m), s.tau(betaG), s.max()}) { // every nonzero sign saturates from betaT
                long gap = g < 0 ? betaT - m : s.max() - betaT;
                nT = g == 0 ? nT : Math.max(nT, (gap + Math.abs(g) - 1) / Math.abs(g));
            }
            return new Plan(s, nG, (int) (nT + (nT & 1)), betaG, betaT);
        }

        /** The sign {@code G} at threshold value {@code z}. */
        long sign(long z) {
            return s.tau(s.chain(betaG, s.one().orElseThrow(), z, nG));
        }

        /** The step {@code T} with sign {@code sigma} at sign value {@code g}. */
        long step(long g, int sigma) {
            long one = s.one().orElseThrow();
            return s.tau(s.chain2(betaT, sigma * one, g, nT, -one, -1, -s.min()));
        }

        /** Which steps are on at threshold value {@code z}: {@code 2 [T+ = M] + [T- = M]}; -1 if a step is not 0 or M. */
        long classOf(long z) {
            long plus = step(sign(z), 1);
            long minus = step(sign(z), -1);
            if (plus != 0 && plus != s.max() || minus != 0 && minus != s.max()) {
                return -1;
            }
            return 2 * (plus == 0 ? 0 : 1) + (minus == 0 ? 0 : 1);
        }
    }

    /**
     * Compiles a table with the saturated sign construction.
     *
     * @param live the indices of the points with {@code f != 0}, not empty
     * @return the network, or a refusal naming the hypothesis or stage that fails
     */
    static Attempt<BinaryNetwork> compile(FunctionTable target, Machine s, List<Integer> live) {
        String why = outside(s);
        if (why != null) {
            return Attempt.refused(s + ": the saturated sign construction does not apply: " + why);
        }
        Plan plan = Plan.of(s);
        long[] classes = new long[s.size()]; // the class of every code z (thresholds take values of tau only)
        for (long z = s.min(); z <= s.max(); z++) {
            classes[(int) (z - s.min())] = plan.classOf(z);
        }
        for (long z : s.tauImage()) {
            if (plan.classOf(z) < 0) {
                return Attempt.refused(s + ": the saturated sign construction does not apply: the step of the"
                        + " threshold value " + s.dec(z) + " is not 0 or M");
            }
        }
        LongUnaryOperator classOf = z -> classes[(int) (z - s.min())];
        Optional<SignThresholds> chosen = SignThresholds.choose(target, s, classOf, 1);
        if (chosen.isEmpty()) {
            chosen = SignThresholds.choose(target, s, classOf, (int) -s.min());
        }
        if (chosen.isEmpty()) {
            return Attempt.refused(s + ": the saturated sign construction does not apply: the classes of the"
                    + " thresholds tau(acc(beta; k1 (p y), k2 (-p y))) over first-layer neurons y do not determine the point");
        }
        SignThresholds th = chosen.get();
        int[] copies = new int[th.ramps().size()]; // a ramp has as many copies as its thresholds read (even)
        for (long[] c : th.reads()) {
            copies[(int) c[0]] = (int) Math.max(copies[(int) c[0]], c[2] + c[3]);
        }
        CancellingLayers net = new CancellingLayers(s, th.ramps(), th.rampValues(), copies);
        int r = th.reads().size();
        long weights = weights(java.util.Arrays.stream(copies).asLongStream().sum(), r, plan, live.size());
        if (weights > MAX_WEIGHTS) {
            return Attempt.refusedFinally(s + ": the saturated sign construction would have about " + weights
                    + " weights (" + r + " thresholds, " + live.size() + " nonzero points), over the limit of "
                    + MAX_WEIGHTS);
        }
        Attempt<Boolean> built = net.add(thresholds(th, plan), false)
                .flatMap(ok -> net.add(signs(net, plan, r), false))
                .flatMap(ok -> net.add(steps(net, plan, r), false))
                .flatMap(ok -> net.add(passAndComplements(s, net, 2 * r), false))
                .flatMap(ok -> net.add(far(s, net, 4 * r, live), false))
                .flatMap(ok -> net.add(values(target, s, live), false))
                .flatMap(ok -> net.add(List.of(output(target, s, live)), true));
        return built.map(ok -> new BinaryNetwork(Network.of(s.setting().fixedPoint(), s.accumulation(),
                s.activation(), target.dims(), net.layers(), Map.of()), live.size(), "binary saturated sign construction"
                + " (Theorem B8): " + th.ramps().size() + " ramps, " + r + " thresholds, " + plan.nG() + "- and "
                + plan.nT() + "-fold saturation to signs and steps, " + live.size() + " far indicators and value"
                + " neurons v [x = u]"));
    }

    /**
     * The number of weights of the network over {@code firstWidth} first-layer neurons, {@code r}
     * thresholds and {@code live} nonzero points (at most two value neurons each): layer by layer,
     * neurons times the width of the layer before.
     */
    static long weights(long firstWidth, long r, Plan plan, long live) {
        long signs = r * plan.nT() - plan.s().min();
        return r * plan.nG() * firstWidth + signs * r * plan.nG() + 4 * r * signs + 8 * r * 4 * r
                + 2 * live * 8 * r + 2 * live * 2 * live + 2 * live;
    }

    /** Layer 2: the thresholds {@code z = tau(acc(beta; k1 (p y), k2 (-p y)))}, {@code nG} copies each. */
    private static List<CancellingLayers.Planned> thresholds(SignThresholds th, Plan plan) {
        List<CancellingLayers.Planned> out = new ArrayList<>();
        for (int j = 0; j < th.reads().size(); j++) {
            long[] c = th.reads().get(j);
            int ramp = (int) c[0];
            List<CancellingLayers.Read> reads = c[3] == 0 ? List.of(new CancellingLayers.Read(ramp, (int) c[1], (int) c[2]))
                    : List.of(new CancellingLayers.Read(ramp, (int) c[1], (int) c[2]),
                            new CancellingLayers.Read(ramp, (int) -c[1], (int) c[3]));
            out.add(new CancellingLayers.Planned(c[4], reads, th.values().get(j).clone(), plan.nG(), "threshold " + j));
        }
        return out;
    }

    /** Layer 3: the signs {@code G = tau(acc(betaG; nG z))}, {@code nT} copies each, then the constant -1 ({@code -m} copies). */
    private static List<CancellingLayers.Planned> signs(CancellingLayers net, Plan plan, int r) {
        List<CancellingLayers.Planned> out = new ArrayList<>();
        for (int j = 0; j < r; j++) {
            long[] z = net.values(j);
            long[] g = new long[z.length];
            for (int i = 0; i < z.length; i++) {
                g[i] = plan.sign(z[i]);
            }
            out.add(new CancellingLayers.Planned(plan.betaG(), List.of(new CancellingLayers.Read(j, 1, plan.nG())), g,
                    plan.nT(), "sign " + j));
        }
        out.add(new CancellingLayers.Planned(-1, List.of(), constant(net.values(0).length, -1), (int) -plan.s().min(),
                "constant -1"));
        return out;
    }

    /** Layer 4: per sign {@code j}, the steps {@code T+} (index {@code 2j}) and {@code T-} ({@code 2j + 1}), two copies each. */
    private static List<CancellingLayers.Planned> steps(CancellingLayers net, Plan plan, int r) {
        List<CancellingLayers.Planned> out = new ArrayList<>();
        Machine s = plan.s();
        for (int j = 0; j < r; j++) {
            long[] g = net.values(j);
            for (int sigma : new int[] {1, -1}) {
                long[] t = new long[g.length];
                for (int i = 0; i < g.length; i++) {
                    t[i] = plan.step(g[i], sigma);
                }
                out.add(new CancellingLayers.Planned(plan.betaT(), List.of(new CancellingLayers.Read(j, sigma, plan.nT()),
                        new CancellingLayers.Read(r, -1, (int) -s.min())), t, 2, "step " + (sigma > 0 ? "+" : "-") + " " + j));
            }
        }
        return out;
    }

    /** Layer 5: per step {@code T}, the pass {@code tau(acc(0; T, T))} and the complement {@code tau(acc(M; T, -T))}. */
    private static List<CancellingLayers.Planned> passAndComplements(Machine s, CancellingLayers net, int steps) {
        List<CancellingLayers.Planned> out = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
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
     * Layer 6: per live point {@code u}, {@code A_u = M [x != u]}, reading twice every one of the
     * {@code signals} of the previous layer (each 0 or {@code M}) that is 0 at {@code u}.
     */
    private static List<CancellingLayers.Planned> far(Machine s, CancellingLayers net, int signals, List<Integer> live) {
        List<CancellingLayers.Planned> out = new ArrayList<>();
        for (int u : live) {
            List<CancellingLayers.Read> reads = new ArrayList<>();
            for (int w = 0; w < signals; w++) {
                if (net.values(w)[u] == 0) {
                    reads.add(new CancellingLayers.Read(w, 1, 2));
                }
            }
            long[] a = constant(net.values(0).length, s.max());
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

    /** Layer 7: {@code V = tau(acc(v; A_u, -A_u)) = v [x = u]} for the parts of every {@code f(u)}. */
    private static List<CancellingLayers.Planned> values(FunctionTable target, Machine s, List<Integer> live) {
        List<CancellingLayers.Planned> out = new ArrayList<>();
        for (int p = 0; p < live.size(); p++) {
            int u = live.get(p);
            for (long v : parts(s, target.code(u))) {
                long[] e = new long[target.size()];
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
        long[] f = new long[target.size()];
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

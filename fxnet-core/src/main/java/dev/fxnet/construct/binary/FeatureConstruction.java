package dev.fxnet.construct.binary;

import dev.fxnet.gadget.Machine;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import dev.fxnet.target.FunctionTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The feature step construction for binary weights in every dimension {@code d} (docs/THEORY.md §13,
 * Theorem B5), for {@code d >= 3} where the directions {@code x0 +- x1} of {@code d = 2} have no
 * analogue (a first-layer neuron lists every coordinate, so sums of three or more clamp):
 *
 * <ol>
 *   <li><b>Features.</b> First-layer neurons {@code phi_1..phi_K} whose outputs determine the point
 *       ({@link Features}); the directions are {@code phi_k} and {@code -phi_k}.</li>
 *   <li><b>Steps.</b> For every threshold {@code c} of every direction a step signal
 *       {@code [dir >= c]} ({@link StepSignals}: a first-layer neuron that separates the two sides on
 *       every point of {@code F^d} and a tail), all made 0 where false and one value {@code V} where
 *       true ({@link StepSignals#uniform}). A constant pair {@code K' = tau(beta)} sits in the last
 *       step layer.</li>
 *   <li><b>Points that sink.</b> One neuron per point {@code x} with {@code f(x) != 0}: bias {@code b},
 *       then for every feature its <em>wrong indicators</em> {@code [phi_k >= phi_k(x) + 1]} and
 *       {@code [-phi_k >= -phi_k(x) + 1]} (those that exist; each is {@code V} exactly where
 *       {@code phi_k} differs from {@code phi_k(x)} on that side, and at most one per feature is),
 *       each read twice with one sign {@code r}, then the constant pair {@code +K', -K'}. The sink is
 *       checked to output a value {@code o_b != 0} with no wrong indicator and 0 with every number
 *       {@code 1..K} of them ({@link BinaryCoordinateCompiler#bestSink}).</li>
 *   <li><b>Output.</b> The output neuron adds the point neurons with {@code +-1}; at most one is not
 *       0.</li>
 * </ol>
 * Every layer before the point layer depends only on the setting and {@code d}; the point neurons
 * take their reads from the point and their bias and output sign from {@code f(x)}.
 */
final class FeatureConstruction {
    /**
     * The weight limit of this route, three times {@link BinaryCompiler#MAX_WEIGHTS}: its tail layers are
     * quadratic in the number of steps (every tail neuron lists every twin), which grows with the
     * number of features {@code d >= 3} needs, while its point layer is small for the sparse tables
     * a verdict compiles.
     */
    static final long MAX_WEIGHTS = 3 * BinaryCompiler.MAX_WEIGHTS;

    private FeatureConstruction() {
    }

    /**
     * Compiles {@code target} ({@code d >= 1}; used for {@code d >= 3}) by the feature step
     * construction with the gadgets {@code g}.
     *
     * @param live the indices of the points with {@code f != 0}, not empty
     * @return the network, or a refusal naming the stage (final if it depends on the table or is the
     *     size limit)
     */
    static Attempt<BinaryNetwork> build(FunctionTable target, Machine s, BinaryGadgets g, List<Integer> live) {
        if (Features.work(s, target.dims(), target.size()) > Features.MAX_WORK) {
            return Attempt.refusedFinally(s + ": choosing the features of F^" + target.dims() + " would evaluate "
                    + String.format("%.2g", Features.work(s, target.dims(), target.size())) + " first-layer neuron outputs,"
                    + " over the limit of " + Features.MAX_WORK + " (feature step construction)");
        }
        Optional<Features> chosen = Features.choose(s, target);
        if (chosen.isEmpty()) {
            return Attempt.refused(s + ": no " + Features.MAX_FEATURES + " or fewer binary first-layer neurons"
                    + " determine the point of F^" + target.dims() + " (feature step construction; Theorem B5,"
                    + " hypothesis 1, features)");
        }
        Features features = chosen.get();
        Directions dirs = features.directions(target);
        int[] stride = new int[dirs.count()];
        Arrays.fill(stride, 1);
        Attempt<List<Signal>> steps = StepSignals.signals(s, g, dirs, stride).flatMap(x -> StepSignals.uniform(s, g, x));
        if (steps instanceof Attempt.Refused<List<Signal>> r) {
            return new Attempt.Refused<>("Theorem B5, hypothesis 2 (steps), fails: " + r.reason(), r.isFinal());
        }
        return steps.flatMap(signals -> {
            Optional<String> large = tooLarge(s, target.dims(), signals.size(), signals.get(0).tailLength(),
                    live.size());
            if (large.isPresent()) {
                return Attempt.refusedFinally(large.get());
            }
            if (signals.get(0).tailLength() == 0) {
                return Attempt.refused(s + ": the feature steps need a tail layer for their constant pair");
            }
            return assemble(target, s, live, features, dirs, signals);
        });
    }

    /** Steps 2 (layers), 3 and 4 over the uniform step signals. */
    private static Attempt<BinaryNetwork> assemble(FunctionTable target, Machine s, List<Integer> live,
            Features features, Directions dirs, List<Signal> signals) {
        long v = signals.get(0).whenTrue();
        int tailLen = signals.get(0).tailLength();
        BinaryCoordinateCompiler.Sink sink = BinaryCoordinateCompiler.bestSink(s,
                beta -> signals.stream().allMatch(x -> BinaryGadgets.cancels(s, beta, x.valuesPerLayer()[tailLen - 1]) != 0),
                new long[] {0, v}, features.count());
        if (sink == null) {
            return Attempt.refused(s + ": Theorem B5, hypothesis 3 (sink), fails: the feature step construction has no"
                    + " point neuron that outputs a value != 0"
                    + " with no wrong indicator and 0 with any of 1.." + features.count() + " (indicators " + s.dec(v)
                    + " read twice, then a constant pair read +K', -K'; every bias, K' and read sign tried)");
        }
        long k2 = s.tau(sink.beta());
        Signal constant = new Signal(0, dirs.lo(0), sink.beta(), null, null, null, k2, k2, new long[][] {{k2}}, false);
        List<Layer> layers = new ArrayList<>();
        return StepConstruction.stepLayers(s, signals, List.of(constant), layers).flatMap(lastValues ->
                points(target, s, dirs, signals, sink, lastValues, layers).map(net -> new BinaryNetwork(net,
                        live.size(), "binary feature step construction: " + features.count() + " features, "
                        + signals.size() + " step signals (first layer + " + tailLen + " tail layer(s), twin neurons, "
                        + signals.stream().filter(Signal::ladder).count() + " by a ladder; " + s.dec(v)
                        + " where true, 0 where false), a constant " + s.dec(k2) + ", " + live.size()
                        + " point neurons that sink")));
    }

    /** Step 3 and 4: the point neurons of the points with {@code f != 0} over the last step layer, and the output neuron. */
    private static Attempt<Network> points(FunctionTable target, Machine s, Directions dirs,
            List<Signal> signals, BinaryCoordinateCompiler.Sink sink, List<long[]> lastValues, List<Layer> layers) {
        Map<Threshold, Integer> id = new java.util.HashMap<>();
        for (int i = 0; i < signals.size(); i++) {
            id.put(new Threshold(signals.get(i).k(), signals.get(i).c()), i);
        }
        int constantPair = signals.size();
        List<Neuron> pointNeurons = new ArrayList<>();
        List<Long> outW = new ArrayList<>();
        for (int p = 0; p < target.size(); p++) {
            long f = target.code(p);
            if (f == 0) {
                continue;
            }
            Optional<List<Long>> parts = parts(sink, f);
            if (parts.isEmpty()) {
                return Attempt.refusedFinally(s + ": Theorem B5, hypothesis 4 (values), fails: the feature step"
                    + " construction has no point neurons whose outputs,"
                        + " added with +-1 and all of one sign, sum to " + s.dec(f) + " (the values one reaches: "
                        + sink.forValue().keySet().stream().map(s::dec).toList() + ")");
            }
            int[] sequence = sequence(dirs, p, id, constantPair);
            int[] signs = new int[sequence.length];
            Arrays.fill(signs, sink.readSign());
            signs[sequence.length - 2] = 1;
            signs[sequence.length - 1] = -1;
            for (long v : parts.get()) {
                BinaryCoordinateCompiler.SinkPoint sp = sink.forValue().get(v);
                Attempt<Neuron> n = TwinNeurons.overTwins(s, sp.bias(), lastValues, sequence, signs);
                if (n instanceof Attempt.Refused<Neuron> r) {
                    return r.as();
                }
                pointNeurons.add(n.orElseThrow());
                outW.add(sp.outSign() * s.one().orElse(-1));
            }
        }
        layers.add(Layer.of(pointNeurons));
        int[] src = new int[pointNeurons.size()];
        long[] w = new long[src.length];
        for (int q = 0; q < src.length; q++) {
            src[q] = q;
            w[q] = outW.get(q);
        }
        layers.add(Layer.of(List.of(Neuron.of(0, src, w))));
        return Attempt.built(Network.of(s.setting().fixedPoint(), s.accumulation(), s.activation(), target.dims(),
                layers, Map.of()));
    }

    /**
     * The reads of point {@code p}'s neurons: of every direction {@code k} with {@code dir_k(p) < hi_k},
     * the step {@code [dir_k >= dir_k(p) + 1]} twice (it is {@code V} exactly where {@code dir_k}
     * exceeds its value at {@code p}), then the constant pair twice.
     */
    private static int[] sequence(Directions dirs, int p, Map<Threshold, Integer> id, int constantPair) {
        List<Integer> seq = new ArrayList<>();
        for (int k = 0; k < dirs.count(); k++) {
            long w = dirs.value(k, p);
            if (w < dirs.hi(k)) {
                int j = id.get(new Threshold(k, w + 1));
                seq.add(j);
                seq.add(j);
            }
        }
        seq.add(constantPair);
        seq.add(constantPair);
        return seq.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Values of single sink point neurons (keys of the sink), all of the sign of {@code f}, whose sum
     * is {@code f}: the fewest, by dynamic programming over {@code 1..|f|}; empty if there are none.
     */
    static Optional<List<Long>> parts(BinaryCoordinateCompiler.Sink sink, long f) {
        int sign = f > 0 ? 1 : -1;
        int target = (int) Math.abs(f);
        long[] mags = sink.forValue().keySet().stream().filter(v -> Long.signum(v) == sign).mapToLong(Math::abs)
                .filter(v -> v <= target).toArray();
        int[] fewest = new int[target + 1];
        long[] last = new long[target + 1];
        Arrays.fill(fewest, Integer.MAX_VALUE);
        fewest[0] = 0;
        for (int t = 1; t <= target; t++) {
            for (long m : mags) {
                if (m <= t && fewest[(int) (t - m)] != Integer.MAX_VALUE && fewest[(int) (t - m)] + 1 < fewest[t]) {
                    fewest[t] = fewest[(int) (t - m)] + 1;
                    last[t] = m;
                }
            }
        }
        if (fewest[target] == Integer.MAX_VALUE) {
            return Optional.empty();
        }
        List<Long> out = new ArrayList<>();
        for (int t = target; t > 0; t -= (int) last[t]) {
            out.add(sign * last[t]);
        }
        return Optional.of(out);
    }


    /**
     * The reason the network is refused for size, if it is: first layer over {@code d} inputs,
     * tail layers over {@code 2 sig} twins, point neurons over them, output neuron.
     */
    private static Optional<String> tooLarge(Machine s, int d, int sig, int tailLen, int points) {
        long estimate = 2L * (sig + 1) * d + (long) tailLen * 4L * (sig + 1) * (sig + 1)
                + (long) points * (2L * sig + 2) + points;
        if (estimate > MAX_WEIGHTS) {
            return Optional.of("the binary feature step network for " + s + " on F^" + d + " would have about "
                    + estimate + " weights (" + sig + " step signals, " + points + " point neurons), over the limit of "
                    + MAX_WEIGHTS + "; use a smaller format, dimension or table");
        }
        return Optional.empty();
    }
}

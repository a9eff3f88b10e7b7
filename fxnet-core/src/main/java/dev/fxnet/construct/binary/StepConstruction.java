package dev.fxnet.construct.binary;

import dev.fxnet.target.FunctionTable;
import dev.fxnet.gadget.Machine;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One layout of the step construction ({@link BinaryCompiler}; docs/CONSTRUCTION.md, section 6)
 * with one set of gadgets: the step signals ({@link StepSignals}), their layers of twin neurons,
 * then either the point neurons over the steps ({@link StepPoints}) or, in {@code d = 2} on large
 * grids, the bit layer ({@link BitLayer}), and the value layer ({@link BinaryValueLayer}).
 */
final class StepConstruction {
    private StepConstruction() {
    }

    /** The step signals and, where the point neurons read them directly, the plan of the point neurons. */
    private record Planned(List<Signal> signals, StepPoints.PointPlan plan) {
    }

    /**
     * The network of the step construction with the gadgets {@code g}, by bits if {@code forceBits}
     * or the grid is too large for a point layer over every step ({@link #bitsBySize}).
     *
     * @return the network, or a refusal naming the stage (final if it depends on the table or is
     *     the size limit)
     */
    static Attempt<BinaryNetwork> build(FunctionTable target, Machine s, BinaryGadgets g, List<Integer> live,
            boolean forceBits) {
        int d = target.dims();
        Directions dirs = Directions.of(target);
        boolean bits = d == 2 && (forceBits || bitsBySize(target.size(), s));
        int[] stride = bits ? new int[] {2, 1} : new int[] {1, 1};
        Attempt<List<Signal>> found = StepSignals.signals(s, g, dirs, stride);
        if (bits) {
            found = found.flatMap(x -> StepSignals.uniform(s, g, x));
        }
        return found.flatMap(signals -> {
            Optional<String> large = tooLarge(s, d, signals.size(), signals.get(0).tailLength(),
                    bits ? 0 : live.size());
            if (large.isPresent()) {
                return Attempt.refusedFinally(large.get());
            }
            if (bits) {
                return byBits(target, s, live, dirs, signals);
            }
            return planned(s, g, signals, dirs, live.size()).flatMap(p -> byPoints(target, s, live, p));
        });
    }

    /**
     * Whether a point layer over every step would be too wide in {@code d = 2}, so that the bits of
     * the indices of {@code x0 + x1} (every other threshold: its parity is that of {@code x0 - x1})
     * and of {@code x0 - x1} come between ({@link BitLayer}).
     */
    static boolean bitsBySize(int n, Machine s) {
        long range = 2 * (s.max() - s.min()); // x0 + x1 and x0 - x1 each span twice F's range
        return (long) n * 4 * (2 * range) > BinaryCompiler.MAX_WEIGHTS / 2;
    }

    /**
     * The point neurons' plan, planned over every point, so that the layers before the value neurons
     * do not depend on which points are live (THEORY §6, B2); where the steps as built admit none
     * (mixed orientation and size), one more layer makes them 0 where false and one value where true.
     */
    private static Attempt<Planned> planned(Machine s, BinaryGadgets g, List<Signal> signals, Directions dirs,
            int live) {
        Map<Threshold, Integer> signalId = new HashMap<>();
        for (int i = 0; i < signals.size(); i++) {
            signalId.put(new Threshold(signals.get(i).k(), signals.get(i).c()), i);
        }
        Attempt<StepPoints.PointPlan> first = StepPoints.plan(s, g, signals, signalId, dirs, false);
        if (first instanceof Attempt.Built<StepPoints.PointPlan> built) {
            return Attempt.built(new Planned(signals, built.value()));
        }
        return StepSignals.normalized(s, g, signals).flatMap(norm -> StepPoints.plan(s, g, norm, signalId, dirs, false)
                .flatMap(plan -> {
                    Optional<String> large = tooLarge(s, dirs.dims(), norm.size(), norm.get(0).tailLength(), live);
                    return large.isPresent() ? Attempt.<Planned>refusedFinally(large.get())
                            : Attempt.built(new Planned(norm, plan));
                }));
    }

    /**
     * The reason a network estimated above {@link BinaryCompiler#MAX_WEIGHTS} is refused, if it is:
     * first layer, tail layers over {@code 2 sig} twins, point neurons over them, value neurons over
     * the points.
     */
    private static Optional<String> tooLarge(Machine s, int d, int sig, int tailLen, int points) {
        long estimate = 2L * sig * d + (long) tailLen * 4L * sig * sig + (long) points * 2 * sig
                + 2L * s.max() * points;
        if (estimate > BinaryCompiler.MAX_WEIGHTS) {
            return Optional.of("the binary-weight network for " + s + " on F^" + d + " would have"
                    + " about " + estimate + " weights (" + sig + " step signals, " + points + " point neurons),"
                    + " over the limit of " + BinaryCompiler.MAX_WEIGHTS + "; use a smaller format or dimension");
        }
        return Optional.empty();
    }

    /** Steps 3 and 4 by bits: the bit layer, the point layer over the bits, the value layer and the output. */
    private static Attempt<BinaryNetwork> byBits(FunctionTable target, Machine s, List<Integer> live, Directions dirs,
            List<Signal> signals) {
        List<Layer> layers = new ArrayList<>();
        return stepLayers(s, signals, List.of(), layers).flatMap(lastValues -> {
            List<Threshold> thresholds = signals.stream().map(x -> new Threshold(x.k(), x.c())).toList();
            BitLayer.Steps steps = new BitLayer.Steps(thresholds, signals.get(0).whenTrue(), lastValues);
            return BitLayer.pointsByBits(s, target, live, steps, dirs, layers).map(values -> {
                Network net = Network.of(s.setting().fixedPoint(), s.accumulation(), s.activation(), dirs.dims(), layers,
                        Map.of());
                String gadgets = "binary, bit layer: " + signals.size() + " step signals (first layer + "
                        + signals.get(0).tailLength() + " tail layer(s), twin neurons, "
                        + signals.stream().filter(Signal::ladder).count() + " by a ladder), " + values;
                return new BinaryNetwork(net, live.size(), gadgets);
            });
        });
    }

    /** Steps 3 and 4 over the steps: the point layer of {@code p}'s plan, the value layer and the output. */
    private static Attempt<BinaryNetwork> byPoints(FunctionTable target, Machine s, List<Integer> live, Planned p) {
        List<Signal> signals = p.signals();
        StepPoints.PointPlan pp = p.plan();
        int sig = signals.size();
        List<Layer> layers = new ArrayList<>();
        return stepLayers(s, signals, pp.constants(), layers).flatMap(lastValues -> {
            List<Long> lastConstants = new ArrayList<>();
            for (int j = sig; j < lastValues.size(); j++) {
                lastConstants.add(lastValues.get(j)[0]);
            }
            return BinaryValueLayer.pointAndValueLayers(s, target, live, pp.ons(), (q, on) -> {
                StepPoints.PointOption opt = pp.option(live.get(q), on);
                int[] reads = pp.used()[live.get(q)].clone();
                for (int u = 0; u < reads.length; u++) {
                    if (reads[u] >= sig) {
                        reads[u] = sig + lastConstants.indexOf(pp.constants().get(reads[u] - sig).whenTrue());
                    }
                }
                return TwinNeurons.overTwins(s, opt.bias(), lastValues, reads, opt.signs(), opt.interleave());
            }, lastValues, layers).finalIfRefused().map(values -> {
                Network net = Network.of(s.setting().fixedPoint(), s.accumulation(), s.activation(), target.dims(), layers,
                        Map.of());
                return new BinaryNetwork(net, live.size(), gadgets(signals, !pp.constants().isEmpty()) + values);
            });
        });
    }

    private static String gadgets(List<Signal> signals, boolean virtual) {
        long ladders = signals.stream().filter(Signal::ladder).count();
        long zeroed = signals.stream().filter(Signal::zeroedByConstant).count();
        return "binary: " + signals.size() + " step signals (first layer + " + signals.get(0).tailLength()
                + " tail layer(s), twin neurons" + (ladders > 0 ? ", " + ladders + " by a ladder" : "")
                + (zeroed > 0 ? ", " + zeroed + " given their 0 by a constant pair" : "")
                + (virtual ? ", constant pairs for the missing steps at the ends" : "") + "), ";
    }

    /**
     * Steps 1 and 2 as layers: the first layer (twin neurons over the inputs) and the tail layers,
     * each with the constant pairs the next reads ({@code {b, s, k, t, interleave}} tail neurons read
     * them from the layer before; the {@code virtual} pseudo-signals of the point neurons from the
     * last).
     *
     * @return the values of every pair of the last layer (the signals', then the constants'), or a
     *     refusal if a pair cancels in neither order
     */
    static Attempt<List<long[]>> stepLayers(Machine s, List<Signal> signals, List<Signal> virtual,
            List<Layer> layers) {
        int d = signals.get(0).signs().length;
        int tailLen = signals.get(0).tailLength();
        List<Neuron> first = new ArrayList<>();
        for (Signal sg : signals) {
            long[] w = new long[d];
            for (int j = 0; j < d; j++) {
                w[j] = sg.signs()[j] * s.one().orElse(-1);
            }
            first.add(Neuron.of(sg.bias(), sg.order(), w));
        }
        layers.add(Layer.of(TwinNeurons.twice(first)));
        // constant pairs: those tail neuron l reads ({b, s, k, t, interleave}) sit in tail layer l - 1
        List<TreeMap<Long, Long>> constantsAt = new ArrayList<>();
        for (int l = 0; l < tailLen; l++) {
            constantsAt.add(new TreeMap<>());
        }
        for (Signal c : virtual) {
            constantsAt.get(tailLen - 1).put(c.whenTrue(), c.bias());
        }
        for (Signal sg : signals) {
            for (int l = 1; l < tailLen; l++) {
                if (sg.tail()[l].length == 5) {
                    constantsAt.get(l - 1).put(s.tau(sg.tail()[l][2]), sg.tail()[l][2]);
                }
            }
        }
        for (int l = 0; l < tailLen; l++) {
            List<Long> constantValues = l == 0 ? List.of() : new ArrayList<>(constantsAt.get(l - 1).keySet());
            List<long[]> pairValues = pairValues(signals, l, constantValues);
            int layer = l;
            Attempt<List<Neuron>> tails = Attempt.each(signals.size(),
                    i -> tailNeuron(s, signals.get(i).tail()[layer], i, pairValues, constantValues));
            List<Long> biases = new ArrayList<>(constantsAt.get(l).values());
            Attempt<List<Neuron>> constants = tails.flatMap(x -> Attempt.each(biases.size(),
                    j -> TwinNeurons.constant(s, biases.get(j), pairValues)));
            if (constants instanceof Attempt.Refused<List<Neuron>> r) {
                return r.as();
            }
            List<Neuron> ns = new ArrayList<>(TwinNeurons.twice(tails.orElseThrow()));
            ns.addAll(TwinNeurons.twice(constants.orElseThrow()));
            layers.add(Layer.of(ns));
        }
        List<Long> lastConstants = tailLen == 0 ? List.of() : new ArrayList<>(constantsAt.get(tailLen - 1).keySet());
        return Attempt.built(pairValues(signals, tailLen, lastConstants));
    }

    /**
     * The tail neuron {@code t} of signal {@code i}: {@code {b, s}} reads it twice with one sign,
     * {@code {b, s1, s2}} with two, {@code {b, s, k, t, interleave}} with a constant pair after it.
     */
    private static Attempt<Neuron> tailNeuron(Machine s, long[] t, int i, List<long[]> pairValues,
            List<Long> constantValues) {
        int sig = pairValues.size() - constantValues.size();
        if (t.length == 2) {
            return TwinNeurons.overTwins(s, t[0], pairValues, new int[] {i}, new int[] {(int) t[1]}, false);
        }
        if (t.length == 3) {
            return TwinNeurons.overTwins(s, t[0], pairValues, new int[] {i, i}, new int[] {(int) t[1], (int) t[2]});
        }
        return TwinNeurons.overTwins(s, t[0], pairValues, new int[] {i, sig + constantValues.indexOf(s.tau(t[2]))},
                new int[] {(int) t[1], (int) t[3]}, t[4] != 0);
    }

    /** The values of every pair in the layer after tail neuron {@code layer}: the signals', then the constants'. */
    private static List<long[]> pairValues(List<Signal> signals, int layer, List<Long> constants) {
        List<long[]> out = new ArrayList<>();
        for (Signal sg : signals) {
            out.add(sg.valuesPerLayer()[layer]);
        }
        for (long kv : constants) {
            out.add(new long[] {kv});
        }
        return out;
    }
}

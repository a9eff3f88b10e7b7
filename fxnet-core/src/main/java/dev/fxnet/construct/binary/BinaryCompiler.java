package dev.fxnet.construct.binary;

import dev.fxnet.target.FunctionTable;
import dev.fxnet.gadget.Machine;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The binary-weight construction (SPEC §4: every weight {@code +-1}, every neuron lists every
 * source of the previous layer) for {@code d = 1} and {@code d = 2}; docs/CONSTRUCTION.md, section 6.
 *
 * <ol>
 *   <li><b>Directions.</b> {@code t = x} for {@code d = 1}; {@code u = x0 + x1} and
 *       {@code v = x0 - x1} for {@code d = 2}, which determine the point. For every threshold
 *       {@code c} of a direction, a first-layer neuron (bias, signs, order; it lists every input)
 *       whose saturated pre-activation decides {@code [dir(x) >= c]} by one cut {@code theta},
 *       checked on every point of {@code F^d}.</li>
 *   <li><b>Steps.</b> A tail of {@link BinaryGadgets} (a 1- or 2-neuron tail from the exhaustive
 *       search, else a {@linkplain BinaryGadgets#ladder ladder}) turns the first-layer output into an
 *       exact two-valued step; tails are padded to one length, and a last layer reading a constant
 *       pair gives a step without 0 its 0. Every signal is carried by twin neurons, which the next
 *       layer cancels where it does not want them.</li>
 *   <li><b>Points.</b> One neuron per point {@code x0} with {@code f(x0) != 0} reads the steps at
 *       {@code dir(x0)} and {@code dir(x0) + 1} of every direction (in {@code d = 2} on large grids,
 *       the bits of the directions' indices instead, {@link BitLayer}); its bias and signs are chosen
 *       so that it outputs a common value {@code on} at {@code x0} and exactly 0 elsewhere, checked
 *       on every combination of its steps.</li>
 *   <li><b>Values.</b> Neurons {@code B_j = tau(b_j +- on)} (each lists every point neuron, {@code +1}
 *       for the points in its set): {@code tau(b_j - on) = tau(b_j) = 0}, {@code tau(b_j + on) = v_j};
 *       or, where no such bias exists, over twin point neurons and a constant pair
 *       ({@link BinaryValueLayer#valueNeurons}).
 *       The values {@code v_j} are chosen so that every {@code |f(x)|} is a sum of some of them;
 *       the output neuron adds them with {@code +-1}, without an intermediate overflow.</li>
 * </ol>
 * Before all of these, where its hypotheses hold ({@code tau} is relu on F, SATURATE, PER_OP, symmetric
 * codes, {@code d <= 2}), the bit-slice construction ({@link BitSliceCompiler}, docs/BINARY-COMPACT.md)
 * is tried; the routes below run, with their own messages, only where it refuses.
 * Where the steps cannot be built (the identity, whose neurons output 0 only by exact
 * cancellation), {@code d = 1} takes {@link BinarySignCompiler} and {@code d = 2}
 * {@link BinaryCoordinateCompiler}; {@code d >= 3} takes {@link FeatureConstruction} (Theorem B5)
 * and, in {@code d = 3} where its steps are missing, {@link BinaryCoordinateCompiler} over three
 * coordinates (docs/THEORY.md §13.1, Theorem B7). Where these refuse and the setting satisfies the
 * hypotheses of Theorem B8 (docs/THEORY.md §13.1.5), every dimension takes
 * {@link SaturatedSignCompiler}. The network is verified on all of {@code F^d} by the caller.
 */
public final class BinaryCompiler {
    /** Networks above this many weights are refused before they are built. */
    static final long MAX_WEIGHTS = 6_000_000L;

    /** Formats with at most this many values get a second attempt with the inner gadgets. */
    static final int INNER_LIMIT = 1024;

    private BinaryCompiler() {
    }

    /**
     * Builds a binary-weight network computing {@code target} in setting {@code s}, or refuses. The
     * network is not verified here: the caller verifies it on all of {@code F^d}.
     *
     * @throws IllegalArgumentException if the construction refuses: the format lacks
     *     the value 1, no gadget exists for a stage, or the network would be too large; the message
     *     names the reason
     */
    public static BinaryNetwork compile(FunctionTable target, Machine s) {
        int d = target.dims();
        BinaryGadgets.requireOne(s);
        int n = target.size();
        List<Integer> live = new ArrayList<>(); // points with f != 0
        for (int i = 0; i < n; i++) {
            if (target.code(i) != 0) {
                live.add(i);
            }
        }
        if (live.isEmpty()) {
            return new BinaryNetwork(zero(s, d), 0, "none (zero function)");
        }
        if (d <= 2 && BitSliceCompiler.outside(s) == null
                && BitSliceCompiler.compile(target, s, live) instanceof Attempt.Built<BinaryNetwork> slices) {
            return slices.value(); // tried first; on a refusal the other routes run as before, with their own messages
        }
        return routes(target, s, live).orElseThrow();
    }

    /**
     * The routes of the dimension on the points {@code live}, else (after a refusal that is not final,
     * or any refusal in {@code d = 1}) the saturated sign construction (Theorem B8,
     * docs/THEORY.md §13.1.5), whose layers before the far indicators do not depend on the table.
     */
    private static Attempt<BinaryNetwork> routes(FunctionTable target, Machine s, List<Integer> live) {
        Attempt<BinaryNetwork> earlier = earlierRoutes(target, s, live);
        if (!(earlier instanceof Attempt.Refused<BinaryNetwork> failed) || target.dims() > 1 && failed.isFinal()
                || SaturatedSignCompiler.outside(s) != null) {
            return earlier; // outside Theorem B8's hypotheses the refusal is the other routes' own
        }
        Attempt<BinaryNetwork> saturated = SaturatedSignCompiler.compile(target, s, live);
        if (!(saturated instanceof Attempt.Refused<BinaryNetwork> saturatedFailed)) {
            return saturated;
        }
        return new Attempt.Refused<>(failed.reason() + "; and " + saturatedFailed.reason(), saturatedFailed.isFinal());
    }

    /** The step construction, else the sign construction of the dimension, on the points {@code live}. */
    private static Attempt<BinaryNetwork> earlierRoutes(FunctionTable target, Machine s, List<Integer> live) {
        if (target.dims() >= 3) {
            Attempt<BinaryNetwork> features = features(target, s, live);
            if (target.dims() > 3 || !(features instanceof Attempt.Refused<BinaryNetwork> featuresFailed)
                    || featuresFailed.isFinal()) {
                return features;
            }
            Attempt<BinaryNetwork> signs = BinaryCoordinateCompiler.attempt(target, s, live);
            if (!(signs instanceof Attempt.Refused<BinaryNetwork> signsFailed)) {
                return signs;
            }
            return new Attempt.Refused<>(featuresFailed.reason() + "; and " + signsFailed.reason(), signsFailed.isFinal());
        }
        Attempt<BinaryNetwork> steps = steps(target, s, live);
        if (!(steps instanceof Attempt.Refused<BinaryNetwork> stepsFailed)) {
            return steps;
        }
        // in d = 2 a refusal that depends on the table takes no other route, so that the layers before the
        // point layer are the same for every table that builds (THEORY §6); d = 1 has always retried
        if (target.dims() > 1 && stepsFailed.isFinal()) {
            return steps;
        }
        Attempt<BinaryNetwork> signs = target.dims() > 1 ? BinaryCoordinateCompiler.attempt(target, s, live)
                : BinarySignCompiler.compile(target, s, live);
        if (!(signs instanceof Attempt.Refused<BinaryNetwork> signsFailed)) {
            return signs;
        }
        return new Attempt.Refused<>(stepsFailed.reason() + "; and " + signsFailed.reason(), signsFailed.isFinal());
    }

    /**
     * The step construction (steps, points, values) on the points {@code live} with {@code f != 0}:
     * with the gadgets of {@link BinaryGadgets#find(Machine)}; else with the inner ones, whose
     * biases let ladders with slack share their layers with every other step; else, in
     * {@code d = 2} where the point layer reads the steps themselves, with the inner gadgets and the
     * bit layer, whose point neurons can fall to a sink. The next layout is tried only after a
     * refusal that is not final ({@link Attempt}), and the inner gadgets only for formats of at
     * most {@value #INNER_LIMIT} values (their search costs as much again).
     */
    private static Attempt<BinaryNetwork> steps(FunctionTable target, Machine s, List<Integer> live) {
        Attempt<BinaryNetwork> outer = StepConstruction.build(target, s, BinaryGadgets.find(s, false), live, false);
        if (!(outer instanceof Attempt.Refused<BinaryNetwork> plain) || plain.isFinal() || s.size() > INNER_LIMIT) {
            return outer;
        }
        String within = " (biases within " + s.dec(s.max() - BinaryGadgets.find(s, true).maxSlack()) + " of 0)";
        Attempt<BinaryNetwork> inner = StepConstruction.build(target, s, BinaryGadgets.find(s, true), live, false);
        if (!(inner instanceof Attempt.Refused<BinaryNetwork> innerFailed) || innerFailed.isFinal()) {
            return inner;
        }
        String why = innerFailed.reason().equals(plain.reason()) ? plain.reason()
                : plain.reason() + "; with the inner gadgets" + within + ": " + innerFailed.reason();
        if (target.dims() == 2 && !StepConstruction.bitsBySize(target.size(), s)) {
            Attempt<BinaryNetwork> bits = StepConstruction.build(target, s, BinaryGadgets.find(s, true), live, true);
            if (!(bits instanceof Attempt.Refused<BinaryNetwork> bitsFailed) || bitsFailed.isFinal()) {
                return bits;
            }
            why += "; with the inner gadgets and the bit layer: " + bitsFailed.reason();
        }
        return Attempt.refused(why);
    }

    /**
     * The feature step construction ({@link FeatureConstruction}, every {@code d}; used for
     * {@code d >= 3}) with the gadgets of {@link BinaryGadgets#find(Machine)}, else with the inner
     * ones (formats of at most {@value #INNER_LIMIT} values) after a refusal that is not final.
     */
    private static Attempt<BinaryNetwork> features(FunctionTable target, Machine s, List<Integer> live) {
        Attempt<BinaryNetwork> outer = FeatureConstruction.build(target, s, BinaryGadgets.find(s, false), live);
        if (!(outer instanceof Attempt.Refused<BinaryNetwork> plain) || plain.isFinal() || s.size() > INNER_LIMIT) {
            return outer;
        }
        Attempt<BinaryNetwork> inner = FeatureConstruction.build(target, s, BinaryGadgets.find(s, true), live);
        if (!(inner instanceof Attempt.Refused<BinaryNetwork> innerFailed) || innerFailed.isFinal()) {
            return inner;
        }
        return Attempt.refused(plain.reason().equals(innerFailed.reason()) ? plain.reason()
                : plain.reason() + "; with the inner gadgets: " + innerFailed.reason());
    }

    /** The zero function: twin neurons {@code tau(0 + x0 + ...)} cancelled by the output neuron. */
    private static Network zero(Machine s, int d) {
        long one = s.one().orElse(-1);
        long[] w = new long[d];
        Arrays.fill(w, one);
        Neuron h = Neuron.dense(0, w);
        long[] values = new long[s.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = s.tau(s.min() + i);
        }
        int first = BinaryGadgets.cancels(s, 0, values);
        if (first == 0) {
            throw new IllegalArgumentException(s + ": the twins of a hidden neuron do not cancel after the bias 0");
        }
        return Network.of(s.setting().fixedPoint(), s.accumulation(), s.activation(), d,
                List.of(Layer.of(h, h), Layer.of(Neuron.dense(0, first * one, -first * one))), Map.of());
    }
}

package dev.fxnet.construct;

import dev.fxnet.target.FunctionTable;
import dev.fxnet.eval.EvaluationKernel;
import dev.fxnet.eval.FastEvaluator;
import dev.fxnet.eval.GridEvaluator;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.eval.RangeCheck;
import dev.fxnet.network.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/** Checks a network against a table on every point of {@code F^d}, in parallel (issue #3, point 3). */
public final class Verifier {
    private Verifier() {
    }

    /** One point where the network and the table differ. */
    public record Mismatch(long[] point, long expected, long actual) {
    }

    /** The outcome: how many points were checked, how many differ, and the first few that do. */
    public record Result(long points, long mismatches, List<Mismatch> first, FunctionTable actual) {
        public boolean exact() {
            return mismatches == 0;
        }
    }

    /**
     * Evaluates {@code net} on all of {@code F^d} and compares with {@code target}.
     *
     * @param keep how many mismatches to report
     * @param progress receives counts of finished points (any thread); may be null
     * @throws IllegalArgumentException if the network and the table disagree on format or dimension
     */
    public static Result verify(Network net, FunctionTable target, int keep, LongConsumer progress) {
        checkCompatible(net, target);
        int[] out = net.outputs() == 1 ? new GridEvaluator(net).evaluateAll(progress)
                : new FastEvaluator(net).evaluateAll(progress);
        InputSpace space = target.space();
        long bad = 0;
        List<Mismatch> first = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            if (out[i] != target.code(i)) {
                bad++;
                if (first.size() < keep) {
                    first.add(new Mismatch(space.point(i), target.code(i), out[i]));
                }
            }
        }
        return new Result(out.length, bad, first, FunctionTable.of(net.arithmetic(), target.dims(), out));
    }

    /**
     * Checks {@code net} against {@code target} on the points {@code fromIndex..toIndex-1} of
     * {@code F^d} ({@link InputSpace} order), in parallel, for an engine that splits {@code F^d}
     * into work units: the number of points, of mismatches, the first {@code keep} mismatches in
     * index order and the {@link dev.fxnet.eval.OutputDigest} of the network's outputs. Results of
     * consecutive ranges join with {@link RangeCheck#then} into exactly the result of their union,
     * whatever the split. Compiles the network on every call; an engine checking many ranges of one
     * network compiles it once with {@link EvaluationKernel#of} and calls
     * {@link #verifyRange(EvaluationKernel, FunctionTable, long, long, int)}.
     *
     * @throws IllegalArgumentException if the network and the table disagree on format or dimension,
     *     the network has not exactly one output, the kernel does not take it
     *     ({@link EvaluationKernel#supports}), or the range is not within {@code 0..|F^d|}
     */
    public static RangeCheck verifyRange(Network net, FunctionTable target, long fromIndex, long toIndex, int keep) {
        checkCompatible(net, target);
        return verifyRange(EvaluationKernel.of(net), target, fromIndex, toIndex, keep);
    }

    /**
     * {@link #verifyRange(Network, FunctionTable, long, long, int)} with the network already
     * compiled; the caller checked that it fits the table (or called the other form once).
     *
     * @throws IllegalArgumentException if the grids differ in size or the range is not within {@code 0..|F^d|}
     */
    public static RangeCheck verifyRange(EvaluationKernel kernel, FunctionTable target, long fromIndex, long toIndex,
            int keep) {
        if (kernel.space().size() != target.size() || kernel.outputs() != 1) {
            throw new IllegalArgumentException("the network's grid has " + kernel.space().size() + " points and "
                    + kernel.outputs() + " outputs; the target has " + target.size() + " points and needs 1 output");
        }
        return kernel.checkRange(fromIndex, toIndex, i -> target.code((int) i), keep, null);
    }

    private static void checkCompatible(Network net, FunctionTable target) {
        if (!target.onGridOf(net.arithmetic())) {
            throw new IllegalArgumentException("the network's format " + net.arithmetic().formatName()
                    + " differs from the target's " + target.gridName());
        }
        if (net.inputs() != target.dims()) {
            throw new IllegalArgumentException("the network has " + net.inputs() + " inputs but the target is on F^"
                    + target.dims());
        }
        if (net.outputs() != 1) {
            throw new IllegalArgumentException("the network has " + net.outputs() + " outputs; a table needs exactly 1");
        }
    }

    /**
     * Evaluates {@code net} on every point of {@code domain} (a grid or a restriction of one,
     * {@link InputSpace#within}) and compares with {@code expected}, one code per point of the domain
     * in its order. The network is run on its whole grid by {@link GridEvaluator} and read at the
     * domain's points only, so the result says nothing about points outside the domain.
     *
     * @param keep how many mismatches to report
     * @param progress receives counts of finished points of the whole grid (any thread); may be null
     * @throws IllegalArgumentException if the dimensions differ, {@code expected} has not one code per
     *     point, or the network has not exactly one output
     */
    public static Result verifyOn(Network net, InputSpace domain, int[] expected, int keep, LongConsumer progress) {
        if (net.inputs() != domain.dims() || expected.length != domain.size()) {
            throw new IllegalArgumentException("the network has " + net.inputs() + " inputs and the target "
                    + expected.length + " values on a domain of " + domain.size() + " points in dimension "
                    + domain.dims());
        }
        if (net.outputs() != 1) {
            throw new IllegalArgumentException("the network has " + net.outputs() + " outputs; a table needs exactly 1");
        }
        int[] out = new GridEvaluator(net).evaluateAll(progress);
        InputSpace full = InputSpace.of(net.arithmetic(), net.inputs());
        long bad = 0;
        List<Mismatch> first = new ArrayList<>();
        long[] x = new long[domain.dims()];
        for (int i = 0; i < expected.length; i++) {
            domain.point(i, x);
            int actual = out[(int) full.indexOf(x)];
            if (actual != expected[i]) {
                bad++;
                if (first.size() < keep) {
                    first.add(new Mismatch(x.clone(), expected[i], actual));
                }
            }
        }
        return new Result(expected.length, bad, first, null);
    }
}

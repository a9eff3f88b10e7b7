package dev.fxnet.engine;

import dev.fxnet.eval.FastEvaluator;
import dev.fxnet.eval.EvaluationKernel;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.eval.OutputDigest;
import dev.fxnet.eval.RangeCheck;
import dev.fxnet.network.Network;
import dev.fxnet.target.FunctionTable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Verification of a network against a target over ranges of input indices: the one per-range
 * computation every engine runs ({@link #run}), and the whole job ({@link #verify}) cut by an engine
 * and combined. Exact: outputs are the evaluators' integer codes, compared as integers.
 */
public final class RangeVerification {
    private RangeVerification() {
    }

    /**
     * The network on the points {@code from ..< to} of {@code F^d} (indices in {@link InputSpace}
     * order), compared with the target's codes there: the range is run by the evaluation kernel
     * ({@link EvaluationKernel#checkRange}, {@link EvaluationKernel#digestRange}), or by
     * {@link FastEvaluator#evaluateRange} for a network the kernel does not take; both compute
     * exactly the SPEC's outputs (tests compare them with the reference evaluator), and the
     * {@link OutputDigest} is keyed by absolute position, so the result does not depend on how a job
     * is cut.
     *
     * @param expected the target's code on every point of {@code F^d} (one output), or null to only
     *     count points and digest outputs
     * @param keep how many mismatches to list
     * @param progress receives counts of finished points (any thread); may be null
     * @throws IllegalArgumentException if the range is not inside {@code F^d}, or {@code expected} is
     *     given and the network has not exactly one output or the table not one code per point
     */
    public static RangeResult run(Network net, int[] expected, long from, long to, int keep, LongConsumer progress) {
        long n = InputSpace.of(net.arithmetic(), net.inputs()).size();
        if (from < 0 || from > to || to > n || keep < 0) {
            throw new IllegalArgumentException("need 0 <= from <= to <= " + n + " and keep >= 0, were " + from + ", "
                    + to + ", " + keep);
        }
        if (expected != null && (net.outputs() != 1 || expected.length != n)) {
            throw new IllegalArgumentException("a target needs one output and " + n + " codes; the network has "
                    + net.outputs() + " outputs, the target " + expected.length + " codes");
        }
        if (EvaluationKernel.supports(net)) {
            EvaluationKernel kernel = EvaluationKernel.of(net);
            if (expected == null) {
                long digest = kernel.digestRange(from, to);
                if (progress != null) {
                    progress.accept(to - from);
                }
                return new RangeResult(from, to, 0, List.of(), digest);
            }
            RangeCheck c = kernel.checkRange(from, to, i -> expected[(int) i], keep, progress);
            List<RangeResult.Mismatch> first = new ArrayList<>();
            for (RangeCheck.Mismatch m : c.first()) {
                first.add(new RangeResult.Mismatch(m.index(), (int) m.expected(), (int) m.actual()));
            }
            return new RangeResult(from, to, c.mismatches(), first, c.digest());
        }
        int m = net.outputs();
        int[] out = new int[Math.toIntExact((to - from) * m)];
        new FastEvaluator(net).evaluateRange(from, to, out, progress);
        long bad = 0;
        List<RangeResult.Mismatch> first = new ArrayList<>();
        if (expected != null) {
            for (int k = 0; k < out.length; k++) {
                int e = expected[(int) (from + k)];
                if (out[k] != e) {
                    bad++;
                    if (first.size() < keep) {
                        first.add(new RangeResult.Mismatch(from + k, e, out[k]));
                    }
                }
            }
        }
        return new RangeResult(from, to, bad, first, OutputDigest.of(from * m, out, out.length));
    }

    /** As {@link #run(Network, int[], long, long, int, LongConsumer)} with the codes of a fixed-point table. */
    public static RangeResult run(Network net, FunctionTable target, long from, long to, int keep) {
        return run(net, target.codes(), from, to, keep, null);
    }

    /**
     * The whole job: {@code F^d} cut by {@code engine}, each range run by {@link #run}, the results
     * combined in order. Equal for every engine.
     *
     * @param expected as in {@link #run(Network, int[], long, long, int, LongConsumer)}
     * @param progress receives counts of finished points; may be null
     */
    public static RangeResult verify(Engine engine, Network net, int[] expected, int keep, LongConsumer progress) {
        long n = InputSpace.of(net.arithmetic(), net.inputs()).size();
        List<InputRange> ranges = engine.split(n);
        if (ranges.isEmpty()) {
            return new RangeResult(0, 0, 0, List.of(), OutputDigest.EMPTY);
        }
        List<RangeResult> parts = engine.run(ranges, new RangeTask(net, expected, keep), progress);
        return RangeResult.combine(parts, keep);
    }
}

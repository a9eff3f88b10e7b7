package dev.fxnet.eval;

import dev.fxnet.network.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongConsumer;
import java.util.function.LongToIntFunction;
import java.util.stream.IntStream;

/**
 * The evaluation kernel: a network {@link CompiledNetwork compiled} once, evaluated on ranges of
 * {@code F^d} (indices in {@link InputSpace} order) in blocks of consecutive points along the last
 * coordinate ({@link BlockKernel}), the blocks of a range in parallel on all cores. Every result is
 * exactly SPEC §4 (tests compare with {@link ReferenceEvaluator} on every input of random networks in
 * every mode) and bit-identical whatever the range split or the number of threads. What the whole
 * grid, {@code verify}, {@code eval --all} and the theory code evaluate goes through here; another
 * engine calls {@link #digestRange} or {@link #checkRange} per work unit and joins the
 * results in index order.
 *
 * <p>Thread-safe: working memory is pooled per thread of work. Networks whose codes do not fit the
 * kernel ({@link CompiledNetwork#supports}: magnitude {@code 2^30} or more) are refused by
 * {@link #of}; {@link FastEvaluator} evaluates them point by point.
 */
public final class EvaluationKernel {
    private final CompiledNetwork net;
    private final InputSpace space;
    private final int outputs;
    private final ConcurrentLinkedQueue<BlockKernel> pool = new ConcurrentLinkedQueue<>();

    private EvaluationKernel(Network network) {
        this.net = CompiledNetwork.of(network);
        this.space = InputSpace.of(network.arithmetic(), network.inputs());
        this.outputs = network.outputs();
    }

    /**
     * Compiles {@code network}.
     *
     * @throws IllegalArgumentException if the kernel does not take it ({@link #supports}) or its
     *     grid has more than {@link InputSpace#MAX_POINTS} points
     */
    public static EvaluationKernel of(Network network) {
        return new EvaluationKernel(network);
    }

    /** Whether {@link #of} takes {@code network}. */
    public static boolean supports(Network network) {
        return CompiledNetwork.supports(network);
    }

    /** The grid {@code F^d}. */
    public InputSpace space() {
        return space;
    }

    public int outputs() {
        return outputs;
    }

    /** Weight-operations of one point: the number of weights of the network. */
    public long weightsPerPoint() {
        return net.weightsPerPoint();
    }

    /** The distinct neurons the kernel computes (identical neurons of a layer merged). */
    public long distinctNeurons() {
        return net.distinctNeurons();
    }

    /**
     * Writes the output codes of points {@code from..to-1} into {@code result}, {@code outputs()}
     * per point, point {@code from} first.
     *
     * @param progress receives counts of finished points, from any thread; may be null
     * @throws IllegalArgumentException unless {@code 0 <= from <= to <= |F^d|} and {@code result}
     *     holds {@code (to - from) * outputs()} codes
     */
    public void evaluateRange(long from, long to, int[] result, LongConsumer progress) {
        checkRange(from, to);
        if ((double) (to - from) * outputs > result.length) {
            throw new IllegalArgumentException("result has length " + result.length + ", needs "
                    + (to - from) * outputs);
        }
        run(from, to, progress, (first, count, out) -> {
            System.arraycopy(out, 0, result, (int) ((first - from) * outputs), count * outputs);
            return null;
        });
    }

    /**
     * The {@link OutputDigest} of every output code of points {@code from..to-1} (positions
     * {@code index * outputs() + output}); nothing is kept, so any range of the grid can be counted.
     *
     * @throws IllegalArgumentException unless {@code 0 <= from <= to <= |F^d|}
     */
    public long digestRange(long from, long to) {
        checkRange(from, to);
        long[] digest = {0};
        List<long[]> parts = run(from, to, null, (first, count, out) -> {
            return new long[] {OutputDigest.of(first * outputs, out, count * outputs)};
        });
        for (long[] p : parts) {
            digest[0] = OutputDigest.combine(digest[0], p[0]);
        }
        return digest[0];
    }

    /**
     * Compares output 0 on points {@code from..to-1} with {@code expected} (point index to code).
     *
     * @param keep how many mismatches to list, the first in index order
     * @param progress receives counts of finished points, from any thread; may be null
     * @throws IllegalArgumentException unless {@code 0 <= from <= to <= |F^d|} and {@code keep >= 0}
     */
    public RangeCheck checkRange(long from, long to, LongToIntFunction expected, int keep, LongConsumer progress) {
        checkRange(from, to);
        if (keep < 0) {
            throw new IllegalArgumentException("keep must be >= 0, was " + keep);
        }
        List<RangeCheck> parts = run(from, to, progress, (first, count, out) -> {
            long bad = 0;
            List<RangeCheck.Mismatch> listed = new ArrayList<>();
            long digest = 0;
            for (int i = 0; i < count; i++) {
                long idx = first + i;
                int actual = out[i * outputs];
                digest += OutputDigest.term(idx, actual);
                int e = expected.applyAsInt(idx);
                if (actual != e) {
                    bad++;
                    if (listed.size() < keep) {
                        listed.add(new RangeCheck.Mismatch(idx, e, actual));
                    }
                }
            }
            return new RangeCheck(first, first + count, bad, listed, keep, digest);
        });
        RangeCheck r = new RangeCheck(from, from, 0, List.of(), keep, OutputDigest.EMPTY);
        for (RangeCheck p : parts) {
            r = r.then(p);
        }
        return r;
    }

    private void checkRange(long from, long to) {
        if (from < 0 || from > to || to > space.size()) {
            throw new IllegalArgumentException("need 0 <= from <= to <= " + space.size() + ", were " + from
                    + " and " + to);
        }
    }

    /** What a range's blocks are turned into: one result per block. */
    @FunctionalInterface
    private interface BlockSink<R> {
        R accept(long first, int count, int[] out);
    }

    /**
     * Evaluates {@code [from, to)} in chunks of consecutive blocks, the chunks in parallel, and
     * returns the sinks' results in index order.
     */
    private <R> List<R> run(long from, long to, LongConsumer progress, BlockSink<R> sink) {
        long[] cuts = chunkBounds(from, to);
        int chunks = cuts.length - 1;
        List<List<R>> parts = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            parts.add(null);
        }
        IntStream.range(0, chunks).parallel().forEach(c -> {
            List<R> mine = runChunk(cuts[c], cuts[c + 1], sink);
            synchronized (parts) {
                parts.set(c, mine);
            }
            if (progress != null && cuts[c + 1] > cuts[c]) {
                progress.accept(cuts[c + 1] - cuts[c]);
            }
        });
        List<R> all = new ArrayList<>();
        for (List<R> p : parts) {
            all.addAll(p);
        }
        return all;
    }

    /**
     * Cuts {@code [from, to)} into chunks for the threads: about {@code 8} per core, at row
     * boundaries of {@code F^d} where a chunk holds more than a row (so that consecutive blocks of
     * a chunk have one shape and the kernel recomputes only what changed between them), else of
     * about equal size. Returns the increasing cut points, {@code from} first and {@code to} last.
     */
    private long[] chunkBounds(long from, long to) {
        long len = to - from;
        int cores = Runtime.getRuntime().availableProcessors();
        long row = net.maxCode - net.minCode + 1;
        int chunks = (int) Math.max(1, Math.min((len + BlockKernel.MAX_LANES - 1) / BlockKernel.MAX_LANES, 8L * cores));
        long[] cuts = new long[chunks + 1];
        for (int c = 0; c <= chunks; c++) {
            long cut = from + len * c / chunks;
            if (c > 0 && c < chunks && len / chunks > row) {
                cut = Math.max(from, Math.min(to, cut - Math.floorMod(cut, row)));
            }
            cuts[c] = Math.max(cut, c > 0 ? cuts[c - 1] : from);
        }
        return cuts;
    }

    private <R> List<R> runChunk(long lo, long hi, BlockSink<R> sink) {
        BlockKernel k = pool.poll();
        if (k == null) {
            k = new BlockKernel(net);
        }
        // a pooled kernel holds the codes of the last block it evaluated, of any chunk or call: the
        // next block of the same shape recomputes only what changed (K5 in docs/KERNEL.md)
        List<R> results = new ArrayList<>();
        long[] x = new long[space.dims()];
        int[] out = new int[BlockKernel.MAX_LANES * outputs];
        long base = net.maxCode - net.minCode + 1;
        long min = net.minCode;
        for (long cur = lo; cur < hi; ) {
            space.point(cur, x);
            long left = base - (x[x.length - 1] - min);
            int count = (int) Math.min(Math.min(hi - cur, left), BlockKernel.MAX_LANES);
            k.evaluate(x, count, out);
            R r = sink.accept(cur, count, out);
            if (r != null) {
                results.add(r);
            }
            cur += count;
        }
        pool.add(k);
        return results;
    }
}

package dev.fxnet.bench;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.eval.FastEvaluator;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.eval.ReferenceEvaluator;
import dev.fxnet.network.Network;
import dev.fxnet.testing.RandomNetworks;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Points per second of the reference and the fast evaluator on a random network of width 16,
 * depth 3, d = 2 at p=3,q=3, for a piecewise-linear and a transcendental activation (one input point per operation, single thread).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EvaluatorBenchmark {
    @Param({"PER_OP", "WIDE"})
    public String accumulation;

    @Param({"relu", "gelu"})
    public String activation;

    Network net;
    ReferenceEvaluator ref;
    FastEvaluator fast;
    FastEvaluator.Scratch scratch;
    InputSpace space;
    long[] x = new long[2];
    long[] y;
    long i;

    @Setup
    public void setup() {
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(3, 3));
        net = RandomNetworks.network(new Random(1), ar, Accumulation.valueOf(accumulation), Activations.named(activation), 2,
                2, 16);
        ref = new ReferenceEvaluator(net);
        fast = new FastEvaluator(net);
        scratch = fast.scratch();
        space = InputSpace.of(ar.format(), 2);
        y = new long[net.outputs()];
    }

    @Benchmark
    public long reference() {
        space.point(i++ % space.size(), x);
        ref.evaluate(x, y);
        return y[0];
    }

    @Benchmark
    public long fast() {
        space.point(i++ % space.size(), x);
        fast.evaluate(x, y, scratch);
        return y[0];
    }
}

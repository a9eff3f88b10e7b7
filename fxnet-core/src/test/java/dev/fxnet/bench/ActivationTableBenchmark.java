package dev.fxnet.bench;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Nanoseconds per correctly rounded {@code tau} value, over all codes of p=10,q=10 (2^21 codes),
 * computed directly (what building a table costs per entry). FLOOR exercises the tails where sigma
 * is just below a grid point.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ActivationTableBenchmark {
    @Param({"relu", "sigmoid", "softplus", "gelu", "mish", "gelu_tanh"})
    public String activation;

    @Param({"HALF_EVEN", "FLOOR"})
    public String rounding;

    long k;

    @Benchmark
    public long tauPerCode() {
        Activation a = Activations.named(activation);
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(10, 10), Rounding.valueOf(rounding),
                Overflow.SATURATE);
        long code = (k++ % 2097151) - 1048575;
        return ar.overflow(a.roundScaled(code, 10, ar.rounding()));
    }
}

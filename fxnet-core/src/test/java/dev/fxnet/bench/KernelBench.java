package dev.fxnet.bench;

import dev.fxnet.eval.EvaluationKernel;
import dev.fxnet.network.Network;
import dev.fxnet.network.NetworkJson;
import java.nio.file.Path;

/**
 * A short measurement (not a test): {@code KernelBench NET.json [REPEATS]} compiles the network into
 * the {@link EvaluationKernel} and digests every point of {@code F^d} REPEATS times (default 3),
 * printing per run the wall time, points per second and weight-operations per second counted as
 * points x weights (exact skips count). Run with the test classpath; docs/KERNEL.md lists results.
 */
public final class KernelBench {
    private KernelBench() {
    }

    /** CPU time of this process (all threads), in nanoseconds. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Network net = NetworkJson.read(Path.of(args[0]));
        long t1 = System.nanoTime();
        EvaluationKernel k = EvaluationKernel.of(net);
        long t2 = System.nanoTime();
        long n = k.space().size();
        System.out.printf("%s: %d points x %d weights, %d distinct neurons; read %.2f s, compile %.2f s%n", args[0],
                n, k.weightsPerPoint(), k.distinctNeurons(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int r = 0; r < repeats; r++) {
            long a = System.nanoTime();
            long cpu0 = cpu();
            long digest = k.digestRange(0, n);
            double s = (System.nanoTime() - a) / 1e9;
            double c = (cpu() - cpu0) / 1e9;
            System.out.printf("run %d: %.3f s wall, %.3f s cpu, %.3g points/s, %.3g weight-ops/s (wall), %.3g per cpu-s,"
                    + " digest %016x%n", r, s, c, n / s, n * (double) k.weightsPerPoint() / s,
                    n * (double) k.weightsPerPoint() / c, digest);
        }
    }
}

package dev.fxnet.spark;

import dev.fxnet.engine.Engine;
import dev.fxnet.engine.EngineFailure;
import dev.fxnet.engine.InputRange;
import dev.fxnet.engine.Work;
import dev.fxnet.engine.WorkUnit;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark engine: each work unit is one element and one partition of an RDD, so one Spark task;
 * the results are collected in partition order, which is unit order. A unit's work is shipped with
 * Java serialisation (a verification carries its network as JSON text and its target as codes);
 * executors compute exactly what the in-JVM engine computes, and a task that fails (an executor
 * lost) is run again by Spark on another executor with the same result, because work is
 * deterministic. Progress comes from Spark's status tracker (completed tasks of the job).
 */
public final class SparkEngine implements Engine {
    /** The fewest points of a range (below this, a task's fixed cost dominates). */
    static final long MIN_RANGE = 1 << 12;
    /** The most points of a range (its outputs are one int array in an executor). */
    static final long MAX_RANGE = 1 << 22;
    /** Ranges per core of the cluster, so that a slow or lost executor holds up little of the job. */
    static final int RANGES_PER_CORE = 4;
    /** How long a standalone master has to accept a connection before Spark is started. */
    static final int CONNECT_MILLIS = 5000;

    private final JavaSparkContext sc;

    private SparkEngine(JavaSparkContext sc) {
        this.sc = sc;
    }

    /**
     * Connects to {@code master} (starting the executors of {@code local-cluster[...]}).
     *
     * @throws IllegalArgumentException if {@code local-cluster} is asked for without {@code SPARK_HOME/jars}
     */
    static SparkEngine open(SparkMaster master) {
        SparkConf conf = new SparkConf().setAppName("fxnet");
        if (master.url() != null) {
            conf.setMaster(master.url());
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        if (master.localCluster()) {
            String home = System.getenv("SPARK_HOME");
            if (home == null || !Files.isDirectory(Path.of(home, "jars"))) {
                throw new IllegalArgumentException("--master " + master.url() + " starts executor JVMs from"
                        + " SPARK_HOME/jars, and SPARK_HOME is " + (home == null ? "unset" : home + " without jars/")
                        + "; run through ./fxnet, which prepares it (docs/SCALE.md)");
            }
            // the executors run on this machine: they take the driver's own class path (fxnet and Spark)
            conf.setIfMissing("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        }
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        if (master.url() != null && master.url().startsWith("spark://")) {
            requireAnswer(master.url());
        }
        JavaSparkContext sc;
        try {
            sc = new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--master " + master.url() + ": Spark did not start: " + firstLine(e), e);
        }
        sc.setLogLevel("WARN");
        // on a signal the JVM stops Spark from its shutdown hooks: executors and tasks are lost on
        // purpose then, and Spark's messages about it (log lines, and stack traces its thread pools
        // print themselves) would only bury the exit status; fxnet has said all it has to say by then
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sc.setLogLevel("OFF");
            System.err.flush();
            System.setErr(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        }, "fxnet-spark-quiet"));
        return new SparkEngine(sc);
    }

    /**
     * Refuses a standalone master none of whose {@code HOST:PORT} accepts a connection within
     * {@value #CONNECT_MILLIS} ms (Spark itself would retry for a minute and then fail).
     */
    private static void requireAnswer(String url) {
        String why = "";
        for (String hostPort : url.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress(hostPort.substring(0, colon),
                        Integer.parseInt(hostPort.substring(colon + 1))), CONNECT_MILLIS);
                return;
            } catch (java.io.IOException | IllegalArgumentException e) {
                why = hostPort + " (" + (e instanceof java.net.UnknownHostException ? "unknown host"
                        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
            }
        }
        throw new IllegalArgumentException("--master " + url + ": no Spark master answers at " + why);
    }

    /** The innermost cause's message, first line only. */
    static String firstLine(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        return m.lines().findFirst().orElse("").strip();
    }

    /** An engine on a context the caller made (and stops with {@link #close()}). */
    public static SparkEngine on(JavaSparkContext sc) {
        return new SparkEngine(sc);
    }

    @Override
    public String name() {
        return "spark";
    }

    /**
     * About {@value #RANGES_PER_CORE} ranges per core of the cluster, each of
     * {@value #MIN_RANGE} to {@value #MAX_RANGE} points (the last may be shorter).
     */
    @Override
    public List<InputRange> split(long points) {
        if (points < 0) {
            throw new IllegalArgumentException("points must be >= 0, was " + points);
        }
        long count = Math.max(1, (long) RANGES_PER_CORE * sc.defaultParallelism());
        long size = Math.max(MIN_RANGE, (points + count - 1) / count);
        return InputRange.cut(points, Math.min(MAX_RANGE, size));
    }

    @Override
    public <U extends WorkUnit, R extends Serializable> List<R> run(List<U> units, Work<U, R> work,
            LongConsumer progress) {
        if (units.isEmpty()) {
            return List.of();
        }
        JavaFutureAction<List<R>> job = sc.parallelize(units, units.size()).map(new UnitFunction<>(work))
                .collectAsync();
        JobProgress watch = new JobProgress(sc.statusTracker(), job, units, progress);
        try {
            while (true) {
                try {
                    List<R> out = job.get(250, TimeUnit.MILLISECONDS);
                    watch.finish();
                    return List.copyOf(out);
                } catch (TimeoutException e) {
                    watch.report();
                }
            }
        } catch (InterruptedException e) {
            job.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (shuttingDown()) { // a signal (Ctrl-C) stopped the JVM and with it Spark: nothing to report
                parkUntilExit();
            }
            throw new EngineFailure("the Spark job failed: " + firstLine(e), e.getCause());
        }
    }

    /** Whether the JVM is running its shutdown hooks (then it cannot take a new one). */
    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** Waits, silently, for the JVM's exit that is already under way (its status is the signal's). */
    private static void parkUntilExit() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The Spark context (for tests and callers that need the cluster itself). */
    public JavaSparkContext context() {
        return sc;
    }

    @Override
    public void close() {
        sc.stop();
    }
}

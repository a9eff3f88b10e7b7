package dev.fxnet.spark;

import dev.fxnet.engine.Engine;
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
        JavaSparkContext sc = new JavaSparkContext(conf);
        sc.setLogLevel("WARN");
        return new SparkEngine(sc);
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
            Throwable c = e.getCause();
            while (c.getCause() != null && c.getCause() != c) {
                c = c.getCause();
            }
            throw new IllegalStateException("the Spark job failed: " + c, e.getCause());
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

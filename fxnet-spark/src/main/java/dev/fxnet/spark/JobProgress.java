package dev.fxnet.spark;

import dev.fxnet.engine.WorkUnit;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkStatusTracker;

/**
 * Turns Spark's job progress (completed tasks, from the status tracker) into fxnet progress units:
 * {@code completed / tasks} of the job's total weight, reported as increments, the remainder when
 * the job is done. Used by one thread.
 */
final class JobProgress {
    private final JavaSparkStatusTracker tracker;
    private final JavaFutureAction<?> job;
    private final long tasks;
    private final long total;
    private final LongConsumer progress;
    private long reported;

    JobProgress(JavaSparkStatusTracker tracker, JavaFutureAction<?> job, List<? extends WorkUnit> units,
            LongConsumer progress) {
        this.tracker = tracker;
        this.job = job;
        this.tasks = units.size();
        this.total = units.stream().mapToLong(WorkUnit::weight).sum();
        this.progress = progress;
    }

    /** Reports the weight of the tasks completed since the last report. */
    void report() {
        long done = 0;
        for (int id : job.jobIds()) {
            SparkJobInfo info = tracker.getJobInfo(id);
            if (info == null) {
                continue;
            }
            for (int stage : info.stageIds()) {
                SparkStageInfo s = tracker.getStageInfo(stage);
                if (s != null) {
                    done += s.numCompletedTasks();
                }
            }
        }
        advanceTo(java.math.BigInteger.valueOf(total).multiply(java.math.BigInteger.valueOf(Math.min(done, tasks)))
                .divide(java.math.BigInteger.valueOf(tasks)).longValueExact());
    }

    /** Reports the rest of the total. */
    void finish() {
        advanceTo(total);
    }

    private void advanceTo(long weight) {
        if (progress != null && weight > reported) {
            progress.accept(weight - reported);
            reported = weight;
        }
    }
}

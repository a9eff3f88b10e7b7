package dev.fxnet.engine;

import java.io.Serializable;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Runs the units of a job and returns their results in the order of the units. An engine decides
 * where units run (threads of this JVM, executors of a cluster) but never what they compute:
 * results are those of {@link Work#run} on each unit, so every engine gives equal results.
 * Engines hold resources (threads, a cluster connection) until {@link #close()}.
 */
public interface Engine extends AutoCloseable {
    /** The name given to {@code --engine} ({@code local}, {@code spark}). */
    String name();

    /**
     * The ranges into which a job over {@code points} input indices is cut: consecutive, covering
     * {@code 0 ..< points} in order. The in-JVM engine takes one range (its evaluator parallelises
     * inside it); a cluster engine many.
     *
     * @throws IllegalArgumentException if {@code points < 0}
     */
    List<InputRange> split(long points);

    /**
     * Runs {@code work} on every unit and returns the results in unit order.
     *
     * @param progress receives counts of finished progress units ({@link WorkUnit#weight()}); may be null
     * @throws IllegalStateException if a unit fails for good (after the engine's own retries)
     */
    <U extends WorkUnit, R extends Serializable> List<R> run(List<U> units, Work<U, R> work, LongConsumer progress);

    /** Releases the engine's threads or cluster connection; no exception. */
    @Override
    void close();
}

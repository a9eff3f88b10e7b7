package dev.fxnet.engine;

import java.io.Serializable;
import java.util.function.LongConsumer;

/**
 * What a job does with each of its units: a serialisable function from a unit to its result, run
 * wherever the engine places it. It must be deterministic: the same unit gives an equal result on
 * every machine and on every retry (engines may run a unit more than once after a failure).
 *
 * @param <U> the unit type
 * @param <R> the result type (serialisable)
 */
@FunctionalInterface
public interface Work<U extends WorkUnit, R extends Serializable> extends Serializable {
    /**
     * The result of one unit.
     *
     * @param progress receives counts of finished progress units (any thread, summing to at most
     *     {@link WorkUnit#weight()}); a no-op where progress cannot be reported from
     */
    R run(U unit, LongConsumer progress);

    /** A consumer that drops progress reports. */
    static LongConsumer noProgress() {
        return n -> { };
    }
}

package dev.fxnet.spark;

import dev.fxnet.engine.Work;
import dev.fxnet.engine.WorkUnit;
import java.io.Serializable;
import org.apache.spark.api.java.function.Function;

/** A {@link Work} as the function of a Spark map: one unit in, its result out (no progress from executors). */
final class UnitFunction<U extends WorkUnit, R extends Serializable> implements Function<U, R> {
    private static final long serialVersionUID = 1L;

    private final Work<U, R> work;

    UnitFunction(Work<U, R> work) {
        this.work = work;
    }

    @Override
    public R call(U unit) {
        return work.run(unit, Work.noProgress());
    }
}

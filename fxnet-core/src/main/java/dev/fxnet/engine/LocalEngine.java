package dev.fxnet.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * The default engine: this JVM. A job over input indices is one range (the evaluator uses every
 * core inside it, as fxnet always did); a list of several units runs on a pool of
 * {@code threads} threads, one unit per task, results in unit order. No serialisation happens.
 */
public final class LocalEngine implements Engine {
    private final int threads;

    /** @throws IllegalArgumentException if {@code threads < 1} */
    public LocalEngine(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.threads = threads;
    }

    @Override
    public String name() {
        return Engines.LOCAL;
    }

    @Override
    public List<InputRange> split(long points) {
        if (points < 0) {
            throw new IllegalArgumentException("points must be >= 0, was " + points);
        }
        return points == 0 ? List.of() : List.of(new InputRange(0, points));
    }

    @Override
    public <U extends WorkUnit, R extends Serializable> List<R> run(List<U> units, Work<U, R> work,
            LongConsumer progress) {
        LongConsumer p = progress == null ? Work.noProgress() : progress;
        if (units.size() <= 1) {
            List<R> out = new ArrayList<>();
            for (U u : units) {
                out.add(work.run(u, p));
            }
            return out;
        }
        ExecutorService ex = Executors.newFixedThreadPool(Math.min(threads, units.size()));
        try {
            List<Future<R>> fs = new ArrayList<>();
            for (U u : units) {
                fs.add(ex.submit(() -> work.run(u, p)));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> f : fs) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a work unit failed: " + e.getCause(), e.getCause());
        } finally {
            ex.shutdownNow();
        }
    }

    @Override
    public void close() {
    }
}

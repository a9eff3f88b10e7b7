package dev.fxnet.cli;

import dev.fxnet.engine.Engine;
import dev.fxnet.engine.Engines;
import picocli.CommandLine.Option;

/**
 * {@code --engine} and {@code --master}: where the work units of verify, eval --all --digest, table
 * and size run. The default, {@code local}, is this JVM on all cores (as before); {@code spark}
 * needs the fxnet-spark module on the class path ({@code ./fxnet} adds it, docs/SCALE.md).
 */
final class EngineOptions {
    @Option(names = "--engine", paramLabel = "local|spark", defaultValue = Engines.LOCAL,
            description = "Where the work runs: local (this JVM, all cores; default) or spark (Apache Spark, "
                    + "with --master; docs/SCALE.md). Results are identical.")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "With --engine spark: local[N], local-cluster[W,C,MB] or spark://HOST:PORT (default local[*]).")
    String master;

    /** Whether the default in-JVM engine was chosen. */
    boolean local() {
        return Engines.LOCAL.equalsIgnoreCase(engine.trim()) && master == null;
    }

    /** Opens the chosen engine with {@code threads} threads per JVM; a bad name or master is a user error. */
    Engine open(int threads) {
        try {
            return Engines.open(engine, master, threads);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }
}

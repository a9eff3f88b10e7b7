package dev.fxnet.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/** Finds engines by name: {@code local} is built in, others come from {@link EngineProvider} services. */
public final class Engines {
    /** The default engine's name. */
    public static final String LOCAL = "local";

    private Engines() {
    }

    /**
     * Opens the engine named {@code name}.
     *
     * @param name {@code local} or the name of an installed provider (case-insensitive)
     * @param master {@code --master}; must be null for {@code local}
     * @param threads worker threads per JVM; at least 1
     * @throws IllegalArgumentException with a one-line message saying what to do if the name is
     *     unknown, the provider is not installed, or the master is not understood
     */
    public static Engine open(String name, String master, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals(LOCAL)) {
            if (master != null) {
                throw new IllegalArgumentException("--master " + master + " needs --engine spark; the local engine runs"
                        + " in this JVM");
            }
            return new LocalEngine(threads);
        }
        List<String> found = new ArrayList<>(List.of(LOCAL));
        for (EngineProvider p : ServiceLoader.load(EngineProvider.class, Engines.class.getClassLoader())) {
            if (p.name().equalsIgnoreCase(n)) {
                return p.open(master, threads);
            }
            found.add(p.name());
        }
        if (n.equals("spark")) {
            throw new IllegalArgumentException("--engine spark: the fxnet-spark module is not on the class path; run"
                    + " through ./fxnet (which adds it and Spark) or spark-submit fxnet-spark.jar (docs/SCALE.md)");
        }
        throw new IllegalArgumentException("unknown --engine '" + name + "'; expected " + String.join(" or ", found)
                + (found.contains("spark") ? "" : " (spark when the fxnet-spark module is installed)"));
    }
}

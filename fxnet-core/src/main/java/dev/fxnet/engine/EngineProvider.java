package dev.fxnet.engine;

/**
 * A kind of engine, found with {@link java.util.ServiceLoader} (a {@code META-INF/services} entry
 * naming the implementation) when the user asks for it by {@link #name()}.
 */
public interface EngineProvider {
    /** The name given to {@code --engine}. */
    String name();

    /**
     * Opens an engine.
     *
     * @param master where to run ({@code --master}); null for the provider's default
     * @param threads worker threads per JVM; at least 1
     * @throws IllegalArgumentException with a one-line message naming the bad value if {@code master}
     *     is not understood
     */
    Engine open(String master, int threads);
}

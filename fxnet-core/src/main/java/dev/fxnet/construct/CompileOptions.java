package dev.fxnet.construct;

import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Compiler#compile(FunctionTable, Setting, CompileOptions)} builds a network: the
 * strategy (or the smallest that applies), general or binary weights, whether the network is
 * verified on every point, and the bound on that work. Immutable; start from {@link #defaults()} and
 * change one option at a time with the {@code with...} methods, each of which returns a new value:
 * <pre>{@code
 * Compiler.compile(t, s, CompileOptions.defaults().withStrategy(Strategy.STEPS).withVerification(false));
 * }</pre>
 */
public final class CompileOptions {
    private static final CompileOptions DEFAULTS = new CompileOptions(null, false, true, WorkLimit.none());

    private final Strategy strategy;
    private final boolean binaryWeights;
    private final boolean verification;
    private final WorkLimit limit;

    private CompileOptions(Strategy strategy, boolean binaryWeights, boolean verification, WorkLimit limit) {
        this.strategy = strategy;
        this.binaryWeights = binaryWeights;
        this.verification = verification;
        this.limit = limit;
    }

    /** The smallest strategy that applies, general weights, verified on every point, no work limit. */
    public static CompileOptions defaults() {
        return DEFAULTS;
    }

    /**
     * These options with {@code strategy}, or with the smallest that applies where it is null. The
     * binary construction has a strategy of its own and does not use this one.
     */
    public CompileOptions withStrategy(Strategy strategy) {
        return new CompileOptions(strategy, binaryWeights, verification, limit);
    }

    /** These options with binary weights (every weight +-1; docs/CONSTRUCTION.md §6) or general ones. */
    public CompileOptions withBinaryWeights(boolean binaryWeights) {
        return new CompileOptions(strategy, binaryWeights, verification, limit);
    }

    /**
     * These options with or without verification of the network on every point; without it, the
     * network is returned unchecked and the result has no verification.
     */
    public CompileOptions withVerification(boolean verification) {
        return new CompileOptions(strategy, binaryWeights, verification, limit);
    }

    /**
     * These options with {@code limit} on verifying the network ({@code points x parameters}),
     * checked before it is built (for the binary construction, which plans as it builds: before it is
     * verified); the limit applies whether or not the network is then verified.
     *
     * @throws NullPointerException if {@code limit} is null
     */
    public CompileOptions withLimit(WorkLimit limit) {
        return new CompileOptions(strategy, binaryWeights, verification, Objects.requireNonNull(limit, "limit"));
    }

    /** The strategy, or empty for the smallest that applies. */
    public Optional<Strategy> strategy() {
        return Optional.ofNullable(strategy);
    }

    /** Whether the network has binary weights. */
    public boolean binaryWeights() {
        return binaryWeights;
    }

    /** Whether the network is verified on every point. */
    public boolean verification() {
        return verification;
    }

    /** The bound on the work of verifying the network. */
    public WorkLimit limit() {
        return limit;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompileOptions c && strategy == c.strategy && binaryWeights == c.binaryWeights
                && verification == c.verification && limit.maxWeightOperations() == c.limit.maxWeightOperations();
    }

    @Override
    public int hashCode() {
        return Objects.hash(strategy, binaryWeights, verification, limit.maxWeightOperations());
    }

    @Override
    public String toString() {
        return "CompileOptions[strategy=" + (strategy == null ? "smallest" : strategy.id()) + ", weights="
                + (binaryWeights ? "binary" : "general") + ", verification=" + verification + ", limit="
                + (limit.maxWeightOperations() == Long.MAX_VALUE ? "none" : limit.maxWeightOperations()) + "]";
    }
}

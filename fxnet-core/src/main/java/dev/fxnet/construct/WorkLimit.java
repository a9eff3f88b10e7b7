package dev.fxnet.construct;

/**
 * An upper bound on the work of evaluating a network on every point of {@code F^d}, counted in
 * weight-operations: points x parameters. Checking or evaluating a network on all of
 * {@code F^d} costs at most that (the grid evaluator often does much less), so a run whose
 * estimate exceeds the bound is refused before it starts, with the estimate, rather than left to
 * run for hours and gigabytes.
 *
 * <p>{@link #standard()} is {@value #STANDARD_WEIGHT_OPERATIONS} weight-operations: every network
 * fxnet's tests and docs build fits (the binary gelu network at p=3,q=3 has 6.0M parameters on
 * 16129 points, 9.7e10; the boxes network of a random table at p=4,q=4, d=2, 779K parameters on
 * 261121 points, 2.0e11, verifies in seconds through the evaluation kernel), while a random table
 * on the 1046529 points of p=4,q=5, d=2 (6.3M parameters by boxes, 6.6e12) is refused. Without any
 * exact skip the kernel runs about 5e9 weight-operations a second on 2 cores (docs/KERNEL.md), so
 * the bound is a few minutes of work at worst. Immutable.
 */
public final class WorkLimit {
    /** The standard bound, in weight-operations (points x parameters). */
    public static final long STANDARD_WEIGHT_OPERATIONS = 1_000_000_000_000L;

    private static final WorkLimit NONE = new WorkLimit(Long.MAX_VALUE);
    private static final WorkLimit STANDARD = new WorkLimit(STANDARD_WEIGHT_OPERATIONS);

    private final long max;

    private WorkLimit(long max) {
        this.max = max;
    }

    /**
     * A bound of {@code maxWeightOperations}.
     *
     * @throws IllegalArgumentException if it is not positive
     */
    public static WorkLimit of(long maxWeightOperations) {
        if (maxWeightOperations <= 0) {
            throw new IllegalArgumentException("the work limit must be positive, was " + maxWeightOperations);
        }
        return new WorkLimit(maxWeightOperations);
    }

    /** The standard bound, {@value #STANDARD_WEIGHT_OPERATIONS} weight-operations. */
    public static WorkLimit standard() {
        return STANDARD;
    }

    /** No bound. */
    public static WorkLimit none() {
        return NONE;
    }

    /** The bound in weight-operations ({@link Long#MAX_VALUE} for none). */
    public long maxWeightOperations() {
        return max;
    }

    /**
     * Checks that {@code points x parameters} is within the bound.
     *
     * @param verb what the work is, for the message, e.g. "verifying"
     * @throws WorkLimitException if it is not
     */
    public void check(String verb, long points, long parameters) {
        check(verb, points, parameters, false);
    }

    /**
     * Checks that {@code points x parameters} is within the bound, where {@code parameters} is a
     * lower bound when {@code atLeast} (the message then says so).
     *
     * @throws WorkLimitException if it is not
     */
    public void check(String verb, long points, long parameters, boolean atLeast) {
        if (points < 0 || parameters < 0) {
            throw new IllegalArgumentException("points and parameters must be >= 0, were " + points + " and "
                    + parameters);
        }
        if (this != NONE && (double) points * parameters > max) {
            throw new WorkLimitException(verb, points, parameters, atLeast, max);
        }
    }

    @Override
    public String toString() {
        return this == NONE ? "WorkLimit[none]" : "WorkLimit[" + WorkLimitException.scientific(max) + "]";
    }
}

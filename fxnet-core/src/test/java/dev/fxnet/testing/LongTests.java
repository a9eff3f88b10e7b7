package dev.fxnet.testing;

import java.util.List;

/**
 * The opt-in long profile of the test suite ({@code mvn -B test -Plong}, which sets the system
 * property {@value #PROPERTY} to {@code true}; docs/TESTING.md). A long test either runs only in
 * that profile ({@link LongOnly}) or runs a representative sample by default and its full sample
 * there ({@link #pick}). Assertions never differ between the profiles, only the cases they run on.
 */
public final class LongTests {
    /** The system property that enables the long profile. */
    public static final String PROPERTY = "fxnet.longTests";

    private LongTests() {
    }

    /** Whether the long profile is on ({@code -Plong} or {@code -Dfxnet.longTests=true}). */
    public static boolean enabled() {
        return Boolean.getBoolean(PROPERTY);
    }

    /**
     * The cases a test runs: {@code all} in the long profile, {@code fast} by default.
     *
     * @throws IllegalArgumentException if {@code fast} is empty or not a subset of {@code all}
     */
    public static <T> List<T> pick(List<T> all, List<T> fast) {
        if (fast.isEmpty() || !all.containsAll(fast)) {
            throw new IllegalArgumentException("the default sample must be a non-empty part of the full one: " + fast
                    + " of " + all);
        }
        return enabled() ? List.copyOf(all) : List.copyOf(fast);
    }
}

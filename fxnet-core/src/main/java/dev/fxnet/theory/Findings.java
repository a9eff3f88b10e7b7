package dev.fxnet.theory;

import java.util.List;
import java.util.Objects;

/**
 * What the checks of {@link Universality} found on the way to a {@link Verdict}, whatever the
 * verdict: whether the necessary condition N holds, the results of the exact decider for the
 * dimensions where it ran, and one line per check tried, in order. Immutable (the lists are copied).
 *
 * @param necessary whether N holds
 * @param decided the exact decider's results, possibly empty
 * @param tried what was tried, in order, possibly empty
 */
public record Findings(Truth necessary, List<DeciderResult> decided, List<String> tried) {
    /** @throws NullPointerException if an argument or an element of a list is null */
    public Findings {
        Objects.requireNonNull(necessary, "necessary");
        decided = List.copyOf(decided);
        tried = List.copyOf(tried);
    }

    /** Findings of {@code necessary} with nothing decided or tried. */
    public static Findings of(Truth necessary) {
        return new Findings(necessary, List.of(), List.of());
    }
}

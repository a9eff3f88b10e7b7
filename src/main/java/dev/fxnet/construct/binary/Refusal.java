package dev.fxnet.construct.binary;

import java.util.function.Supplier;

/**
 * A stage of a route of the binary-weight construction that has no gadget, raised where the stage
 * finds out and turned into an {@link Attempt.Refused} at the route's boundary
 * ({@link Attempt#of}); never seen outside this package. It is no {@link IllegalArgumentException},
 * so a precondition failing inside a route (a bug) is not taken for a refusal and re-routed.
 *
 * <p>A <em>final</em> refusal is one after which no other gadget set or layout is tried: it depends
 * on the target table (which points are live, the values the value layer must sum to) or on the
 * size of the network. Retrying another route on such a failure would let the layers before the
 * point layer depend on the table, which {@code check --binary} relies on them not to
 * (docs/THEORY.md §6, B2), and would repeat a search bound to meet the same size.
 */
final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean isFinal;

    private Refusal(String reason, boolean isFinal) {
        super(reason, null, false, false);
        this.isFinal = isFinal;
    }

    /** A refusal after which the caller may try another route. */
    static Refusal of(String reason) {
        return new Refusal(reason, false);
    }

    /** A refusal after which no other route is tried. */
    static Refusal ofFinal(String reason) {
        return new Refusal(reason, true);
    }

    boolean isFinal() {
        return isFinal;
    }

    /** The value {@code a} built, or its refusal raised again (for a route that is a stage of a larger one). */
    static <T> T raise(Attempt<T> a) {
        if (a instanceof Attempt.Refused<T> r) {
            throw new Refusal(r.reason(), r.isFinal());
        }
        return ((Attempt.Built<T>) a).value();
    }

    /** Runs {@code body}, turning any refusal it raises into a final one. */
    static <T> T finalOn(Supplier<T> body) {
        try {
            return body.get();
        } catch (Refusal r) {
            throw r.isFinal ? r : ofFinal(r.getMessage());
        }
    }
}

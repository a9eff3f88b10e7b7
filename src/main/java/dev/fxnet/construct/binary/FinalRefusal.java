package dev.fxnet.construct.binary;

/**
 * A refusal of the binary-weight construction after which no other gadget set or layout is tried:
 * it depends on the target table (which points are live, the values the value layer must sum to) or
 * on the size of the network. Retrying another route on such a failure would let the layers before
 * the point layer depend on the table, which {@code check --binary} relies on them not to
 * (docs/THEORY.md §6, B2), and would repeat a search bound to meet the same size.
 */
final class FinalRefusal extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    FinalRefusal(String message) {
        super(message);
    }

    /** Runs {@code body}, turning any refusal it raises into a final one. */
    static <T> T of(java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (FinalRefusal f) {
            throw f;
        } catch (IllegalArgumentException e) {
            throw new FinalRefusal(e.getMessage());
        }
    }
}

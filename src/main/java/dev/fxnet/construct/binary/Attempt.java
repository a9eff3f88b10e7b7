package dev.fxnet.construct.binary;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The outcome of one route of the binary-weight construction: what it {@linkplain Built built}, or
 * why it {@linkplain Refused refused}. The construction chooses its next route by this outcome,
 * never by catching an exception; exceptions that leave a route are bugs or user errors.
 *
 * @param <T> what the route builds
 */
sealed interface Attempt<T> permits Attempt.Built, Attempt.Refused {
    /** A route that built {@code value}. */
    record Built<T>(T value) implements Attempt<T> {
        /** @throws NullPointerException if {@code value} is null */
        public Built {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A route that refused, with its {@code reason} (one line naming the stage); {@code isFinal}
     * if no other route is to be tried after it ({@link Refusal}).
     */
    record Refused<T>(String reason, boolean isFinal) implements Attempt<T> {
        /** @throws NullPointerException if {@code reason} is null */
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A refusal after which another route may be tried. */
    static <T> Attempt<T> refused(String reason) {
        return new Refused<>(reason, false);
    }

    /** Runs the route {@code body}: its value, or the {@link Refusal} it raised; anything else propagates. */
    static <T> Attempt<T> of(Supplier<T> body) {
        try {
            return new Built<>(body.get());
        } catch (Refusal r) {
            return new Refused<>(r.getMessage(), r.isFinal());
        }
    }

    /**
     * The value built.
     *
     * @throws IllegalArgumentException with the reason, if the route refused (a user error: the
     *     setting or table admits no binary-weight network by this construction)
     */
    default T orElseThrow() {
        if (this instanceof Refused<T> r) {
            throw new IllegalArgumentException(r.reason());
        }
        return ((Built<T>) this).value();
    }
}

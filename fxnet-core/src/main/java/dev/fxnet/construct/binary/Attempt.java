package dev.fxnet.construct.binary;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The outcome of one route or stage of the binary-weight construction: what it {@linkplain Built
 * built}, or why it {@linkplain Refused refused}. The construction chooses its next route by this
 * outcome, never by catching an exception; exceptions that leave a route are bugs or user errors.
 *
 * <p>A <em>final</em> refusal is one after which no other gadget set or layout is tried: it depends
 * on the target table (which points are live, the values the value layer must sum to) or on the
 * size of the network. Retrying another route on such a failure would let the layers before the
 * point layer depend on the table, which {@code check --binary} relies on them not to
 * (docs/THEORY.md §6, B2), and would repeat a search bound to meet the same size.
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
     * if no other route is to be tried after it.
     */
    record Refused<T>(String reason, boolean isFinal) implements Attempt<T> {
        /** @throws NullPointerException if {@code reason} is null */
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }

        /** This refusal as the outcome of a route that builds something else. */
        <U> Refused<U> as() {
            return new Refused<>(reason, isFinal);
        }
    }

    /** A route that built {@code value}. */
    static <T> Attempt<T> built(T value) {
        return new Built<>(value);
    }

    /** A refusal after which another route may be tried. */
    static <T> Attempt<T> refused(String reason) {
        return new Refused<>(reason, false);
    }

    /** A refusal after which no other route is tried. */
    static <T> Attempt<T> refusedFinally(String reason) {
        return new Refused<>(reason, true);
    }

    /**
     * The values {@code make.apply(0..n-1)} in order, or the first refusal among them (the later
     * ones are not made).
     */
    static <T> Attempt<List<T>> each(int n, IntFunction<Attempt<T>> make) {
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Attempt<T> a = make.apply(i);
            if (a instanceof Refused<T> r) {
                return r.as();
            }
            out.add(((Built<T>) a).value());
        }
        return new Built<>(out);
    }

    /** The value built, transformed by {@code f}; a refusal as it is. */
    default <U> Attempt<U> map(Function<? super T, ? extends U> f) {
        if (this instanceof Refused<T> r) {
            return r.as();
        }
        return new Built<>(f.apply(((Built<T>) this).value()));
    }

    /** The next stage {@code f} on the value built; a refusal as it is, without running {@code f}. */
    default <U> Attempt<U> flatMap(Function<? super T, Attempt<U>> f) {
        if (this instanceof Refused<T> r) {
            return r.as();
        }
        return f.apply(((Built<T>) this).value());
    }

    /** This outcome, with a refusal made final (a stage after which the route tries nothing else). */
    default Attempt<T> finalIfRefused() {
        if (this instanceof Refused<T> r && !r.isFinal()) {
            return new Refused<>(r.reason(), true);
        }
        return this;
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

package dev.fxnet.activation;

import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import java.lang.ref.SoftReference;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fixed-point activation {@code tau(z) = rho(sigma(z))} (SPEC §3) on every code of a format:
 * {@code tau(k) = arith.overflow(sigma.roundScaled(k, q, arith.rounding()))}.
 *
 * <p>Formats with at most {@value #EAGER_LIMIT} codes get a full table, computed eagerly when the
 * table is first requested; larger formats (up to {@code 2^31} codes) compute {@code tau} per code
 * on demand. Tables are cached per (activation, arithmetic) through soft references: a cache hit is
 * free, and memory pressure can still reclaim tables (which are then rebuilt on the next request).
 * Instances are immutable and thread-safe; {@link #of} is thread-safe.
 *
 * <p>The result is exactly as correct as the activation's {@link Activation#roundScaled}: for the
 * built-ins ({@link Activations}) it is the correctly rounded value in every mode.
 */
public final class ActivationTable {
    /** The largest number of codes for which a full table is built: {@code 2^22}. */
    public static final long EAGER_LIMIT = 1L << 22;

    private static final ConcurrentHashMap<Key, SoftReference<ActivationTable>> CACHE = new ConcurrentHashMap<>();

    private final Activation activation;
    private final FixedPointArithmetic arith; // null for another arithmetic, which rounds by its rule
    private final ActivationRounding rule;
    private final Arithmetic arithmetic;
    private final int q;
    private final long minCode;
    private final long maxCode;
    private final int[] table; // null: compute on demand

    private ActivationTable(Activation activation, Arithmetic arithmetic) {
        this.activation = activation;
        this.arithmetic = arithmetic;
        this.arith = arithmetic instanceof FixedPointArithmetic ? (FixedPointArithmetic) arithmetic : null;
        this.rule = arith == null ? (ActivationRounding) arithmetic : null;
        this.q = arith == null ? 0 : arith.format().fracBits();
        this.minCode = arithmetic.minCode();
        this.maxCode = arithmetic.maxCode();
        if (arithmetic.size() <= EAGER_LIMIT) {
            int[] t = new int[(int) arithmetic.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = (int) compute(minCode + i);
            }
            this.table = t;
        } else {
            this.table = null;
        }
    }

    /**
     * The table of {@code activation} under {@code arith}, from the cache when available.
     *
     * @throws ArithmeticException if the activation cannot decide a rounding (never for built-ins
     *     except in the cases documented by {@link TranscendentalActivation})
     */
    public static ActivationTable of(Activation activation, FixedPointArithmetic arith) {
        return of(activation, (Arithmetic) arith);
    }

    /**
     * The table of {@code activation} under any arithmetic: a {@link FixedPointArithmetic} by SPEC §3,
     * another arithmetic by its own {@link ActivationRounding}; from the cache when available.
     *
     * @throws IllegalArgumentException if the arithmetic is neither fixed point nor an
     *     {@link ActivationRounding}
     */
    public static ActivationTable of(Activation activation, Arithmetic arith) {
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(arith, "arithmetic");
        if (!(arith instanceof FixedPointArithmetic) && !(arith instanceof ActivationRounding)) {
            throw new IllegalArgumentException("no rule rounds activations in " + arith
                    + ": it is not fixed point and does not implement ActivationRounding");
        }
        Key key = new Key(activation, arith);
        SoftReference<ActivationTable> cached = CACHE.get(key);
        ActivationTable t = cached == null ? null : cached.get();
        if (t != null) {
            return t;
        }
        t = new ActivationTable(activation, arith);
        CACHE.put(key, new SoftReference<>(t));
        return t;
    }

    private long compute(long code) {
        if (arith == null) {
            return rule.tau(activation, code);
        }
        return arith.overflow(activation.roundScaled(code, q, arith.rounding()));
    }

    /**
     * {@code tau(code)}: the code of {@code rho(sigma(value(code)))}, overflow applied. For an arithmetic
     * with special codes outside {@code minCode..maxCode} (a float format under overflow {@code INF} or
     * {@code NAN}) those are passed to its {@link ActivationRounding} ({@code sigma(+-inf)} is the limit,
     * {@code sigma(NaN) = NaN}).
     *
     * @throws IllegalArgumentException if {@code code} is not a code of the arithmetic
     */
    public long tau(long code) {
        if (rule != null && (code < minCode || code > maxCode)) {
            return rule.tau(activation, code); // a special, or refused by the rule
        }
        if (code < minCode || code > maxCode) {
            throw new IllegalArgumentException("code " + code + " is outside " + arithmetic.formatName() + " (codes " + minCode
                    + ".." + maxCode + ")");
        }
        return table != null ? table[(int) (code - minCode)] : compute(code);
    }

    /** Whether the whole table is held in memory (at most {@link #EAGER_LIMIT} codes). */
    public boolean isTabulated() {
        return table != null;
    }

    public Activation activation() {
        return activation;
    }

    /**
     * The arithmetic as fixed point.
     *
     * @throws IllegalStateException if the table is of another arithmetic
     */
    public FixedPointArithmetic arithmetic() {
        if (arith == null) {
            throw new IllegalStateException("the table of " + activation.name() + " is over " + arithmetic + ", not fixed point");
        }
        return arith;
    }

    @Override
    public String toString() {
        return "tau[" + activation.name() + ", " + arithmetic + "]";
    }

    private static final class Key {
        private final Activation activation;
        private final Arithmetic arith;

        Key(Activation activation, Arithmetic arith) {
            this.activation = activation;
            this.arith = arith;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).activation.equals(activation) && ((Key) o).arith.equals(arith);
        }

        @Override
        public int hashCode() {
            return 31 * activation.hashCode() + arith.hashCode();
        }
    }
}

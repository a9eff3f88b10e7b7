package dev.fxnet.activation;

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
    private final FixedPointArithmetic arith;
    private final int q;
    private final long minCode;
    private final long maxCode;
    private final int[] table; // null: compute on demand

    private ActivationTable(Activation activation, FixedPointArithmetic arith) {
        this.activation = activation;
        this.arith = arith;
        FixedPointFormat f = arith.format();
        this.q = f.fracBits();
        this.minCode = f.minCode();
        this.maxCode = f.maxCode();
        if (f.size() <= EAGER_LIMIT) {
            int[] t = new int[(int) f.size()];
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
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(arith, "arithmetic");
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
        return arith.overflow(activation.roundScaled(code, q, arith.rounding()));
    }

    /**
     * {@code tau(code)}: the code of {@code rho(sigma(code * 2^-q))}, overflow applied.
     *
     * @throws IllegalArgumentException if {@code code} is not a code of the format
     */
    public long tau(long code) {
        if (code < minCode || code > maxCode) {
            throw new IllegalArgumentException("code " + code + " is outside " + arith.format() + " (codes " + minCode
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

    public FixedPointArithmetic arithmetic() {
        return arith;
    }

    @Override
    public String toString() {
        return "tau[" + activation.name() + ", " + arith + "]";
    }

    private static final class Key {
        private final Activation activation;
        private final FixedPointArithmetic arith;

        Key(Activation activation, FixedPointArithmetic arith) {
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

package dev.fxnet.eval;

import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.FixedPointFormat;

/**
 * The grid {@code F^d} of all input points, numbered in lexicographic order of codes with
 * {@code x0} varying slowest: index {@code i} has digits {@code i = sum_j idx_j * |F|^(d-1-j)}
 * where {@code idx_j = x_j - minCode}. {@code F} is the set of codes {@code minCode..maxCode} of a
 * number system: every code of a fixed-point format, or every finite value of a floating-point
 * format in increasing order (SPEC §8: {@code -0} and the specials are not inputs). Immutable.
 */
public final class InputSpace {
    /** The largest number of points fxnet enumerates ({@code 2^40}); bigger grids are refused. */
    public static final long MAX_POINTS = 1L << 40;

    private final FixedPointFormat format; // null for another number system
    private final String name;
    private final long minCode;
    private final long base;
    private final int dims;
    private final long size;
    private final java.math.BigDecimal radius; // null for the whole grid

    private InputSpace(FixedPointFormat format, String name, long minCode, long base, int dims, long size) {
        this(format, name, minCode, base, dims, size, null);
    }

    private InputSpace(FixedPointFormat format, String name, long minCode, long base, int dims, long size,
            java.math.BigDecimal radius) {
        this.radius = radius;
        this.format = format;
        this.name = name;
        this.minCode = minCode;
        this.base = base;
        this.dims = dims;
        this.size = size;
    }

    /**
     * The grid {@code F^dims} of a fixed-point format.
     *
     * @throws IllegalArgumentException if {@code dims < 1} or the grid has more than {@link #MAX_POINTS} points
     */
    public static InputSpace of(FixedPointFormat format, int dims) {
        return of(format, format.toString(), format.minCode(), format.size(), dims);
    }

    /**
     * The grid {@code F^dims} of the codes {@code minCode()..maxCode()} of any arithmetic (the
     * finite values of a floating-point format).
     *
     * @throws IllegalArgumentException if {@code dims < 1} or the grid has more than {@link #MAX_POINTS} points
     */
    public static InputSpace of(Arithmetic arithmetic, int dims) {
        FixedPointFormat f = arithmetic instanceof dev.fxnet.arith.FixedPointArithmetic
                ? ((dev.fxnet.arith.FixedPointArithmetic) arithmetic).format() : null;
        return of(f, arithmetic.formatName(), arithmetic.minCode(), arithmetic.size(), dims);
    }

    /**
     * The restriction of {@code F^dims} to the points whose every coordinate has {@code |x_j| <= r}
     * (the domain {@code [-r, r]^d}), numbered like the full grid: lexicographic order of codes,
     * {@code x0} slowest. Since codes are ordered like values, these are the points whose codes all
     * lie in {@code lo..hi}, where {@code hi} is the code of {@code r} and {@code lo} the smallest
     * code of value {@code >= -r}; the test is exact (no rounding). {@link #format()} of the result
     * is refused ({@link #isRestricted()} is {@code true}); {@link #indexOf} refuses a point outside
     * the domain.
     *
     * @throws IllegalArgumentException if {@code r} is negative or not exactly the value of a code of
     *     {@code arithmetic}, or {@code dims < 1}
     */
    public static InputSpace within(Arithmetic arithmetic, int dims, java.math.BigDecimal r) {
        if (r.signum() < 0) {
            throw new IllegalArgumentException("the domain radius must be >= 0, was " + r);
        }
        // decided by comparison first, so that no huge or tiny decimal is ever rounded
        boolean outside = arithmetic.value(arithmetic.maxCode()).compareTo(r) < 0
                || r.signum() > 0 && r.compareTo(arithmetic.value(1)) < 0;
        java.util.OptionalLong hi = outside ? java.util.OptionalLong.empty() : arithmetic.codeOf(r);
        if (hi.isEmpty()) {
            throw new IllegalArgumentException(r + " is not a value of " + arithmetic.formatName());
        }
        java.util.OptionalLong minus = arithmetic.codeOf(r.negate());
        long lo = minus.isPresent() ? minus.getAsLong() : hi.getAsLong();
        while (minus.isEmpty() && lo > arithmetic.minCode() && arithmetic.value(lo - 1).compareTo(r.negate()) >= 0) {
            lo--; // at most |F| steps; codes are ordered like values
        }
        InputSpace full = of(null, arithmetic.formatName(), lo, hi.getAsLong() - lo + 1, dims);
        return new InputSpace(null, full.name, full.minCode, full.base, full.dims, full.size, r);
    }

    private static InputSpace of(FixedPointFormat format, String name, long minCode, long base, int dims) {
        if (dims < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, was " + dims);
        }
        long n = 1;
        for (int i = 0; i < dims; i++) {
            if (n > MAX_POINTS / base) {
                throw new IllegalArgumentException("the grid F^" + dims + " of " + name + " has " + base + "^"
                        + dims + " points, more than fxnet enumerates (2^40)");
            }
            n *= base;
        }
        return new InputSpace(format, name, minCode, base, dims, n);
    }

    /**
     * {@code |F|^dims} exactly, or {@link Long#MAX_VALUE} when it is larger; never overflows and
     * never rounds.
     *
     * @throws IllegalArgumentException if {@code dims < 1}
     */
    public static long countSaturated(FixedPointFormat format, int dims) {
        return countSaturated(format.size(), dims);
    }

    /** {@link #countSaturated(FixedPointFormat, int)} for the codes of any arithmetic. */
    public static long countSaturated(Arithmetic arithmetic, int dims) {
        return countSaturated(arithmetic.size(), dims);
    }

    private static long countSaturated(long base, int dims) {
        if (dims < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, was " + dims);
        }
        long n = 1;
        for (int i = 0; i < dims; i++) {
            if (n > Long.MAX_VALUE / base) {
                return Long.MAX_VALUE;
            }
            n *= base;
        }
        return n;
    }

    /**
     * {@code |F|^dims} as an exact statement: {@code 127} for {@code d = 1}, {@code 127^2 = 16129}
     * when the number fits in a {@code long}, else {@code 127^1000000}.
     *
     * @throws IllegalArgumentException if {@code dims < 1}
     */
    public static String countText(FixedPointFormat format, int dims) {
        return countText(format.size(), dims);
    }

    /** {@link #countText(FixedPointFormat, int)} for the codes of any arithmetic. */
    public static String countText(Arithmetic arithmetic, int dims) {
        return countText(arithmetic.size(), dims);
    }

    private static String countText(long base, int dims) {
        long n = countSaturated(base, dims);
        if (dims == 1) {
            return Long.toString(n);
        }
        return base + "^" + dims + (n == Long.MAX_VALUE ? "" : " = " + n);
    }

    /**
     * The fixed-point format of the grid.
     *
     * @throws IllegalStateException if the grid is of another number system
     */
    public FixedPointFormat format() {
        if (format == null) {
            throw new IllegalStateException("the grid of " + name + " is not of a fixed-point format");
        }
        return format;
    }

    /** {@code true} for a restriction made by {@link #within}, {@code false} for a whole grid {@code F^d}. */
    public boolean isRestricted() {
        return radius != null;
    }

    /**
     * For messages: {@code F^2 of e2m1} for a whole grid, {@code the domain |x| <= 1 of e2m1^2} for a
     * restriction.
     */
    public String describe() {
        return radius == null ? "F^" + dims + " of " + name
                : "the domain |x| <= " + radius.toPlainString() + " of " + name + "^" + dims;
    }

    /** {@code true} when every code lies in this space's range of codes (for a restriction: in the domain). */
    public boolean contains(long[] codes) {
        for (int j = 0; j < dims; j++) {
            if (codes[j] < minCode || codes[j] >= minCode + base) {
                return false;
            }
        }
        return true;
    }

    public int dims() {
        return dims;
    }

    /** {@code |F|^d}. */
    public long size() {
        return size;
    }

    /** Writes the codes of point {@code index} into {@code out[0..d-1]}. */
    public void point(long index, long[] out) {
        for (int j = dims - 1; j >= 0; j--) {
            out[j] = minCode + index % base;
            index /= base;
        }
    }

    /** The codes of point {@code index}. */
    public long[] point(long index) {
        long[] out = new long[dims];
        point(index, out);
        return out;
    }

    /**
     * The index of the point with the given codes.
     *
     * @throws IllegalArgumentException if a code is outside {@code F}
     */
    public long indexOf(long[] codes) {
        long idx = 0;
        for (int j = 0; j < dims; j++) {
            if (codes[j] < minCode || codes[j] >= minCode + base) {
                throw new IllegalArgumentException("code " + codes[j] + " is outside " + name + " (codes " + minCode
                        + ".." + (minCode + base - 1) + ")");
            }
            idx = idx * base + codes[j] - minCode;
        }
        return idx;
    }
}

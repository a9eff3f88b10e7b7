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

    private InputSpace(FixedPointFormat format, String name, long minCode, long base, int dims, long size) {
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

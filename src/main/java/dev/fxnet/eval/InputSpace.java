package dev.fxnet.eval;

import dev.fxnet.arith.FixedPointFormat;

/**
 * The grid {@code F^d} of all input points, numbered in lexicographic order of codes with
 * {@code x0} varying slowest: index {@code i} has digits {@code i = sum_j idx_j * |F|^(d-1-j)}
 * where {@code idx_j = x_j - minCode}. Immutable.
 */
public final class InputSpace {
    /** The largest number of points fxnet enumerates ({@code 2^40}); bigger grids are refused. */
    public static final long MAX_POINTS = 1L << 40;

    private final FixedPointFormat format;
    private final int dims;
    private final long size;

    private InputSpace(FixedPointFormat format, int dims, long size) {
        this.format = format;
        this.dims = dims;
        this.size = size;
    }

    /**
     * The grid {@code F^dims}.
     *
     * @throws IllegalArgumentException if {@code dims < 1} or the grid has more than {@link #MAX_POINTS} points
     */
    public static InputSpace of(FixedPointFormat format, int dims) {
        if (dims < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, was " + dims);
        }
        long n = 1;
        for (int i = 0; i < dims; i++) {
            if (n > MAX_POINTS / format.size()) {
                throw new IllegalArgumentException("the grid F^" + dims + " of " + format + " has " + format.size() + "^"
                        + dims + " points, more than fxnet enumerates (2^40)");
            }
            n *= format.size();
        }
        return new InputSpace(format, dims, n);
    }

    /**
     * {@code |F|^dims} exactly, or {@link Long#MAX_VALUE} when it is larger; never overflows and
     * never rounds.
     *
     * @throws IllegalArgumentException if {@code dims < 1}
     */
    public static long countSaturated(FixedPointFormat format, int dims) {
        if (dims < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, was " + dims);
        }
        long n = 1;
        for (int i = 0; i < dims; i++) {
            if (n > Long.MAX_VALUE / format.size()) {
                return Long.MAX_VALUE;
            }
            n *= format.size();
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
        long n = countSaturated(format, dims);
        if (dims == 1) {
            return Long.toString(n);
        }
        return format.size() + "^" + dims + (n == Long.MAX_VALUE ? "" : " = " + n);
    }

    public FixedPointFormat format() {
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
        long base = format.size();
        long min = format.minCode();
        for (int j = dims - 1; j >= 0; j--) {
            out[j] = min + index % base;
            index /= base;
        }
    }

    /** The codes of point {@code index}. */
    public long[] point(long index) {
        long[] out = new long[dims];
        point(index, out);
        return out;
    }

    /** The index of the point with the given codes. */
    public long indexOf(long[] codes) {
        long base = format.size();
        long idx = 0;
        for (int j = 0; j < dims; j++) {
            idx = idx * base + format.checkCode(codes[j]) - format.minCode();
        }
        return idx;
    }
}

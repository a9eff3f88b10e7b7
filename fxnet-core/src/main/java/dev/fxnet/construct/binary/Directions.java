package dev.fxnet.construct.binary;

import dev.fxnet.target.FunctionTable;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.gadget.Machine;
import java.util.ArrayList;
import java.util.List;

/**
 * The direction features of the binary construction on the points of {@code F^d}: {@code t = x}
 * for {@code d = 1}; {@code u = x0 + x1} and {@code v = x0 - x1} for {@code d = 2}, which determine
 * the point (docs/CONSTRUCTION.md, section 6).
 *
 * @param points the points of {@code F^d} as codes, in the order of the table
 * @param coefficients per direction, its coefficient ({@code +-1}) of every coordinate
 * @param values per direction, its value on every point
 * @param lo per direction, its least value
 * @param hi per direction, its greatest value
 * @param candidates the first-layer neurons the step search tries, each {@code {bias, shape index}}
 *     into {@link BinaryGadgets#firstLayerShapes}; null for every one (the feature directions of
 *     {@link Features} give their own neurons, which decide every threshold of their direction)
 */
record Directions(long[][] points, int[][] coefficients, long[][] values, long[] lo, long[] hi, long[][] candidates) {
    /** The directions of the table's dimension, evaluated on every point of its input space. */
    static Directions of(FunctionTable target) {
        int d = target.dims();
        int n = target.size();
        long[][] pts = points(target);
        int[][] dirs = d == 1 ? new int[][] {{1}} : new int[][] {{1, 1}, {1, -1}};
        long[][] dv = new long[dirs.length][n];
        long[] lo = new long[dirs.length];
        long[] hi = new long[dirs.length];
        for (int k = 0; k < dirs.length; k++) {
            lo[k] = Long.MAX_VALUE;
            hi[k] = Long.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                long v = 0;
                for (int j = 0; j < d; j++) {
                    v += dirs[k][j] * pts[i][j];
                }
                dv[k][i] = v;
                lo[k] = Math.min(lo[k], v);
                hi[k] = Math.max(hi[k], v);
            }
        }
        return new Directions(pts, dirs, dv, lo, hi, null);
    }

    /** The number of directions, {@code d}. */
    int count() {
        return coefficients.length;
    }

    /** The dimension {@code d} of the points. */
    int dims() {
        return points[0].length;
    }

    /** The number of points. */
    int size() {
        return points.length;
    }

    /** The value of direction {@code k} on point {@code i}. */
    long value(int k, int i) {
        return values[k][i];
    }

    /** The least value of direction {@code k}. */
    long lo(int k) {
        return lo[k];
    }

    /** The greatest value of direction {@code k}. */
    long hi(int k) {
        return hi[k];
    }

    /** The first-layer neurons to try, {@code {bias, shape index}}: {@link #candidates}, or every one. */
    List<long[]> firstLayer(Machine s) {
        if (candidates != null) {
            return List.of(candidates);
        }
        int shapes = BinaryGadgets.firstLayerShapes(dims()).size();
        List<long[]> out = new ArrayList<>();
        for (long b = s.min(); b <= s.max(); b++) {
            for (int h = 0; h < shapes; h++) {
                out.add(new long[] {b, h});
            }
        }
        return out;
    }

    /** Every point of the table's input space, in index order. */
    static long[][] points(FunctionTable target) {
        InputSpace sp = target.space();
        long[][] pts = new long[target.size()][];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = sp.point(i);
        }
        return pts;
    }
}

package dev.fxnet.construct;

import dev.fxnet.target.FunctionTable;
import dev.fxnet.eval.InputSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * An axis-aligned box {@code lo <= x <= hi} (codes, inclusive) of {@code F^d} and the output value its
 * indicator leads to: from the background (or, for a telescoping step, from {@code from}) to {@code value}.
 */
public record Box(long[] lo, long[] hi, long value, Long from) {

    /** A box whose indicator takes the output from the background to {@code value}. */
    public Box(long[] lo, long[] hi, long value) {
        this(lo, hi, value, null);
    }

    /** Every point as its own box (the cubes strategy). */
    static List<Box> points(FunctionTable t) {
        InputSpace space = t.space();
        List<Box> out = new ArrayList<>(t.size());
        for (int i = 0; i < t.size(); i++) {
            long[] p = space.point(i);
            out.add(new Box(p, p.clone(), t.code(i)));
        }
        return out;
    }

    /**
     * A greedy cover of the points whose value differs from {@code background} by disjoint boxes of
     * one value: from the first uncovered point in order, grow along {@code x_{d-1}} (fastest), then
     * along {@code x_{d-2}}, ..., while every new cell has the same value and is uncovered.
     */
    static List<Box> cover(FunctionTable t, long background) {
        int d = t.dims();
        long n = t.grid().size();
        long min = t.grid().minCode();
        long max = t.grid().maxCode();
        long[] stride = new long[d];
        stride[d - 1] = 1;
        for (int j = d - 2; j >= 0; j--) {
            stride[j] = stride[j + 1] * n;
        }
        boolean[] covered = new boolean[t.size()];
        List<Box> out = new ArrayList<>();
        InputSpace space = t.space();
        for (int i = 0; i < t.size(); i++) {
            if (covered[i] || t.code(i) == background) {
                continue;
            }
            long v = t.code(i);
            long[] lo = space.point(i);
            long[] hi = lo.clone();
            for (int j = d - 1; j >= 0; j--) {
                while (hi[j] < max) {
                    // the slab with x_j = hi[j] + 1 and the other coordinates in the box
                    long[] slabLo = lo.clone();
                    long[] slabHi = hi.clone();
                    slabLo[j] = hi[j] + 1;
                    slabHi[j] = hi[j] + 1;
                    if (!uniform(t, slabLo, slabHi, v, covered, stride, min)) {
                        break;
                    }
                    hi[j]++;
                }
            }
            mark(lo, hi, covered, stride, min, d);
            out.add(new Box(lo, hi, v));
        }
        return out;
    }

    private static boolean uniform(FunctionTable t, long[] lo, long[] hi, long v, boolean[] covered, long[] stride,
            long min) {
        int d = lo.length;
        long[] x = lo.clone();
        while (true) {
            long idx = 0;
            for (int j = 0; j < d; j++) {
                idx += (x[j] - min) * stride[j];
            }
            if (covered[(int) idx] || t.code((int) idx) != v) {
                return false;
            }
            int j = d - 1;
            while (j >= 0 && x[j] == hi[j]) {
                x[j] = lo[j];
                j--;
            }
            if (j < 0) {
                return true;
            }
            x[j]++;
        }
    }

    private static void mark(long[] lo, long[] hi, boolean[] covered, long[] stride, long min, int d) {
        long[] x = lo.clone();
        while (true) {
            long idx = 0;
            for (int j = 0; j < d; j++) {
                idx += (x[j] - min) * stride[j];
            }
            covered[(int) idx] = true;
            int j = d - 1;
            while (j >= 0 && x[j] == hi[j]) {
                x[j] = lo[j];
                j--;
            }
            if (j < 0) {
                return;
            }
            x[j]++;
        }
    }
}

package dev.fxnet.construct;

import java.util.Locale;

/** How a table is decomposed into indicators (see docs/CONSTRUCTION.md). */
public enum Strategy {
    /**
     * The paper's construction: one indicator per point of {@code F^d} (coordinate detectors, a NOR
     * of the coordinates, a weighted sum with bias 0), every point included.
     */
    CUBES,
    /**
     * The most frequent value becomes the output bias; the other points are covered greedily by
     * disjoint boxes of equal value, one indicator per box; detectors are shared.
     */
    BOXES,
    /**
     * Telescoping along the last coordinate: per slice ({@code x0..x{d-2}} fixed) one indicator to
     * the slice's first value and one step indicator {@code [x{d-1} >= a]} (with the slice's tests)
     * per change of value, listed in increasing {@code a} so partial sums are table values.
     */
    STEPS,
    /**
     * About one parameter per nonzero table entry (d >= 2; docs/COMPACT.md): 0/1 indicators of the last
     * coordinate's values and of the slices, then per slice neurons {@code tau(B + W [slice] + sum
     * v(f(a,b)) [x{d-1} = b])} for the positive entries and for the negative ones (up to four terms
     * per entry), summed by the output; refused where no slice neuron or decomposition exists.
     */
    COLUMNS;

    /** Parses a strategy name, ignoring case. */
    public static Strategy parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (Strategy s : values()) {
            if (s.name().equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown strategy '" + text + "'; expected cubes, boxes, steps or columns");
    }

    /** The lower-case name used on the command line and in {@code meta}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

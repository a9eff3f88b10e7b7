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
    BOXES;

    /** Parses a strategy name, ignoring case. */
    public static Strategy parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (Strategy s : values()) {
            if (s.name().equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown strategy '" + text + "'; expected cubes or boxes");
    }

    /** The lower-case name used on the command line and in {@code meta}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package dev.fxnet.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of checking output 0 of a network against expected codes on the points
 * {@code from..to-1} of {@code F^d} ({@link EvaluationKernel#checkRange}): how many points, how
 * many differ, the first {@code keep} that differ in index order, and the {@link OutputDigest} of
 * the network's outputs. {@link #then} joins consecutive ranges; the join over any split of
 * {@code [a, b)} equals the check of {@code [a, b)} itself (same counts, same first mismatches,
 * same digest).
 */
public record RangeCheck(long from, long to, long mismatches, List<Mismatch> first, int keep, long digest) {
    /** One point where the network's output 0 differs from the expected code. */
    public record Mismatch(long index, long expected, long actual) {
    }

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if {@code from > to}, {@code keep < 0}, counts are negative or
     *     more mismatches are listed than counted or kept
     */
    public RangeCheck {
        if (from > to || keep < 0 || mismatches < 0 || first.size() > Math.min(keep, mismatches)) {
            throw new IllegalArgumentException("inconsistent range check [" + from + ", " + to + "): "
                    + mismatches + " mismatches, " + first.size() + " listed, keep " + keep);
        }
        first = List.copyOf(first);
    }

    /** The number of points checked. */
    public long points() {
        return to - from;
    }

    /**
     * This range followed by {@code next}, which must start where this one ends.
     *
     * @throws IllegalArgumentException if the ranges are not consecutive or keep different counts
     */
    public RangeCheck then(RangeCheck next) {
        if (next.from != to || next.keep != keep) {
            throw new IllegalArgumentException("ranges [" + from + ", " + to + ") and [" + next.from + ", "
                    + next.to + ") with keep " + keep + " and " + next.keep + " are not consecutive");
        }
        List<Mismatch> f = new ArrayList<>(first);
        for (Mismatch m : next.first) {
            if (f.size() < keep) {
                f.add(m);
            }
        }
        return new RangeCheck(from, next.to, mismatches + next.mismatches, f, keep,
                OutputDigest.combine(digest, next.digest));
    }
}

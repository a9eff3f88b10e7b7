package dev.fxnet.engine;

import dev.fxnet.eval.OutputDigest;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What one range of a verification (or of {@code eval --all} in its counting form) found: the range,
 * how many of its points differ from the target, the first {@code keep} of them in index order, and
 * the {@link OutputDigest} of its outputs (the serialisable form of {@link dev.fxnet.eval.RangeCheck},
 * which engines ship between processes). Results of consecutive ranges {@link #combine} into the
 * result of their union; the combination is the same however the job was cut.
 *
 * @param from the first input index
 * @param to one past the last input index
 * @param mismatches points of the range where the network differs from the target (0 without a target)
 * @param first the first mismatches of the range, in index order
 * @param digest the {@link OutputDigest} of the range's outputs
 */
public record RangeResult(long from, long to, long mismatches, List<Mismatch> first, long digest)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One point where the network and the target differ: its input index and both output codes. */
    public record Mismatch(long index, int expected, int actual) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** @throws IllegalArgumentException unless {@code 0 <= from <= to} and {@code 0 <= mismatches <= to - from} */
    public RangeResult {
        if (from < 0 || from > to || mismatches < 0 || mismatches > to - from || first.size() > mismatches) {
            throw new IllegalArgumentException("inconsistent range result " + from + " ..< " + to + " with "
                    + mismatches + " mismatches, " + first.size() + " listed");
        }
        first = List.copyOf(first);
    }

    /** The number of points of the range. */
    public long points() {
        return to - from;
    }

    /** Whether the network equals the target on every point of the range. */
    public boolean exact() {
        return mismatches == 0;
    }

    /**
     * The result of the union of consecutive ranges: counts and digests added, the first
     * {@code keep} mismatches of the concatenated lists.
     *
     * @throws IllegalArgumentException if {@code parts} is empty or not consecutive, or {@code keep < 0}
     */
    public static RangeResult combine(List<RangeResult> parts, int keep) {
        if (parts.isEmpty() || keep < 0) {
            throw new IllegalArgumentException("need at least one range result and keep >= 0, had " + parts.size()
                    + " and " + keep);
        }
        long bad = 0;
        long digest = OutputDigest.EMPTY;
        List<Mismatch> first = new ArrayList<>();
        long next = parts.get(0).from();
        for (RangeResult r : parts) {
            if (r.from() != next) {
                throw new IllegalArgumentException("range results not consecutive: " + next + " then " + r.from());
            }
            next = r.to();
            bad += r.mismatches();
            digest = OutputDigest.combine(digest, r.digest());
            for (Mismatch m : r.first()) {
                if (first.size() < keep) {
                    first.add(m);
                }
            }
        }
        return new RangeResult(parts.get(0).from(), next, bad, first, digest);
    }
}

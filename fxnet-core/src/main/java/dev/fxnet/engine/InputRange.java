package dev.fxnet.engine;

/**
 * The input indices {@code from ..< to} of a grid or domain, in the order of
 * {@link dev.fxnet.eval.InputSpace}: the unit of verification and {@code eval --all}.
 */
public record InputRange(long from, long to) implements WorkUnit {
    private static final long serialVersionUID = 1L;

    /** @throws IllegalArgumentException unless {@code 0 <= from < to} */
    public InputRange {
        if (from < 0 || from >= to) {
            throw new IllegalArgumentException("an input range needs 0 <= from < to, was " + from + " ..< " + to);
        }
    }

    @Override
    public long weight() {
        return to - from;
    }

    /**
     * {@code 0 ..< points} cut into consecutive ranges of {@code size} points (the last may be
     * shorter); empty when {@code points == 0}.
     *
     * @throws IllegalArgumentException if {@code points < 0} or {@code size < 1}
     */
    public static java.util.List<InputRange> cut(long points, long size) {
        if (points < 0 || size < 1) {
            throw new IllegalArgumentException("need points >= 0 and size >= 1, were " + points + " and " + size);
        }
        java.util.List<InputRange> out = new java.util.ArrayList<>();
        for (long from = 0; from < points; from += size) {
            out.add(new InputRange(from, Math.min(points, from + size)));
        }
        return out;
    }
}

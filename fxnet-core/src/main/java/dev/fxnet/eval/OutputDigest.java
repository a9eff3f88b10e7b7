package dev.fxnet.eval;

/**
 * A deterministic digest of output codes that does not depend on how a range of points was split:
 * the sum, modulo {@code 2^64}, of {@link #term(long, long)} over every position (point index times
 * the number of outputs, plus the output) and its code. Digests of disjoint ranges combine by
 * {@link #combine} (addition), so the digest of {@code [a, c)} is the digest of {@code [a, b)}
 * combined with that of {@code [b, c)} for every split {@code b}, in any order. Keyed by the
 * absolute position, a code moved to another position changes the digest. Not cryptographic: it
 * detects differences between two runs, it proves nothing.
 */
public final class OutputDigest {
    private OutputDigest() {
    }

    /** The digest of no outputs. */
    public static final long EMPTY = 0;

    /** SplitMix64's finaliser: a bijection of {@code long} with good avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The contribution of {@code code} at {@code position}. */
    public static long term(long position, long code) {
        return mix(mix(position + 0x9e3779b97f4a7c15L) ^ code);
    }

    /** The digest of the union of two disjoint ranges. */
    public static long combine(long a, long b) {
        return a + b;
    }

    /** The digest of {@code codes} (one per position) starting at {@code firstPosition}. */
    public static long of(long firstPosition, int[] codes, int count) {
        long d = EMPTY;
        for (int i = 0; i < count; i++) {
            d += term(firstPosition + i, codes[i]);
        }
        return d;
    }

    /** The digest as 16 lower-case hexadecimal digits, as {@code eval --all --digest} prints it. */
    public static String hex(long digest) {
        return String.format("%016x", digest);
    }
}

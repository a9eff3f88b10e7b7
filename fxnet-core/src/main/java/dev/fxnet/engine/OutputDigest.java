package dev.fxnet.engine;

/**
 * A 64-bit digest of a network's outputs over input indices: the sum, modulo {@code 2^64}, of
 * {@code mix(index, code)} over every (point, output) pair, where {@code mix} is the SplitMix64
 * finaliser of {@code index * outputs + o} and the code. Because it is a sum, the digest of a union
 * of disjoint ranges is the sum of their digests ({@link #combine}): engines that cut a job
 * differently report the same digest. Not cryptographic: it detects accidental differences (two
 * output tables that differ in one entry differ in digest unless two 64-bit mixes collide).
 */
public final class OutputDigest {
    private OutputDigest() {
    }

    /** The digest of the empty set of outputs. */
    public static final long EMPTY = 0L;

    /**
     * The digest of {@code codes}, the outputs of the points {@code from, from + 1, ...}, {@code outputs}
     * codes per point, point-major, over the first {@code count} points.
     */
    public static long of(long from, int outputs, int[] codes, long count) {
        long sum = 0;
        long base = from * outputs;
        for (long k = 0; k < count * outputs; k++) {
            sum += mix(base + k, codes[(int) k]);
        }
        return sum;
    }

    /** The digest of the union of two disjoint sets of outputs. */
    public static long combine(long a, long b) {
        return a + b;
    }

    /** The SplitMix64 finaliser of the position and the code: a bijection of 64-bit words, mixed twice. */
    static long mix(long position, int code) {
        long z = position * 0x9E3779B97F4A7C15L + (code & 0xFFFFFFFFL) * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The digest as 16 lower-case hexadecimal digits, as printed. */
    public static String hex(long digest) {
        return String.format("%016x", digest);
    }
}

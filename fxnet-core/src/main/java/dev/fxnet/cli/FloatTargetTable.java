package dev.fxnet.cli;

import dev.fxnet.eval.InputSpace;
import dev.fxnet.network.NumberSystem;
import dev.fxnet.target.FunctionTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The target of {@code verify} for a floating-point network (SPEC §8): one value code per point of
 * {@code F^d} (every finite value, increasing, {@code x0} slowest), read from a table (SPEC §5a:
 * header {@code x0,...,x{d-1},y}, exact decimals, every point once, target values finite) or drawn
 * uniformly from the finite values. The fixed-point target is {@link FunctionTable}.
 */
final class FloatTargetTable {
    private FloatTargetTable() {
    }

    /**
     * The grid, refused when it has more points than a table holds ({@link FunctionTable#MAX_POINTS}).
     */
    static InputSpace space(NumberSystem ns, int dims) {
        InputSpace space = InputSpace.of(ns.arithmetic(), dims);
        if (space.size() > FunctionTable.MAX_POINTS) {
            throw new IllegalArgumentException("F^" + dims + " of " + ns.arithmetic().formatName() + " has "
                    + space.size() + " points; a table holds at most " + FunctionTable.MAX_POINTS);
        }
        return space;
    }

    /** A uniformly random table of finite values from {@code seed} (reproducible). */
    static int[] random(NumberSystem ns, int dims, long seed) {
        return random(ns, space(ns, dims), seed);
    }

    /** A uniformly random value code for each point of {@code space} in its order, from {@code seed}. */
    static int[] random(NumberSystem ns, InputSpace space, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] c = new int[(int) space.size()];
        long min = ns.arithmetic().minCode();
        for (int i = 0; i < c.length; i++) {
            c[i] = (int) (min + r.nextLong(ns.arithmetic().size()));
        }
        return c;
    }

    /**
     * Reads a table file ({@link FunctionTable#readCodes} with this number system's value parser).
     *
     * @throws IllegalArgumentException naming the file, row and column of the first fault
     */
    static int[] read(Path file, NumberSystem ns, int dims) throws IOException {
        return FunctionTable.readCodes(file, space(ns, dims), ns.arithmetic(), ns::parseValue);
    }

    /** Reads a table that lists exactly the points of {@code space} (e.g. a domain), in any order. */
    static int[] read(Path file, NumberSystem ns, InputSpace space) throws IOException {
        return FunctionTable.readCodes(file, space, ns.arithmetic(), ns::parseValue);
    }

    /**
     * The target on the whole grid {@code F^d}: {@code codes} (one per point of {@code domain}) on
     * the domain and code 0 (the value zero) elsewhere.
     */
    static int[] extendByZero(InputSpace domain, int[] codes, InputSpace full) {
        int[] all = new int[(int) full.size()];
        long[] x = new long[domain.dims()];
        for (int i = 0; i < codes.length; i++) {
            domain.point(i, x);
            all[(int) full.indexOf(x)] = codes[i];
        }
        return all;
    }
}

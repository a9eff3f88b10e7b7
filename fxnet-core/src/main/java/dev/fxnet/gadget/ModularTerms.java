package dev.fxnet.gadget;

/**
 * What one listed source adds to an accumulator under two's complement {@code WRAP}, as a residue
 * modulo {@code N = 2^n} (docs/THEORY.md §12.1): under {@code PER_OP} the term {@code w (*) y}
 * (rounded, wrapped), which the accumulator adds in {@code Z/2^n}; under {@code WIDE} the exact
 * product {@code w y} when it lies on the grid (then the exact sum is on the grid, the one rounding
 * is exact and the one wrap is reduction modulo {@code 2^n}), and no term otherwise.
 */
public final class ModularTerms {
    /** Returned by {@link #term} for a product that is not on the grid under {@code WIDE}. */
    public static final long INEXACT = -1;

    private final Machine m;
    private final long n;
    private final int frac;

    private ModularTerms(Machine m) {
        this.m = m;
        this.n = m.size();
        this.frac = m.setting().fixedPoint().format().fracBits();
    }

    /**
     * The terms of {@code m}.
     *
     * @throws IllegalArgumentException unless {@code m} wraps (two's complement {@code WRAP})
     */
    public static ModularTerms of(Machine m) {
        if (!m.arithmetic().wraps()) {
            throw new IllegalArgumentException("modular terms need two's complement WRAP, was " + m);
        }
        return new ModularTerms(m);
    }

    /** {@code N = 2^n}, the number of codes and the modulus. */
    public long modulus() {
        return n;
    }

    /** The residue of a code. */
    public long residue(long code) {
        return code & (n - 1);
    }

    /** The code of a residue (its representative in {@code [min, max]}). */
    public long code(long residue) {
        long r = residue & (n - 1);
        return r > m.max() ? r - n : r;
    }

    /** The residue that listing {@code y} with weight {@code w} adds, or {@link #INEXACT}. */
    public long term(long w, long y) {
        if (m.perOp()) {
            return residue(m.mul(w, y));
        }
        long p = w * y;
        if ((p & ((1L << frac) - 1)) != 0) {
            return INEXACT;
        }
        return residue(p >> frac);
    }

    /** {@code tau} of the accumulator with residue {@code r}. */
    public long tauOf(long r) {
        return m.tau(code(r));
    }

    /** The code of the weight {@code -1.0}, which exists in every two's-complement format. */
    public long minusOne() {
        return -(1L << frac);
    }
}

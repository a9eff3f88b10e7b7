package dev.fxnet.gadget;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.ActivationTable;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.FixedPointArithmetic;
import java.math.BigDecimal;
import java.util.OptionalLong;

/**
 * The operations of one {@link Setting} on codes (SPEC §3–4): {@code (+)}, {@code (*)}, a neuron's
 * accumulator in the setting's {@link Accumulation}, and {@code tau} as a table over every code.
 * Every gadget, search and check of fxnet evaluates through this class, so what is verified is
 * exactly what a network computes.
 *
 * <p>Written against the {@link Arithmetic} interface only: any implementation (fixed point today,
 * floating point next) runs the same gadget code. Immutable and thread-safe.
 */
public final class Machine {
    /** The largest arithmetic whose {@code tau} fxnet tabulates for its searches: {@code 2^16} values. */
    public static final long MAX_SIZE = 1L << 16;

    private final Setting setting;
    private final Arithmetic ar;
    private final Accumulation accumulation;
    private final long min;
    private final long max;
    private final long[] tau;
    private final OptionalLong one;
    /** {@code a (+) b} and {@code a (*) b} by {@link #opIndex}, or null where the arithmetic computes them. */
    private final int[] addTable;
    private final int[] mulTable;

    /**
     * The most codes for which a floating-point machine tabulates {@code (+)} and {@code (*)} (2 x
     * 512^2 ints, 2 MiB): the gadget searches apply these operations millions of times, and a float
     * operation goes through the binade and the rounding mode each time.
     */
    static final long MAX_TABULATED = 512;

    private Machine(Setting setting) {
        this.setting = setting;
        this.ar = setting.arithmetic();
        this.accumulation = setting.accumulation();
        this.min = ar.minCode();
        this.max = ar.maxCode();
        this.one = ar.codeOf(BigDecimal.ONE);
        ActivationTable table = ActivationTable.of(setting.activation(), ar);
        this.tau = new long[(int) ar.size()];
        for (long z = min; z <= max; z++) {
            tau[(int) (z - min)] = table.tau(z);
        }
        // fixed point computes on integers directly; a saturating float arithmetic never leaves min..max
        boolean tabulate = !(ar instanceof FixedPointArithmetic) && ar.saturates() && ar.size() <= MAX_TABULATED;
        this.addTable = tabulate ? operationTable(ar::add) : null;
        this.mulTable = tabulate ? operationTable(ar::multiply) : null;
    }

    /** {@code op(a, b)} for every pair of codes, at {@link #opIndex}; each result is checked to be a code. */
    private int[] operationTable(java.util.function.LongBinaryOperator op) {
        int n = tau.length;
        int[] t = new int[n * n];
        for (long a = min; a <= max; a++) {
            for (long b = min; b <= max; b++) {
                long r = op.applyAsLong(a, b);
                if (!contains(r)) {
                    throw new IllegalStateException("internal error: " + ar + " gives code " + r + " outside "
                            + min + ".." + max + " though it saturates");
                }
                t[opIndex(a, b)] = (int) r;
            }
        }
        return t;
    }

    private int opIndex(long a, long b) {
        return (int) (a - min) * tau.length + (int) (b - min);
    }

    /** Whether both codes are in {@code min..max}, so that a table holds their result. */
    private boolean inTable(long a, long b) {
        return a >= min && a <= max && b >= min && b <= max;
    }

    /**
     * The machine of {@code setting}.
     *
     * @throws IllegalArgumentException if the arithmetic has more than {@link #MAX_SIZE} values
     */
    static Machine of(Setting setting) {
        Arithmetic ar = setting.arithmetic();
        if (ar.size() > MAX_SIZE) {
            throw new IllegalArgumentException("the construction searches gadgets over every value of the format; "
                    + ar.formatName() + " has " + ar.size() + " values, more than the supported 2^16 (p + q <= 15)");
        }
        return new Machine(setting);
    }

    /**
     * The machine of {@code Setting.of(arithmetic, accumulation, activation)}.
     *
     * @throws IllegalArgumentException if the arithmetic has more than {@link #MAX_SIZE} values
     */
    public static Machine of(Arithmetic arithmetic, Accumulation accumulation, Activation activation) {
        return Setting.of(arithmetic, accumulation, activation).machine();
    }

    public Setting setting() {
        return setting;
    }

    public Arithmetic arithmetic() {
        return ar;
    }

    public Accumulation accumulation() {
        return accumulation;
    }

    public Activation activation() {
        return setting.activation();
    }

    /** Whether the accumulation is {@code PER_OP}. */
    public boolean perOp() {
        return accumulation == Accumulation.PER_OP;
    }

    /** The smallest code {@code m}. */
    public long min() {
        return min;
    }

    /** The largest code {@code M}. */
    public long max() {
        return max;
    }

    /** {@code |F|}, the number of codes. */
    public int size() {
        return tau.length;
    }

    /** Whether {@code code} is a code of the arithmetic. */
    public boolean contains(long code) {
        return code >= min && code <= max;
    }

    /** The code of the value 1, if 1 is a value of the arithmetic. */
    public OptionalLong one() {
        return one;
    }

    /** {@code tau(z)} for a code {@code z}. */
    public long tau(long z) {
        return tau[(int) (z - min)];
    }

    /** The values of {@code tau} on F (the values hidden signals take), distinct and ascending. */
    public long[] tauImage() {
        return java.util.Arrays.stream(tau).distinct().sorted().toArray();
    }

    /** The least code {@code z} with {@code tau(z) = y}, or empty if {@code y} is not a value of {@code tau}. */
    public OptionalLong tauPreimage(long y) {
        for (long z = min; z <= max; z++) {
            if (tau(z) == y) {
                return OptionalLong.of(z);
            }
        }
        return OptionalLong.empty();
    }

    /** {@code a (+) b}. */
    public long add(long a, long b) {
        return addTable != null && inTable(a, b) ? addTable[opIndex(a, b)] : ar.add(a, b);
    }

    /** {@code w (*) y}, a term as {@code PER_OP} adds it to an accumulator. */
    public long mul(long w, long y) {
        return mulTable != null && inTable(w, y) ? mulTable[opIndex(w, y)] : ar.multiply(w, y);
    }

    /**
     * A neuron's accumulator (SPEC §4): {@code PER_OP}: {@code acc = b; acc = acc (+) (w_i (*) y_i)} in
     * order; {@code WIDE}: {@code rho(b + sum w_i y_i)}. Only the first {@code count} pairs are used.
     */
    public long accumulate(long bias, long[] weights, long[] inputs, int count) {
        return accumulation.accumulate(ar, bias, weights, inputs, count);
    }

    /** The accumulator of a neuron with one source: {@code b (+) (w (*) y)} or {@code rho(b + w y)}. */
    public long pre(long b, long w, long y) {
        return perOp() ? add(b, mul(w, y)) : ar.fma(w, y, b);
    }

    /** The output {@code tau(pre(b, w, y))} of a hidden neuron with one source. */
    public long neuron(long b, long w, long y) {
        return tau(pre(b, w, y));
    }

    /**
     * The accumulator of a neuron that lists {@code k >= 0} sources all equal to {@code y}, each with
     * weight {@code w} (k copies of one signal, computed by k neurons of the previous layer):
     * {@code PER_OP}: {@code b (+) t (+) ... (+) t} with {@code t = w (*) y}; {@code WIDE}:
     * {@code rho(b + k w y)}.
     *
     * @throws IllegalArgumentException if {@code k < 0}
     */
    public long chain(long bias, long w, long y, long k) {
        if (k < 0) {
            throw new IllegalArgumentException("copies k must be >= 0, was " + k);
        }
        if (!perOp()) {
            return ar.fusedSum(bias, new long[] {w}, new long[] {y}, new long[] {k}, 1);
        }
        return addCopies(bias, mul(w, y), k);
    }

    /**
     * {@code acc (+) t (+) ... (+) t} ({@code k} times), as {@link Arithmetic#addCopies}: by the
     * tables where this machine has them (stopping, like the default, once the sum stops changing),
     * else by the arithmetic.
     */
    private long addCopies(long acc, long t, long k) {
        if (addTable == null) {
            return ar.addCopies(acc, t, k);
        }
        long a = acc;
        for (long i = 0; i < k; i++) {
            long next = add(a, t);
            if (next == a) {
                return a;
            }
            a = next;
        }
        return a;
    }

    /**
     * The accumulator of a neuron listing {@code k1} copies of {@code y1} (weight {@code w1}) and then
     * {@code k2} copies of {@code y2} (weight {@code w2}).
     */
    public long chain2(long bias, long w1, long y1, long k1, long w2, long y2, long k2) {
        if (!perOp()) {
            return ar.fusedSum(bias, new long[] {w1, w2}, new long[] {y1, y2}, new long[] {k1, k2}, 2);
        }
        return addCopies(addCopies(bias, mul(w1, y1), k1), mul(w2, y2), k2);
    }

    /** The code as an exact decimal, e.g. {@code -0.375}. */
    public String dec(long code) {
        return ar.decimal(code);
    }

    /** E.g. {@code p=3,q=3,SYMMETRIC HALF_EVEN SATURATE PER_OP relu}. */
    @Override
    public String toString() {
        return ar + " " + accumulation + " " + setting.activation().name();
    }
}

package dev.fxnet.theory;

import dev.fxnet.gadget.Question;
import dev.fxnet.gadget.Setting;
import dev.fxnet.activation.Activation;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Verdicts over a grid: activations x arithmetics, for one accumulation and weight kind. The
 * arithmetics are intBits x fracBits x encodings x overflows (WRAP only with two's complement) x
 * roundings ({@link FormatGrid}), or listed formats of either number system with their overflow
 * modes and roundings ({@link ArithmeticGrid}). Immutable grid description; {@link #run(int)}
 * computes the rows.
 *
 * <p>CSV ({@link #HEADER}): the columns {@code intBits, fracBits, encoding} are kept for fixed point
 * and are empty for a float format; the last column {@code format} (quoted: it holds commas) names every format in full
 * ({@link ArithmeticGrid#formatColumn}); {@code overflow} is the overflow mode of the row's own
 * number system ({@code SATURATE}/{@code WRAP} or {@code SATFINITE}/{@code INF}/{@code NAN}).
 */
public final class VerdictTable {
    /** The header of {@link #toCsv}. */
    public static final String HEADER = "activation,intBits,fracBits,encoding,overflow,rounding,accumulation,binary,"
            + "verdict,necessary,sufficient,violated,hidden_layers_d1,neurons_per_point_d1,note,format";

    /** The seven activations of the paper's headline and the identity. */
    public static final List<String> PAPER_ACTIVATIONS =
            List.of("sigmoid", "relu", "elu", "softplus", "silu", "mish", "gelu", "identity");

    private final List<Activation> activations;
    private final List<Arithmetic> arithmetics;
    private final Accumulation accumulation;
    private final boolean binary;
    private final boolean diagonalOnly;

    /**
     * The arithmetic axes of a grid: every combination of int bits, frac bits, encoding, overflow
     * (WRAP only with two's complement) and rounding.
     *
     * @param intBits values of {@code p}
     * @param fracBits values of {@code q}
     * @param encodings the encodings
     * @param overflows the overflow modes
     * @param roundings the rounding modes
     */
    public record FormatGrid(List<Integer> intBits, List<Integer> fracBits, List<Encoding> encodings,
            List<Overflow> overflows, List<Rounding> roundings) {
        /**
         * @throws IllegalArgumentException if a list is empty
         * @throws NullPointerException if a list is null
         */
        public FormatGrid {
            for (List<?> l : java.util.Arrays.asList(intBits, fracBits, encodings, overflows, roundings)) {
                if (Objects.requireNonNull(l, "grid axis").isEmpty()) {
                    throw new IllegalArgumentException("every grid dimension needs at least one value");
                }
            }
            intBits = List.copyOf(intBits);
            fracBits = List.copyOf(fracBits);
            encodings = List.copyOf(encodings);
            overflows = List.copyOf(overflows);
            roundings = List.copyOf(roundings);
        }

        /** The arithmetics of the grid in row order (p, q, encoding, overflow, rounding); only {@code p = q} if {@code diagonal}. */
        List<Arithmetic> arithmetics(boolean diagonal) {
            List<Arithmetic> out = new ArrayList<>();
            for (int p : intBits) {
                for (int q : fracBits) {
                    if (diagonal && p != q) {
                        continue;
                    }
                    for (Encoding e : encodings) {
                        for (Overflow o : overflows) {
                            if (o == Overflow.WRAP && e == Encoding.SYMMETRIC) {
                                continue;
                            }
                            for (Rounding r : roundings) {
                                out.add(FixedPointArithmetic.of(FixedPointFormat.of(p, q, e), r, o));
                            }
                        }
                    }
                }
            }
            return out;
        }
    }

    private VerdictTable(List<Activation> activations, List<Arithmetic> arithmetics, Accumulation accumulation,
            boolean binary, boolean diagonalOnly) {
        this.activations = activations;
        this.arithmetics = List.copyOf(arithmetics);
        this.accumulation = accumulation;
        this.binary = binary;
        this.diagonalOnly = diagonalOnly;
    }

    /**
     * A grid.
     *
     * @throws IllegalArgumentException if there is no activation
     */
    public static VerdictTable of(List<Activation> activations, FormatGrid formats, Accumulation accumulation,
            boolean binary) {
        if (Objects.requireNonNull(activations, "activations").isEmpty()) {
            throw new IllegalArgumentException("every grid dimension needs at least one value");
        }
        return new VerdictTable(List.copyOf(activations), Objects.requireNonNull(formats, "formats").arithmetics(false),
                Objects.requireNonNull(accumulation), binary, false);
    }

    /**
     * A grid over formats of either number system.
     *
     * @throws IllegalArgumentException if there is no activation, or if {@code binary} and a format
     *     is a float format (binary weights are defined for fixed point only)
     */
    public static VerdictTable of(List<Activation> activations, ArithmeticGrid grid, Accumulation accumulation,
            boolean binary) {
        if (Objects.requireNonNull(activations, "activations").isEmpty()) {
            throw new IllegalArgumentException("every grid dimension needs at least one value");
        }
        List<Arithmetic> ars = Objects.requireNonNull(grid, "grid").arithmetics();
        if (binary && ars.stream().anyMatch(a -> !(a instanceof FixedPointArithmetic))) {
            throw new IllegalArgumentException("binary weights are decided for fixed-point formats only, not "
                    + ars.stream().filter(a -> !(a instanceof FixedPointArithmetic)).findFirst().orElseThrow().formatName());
        }
        return new VerdictTable(List.copyOf(activations), ars, Objects.requireNonNull(accumulation), binary, false);
    }

    /**
     * The default grid reproducing the paper's headline: the seven paper activations and the identity,
     * {@code (p, q)} in {@code (1,1), (2,2), (3,3)}, both encodings, SATURATE, every rounding, PER_OP,
     * general weights (432 rows). WRAP is left out to keep it under two minutes; grids built with
     * {@link #of} may include it.
     */
    public static VerdictTable defaultGrid() {
        List<Activation> acts = new ArrayList<>();
        for (String a : PAPER_ACTIVATIONS) {
            acts.add(Activations.named(a));
        }
        return new VerdictTable(acts, new FormatGrid(List.of(1, 2, 3), List.of(1, 2, 3), List.of(Encoding.values()),
                List.of(Overflow.SATURATE), List.of(Rounding.values())).arithmetics(true), Accumulation.PER_OP, false, true);
    }

    /** The tiny grid the exact decider covers: every built-in, {@code p + q <= 1}. */
    public static VerdictTable tinyGrid() {
        return of(Activations.builtIns(), new FormatGrid(List.of(0, 1), List.of(0, 1), List.of(Encoding.values()),
                List.of(Overflow.values()), List.of(Rounding.values())), Accumulation.PER_OP, false);
    }

    /**
     * The float formats of the tiny float grid, as SPEC §8 spells them: the formats {@code float(E,M)}
     * with {@code E + M <= 2} and at most five finite values, where the exact decider runs routinely
     * at {@code d = 1} (and at {@code d = 2} with three values): {@code float(1,1)} (values 0, +-1),
     * {@code float(1,1,specials=FN)} and {@code float(2,0,specials=FN)} (0, +-1, +-2; {@code float(2,0)}
     * with the default IEEE specials is refused, its NaN needs {@code M >= 1}) and
     * {@code float(1,0,specials=FINITE)} (0, +-2).
     */
    public static final List<String> TINY_FLOAT_FORMATS =
            List.of("float(1,1)", "float(1,1,specials=FN)", "float(2,0,specials=FN)", "float(1,0,specials=FINITE)");

    /**
     * The tiny float grid: every built-in activation, the {@link #TINY_FLOAT_FORMATS}, {@code SATFINITE},
     * every rounding, {@code PER_OP} (540 settings).
     */
    public static VerdictTable tinyFloatGrid() {
        List<Object> formats = new ArrayList<>();
        for (String f : TINY_FLOAT_FORMATS) {
            formats.add(FloatFormat.parse(f));
        }
        return of(Activations.builtIns(), ArithmeticGrid.of(formats, List.of(Rounding.values())), Accumulation.PER_OP,
                false);
    }

    /** Whether only {@code p = q} pairs of the grid are used (the default grid). */
    public boolean diagonalOnly() {
        return diagonalOnly;
    }

    /** The questions of the grid, in row order; binary ones in dimension {@code dims}. */
    public List<Question> questions(int dims) {
        List<Question> out = new ArrayList<>();
        for (Activation a : activations) {
            for (Arithmetic ar : arithmetics) {
                out.add(Question.of(Setting.of(ar, accumulation, a), binary, dims));
            }
        }
        return out;
    }

    /** Computes every verdict, with {@code threads} worker threads; rows in grid order; binary rows in dimension 1. */
    public List<Verdict> run(int threads) {
        return run(threads, 1);
    }

    /**
     * Computes every verdict, with {@code threads} worker threads; rows in grid order. Binary rows
     * are about dimension {@code dims} ({@link Universality#check(Question)}).
     */
    public List<Verdict> run(int threads, int dims) {
        return run(threads, dims, null);
    }

    /**
     * As {@link #run(int, int)}, telling {@code progress} (from any thread; may be null) of every
     * finished row with a count of 1.
     */
    public List<Verdict> run(int threads, int dims, java.util.function.LongConsumer progress) {
        List<Question> questions = questions(dims);
        ExecutorService ex = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<Verdict>> fs = new ArrayList<>();
            for (Question question : questions) {
                fs.add(ex.submit(() -> {
                    Verdict v = Universality.check(question);
                    if (progress != null) {
                        progress.accept(1);
                    }
                    return v;
                }));
            }
            List<Verdict> out = new ArrayList<>();
            for (Future<Verdict> f : fs) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("verdict failed: " + e.getCause(), e.getCause());
        } finally {
            ex.shutdownNow();
        }
    }

    /** One CSV row (see {@link #HEADER}), sizes for {@code d = 1}. */
    public static String row(Verdict v) {
        return row(v, 1);
    }

    /** One CSV row (see {@link #HEADER}); the size columns are for dimension {@code d}. */
    public static String row(Verdict v, int d) {
        Setting s = v.setting();
        String layers = v.gadgets().map(g -> Integer.toString(g.hiddenLayers(d)))
                .or(() -> v.modular().map(c -> Integer.toString(c.hiddenLayers(d)))).orElse("");
        String neurons = v.gadgets().map(g -> String.format(Locale.ROOT, "%.0f", g.neuronsPerPoint(d))).orElse("");
        String note = v.text(300).replace('"', '\'');
        return String.join(",", s.activation().name(), arithmeticColumns(s.arithmetic()),
                s.accumulation().name(), Boolean.toString(v.question().binary()), v.kind().name(), v.necessary().spelling(),
                v.sufficient().spelling(), v.violated(), layers, neurons, "\"" + note + "\"",
                "\"" + ArithmeticGrid.formatColumn(s.arithmetic()) + "\"");
    }

    /** The columns intBits, fracBits, encoding (empty for a float format), overflow and rounding. */
    private static String arithmeticColumns(Arithmetic arithmetic) {
        if (arithmetic instanceof FloatArithmetic) {
            FloatArithmetic ar = (FloatArithmetic) arithmetic;
            return String.join(",", "", "", "", ar.overflow().name(), ar.rounding().name());
        }
        FixedPointArithmetic ar = (FixedPointArithmetic) arithmetic;
        FixedPointFormat f = ar.format();
        return String.join(",", Integer.toString(f.intBits()), Integer.toString(f.fracBits()), f.encoding().name(),
                ar.overflow().name(), ar.rounding().name());
    }

    /** The rows as CSV with {@link #HEADER}, sizes for {@code d = 1}. */
    public static String toCsv(List<Verdict> verdicts) {
        return toCsv(verdicts, 1);
    }

    /** The rows as CSV with {@link #HEADER}; the size columns are for dimension {@code d}. */
    public static String toCsv(List<Verdict> verdicts, int d) {
        StringBuilder sb = new StringBuilder(HEADER.replace("_d1", "_d" + d)).append('\n');
        for (Verdict v : verdicts) {
            sb.append(row(v, d)).append('\n');
        }
        return sb.toString();
    }
}

package dev.fxnet.construct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.arith.FloatOverflow;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.eval.ReferenceEvaluator;
import dev.fxnet.gadget.IndicatorGadgets;
import dev.fxnet.gadget.Setting;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import dev.fxnet.target.FunctionTable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The columns strategy (docs/COMPACT.md, Theorem C): every network is checked on every point of
 * {@code F^d} by {@link ReferenceEvaluator} (SPEC §4 read aloud, sharing no code with the
 * construction) against tables drawn here; for relu its parameter count is checked against the
 * formula of docs/COMPACT.md §3, recomputed here from the table alone; smooth activations (Theorem
 * C') list between 1 and {@link SliceGadget#MAX_TERMS} weights per nonzero entry; settings outside the
 * hypotheses are refused with a reason.
 */
class ColumnConstructionTest {

    static FixedPointArithmetic fixed(int p, int q, Encoding e, Rounding r, Overflow o) {
        return FixedPointArithmetic.of(FixedPointFormat.of(p, q, e), r, o);
    }

    static FloatArithmetic flt(String format, Rounding r) {
        return FloatArithmetic.of(FloatFormat.parse(format), r, FloatOverflow.SATFINITE);
    }

    /**
     * Relu settings: both encodings, SATURATE and WRAP, PER_OP and WIDE, several roundings; two floats;
     * with the largest d checked (d = 3 on 7 values, where the reference evaluator stays fast).
     */
    static Stream<Arguments> settings() {
        return Stream.of(
                Arguments.of(fixed(1, 1, Encoding.SYMMETRIC, Rounding.HALF_EVEN, Overflow.SATURATE), Accumulation.PER_OP, 3),
                Arguments.of(fixed(2, 0, Encoding.SYMMETRIC, Rounding.CEILING, Overflow.SATURATE), Accumulation.WIDE, 3),
                Arguments.of(fixed(2, 1, Encoding.TWOS_COMPLEMENT, Rounding.FLOOR, Overflow.WRAP), Accumulation.PER_OP, 2),
                Arguments.of(fixed(2, 1, Encoding.TWOS_COMPLEMENT, Rounding.HALF_EVEN, Overflow.WRAP), Accumulation.WIDE, 2),
                Arguments.of(fixed(2, 1, Encoding.TWOS_COMPLEMENT, Rounding.HALF_UP, Overflow.SATURATE), Accumulation.WIDE, 2),
                Arguments.of(fixed(1, 2, Encoding.SYMMETRIC, Rounding.UP, Overflow.SATURATE), Accumulation.PER_OP, 2),
                Arguments.of(flt("e2m1", Rounding.HALF_EVEN), Accumulation.PER_OP, 2),
                Arguments.of(flt("float(2,1,specials=FINITE)", Rounding.DOWN), Accumulation.WIDE, 2));
    }

    /** A uniformly random table over all codes (min included), drawn here. */
    static FunctionTable random(Arithmetic ar, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return table(ar, d, x -> r.nextLong(ar.minCode(), ar.maxCode() + 1));
    }

    /** The table of {@code f} over all of {@code F^d}, x0 slowest. */
    static FunctionTable table(Arithmetic ar, int d, ToLongFunction<long[]> f) {
        long n = ar.maxCode() - ar.minCode() + 1;
        int size = (int) Math.pow(n, d);
        int[] codes = new int[size];
        for (int i = 0; i < size; i++) {
            codes[i] = (int) f.applyAsLong(point(ar, d, i));
        }
        return FunctionTable.of(ar, d, codes);
    }

    static long[] point(Arithmetic ar, int d, int i) {
        long n = ar.maxCode() - ar.minCode() + 1;
        long[] x = new long[d];
        long rest = i;
        for (int j = d - 1; j >= 0; j--) {
            x[j] = ar.minCode() + rest % n;
            rest /= n;
        }
        return x;
    }

    /** Structured targets: the max on a quadrant; the min on one slice and along one column; a sign pattern. */
    static List<FunctionTable> structured(Arithmetic ar, int d) {
        long top = ar.maxCode();
        long bottom = ar.minCode();
        return List.of(
                table(ar, d, x -> x[0] >= 0 && x[d - 1] >= 0 ? top : 0),
                table(ar, d, x -> x[0] == bottom || x[d - 1] == 1 ? bottom : 0),
                table(ar, d, x -> Long.signum(x[0]) * Math.min(Math.abs(x[d - 1]), top)));
    }

    static void assertComputesEverywhere(Network net, FunctionTable t) {
        ReferenceEvaluator ref = new ReferenceEvaluator(net);
        long[] y = new long[1];
        for (int i = 0; i < t.size(); i++) {
            long[] x = point(net.arithmetic(), t.dims(), i);
            ref.evaluate(x, y);
            if (y[0] != t.code(i)) {
                throw new AssertionError(net.arithmetic() + " " + net.accumulation() + ": at " + java.util.Arrays.toString(x)
                        + " the network gives code " + y[0] + ", the table " + t.code(i));
            }
        }
    }

    /** Compiles with columns, unverified, so that the reference evaluator alone judges the network. */
    static Compiler.Result columns(FunctionTable t, Setting s) {
        return Compiler.compile(t, s, CompileOptions.defaults().withStrategy(Strategy.COLUMNS).withVerification(false));
    }

    @ParameterizedTest
    @MethodSource("settings")
    void randomAndStructuredTablesAreComputedOnEveryPoint(Arithmetic ar, Accumulation acc, int maxDims) {
        Setting s = Setting.of(ar, acc, Activations.named("relu"));
        for (int d = 2; d <= maxDims; d++) {
            List<FunctionTable> tables = new java.util.ArrayList<>(structured(ar, d));
            tables.add(random(ar, d, 17 + d));
            for (FunctionTable t : tables) {
                Compiler.Result r = columns(t, s);
                assertEquals(Strategy.COLUMNS, r.strategy());
                assertComputesEverywhere(r.network(), t);
                assertEquals(expectedParameters(t, s), r.network().size().parameters(), "parameters of " + s);
                assertSparseSliceLayer(r.network(), t, ar);
            }
        }
    }

    /**
     * docs/COMPACT.md §3 from the table alone: {@code 2D} per distinct detector, {@code 1 + fan-in + 2L}
     * per indicator, {@code 2 + k} per slice neuron with {@code k} entries, {@code 1 + (slice neurons)}
     * for the output.
     */
    static long expectedParameters(FunctionTable t, Setting s) {
        Arithmetic ar = t.grid();
        IndicatorGadgets g = IndicatorGadgets.find(s.machine(), 2 * t.dims());
        int d = t.dims();
        long n = ar.maxCode() - ar.minCode() + 1;
        long maxCode = ar.maxCode();
        Set<String> detectors = new HashSet<>();
        long p = 0;
        Set<Long> columns = new HashSet<>();
        for (int a = 0; a < t.size() / n; a++) {
            long pos = 0;
            long neg = 0;
            long below = 0;
            for (int b = 0; b < n; b++) {
                long f = t.code((int) (a * n + b));
                pos += f > 0 ? 1 : 0;
                neg += f < 0 ? 1 : 0;
                below += f < -maxCode ? 1 : 0;
                if (f != 0) {
                    columns.add(ar.minCode() + b);
                }
            }
            if (pos + neg == 0) {
                continue;
            }
            long[] x = point(ar, d, (int) (a * n));
            long fanIn = 0;
            for (int j = 0; j < d - 1; j++) {
                fanIn += detectorsOf(detectors, ar, j, x[j]);
            }
            p += 1 + fanIn + 2L * g.normalizerLength();
            for (long k : new long[] {pos, neg, below}) {
                p += k == 0 ? 0 : 2 + k + 1; // bias, slice weight, k entries; its output weight
            }
        }
        for (long b : columns) {
            p += 1 + detectorsOf(detectors, ar, d - 1, b) + 2L * g.normalizerLength();
        }
        return p + 2L * g.detectorLength() * detectors.size() + 1;
    }

    private static int detectorsOf(Set<String> detectors, Arithmetic ar, int j, long v) {
        int k = 0;
        if (v > ar.minCode()) {
            detectors.add(j + " LO " + v);
            k++;
        }
        if (v < ar.maxCode()) {
            detectors.add(j + " HI " + v);
            k++;
        }
        return k;
    }

    /** The slice layer lists one weight per nonzero entry (two for entries below -M) and one per slice indicator. */
    static void assertSparseSliceLayer(Network net, FunctionTable t, Arithmetic ar) {
        Layer slices = net.layers().get(net.layers().size() - 2);
        long listed = 0;
        for (Neuron n : slices.neurons()) {
            listed += n.fanIn() - 1;
        }
        long expected = 0;
        for (int i = 0; i < t.size(); i++) {
            expected += (t.code(i) != 0 ? 1 : 0) + (t.code(i) < -ar.maxCode() ? 1 : 0);
        }
        assertEquals(expected, listed);
    }

    /**
     * Activations that are not relu-like (Theorem C'): smooth ones, both accumulations, two roundings;
     * softplus (which needs p=3,q=2, 3969 points) only with {@code -Dfxnet.longTests=true}.
     */
    static Stream<Arguments> smoothSettings() {
        List<Arguments> fast = List.of(
                Arguments.of("gelu", fixed(2, 2, Encoding.SYMMETRIC, Rounding.HALF_EVEN, Overflow.SATURATE), Accumulation.PER_OP),
                Arguments.of("silu", fixed(2, 2, Encoding.TWOS_COMPLEMENT, Rounding.DOWN, Overflow.SATURATE), Accumulation.WIDE),
                Arguments.of("mish", fixed(2, 1, Encoding.SYMMETRIC, Rounding.HALF_UP, Overflow.SATURATE), Accumulation.PER_OP),
                Arguments.of("gelu", flt("e2m1", Rounding.HALF_EVEN), Accumulation.PER_OP));
        List<Arguments> all = new java.util.ArrayList<>(fast);
        all.add(Arguments.of("softplus", fixed(3, 2, Encoding.SYMMETRIC, Rounding.HALF_EVEN, Overflow.SATURATE),
                Accumulation.WIDE));
        return dev.fxnet.testing.LongTests.pick(all, fast).stream();
    }

    @ParameterizedTest
    @MethodSource("smoothSettings")
    void smoothActivationsThroughSumsOfSliceOutputs(String act, Arithmetic ar, Accumulation acc) {
        Setting s = Setting.of(ar, acc, Activations.named(act));
        for (FunctionTable t : List.of(random(ar, 2, 41), structured(ar, 2).get(2))) {
            Compiler.Result r = columns(t, s);
            assertComputesEverywhere(r.network(), t);
            Layer slices = r.network().layers().get(r.network().layers().size() - 2);
            long listed = 0;
            for (Neuron n : slices.neurons()) {
                listed += n.fanIn() - 1;
            }
            long nnz = java.util.Arrays.stream(t.codes()).filter(c -> c != 0).count();
            assertTrue(listed >= nnz && listed <= SliceGadget.MAX_TERMS * nnz, listed + " listed for " + nnz);
        }
    }

    /**
     * Long profile: every rounding, encoding, overflow and accumulation at p=2,q=1 for relu, gelu and
     * silu, d = 2: columns either refuses (an {@link IllegalArgumentException} with a reason) or builds
     * a network that the reference evaluator finds exact on every point.
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "fxnet.longTests", matches = "true")
    void everySmallSettingIsExactOrRefused() {
        int built = 0;
        int refused = 0;
        for (String act : List.of("relu", "gelu", "silu")) {
            for (Encoding e : Encoding.values()) {
                for (Overflow o : e == Encoding.SYMMETRIC ? List.of(Overflow.SATURATE) : List.of(Overflow.values())) {
                    for (Rounding r : Rounding.values()) {
                        for (Accumulation acc : Accumulation.values()) {
                            FixedPointArithmetic ar = fixed(2, 1, e, r, o);
                            FunctionTable t = random(ar, 2, r.ordinal() * 31L + acc.ordinal());
                            try {
                                assertComputesEverywhere(columns(t, Setting.of(ar, acc, Activations.named(act))).network(), t);
                                built++;
                            } catch (IllegalArgumentException refusal) {
                                assertTrue(refusal.getMessage().length() > 20, refusal.getMessage());
                                refused++;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(built > 0, "built " + built + ", refused " + refused);
    }

    @Test
    void refusedOutsideItsHypotheses() {
        FixedPointArithmetic ar = fixed(2, 2, Encoding.SYMMETRIC, Rounding.HALF_EVEN, Overflow.SATURATE);
        FunctionTable t2 = random(ar, 2, 1);
        // identity and elu: no slice neuron is 0 off its slice; sigmoid: its outputs (< 1) cannot sum to M
        for (String act : List.of("sigmoid", "identity", "elu")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> columns(t2, Setting.of(ar, Accumulation.PER_OP, Activations.named(act))));
            assertTrue(e.getMessage().contains("columns strategy"), e.getMessage());
        }
        Setting relu = Setting.of(ar, Accumulation.PER_OP, Activations.named("relu"));
        IllegalArgumentException d1 = assertThrows(IllegalArgumentException.class, () -> columns(random(ar, 1, 2), relu));
        assertTrue(d1.getMessage().contains("d >= 2"), d1.getMessage());
        FixedPointArithmetic noOne = fixed(0, 2, Encoding.SYMMETRIC, Rounding.HALF_EVEN, Overflow.SATURATE);
        IllegalArgumentException p0 = assertThrows(IllegalArgumentException.class,
                () -> columns(random(noOne, 2, 3), Setting.of(noOne, Accumulation.PER_OP, Activations.named("relu"))));
        assertTrue(p0.getMessage().contains("columns"), p0.getMessage());
    }

    @Test
    void theDefaultChoiceTakesTheSmallestVerifiedNetwork() {
        FixedPointArithmetic ar = fixed(2, 2, Encoding.SYMMETRIC, Rounding.HALF_EVEN, Overflow.SATURATE);
        Setting s = Setting.of(ar, Accumulation.PER_OP, Activations.named("relu"));
        FunctionTable t = random(ar, 2, 5);
        Compiler.Result best = Compiler.compile(t, s, CompileOptions.defaults());
        assertTrue(best.verification().exact());
        for (Strategy st : List.of(Strategy.BOXES, Strategy.STEPS, Strategy.COLUMNS)) {
            long other = Compiler.compile(t, s, CompileOptions.defaults().withStrategy(st).withVerification(false))
                    .network().size().parameters();
            assertTrue(best.network().size().parameters() <= other, st + ": " + other);
        }
        assertEquals(Strategy.COLUMNS, best.strategy());
        assertTrue(Compiler.minParameters(t, null) <= best.network().size().parameters());
        assertTrue(Compiler.minParameters(t, Strategy.COLUMNS) <= best.network().size().parameters());
    }
}

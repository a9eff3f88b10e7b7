package dev.fxnet.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Rounding;
import dev.fxnet.construct.CompileOptions;
import dev.fxnet.construct.Compiler;
import dev.fxnet.target.FunctionTable;
import dev.fxnet.gadget.Setting;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import dev.fxnet.testing.LongOnly;
import dev.fxnet.testing.LongTests;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Binary-weight compilation (d = 1) checked by the BigDecimal evaluator written from the SPEC alone
 * ({@link SpecOracle}) on every point, and the network's shape checked against SPEC §4: every
 * weight is the code of +-1 and every neuron lists every source of its previous layer once.
 *
 * <p>The default suite runs a sample of the activations, tables and formats below; the long profile
 * ({@code mvn -B test -Plong}, {@link LongTests}) runs all of them, with the same assertions.
 */
class BinaryConstructionOracleTest {
    private static final CompileOptions BINARY = CompileOptions.defaults().withBinaryWeights(true);

    /** Every paper activation with all three tables (long profile); relu on the random table by default. */
    @Test
    void paperActivationsAtP3Q3AreExactOnEveryPoint() {
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.parse("p=3,q=3"));
        int checked = 0;
        List<String> acts = LongTests.pick(List.of("relu", "sigmoid", "gelu", "softplus", "silu", "mish", "elu"),
                List.of("relu"));
        List<FunctionTable> tables = randomOrAll(tables(ar.format(), 1, 7));
        for (String act : acts) {
            for (FunctionTable t : tables) {
                Compiler.Result r = Compiler.compile(t, Setting.of(ar, Accumulation.PER_OP, Activations.named(act)),
                        BINARY);
                assertBinaryDense(r.network());
                assertExact(r.network(), t);
                assertTrue(r.size().binary(), "the size is measured against the binary bound");
                checked++;
            }
        }
        assertEquals(acts.size() * tables.size(), checked);
    }

    /**
     * The identity has no step gadget (a neuron outputs 0 only by exact cancellation), so it takes
     * the sign construction: ramps, doublings to sign signals, three-signal point neurons; one
     * random table at p=3,q=3 (the stress tables run at p=2,q=2 below, the network has 530k weights).
     * Long profile only; by default the identity's sign construction is checked at p=2,q=2 in every
     * rounding mode ({@link #everyRoundingModeWhereTheConstructionApplies}).
     */
    @LongOnly
    @Test
    void identityByTheSignConstructionIsExactOnEveryPoint() {
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.parse("p=3,q=3"));
        FunctionTable t = FunctionTable.random(ar.format(), 1, 11);
        Compiler.Result r = Compiler.compile(t, Setting.of(ar, Accumulation.PER_OP, Activations.named("identity")),
                BINARY);
        assertTrue(r.gadgets().contains("sign construction"), r.gadgets());
        assertBinaryDense(r.network());
        assertExact(r.network(), t);
    }

    /** Every mode and activation with the three tables (long profile), or the random table (default). */
    @Test
    void everyRoundingModeWhereTheConstructionApplies() {
        int built = 0;
        int identities = 0;
        List<String> refused = new ArrayList<>();
        List<String> gadgets = new ArrayList<>();
        FixedPointFormat f = FixedPointFormat.parse("p=2,q=2");
        List<FunctionTable> tables = randomOrAll(tables(f, 1, 3));
        for (Rounding mode : Rounding.values()) {
            FixedPointArithmetic ar = FixedPointArithmetic.of(f, mode, dev.fxnet.arith.Overflow.SATURATE);
            for (String act : new String[] {"relu", "gelu", "sigmoid", "identity"}) {
                for (FunctionTable t : tables) {
                    try {
                        Compiler.Result r = Compiler.compile(t, Setting.of(ar, Accumulation.PER_OP,
                                Activations.named(act)), BINARY);
                        assertBinaryDense(r.network());
                        assertExact(r.network(), t);
                        built++;
                        identities += act.equals("identity") ? 1 : 0;
                        gadgets.add(r.gadgets());
                    } catch (IllegalArgumentException e) {
                        refused.add(mode + " " + act + ": " + e.getMessage());
                    }
                }
            }
        }
        System.out.println("binary d=1 at p=2,q=2: " + built + " networks exact, refused " + refused.size());
        assertTrue(built >= 34 * tables.size(), "relu, gelu and identity in every mode, sigmoid where tau has a 0: "
                + built);
        assertEquals(Rounding.values().length * tables.size(), identities,
                "the identity in every mode, by the sign construction");
        for (String r : refused) {
            assertTrue(r.startsWith("UP sigmoid") || r.startsWith("CEILING sigmoid"), r);
        }
    }

    /**
     * Two dimensions at p=2,q=1 (225 points): the corner thresholds of {@code x0 + x1} take ladders,
     * the steps of mixed orientation get one more layer (some through a constant pair), and every
     * point neuron is planned over all of F^2; each network checked by the oracle on every point.
     */
    @Test
    void twoDimensionsThroughLaddersAndNormalizedSteps() {
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.parse("p=2,q=1"));
        int checked = 0;
        // the BigDecimal oracle takes about 5 s per network: in the long profile all three tables for
        // relu and the random one for gelu; by default the random one for relu
        List<FunctionTable> reluTables = randomOrAll(tables(ar.format(), 2, 5));
        for (String act : LongTests.pick(List.of("relu", "gelu"), List.of("relu"))) {
            for (FunctionTable t : act.equals("relu") ? reluTables
                    : List.of(FunctionTable.random(ar.format(), 2, 5))) {
                Compiler.Result r = Compiler.compile(t, Setting.of(ar, Accumulation.PER_OP, Activations.named(act)),
                        BINARY);
                assertBinaryDense(r.network());
                assertExact(r.network(), t);
                if (r.gadgets().startsWith("binary bit slices")) { // relu: the bit-slice route comes first
                    checked++;
                    continue;
                }
                assertTrue(r.gadgets().contains("by a ladder"), r.gadgets());
                assertTrue(r.gadgets().contains("given their 0 by a constant pair"), r.gadgets());
                checked++;
            }
        }
        assertEquals(reluTables.size() + (LongTests.enabled() ? 1 : 0), checked);
    }

    /**
     * What {@code check --binary} relies on (THEORY §6, B2 and B3): the layers before the point
     * layer are the same for every table, and the point neurons of a sparse table are those of the
     * table {@code f1} (nonzero everywhere) at its nonzero points, in the same order. Checked for the
     * step construction (d = 1), the sign construction (identity), d = 2 with ladders, d = 2
     * through the bit layer, gelu in d = 2 (inner gadgets, bit layer with sink point neurons), and
     * the identity in d = 2 (coordinate sign construction, whose point neurons share their reads
     * and take their bias from the value). The cases at p=3,q=3 (d = 1) and p=3,q=2 (d = 2, the bit
     * layer) run in the long profile only.
     */
    @Test
    void pointLayersDoNotDependOnTheTable() {
        Object[] stepsP3Q3 = {"p=3,q=3", "relu", 1};
        Object[] bitLayer = {"p=3,q=2", "relu", 2};
        List<Object[]> small = List.of(new Object[] {"p=2,q=2", "identity", 1}, new Object[] {"p=2,q=1", "relu", 2},
                new Object[] {"p=1,q=2", "gelu", 2}, new Object[] {"p=1,q=2", "identity", 2});
        List<Object[]> every = new ArrayList<>(small);
        every.add(0, stepsP3Q3);
        every.add(3, bitLayer);
        for (Object[] c : LongTests.pick(every, small)) {
            FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.parse((String) c[0]));
            Setting s = Setting.of(ar, Accumulation.PER_OP, Activations.named((String) c[1]));
            int d = (Integer) c[2];
            long max = ar.maxCode();
            FunctionTable f1 = FunctionTable.fromCodes(ar.format(), d, x -> x[0] != 0 ? x[0] : max);
            // nonzero at a few scattered points only, with values f1 never takes there
            FunctionTable sparse = FunctionTable.fromCodes(ar.format(), d,
                    x -> Math.floorMod(x[0] * 7 + (d > 1 ? x[d - 1] * 3 : 0), 11) == 0 ? -max + Math.floorMod(x[0], 5) : 0);
            Compiler.Result ra = Compiler.compile(f1, s, BINARY);
            Network a = ra.network();
            Network b = Compiler.compile(sparse, s, BINARY).network();
            // the coordinate sign construction's point neurons take their bias from f(x) (Theorem B4): reads compared
            boolean readsOnly = ra.gadgets().contains("coordinate sign construction");
            assertExactByReference(b, sparse);
            if (ra.gadgets().startsWith("binary bit slices")) { // the layers before the slice layer do not depend on the table
                for (int l = 0; l < a.layers().size() - 2; l++) {
                    assertEquals(a.layers().get(l), b.layers().get(l), c[1] + ": layer " + l);
                }
                continue;
            }
            int l = 0;
            while (a.layers().get(l).width() == b.layers().get(l).width()) {
                assertEquals(a.layers().get(l), b.layers().get(l), c[1] + ": layer " + l);
                l++;
            }
            assertTrue(l >= 2, c[1] + ": the first layers are shared");
            List<Neuron> all = a.layers().get(l).neurons().stream().map(n -> readsOnly ? Neuron.of(0, n.sources(),
                    n.weights()) : n).toList();
            List<Neuron> some = b.layers().get(l).neurons().stream().map(n -> readsOnly ? Neuron.of(0, n.sources(),
                    n.weights()) : n).toList();
            int live = (int) java.util.stream.IntStream.range(0, sparse.size()).filter(i -> sparse.code(i) != 0).count();
            int from = 0;
            for (Neuron n : some.subList(0, live)) {
                int at = all.subList(from, all.size()).indexOf(n);
                assertTrue(at >= 0, c[1] + ": point neuron " + n + " is not one of f1's, in order");
                from += at + 1;
            }
        }
    }

    /**
     * Two dimensions at p=3,q=2 (3969 points), where a point layer over every step would be too wide:
     * the bits of the direction indices come between (docs/CONSTRUCTION.md, section 6). Checked on
     * every point by the reference evaluator (the compiler verified with the grid evaluator); the
     * BigDecimal oracle would take minutes on a million weights. Long profile only; by default the
     * bit layer (its bit-and-complement form) is checked at p=1,q=2 by
     * {@link #geluInTwoDimensionsThroughSlackAndTheSink}.
     */
    @LongOnly
    @Test
    void twoDimensionsThroughTheBitLayer() {
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.parse("p=3,q=2"));
        FunctionTable t = FunctionTable.random(ar.format(), 2, 3);
        Compiler.Result r = Compiler.compile(t, Setting.of(ar, Accumulation.PER_OP, Activations.named("relu")), BINARY);
        assertTrue(r.gadgets().contains("bit layer"), r.gadgets());
        assertBinaryDense(r.network());
        assertTrue(r.size().weights() < 1_500_000, "the bit layer keeps the point layer narrow: " + r.size().line());
        assertExactByReference(r.network(), t);
    }

    /**
     * gelu in two dimensions at p=1,q=2, where its dip puts {@code -eps} among the first-layer
     * outputs: ladders with slack, the inner gadgets, and point neurons over bits and their
     * complements that fall to a sink at the first wrong bit; each of the three tables checked by the
     * BigDecimal oracle on every point.
     */
    @Test
    void geluInTwoDimensionsThroughSlackAndTheSink() {
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.parse("p=1,q=2"));
        int checked = 0;
        // the three tables in the long profile, the random one by default
        List<FunctionTable> tables = randomOrAll(tables(ar.format(), 2, 13));
        for (FunctionTable t : tables) {
            Compiler.Result r = Compiler.compile(t, Setting.of(ar, Accumulation.PER_OP, Activations.named("gelu")),
                    BINARY);
            assertTrue(r.gadgets().contains("bit and complement"), r.gadgets());
            assertBinaryDense(r.network());
            assertExact(r.network(), t);
            checked++;
        }
        assertEquals(tables.size(), checked);
    }

    /**
     * The identity in two dimensions: no step gadget and no separating direction ramp near the
     * corners, so it takes the coordinate sign construction (sign signals of {@code x0} and
     * {@code x1}, lines, bits and complements, point neurons that sink and are rescued). At p=1,q=2
     * the three tables are checked by the BigDecimal oracle on every point; every rounding mode
     * builds, checked by the reference evaluator (the identity's rounding never acts on integer
     * codes, but the construction is searched and verified per mode). By default the oracle checks
     * the random table only.
     */
    @Test
    void identityInTwoDimensionsByTheCoordinateSignConstruction() {
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.parse("p=1,q=2"));
        int checked = 0;
        List<FunctionTable> tables = randomOrAll(tables(ar.format(), 2, 17));
        for (FunctionTable t : tables) {
            Compiler.Result r = Compiler.compile(t, Setting.of(ar, Accumulation.PER_OP, Activations.named("identity")),
                    BINARY);
            assertTrue(r.gadgets().contains("coordinate sign construction"), r.gadgets());
            assertBinaryDense(r.network());
            assertExact(r.network(), t);
            checked++;
        }
        assertEquals(tables.size(), checked);
        for (Rounding mode : Rounding.values()) {
            FixedPointArithmetic m = FixedPointArithmetic.of(FixedPointFormat.parse("p=2,q=1"), mode,
                    dev.fxnet.arith.Overflow.SATURATE);
            FunctionTable t = FunctionTable.random(m.format(), 2, 19);
            Compiler.Result r = Compiler.compile(t, Setting.of(m, Accumulation.PER_OP, Activations.named("identity")),
                    BINARY);
            assertBinaryDense(r.network());
            assertExactByReference(r.network(), t);
        }
    }

    /** Every point through the reference evaluator, on all cores: for networks too large for the BigDecimal oracle. */
    static void assertExactByReference(Network n, FunctionTable t) {
        InputSpace sp = t.space();
        long[] out = java.util.stream.IntStream.range(0, t.size()).parallel().mapToLong(i -> {
            long[] y = new long[1];
            new ReferenceEvaluator(n).evaluate(sp.point(i), y);
            return y[0];
        }).toArray();
        for (int i = 0; i < t.size(); i++) {
            assertEquals(t.code(i), out[i], "at point " + i);
        }
    }

    @Test
    void theZeroFunctionNeedsNoStepGadgetsButStillTheWeightOne() {
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.parse("p=3,q=3"));
        FunctionTable zero = FunctionTable.fromCodes(ar.format(), 2, x -> 0);
        Compiler.Result r = Compiler.compile(zero, Setting.of(ar, Accumulation.PER_OP, Activations.named("relu")),
                BINARY);
        assertBinaryDense(r.network());
        assertExact(r.network(), zero);
        FixedPointArithmetic noOne = FixedPointArithmetic.of(FixedPointFormat.parse("p=0,q=2"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Compiler.compile(FunctionTable.fromCodes(noOne.format(), 1, x -> 0),
                        Setting.of(noOne, Accumulation.PER_OP, Activations.named("relu")), BINARY));
        assertTrue(e.getMessage().contains("need the value 1"), e.getMessage());
    }

    /** All the tables in the long profile; by default the first one, the random table. */
    static List<FunctionTable> randomOrAll(List<FunctionTable> tables) {
        return LongTests.pick(tables, tables.subList(0, 1));
    }

    /** Random tables plus the stress tables: all M, alternating extremes, ties at zero. */
    static List<FunctionTable> tables(FixedPointFormat f, int d, long seed) {
        long max = f.maxCode();
        long min = f.minCode();
        List<FunctionTable> out = new ArrayList<>();
        out.add(FunctionTable.random(f, d, seed));
        out.add(FunctionTable.fromCodes(f, d, x -> max));
        out.add(FunctionTable.fromCodes(f, d, x -> (x[0] & 1) == 0 ? max : min));
        return out;
    }

    static void assertBinaryDense(Network n) {
        long one = 1L << n.format().fracBits();
        int prev = n.inputs();
        for (Layer l : n.layers()) {
            for (Neuron u : l.neurons()) {
                assertEquals(prev, u.fanIn(), "dense: every source listed");
                for (int i = 0; i < u.fanIn(); i++) {
                    assertEquals(one, Math.abs(u.weight(i)), "binary weight");
                }
            }
            prev = l.width();
        }
    }

    static void assertExact(Network n, FunctionTable t) {
        InputSpace sp = t.space();
        // the oracle is pure BigDecimal arithmetic per point: evaluated on all cores, compared in order
        long[] out = java.util.stream.IntStream.range(0, t.size()).parallel()
                .mapToLong(i -> SpecOracle.evaluate(n, sp.point(i))[0]).toArray();
        for (int i = 0; i < t.size(); i++) {
            long[] x = sp.point(i);
            assertEquals(t.code(i), out[i], () -> "at " + java.util.Arrays.toString(x));
        }
    }
}

package dev.fxnet.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.eval.OutputDigest;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.eval.ReferenceEvaluator;
import dev.fxnet.gadget.Question;
import dev.fxnet.network.Network;
import dev.fxnet.testing.RandomNetworks;
import dev.fxnet.theory.Universality;
import dev.fxnet.theory.VerdictTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The engine seam: a verification cut into any ranges (and shipped through Java serialisation, as
 * a cluster engine does) gives the result computed point by point with {@link ReferenceEvaluator}
 * (an independent evaluator written from the SPEC); setting keys spell their questions exactly.
 */
class EngineSeamTest {
    /** An engine that cuts jobs into ranges of a given size and serialises every unit and its work, like a cluster. */
    private static final class ShippingEngine implements Engine {
        private final long size;

        ShippingEngine(long size) {
            this.size = size;
        }

        @Override
        public String name() {
            return "shipping";
        }

        @Override
        public List<InputRange> split(long points) {
            return InputRange.cut(points, size);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <U extends WorkUnit, R extends java.io.Serializable> List<R> run(List<U> units, Work<U, R> work,
                java.util.function.LongConsumer progress) {
            List<R> out = new ArrayList<>();
            Work<U, R> shipped = (Work<U, R>) roundTrip(work);
            for (U u : units) {
                out.add((R) roundTrip(shipped.run((U) roundTrip(u), Work.noProgress())));
            }
            return out;
        }

        @Override
        public void close() {
        }
    }

    static Object roundTrip(Object o) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(b)) {
                out.writeObject(o);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
                return in.readObject();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyCutGivesTheReferenceEvaluatorsCountsMismatchesAndDigest() {
        Random r = new Random(18);
        for (int trial = 0; trial < 12; trial++) {
            FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(1 + r.nextInt(2), 1 + r.nextInt(2)),
                    Rounding.values()[r.nextInt(Rounding.values().length)], Overflow.SATURATE);
            int d = 1 + r.nextInt(2);
            Network net = RandomNetworks.network(r, ar, Accumulation.PER_OP, Activations.named("relu"), d, 2, 3);
            InputSpace space = InputSpace.of(ar, d);
            int n = (int) space.size();
            int m = net.outputs();
            int[] outs = new int[n * m];
            ReferenceEvaluator ref = new ReferenceEvaluator(net);
            long[] y = new long[m];
            for (int i = 0; i < n; i++) {
                ref.evaluate(space.point(i), y);
                for (int o = 0; o < m; o++) {
                    outs[i * m + o] = (int) y[o];
                }
            }
            long digest = 0;
            for (int k = 0; k < outs.length; k++) {
                digest += OutputDigest.term(k, outs[k]); // the definition, term by term
            }
            int[] expected = null;
            List<RangeResult.Mismatch> wrong = new ArrayList<>();
            if (m == 1) {
                expected = outs.clone();
                for (int i = 0; i < n; i += 1 + r.nextInt(3)) {
                    expected[i] += 1;
                    wrong.add(new RangeResult.Mismatch(i, expected[i], outs[i]));
                }
            }
            for (long size : new long[] {n, 5, 64, Math.max(1, n / 2)}) {
                Engine e = size == n ? new LocalEngine(2) : new ShippingEngine(size);
                RangeResult got = RangeVerification.verify(e, net, expected, 5, null);
                assertEquals(0, got.from());
                assertEquals(n, got.to());
                assertEquals(digest, got.digest(), "digest, cut " + size);
                assertEquals(wrong.size(), got.mismatches());
                assertEquals(wrong.subList(0, Math.min(5, wrong.size())), got.first());
            }
        }
    }

    @Test
    void aDigestSeesOneChangedOutput() {
        int[] a = {3, 1, 4, 1, 5, 9, 2, 6};
        int[] b = a.clone();
        b[5] = 8;
        assertTrue(OutputDigest.of(0, a, 8) != OutputDigest.of(0, b, 8));
        assertEquals(OutputDigest.of(0, a, 8), OutputDigest.combine(OutputDigest.of(0, a, 3),
                OutputDigest.of(3, java.util.Arrays.copyOfRange(a, 3, 8), 5)));
    }

    @Test
    void settingKeysSpellTheirQuestionsExactly() {
        List<Question> qs = new ArrayList<>(VerdictTable.defaultGrid().questions(1));
        qs.addAll(VerdictTable.tinyGrid().questions(2));
        qs.addAll(VerdictTable.tinyFloatGrid().questions(1));
        for (Question q : qs) {
            SettingKey k = SettingKey.of(q);
            assertEquals(q, ((SettingKey) roundTrip(k)).question(), k.toString());
        }
    }

    @Test
    void aSweepThroughAShippingEngineGivesTheTablesRows() {
        List<Question> qs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            qs.add(VerdictTable.tinyGrid().questions(1).get(i * 7));
        }
        List<VerdictRow> local = VerdictSweep.run(new LocalEngine(2), qs, null);
        assertEquals(local, VerdictSweep.run(new ShippingEngine(1), qs, null));
        for (int i = 0; i < qs.size(); i++) {
            assertEquals(VerdictTable.row(Universality.check(qs.get(i)), 1), local.get(i).csv());
        }
    }

    @Test
    void unknownEnginesAndMastersAreRefusedWithWhatToDo() {
        assertEquals("unknown --engine 'hadoop'; expected local (spark when the fxnet-spark module is installed)",
                assertThrows(IllegalArgumentException.class, () -> Engines.open("hadoop", null, 1)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Engines.open("spark", "local[2]", 1))
                .getMessage().startsWith("--engine spark: the fxnet-spark module is not on the class path"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Engines.open("local", "local[2]", 1))
                .getMessage().startsWith("--master local[2] needs --engine spark"));
        assertEquals(List.of(new InputRange(0, 4), new InputRange(4, 7)), InputRange.cut(7, 4));
        assertThrows(IllegalArgumentException.class, () -> new InputRange(3, 3));
    }
}

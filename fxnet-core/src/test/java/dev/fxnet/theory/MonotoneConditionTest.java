package dev.fxnet.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.gadget.GadgetSearch;
import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.Question;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The sharper necessary condition N' = N and N-mono (docs/THEORY.md §10, Theorem M) on all
 * tiny settings of {@link VerdictTable#tinyGrid()} (the 1215 with {@code p + q <= 1} and the 405 with
 * {@code p = q = 1}): where it fails, its witness is a function that no network computes, by an
 * independent closure over networks of any depth written here; and where {@code tau} has a zero, N'
 * holds exactly where S holds (the acceptance line).
 */
class MonotoneConditionTest {
    @Test
    void nPrimeIsSoundAndMeetsSWhereTauHasAZero() {
        int settings = 0;
        int monoFails = 0;
        int withZero = 0;
        List<String> mismatch = new ArrayList<>();
        for (Question question : VerdictTable.tinyGrid().questions(1)) {
            Machine m = question.setting().machine();
            settings++;
            boolean n = m.size() == 1 || NecessaryCondition.check(m, false).holds() == Truth.TRUE;
            NecessaryCondition.Result mono = MonotoneCondition.check(m);
            assertFalse(mono.holds() == Truth.UNKNOWN, "tiny settings are always checked: " + m);
            if (mono.holds() == Truth.FALSE) {
                monoFails += n ? 1 : 0;
                long[] f = mono.witness().orElseThrow().outputs();
                assertFalse(representable(m, allCodes(m)).contains(asList(f)), "N-mono witness is computed by a network: " + m);
            }
            if (!hasZero(m)) {
                continue;
            }
            withZero++;
            boolean nPrime = n && mono.holds() == Truth.TRUE;
            boolean s = m.size() == 1 || GadgetSearch.search(m).gadgets().isPresent();
            if (nPrime != s) {
                mismatch.add(m + ": N' " + nPrime + ", S " + s);
            }
        }
        System.out.println("tiny settings: " + settings + ", with a zero of tau: " + withZero + ", N holds and N-mono fails: "
                + monoFails);
        assertEquals(1620, settings, "tinyGrid: p, q in {0, 1}, the 1215 settings with p + q <= 1 and the 405 with p = q = 1");
        assertEquals(73, monoFails, "where N holds, N-mono fails exactly on the 73 settings with N but not S");
        assertEquals(List.of(), mismatch);
    }

    @Test
    void theVerdictNamesNMonoWithItsWitness() {
        Question q = VerdictTable.tinyGrid().questions(1).stream()
                .filter(x -> x.setting().toString().equals("relu p=0,q=1,SYMMETRIC FLOOR SATURATE PER_OP")).findFirst()
                .orElseThrow();
        Verdict v = Universality.check(q);
        assertEquals(Verdict.Kind.NOT_UNIVERSAL, v.kind());
        assertEquals(MonotoneCondition.NAME, v.violated());
        assertTrue(v.witness().isPresent());
    }

    @Test
    void theWitnessBeyondTheTinyGridIsNotRepresentable() {
        Machine m = dev.fxnet.gadget.Setting.of(dev.fxnet.arith.FixedPointArithmetic.of(dev.fxnet.arith.FixedPointFormat.of(0, 2,
                dev.fxnet.arith.Encoding.TWOS_COMPLEMENT), dev.fxnet.arith.Rounding.DOWN, dev.fxnet.arith.Overflow.SATURATE),
                dev.fxnet.arith.Accumulation.PER_OP, dev.fxnet.activation.Activations.named("hardswish")).machine();
        assertEquals(Truth.TRUE, NecessaryCondition.check(m, false).holds());
        long[] f = MonotoneCondition.check(m).witness().orElseThrow().outputs();
        long[] support = {-1, 0, 1};
        List<Long> restricted = Arrays.stream(support).map(x -> f[(int) (x - m.min())]).boxed().toList();
        assertEquals(List.of(-4L, -1L, -4L), restricted);
        // the restrictions to {-1, 0, 1} of all represented functions, by the same closure on three points
        assertFalse(representable(m, support).contains(restricted));
    }

    private static long[] allCodes(Machine m) {
        return java.util.stream.LongStream.rangeClosed(m.min(), m.max()).toArray();
    }

    private static boolean hasZero(Machine m) {
        for (long z = m.min(); z <= m.max(); z++) {
            if (m.tau(z) == 0) {
                return true;
            }
        }
        return false;
    }

    private static List<Long> asList(long[] f) {
        return Arrays.stream(f).boxed().toList();
    }

    /**
     * The restrictions to {@code points} of every {@code f: F -> F} some network computes (d = 1; with
     * every code as {@code points}, the functions themselves), by closure over layers: the depth-0
     * functions {@code acc(b; w, x)}, then {@code A_1 = tau(depth 0)} and {@code A_(l+1) = tau(Reach(A_l))},
     * {@code Reach(G)} the closure of the constants under {@code acc -> acc (+) (w (*) g)}.
     */
    private static Set<List<Long>> representable(Machine m, long[] points) {
        Set<List<Long>> depth0 = new HashSet<>();
        for (long b = m.min(); b <= m.max(); b++) {
            for (long w = m.min(); w <= m.max(); w++) {
                List<Long> f = new ArrayList<>();
                for (long x : points) {
                    f.add(m.add(b, m.mul(w, x)));
                }
                depth0.add(f);
            }
        }
        Set<List<Long>> all = new HashSet<>(depth0);
        List<Set<List<Long>>> layers = new ArrayList<>();
        Set<List<Long>> a = tau(m, depth0);
        while (!layers.contains(a)) {
            layers.add(a);
            Set<List<Long>> reach = reach(m, a, points.length);
            all.addAll(reach);
            a = tau(m, reach);
        }
        return all;
    }

    private static Set<List<Long>> tau(Machine m, Set<List<Long>> fs) {
        Set<List<Long>> out = new HashSet<>();
        for (List<Long> f : fs) {
            out.add(f.stream().map(m::tau).toList());
        }
        return out;
    }

    private static Set<List<Long>> reach(Machine m, Set<List<Long>> g, int points) {
        Set<List<Long>> seen = new HashSet<>();
        ArrayDeque<List<Long>> todo = new ArrayDeque<>();
        for (long c = m.min(); c <= m.max(); c++) {
            List<Long> f = new ArrayList<>();
            for (int i = 0; i < points; i++) {
                f.add(c);
            }
            seen.add(f);
            todo.add(f);
        }
        while (!todo.isEmpty()) {
            List<Long> acc = todo.poll();
            for (List<Long> y : g) {
                for (long w = m.min(); w <= m.max(); w++) {
                    List<Long> next = new ArrayList<>();
                    for (int i = 0; i < acc.size(); i++) {
                        next.add(m.add(acc.get(i), m.mul(w, y.get(i))));
                    }
                    if (seen.add(next)) {
                        todo.add(next);
                    }
                }
            }
        }
        return seen;
    }
}

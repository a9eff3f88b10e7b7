package dev.fxnet.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.arith.FloatOverflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.gadget.Machine;
import dev.fxnet.gadget.Setting;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Theorem L ({@link ClosureLifting}) on float(2,0,specials=FINITE) (0, +-1, +-2, +-4), where S is not
 * found: the plan fxnet finds is re-checked with the second model of SPEC §8 ({@link TinyFloatModel})
 * by code written here (AND and output closures on {off, on}^2 and {off, on}) and by
 * {@link ClosureOracle} (the indicators at hidden layer D of one-input networks, under
 * {@code fxnet.longTests}: the closure over 7^7 functions takes a while).
 */
class ClosureLiftingTest {
    private static final String FORMAT = "float(2,0,specials=FINITE)";

    private static Machine machine(String activation, Rounding r) {
        return Setting.of(FloatArithmetic.of(FloatFormat.parse(FORMAT), r, FloatOverflow.SATFINITE), Accumulation.PER_OP,
                Activations.named(activation)).machine();
    }

    /** The second model's tables: [0] add, [1] mul, [2][0] tau. */
    private static int[][][] tables(String activation, String mode) {
        TinyFloatModel model = new TinyFloatModel(2, 0, 1, "FINITE");
        int n = model.size();
        int[][] add = new int[n][n];
        int[][] mul = new int[n][n];
        int[] tau = new int[n];
        for (int a = 0; a < n; a++) {
            tau[a] = model.tau(activation, a, mode);
            for (int b = 0; b < n; b++) {
                add[a][b] = model.add(a, b, mode);
                mul[a][b] = model.mul(a, b, mode);
            }
        }
        return new int[][][] {add, mul, {tau}};
    }

    /** Closure of {@code starts} under acc -> acc (+) (w (*) g), g in {@code g}, functions as value lists. */
    private static Set<List<Integer>> closure(Set<List<Integer>> g, List<List<Integer>> starts, int[][][] t) {
        int n = t[2][0].length;
        Set<List<Integer>> seen = new HashSet<>(starts);
        ArrayDeque<List<Integer>> work = new ArrayDeque<>(starts);
        while (!work.isEmpty()) {
            List<Integer> acc = work.poll();
            for (List<Integer> f : g) {
                for (int w = 0; w < n; w++) {
                    List<Integer> r = new ArrayList<>();
                    for (int i = 0; i < acc.size(); i++) {
                        r.add(t[0][acc.get(i)][t[1][w][f.get(i)]]);
                    }
                    if (seen.add(r)) {
                        work.add(r);
                    }
                }
            }
        }
        return seen;
    }

    private static List<List<Integer>> constants(int n, int points) {
        List<List<Integer>> out = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            out.add(java.util.Collections.nCopies(points, c));
        }
        return out;
    }

    private static Set<List<Integer>> tauOf(Set<List<Integer>> s, int[][][] t) {
        Set<List<Integer>> out = new HashSet<>();
        for (List<Integer> f : s) {
            out.add(f.stream().map(v -> t[2][0][v]).toList());
        }
        return out;
    }

    /** (L2) and (L3) of the plan, on the second model's tables, by the closures written above. */
    private static void checkAndAndOutput(Machine m, ClosureLifting.Plan plan, int[][][] t) {
        int n = m.size();
        int on = (int) (plan.on() - m.min());
        int off = (int) (plan.off() - m.min());
        int zero = n / 2;
        // AND on the points (off,off), (off,on), (on,off), (on,on) at hidden layer a
        Set<List<Integer>> g = new HashSet<>(List.of(List.of(off, off, on, on), List.of(off, on, off, on)));
        for (int k = 0; k < plan.andDepth(); k++) {
            g = tauOf(closure(g, constants(n, 4), t), t);
        }
        assertTrue(g.contains(List.of(off, off, off, on)), "AND at layer " + plan.andDepth());
        // output: s stages on the points off, on; functions vanishing at off; bias 0 reaches every value at on
        Set<List<Integer>> stages = new HashSet<>(List.of(List.of(off, on)));
        for (int k = 0; k < plan.outputStages(); k++) {
            stages = tauOf(closure(stages, constants(n, 2), t), t);
        }
        Set<List<Integer>> vanishing = new HashSet<>();
        for (List<Integer> f : stages) {
            if (f.get(0) == zero) {
                vanishing.add(f);
            }
        }
        Set<Integer> values = new HashSet<>();
        for (List<Integer> o : closure(vanishing, List.of(List.of(zero, zero)), t)) {
            assertEquals(zero, (int) o.get(0));
            values.add(o.get(1));
        }
        assertEquals(n, values.size(), "every value at on");
    }

    @Test
    void theIdentitysAndAndOutputHypothesesHoldInTheSecondModel() {
        Machine m = machine("identity", Rounding.HALF_EVEN);
        checkAndAndOutput(m, ClosureLifting.find(m).orElseThrow(), tables("identity", "HALF_EVEN"));
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "fxnet.longTests", matches = "true")
    void withoutAZeroOfTauTheOutputHypothesisFails() {
        // softplus under UP: tau takes 1, 2, 4 only, so no stage vanishes at off
        assertTrue(ClosureLifting.find(machine("softplus", Rounding.UP)).isEmpty());
    }

    /**
     * Every setting of the format decided by Theorem L (identity under the nine roundings, hardswish
     * FLOOR): all three hypotheses of its plan on the second model, the indicators and the constant on
     * at hidden layer D by the second decider's layer sets. A few minutes.
     */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "fxnet.longTests", matches = "true")
    void everyPlanOfTheFormatHoldsInTheSecondModel() {
        List<String[]> settings = new ArrayList<>();
        for (Rounding r : Rounding.values()) {
            settings.add(new String[] {"identity", r.name()});
        }
        settings.add(new String[] {"hardswish", "FLOOR"});
        for (String[] s : settings) {
            Machine m = machine(s[0], Rounding.parse(s[1]));
            ClosureLifting.Plan plan = ClosureLifting.find(m).orElseThrow();
            int[][][] t = tables(s[0], s[1]);
            checkAndAndOutput(m, plan, t);
            int n = m.size();
            ClosureOracle oracle = new ClosureOracle(t[0], t[1], t[2][0], 1);
            BitSet layer = oracle.applyTau(oracle.firstLayer());
            for (int k = 1; k < plan.indicatorDepth(); k++) {
                layer = oracle.applyTau(oracle.reach(layer));
            }
            int on = (int) (plan.on() - m.min());
            int off = (int) (plan.off() - m.min());
            int[] c = new int[n];
            Arrays.fill(c, on);
            assertTrue(layer.get(oracle.function(c)), "constant on");
            Verdict verdict = Universality.check(m.setting());
            assertEquals(Verdict.Kind.UNIVERSAL, verdict.kind(), verdict.toString());
            assertTrue(verdict.text().contains("Theorem L"), verdict.text());
            for (int v = 0; v < n; v++) {
                int[] e = new int[n];
                Arrays.fill(e, off);
                e[v] = on;
                assertTrue(layer.get(oracle.function(e)), Arrays.toString(s) + " indicator of " + v);
            }
        }
    }
}

package dev.fxnet.construct;

import dev.fxnet.activation.Activation;
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
import dev.fxnet.gadget.Machine;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints, per built-in activation, in which settings hypothesis (C3) of the columns construction
 * holds (docs/COMPACT.md §4): {@code tau(z) = 0} for every code in {@code [-M, 0]} and
 * {@code tau(z) = z} on {@code [0, M]}, checked on every code of F. Not a test; run by hand:
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) dev.fxnet.construct.ColumnHypothesesTable
 * </pre>
 */
public final class ColumnHypothesesTable {
    private ColumnHypothesesTable() {
    }

    /** Whether (C3) holds for {@code tau} of {@code ar} and {@code act}, by a check of every code. */
    static boolean reluLike(Arithmetic ar, Activation act) {
        Machine s = Machine.of(ar, Accumulation.PER_OP, act);
        for (long z = -s.max(); z <= s.max(); z++) {
            if (s.tau(z) != Math.max(z, 0)) {
                return false;
            }
        }
        return true;
    }

    public static void main(String[] args) {
        int[][] pq = {{1, 1}, {2, 1}, {1, 2}, {2, 2}, {3, 3}, {4, 4}};
        String[] floats = {"e2m1", "e2m3", "e3m2", "e4m3", "e5m2"};
        for (Activation act : Activations.builtIns()) {
            List<String> holds = new ArrayList<>();
            int total = 0;
            for (int[] f : pq) {
                int n = 0;
                for (Encoding e : Encoding.values()) {
                    for (Rounding r : Rounding.values()) {
                        total++;
                        if (reluLike(FixedPointArithmetic.of(FixedPointFormat.of(f[0], f[1], e), r, Overflow.SATURATE), act)) {
                            n++;
                        }
                    }
                }
                if (n > 0) {
                    holds.add("p=" + f[0] + ",q=" + f[1] + ": " + n + "/" + 2 * Rounding.values().length);
                }
            }
            for (String fl : floats) {
                int n = 0;
                for (Rounding r : Rounding.values()) {
                    total++;
                    if (reluLike(FloatArithmetic.of(FloatFormat.parse(fl), r, FloatOverflow.SATFINITE), act)) {
                        n++;
                    }
                }
                if (n > 0) {
                    holds.add(fl + ": " + n + "/" + Rounding.values().length);
                }
            }
            System.out.println("| " + act.name() + " | " + (holds.isEmpty() ? "none" : String.join("; ", holds)) + " |");
        }
    }
}

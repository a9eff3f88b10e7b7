package dev.fxnet.gadget;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import java.util.ArrayList;
import java.util.List;

/**
 * A measurement, not a test: how the two gadget constructions of the core relate. For every setting
 * of a grid, whether the certificate of S exists ({@link GadgetSearch}, what a UNIVERSAL verdict
 * rests on) and whether the compiler's indicator gadgets exist at fan-in 2 and 4
 * ({@link IndicatorGadgets}, d = 1 and 2); and, where both exist, the hidden neurons one point's
 * indicator needs in each. Run: {@code java -cp target/classes:target/test-classes:$(cat cp.txt)
 * dev.fxnet.gadget.SearchComparison [tiny|default]}.
 */
public final class SearchComparison {
    private SearchComparison() {
    }

    public static void main(String[] args) {
        boolean tiny = args.length > 0 && args[0].equals("tiny");
        List<Machine> grid = new ArrayList<>();
        List<Activation> acts = new ArrayList<>();
        if (tiny) {
            acts.addAll(Activations.builtIns());
        } else {
            for (String a : List.of("sigmoid", "relu", "elu", "softplus", "silu", "mish", "gelu", "identity")) {
                acts.add(Activations.named(a));
            }
        }
        int[][] pqs = tiny ? new int[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}} : new int[][] {{1, 1}, {2, 2}, {3, 3}};
        for (Activation a : acts) {
            for (int[] pq : pqs) {
                for (Encoding e : Encoding.values()) {
                    for (Overflow o : tiny ? Overflow.values() : new Overflow[] {Overflow.SATURATE}) {
                        if (o == Overflow.WRAP && e == Encoding.SYMMETRIC) {
                            continue;
                        }
                        for (Rounding r : Rounding.values()) {
                            grid.add(Machine.of(FixedPointArithmetic.of(FixedPointFormat.of(pq[0], pq[1], e), r, o),
                                    Accumulation.PER_OP, a));
                        }
                    }
                }
            }
        }
        int[][] count = new int[2][2]; // [certificate][indicators at fan-in 2]
        int indicators4 = 0;
        double ratioSum = 0;
        int ratioN = 0;
        double ratioMax = 0;
        for (Machine m : grid) {
            boolean s = GadgetSearch.search(m).gadgets().isPresent();
            IndicatorGadgets g2 = found(m, 2);
            IndicatorGadgets g4 = found(m, 4);
            count[s ? 1 : 0][g2 != null ? 1 : 0]++;
            indicators4 += g4 != null ? 1 : 0;
            if (s && g4 != null) {
                Certificate c = GadgetSearch.search(m).gadgets().get();
                double certificate = c.indicatorNeurons(2);
                double shallow = 4.0 * g4.detectorLength() + 1 + g4.normalizerLength(); // 4 detectors, NOR, normalizer
                double ratio = certificate / shallow;
                ratioSum += ratio;
                ratioN++;
                ratioMax = Math.max(ratioMax, ratio);
            }
        }
        System.out.println((tiny ? "tiny" : "default") + " grid, " + grid.size() + " settings (PER_OP, general weights)");
        System.out.println("certificate of S and indicators at fan-in 2: " + count[1][1]);
        System.out.println("certificate of S only:                      " + count[1][0]);
        System.out.println("indicators at fan-in 2 only:                " + count[0][1]);
        System.out.println("neither:                                    " + count[0][0]);
        System.out.println("indicators at fan-in 4: " + indicators4);
        System.out.printf(java.util.Locale.ROOT, "hidden neurons of one point's indicator in d = 2, certificate / compiler:"
                + " mean %.1f, max %.1f over %d settings%n", ratioSum / Math.max(1, ratioN), ratioMax, ratioN);
    }

    private static IndicatorGadgets found(Machine m, int fanIn) {
        try {
            return IndicatorGadgets.find(m, fanIn);
        } catch (IllegalArgumentException refused) {
            return null;
        }
    }
}

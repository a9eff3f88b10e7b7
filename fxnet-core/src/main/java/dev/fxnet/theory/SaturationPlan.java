package dev.fxnet.theory;

import dev.fxnet.gadget.Levels;
import dev.fxnet.gadget.Stage;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The construction of Theorem P (docs/THEORY.md §11) for one setting under SATURATE, as
 * formulas in the format: the sign weight {@code v} and the least code {@code zv} of
 * {@code P_v = {z : v (*) tau(z) > 0}} (an upper set {@code [zv, M]}), the switch levels
 * {@code (tau(M), tau(m))}, the sign stage {@code tau(m (+) K copies of v (*) y)}, the optional NOT
 * stage, the first-layer neurons of the few <em>edge</em> thresholds the formulas miss, the AND
 * neuron (followed by the sign stage) and the relevelling stages before the output. Steps are given
 * by {@link #step}; nothing here is a table over F. Immutable.
 *
 * @param v the sign stage's weight (PER_OP; {@code 1.0} under WIDE)
 * @param zv the least code of {@code P_v}; {@code m < zv <= M}
 * @param levels {@code (on, off) = (tau(M), tau(m))}
 * @param sign the sign stage {@code (m, v, M - m)}: maps {@code tau(z)} to {@code on} iff {@code z >= zv}, else {@code off}
 * @param not a stage mapping {@code on -> off} and {@code off -> on}, if one was found
 * @param edges first-layer neurons of the edge thresholds, keyed by {@link #key}
 * @param andBias the AND neuron's bias {@code c}
 * @param andWeight the AND neuron's weight {@code w} (both inputs)
 * @param relevel the stages from {@code levels} to {@code output}
 * @param output the output levels {@code (on', 0)}, {@code 1 <= |on'| <= 2^q}
 * @param edgeOfMin whether the direct lower step at {@code m} is excluded (two's complement, PER_OP:
 *     {@code (-1.0) (*) m} saturates)
 */
public record SaturationPlan(long v, long zv, Levels levels, Stage sign, Optional<Stage> not, Map<Long, FirstLayer> edges,
        long andBias, long andWeight, List<Stage> relevel, Levels output, boolean edgeOfMin) {

    /**
     * A first-layer neuron {@code acc(bias; weight, x)} and the stage that reads it ({@code K} copies):
     * the sign stage, or for the bottom pair of Lemma B one of its two stages.
     */
    public record FirstLayer(long bias, long weight, Stage stage) {
        /** @throws NullPointerException if {@code stage} is null */
        public FirstLayer {
            Objects.requireNonNull(stage, "stage");
        }
    }

    /**
     * How a step is built: the first-layer neuron, then the sign stage, then the NOT stage if
     * {@code negated}.
     */
    public record Recipe(FirstLayer first, boolean negated) {
    }

    /** @throws NullPointerException if {@code levels} is null */
    public SaturationPlan {
        Objects.requireNonNull(levels, "levels");
        edges = Map.copyOf(edges);
        relevel = List.copyOf(relevel);
    }

    /** The key of a threshold in {@link #edges}: {@code 2a + 1} for {@code [x >= a]}, {@code 2a} for {@code [x <= a]}. */
    static long key(long a, boolean up) {
        return 2 * a + (up ? 1 : 0);
    }

    /**
     * The direct first-layer neuron of Lemma T: {@code [x >= a]} by weight {@code 1.0} and bias
     * {@code zv - a}, {@code [x <= a]} by weight {@code -1.0} and bias {@code a + zv}, when the bias is
     * a code (and, for the lower step at {@code m}, not {@link #edgeOfMin}).
     */
    Optional<FirstLayer> direct(long a, boolean up, long one, long min, long max) {
        long b = up ? zv - a : a + zv;
        if (b < min || b > max || (!up && a == min && edgeOfMin)) {
            return Optional.empty();
        }
        return Optional.of(new FirstLayer(b, up ? one : -one, sign));
    }

    /**
     * The recipe of the step {@code [x >= a]} ({@code up}) or {@code [x <= a]}: direct, else the NOT of
     * the direct opposite step ({@code [x <= a-1]}, resp. {@code [x >= a+1]}), else an edge neuron, else
     * the NOT of the opposite edge neuron.
     */
    Optional<Recipe> step(long a, boolean up, long one, long min, long max) {
        Optional<FirstLayer> d = direct(a, up, one, min, max);
        if (d.isPresent()) {
            return Optional.of(new Recipe(d.get(), false));
        }
        if (not.isPresent()) {
            Optional<FirstLayer> o = direct(up ? a - 1 : a + 1, !up, one, min, max);
            if (o.isPresent()) {
                return Optional.of(new Recipe(o.get(), true));
            }
        }
        FirstLayer e = edges.get(key(a, up));
        if (e != null) {
            return Optional.of(new Recipe(e, false));
        }
        FirstLayer o = not.isPresent() ? edges.get(key(up ? a - 1 : a + 1, !up)) : null;
        return Optional.ofNullable(o).map(f -> new Recipe(f, true));
    }
}

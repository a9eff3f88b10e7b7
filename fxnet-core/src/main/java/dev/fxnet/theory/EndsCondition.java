package dev.fxnet.theory;

import dev.fxnet.arith.Accumulation;
import dev.fxnet.gadget.Machine;
import java.util.Optional;

/**
 * The necessary condition <b>N-ends</b> of docs/THEORY.md §2: where the output neuron's last term can
 * never vanish, no network with a hidden layer computes a function that takes both the least code
 * {@code m} and the greatest code {@code M}.
 *
 * <p><b>Hypotheses (H-ends)</b>, all checked exhaustively on the setting's own operations:
 * PER_OP accumulation; saturating overflow; {@code tau(z) != 0} for every code {@code z}, and all
 * values of {@code tau} of one sign; every weight {@code w} either has {@code w (*) y != 0} for every
 * value {@code y} of {@code tau} or {@code w (*) y = 0} for all of them (such a weight acts as 0). Rounding
 * UP, away from zero, gives the last one for every {@code tau} without a zero: sigmoid and softplus under
 * UP are the instances on the paper's grid; CEILING at {@code p = 0} gives more. Last, no nonzero term
 * is absorbed at the end it moves away from: {@code m (+) t != m} for every term {@code t = w (*) y > 0}
 * and {@code M (+) t != M} for every {@code t < 0} (automatic in fixed point, where a nonzero term is at
 * least one code; a real hypothesis in floating point, SPEC §8, where a small term added to
 * {@code -Omega} can round back to {@code -Omega}).
 *
 * <p><b>Theorem (N-ends).</b> Under (H-ends), for every network with at least one hidden layer the
 * range of the computed function does not contain both {@code m} and {@code M}. <i>Proof.</i> The
 * output neuron's sources are hidden outputs, values of {@code tau}, so nonzero and of one sign
 * {@code s}. Terms with weight 0 are 0 and change nothing (F1); if every weight is 0 the output is the
 * bias, a constant. Otherwise let {@code w} be the last weight in the listed order that is not 0 on every
 * value of {@code tau} (the later terms are 0 at every input). Its term {@code t = w (*) y} is nonzero by hypothesis and has the sign of {@code w s} (rounding is monotone
 * with {@code rho(0) = 0}, and saturation keeps the sign), the same at every input. After it the
 * accumulator is {@code a (+) t} with {@code a >= m}: if {@code t > 0} it is at least {@code a (+) 0 = a}
 * (monotone rounding), so above {@code m} when {@code a > m}, and {@code m (+) t != m} by the last
 * hypothesis when {@code a = m} (in fixed point: at least {@code min(M, m + 1) = m + 1}); so never
 * {@code m}; if {@code t < 0} it is never {@code M}, symmetrically; and the
 * later terms are 0. &#8718; The witness is a function of one input taking both ends, checked not to be
 * computed by any network without hidden layer.
 *
 * <p>Cost: {@code O(|F| |tau(F)|)} products; skipped (the condition is then simply not used) above
 * {@value #WORK_LIMIT} products.
 */
final class EndsCondition {
    /** The most products the check evaluates. */
    static final long WORK_LIMIT = 1L << 27;

    private EndsCondition() {
    }

    /**
     * The N-ends obstruction for this setting, or null when a hypothesis fails (or the check would
     * exceed {@link #WORK_LIMIT}) or no witness is found.
     */
    static NecessaryCondition.Result check(Machine m, boolean binary) {
        // the proof needs a (+) t exact up to overflow (fixed point): a float sum can round m + t back to m
        if (m.accumulation() != Accumulation.PER_OP || !m.arithmetic().saturates() || m.size() < 3
                || !(m.arithmetic() instanceof dev.fxnet.arith.FixedPointArithmetic)) {
            return null;
        }
        long[] values = m.tauImage(); // ascending
        long first = values[0];
        long last = values[values.length - 1];
        if (java.util.Arrays.binarySearch(values, 0L) >= 0 || first < 0 && last > 0) {
            return null;
        }
        long[] weights = NecessaryCondition.weights(m, binary);
        if ((long) weights.length * values.length > WORK_LIMIT) {
            return null;
        }
        for (long w : weights) {
            int zeros = 0;
            for (long y : values) {
                long t = m.mul(w, y);
                zeros += t == 0 ? 1 : 0;
                // Theorem E needs a nonzero last term to move even the end it starts from: m (+) t != m for
                // t > 0 (M (+) t != M for t < 0). Automatic in fixed point (a term is at least one code);
                // in floating point a small term can be absorbed at -Omega (SPEC §8), and then the proof fails.
                if (t > 0 && m.add(m.min(), t) == m.min() || t < 0 && m.add(m.max(), t) == m.max()) {
                    return null;
                }
            }
            if (zeros != 0 && zeros != values.length) { // w kills some values of tau but not all
                return null;
            }
        }
        return witness(m, binary, weights).map(wit -> new NecessaryCondition.Result(Truth.FALSE, "N-ends",
                "N-ends fails: tau has no zero (its values lie in [" + m.dec(first) + ", " + m.dec(last)
                + "]) and no weight has a product with a value of tau that rounds to 0 unless all of them do, so under PER_OP and SATURATE"
                + " the output neuron's last nonzero term moves the accumulator by at least one code in a fixed direction;"
                + " no network with a hidden layer reaches both " + m.dec(m.min()) + " and " + m.dec(m.max()),
                wit)).orElse(null);
    }

    /** {@code f = 0} except {@code f(u) = m}, {@code f(u') = M}, for the first pair of nonzero inputs that no depth-0 network computes. */
    private static Optional<Witness> witness(Machine m, boolean binary, long[] weights) {
        String inv = "N-ends: every network with a hidden layer misses m or M (docs/THEORY.md §2, EndsCondition); f takes"
                + " both, and no network without hidden layer computes f (checked against every "
                + (binary ? "weight +-1" : "weight") + ")";
        int size = m.size();
        long[] candidates = {m.max(), m.min(), 1, -1, m.max() - 1, m.min() + 1};
        for (long u : candidates) {
            for (long u2 : candidates) {
                if (u == 0 || u2 == 0 || u == u2 || !m.contains(u) || !m.contains(u2)) {
                    continue;
                }
                long[] out = new long[size];
                out[(int) (u - m.min())] = m.min();
                out[(int) (u2 - m.min())] = m.max();
                if (!NecessaryCondition.depthZero1(m, weights, out)) {
                    return Optional.of(Witness.of(1, out, inv));
                }
            }
        }
        return Optional.empty();
    }
}

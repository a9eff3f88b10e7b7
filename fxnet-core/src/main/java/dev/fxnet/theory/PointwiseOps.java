package dev.fxnet.theory;

import dev.fxnet.activation.Activation;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.gadget.Setting;
import dev.fxnet.gadget.Stage;
import java.util.HashMap;
import java.util.Map;

/**
 * The operations of a fixed-point {@link Setting} at single codes, without tabulating {@code tau} on
 * F: {@code tau(z) = overflow(rho(sigma(z)))} is evaluated exactly (the activation's correctly
 * rounded {@link Activation#roundScaled}) at the codes asked for, and remembered. Every accumulator
 * is computed by the same {@link FixedPointArithmetic} methods that {@code Machine} uses, so a value
 * computed here equals the one a network (and {@code Machine}) computes. For formats up to
 * {@code p + q = 30}; used by {@link SaturationTheorem}, whose hypotheses are a bounded number of
 * such evaluations. Not thread-safe (the memo); one instance per check.
 */
final class PointwiseOps {
    private final FixedPointArithmetic ar;
    private final Accumulation accumulation;
    private final Activation activation;
    private final int q;
    private final Map<Long, Long> memo = new HashMap<>();

    PointwiseOps(Setting setting) {
        this.ar = setting.fixedPoint();
        this.accumulation = setting.accumulation();
        this.activation = setting.activation();
        this.q = ar.format().fracBits();
    }

    FixedPointArithmetic arithmetic() {
        return ar;
    }

    boolean perOp() {
        return accumulation == Accumulation.PER_OP;
    }

    long min() {
        return ar.minCode();
    }

    long max() {
        return ar.maxCode();
    }

    /** The code of 1.0, {@code 2^q} (a code when {@code p >= 1}). */
    long one() {
        return 1L << q;
    }

    boolean contains(long code) {
        return code >= ar.minCode() && code <= ar.maxCode();
    }

    /** {@code tau(z)} for a code {@code z}, evaluated exactly. */
    long tau(long z) {
        if (!contains(z)) {
            throw new IllegalArgumentException("code " + z + " is outside " + ar.formatName());
        }
        return memo.computeIfAbsent(z, k -> ar.overflow(activation.roundScaled(k, q, ar.rounding())));
    }

    /** {@code w (*) y}. */
    long mul(long w, long y) {
        return ar.multiply(w, y);
    }

    /** A one-source accumulator: {@code b (+) (w (*) y)} (PER_OP) or {@code rho(b + w y)} (WIDE). */
    long pre(long b, long w, long y) {
        return perOp() ? ar.add(b, ar.multiply(w, y)) : ar.fma(w, y, b);
    }

    /** The accumulator of {@code k} copies of {@code y} with weight {@code w} after bias {@code b} (THEORY F3). */
    long chain(long b, long w, long y, long k) {
        if (!perOp()) {
            return ar.fusedSum(b, new long[] {w}, new long[] {y}, new long[] {k}, 1);
        }
        return ar.addCopies(b, ar.multiply(w, y), k);
    }

    /** The accumulator of {@code y1} then {@code y2}, one copy each, both with weight {@code w}, after {@code b}. */
    long pair(long b, long w, long y1, long y2) {
        if (!perOp()) {
            return ar.fusedSum(b, new long[] {w, w}, new long[] {y1, y2}, new long[] {1, 1}, 2);
        }
        return ar.add(ar.add(b, ar.multiply(w, y1)), ar.multiply(w, y2));
    }

    /** The output of {@code stage} when every copy of its input is {@code y}. */
    long apply(Stage stage, long y) {
        return tau(chain(stage.bias(), stage.weight(), y, stage.copies()));
    }
}

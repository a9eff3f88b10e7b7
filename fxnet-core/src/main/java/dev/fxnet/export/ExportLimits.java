package dev.fxnet.export;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.ActivationTable;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.math.BigInteger;

/**
 * What the ONNX and C exporters accept (docs/EXPORT.md, "Limits"), and the activation as the
 * exporters emit it. Both exporters compute on 64-bit integers; every limit here is what makes
 * that exact, or keeps the emitted file a sane size.
 *
 * <ul>
 *   <li>{@code p + q <= 30}: every code and every product of two codes fits in 61 bits (the format
 *       itself enforces this).</li>
 *   <li>An activation other than {@code identity} and {@code relu} is emitted as a table of
 *       {@code tau} over all codes: at most {@value #MAX_TABLE_MAGNITUDE_BITS} magnitude bits
 *       ({@code 2^21} entries). {@code identity} and {@code relu} need no table: on a code {@code k}
 *       their rounded values are exactly {@code k} and {@code max(0, k)} in every mode.</li>
 *   <li>{@code WIDE}: per neuron, {@code S = |b| 2^q + sum |w_i| * Y} must be at most
 *       {@code 2^63 - 2^33}, where {@code Y} bounds the magnitude of a code; then no partial sum,
 *       in any order, and no step of the rounding and overflow leaves int64.</li>
 *   <li>At most {@value #MAX_WEIGHTS} listed weights in all, and (ONNX only, whose graph has a node
 *       per term position) at most {@value #MAX_CHAIN} sequential term positions (the sum over layers
 *       of the largest fan-in). C loops over int32 offsets and has no fan-in limit.</li>
 * </ul>
 */
public final class ExportLimits {
    /** The largest {@code p + q} for which an activation table is emitted. */
    public static final int MAX_TABLE_MAGNITUDE_BITS = 20;
    /** The most listed weights an exported network may have. */
    public static final long MAX_WEIGHTS = 1L << 24;
    /** The most term positions, summed over layers (the length of the sequential chains). */
    public static final long MAX_CHAIN = 1L << 16;
    /**
     * The bound on a {@code WIDE} sum's magnitude, {@code 2^63 - 2^33}: the headroom keeps the
     * rounding offset ({@code < 2^q}), the floor-division remainder and the WRAP shift
     * ({@code <= 2^30}) inside int64 as well.
     */
    public static final long WIDE_SUM_LIMIT = Long.MAX_VALUE - (1L << 33) + 1;

    /** How a hidden layer's activation is emitted. */
    public enum Kind {
        /** {@code tau(k) = k}: nothing to emit. */
        IDENTITY,
        /** {@code tau(k) = max(0, k)}. */
        RELU,
        /** A table of {@code tau} over all codes, indexed by {@code k - minCode}. */
        TABLE
    }

    private ExportLimits() {
    }

    /** How {@code network}'s activation is emitted (without checking limits). */
    public static Kind kind(Network network) {
        Activation a = network.activation();
        if (a.isCorrectlyRounded() && "identity".equals(a.name())) {
            return Kind.IDENTITY;
        }
        if (a.isCorrectlyRounded() && "relu".equals(a.name())) {
            return Kind.RELU;
        }
        return Kind.TABLE;
    }

    /**
     * Checks every limit (those of {@link #checkValues} and the chain length).
     *
     * @throws ExportException with a one-line reason for the first limit exceeded
     */
    public static void check(Network network) {
        checkValues(network);
        long chain = 0;
        for (Layer layer : network.layers()) {
            int t = 0;
            for (Neuron n : layer.neurons()) {
                t = Math.max(t, n.fanIn());
            }
            chain += t;
        }
        if (chain > MAX_CHAIN) {
            throw new ExportException("the largest fan-ins of the layers add up to " + chain
                    + " sequential terms; export supports at most " + MAX_CHAIN);
        }
    }

    /**
     * Checks the limits that keep the int64 arithmetic exact and the file sane (activation table size,
     * number of weights, WIDE sums), not the chain length: what the C exporter needs.
     *
     * @throws ExportException with a one-line reason for the first limit exceeded
     */
    public static void checkValues(Network network) {
        FixedPointArithmetic ar = network.fixedPoint();
        FixedPointFormat f = ar.format();
        int m = f.intBits() + f.fracBits();
        if (network.hiddenLayers() > 0 && kind(network) == Kind.TABLE && m > MAX_TABLE_MAGNITUDE_BITS) {
            throw new ExportException("activation " + network.activation().name() + " is exported as a table of all "
                    + f.size() + " codes of " + f + "; export supports tables up to p + q = "
                    + MAX_TABLE_MAGNITUDE_BITS + " (identity and relu need no table)");
        }
        long weights = 0;
        for (Layer layer : network.layers()) {
            weights += layer.weightCount();
        }
        if (weights > MAX_WEIGHTS) {
            throw new ExportException("the network lists " + weights + " weights; export supports at most " + MAX_WEIGHTS);
        }
        if (network.accumulation() == Accumulation.WIDE) {
            checkWideSums(network, f);
        }
    }

    private static void checkWideSums(Network network, FixedPointFormat f) {
        BigInteger limit = BigInteger.valueOf(WIDE_SUM_LIMIT);
        BigInteger y = BigInteger.valueOf(Math.max(-f.minCode(), f.maxCode()));
        for (int l = 0; l < network.layers().size(); l++) {
            Layer layer = network.layers().get(l);
            for (int j = 0; j < layer.width(); j++) {
                Neuron n = layer.neuron(j);
                BigInteger s = BigInteger.valueOf(Math.abs(n.bias())).shiftLeft(f.fracBits());
                for (int i = 0; i < n.fanIn(); i++) {
                    s = s.add(BigInteger.valueOf(Math.abs(n.weight(i))).multiply(y));
                }
                if (s.compareTo(limit) > 0) {
                    throw new ExportException("layer " + l + ", neuron " + j + ": the WIDE sum can reach " + s
                            + " in units of 2^-" + (2 * f.fracBits()) + ", beyond int64; export needs |b|*2^q"
                            + " + sum |w|*" + y + " <= 2^63 - 2^33 per neuron");
                }
            }
        }
    }

    /** {@code tau} over all codes, entry {@code i} for code {@code minCode + i}. Needs {@link Kind#TABLE} limits. */
    public static int[] table(Network network) {
        FixedPointArithmetic ar = network.fixedPoint();
        FixedPointFormat f = ar.format();
        ActivationTable tau = ActivationTable.of(network.activation(), ar);
        int[] t = new int[(int) f.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = (int) tau.tau(f.codeAt(i));
        }
        return t;
    }
}

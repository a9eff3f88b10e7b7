package dev.fxnet.network;

import dev.fxnet.activation.Activation;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A layered feed-forward network (SPEC §4) over any {@link Arithmetic} (a fixed-point format, or a
 * floating-point format of SPEC §8): inputs in {@code F^d}, hidden layers that apply the rounded
 * activation {@code tau}, and a last (output) layer that applies none.
 *
 * <p>Invariants checked by {@link #of}: at least one layer; every bias and weight is a code of the
 * arithmetic in {@code minCode()..maxCode()} (for a floating-point format: a finite value, SPEC §8);
 * every source indexes the previous layer (the inputs, for the first layer). Immutable;
 * {@code meta} is free-form JSON-like data (strings, numbers, booleans, lists, maps) that no
 * evaluation reads.
 */
public final class Network {
    /**
     * The most inputs a network may have (2^20): every evaluator, exporter and the C code keep one
     * code per input, and a network file declaring more would make them allocate without bound.
     */
    public static final int MAX_INPUTS = 1 << 20;

    private final Arithmetic arithmetic;
    private final Accumulation accumulation;
    private final Activation activation;
    private final int inputs;
    private final List<Layer> layers;
    private final Map<String, Object> meta;

    private Network(Arithmetic arithmetic, Accumulation accumulation, Activation activation, int inputs,
            List<Layer> layers, Map<String, Object> meta) {
        this.arithmetic = arithmetic;
        this.accumulation = accumulation;
        this.activation = activation;
        this.inputs = inputs;
        this.layers = layers;
        this.meta = meta;
    }

    /**
     * A network; see the class documentation for the invariants.
     *
     * @throws IllegalArgumentException naming the layer, neuron and pair that break an invariant
     */
    public static Network of(Arithmetic arithmetic, Accumulation accumulation, Activation activation,
            int inputs, List<Layer> layers, Map<String, Object> meta) {
        Objects.requireNonNull(arithmetic, "arithmetic");
        Objects.requireNonNull(accumulation, "accumulation");
        Objects.requireNonNull(activation, "activation");
        if (inputs < 1 || inputs > MAX_INPUTS) {
            throw new IllegalArgumentException("a network needs 1.." + MAX_INPUTS + " inputs, was " + inputs);
        }
        List<Layer> ls = List.copyOf(layers);
        if (ls.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer (the output layer)");
        }
        int previous = inputs;
        for (int l = 0; l < ls.size(); l++) {
            Layer layer = ls.get(l);
            for (int j = 0; j < layer.width(); j++) {
                Neuron n = layer.neuron(j);
                if (!contains(arithmetic, n.bias())) {
                    throw new IllegalArgumentException("layer " + l + ", neuron " + j + ": bias code " + n.bias()
                            + outside(arithmetic));
                }
                for (int i = 0; i < n.fanIn(); i++) {
                    if (n.source(i) >= previous) {
                        throw new IllegalArgumentException("layer " + l + ", neuron " + j + ", pair " + i + ": source "
                                + n.source(i) + " is out of range; the previous layer has " + previous
                                + (l == 0 ? " inputs" : " neurons"));
                    }
                    if (!contains(arithmetic, n.weight(i))) {
                        throw new IllegalArgumentException("layer " + l + ", neuron " + j + ", pair " + i
                                + ": weight code " + n.weight(i) + outside(arithmetic));
                    }
                }
            }
            previous = layer.width();
        }
        Map<String, Object> m = meta == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(meta));
        return new Network(arithmetic, accumulation, activation, inputs, ls, m);
    }

    private static boolean contains(Arithmetic ar, long code) {
        return code >= ar.minCode() && code <= ar.maxCode();
    }

    private static String outside(Arithmetic ar) {
        return " is outside " + ar.formatName() + " (codes " + ar.minCode() + ".." + ar.maxCode() + ")";
    }

    /** The same network with {@code meta} replaced. */
    public Network withMeta(Map<String, Object> newMeta) {
        return of(arithmetic, accumulation, activation, inputs, layers, newMeta);
    }

    /** The number system, with its rounding and overflow. */
    public Arithmetic arithmetic() {
        return arithmetic;
    }

    /** Whether the arithmetic is fixed point (SPEC §1–§2). */
    public boolean isFixedPoint() {
        return arithmetic instanceof FixedPointArithmetic;
    }

    /**
     * The arithmetic as fixed point, for the parts of fxnet defined for fixed point only.
     *
     * @throws IllegalArgumentException if the arithmetic is not fixed point
     */
    public FixedPointArithmetic fixedPoint() {
        if (!(arithmetic instanceof FixedPointArithmetic)) {
            throw new IllegalArgumentException("this needs a fixed-point network, not one in " + arithmetic);
        }
        return (FixedPointArithmetic) arithmetic;
    }

    /**
     * The fixed-point format, {@code fixedPoint().format()}.
     *
     * @throws IllegalArgumentException if the arithmetic is not fixed point
     */
    public FixedPointFormat format() {
        return fixedPoint().format();
    }

    public Accumulation accumulation() {
        return accumulation;
    }

    public Activation activation() {
        return activation;
    }

    /** {@code d}, the number of inputs. */
    public int inputs() {
        return inputs;
    }

    /** All layers; the last is the output layer. */
    public List<Layer> layers() {
        return layers;
    }

    /** The number of hidden layers {@code L} (layers minus the output layer). */
    public int hiddenLayers() {
        return layers.size() - 1;
    }

    /** The number of output neurons. */
    public int outputs() {
        return layers.get(layers.size() - 1).width();
    }

    public Map<String, Object> meta() {
        return meta;
    }

    public NetworkSize size() {
        return NetworkSize.of(this);
    }

    /**
     * Whether this is a binary-weight network (SPEC §4): every weight is {@code -1} or {@code +1} (as
     * values, so codes {@code +-2^q} in fixed point) and every neuron lists every source of its
     * previous layer.
     */
    public boolean isBinary() {
        java.util.OptionalLong oneCode = arithmetic.codeOf(BigDecimal.ONE);
        if (oneCode.isEmpty()) {
            return false;
        }
        long one = oneCode.getAsLong();
        int previous = inputs;
        for (Layer layer : layers) {
            for (Neuron n : layer.neurons()) {
                if (n.fanIn() != previous) {
                    return false;
                }
                for (int i = 0; i < n.fanIn(); i++) {
                    if (Math.abs(n.weight(i)) != one) {
                        return false;
                    }
                }
            }
            previous = layer.width();
        }
        return true;
    }

    /** Equality of the computation: meta is ignored. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Network)) {
            return false;
        }
        Network n = (Network) o;
        return arithmetic.equals(n.arithmetic) && accumulation == n.accumulation
                && activation.name().equals(n.activation.name()) && inputs == n.inputs && layers.equals(n.layers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(arithmetic, accumulation, activation.name(), inputs, layers);
    }

    @Override
    public String toString() {
        NetworkSize s = size();
        return "Network{" + arithmetic + " " + accumulation + " " + activation.name() + ", inputs=" + inputs
                + ", depth=" + s.depth() + ", neurons=" + s.neurons() + "}";
    }
}

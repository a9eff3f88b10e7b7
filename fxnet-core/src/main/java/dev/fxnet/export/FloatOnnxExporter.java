package dev.fxnet.export;

import static dev.fxnet.export.OnnxGraph.le;
import static dev.fxnet.export.OnnxGraph.valueInfo;

import dev.fxnet.activation.ActivationTable;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.arith.FloatOverflow;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a network over a floating-point format (SPEC §8) as an ONNX model; formats of more than
 * {@value FloatCExporter#MAX_BITS} bits go to {@link FloatOnnxComputedExporter}, those of at most 8 bits are written here
 * (opset {@value OnnxExporter#OPSET}) that works on bit patterns through tables generated from the
 * network's {@link FloatArithmetic}, like {@link FloatCExporter}: input {@code x}, {@code int32
 * [batch, d]} patterns of finite values; output {@code y}, {@code int32 [batch, outputs]} patterns.
 * Only integer operators: {@code Gather, Add, Mul, Less, Not, Cast, Where, Greater, Or, And,
 * Concat, Unsqueeze, ReduceSum} (the last on float32 counts of at most a few hundred, exact).
 *
 * <p>Per layer, one {@code Gather} collects every pair's source, one {@code Gather} in the
 * {@code (*)} table (index {@code w * P + y}, {@code P = 2^n}) forms the products; the pairs are
 * laid out by term position, padded with the pattern of zero (PER_OP: {@code acc (+) 0 = acc} for
 * every reachable {@code acc}, infinities and NaN included). PER_OP: each term position is one
 * {@code Gather} in the {@code (+)} table. WIDE: the exact sum as int64 (bound checked as in the C
 * export), rounded by counting the steps of fxnet's step table of {@code rho} at or below the sum,
 * and the IEEE rules for special inputs from per-pair indicator tables.
 */
public final class FloatOnnxExporter {
    private static final int INT32 = 6;
    private static final int INT64 = 7;
    private static final int FLOAT = 1;

    private final Network net;
    private final FloatArithmetic ar;
    private final FloatFormat f;
    private final int p;
    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> inits = new ArrayList<>();
    private final Map<Long, String> constants = new HashMap<>();
    private int counter;

    private FloatOnnxExporter(Network net) {
        this.net = net;
        this.ar = (FloatArithmetic) net.arithmetic();
        this.f = ar.format();
        this.p = 1 << f.totalBits();
    }

    /**
     * The serialized ONNX model of {@code network}, whose arithmetic must be a {@link FloatArithmetic}.
     *
     * @throws ExportException if a WIDE sum could leave int64, or a format of more than
     *     {@value FloatCExporter#MAX_BITS} bits is refused by {@link FloatOnnxComputedExporter}
     */
    public static byte[] export(Network network) {
        FloatFormat f = ((FloatArithmetic) network.arithmetic()).format();
        if (f.totalBits() > FloatCExporter.MAX_BITS) {
            return FloatOnnxComputedExporter.export(network); // 2^32-entry pair tables: computed in float64
        }
        if (network.accumulation() == Accumulation.WIDE) {
            FloatCExporter.checkWideRange(network, ((FloatArithmetic) network.arithmetic()).format(), false);
        }
        return new FloatOnnxExporter(network).build();
    }

    private byte[] build() {
        String x = op("Cast", List.of("x"), intAttr("to", INT64));
        String y = x;
        int last = net.layers().size() - 1;
        String tau = net.hiddenLayers() > 0 ? init(tauTable()) : null;
        for (int l = 0; l <= last; l++) {
            y = layer(net.layers().get(l), y);
            if (l < last) {
                y = op("Gather", List.of(tau, y), intAttr("axis", 0));
            }
        }
        nodes.add(node("Cast", List.of(y), "y", intAttr("to", INT32)));
        ProtoWriter graph = new ProtoWriter();
        for (ProtoWriter n : nodes) {
            graph.message(1, n);
        }
        graph.string(2, "fxnet_float");
        for (ProtoWriter t : inits) {
            graph.message(5, t);
        }
        graph.message(11, valueInfo("x", net.inputs()));
        graph.message(12, valueInfo("y", net.outputs()));
        ProtoWriter model = new ProtoWriter();
        model.varint(1, OnnxExporter.IR_VERSION);
        model.string(2, "fxnet");
        model.string(3, "1");
        model.string(6, "fxnet network: " + f + ", " + ar.rounding() + ", " + ar.overflow() + ", "
                + net.accumulation() + ", activation " + net.activation().name() + "; input x int32 [batch,"
                + net.inputs() + "] bit patterns of finite values, output y int32 [batch," + net.outputs()
                + "] bit patterns");
        model.message(7, graph);
        model.message(8, new ProtoWriter().string(1, "").varint(2, OnnxExporter.OPSET));
        return model.toByteArray();
    }

    private boolean reachable(long code) {
        return ar.isFinite(code) || ar.overflow() != FloatOverflow.SATFINITE;
    }

    private long[] tauTable() {
        ActivationTable table = ActivationTable.of(net.activation(), ar);
        long[] t = new long[p];
        for (int b = 0; b < p; b++) {
            long z = f.codeOfBits(b);
            if (ar.isFinite(z)) {
                t[b] = f.bits(table.tau(z));
            } else if (reachable(z)) {
                t[b] = f.bits(ar.tau(net.activation(), z));
            }
        }
        return t;
    }

    /** A table over pairs of patterns, index {@code a * P + b}. */
    private long[] pairTable(java.util.function.LongBinaryOperator op) {
        long[] t = new long[p * p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                long ca = f.codeOfBits(a);
                long cb = f.codeOfBits(b);
                if (reachable(ca) && reachable(cb)) {
                    t[a * p + b] = op.applyAsLong(ca, cb);
                }
            }
        }
        return t;
    }

    /**
     * Term position t of neuron j is pair {@code index[t][j]} of the flattened list, or the padding
     * column {@code count} when the neuron has fewer terms.
     */
    record Pairs(long[] sources, long[] weights, long[][] index, int count) {
        static Pairs of(Layer layer) {
            int width = layer.width();
            int terms = 0;
            int count = 0;
            for (int j = 0; j < width; j++) {
                terms = Math.max(terms, layer.neuron(j).fanIn());
                count += layer.neuron(j).fanIn();
            }
            long[] src = new long[count];
            long[] w = new long[count];
            long[][] index = new long[terms][width];
            int k = 0;
            for (int j = 0; j < width; j++) {
                Neuron n = layer.neuron(j);
                for (int t = 0; t < terms; t++) {
                    if (t < n.fanIn()) {
                        src[k] = n.source(t);
                        w[k] = n.weight(t);
                        index[t][j] = k++;
                    } else {
                        index[t][j] = count;
                    }
                }
            }
            return new Pairs(src, w, index, count);
        }
    }

    private String layer(Layer layer, String y) {
        Pairs pairs = Pairs.of(layer);
        int width = layer.width();
        long[] bias = new long[width];
        for (int j = 0; j < width; j++) {
            bias[j] = f.bits(layer.neuron(j).bias());
        }
        String zeros = op("Mul", List.of(op("Gather", List.of(y, init(new long[] {0})), intAttr("axis", 1)),
                constant(0))); // [batch, 1] of zeros
        String acc = op("Add", List.of(zeros, init(bias)));
        if (pairs.count() == 0) {
            return acc;
        }
        String gathered = op("Gather", List.of(y, init(pairs.sources())), intAttr("axis", 1));
        long[] wp = new long[pairs.count()];
        for (int k = 0; k < wp.length; k++) {
            wp[k] = (long) f.bits(pairs.weights()[k]) * p;
        }
        String pairIndex = op("Add", List.of(gathered, init(wp))); // w * P + y, [batch, count]
        return net.accumulation() == Accumulation.PER_OP ? perOp(pairs, pairIndex, acc, zeros)
                : wide(pairs, pairIndex, acc, zeros);
    }

    private String perOp(Pairs pairs, String pairIndex, String acc, String zeros) {
        String products = op("Gather", List.of(init(pairTable((a, b) -> f.bits(ar.multiply(a, b)))), pairIndex),
                intAttr("axis", 0));
        String padded = op("Concat", List.of(products, zeros), intAttr("axis", 1)); // column count = +0
        String add = init(pairTable((a, b) -> f.bits(ar.add(a, b))));
        for (long[] idx : pairs.index()) {
            String term = op("Gather", List.of(padded, init(idx)), intAttr("axis", 1));
            acc = op("Gather", List.of(add, op("Add", List.of(op("Mul", List.of(acc, constant(p))), term))),
                    intAttr("axis", 0));
        }
        return acc;
    }

    /** Per-pair column sums over term positions of a [batch, count] tensor, padded with 0: [batch, width]. */
    private String sumByNeuron(Pairs pairs, String perPair, String zeros, String start) {
        String padded = op("Concat", List.of(perPair, zeros), intAttr("axis", 1));
        String s = start;
        for (long[] idx : pairs.index()) {
            s = op("Add", List.of(s, op("Gather", List.of(padded, init(idx)), intAttr("axis", 1))));
        }
        return s;
    }

    private String wide(Pairs pairs, String pairIndex, String biasPatterns, String zeros) {
        WideTables w = WideTables.of(ar);
        String sum = sumByNeuron(pairs, op("Gather", List.of(init(w.product()), pairIndex), intAttr("axis", 0)),
                zeros, op("Gather", List.of(init(w.biasValue()), biasPatterns), intAttr("axis", 0)));
        String nan = sumByNeuron(pairs, op("Gather", List.of(init(w.nanTerm()), pairIndex), intAttr("axis", 0)),
                zeros, zeros);
        String pinf = sumByNeuron(pairs, op("Gather", List.of(init(w.posInfTerm()), pairIndex),
                intAttr("axis", 0)), zeros, zeros);
        String ninf = sumByNeuron(pairs, op("Gather", List.of(init(w.negInfTerm()), pairIndex),
                intAttr("axis", 0)), zeros, zeros);
        // rho(sum): the number of steps at or below the sum selects the result
        String s3 = op("Unsqueeze", List.of(sum, init(new long[] {2}))); // [batch, width, 1]
        String below = op("Less", List.of(s3, init(w.stepAt()))); // [batch, width, steps]
        String atOrAbove = op("Cast", List.of(op("Not", List.of(below))), intAttr("to", FLOAT));
        String count = op("ReduceSum", List.of(atOrAbove, init(new long[] {2})), intAttr("keepdims", 0));
        String rounded = op("Gather", List.of(init(w.stepResult()), op("Cast", List.of(count), intAttr("to", INT64))),
                intAttr("axis", 0));
        if (ar.overflow() == FloatOverflow.SATFINITE) {
            return rounded;
        }
        String anyNan = op("Greater", List.of(nan, constant(0)));
        String anyPos = op("Greater", List.of(pinf, constant(0)));
        String anyNeg = op("Greater", List.of(ninf, constant(0)));
        String isNan = op("Or", List.of(anyNan, op("And", List.of(anyPos, anyNeg))));
        String inf = op("Where", List.of(anyPos, constant(w.posInf()), op("Where", List.of(anyNeg,
                constant(w.negInf()), rounded))));
        return op("Where", List.of(isNan, constant(w.nan()), inf));
    }

    // ---- graph building (int64 initializers) ----

    private String op(String type, List<String> inputs, ProtoWriter... attributes) {
        String out = type.toLowerCase(java.util.Locale.ROOT) + "_" + (counter++);
        nodes.add(node(type, inputs, out, attributes));
        return out;
    }

    private ProtoWriter node(String type, List<String> inputs, String output, ProtoWriter... attributes) {
        ProtoWriter n = new ProtoWriter();
        for (String i : inputs) {
            n.string(1, i);
        }
        n.string(2, output);
        n.string(3, "n" + nodes.size());
        n.string(4, type);
        for (ProtoWriter a : attributes) {
            n.message(5, a);
        }
        return n;
    }

    private static ProtoWriter intAttr(String name, long value) {
        return new ProtoWriter().string(1, name).varint(3, value).varint(20, 2);
    }

    private String constant(long v) {
        return constants.computeIfAbsent(v, key -> {
            String name = "c" + (counter++);
            inits.add(new ProtoWriter().varint(2, INT64).string(8, name).bytes(9, le(new long[] {v})));
            return name;
        });
    }

    private String init(long[] values) {
        String name = "t" + (counter++);
        inits.add(new ProtoWriter().packedInt64(1, values.length).varint(2, INT64).string(8, name)
                .bytes(9, le(values)));
        return name;
    }

}

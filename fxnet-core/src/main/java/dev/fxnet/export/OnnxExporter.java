package dev.fxnet.export;

import static dev.fxnet.export.OnnxGraph.le;
import static dev.fxnet.export.OnnxGraph.valueInfo;

import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Writes a network as an ONNX model (opset {@value #OPSET}) that computes SPEC §4 bit for bit
 * on integer codes: input {@code x}, {@code int32 [batch, d]}; output {@code y},
 * {@code int32 [batch, outputs]}. All arithmetic is on int64 tensors of codes with the ONNX
 * operators {@code Gather, Mul, Add, Sub, Div, Mod, Less, Greater, Where, Slice, Concat, Cast, Reshape,
 * Scan, Identity}.
 * See docs/EXPORT.md for the construction and its proof of exactness.
 *
 * <p>Per layer: the listed {@code (neuron, term)} pairs are flattened in order of term position,
 * neurons sorted by decreasing fan-in (so the neurons with a term at position {@code t} are a
 * prefix); one {@code Gather} collects the sources, one {@code Mul} forms the exact products, then
 * (PER_OP) all products are rounded at once and each term position is one {@code Add} plus
 * overflow on the prefix of accumulators, in list order, or (WIDE) the exact sum is rounded once; a
 * long run of term positions is one {@code Scan}.
 */
public final class OnnxExporter {
    /** The ONNX operator set the model imports. */
    public static final int OPSET = 17;
    /** Runs of at least this many PER_OP term positions become one {@code Scan} instead of unrolled nodes. */
    static final int SCAN_RUN = 8;
    /** The ONNX IR version written (the one that goes with opset 17). */
    public static final int IR_VERSION = 8;

    // TensorProto.DataType
    private static final int INT32 = 6;
    private static final int INT64 = 7;

    private final Network net;
    private final FixedPointFormat f;
    private final FixedPointArithmetic ar;
    private final int q;
    /** Nodes, initializers and shared constants of one ONNX graph (the main graph or a Scan body). */
    private static final class Graph {
        final String prefix;
        final List<ProtoWriter> nodes = new ArrayList<>();
        final List<ProtoWriter> inits = new ArrayList<>();
        final Map<String, String> constants = new HashMap<>();

        Graph(String prefix) {
            this.prefix = prefix;
        }

        /** The GraphProto fields this graph owns: its nodes (1), name (2) and initializers (5). */
        ProtoWriter proto(String name) {
            ProtoWriter g = new ProtoWriter();
            for (ProtoWriter n : nodes) {
                g.message(1, n);
            }
            g.string(2, name);
            for (ProtoWriter t : inits) {
                g.message(5, t);
            }
            return g;
        }
    }

    private final Graph main = new Graph("");
    /** The graph that {@link #op} and {@link #constant} add to. */
    private Graph g = main;
    /** The Scan body of one accumulation step, built on first use (a network has one accumulation). */
    private ProtoWriter stepBody;
    private final List<String> intermediates = new ArrayList<>();
    private boolean exposeIntermediates;
    private int counter;

    private OnnxExporter(Network net) {
        this.net = net;
        this.ar = net.fixedPoint();
        this.f = ar.format();
        this.q = f.fracBits();
    }

    /**
     * The serialized ONNX model of {@code network}.
     *
     * @throws ExportException if the network exceeds {@link ExportLimits} (or, for a float format, the
     *     limits of {@link FloatOnnxExporter})
     */
    public static byte[] export(Network network) {
        if (!network.isFixedPoint()) {
            return FloatOnnxExporter.export(network); // SPEC §8: tables over bit patterns
        }
        ExportLimits.check(network);
        return new OnnxExporter(network).build();
    }

    /** For debugging: the model with every int64 intermediate also declared as a graph output. */
    static byte[] exportWithIntermediates(Network network) {
        ExportLimits.check(network);
        OnnxExporter e = new OnnxExporter(network);
        e.exposeIntermediates = true;
        return e.build();
    }

    private byte[] build() {
        String x = op("Cast", List.of("x"), intAttr("to", INT64));
        // a [batch, 1] column of zeros, to broadcast biases to [batch, width]
        String zeros = op("Mul", List.of(slice(x, 0, 1), constant(0)));
        String table = ExportLimits.kind(net) == ExportLimits.Kind.TABLE && net.hiddenLayers() > 0
                ? tableInit() : null;
        String y = x;
        int last = net.layers().size() - 1;
        for (int l = 0; l <= last; l++) {
            y = layer(net.layers().get(l), y, zeros);
            if (l < last) {
                y = activation(y, table);
            }
        }
        main.nodes.add(node("Cast", List.of(y), "y", intAttr("to", INT32)));

        ProtoWriter graph = main.proto("fxnet");
        graph.message(11, valueInfo("x", net.inputs()));
        graph.message(12, valueInfo("y", net.outputs()));
        if (exposeIntermediates) {
            for (String name : intermediates) {
                graph.message(12, int64Info(name));
            }
        }

        ProtoWriter model = new ProtoWriter();
        model.varint(1, IR_VERSION);
        model.string(2, "fxnet");
        model.string(3, "1");
        model.string(6, "fxnet network: " + f + ", " + ar.rounding() + ", " + ar.overflow() + ", "
                + net.accumulation() + ", activation " + net.activation().name()
                + "; input x int32 [batch," + net.inputs() + "] codes, output y int32 [batch," + net.outputs()
                + "] codes (value = code * 2^-" + q + ")");
        model.message(7, graph);
        model.message(8, new ProtoWriter().string(1, "").varint(2, OPSET));
        meta(model, "fxnet.format", f.toString());
        meta(model, "fxnet.rounding", ar.rounding().name());
        meta(model, "fxnet.overflow", ar.overflow().name());
        meta(model, "fxnet.accumulation", net.accumulation().name());
        meta(model, "fxnet.activation", net.activation().name());
        return model.toByteArray();
    }

    private static void meta(ProtoWriter model, String key, String value) {
        model.message(14, new ProtoWriter().string(1, key).string(2, value));
    }

    /** One layer's accumulators (before the activation), int64 [batch, width], in neuron order. */
    private String layer(Layer layer, String y, String zeros) {
        PairsByTerm pairs = PairsByTerm.of(layer);
        boolean perOp = net.accumulation() == Accumulation.PER_OP;
        String products = products(pairs, y, perOp);
        String acc = op("Add", List.of(zeros, init(biases(layer, pairs.order(), perOp), layer.width())));
        acc = accumulate(pairs, acc, products, perOp);
        if (!perOp) {
            acc = overflow(round(acc));
        }
        return inNeuronOrder(acc, pairs.order());
    }

    /**
     * A layer's {@code (neuron, term)} pairs flattened in order of term position, neurons sorted by
     * decreasing fan-in (stable: equal fan-ins keep their order), so the neurons with a term at
     * position {@code t} are the prefix {@code order[0 .. active[t])}; the pairs at position
     * {@code t} start at {@code offset[t]} in {@code sources} and {@code weights}.
     */
    private record PairsByTerm(int[] order, int[] active, int[] offset, long[] sources, long[] weights) {
        static PairsByTerm of(Layer layer) {
            int width = layer.width();
            int[] order = IntStream.range(0, width).boxed()
                    .sorted((a, b) -> Integer.compare(layer.neuron(b).fanIn(), layer.neuron(a).fanIn()))
                    .mapToInt(Integer::intValue).toArray();
            int terms = layer.neuron(order[0]).fanIn();
            int[] active = new int[terms];
            int e = 0;
            int live = width;
            for (int t = 0; t < terms; t++) {
                while (live > 0 && layer.neuron(order[live - 1]).fanIn() <= t) {
                    live--;
                }
                active[t] = live;
                e += live;
            }
            long[] src = new long[e];
            long[] w = new long[e];
            int[] offset = new int[terms];
            int k = 0;
            for (int t = 0; t < terms; t++) {
                offset[t] = k;
                for (int i = 0; i < active[t]; i++, k++) {
                    Neuron n = layer.neuron(order[i]);
                    src[k] = n.source(t);
                    w[k] = n.weight(t);
                }
            }
            return new PairsByTerm(order, active, offset, src, w);
        }

        int terms() {
            return active.length;
        }

        int count() {
            return sources.length;
        }
    }

    /**
     * All the layer's products at once, int64 [batch, pairs] in the order of {@code pairs}: one
     * {@code Gather} of the sources, one {@code Mul}, and for PER_OP the rounding and overflow of
     * each product; null if the layer has no pairs.
     */
    private String products(PairsByTerm pairs, String y, boolean perOp) {
        int e = pairs.count();
        if (e == 0) {
            return null;
        }
        String gathered = op("Gather", List.of(y, init(pairs.sources(), e)), intAttr("axis", 1));
        String products = op("Mul", List.of(gathered, init(pairs.weights(), e)));
        return perOp ? overflow(round(products)) : products;
    }

    /** The biases in {@code order}: codes (PER_OP) or codes times {@code 2^q}, the exact sum's scale (WIDE). */
    private long[] biases(Layer layer, int[] order, boolean perOp) {
        long[] bias = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            long b = layer.neuron(order[i]).bias();
            bias[i] = perOp ? b : b << q;
        }
        return bias;
    }

    /**
     * Adds the products to the accumulators {@code acc} term position by term position, in list
     * order; the neurons whose terms are used up are sliced off and concatenated back at the end, so
     * the result is int64 [batch, width] in {@code pairs.order()}.
     */
    private String accumulate(PairsByTerm pairs, String acc, String products, boolean perOp) {
        int[] active = pairs.active();
        int width = pairs.order().length;
        List<String> finished = new ArrayList<>();
        int current = width;
        for (int t = 0; t < pairs.terms(); ) {
            if (active[t] < current) {
                finished.add(slice(acc, active[t], current));
                acc = slice(acc, 0, active[t]);
                current = active[t];
            }
            // a run of term positions with the same active prefix: [t, end)
            int end = t + 1;
            while (end < pairs.terms() && active[end] == current) {
                end++;
            }
            acc = end - t >= SCAN_RUN ? scan(pairs, products, acc, t, end) : unrolled(pairs, products, acc, t, end);
            t = end;
        }
        if (current < width) {
            List<String> parts = new ArrayList<>();
            parts.add(acc);
            for (int i = finished.size() - 1; i >= 0; i--) {
                parts.add(finished.get(i));
            }
            acc = op("Concat", parts, intAttr("axis", 1));
        }
        return acc;
    }

    /**
     * The term positions {@code [t, end)} (same active prefix) as one {@code Scan}, not
     * {@code run * 5} nodes: the run's terms as [batch, run, current], term position on axis 1;
     * PER_OP {@code acc = overflow(acc + term)}, WIDE {@code acc = acc + term} (exact). Not
     * ReduceSum for WIDE: ONNX Runtime 1.30's int64 ReduceSum is inexact (see docs).
     */
    private String scan(PairsByTerm pairs, String products, String acc, int t, int end) {
        int run = end - t;
        int current = pairs.active()[t];
        int from = pairs.offset()[t];
        String seg = run * current == pairs.count() ? products : slice(products, from, from + run * current);
        String seg3 = op("Reshape", List.of(seg, init(new long[] {0, run, current}, 3)));
        return op("Scan", List.of(acc, seg3), graphAttr("body", stepBody(net.accumulation() == Accumulation.PER_OP)),
                intAttr("num_scan_inputs", 1), intsAttr("scan_input_axes", 1));
    }

    /** The term positions {@code [t, end)} as one {@code Add} each (PER_OP: plus overflow). */
    private String unrolled(PairsByTerm pairs, String products, String acc, int t, int end) {
        int current = pairs.active()[t];
        boolean perOp = net.accumulation() == Accumulation.PER_OP;
        for (int u = t; u < end; u++) {
            String term = pairs.count() == current ? products
                    : slice(products, pairs.offset()[u], pairs.offset()[u] + current);
            acc = op("Add", List.of(acc, term));
            if (perOp) {
                acc = overflow(acc);
            }
        }
        return acc;
    }

    /** {@code acc} (columns in {@code order}) back in neuron order: one {@code Gather}, none if already in order. */
    private String inNeuronOrder(String acc, int[] order) {
        int width = order.length;
        boolean identity = true;
        for (int i = 0; i < width; i++) {
            identity &= order[i] == i;
        }
        if (identity) {
            return acc;
        }
        long[] inv = new long[width];
        for (int k = 0; k < width; k++) {
            inv[order[k]] = k;
        }
        return op("Gather", List.of(acc, init(inv, width)), intAttr("axis", 1));
    }

    /**
     * The Scan body {@code (acc, term) -> overflow(acc + term)} (PER_OP) or {@code acc + term} (WIDE),
     * int64, shapes left to the runtime.
     */
    private ProtoWriter stepBody(boolean withOverflow) {
        if (stepBody == null) {
            Graph outer = g;
            g = new Graph("step_");
            String sum = op("Add", List.of("step_acc", "step_term"));
            String out = withOverflow ? overflow(sum) : sum;
            g.nodes.add(node("Identity", List.of(out), "step_acc_out"));
            ProtoWriter body = g.proto("fxnet_per_op_step");
            body.message(11, int64Info("step_acc"));
            body.message(11, int64Info("step_term"));
            body.message(12, int64Info("step_acc_out"));
            stepBody = body;
            g = outer;
        }
        return stepBody;
    }

    /** A ValueInfoProto for an int64 tensor of unspecified shape named {@code name}. */
    private static ProtoWriter int64Info(String name) {
        ProtoWriter int64 = new ProtoWriter().message(1, new ProtoWriter().varint(1, INT64));
        return new ProtoWriter().string(1, name).message(2, int64);
    }

    private String activation(String acc, String table) {
        switch (ExportLimits.kind(net)) {
            case IDENTITY:
                return acc;
            case RELU:
                return op("Where", List.of(op("Less", List.of(acc, constant(0))), constant(0), acc));
            default:
                String index = op("Sub", List.of(acc, constant(f.minCode())));
                String t = op("Gather", List.of(table, index), intAttr("axis", 0));
                return op("Cast", List.of(t), intAttr("to", INT64));
        }
    }

    private String tableInit() {
        int[] t = ExportLimits.table(net);
        ByteBuffer b = ByteBuffer.allocate(4 * t.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : t) {
            b.putInt(v);
        }
        String name = "tau_table";
        main.inits.add(new ProtoWriter().packedInt64(1, t.length).varint(2, INT32).string(8, name).bytes(9, b.array()));
        return name;
    }

    /**
     * Rounds {@code n / 2^q} to an integer in the arithmetic's mode: {@code floor((n + c) / 2^q)} with
     * {@code c} the mode's offset (docs/EXPORT.md); floor division as {@code (t - Mod(t, D)) / D}, exact.
     */
    private String round(String n) {
        if (q == 0) {
            return n;
        }
        long d = 1L << q;
        long h = d >> 1;
        String c;
        Rounding r = ar.rounding();
        switch (r) {
            case FLOOR:
                c = null;
                break;
            case CEILING:
                c = constant(d - 1);
                break;
            case HALF_CEILING:
                c = constant(h);
                break;
            case HALF_FLOOR:
                c = constant(h - 1);
                break;
            case DOWN:
                c = bySign(n, d - 1, 0);
                break;
            case UP:
                c = bySign(n, 0, d - 1);
                break;
            case HALF_UP:
                c = bySign(n, h - 1, h);
                break;
            case HALF_DOWN:
                c = bySign(n, h, h - 1);
                break;
            case HALF_EVEN: {
                // bit q of n (the parity of floor(n / D)) is Mod(n, 2D) / D, both non-negative
                String parity = op("Div", List.of(op("Mod", List.of(n, constant(2 * d)), intAttr("fmod", 0)),
                        constant(d)));
                c = op("Add", List.of(parity, constant(h - 1)));
                break;
            }
            default:
                throw new AssertionError(r);
        }
        String t = c == null ? n : op("Add", List.of(n, c));
        String rem = op("Mod", List.of(t, constant(d)), intAttr("fmod", 0));
        return op("Div", List.of(op("Sub", List.of(t, rem)), constant(d)));
    }

    /** {@code n < 0 ? negative : nonNegative}. */
    private String bySign(String n, long negative, long nonNegative) {
        String neg = op("Less", List.of(n, constant(0)));
        return op("Where", List.of(neg, constant(negative), constant(nonNegative)));
    }

    /** Maps any int64 into the code range: clamp (SATURATE) or reduce modulo {@code 2^n} (WRAP). */
    private String overflow(String v) {
        if (ar.overflow() == Overflow.SATURATE) {
            // not Min/Max: ONNX Runtime 1.22's int64 Min/Max compare only the low 32 bits on some
            // inputs (Max(-2398182443, -1073741823) gave -2398182443); Less/Greater + Where are exact
            String high = op("Greater", List.of(v, constant(f.maxCode())));
            String low = op("Less", List.of(v, constant(f.minCode())));
            return op("Where", List.of(low, constant(f.minCode()),
                    op("Where", List.of(high, constant(f.maxCode()), v))));
        }
        long modulus = 1L << f.totalBits();
        String shifted = op("Sub", List.of(v, constant(f.minCode())));
        String reduced = op("Mod", List.of(shifted, constant(modulus)), intAttr("fmod", 0));
        return op("Add", List.of(reduced, constant(f.minCode())));
    }

    private String slice(String v, long from, long to) {
        return op("Slice", List.of(v, constantVector(from), constantVector(to), constantVector(1))); // axes [1]
    }

    // ---- graph building ----

    private String op(String type, List<String> inputs, ProtoWriter... attributes) {
        String out = g.prefix + type.toLowerCase(java.util.Locale.ROOT) + "_" + (counter++);
        g.nodes.add(node(type, inputs, out, attributes));
        if (g == main && !type.equals("Less") && !type.equals("Greater")
                && !(type.equals("Gather") && inputs.get(0).equals("tau_table"))) {
            intermediates.add(out);
        }
        return out;
    }

    private ProtoWriter node(String type, List<String> inputs, String output, ProtoWriter... attributes) {
        ProtoWriter n = new ProtoWriter();
        for (String i : inputs) {
            n.string(1, i);
        }
        n.string(2, output);
        n.string(3, g.prefix + "n" + g.nodes.size());
        n.string(4, type);
        for (ProtoWriter a : attributes) {
            n.message(5, a);
        }
        return n;
    }

    private static ProtoWriter intAttr(String name, long value) {
        return new ProtoWriter().string(1, name).varint(3, value).varint(20, 2); // AttributeProto.INT
    }

    private static ProtoWriter intsAttr(String name, long... values) {
        ProtoWriter a = new ProtoWriter().string(1, name);
        for (long v : values) {
            a.varint(8, v);
        }
        return a.varint(20, 7); // AttributeProto.INTS
    }

    private static ProtoWriter graphAttr(String name, ProtoWriter graph) {
        return new ProtoWriter().string(1, name).message(6, graph).varint(20, 5); // AttributeProto.GRAPH
    }

    /** A scalar int64 initializer (shared). */
    private String constant(long v) {
        return g.constants.computeIfAbsent("s" + v, key -> {
            String name = g.prefix + "c" + (v < 0 ? "m" + (-v) : Long.toString(v));
            g.inits.add(new ProtoWriter().varint(2, INT64).string(8, name).bytes(9, le(new long[] {v})));
            return name;
        });
    }

    /** A one-element int64 vector initializer (shared), for Slice bounds. */
    private String constantVector(long v) {
        return g.constants.computeIfAbsent("v" + v, key -> {
            String name = g.prefix + "v" + (v < 0 ? "m" + (-v) : Long.toString(v));
            g.inits.add(new ProtoWriter().packedInt64(1, 1).varint(2, INT64).string(8, name).bytes(9, le(new long[] {v})));
            return name;
        });
    }

    private String init(long[] values, int length) {
        String name = g.prefix + "t" + (counter++);
        g.inits.add(new ProtoWriter().packedInt64(1, length).varint(2, INT64).string(8, name).bytes(9, le(values)));
        return name;
    }

}

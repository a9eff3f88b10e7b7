package dev.fxnet.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small ONNX graph builder (opset {@value OnnxExporter#OPSET}): nodes with generated output
 * names, int64 and float64 initializers, and the serialized model with an {@code int32 [batch, d]}
 * input {@code x} and an {@code int32 [batch, outputs]} output {@code y}. Mutable, single use.
 */
final class OnnxGraph {
    static final int FLOAT = 1;
    static final int INT32 = 6;
    static final int INT64 = 7;
    static final int DOUBLE = 11;

    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> inits = new ArrayList<>();
    private final Map<String, String> constants = new HashMap<>();
    private int counter;

    /** Adds a node {@code type(inputs)} and returns the name of its single output. */
    String op(String type, List<String> inputs, ProtoWriter... attributes) {
        String out = type.toLowerCase(Locale.ROOT) + "_" + (counter++);
        output(type, inputs, out, attributes);
        return out;
    }

    /** Adds a node whose output has the given name (the graph output). */
    void output(String type, List<String> inputs, String output, ProtoWriter... attributes) {
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
        nodes.add(n);
    }

    static ProtoWriter intAttr(String name, long value) {
        return new ProtoWriter().string(1, name).varint(3, value).varint(20, 2);
    }

    /** A scalar int64 constant (shared by value). */
    String constant(long v) {
        return constants.computeIfAbsent("i" + v, key -> scalar(INT64, le(new long[] {v})));
    }

    /** A scalar float64 constant (shared by bit pattern, so {@code -0.0} and NaN are kept apart). */
    String constant(double v) {
        return constants.computeIfAbsent("d" + Double.doubleToRawLongBits(v), key -> scalar(DOUBLE, le(new double[] {v})));
    }

    private String scalar(int type, byte[] raw) {
        String name = "c" + (counter++);
        inits.add(new ProtoWriter().varint(2, type).string(8, name).bytes(9, raw));
        return name;
    }

    /** A 1-D int64 initializer. */
    String init(long[] values) {
        String name = "t" + (counter++);
        inits.add(new ProtoWriter().packedInt64(1, values.length).varint(2, INT64).string(8, name)
                .bytes(9, le(values)));
        return name;
    }

    /** A 1-D float64 initializer. */
    String init(double[] values) {
        String name = "t" + (counter++);
        inits.add(new ProtoWriter().packedInt64(1, values.length).varint(2, DOUBLE).string(8, name)
                .bytes(9, le(values)));
        return name;
    }

    /** The serialized model: this graph with input {@code x} and output {@code y}. */
    byte[] model(int inputs, int outputs, String doc) {
        ProtoWriter graph = new ProtoWriter();
        for (ProtoWriter n : nodes) {
            graph.message(1, n);
        }
        graph.string(2, "fxnet_float");
        for (ProtoWriter t : inits) {
            graph.message(5, t);
        }
        graph.message(11, valueInfo("x", inputs));
        graph.message(12, valueInfo("y", outputs));
        ProtoWriter model = new ProtoWriter();
        model.varint(1, OnnxExporter.IR_VERSION);
        model.string(2, "fxnet");
        model.string(3, "1");
        model.string(6, doc);
        model.message(7, graph);
        model.message(8, new ProtoWriter().string(1, "").varint(2, OnnxExporter.OPSET));
        return model.toByteArray();
    }

    /** {@code values} as little-endian 64-bit integers (an ONNX tensor's raw data). */
    static byte[] le(long[] values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    private static byte[] le(double[] values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    /** The value info of an int32 tensor of shape {@code [batch, columns]} (the exports' inputs and outputs). */
    static ProtoWriter valueInfo(String name, int columns) {
        ProtoWriter shape = new ProtoWriter()
                .message(1, new ProtoWriter().string(2, "batch"))
                .message(1, new ProtoWriter().varint(1, columns));
        ProtoWriter tensor = new ProtoWriter().varint(1, INT32).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensor));
    }
}

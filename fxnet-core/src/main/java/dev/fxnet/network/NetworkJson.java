package dev.fxnet.network;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fxnet.activation.Activation;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.arith.FloatOverflow;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.io.InputFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the network file of SPEC §5 (JSON, version 1), for a fixed-point format or a
 * floating-point format of SPEC §8 ({@code format} with {@code exponentBits}, {@code mantissaBits},
 * {@code bias}, {@code specials}; {@code arithmetic.overflow} {@code SATFINITE}, {@code INF} or
 * {@code NAN}; every parameter in {@code layers} a bit pattern as an unsigned integer, {@code -0}
 * read as 0, NaN and infinities refused). How numbers are written and read is
 * {@link NumberSystem}'s.
 *
 * <p>Reading is strict: unknown keys outside {@code meta}, a missing field, a value of the wrong
 * type, a code outside the format (a bit pattern outside the format or of a special), the other
 * number system's overflow name, a source index out of range, a source listed twice, an unknown
 * activation or mode, and duplicate keys are all refused with a {@link NetworkFileException} whose
 * message starts with the JSON path of the fault. Writing produces a file that reading accepts and
 * maps back to an {@link Network#equals equal} network, with one neuron per line.
 */
public final class NetworkJson {
    /** The only file version this reader accepts. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private NetworkJson() {
    }

    /**
     * Reads a network file.
     *
     * @throws NetworkFileException whose message starts with the file's name, then the JSON path (or,
     *     for text that is not JSON or not UTF-8, the line and column) of the first fault
     * @throws IOException if the file cannot be read
     */
    public static Network read(Path file) throws IOException {
        byte[] bytes = InputFile.readAllBytes(file, "network file", InputFile.MAX_NETWORK_BYTES);
        try {
            return parse(utf8(bytes));
        } catch (NetworkFileException e) {
            throw e.inFile(file.toString());
        }
    }

    /** The bytes as UTF-8 text, refusing malformed sequences with their line and column. */
    private static String utf8(byte[] bytes) {
        java.nio.charset.CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        java.nio.charset.CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            int bad = in.position();
            long line = 1;
            long column = 1;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    column = 1;
                } else if ((bytes[i] & 0xC0) != 0x80) {
                    column++;
                }
            }
            throw new NetworkFileException("$", "not UTF-8 text: byte 0x"
                    + String.format("%02X", bytes[bad] & 0xFF) + " at line " + line + ", column " + column
                    + " (byte offset " + bad + ") is not valid UTF-8");
        }
        d.flush(out);
        out.flip();
        return out.toString();
    }

    /**
     * Parses the text of a network file.
     *
     * @throws NetworkFileException naming the JSON path of the first fault
     */
    public static Network parse(String json) {
        JsonNode root = tree(json);
        onlyKeys(root, "$", Set.of("fxnet", "format", "arithmetic", "activation", "inputs", "layers", "meta"));
        long version = integer(field(root, "$", "fxnet"), "$.fxnet");
        if (version != VERSION) {
            throw new NetworkFileException("$.fxnet", "unsupported file version " + version + "; expected " + VERSION);
        }
        FormatSection format = format(root);
        ArithmeticSection ar = arithmetic(root, format);
        Activation activation = parseWith(field(root, "$", "activation"), "$.activation", Activations::named);
        int inputs = (int) intIn(field(root, "$", "inputs"), "$.inputs", 1, Network.MAX_INPUTS);
        List<Layer> layers = layers(root, NumberSystem.of(ar.arithmetic()), inputs);
        return Network.of(ar.arithmetic(), ar.accumulation(), activation, inputs, layers, meta(root));
    }

    /** The JSON text as a tree whose root is an object. */
    private static JsonNode tree(String json) {
        JsonNode root;
        try {
            try {
                // floats as BigDecimal, so a refusal can quote 1e-999999 as written rather than as 0.0
                root = MAPPER.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                        .readTree(json);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                // an exponent beyond the range of BigDecimal: read floats as doubles (it becomes infinite)
                root = MAPPER.readTree(json);
            }
        } catch (JsonProcessingException e) {
            throw JsonSyntax.refusal(e);
        }
        if (root == null || root.isMissingNode()) {
            throw new NetworkFileException("$", "empty file; expected a JSON object (SPEC §5)");
        }
        if (!root.isObject()) {
            throw new NetworkFileException("$", "expected a JSON object, found " + describe(root));
        }
        return root;
    }

    /** What {@code $.format} says: a fixed-point format (SPEC §5) or a floating-point one (SPEC §8); the other is null. */
    private record FormatSection(FixedPointFormat fixed, FloatFormat floating) {
    }

    /** The section {@code $.format}: a float format when it has {@code exponentBits} or {@code mantissaBits}. */
    private static FormatSection format(JsonNode root) {
        JsonNode fmt = object(field(root, "$", "format"), "$.format");
        if (fmt.has("exponentBits") || fmt.has("mantissaBits")) {
            return new FormatSection(null, floatFormat(fmt));
        }
        onlyKeys(fmt, "$.format", Set.of("intBits", "fracBits", "encoding"));
        int p = (int) intIn(field(fmt, "$.format", "intBits"), "$.format.intBits", 0, FixedPointFormat.MAX_MAGNITUDE_BITS);
        int q = (int) intIn(field(fmt, "$.format", "fracBits"), "$.format.fracBits", 0, FixedPointFormat.MAX_MAGNITUDE_BITS);
        Encoding encoding = parseWith(field(fmt, "$.format", "encoding"), "$.format.encoding", Encoding::parse);
        try {
            return new FormatSection(FixedPointFormat.of(p, q, encoding), null);
        } catch (IllegalArgumentException e) {
            throw new NetworkFileException("$.format", e.getMessage());
        }
    }

    /** A float {@code $.format} (SPEC §8): {@code exponentBits}, {@code mantissaBits}, {@code bias}, {@code specials}. */
    private static FloatFormat floatFormat(JsonNode fmt) {
        onlyKeys(fmt, "$.format", Set.of("exponentBits", "mantissaBits", "bias", "specials"));
        int e = (int) intIn(field(fmt, "$.format", "exponentBits"), "$.format.exponentBits", 1, 15);
        int m = (int) intIn(field(fmt, "$.format", "mantissaBits"), "$.format.mantissaBits", 0, 14);
        int bias = (int) intIn(field(fmt, "$.format", "bias"), "$.format.bias", -(1 << 20), 1 << 20);
        FloatFormat.Specials specials = parseWith(field(fmt, "$.format", "specials"), "$.format.specials",
                FloatFormat.Specials::parse);
        try {
            return FloatFormat.of(e, m, bias, specials);
        } catch (IllegalArgumentException ex) {
            throw new NetworkFileException("$.format", ex.getMessage());
        }
    }

    /** What the section {@code $.arithmetic} says: the arithmetic over the format, and the accumulation. */
    private record ArithmeticSection(Arithmetic arithmetic, Accumulation accumulation) {
    }

    /** The section {@code $.arithmetic}, over {@code format}. */
    private static ArithmeticSection arithmetic(JsonNode root, FormatSection format) {
        JsonNode ar = object(field(root, "$", "arithmetic"), "$.arithmetic");
        onlyKeys(ar, "$.arithmetic", Set.of("rounding", "overflow", "accumulation"));
        Rounding rounding = parseWith(field(ar, "$.arithmetic", "rounding"), "$.arithmetic.rounding", Rounding::parse);
        JsonNode overflowNode = field(ar, "$.arithmetic", "overflow");
        String op = "$.arithmetic.overflow";
        if (format.floating() != null) {
            FloatOverflow overflow = parseWith(overflowNode, op, NumberSystem::floatOverflow);
            Accumulation accumulation = accumulation(ar);
            try {
                return new ArithmeticSection(FloatArithmetic.of(format.floating(), rounding, overflow), accumulation);
            } catch (IllegalArgumentException e) {
                throw new NetworkFileException(op, e.getMessage());
            }
        }
        Overflow overflow = parseWith(overflowNode, op, NumberSystem::fixedOverflow);
        Accumulation accumulation = accumulation(ar);
        try {
            return new ArithmeticSection(FixedPointArithmetic.of(format.fixed(), rounding, overflow), accumulation);
        } catch (IllegalArgumentException e) {
            throw new NetworkFileException(op, e.getMessage());
        }
    }

    private static Accumulation accumulation(JsonNode ar) {
        return parseWith(field(ar, "$.arithmetic", "accumulation"), "$.arithmetic.accumulation", Accumulation::parse);
    }

    /** The section {@code $.layers}: each neuron's codes in {@code format}, its sources below the previous width. */
    private static List<Layer> layers(JsonNode root, NumberSystem format, int inputs) {
        JsonNode ls = field(root, "$", "layers");
        if (!ls.isArray() || ls.isEmpty()) {
            throw new NetworkFileException("$.layers", "expected a non-empty array of layers");
        }
        List<Layer> layers = new ArrayList<>();
        int previous = inputs;
        for (int l = 0; l < ls.size(); l++) {
            String lp = "$.layers[" + l + "]";
            JsonNode layerNode = ls.get(l);
            if (!layerNode.isArray() || layerNode.isEmpty()) {
                throw new NetworkFileException(lp, "expected a non-empty array of neurons");
            }
            List<Neuron> neurons = new ArrayList<>();
            for (int j = 0; j < layerNode.size(); j++) {
                neurons.add(neuron(layerNode.get(j), lp + "[" + j + "]", format, previous, l == 0));
            }
            layers.add(Layer.of(neurons));
            previous = neurons.size();
        }
        return layers;
    }

    /** The optional section {@code $.meta}, free-form; empty if absent. */
    private static Map<String, Object> meta(JsonNode root) {
        if (!root.has("meta")) {
            return Map.of();
        }
        JsonNode m = object(root.get("meta"), "$.meta");
        // meta's fractions are doubles, as written by toJson
        return doubles(MAPPER.convertValue(m, new TypeReference<LinkedHashMap<String, Object>>() { }));
    }

    /** {@code meta} with every BigDecimal (a JSON fraction) as a double, in nested maps and lists too. */
    @SuppressWarnings("unchecked")
    private static <T> T doubles(T value) {
        if (value instanceof java.math.BigDecimal) {
            return (T) Double.valueOf(((java.math.BigDecimal) value).doubleValue());
        }
        if (value instanceof Map) {
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) value).forEach((k, v) -> out.put(k, doubles(v)));
            return (T) out;
        }
        if (value instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object v : (List<Object>) value) {
                out.add(doubles(v));
            }
            return (T) out;
        }
        return value;
    }

    private static Neuron neuron(JsonNode node, String path, NumberSystem format, int previous, boolean first) {
        object(node, path);
        onlyKeys(node, path, Set.of("bias", "weights"));
        long bias = code(field(node, path, "bias"), path + ".bias", format);
        JsonNode ws = field(node, path, "weights");
        if (!ws.isArray()) {
            throw new NetworkFileException(path + ".weights", "expected an array of [source, weight] pairs");
        }
        int[] sources = new int[ws.size()];
        long[] weights = new long[ws.size()];
        Map<Integer, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < ws.size(); i++) {
            String pp = path + ".weights[" + i + "]";
            JsonNode pair = ws.get(i);
            if (!pair.isArray() || pair.size() != 2) {
                throw new NetworkFileException(pp, "expected a pair [sourceIndex, weightCode]");
            }
            long s = integer(pair.get(0), pp + "[0]");
            if (s < 0 || s >= previous) {
                throw new NetworkFileException(pp + "[0]", "source " + s + " is out of range; the previous layer has "
                        + previous + (first ? " inputs" : " neurons") + " (indices 0.." + (previous - 1) + ")");
            }
            Integer before = seen.put((int) s, i);
            if (before != null) {
                throw new NetworkFileException(pp + "[0]", "source " + s + " is listed twice (also at weights["
                        + before + "])");
            }
            sources[i] = (int) s;
            weights[i] = code(pair.get(1), pp + "[1]", format);
        }
        return Neuron.of(bias, sources, weights);
    }

    private static JsonNode field(JsonNode obj, String path, String name) {
        JsonNode v = obj.get(name);
        if (v == null) {
            throw new NetworkFileException(path + "." + name, "missing field '" + name + "'");
        }
        if (v.isNull()) {
            throw new NetworkFileException(path + "." + name, "field '" + name + "' is null");
        }
        return v;
    }

    private static JsonNode object(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new NetworkFileException(path, "expected a JSON object, found " + describe(node));
        }
        return node;
    }

    private static void onlyKeys(JsonNode obj, String path, Set<String> allowed) {
        Iterator<String> names = obj.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!allowed.contains(n)) {
                throw new NetworkFileException(path + "." + n, "unknown key '" + n + "'; allowed here: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    private static long integer(JsonNode node, String path) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new NetworkFileException(path, "expected an integer, found " + describe(node));
        }
        return node.longValue();
    }

    private static long intIn(JsonNode node, String path, long min, long max) {
        long v = integer(node, path);
        if (v < min || v > max) {
            throw new NetworkFileException(path, "value " + v + " is outside " + min + ".." + max);
        }
        return v;
    }

    /** A parameter: the number as written (a code, or a float's bit pattern), as a code. */
    private static long code(JsonNode node, String path, NumberSystem format) {
        long v = integer(node, path);
        try {
            return format.parameter(v);
        } catch (IllegalArgumentException e) {
            throw new NetworkFileException(path, e.getMessage());
        }
    }

    private static <T> T parseWith(JsonNode node, String path, java.util.function.Function<String, T> parser) {
        if (!node.isTextual()) {
            throw new NetworkFileException(path, "expected a string, found " + describe(node));
        }
        try {
            return parser.apply(node.textValue());
        } catch (IllegalArgumentException e) {
            throw new NetworkFileException(path, e.getMessage());
        }
    }

    /** What was found, in words, quoting scalars as written (numbers trimmed to 40 characters). */
    private static String describe(JsonNode node) {
        if (node.isNull()) {
            return "null";
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isFloatingPointNumber() && !node.isBigDecimal() && !Double.isFinite(node.doubleValue())) {
            return "a number beyond the range of doubles";
        }
        if (node.isNumber()) {
            String text = node.isBigDecimal() ? node.decimalValue().toString().replace("E+", "e").replace('E', 'e')
                    : node.asText();
            return "the number " + brief(text);
        }
        if (node.isTextual()) {
            return "the string " + brief(node.toString());
        }
        return brief(node.toString());
    }

    private static String brief(String text) {
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }

    /** The text of the network file for {@code network}, one neuron per line, ending in a newline. */
    public static String toJson(Network network) {
        NumberSystem ns = NumberSystem.of(network.arithmetic());
        StringBuilder b = new StringBuilder();
        b.append("{\n  \"fxnet\": ").append(VERSION).append(",\n");
        b.append("  \"format\": ").append(ns.formatJson()).append(",\n");
        b.append("  \"arithmetic\": {\"rounding\": \"").append(ns.roundingName())
                .append("\", \"overflow\": \"").append(ns.overflowName())
                .append("\", \"accumulation\": \"").append(network.accumulation()).append("\"},\n");
        b.append("  \"activation\": \"").append(network.activation().name()).append("\",\n");
        b.append("  \"inputs\": ").append(network.inputs()).append(",\n");
        b.append("  \"layers\": [\n");
        List<Layer> layers = network.layers();
        for (int l = 0; l < layers.size(); l++) {
            b.append("    [\n");
            List<Neuron> neurons = layers.get(l).neurons();
            for (int j = 0; j < neurons.size(); j++) {
                Neuron n = neurons.get(j);
                b.append("      {\"bias\": ").append(ns.number(n.bias())).append(", \"weights\": [");
                for (int i = 0; i < n.fanIn(); i++) {
                    b.append(i == 0 ? "" : ", ").append('[').append(n.source(i)).append(", ")
                            .append(ns.number(n.weight(i))).append(']');
                }
                b.append("]}").append(j + 1 < neurons.size() ? ",\n" : "\n");
            }
            b.append("    ]").append(l + 1 < layers.size() ? ",\n" : "\n");
        }
        b.append("  ],\n");
        ObjectNode meta = MAPPER.valueToTree(network.meta());
        String metaText;
        try {
            metaText = MAPPER.writeValueAsString(meta).replace("\n", "\n  ");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        b.append("  \"meta\": ").append(metaText).append("\n}\n");
        return b.toString();
    }
}

package dev.fxnet.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.arith.FloatOverflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.testing.SpecExamples;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The network file of a floating-point format (SPEC §8): round trips, parameters written as bit
 * patterns whose value (decoded here by SPEC §8's formulas, apart from fxnet) is the parameter's
 * value, and the refusals with their JSON paths.
 */
class FloatNetworkJsonTest {
    private static final String[] FORMATS = {"e4m3", "e5m2", "e3m2", "e2m3", "e2m1", "binary16", "bfloat16",
        "float(1,1,specials=FINITE)", "float(3,4)", "float(4,2,bias=3,specials=FN)"};

    /** The value of bit pattern {@code bits} by SPEC §8 (a finite encoding), or null for a special. */
    static BigDecimal decode(int bits, int e, int m, int bias, String specials) {
        int sign = bits >>> (e + m);
        int b = (bits >>> m) & ((1 << e) - 1);
        int t = bits & ((1 << m) - 1);
        boolean top = b == (1 << e) - 1;
        if (specials.equals("IEEE") && top || specials.equals("FN") && top && t == (1 << m) - 1) {
            return null;
        }
        BigDecimal v = b == 0 ? new BigDecimal(t).multiply(pow2(1 - bias - m))
                : new BigDecimal((1L << m) + t).multiply(pow2(b - bias - m));
        return sign == 1 ? v.negate() : v;
    }

    static BigDecimal pow2(int k) {
        return k >= 0 ? BigDecimal.valueOf(2).pow(k) : BigDecimal.ONE.divide(BigDecimal.valueOf(2).pow(-k));
    }

    static Network random(Random r, FloatArithmetic ar) {
        long n = ar.maxCode();
        int d = 1 + r.nextInt(3);
        List<Layer> layers = new ArrayList<>();
        int previous = d;
        for (int l = 0; l < 1 + r.nextInt(3); l++) {
            List<Neuron> ns = new ArrayList<>();
            int width = 1 + r.nextInt(3);
            for (int j = 0; j < width; j++) {
                long[] w = new long[previous];
                for (int i = 0; i < w.length; i++) {
                    w[i] = -n + (long) (r.nextDouble() * (2 * n + 1));
                }
                ns.add(Neuron.dense(-n + (long) (r.nextDouble() * (2 * n + 1)), w));
            }
            layers.add(Layer.of(ns));
            previous = width;
        }
        return Network.of(ar, Accumulation.values()[r.nextInt(2)],
                Activations.builtIns().get(r.nextInt(Activations.builtIns().size())), d, layers, Map.of("k", "v"));
    }

    @Test
    void roundTripsAndParametersAreBitPatternsOfTheirValues() throws Exception {
        Random r = new Random(15);
        ObjectMapper json = new ObjectMapper();
        int checked = 0;
        for (String name : FORMATS) {
            FloatFormat f = FloatFormat.parse(name);
            for (FloatOverflow o : FloatOverflow.values()) {
                if (o == FloatOverflow.INF && f.specials() != FloatFormat.Specials.IEEE
                        || o == FloatOverflow.NAN && f.specials() != FloatFormat.Specials.FN) {
                    continue;
                }
                FloatArithmetic ar = FloatArithmetic.of(f, Rounding.values()[r.nextInt(9)], o);
                Network net = random(r, ar);
                String text = NetworkJson.toJson(net);
                Network back = NetworkJson.parse(text);
                assertEquals(net, back, text);
                assertEquals(text, NetworkJson.toJson(back));
                JsonNode root = json.readTree(text);
                JsonNode fmt = root.get("format");
                int e = fmt.get("exponentBits").asInt();
                int m = fmt.get("mantissaBits").asInt();
                int bias = fmt.get("bias").asInt();
                String sp = fmt.get("specials").asText();
                assertEquals(o.name(), root.get("arithmetic").get("overflow").asText());
                for (int l = 0; l < net.layers().size(); l++) {
                    for (int j = 0; j < net.layers().get(l).width(); j++) {
                        Neuron nn = net.layers().get(l).neuron(j);
                        JsonNode node = root.get("layers").get(l).get(j);
                        assertEquals(0, ar.value(nn.bias()).compareTo(decode(node.get("bias").asInt(), e, m, bias, sp)));
                        for (int i = 0; i < nn.fanIn(); i++) {
                            BigDecimal v = decode(node.get("weights").get(i).get(1).asInt(), e, m, bias, sp);
                            assertEquals(0, ar.value(nn.weight(i)).compareTo(v), name + " weight " + v);
                            checked++;
                        }
                    }
                }
            }
        }
        assertTrue(checked > 100, "checked " + checked);
    }

    private static final String E4M3 = """
            {"fxnet": 1,
             "format": {"exponentBits": 4, "mantissaBits": 3, "bias": 7, "specials": "FN"},
             "arithmetic": {"rounding": "HALF_EVEN", "overflow": "SATFINITE", "accumulation": "PER_OP"},
             "activation": "relu", "inputs": 1,
             "layers": [[{"bias": BIAS, "weights": [[0, 56]]}]]}
            """;

    private static final String E5M2 = E4M3.replace("\"exponentBits\": 4, \"mantissaBits\": 3, \"bias\": 7, \"specials\": \"FN\"",
            "\"exponentBits\": 5, \"mantissaBits\": 2, \"bias\": 15, \"specials\": \"IEEE\"");

    private static String refusal(String text) {
        return assertThrows(NetworkFileException.class, () -> NetworkJson.parse(text)).getMessage();
    }

    @Test
    void minusZeroIsReadAsZeroAndOneIs56() {
        Network n = NetworkJson.parse(E4M3.replace("BIAS", "128"));
        assertEquals(0, n.layers().get(0).neuron(0).bias());
        assertEquals(0, BigDecimal.ONE.compareTo(n.arithmetic().value(n.layers().get(0).neuron(0).weight(0))));
        assertTrue(NetworkJson.toJson(n).contains("{\"bias\": 0, \"weights\": [[0, 56]]}"));
    }

    @Test
    void refusalsNameTheJsonPath() {
        assertTrue(refusal(E4M3.replace("BIAS", "127")).startsWith("$.layers[0][0].bias: bit pattern 127 (0x7F) is NaN"));
        assertTrue(refusal(E4M3.replace("BIAS", "255")).startsWith("$.layers[0][0].bias: bit pattern 255 (0xFF) is NaN"));
        assertTrue(refusal(E5M2.replace("BIAS", "124")).startsWith("$.layers[0][0].bias: bit pattern 124 (0x7C) is +inf"));
        assertTrue(refusal(E5M2.replace("BIAS", "252")).startsWith("$.layers[0][0].bias: bit pattern 252 (0xFC) is -inf"));
        assertTrue(refusal(E5M2.replace("BIAS", "125")).startsWith("$.layers[0][0].bias: bit pattern 125 (0x7D) is NaN"));
        assertTrue(refusal(E4M3.replace("BIAS", "256")).startsWith("$.layers[0][0].bias: bit pattern 256 is outside 0..255"));
        assertTrue(refusal(E4M3.replace("BIAS", "-1")).startsWith("$.layers[0][0].bias: bit pattern -1 is outside 0..255"));
        assertTrue(refusal(E4M3.replace("BIAS", "0").replace("[0, 56]", "[0, 1.0]"))
                .startsWith("$.layers[0][0].weights[0][1]: expected an integer"));
        assertTrue(refusal(E4M3.replace("BIAS", "0").replace("SATFINITE", "SATURATE"))
                .startsWith("$.arithmetic.overflow: SATURATE is a fixed-point overflow mode"));
        assertTrue(refusal(E4M3.replace("BIAS", "0").replace("SATFINITE", "INF"))
                .startsWith("$.arithmetic.overflow: overflow INF needs a format with infinities"));
        assertTrue(refusal(E5M2.replace("BIAS", "0").replace("SATFINITE", "NAN"))
                .startsWith("$.arithmetic.overflow: overflow NAN needs"));
        assertTrue(refusal(E4M3.replace("BIAS", "0").replace("\"exponentBits\": 4", "\"exponentBits\": 9")
                .replace("\"mantissaBits\": 3", "\"mantissaBits\": 9")).startsWith("$.format: "));
        assertTrue(refusal(E4M3.replace("BIAS", "0").replace("\"exponentBits\": 4", "\"exponentBits\": 0"))
                .startsWith("$.format.exponentBits: "));
        assertTrue(refusal(E4M3.replace("BIAS", "0").replace(", \"specials\": \"FN\"", ""))
                .startsWith("$.format.specials: missing field"));
        assertTrue(refusal(E4M3.replace("BIAS", "0").replace("\"bias\": 7", "\"bias\": null"))
                .startsWith("$.format.bias: field 'bias' is null"));
        assertTrue(refusal(E4M3.replace("BIAS", "0").replace("\"bias\": 7", "\"bias\": 7, \"encoding\": \"SYMMETRIC\""))
                .startsWith("$.format.encoding: unknown key"));
        String fixed = SpecExamples.SPEC_NETWORK.replaceFirst("\"SATURATE\"", "\"SATFINITE\"");
        assertTrue(refusal(fixed).startsWith("$.arithmetic.overflow: SATFINITE is a floating-point overflow mode"),
                refusal(fixed));
    }
}

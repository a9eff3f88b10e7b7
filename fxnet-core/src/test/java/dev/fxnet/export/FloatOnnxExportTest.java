package dev.fxnet.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OrtSession;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.arith.FloatOverflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.eval.ReferenceEvaluator;
import dev.fxnet.network.Network;
import dev.fxnet.network.NetworkJson;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SPEC §8 ONNX export, run in ONNX Runtime on every finite input of random networks over the
 * small float formats, all nine modes, every overflow policy the format allows, both
 * accumulations; every output pattern must be the reference evaluator's.
 */
class FloatOnnxExportTest {
    private static final String[] FORMATS = {"e4m3", "e5m2", "e3m2", "e2m3", "e2m1", "float(3,4)"};
    private static final String[] ACTIVATIONS = {"relu", "sigmoid", "identity", "gelu", "tanh", "softplus",
        "leaky_relu", "elu", "hardswish", "step", "silu", "mish", "gelu_tanh", "hardtanh", "hardsigmoid"};

    @Test
    void everyFormatModeAndPolicyOnEveryInput() throws Exception {
        Ort.env();
        Random rnd = new Random(4711);
        int nets = 0;
        long points = 0;
        int i = 0;
        for (String name : FORMATS) {
            FloatFormat f = FloatFormat.parse(name);
            for (Rounding r : Rounding.values()) {
                FloatOverflow o = i % 2 == 0 || !(f.hasInfinity() || f.hasNaN()) ? FloatOverflow.SATFINITE
                        : f.hasInfinity() ? FloatOverflow.INF : FloatOverflow.NAN;
                Accumulation acc = name.equals("e5m2") ? Accumulation.PER_OP : Accumulation.values()[(i / 2) % 2];
                FloatArithmetic ar = FloatArithmetic.of(f, r, o);
                int d = f.maxCode() * 2 + 1 <= 64 ? 2 : 1;
                Network net = FloatCExportTest.network(rnd, ar, acc, ACTIVATIONS[i % ACTIVATIONS.length], d);
                points += compare(net);
                nets++;
                i++;
            }
        }
        System.out.println("float ONNX export: " + nets + " networks, " + points + " inputs, 0 mismatches");
    }

    private static long compare(Network net) throws Exception {
        FloatArithmetic ar = (FloatArithmetic) net.arithmetic();
        FloatFormat f = ar.format();
        InputSpace space = InputSpace.of(ar, net.inputs());
        int n = (int) space.size();
        int d = net.inputs();
        int o = net.outputs();
        int[] x = new int[n * d];
        for (int i = 0; i < n; i++) {
            long[] pt = space.point(i);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = f.bits(pt[j]);
            }
        }
        int[] y;
        try (OrtSession s = Ort.session(OnnxExporter.export(net))) {
            y = Ort.run(s, x, n, d);
        }
        assertEquals((long) n * o, y.length);
        ReferenceEvaluator ref = new ReferenceEvaluator(net);
        for (int i = 0; i < n; i++) {
            long[] out = ref.evaluate(space.point(i));
            for (int k = 0; k < o; k++) {
                if (f.bits(out[k]) != y[i * o + k]) {
                    throw new AssertionError("x=" + java.util.Arrays.toString(space.point(i)) + " output " + k
                            + ": reference pattern " + f.bits(out[k]) + ", onnx " + y[i * o + k] + "\n"
                            + NetworkJson.toJson(net));
                }
            }
        }
        return n;
    }
}

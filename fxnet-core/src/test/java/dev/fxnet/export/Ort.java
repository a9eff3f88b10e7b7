package dev.fxnet.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.IntBuffer;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** Runs exported models in ONNX Runtime (Java API); skips the calling test if the native library cannot load. */
public final class Ort {
    private static OrtEnvironment env;
    private static String failure;

    private Ort() {
    }

    public static synchronized OrtEnvironment env() {
        if (env == null && failure == null) {
            try {
                env = OrtEnvironment.getEnvironment();
            } catch (Throwable t) { // UnsatisfiedLinkError and friends
                failure = t.toString();
            }
        }
        if (failure != null) {
            System.err.println("SKIP: ONNX Runtime native library cannot load: " + failure);
        }
        Assumptions.assumeTrue(failure == null, () -> "ONNX Runtime native library cannot load: " + failure);
        return env;
    }

    /**
     * Opens a session on a serialized model, with ONNX Runtime's default options, or the graph
     * optimization level named by {@code -Dfxnet.ort.optLevel=NO_OPT|BASIC_OPT|EXTENDED_OPT|ALL_OPT}.
     */
    public static OrtSession session(byte[] model) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        String level = System.getProperty("fxnet.ort.optLevel");
        if (level != null && !level.isEmpty()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.valueOf(level));
        }
        return env().createSession(model, options);
    }

    /** Runs {@code model} on {@code n} points ({@code x} row-major, {@code d} codes each); returns y row-major. */
    public static int[] run(OrtSession session, int[] x, int n, int d) throws OrtException {
        try (OnnxTensor t = OnnxTensor.createTensor(env(), IntBuffer.wrap(x), new long[] {n, d});
                OrtSession.Result r = session.run(Map.of("x", t))) {
            OnnxTensor out = (OnnxTensor) r.get("y").orElseThrow();
            long[] shape = out.getInfo().getShape();
            if (shape.length != 2 || shape[0] != n) {
                throw new AssertionError("output shape " + java.util.Arrays.toString(shape));
            }
            IntBuffer b = out.getIntBuffer();
            int[] y = new int[b.remaining()];
            b.get(y);
            return y;
        }
    }
}

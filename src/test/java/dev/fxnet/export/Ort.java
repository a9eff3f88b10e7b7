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

    /** Opens a session on a serialized model. */
    public static OrtSession session(byte[] model) throws OrtException {
        return env().createSession(model, new OrtSession.SessionOptions());
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

package dev.fxnet.activation;

import dev.fxnet.arith.Rounding;
import java.util.List;

/** TEMPORARY placeholder until the activation engine lands (branch act): identity and relu only. */
public final class Activations {
    private Activations() {
    }

    private static final Activation IDENTITY = simple("identity", false);
    private static final Activation RELU = simple("relu", true);

    private static Activation simple(String name, boolean relu) {
        return new Activation() {
            public String name() {
                return name;
            }

            public double applyAsDouble(double z) {
                return relu ? Math.max(0, z) : z;
            }

            public long roundScaled(long k, int q, Rounding r) {
                return relu ? Math.max(0, k) : k;
            }

            public boolean isCorrectlyRounded() {
                return true;
            }
        };
    }

    public static Activation named(String name) {
        for (Activation a : builtIns()) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "'");
    }

    public static List<Activation> builtIns() {
        return List.of(IDENTITY, RELU);
    }

    public static List<String> names() {
        return List.of("identity", "relu");
    }
}

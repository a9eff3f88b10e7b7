package dev.fxnet.compare;

import dev.fxnet.activation.Activation;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Arithmetic;
import dev.fxnet.construct.CompileOptions;
import dev.fxnet.construct.Compiler;
import dev.fxnet.construct.SizeReport;
import dev.fxnet.gadget.Setting;
import dev.fxnet.target.FunctionTable;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The size of the network {@link Compiler} builds for a random table on {@code F^1} (uniform codes
 * from a seed, the table {@code compile --random SEED --dims 1} makes), verified on every point,
 * against the counting bound {@code |F|} (SizeReport: a network whose parameters are values of F
 * needs at least {@code |F|^d} of them to tell every table apart). In {@code d = 1} the parameters per
 * point and the ratio to the bound are the same number, {@code parameters / |F|}.
 *
 * @param format the format's short name
 * @param activation the activation compiled with
 * @param finiteValues {@code |F|}, the counting bound in {@code d = 1}
 * @param parameters the network's parameters (weights and biases), or -1 when there is no network
 * @param neurons the network's neurons (0 when there is no network)
 * @param depth the network's depth (0 when there is no network)
 * @param note why there is no network, else empty
 */
public record NetworkSize(String format, String activation, long finiteValues, long parameters, long neurons, int depth,
        String note) {
    /** The most finite values of a format compare compiles for (the compiler's float gadget search limit). */
    public static final long MAX_VALUES = 2048;

    public NetworkSize {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(note, "note");
    }

    /** Whether a network was built and verified. */
    public boolean built() {
        return parameters >= 0;
    }

    /** {@code parameters / |F|}: parameters per point, and the ratio to the counting bound (d = 1). */
    public double ratio() {
        return (double) parameters / finiteValues;
    }

    /** The random table of {@code seed} on {@code F^1}: code {@code minCode + nextLong(|F|)} per point. */
    public static FunctionTable randomTable(Arithmetic ar, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] c = new int[(int) ar.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = (int) (ar.minCode() + r.nextLong(ar.size()));
        }
        return FunctionTable.of(ar, 1, c);
    }

    /**
     * Compiles and verifies the random table of {@code seed} for {@code ar} with {@code sigma}
     * ({@code PER_OP}); no network (with the reason in {@link #note}) above {@link #MAX_VALUES} values
     * or where the compiler refuses the setting or the network fails verification (floats).
     */
    public static NetworkSize of(Arithmetic ar, Activation sigma, long seed) {
        String name = CompareFormats.name(ar);
        if (ar.size() > MAX_VALUES) {
            return new NetworkSize(name, sigma.name(), ar.size(), -1, 0, 0, "|F| = " + ar.size() + " > " + MAX_VALUES
                    + " finite values: not compiled");
        }
        try {
            Compiler.Result r = Compiler.compile(randomTable(ar, seed), Setting.of(ar, Accumulation.PER_OP, sigma),
                    CompileOptions.defaults());
            SizeReport s = r.size();
            return new NetworkSize(name, sigma.name(), ar.size(), s.parameters(), s.neurons(), s.depth(), "");
        } catch (IllegalArgumentException e) { // the compiler's refusal, naming its stage
            return new NetworkSize(name, sigma.name(), ar.size(), -1, 0, 0, "compile: " + e.getMessage());
        }
    }
}

package dev.fxnet.construct;

import dev.fxnet.network.Network;
import dev.fxnet.network.NetworkSize;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The size of a compiled network against the counting lower bound (issue #3, point 4).
 *
 * <p>An arbitrary table on {@code F^d} carries {@code |F|^d} values of {@code log2|F|} bits. A
 * network whose parameters are elements of F holds {@code log2|F|} bits per parameter, so
 * representing every table needs at least {@code |F|^d} parameters (else two tables would share a
 * network). A binary-weight network's weights carry one bit each: the bound is
 * {@code |F|^d * log2|F|} one-bit weights (minus what its biases carry, which is lower order).
 * {@code ratio = parameters / bound} (binary: weights / bound).
 */
public record SizeReport(long neurons, int depth, int widestLayer, long parameters, long denseParameters,
        long weights, double lowerBound, boolean binary) {

    /**
     * The report for {@code n}, the bound being for tables on {@code F^d} of its format: the binary
     * bound when {@code binary} (a network built as binary-weight), else the general one, even when
     * a general network happens to have only weights {@code +-1}.
     *
     * @throws IllegalArgumentException if {@code binary} but {@code n} is not a binary-weight network
     */
    public static SizeReport of(Network n, boolean binary) {
        if (binary && !n.isBinary()) {
            throw new IllegalArgumentException("not a binary-weight network (SPEC §4): " + n);
        }
        NetworkSize s = n.size();
        long weights = s.parameters() - s.neurons();
        return new SizeReport(s.neurons(), s.depth(), s.widestLayer(), s.parameters(), s.denseParameters(), weights,
                lowerBound(n.arithmetic().size(), n.inputs(), binary), binary);
    }

    /**
     * This size against the counting bound of functions on a domain of {@code points} inputs (values in
     * all of F): {@code points} parameters ({@code points * log2|F|} one-bit weights when binary), as
     * {@code compile --domain} reports it.
     *
     * @param fSize the number of values of F, {@code >= 2}
     * @param points the number of domain points, {@code >= 1}
     * @throws IllegalArgumentException if {@code fSize < 2} or {@code points < 1}
     */
    public SizeReport onDomain(long fSize, long points) {
        if (fSize < 2 || points < 1) {
            throw new IllegalArgumentException("a domain bound needs |F| >= 2 and >= 1 point, was " + fSize + ", " + points);
        }
        double bound = binary ? points * (Math.log(fSize) / Math.log(2)) : points;
        return new SizeReport(neurons, depth, widestLayer, parameters, denseParameters, weights, bound, binary);
    }

    /** {@code |F|^d}, or {@code |F|^d * log2|F|} for binary weights. */
    public static double lowerBound(long fSize, int dims, boolean binary) {
        double points = Math.pow(fSize, dims);
        return binary ? points * (Math.log(fSize) / Math.log(2)) : points;
    }

    /** {@code parameters / bound} (binary: one-bit weights / bound). */
    public double ratio() {
        return (binary ? weights : parameters) / lowerBound;
    }

    /** The fields as a map, for {@code meta}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("neurons", neurons);
        m.put("depth", depth);
        m.put("widestLayer", widestLayer);
        m.put("parameters", parameters);
        m.put("denseParameters", denseParameters);
        m.put("weights", weights);
        m.put("lowerBound", lowerBound);
        m.put("lowerBoundUnit", binary ? "one-bit weights (|F|^d * log2|F|)" : "parameters from F (|F|^d)");
        m.put("ratio", Math.round(ratio() * 1000) / 1000.0);
        return m;
    }

    /** A human-readable line. */
    public String line() {
        return String.format(java.util.Locale.ROOT,
                "neurons %d, depth %d, widest layer %d, parameters %d (dense %d), lower bound %.0f %s, ratio %.3f",
                neurons, depth, widestLayer, parameters, denseParameters, lowerBound,
                binary ? "one-bit weights" : "parameters", ratio());
    }
}

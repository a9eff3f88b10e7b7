package dev.fxnet.export;

import dev.fxnet.activation.ActivationTable;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.arith.FloatOverflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import java.util.List;

/**
 * Writes a PER_OP network over a float format of more than 8 bits ({@code binary16},
 * {@code bfloat16}, ...) under {@code HALF_EVEN}, or any mode when the format's sums are exact in
 * float64 ({@link #sumsExact}: {@code binary16}), and any overflow policy, as an ONNX model (opset
 * {@value OnnxExporter#OPSET}) whose {@code (+)} and {@code (*)} are computed in float64 and
 * rounded once by the graph itself; the interface is that of {@link FloatOnnxExporter}: input
 * {@code x}, {@code int32 [batch, d]} bit patterns of finite values, output {@code y},
 * {@code int32 [batch, outputs]} bit patterns.
 *
 * <p>Exact (docs/float/export.md, "ONNX above 8 bits"): a pattern's value is a {@code Gather} in a
 * 2^n-entry float64 table (every value of the format is a double). A product of two values is
 * exact in float64 (at most {@code 2(m+1) <= 34} significant bits, no float64 underflow or
 * overflow: checked at export). A sum is float64-rounded; a target-subnormal sum is exact, and
 * otherwise rounding to nearest twice is innocuous since {@code 53 >= 2(m+1) + 2} (Figueroa 1995).
 * {@code rho} to the format is then computed without any cast to a narrow type: the binade by a
 * binary search over comparisons {@code |v| >= 2^j}, the significand {@code Round(|v| * 2^(m-E))}
 * (ONNX {@code Round} is round-half-to-even, on a power-of-two scaling that is exact), the pattern
 * {@code (E - emin) 2^m + n} (a carry out of the significand lands on the next binade's pattern by
 * itself), then the overflow policy, the sign and NaN. {@code tau} is fxnet's activation table over
 * patterns.
 */
final class FloatOnnxComputedExporter {
    private final Network net;
    private final FloatArithmetic ar;
    private final FloatFormat f;
    private final OnnxGraph g = new OnnxGraph();
    private final int steps;
    private String valueTable;
    private String thresholds;
    private String scales;

    private FloatOnnxComputedExporter(Network net) {
        this.net = net;
        this.ar = (FloatArithmetic) net.arithmetic();
        this.f = ar.format();
        int kmax = f.emax() + 1 - f.emin();
        this.steps = 64 - Long.numberOfLeadingZeros(kmax); // 2^steps > kmax
    }

    /**
     * The serialized model of a float network of more than 8 bits.
     *
     * @throws ExportException if the mode is not HALF_EVEN and the sums are not exact in float64, the
     *     accumulation is WIDE, or the format's
     *     products leave float64's exact range
     */
    static byte[] export(Network network) {
        FloatArithmetic ar = (FloatArithmetic) network.arithmetic();
        FloatFormat f = ar.format();
        String why = f + " (" + f.totalBits() + " bits) exports to ONNX computed in float64";
        if (ar.rounding() != Rounding.HALF_EVEN && !sumsExact(f)) {
            throw new ExportException(why + " only under HALF_EVEN (its float64 sums are rounded, and rounding "
                    + "twice is exact only to nearest); the network rounds " + ar.rounding()
                    + " (the C export takes every mode)");
        }
        if (network.accumulation() != Accumulation.PER_OP) {
            throw new ExportException(why + " only with PER_OP accumulation; the network is "
                    + network.accumulation());
        }
        if (2 * (f.emax() + 1) > 1023 || 2 * (f.emin() - f.mantissaBits()) < -1074) {
            throw new ExportException(why + " only when its products are exact doubles; exponents "
                    + f.emin() + ".." + f.emax() + " with " + f.mantissaBits() + " mantissa bits are not");
        }
        return new FloatOnnxComputedExporter(network).build();
    }

    /**
     * Whether every sum of two finite values is exact in float64: they are multiples of
     * {@code 2^(emin - m)} below {@code 2^(emax + 2)}, at most {@code emax + 2 - emin + m} bits, and
     * {@code t +- 1/2} in {@link #roundMagnitude} needs one bit more (binary16: 41; bfloat16: 262).
     */
    static boolean sumsExact(FloatFormat f) {
        return f.emax() + 2 - f.emin() + f.mantissaBits() <= 52;
    }

    private byte[] build() {
        int n = 1 << f.totalBits();
        double[] values = new double[n];
        for (int b = 0; b < n; b++) {
            long z = f.codeOfBits(b);
            values[b] = ar.isFinite(z) ? f.doubleValue(z) : special(z);
        }
        valueTable = g.init(values);
        String x = g.op("Cast", List.of("x"), OnnxGraph.intAttr("to", OnnxGraph.INT64));
        String y = x;
        int last = net.layers().size() - 1;
        String tau = net.hiddenLayers() > 0 ? g.init(tauTable()) : null;
        for (int l = 0; l <= last; l++) {
            y = layer(net.layers().get(l), y);
            if (l < last) {
                y = g.op("Gather", List.of(tau, y), OnnxGraph.intAttr("axis", 0));
            }
        }
        g.output("Cast", List.of(y), "y", OnnxGraph.intAttr("to", OnnxGraph.INT32));
        return g.model(net.inputs(), net.outputs(), "fxnet network: " + f + ", " + ar.rounding() + ", "
                + ar.overflow() + ", " + net.accumulation() + ", activation " + net.activation().name()
                + "; (+) and (*) in float64 rounded by the graph; input x int32 [batch," + net.inputs()
                + "] bit patterns of finite values, output y int32 [batch," + net.outputs() + "] bit patterns");
    }

    private double special(long z) {
        if (z == f.nanCode()) {
            return Double.NaN;
        }
        return z > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    private long[] tauTable() {
        ActivationTable table = ActivationTable.of(net.activation(), ar);
        long[] t = new long[1 << f.totalBits()];
        for (int b = 0; b < t.length; b++) {
            long z = f.codeOfBits(b);
            if (ar.isFinite(z)) {
                t[b] = f.bits(table.tau(z));
            } else if (ar.overflow() != FloatOverflow.SATFINITE) {
                t[b] = f.bits(ar.tau(net.activation(), z));
            }
        }
        return t;
    }

    /** One layer on int64 patterns {@code y [batch, previous]}: the output patterns (int64) before tau. */
    private String layer(Layer layer, String y) {
        FloatOnnxExporter.Pairs pairs = FloatOnnxExporter.Pairs.of(layer);
        int width = layer.width();
        double[] bias = new double[width];
        for (int j = 0; j < width; j++) {
            bias[j] = f.doubleValue(layer.neuron(j).bias());
        }
        String column = g.op("Gather", List.of(y, g.init(new long[] {0})), OnnxGraph.intAttr("axis", 1));
        String zeros = g.op("Cast", List.of(g.op("Mul", List.of(column, g.constant(0L)))),
                OnnxGraph.intAttr("to", OnnxGraph.DOUBLE)); // [batch, 1] of +0.0
        String acc = g.op("Add", List.of(zeros, g.init(bias)));
        String accPattern = null;
        if (pairs.count() > 0) {
            String sources = g.op("Gather", List.of(y, g.init(pairs.sources())), OnnxGraph.intAttr("axis", 1));
            double[] w = new double[pairs.count()];
            for (int k = 0; k < w.length; k++) {
                w[k] = f.doubleValue(pairs.weights()[k]);
            }
            String products = value(rho(g.op("Mul", List.of(value(sources), g.init(w)))));
            String padded = g.op("Concat", List.of(products, zeros), OnnxGraph.intAttr("axis", 1));
            for (long[] idx : pairs.index()) {
                String term = g.op("Gather", List.of(padded, g.init(idx)), OnnxGraph.intAttr("axis", 1));
                accPattern = rho(g.op("Add", List.of(acc, term)));
                acc = value(accPattern);
            }
        }
        return accPattern != null ? accPattern : rho(acc);
    }

    /** The float64 values of int64 patterns. */
    private String value(String patterns) {
        return g.op("Gather", List.of(valueTable, patterns), OnnxGraph.intAttr("axis", 0));
    }

    /**
     * rho of float64 values {@code v} to the format under HALF_EVEN and the overflow policy: the
     * int64 patterns.
     */
    private String rho(String v) {
        int m = f.mantissaBits();
        int emin = f.emin();
        int kmax = f.emax() + 1 - emin;
        int size = 1 << steps;
        double[] threshold = new double[size]; // 2^(emin + k) for 1 <= k <= kmax, NaN (never >=) beyond
        double[] scale = new double[size]; // 2^(m - emin - k): |v| * scale is |v| in units of the binade's spacing
        for (int k = 0; k < size; k++) {
            threshold[k] = k <= kmax ? Math.scalb(1.0, emin + k) : Double.NaN;
            scale[k] = k <= kmax ? Math.scalb(1.0, m - emin - k) : Double.NaN;
        }
        if (thresholds == null) {
            thresholds = g.init(threshold);
            scales = g.init(scale);
        }
        String a = g.op("Abs", List.of(v));
        // binade index k = E - emin: the largest k <= kmax with |v| >= 2^(emin + k), or 0
        String k = g.constant(0L);
        for (int b = steps - 1; b >= 0; b--) {
            String cand = g.op("Add", List.of(k, g.constant(1L << b)));
            String t = g.op("Gather", List.of(thresholds, cand), OnnxGraph.intAttr("axis", 0));
            k = g.op("Where", List.of(g.op("GreaterOrEqual", List.of(a, t)), cand, k));
        }
        String scaled = g.op("Mul", List.of(a, g.op("Gather", List.of(scales, k), OnnxGraph.intAttr("axis", 0))));
        String neg = g.op("Less", List.of(v, g.constant(0.0)));
        String n = roundMagnitude(scaled, neg);
        String kd = g.op("Cast", List.of(k), OnnxGraph.intAttr("to", OnnxGraph.DOUBLE));
        String mag = g.op("Add", List.of(g.op("Mul", List.of(kd, g.constant((double) (1L << m)))), n));
        double largest = f.maxCode(); // the pattern of Omega
        String toInfinity = overflowCap(v, neg); // N + 1 (the pattern of +inf) where IEEE overflows to inf, else N
        String clamped = g.op("Min", List.of(mag, ar.overflow() == FloatOverflow.INF ? toInfinity
                : g.constant(largest)));
        String negative = g.op("And", List.of(neg, g.op("Greater", List.of(clamped, g.constant(0.0)))));
        String signed = g.op("Where", List.of(negative,
                g.op("Add", List.of(clamped, g.constant((double) (1L << (f.totalBits() - 1))))), clamped));
        String nan = g.op("IsNaN", List.of(v));
        if (ar.overflow() == FloatOverflow.NAN) {
            nan = g.op("Or", List.of(nan, g.op("And", List.of(g.op("Greater", List.of(mag, g.constant(largest))),
                    g.op("Greater", List.of(toInfinity, g.constant(largest)))))));
        }
        String pattern = ar.overflow() == FloatOverflow.SATFINITE ? signed
                : g.op("Where", List.of(nan, g.constant((double) f.bits(f.nanCode())), signed));
        return g.op("Cast", List.of(pattern), OnnxGraph.intAttr("to", OnnxGraph.INT64));
    }

    /**
     * The integer {@code n} the mode rounds the magnitude {@code t >= 0} to, {@code neg} the sign of
     * the value. {@code Round} is half-to-even; {@code t +- 1/2} is exact under HALF_UP/HALF_DOWN and
     * friends because those modes are exported only when {@link #sumsExact} (then {@code t} has at
     * most 42 bits when {@code t >= 1}, and is a multiple of {@code 2^(emin - m)} below 1 otherwise).
     */
    private String roundMagnitude(String t, String neg) {
        switch (ar.rounding()) {
            case HALF_EVEN:
                return g.op("Round", List.of(t));
            case DOWN:
                return g.op("Floor", List.of(t));
            case UP:
                return g.op("Ceil", List.of(t));
            case CEILING:
                return g.op("Where", List.of(neg, g.op("Floor", List.of(t)), g.op("Ceil", List.of(t))));
            case FLOOR:
                return g.op("Where", List.of(neg, g.op("Ceil", List.of(t)), g.op("Floor", List.of(t))));
            case HALF_UP:
                return halfAway(t);
            case HALF_DOWN:
                return halfToZero(t);
            case HALF_CEILING:
                return g.op("Where", List.of(neg, halfToZero(t), halfAway(t)));
            case HALF_FLOOR:
                return g.op("Where", List.of(neg, halfAway(t), halfToZero(t)));
            default:
                throw new IllegalStateException("unknown rounding " + ar.rounding());
        }
    }

    private String halfAway(String t) {
        return g.op("Floor", List.of(g.op("Add", List.of(t, g.constant(0.5)))));
    }

    private String halfToZero(String t) {
        return g.op("Ceil", List.of(g.op("Sub", List.of(t, g.constant(0.5)))));
    }

    /**
     * Per element, {@code N + 1} (the pattern of {@code +inf}, Omega's successor) where IEEE 754 §7.4
     * overflows to infinity (nearest modes, UP, CEILING for positives, FLOOR for negatives), else
     * {@code N}; an infinite {@code v} (an infinite operand under {@code INF}) stays infinite in every
     * mode, as IEEE 754 says.
     */
    private String overflowCap(String v, String neg) {
        double n = f.maxCode();
        String cap;
        switch (ar.rounding()) {
            case DOWN:
                cap = g.constant(n);
                break;
            case CEILING:
                cap = g.op("Where", List.of(neg, g.constant(n), g.constant(n + 1)));
                break;
            case FLOOR:
                cap = g.op("Where", List.of(neg, g.constant(n + 1), g.constant(n)));
                break;
            default:
                return g.constant(n + 1);
        }
        return ar.overflow() == FloatOverflow.INF ? g.op("Where", List.of(g.op("IsInf", List.of(v)), g.constant(n + 1), cap))
                : cap;
    }
}

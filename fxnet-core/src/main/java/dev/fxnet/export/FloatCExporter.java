package dev.fxnet.export;

import dev.fxnet.activation.ActivationRounding;
import dev.fxnet.activation.ActivationTable;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.arith.FloatOverflow;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.math.BigInteger;

/**
 * Writes a network over a floating-point format of at most 16 bits (SPEC §8) as one self-contained
 * C99 file that works on bit patterns only, through tables generated from the network's
 * {@link FloatArithmetic} (so the C computes exactly what fxnet computes, by construction):
 *
 * <ul>
 *   <li>{@code fx_add[a][b]}, {@code fx_mul[a][b]}: the patterns of {@code a (+) b}, {@code a (*) b}
 *       for every pair of patterns that can occur (specials only under {@code INF}/{@code NAN});
 *   <li>{@code fx_tau[a]}: {@code tau} on every pattern (the activation table for finite values,
 *       the limits at infinities, NaN to NaN);
 *   <li>{@code WIDE}: the exact sum as an {@code int64_t} multiple of a power of two (the export
 *       refuses a network whose sum could exceed 2^62), rounded by a binary search in the step
 *       function {@code S -> rho(S)} on the integers, whose steps are computed by the arithmetic at
 *       every integer where a rounding boundary (grid point or midpoint) can change the result.
 * </ul>
 *
 * <p>Above 8 bits (binary16, bfloat16; IEEE specials) {@code (+)} and {@code (*)} are computed
 * exactly on integers ({@link FloatCArithmeticSource}) and a WIDE sum is held in 32-bit chunks of
 * int64 limbs and rounded once ({@link FloatCWideSource}).
 *
 * <pre>
 * int fxnet_eval(const int32_t *x, int32_t *y);
 * </pre>
 *
 * reads {@code FXNET_INPUTS} input bit patterns and writes {@code FXNET_OUTPUTS} output bit patterns
 * (NaN as sign 0 with all other bits 1, zero as 0); it returns 0, or -1 (writing nothing) if an
 * input is not the pattern of a finite value. With {@code -DFXNET_MAIN} the file prints what
 * {@code fxnet eval NET.json --all --csv} prints.
 */
public final class FloatCExporter {
    /** The widest format exported with operation tables; wider ones (up to 16 bits) are computed. */
    public static final int MAX_BITS = 8;

    private final Network net;
    private final FloatArithmetic ar;
    private final FloatFormat f;
    private final int patterns;
    private final StringBuilder c = new StringBuilder();

    private FloatCExporter(Network net) {
        this.net = net;
        this.ar = (FloatArithmetic) net.arithmetic();
        this.f = ar.format();
        this.patterns = 1 << f.totalBits();
    }

    /**
     * The C source of {@code network}, whose arithmetic must be a {@link FloatArithmetic}.
     *
     * @throws ExportException if a format above {@value #MAX_BITS} bits has no IEEE specials, or a
     *     WIDE sum could leave the limbs (fan-in 2^30 and more above 8 bits)
     */
    public static String export(Network network) {
        if (!(network.arithmetic() instanceof FloatArithmetic)) {
            throw new IllegalArgumentException("not a floating-point network: " + network.arithmetic());
        }
        FloatFormat f = ((FloatArithmetic) network.arithmetic()).format();
        FloatCExporter x = new FloatCExporter(network);
        if (network.accumulation() == Accumulation.WIDE && f.totalBits() > MAX_BITS) {
            checkWideFanIn(network, f);
        } else if (network.accumulation() == Accumulation.WIDE) {
            checkWideRange(network, f, true);
        }
        return x.build();
    }

    private String build() {
        int widest = net.inputs();
        for (Layer l : net.layers()) {
            widest = Math.max(widest, l.width());
        }
        emitHeader(widest);
        emitPatternTables();
        boolean computed = f.totalBits() > MAX_BITS;
        if (net.accumulation() == Accumulation.PER_OP && computed) {
            c.append(FloatCArithmeticSource.of(ar));
        } else if (computed) {
            c.append(FloatCArithmeticSource.of(ar, false));
            c.append(FloatCWideSource.of(ar));
        } else if (net.accumulation() == Accumulation.PER_OP) {
            emitOperationTable("fx_add", true);
            emitOperationTable("fx_mul", false);
        } else {
            emitWideRounding();
        }
        if (net.hiddenLayers() > 0) {
            emitTau();
        }
        for (int l = 0; l < net.layers().size(); l++) {
            emitLayerArrays(l, net.layers().get(l));
        }
        if (net.accumulation() == Accumulation.PER_OP) {
            emitPerOpLayer();
        } else {
            if (!computed) {
                emitWideNeuron();
            }
            emitWideLayer();
        }
        emitEval(widest);
        emitMain();
        return c.toString();
    }

    private void emitHeader(int widest) {
        line("/*");
        line(" * fxnet network exported to C99 (SPEC section 8, float format " + f + ": " + f.exponentBits()
                + " exponent bits, " + f.mantissaBits() + " trailing bits, bias " + f.bias() + ", specials "
                + f.specials() + ";");
        line(" * rounding " + ar.rounding() + ", overflow " + ar.overflow() + ", accumulation " + net.accumulation()
                + ", activation " + net.activation().name() + ", " + net.inputs() + " input(s), "
                + net.layers().size() + " layer(s), " + net.outputs() + " output(s)).");
        line(" * Bit-exact: every operation is a table computed by fxnet's exact arithmetic.");
        line(" *");
        line(" * int fxnet_eval(const int32_t *x, int32_t *y);");
        line(" *   x: FXNET_INPUTS bit patterns; y: FXNET_OUTPUTS bit patterns (NaN: sign 0, other bits 1).");
        line(" *   Returns 0, or -1 (y untouched) if an input is not the pattern of a finite value.");
        line(" * Compile with -DFXNET_MAIN for a main that prints the same CSV as");
        line(" * 'fxnet eval NET.json --all --csv' (every finite input in increasing order, x0 slowest).");
        line(" */");
        line("#include <stdint.h>");
        line("");
        line("#define FXNET_INPUTS " + net.inputs());
        line("#define FXNET_OUTPUTS " + net.outputs());
        line("#define FX_PATTERNS " + patterns);
        line("#define FX_FINITE " + (f.maxCode() - f.minCode() + 1));
        line("#define FX_MAXW " + widest);
        line("");
        line("int fxnet_eval(const int32_t *x, int32_t *y);");
        line("");
    }

    /** Whether a code can occur inside the network (specials only when overflow produces them). */
    private boolean reachable(long code) {
        return ar.isFinite(code) || ar.overflow() != FloatOverflow.SATFINITE;
    }

    private long code(int bits) {
        return f.codeOfBits(bits);
    }

    /** {@code fx_finite} (1 for a finite pattern) and {@code fx_order} (finite patterns by increasing value). */
    private void emitPatternTables() {
        int[] finite = new int[patterns];
        for (int b = 0; b < patterns; b++) {
            finite[b] = ar.isFinite(code(b)) ? 1 : 0;
        }
        line("/* 1 where the pattern is a finite value (-0 included) */");
        array(patternType(), "fx_finite", finite);
        line("");
    }

    private void emitOperationTable(String name, boolean add) {
        int[] t = new int[patterns * patterns];
        for (int a = 0; a < patterns; a++) {
            for (int b = 0; b < patterns; b++) {
                long ca = code(a);
                long cb = code(b);
                if (reachable(ca) && reachable(cb)) {
                    t[a * patterns + b] = f.bits(add ? ar.add(ca, cb) : ar.multiply(ca, cb));
                }
            }
        }
        line("/* " + name + "_table[a * FX_PATTERNS + b]: the pattern of a " + (add ? "(+)" : "(*)")
                + " b, computed by fxnet (0 where an operand cannot occur) */");
        array("uint8_t", name + "_table", t);
        line("");
        line("static int32_t " + name + "(int32_t a, int32_t b)");
        line("{");
        line("    return " + name + "_table[a * FX_PATTERNS + b];");
        line("}");
        line("");
    }

    private void emitTau() {
        ActivationTable table = ActivationTable.of(net.activation(), ar);
        ActivationRounding rule = ar;
        int[] t = new int[patterns];
        for (int b = 0; b < patterns; b++) {
            long z = code(b);
            if (ar.isFinite(z)) {
                t[b] = f.bits(table.tau(z));
            } else if (reachable(z)) {
                t[b] = f.bits(rule.tau(net.activation(), z));
            }
        }
        line("/* tau on every pattern: activation " + net.activation().name() + ", correctly rounded by fxnet */");
        array(patternType(), "fx_tau", t);
        line("");
    }

    // ------------------------------------------------------------------------------------------
    // WIDE: exact integer sums in units of 2^unitExp, rounded through a step table

    /**
     * Refuses a WIDE network whose exact sum the export cannot hold: with {@code twoLimbs} (the C
     * export) every product and the bias must fit 64 unsigned bits and the fan-in stay below 2^30;
     * otherwise (ONNX) the whole sum must stay below 2^62.
     */
    static void checkWideRange(Network net, FloatFormat f, boolean twoLimbs) {
        int s = f.emin() - f.mantissaBits();
        BigInteger m = WideTables.scaled(f.value(f.maxCode()), s); // the largest |value| in units of 2^s
        int fanIn = 0;
        for (Layer l : net.layers()) {
            for (int j = 0; j < l.width(); j++) {
                fanIn = Math.max(fanIn, l.neuron(j).fanIn());
            }
        }
        BigInteger prod = m.multiply(m).shiftLeft(Math.max(s, 0));
        BigInteger bias = m.shiftLeft(Math.max(-s, 0));
        BigInteger bound = prod.multiply(BigInteger.valueOf(fanIn)).add(bias);
        boolean fits = twoLimbs ? prod.bitLength() <= 64 && bias.bitLength() <= 62 && fanIn < (1 << 30)
                : bound.bitLength() <= 62;
        if (!fits) {
            throw new ExportException("a WIDE sum in " + f + " with fan-in " + fanIn + " can reach 2^"
                    + bound.bitLength() + " units of 2^" + Math.min(s, 2 * s) + ", beyond the "
                    + (twoLimbs ? "C export's two 64-bit limbs" : "ONNX export's int64 accumulator")
                    + "; PER_OP networks of this format export");
        }
    }

    /** A computed WIDE sum (above 8 bits) keeps its limbs below 2^62 for a fan-in below 2^30. */
    private static void checkWideFanIn(Network net, FloatFormat f) {
        for (Layer l : net.layers()) {
            for (int j = 0; j < l.width(); j++) {
                if (l.neuron(j).fanIn() >= FloatCWideSource.MAX_FAN_IN) {
                    throw new ExportException("a WIDE sum in " + f + " with fan-in " + l.neuron(j).fanIn()
                            + " is beyond the C export's limbs (fan-in below 2^30); PER_OP networks export");
                }
            }
        }
    }

    /** {@code fx_val}: finite values in units of 2^s; {@code fx_kind}; and the step table of rho. */
    private void emitWideRounding() {
        int s = f.emin() - f.mantissaBits();
        WideTables w = WideTables.of(ar);
        int u = w.unitExp();
        long[] val = new long[patterns];
        int[] kind = new int[patterns];
        for (int b = 0; b < patterns; b++) {
            long z = code(b);
            if (ar.isFinite(z)) {
                val[b] = WideTables.scaled(f.value(z), s).longValueExact();
            } else if (z == f.nanCode()) {
                kind[b] = 3;
            } else {
                kind[b] = z > 0 ? 1 : 2;
            }
        }
        line("/* finite values in units of 2^" + s + " (the smallest spacing) */");
        longArray("fx_val", val);
        line("/* 0 finite, 1 +inf, 2 -inf, 3 NaN */");
        array("uint8_t", "fx_kind", kind);
        long[] at = w.stepAt();
        int[] res = new int[at.length];
        long[] atHi = new long[at.length];
        long[] atLo = new long[at.length];
        for (int i = 0; i < at.length; i++) {
            res[i] = (int) w.stepResult()[i + 1];
            atHi[i] = Math.floorDiv(at[i], 1L << 32);
            atLo[i] = Math.floorMod(at[i], 1L << 32);
        }
        line("/* rho on the exact sum S (in units of 2^" + u + "): the pattern fx_step_res[i] for the last i with");
        line(" * T[i] <= S, fx_step_below below T[0]; T[i] = fx_step_hi[i] * 2^32 + fx_step_lo[i], 0 <= lo < 2^32;");
        line(" * computed by fxnet at every integer where rho can change */");
        line("#define FX_STEPS " + at.length);
        line("#define FX_SCALE_PROD UINT64_C(" + (1L << Math.max(s, 0)) + ") /* product units -> sum units */");
        line("#define FX_SCALE_BIAS UINT64_C(" + (1L << Math.max(-s, 0)) + ") /* value units -> sum units */");
        line("static const int fx_step_below = " + w.stepResult()[0] + ";");
        longArray("fx_step_hi", atHi);
        longArray("fx_step_lo", atLo);
        array("uint8_t", "fx_step_res", res);
        line("");
        line("/* T[i] <= S for S = shi * 2^32 + slo, 0 <= slo < 2^32 */");
        line("static int fx_step_le(int32_t i, int64_t shi, int64_t slo)");
        line("{");
        line("    return fx_step_hi[i] < shi || (fx_step_hi[i] == shi && fx_step_lo[i] <= slo);");
        line("}");
        line("");
        line("static int32_t fx_round(int64_t shi, int64_t slo)");
        line("{");
        line("    int32_t lo = 0;");
        line("    int32_t hi = FX_STEPS - 1;");
        line("    if (!fx_step_le(0, shi, slo)) {");
        line("        return fx_step_below;");
        line("    }");
        line("    while (lo < hi) { /* invariant: T[lo] <= S, and S's step is in lo..hi */");
        line("        int32_t mid = lo + (hi - lo + 1) / 2;");
        line("        if (fx_step_le(mid, shi, slo)) {");
        line("            lo = mid;");
        line("        } else {");
        line("            hi = mid - 1;");
        line("        }");
        line("    }");
        line("    return fx_step_res[lo];");
        line("}");
        line("");
    }

    // ------------------------------------------------------------------------------------------

    private void emitPerOpLayer() {
        boolean hidden = net.hiddenLayers() > 0;
        line("static void fx_layer(int width, const int32_t *start, const int32_t *src, const int32_t *w,");
        line("                     const int32_t *bias, const int32_t *in, int32_t *out" + (hidden ? ", int hidden" : "")
                + ")");
        line("{");
        line("    int j, k;");
        line("    for (j = 0; j < width; j++) {");
        line("        int32_t acc = bias[j];");
        line("        for (k = start[j]; k < start[j + 1]; k++) {");
        line("            /* acc (+) (w (*) y): fxnet's tables, or the exact integer computation above 8 bits */");
        line("            acc = fx_add(acc, fx_mul(w[k], in[src[k]]));");
        line("        }");
        line(hidden ? "        out[j] = hidden ? fx_tau[acc] : acc;" : "        out[j] = acc;");
        line("    }");
        line("}");
        line("");
    }

    /** {@code fx_neuron} of formats up to 8 bits: the two-limb sum and the step table of rho. */
    private void emitWideNeuron() {
        line("#define FX_TWO32 INT64_C(4294967296)");
        line("");
        line("static uint64_t fx_mag(int64_t v)");
        line("{");
        line("    return (uint64_t) (v < 0 ? -v : v); /* |v| < 2^62 */");
        line("}");
        line("");
        line("/* S += (negative ? -mag : mag), S = *hi * 2^32 + *lo */");
        line("static void fx_term(int64_t *hi, int64_t *lo, int negative, uint64_t mag)");
        line("{");
        line("    int64_t h = (int64_t) (mag >> 32);");
        line("    int64_t l = (int64_t) (mag & UINT64_C(0xFFFFFFFF));");
        line("    if (negative) {");
        line("        *hi -= h;");
        line("        *lo -= l;");
        line("    } else {");
        line("        *hi += h;");
        line("        *lo += l;");
        line("    }");
        line("}");
        line("");
        line("/* one neuron: IEEE rules when an input is special, else the exact sum rounded once */");
        line("static int32_t fx_neuron(int32_t bias, const int32_t *src, const int32_t *w, int from, int to,");
        line("                         const int32_t *in)");
        line("{");
        line("    /* the exact sum S = hi * 2^32 + lo: each term's magnitude (< 2^64, checked at export) is split");
        line("     * into its high and low 32 bits, so both limbs stay below 2^62 for a fan-in below 2^30 */");
        line("    int64_t hi = 0, lo = 0, carry;");
        line("    int k, pinf = 0, ninf = 0, undefined = 0;");
        line("    fx_term(&hi, &lo, fx_val[bias] < 0, fx_mag(fx_val[bias]) * FX_SCALE_BIAS);");
        line("    for (k = from; k < to; k++) {");
        line("        int32_t y = in[src[k]];");
        line("        if (fx_kind[y] == 0) {");
        line("            fx_term(&hi, &lo, (fx_val[w[k]] < 0) != (fx_val[y] < 0),");
        line("                    fx_mag(fx_val[w[k]]) * fx_mag(fx_val[y]) * FX_SCALE_PROD);");
        line("        } else if (fx_kind[y] == 3 || fx_val[w[k]] == 0) {");
        line("            undefined = 1;");
        line("        } else if ((fx_kind[y] == 1) == (fx_val[w[k]] > 0)) {");
        line("            pinf = 1;");
        line("        } else {");
        line("            ninf = 1;");
        line("        }");
        line("    }");
        line("    if (undefined || (pinf && ninf)) {");
        line("        return " + (f.hasNaN() ? f.bits(f.nanCode()) : 0) + ";");
        line("    }");
        line("    if (pinf || ninf) {");
        line("        return pinf ? " + (f.hasInfinity() ? f.bits(f.positiveInfinityCode()) : 0) + " : "
                + (f.hasInfinity() ? f.bits(f.negativeInfinityCode()) : 0) + ";");
        line("    }");
        line("    carry = lo >= 0 ? lo / FX_TWO32 : -((-lo + FX_TWO32 - 1) / FX_TWO32); /* floor(lo / 2^32) */");
        line("    return fx_round(hi + carry, lo - carry * FX_TWO32);");
        line("}");
        line("");
    }

    private void emitWideLayer() {
        boolean hidden = net.hiddenLayers() > 0;
        line("static void fx_layer(int width, const int32_t *start, const int32_t *src, const int32_t *w,");
        line("                     const int32_t *bias, const int32_t *in, int32_t *out" + (hidden ? ", int hidden" : "")
                + ")");
        line("{");
        line("    int j;");
        line("    for (j = 0; j < width; j++) {");
        line("        int32_t acc = fx_neuron(bias[j], src, w, start[j], start[j + 1], in);");
        line(hidden ? "        out[j] = hidden ? fx_tau[acc] : acc;" : "        out[j] = acc;");
        line("    }");
        line("}");
        line("");
    }

    private void emitLayerArrays(int l, Layer layer) {
        int width = layer.width();
        int total = (int) layer.weightCount();
        int[] start = new int[width + 1];
        int[] src = new int[Math.max(1, total)];
        int[] w = new int[Math.max(1, total)];
        int[] bias = new int[width];
        int k = 0;
        for (int j = 0; j < width; j++) {
            Neuron n = layer.neuron(j);
            start[j] = k;
            bias[j] = f.bits(n.bias());
            for (int i = 0; i < n.fanIn(); i++, k++) {
                src[k] = n.source(i);
                w[k] = f.bits(n.weight(i));
            }
        }
        start[width] = k;
        line("/* layer " + l + ": " + width + " neuron(s); bit patterns; neuron j lists pairs start[j] .. start[j+1]-1 */");
        array("int32_t", "fx_bias_" + l, bias);
        array("int32_t", "fx_start_" + l, start);
        array("int32_t", "fx_src_" + l, src);
        array("int32_t", "fx_w_" + l, w);
        line("");
    }

    private void emitEval(int widest) {
        boolean hidden = net.hiddenLayers() > 0;
        line("int fxnet_eval(const int32_t *x, int32_t *y)");
        line("{");
        line("    int32_t a[FX_MAXW];");
        line("    int32_t b[FX_MAXW];");
        line("    int i;");
        line("    for (i = 0; i < FXNET_INPUTS; i++) {");
        line("        if (x[i] < 0 || x[i] >= FX_PATTERNS || !fx_finite[x[i]]) {");
        line("            return -1;");
        line("        }");
        line("        a[i] = x[i];");
        line("    }");
        String in = "a";
        String out = "b";
        int last = net.layers().size() - 1;
        for (int l = 0; l <= last; l++) {
            line("    fx_layer(" + net.layers().get(l).width() + ", fx_start_" + l + ", fx_src_" + l + ", fx_w_" + l
                    + ", fx_bias_" + l + ", " + in + ", " + out + (hidden ? ", " + (l < last ? 1 : 0) : "") + ");");
            String t = in;
            in = out;
            out = t;
        }
        line("    for (i = 0; i < FXNET_OUTPUTS; i++) {");
        line("        y[i] = " + in + "[i];");
        line("    }");
        line("    return 0;");
        line("}");
        line("");
    }

    private void emitMain() {
        StringBuilder header = new StringBuilder();
        int d = net.inputs();
        int o = net.outputs();
        for (int i = 0; i < d; i++) {
            header.append('x').append(i).append("_code,");
        }
        for (int i = 0; i < o; i++) {
            header.append(o == 1 ? "y" : "y" + i).append("_code").append(i + 1 < o ? "," : "");
        }
        line("#ifdef FXNET_MAIN");
        line("#include <stdio.h>");
        line("");
        int[] order = new int[(int) (f.maxCode() - f.minCode() + 1)];
        for (long k = f.minCode(); k <= f.maxCode(); k++) {
            order[(int) (k - f.minCode())] = f.bits(k);
        }
        line("/* the finite values' patterns in increasing order of value (the inputs of --all) */");
        array(patternType(), "fx_order", order);
        line("");
        line("/* every finite input in increasing order (x0 slowest) and the outputs, as 'fxnet eval --all --csv' */");
        line("int main(void)");
        line("{");
        line("    int32_t x[FXNET_INPUTS];");
        line("    int32_t y[FXNET_OUTPUTS];");
        line("    int idx[FXNET_INPUTS];");
        line("    int i;");
        line("    for (i = 0; i < FXNET_INPUTS; i++) {");
        line("        idx[i] = 0;");
        line("    }");
        line("    fputs(\"" + header + "\\n\", stdout);");
        line("    for (;;) {");
        line("        for (i = 0; i < FXNET_INPUTS; i++) {");
        line("            x[i] = fx_order[idx[i]];");
        line("        }");
        line("        if (fxnet_eval(x, y) != 0) {");
        line("            return 1;");
        line("        }");
        line("        for (i = 0; i < FXNET_INPUTS; i++) {");
        line("            printf(\"%ld,\", (long) x[i]);");
        line("        }");
        line("        for (i = 0; i < FXNET_OUTPUTS; i++) {");
        line("            printf(i + 1 < FXNET_OUTPUTS ? \"%ld,\" : \"%ld\\n\", (long) y[i]);");
        line("        }");
        line("        i = FXNET_INPUTS - 1;");
        line("        while (i >= 0 && idx[i] == FX_FINITE - 1) {");
        line("            idx[i] = 0;");
        line("            i--;");
        line("        }");
        line("        if (i < 0) {");
        line("            break;");
        line("        }");
        line("        idx[i]++;");
        line("    }");
        line("    return ferror(stdout) ? 1 : 0;");
        line("}");
        line("#endif");
    }

    /** The C type of a pattern table's entries. */
    private String patternType() {
        return patterns > 256 ? "uint16_t" : "uint8_t";
    }

    private static String lit(long v) {
        return "INT64_C(" + v + ")";
    }

    private void array(String type, String name, int[] values) {
        c.append("static const ").append(type).append(' ').append(name).append('[').append(values.length)
                .append("] = {");
        for (int i = 0; i < values.length; i++) {
            if (i % 16 == 0) {
                c.append("\n    ");
            }
            c.append(values[i]).append(i + 1 < values.length ? ", " : "\n");
        }
        line("};");
    }

    private void longArray(String name, long[] values) {
        c.append("static const int64_t ").append(name).append('[').append(values.length).append("] = {");
        for (int i = 0; i < values.length; i++) {
            if (i % 8 == 0) {
                c.append("\n    ");
            }
            c.append(lit(values[i])).append(i + 1 < values.length ? ", " : "\n");
        }
        line("};");
    }

    private void line(String s) {
        c.append(s).append('\n');
    }
}

package dev.fxnet.export;

import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;

/**
 * Writes a network as one self-contained C99 file that computes SPEC §4 bit for bit with
 * {@code int64_t} arithmetic on codes (docs/EXPORT.md):
 *
 * <pre>
 * int fxnet_eval(const int32_t *x, int32_t *y);
 * int fxnet_eval_all(int32_t *y);
 * </pre>
 *
 * {@code fxnet_eval} reads {@code FXNET_INPUTS} input codes and writes {@code FXNET_OUTPUTS} output
 * codes; it returns 0, or -1 (writing nothing) if an input code is outside
 * {@code FXNET_MIN_CODE..FXNET_MAX_CODE}. {@code fxnet_eval_all} writes the outputs of every point of
 * {@code F^d} ({@link CGridWalk}; emitted when {@code |F|^d < 2^62}). Both skip terms whose source is
 * 0 (exact, SPEC §4) and read each hidden twin's value from its first copy ({@link CLayer}).
 * Compiled with {@code -DFXNET_MAIN} the file has a {@code main} that prints exactly what
 * {@code fxnet eval NET.json --all --csv} prints (from {@code fxnet_eval_all} when all outputs take
 * at most {@value #MAIN_ALL_LIMIT} codes, else point by point). The code avoids everything C99 leaves to the
 * implementation: no right shift or left shift of negative numbers, and {@code /} and {@code %}
 * (which C99 defines to truncate toward zero) only where the floor is recovered explicitly.
 */
public final class CExporter {
    /** Above this widest layer the two work arrays are static (not thread-safe) instead of on the stack. */
    static final int STACK_WIDTH_LIMIT = 4096;
    /** The most output codes (points x outputs) the {@code main} holds to print them from {@code fxnet_eval_all}. */
    static final long MAIN_ALL_LIMIT = 1L << 26;

    private final Network net;
    private final FixedPointArithmetic ar;
    private final FixedPointFormat f;
    private final int q;
    private final StringBuilder c = new StringBuilder();
    private final java.util.List<CLayer> layers;
    /** |F|^d if below 2^62 (then fxnet_eval_all is emitted), else -1. */
    private final long points;

    private CExporter(Network net) {
        this.net = net;
        this.layers = CLayer.of(net);
        java.math.BigInteger n = java.math.BigInteger.valueOf(net.format().size()).pow(net.inputs());
        this.points = n.bitLength() < 62 ? n.longValue() : -1;
        this.ar = net.fixedPoint();
        this.f = ar.format();
        this.q = f.fracBits();
    }

    /**
     * The C source of {@code network}.
     *
     * @throws ExportException if the network exceeds {@link ExportLimits} (or, for a float format, the
     *     limits of {@link FloatCExporter})
     */
    public static String export(Network network) {
        if (!network.isFixedPoint()) {
            return FloatCExporter.export(network); // SPEC §8: tables over bit patterns
        }
        ExportLimits.checkValues(network); // no limit on fan-in: C loops over int32 offsets
        return new CExporter(network).build();
    }

    /** An int64 constant expression. */
    private static String lit(long v) {
        return "INT64_C(" + v + ")";
    }

    private String build() {
        int widest = net.inputs();
        for (CLayer l : layers) {
            widest = Math.max(widest, l.width());
        }
        emitHeader(widest);
        emitRound();
        emitOverflow();
        if (net.hiddenLayers() > 0) {
            emitTau();
        }
        for (int l = 0; l < layers.size(); l++) {
            emitLayerArrays(l, layers.get(l), l == 0 ? net.inputs() : layers.get(l - 1).width());
        }
        emitLayerTable();
        emitNeuron();
        emitEval(widest);
        if (points > 0) {
            CGridWalk walk = new CGridWalk(layers, net.inputs(), c);
            walk.emitState();
            walk.emitFunctions();
        }
        emitMain(net.inputs(), net.outputs());
        return c.toString();
    }

    /** The leading comment (what the file computes and how to call it), the includes and the defines. */
    private void emitHeader(int widest) {
        int d = net.inputs();
        int o = net.outputs();
        line("/*");
        line(" * fxnet network exported to C99 (SPEC sections 2-4, bit-exact on integer codes).");
        line(" * format " + f + " (value = code * 2^-" + q + "), rounding " + ar.rounding() + ", overflow "
                + ar.overflow() + ",");
        line(" * accumulation " + net.accumulation() + ", activation " + net.activation().name() + ", "
                + d + " input(s), " + net.layers().size() + " layer(s), " + o + " output(s).");
        line(" *");
        line(" * int fxnet_eval(const int32_t *x, int32_t *y);");
        line(" *   x: FXNET_INPUTS input codes; y: FXNET_OUTPUTS output codes.");
        line(" *   Returns 0, or -1 (y untouched) if an input code is outside FXNET_MIN_CODE..FXNET_MAX_CODE.");
        line(" *   " + (widest <= STACK_WIDTH_LIMIT ? "Reentrant (stack only)."
                : "Uses static work arrays (the widest layer is " + widest + "): not reentrant."));
        if (points > 0) {
            line(" * int fxnet_eval_range(int64_t from, int64_t to, int32_t *y);");
            line(" *   y: (to - from) * FXNET_OUTPUTS codes, the outputs of points from .. to-1 of F^d (x0 slowest).");
            line(" *   Walks the grid recomputing only what changed between neighbouring points. Returns 0,");
            line(" *   -1 unless 0 <= from <= to <= FXNET_POINTS, -2 if its work arrays cannot be allocated.");
            line(" * int fxnet_eval_all(int32_t *y);");
            line(" *   fxnet_eval_range(0, FXNET_POINTS, y), in chunks on all cores when compiled with -fopenmp.");
            line(" *   Both are reentrant (each walk allocates its own state).");
        }
        line(" * Terms whose source is 0 are skipped (exact: they add nothing, SPEC section 4), and a hidden");
        line(" * neuron equal to an earlier one of its layer is read from that one.");
        line(" * Compile with -DFXNET_MAIN for a main that prints the same CSV as");
        line(" * 'fxnet eval NET.json --all --csv' (every point of F^d, x0 slowest).");
        line(" */");
        line("#include <stddef.h>");
        line("#include <stdint.h>");
        line("#include <stdlib.h>");
        line("#ifdef _OPENMP");
        line("#include <omp.h>");
        line("#endif");
        line("");
        line("#define FXNET_INPUTS " + d);
        line("#define FXNET_OUTPUTS " + o);
        line("#define FXNET_FRAC_BITS " + q);
        line("#define FXNET_MIN_CODE " + lit(f.minCode()));
        line("#define FXNET_MAX_CODE " + lit(f.maxCode()));
        line("#define FX_MAXW " + widest);
        line("#define FX_LAYERS " + layers.size());
        if (points > 0) {
            line("#define FXNET_POINTS " + lit(points));
            line("#define FX_SIZE " + lit(f.size()));
            if (points * net.outputs() <= MAIN_ALL_LIMIT) {
                line("#define FXNET_ALL_IN_MEMORY 1");
            }
        }
        line("");
        line("int fxnet_eval(const int32_t *x, int32_t *y);");
        if (points > 0) {
            line("int fxnet_eval_range(int64_t from, int64_t to, int32_t *y);");
            line("int fxnet_eval_all(int32_t *y);");
        }
        line("");
    }

    /** {@code fx_layers}: per layer its arrays (terms, readers of each source, bitset offsets) and kind. */
    private void emitLayerTable() {
        line("typedef struct {");
        line("    int32_t width;");
        line("    const int32_t *bias;");
        line("    const int32_t *start;    /* neuron j's terms: start[j] .. start[j+1]-1, in accumulation order */");
        line("    const int32_t *src;");
        line("    const int32_t *w;");
        line("    const int32_t *fo_start; /* readers of source s: fo_start[s] .. fo_start[s+1]-1 */");
        line("    const int32_t *fo_j;     /* the reading neuron */");
        line("    const int32_t *fo_k;     /* the term's position in that neuron */");
        line("    const int32_t *nzoff;    /* first word of neuron j's nonzero bitset, or -1 */");
        line("    int hidden;");
        line("    int dense;               /* the walk recomputes it in full when a source changed */");
        line("    int32_t words;           /* 64-bit words of its nonzero bitsets */");
        line("} fx_layer_t;");
        line("");
        line("static const fx_layer_t fx_layers[FX_LAYERS] = {");
        for (int l = 0; l < layers.size(); l++) {
            line("    {" + layers.get(l).width() + ", fx_bias_" + l + ", fx_start_" + l + ", fx_src_" + l + ", fx_w_" + l
                    + ", fx_fo_start_" + l + ", fx_fo_j_" + l + ", fx_fo_k_" + l + ", fx_nzoff_" + l + ", "
                    + (l < layers.size() - 1 ? 1 : 0) + ", " + (CGridWalk.isDense(layers.get(l), l == 0 ? net.inputs()
                    : layers.get(l - 1).width()) ? 1 : 0) + ", " + CGridWalk.bitsetOffsets(layers.get(l), l == 0
                    ? net.inputs() : layers.get(l - 1).width())[layers.get(l).width()] + "}"
                    + (l < layers.size() - 1 ? "," : ""));
        }
        line("};");
        line("");
        // the index of the lowest set bit of b, by de Bruijn multiplication (portable C99)
        long m = 0x03f79d71b4cb0a89L;
        int[] debruijn = new int[64];
        for (int i = 0; i < 64; i++) {
            debruijn[(int) (((1L << i) * m) >>> 58)] = i;
        }
        c.append("static const int32_t fx_debruijn[64] = {");
        ints(debruijn);
        line("};");
        line("");
        line("/* the index of the lowest set bit of b != 0 */");
        line("static int32_t fx_lowbit(uint64_t b)");
        line("{");
        line("    return fx_debruijn[((b & (~b + 1)) * UINT64_C(0x03f79d71b4cb0a89)) >> 58];");
        line("}");
        line("");
    }

    /**
     * {@code fx_neuron}: one neuron from the previous layer's codes, skipping terms whose source is 0;
     * with a bitset ({@code nz}), over the terms it lists as nonzero only, in list order.
     */
    private void emitNeuron() {
        boolean perOp = net.accumulation() == Accumulation.PER_OP;
        String term = perOp ? "acc = fx_overflow(acc + fx_overflow(fx_round((int64_t) ly->w[%s] * %s)));"
                : "acc += (int64_t) ly->w[%s] * %s;";
        line("/* neuron j of layer ly on the previous layer's codes in; a term whose source is 0 adds nothing:");
        line(perOp ? " * PER_OP acc (+) (w (*) 0) = acc, as acc is a code */"
                : " * the WIDE sum gains 0; |sum| <= 2^63 - 2^33 (export limit) keeps it exact */");
        line("static int64_t fx_neuron(const fx_layer_t *ly, const int64_t *in, const uint64_t *nz, int32_t j)");
        line("{");
        line("    int32_t k = ly->start[j];");
        line("    int32_t end = ly->start[j + 1];");
        line(perOp ? "    int64_t acc = ly->bias[j];" : "    int64_t acc = (int64_t) ly->bias[j] * " + lit(1L << q) + ";");
        line("    if (nz != NULL && ly->nzoff[j] >= 0) {");
        line("        const uint64_t *bits = nz + ly->nzoff[j];");
        line("        for (; k < end; k += 64, bits++) {");
        line("            uint64_t b = *bits;");
        line("            while (b != 0) {");
        line("                int32_t t = k + fx_lowbit(b);");
        line("                b &= b - 1;");
        line("                " + String.format(term, "t", "in[ly->src[t]]"));
        line("            }");
        line("        }");
        line("    } else {");
        line("        for (; k < end; k++) {");
        line("            int64_t v = in[ly->src[k]];");
        line("            if (v != 0) {");
        line("                " + String.format(term, "k", "v"));
        line("            }");
        line("        }");
        line("    }");
        if (!perOp) {
            line("    acc = fx_overflow(fx_round(acc));");
        }
        line(net.hiddenLayers() > 0 ? "    return ly->hidden ? fx_tau(acc) : acc;" : "    return acc;");
        line("}");
        line("");
    }

    /** {@code fxnet_eval}: checks the input codes, then calls {@code fx_layer} once per layer, alternating two arrays. */
    private void emitEval(int widest) {
        boolean hidden = net.hiddenLayers() > 0;
        line("int fxnet_eval(const int32_t *x, int32_t *y)");
        line("{");
        String storage = widest <= STACK_WIDTH_LIMIT ? "" : "static ";
        line("    " + storage + "int64_t a[FX_MAXW];");
        line("    " + storage + "int64_t b[FX_MAXW];");
        line("    int i;");
        line("    int32_t j;");
        line("    for (i = 0; i < FXNET_INPUTS; i++) {");
        line("        if (x[i] < FXNET_MIN_CODE || x[i] > FXNET_MAX_CODE) {");
        line("            return -1;");
        line("        }");
        line("    }");
        line("    for (i = 0; i < FXNET_INPUTS; i++) {");
        line("        a[i] = x[i];");
        line("    }");
        String in = "a";
        String out = "b";
        for (int l = 0; l < layers.size(); l++) {
            line("    for (j = 0; j < " + layers.get(l).width() + "; j++) {");
            line("        " + out + "[j] = fx_neuron(&fx_layers[" + l + "], " + in + ", NULL, j);");
            line("    }");
            String t = in;
            in = out;
            out = t;
        }
        line("    for (i = 0; i < FXNET_OUTPUTS; i++) {");
        line("        y[i] = (int32_t) " + in + "[i];");
        line("    }");
        line("    return 0;");
        line("}");
        line("");
    }

    private void emitRound() {
        long dd = 1L << q;
        long h = dd >> 1;
        line("/* round(n / 2^" + q + ") to an integer in mode " + ar.rounding() + ": floor((n + c) / 2^q) */");
        line("static int64_t fx_round(int64_t n)");
        line("{");
        if (q == 0) {
            line("    return n;");
            line("}");
            line("");
            return;
        }
        boolean even = ar.rounding() == dev.fxnet.arith.Rounding.HALF_EVEN;
        line(even ? "    int64_t m2, t, r;" : "    int64_t t, r;"); // declarations first: also valid C90 style
        // a multiple of 2^q (C's % is 0 exactly then, whatever the sign) is its own rounding in every
        // mode, and / is exact on it: the common case of weights that are integers (binary networks)
        line("    if (n % " + lit(dd) + " == 0) { /* exact in every mode */");
        line("        return n / " + lit(dd) + ";");
        line("    }");
        String offset;
        switch (ar.rounding()) {
            case FLOOR:
                offset = lit(0);
                break;
            case CEILING:
                offset = lit(dd - 1);
                break;
            case HALF_CEILING:
                offset = lit(h);
                break;
            case HALF_FLOOR:
                offset = lit(h - 1);
                break;
            case DOWN:
                offset = "(n < 0 ? " + lit(dd - 1) + " : " + lit(0) + ")";
                break;
            case UP:
                offset = "(n < 0 ? " + lit(0) + " : " + lit(dd - 1) + ")";
                break;
            case HALF_UP:
                offset = "(n < 0 ? " + lit(h - 1) + " : " + lit(h) + ")";
                break;
            case HALF_DOWN:
                offset = "(n < 0 ? " + lit(h) + " : " + lit(h - 1) + ")";
                break;
            case HALF_EVEN:
                line("    m2 = n % " + lit(2 * dd) + "; /* floor mod 2^(q+1): bit q is the parity of floor */");
                line("    if (m2 < 0) {");
                line("        m2 += " + lit(2 * dd) + ";");
                line("    }");
                offset = "(" + lit(h - 1) + " + (m2 >= " + lit(dd) + " ? 1 : 0))";
                break;
            default:
                throw new AssertionError(ar.rounding());
        }
        line("    t = n + " + offset + ";");
        line("    r = t % " + lit(dd) + ";");
        line("    if (r < 0) {");
        line("        r += " + lit(dd) + ";");
        line("    }");
        line("    return (t - r) / " + lit(dd) + "; /* exact division */");
        line("}");
        line("");
    }

    private void emitOverflow() {
        line("/* map an integer into the code range: " + ar.overflow() + " */");
        line("static int64_t fx_overflow(int64_t v)");
        line("{");
        if (ar.overflow() == Overflow.SATURATE) {
            line("    return v < FXNET_MIN_CODE ? FXNET_MIN_CODE : (v > FXNET_MAX_CODE ? FXNET_MAX_CODE : v);");
        } else {
            long mod = 1L << f.totalBits();
            line("    int64_t r = (v - FXNET_MIN_CODE) % " + lit(mod) + ";"); // first statement of the block
            line("    if (r < 0) {");
            line("        r += " + lit(mod) + ";");
            line("    }");
            line("    return r + FXNET_MIN_CODE;");
        }
        line("}");
        line("");
    }

    private void emitTau() {
        switch (ExportLimits.kind(net)) {
            case IDENTITY:
                line("/* activation identity: tau(k) = k on codes */");
                line("static int64_t fx_tau(int64_t k)");
                line("{");
                line("    return k;");
                line("}");
                break;
            case RELU:
                line("/* activation relu: tau(k) = max(0, k) on codes */");
                line("static int64_t fx_tau(int64_t k)");
                line("{");
                line("    return k < 0 ? 0 : k;");
                line("}");
                break;
            default:
                int[] table = ExportLimits.table(net);
                int[][] runs = runs(table);
                if (runs == null) {
                    line("/* activation " + net.activation().name() + ": tau(code) = fx_tau_table[code - FXNET_MIN_CODE],"
                            + " correctly rounded by fxnet */");
                    c.append("static const int32_t fx_tau_table[").append(table.length).append("] = {");
                    ints(table);
                    line("};");
                    line("");
                    line("static int64_t fx_tau(int64_t k)");
                    line("{");
                    line("    return fx_tau_table[k - FXNET_MIN_CODE];");
                    line("}");
                } else {
                    int n = runs[0].length;
                    line("/* activation " + net.activation().name() + ", correctly rounded by fxnet, as " + n
                            + " runs of equal values:");
                    line(" * tau(code) = fx_tau_value[r] for the last run r with fx_tau_start[r] <= code - FXNET_MIN_CODE */");
                    c.append("static const int32_t fx_tau_start[").append(n).append("] = {");
                    ints(runs[0]);
                    line("};");
                    c.append("static const int32_t fx_tau_value[").append(n).append("] = {");
                    ints(runs[1]);
                    line("};");
                    line("");
                    line("static int64_t fx_tau(int64_t k)");
                    line("{");
                    line("    int64_t i = k - FXNET_MIN_CODE;");
                    line("    int32_t lo = 0;");
                    line("    int32_t hi = " + (n - 1) + ";");
                    line("    while (lo < hi) { /* invariant: fx_tau_start[lo] <= i, and i's run is in lo..hi */");
                    line("        int32_t mid = lo + (hi - lo + 1) / 2;");
                    line("        if (fx_tau_start[mid] <= i) {");
                    line("            lo = mid;");
                    line("        } else {");
                    line("            hi = mid - 1;");
                    line("        }");
                    line("    }");
                    line("    return fx_tau_value[lo];");
                    line("}");
                }
                break;
        }
        line("");
    }

    /**
     * The table as runs of equal values, {@code {starts, values}}, if that takes at most a quarter of
     * the table's entries (saturating activations: sigmoid, tanh, step, ...); otherwise null.
     */
    static int[][] runs(int[] table) {
        int n = 1;
        for (int i = 1; i < table.length; i++) {
            if (table[i] != table[i - 1]) {
                n++;
            }
        }
        if (4L * n > table.length) {
            return null;
        }
        int[] start = new int[n];
        int[] value = new int[n];
        int r = 0;
        value[0] = table[0];
        for (int i = 1; i < table.length; i++) {
            if (table[i] != table[i - 1]) {
                r++;
                start[r] = i;
                value[r] = table[i];
            }
        }
        return new int[][] {start, value};
    }

    private void emitLayerArrays(int l, CLayer layer, int sources) {
        int width = layer.width();
        line("/* layer " + l + (l == layers.size() - 1 ? " (output)" : " (hidden)") + ": " + width
                + (width == 1 ? " neuron" : " neurons") + "; neuron j lists pairs start[j] .. start[j+1]-1 in"
                + " accumulation order */");
        array("fx_bias_" + l, layer.bias());
        array("fx_start_" + l, layer.start());
        array("fx_src_" + l, nonEmpty(layer.src()));
        array("fx_w_" + l, nonEmpty(layer.w()));
        int[][] fo = CGridWalk.fanOut(layer, sources);
        array("fx_fo_start_" + l, fo[0]);
        array("fx_fo_j_" + l, nonEmpty(fo[1]));
        array("fx_fo_k_" + l, nonEmpty(fo[2]));
        int[] off = CGridWalk.bitsetOffsets(layer, sources);
        array("fx_nzoff_" + l, java.util.Arrays.copyOf(off, width));
        line("");
    }

    /** C has no empty arrays: an empty one becomes {0} (never read). */
    private static int[] nonEmpty(int[] a) {
        return a.length == 0 ? new int[1] : a;
    }

    private void array(String name, int[] values) {
        c.append("static const int32_t ").append(name).append("[").append(values.length).append("] = {");
        ints(values);
        line("};");
    }

    private void ints(int[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i % 16 == 0) {
                c.append("\n    ");
            }
            // INT32_MIN never occurs: codes are within +-2^30
            c.append(values[i]).append(i + 1 < values.length ? ", " : "\n");
        }
    }

    private void emitMain(int d, int o) {
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < d; i++) {
            header.append('x').append(i).append("_code,");
        }
        for (int i = 0; i < o; i++) {
            header.append(o == 1 ? "y" : "y" + i).append("_code").append(i + 1 < o ? "," : "");
        }
        line("#ifdef FXNET_MAIN");
        line("#include <stdio.h>");
        line("#include <stdlib.h>");
        line("");
        line("/* prints every point of F^d (x0 slowest) and the outputs, as 'fxnet eval NET.json --all --csv';");
        line(" * from fxnet_eval_all when the outputs fit in memory, else (or with -DFXNET_MAIN_PER_POINT) by fxnet_eval */");
        line("int main(void)");
        line("{");
        line("    int32_t x[FXNET_INPUTS];");
        line("    int32_t y[FXNET_OUTPUTS];");
        line("    int32_t *all = NULL;");
        line("    int64_t p = 0;");
        line("    int i;");
        line("#if defined(FXNET_ALL_IN_MEMORY) && !defined(FXNET_MAIN_PER_POINT)");
        line("    all = malloc(sizeof(int32_t) * (size_t) (FXNET_POINTS * FXNET_OUTPUTS));");
        line("    if (all != NULL && fxnet_eval_all(all) != 0) {");
        line("        free(all); /* out of memory for the walk: point by point instead */");
        line("        all = NULL;");
        line("    }");
        line("#endif");
        line("    for (i = 0; i < FXNET_INPUTS; i++) {");
        line("        x[i] = (int32_t) FXNET_MIN_CODE;");
        line("    }");
        line("    fputs(\"" + header + "\\n\", stdout);");
        line("    for (;; p++) {");
        line("        if (all != NULL) {");
        line("            for (i = 0; i < FXNET_OUTPUTS; i++) {");
        line("                y[i] = all[p * FXNET_OUTPUTS + i];");
        line("            }");
        line("        } else if (fxnet_eval(x, y) != 0) {");
        line("            return 1;");
        line("        }");
        line("        for (i = 0; i < FXNET_INPUTS; i++) {");
        line("            printf(\"%ld,\", (long) x[i]);");
        line("        }");
        line("        for (i = 0; i < FXNET_OUTPUTS; i++) {");
        line("            printf(i + 1 < FXNET_OUTPUTS ? \"%ld,\" : \"%ld\\n\", (long) y[i]);");
        line("        }");
        line("        i = FXNET_INPUTS - 1;");
        line("        while (i >= 0 && x[i] == FXNET_MAX_CODE) {");
        line("            x[i] = (int32_t) FXNET_MIN_CODE;");
        line("            i--;");
        line("        }");
        line("        if (i < 0) {");
        line("            break;");
        line("        }");
        line("        x[i]++;");
        line("    }");
        line("    free(all);");
        line("    return ferror(stdout) ? 1 : 0;");
        line("}");
        line("#endif");
    }

    private void line(String s) {
        c.append(s).append('\n');
    }
}

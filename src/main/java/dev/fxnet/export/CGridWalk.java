package dev.fxnet.export;

import java.util.List;

/**
 * Emits the part of an exported C file that evaluates a network on every point of {@code F^d}:
 *
 * <pre>
 * int fxnet_eval_all(int32_t *y);
 * </pre>
 *
 * writes {@code FXNET_OUTPUTS} codes per point, {@code FXNET_POINTS} points in the order of
 * {@code fxnet eval --all} ({@code x0} slowest), and returns 0. It walks the grid and recomputes
 * only what changed between neighbouring points, the algorithm of fxnet's own grid evaluator, which
 * rests on two facts of SPEC §4: a neuron none of whose sources changed keeps its value; and a
 * source whose value is 0 contributes nothing ({@code PER_OP}: {@code acc (+) (w (*) 0) = acc},
 * as {@code w (*) 0} rounds to 0 and {@code acc} is already a code; {@code WIDE}: the exact sum
 * gains 0). So a changed neuron is recomputed from its nonzero sources only, in list order, which
 * gives the bit-identical result of {@code fxnet_eval}. A neuron with more than {@value #BITSET_FAN_IN}
 * terms keeps a bitset of its terms whose source is nonzero, updated as sources change, so its cost
 * is its nonzero terms, not its fan-in.
 *
 * <p>The walk keeps its state in static arrays: {@code fxnet_eval_all} is not reentrant.
 */
final class CGridWalk {
    /** Neurons with more terms than this keep a bitset of their nonzero terms. */
    static final int BITSET_FAN_IN = 32;

    private final List<CLayer> layers;
    private final StringBuilder c;

    CGridWalk(List<CLayer> layers, StringBuilder c) {
        this.layers = layers;
        this.c = c;
    }

    /** The number of 64-bit words of the nonzero bitsets of layer {@code l}, and each neuron's first word (or -1). */
    static int[] bitsetOffsets(CLayer layer) {
        int[] off = new int[layer.width() + 1];
        int words = 0;
        for (int j = 0; j < layer.width(); j++) {
            int n = layer.fanIn(j);
            off[j] = n > BITSET_FAN_IN ? words : -1;
            words += n > BITSET_FAN_IN ? (n + 63) / 64 : 0;
        }
        off[layer.width()] = words;
        return off;
    }

    /**
     * The readers of each source of layer {@code l}: {@code fo_start} over the sources
     * ({@code sources + 1} offsets), then per reader the neuron and the term's position in it.
     */
    static int[][] fanOut(CLayer layer, int sources) {
        int[] count = new int[sources + 1];
        for (int t = 0; t < layer.terms(); t++) {
            count[layer.src()[t] + 1]++;
        }
        for (int s = 0; s < sources; s++) {
            count[s + 1] += count[s];
        }
        int[] fill = count.clone();
        int[] reader = new int[layer.terms()];
        int[] position = new int[layer.terms()];
        for (int j = 0; j < layer.width(); j++) {
            for (int t = layer.start()[j]; t < layer.start()[j + 1]; t++) {
                int at = fill[layer.src()[t]]++;
                reader[at] = j;
                position[at] = t - layer.start()[j];
            }
        }
        return new int[][] {count, reader, position};
    }

    /** The walk's state: per layer its values, dirty flags and list, and nonzero bitsets. */
    void emitState(int inputs) {
        line("/* fxnet_eval_all's state (static: not reentrant) */");
        line("typedef struct {");
        line("    int64_t *v;             /* the layer's values at the current point */");
        line("    unsigned char *dirty;   /* whether a neuron is in the list below */");
        line("    int32_t *list;          /* neurons to recompute at this point */");
        line("    int32_t count;");
        line("    uint64_t *nz;           /* per neuron with a bitset: its terms whose source is nonzero */");
        line("    int32_t words;");
        line("} fx_walk_t;");
        line("");
        line("static int64_t fx_x[" + inputs + "];");
        StringBuilder init = new StringBuilder();
        for (int l = 0; l < layers.size(); l++) {
            int width = layers.get(l).width();
            int words = bitsetOffsets(layers.get(l))[width];
            line("static int64_t fx_v_" + l + "[" + width + "];");
            line("static unsigned char fx_dirty_" + l + "[" + width + "];");
            line("static int32_t fx_list_" + l + "[" + width + "];");
            line("static uint64_t fx_nz_" + l + "[" + Math.max(1, words) + "];");
            init.append(l == 0 ? "" : ",\n").append("    {fx_v_").append(l).append(", fx_dirty_").append(l)
                    .append(", fx_list_").append(l).append(", 0, fx_nz_").append(l).append(", ").append(words)
                    .append('}');
        }
        line("static fx_walk_t fx_walk[" + layers.size() + "] = {");
        line(init.toString());
        line("};");
        line("");
    }

    /** {@code fx_mark}, {@code fx_full}, {@code fx_update} and {@code fxnet_eval_all}. */
    void emitFunctions() {
        emitMark();
        emitFull();
        emitUpdate();
        emitEvalAll();
    }

    private void emitMark() {
        line("/* source s of layer l changed from old to nv: mark its readers, keep their nonzero bitsets */");
        line("static void fx_mark(int l, int32_t s, int64_t old, int64_t nv)");
        line("{");
        line("    const fx_layer_t *ly = &fx_layers[l];");
        line("    fx_walk_t *st = &fx_walk[l];");
        line("    int flip = (old == 0) != (nv == 0);");
        line("    int32_t t;");
        line("    for (t = ly->fo_start[s]; t < ly->fo_start[s + 1]; t++) {");
        line("        int32_t j = ly->fo_j[t];");
        line("        if (flip && ly->nzoff[j] >= 0) {");
        line("            uint64_t *word = st->nz + ly->nzoff[j] + ly->fo_k[t] / 64;");
        line("            uint64_t bit = UINT64_C(1) << (ly->fo_k[t] % 64);");
        line("            if (nv != 0) {");
        line("                *word |= bit;");
        line("            } else {");
        line("                *word &= ~bit;");
        line("            }");
        line("        }");
        line("        if (!st->dirty[j]) {");
        line("            st->dirty[j] = 1;");
        line("            st->list[st->count++] = j;");
        line("        }");
        line("    }");
        line("}");
        line("");
    }

    private void emitFull() {
        line("/* layer l computed in full from its input (the walk's first point) */");
        line("static void fx_full(int l)");
        line("{");
        line("    const fx_layer_t *ly = &fx_layers[l];");
        line("    fx_walk_t *st = &fx_walk[l];");
        line("    const int64_t *in = l == 0 ? fx_x : fx_walk[l - 1].v;");
        line("    int32_t j, k;");
        line("    for (j = 0; j < st->words; j++) {");
        line("        st->nz[j] = 0;");
        line("    }");
        line("    st->count = 0;");
        line("    for (j = 0; j < ly->width; j++) {");
        line("        st->dirty[j] = 0;");
        line("        if (ly->nzoff[j] >= 0) {");
        line("            for (k = ly->start[j]; k < ly->start[j + 1]; k++) {");
        line("                if (in[ly->src[k]] != 0) {");
        line("                    st->nz[ly->nzoff[j] + (k - ly->start[j]) / 64] |= UINT64_C(1) << ((k - ly->start[j]) % 64);");
        line("                }");
        line("            }");
        line("        }");
        line("        st->v[j] = fx_neuron(ly, in, NULL, j);");
        line("    }");
        line("}");
        line("");
    }

    private void emitUpdate() {
        line("/* recompute the marked neurons of layer l; mark the readers of those that changed */");
        line("static void fx_update(int l)");
        line("{");
        line("    const fx_layer_t *ly = &fx_layers[l];");
        line("    fx_walk_t *st = &fx_walk[l];");
        line("    const int64_t *in = l == 0 ? fx_x : fx_walk[l - 1].v;");
        line("    int32_t n = st->count;");
        line("    int32_t t;");
        line("    st->count = 0;");
        line("    for (t = 0; t < n; t++) {");
        line("        int32_t j = st->list[t];");
        line("        int64_t nv = fx_neuron(ly, in, st->nz, j);");
        line("        st->dirty[j] = 0;");
        line("        if (nv != st->v[j]) {");
        line("            int64_t old = st->v[j];");
        line("            st->v[j] = nv;");
        line("            if (l + 1 < FX_LAYERS) {");
        line("                fx_mark(l + 1, j, old, nv);");
        line("            }");
        line("        }");
        line("    }");
        line("}");
        line("");
    }

    private void emitEvalAll() {
        line("int fxnet_eval_all(int32_t *y)");
        line("{");
        line("    int64_t p;");
        line("    int i;");
        line("    for (i = 0; i < FXNET_INPUTS; i++) {");
        line("        fx_x[i] = FXNET_MIN_CODE;");
        line("    }");
        line("    for (i = 0; i < FX_LAYERS; i++) {");
        line("        fx_full(i);");
        line("    }");
        line("    for (p = 0;; p++) {");
        line("        for (i = 0; i < FXNET_OUTPUTS; i++) {");
        line("            y[p * FXNET_OUTPUTS + i] = (int32_t) fx_walk[FX_LAYERS - 1].v[i];");
        line("        }");
        line("        if (p + 1 == FXNET_POINTS) {");
        line("            return 0;");
        line("        }");
        line("        /* the next point: the last coordinate fastest, as an odometer */");
        line("        i = FXNET_INPUTS - 1;");
        line("        while (fx_x[i] == FXNET_MAX_CODE) {");
        line("            fx_x[i] = FXNET_MIN_CODE;");
        line("            fx_mark(0, i, FXNET_MAX_CODE, FXNET_MIN_CODE);");
        line("            i--;");
        line("        }");
        line("        fx_x[i]++;");
        line("        fx_mark(0, i, fx_x[i] - 1, fx_x[i]);");
        line("        for (i = 0; i < FX_LAYERS; i++) {");
        line("            fx_update(i);");
        line("        }");
        line("    }");
        line("}");
        line("");
    }

    private void line(String s) {
        c.append(s).append('\n');
    }
}

package dev.fxnet.export;

import java.util.List;

/**
 * Emits the part of an exported C file that evaluates a network on every point of {@code F^d}:
 *
 * <pre>
 * int fxnet_eval_range(int64_t from, int64_t to, int32_t *y);
 * int fxnet_eval_all(int32_t *y);
 * </pre>
 *
 * {@code fxnet_eval_range} writes {@code FXNET_OUTPUTS} codes per point for the points
 * {@code from .. to-1} of {@code F^d} in the order of {@code fxnet eval --all} ({@code x0} slowest),
 * and returns 0, -1 if {@code 0 <= from <= to <= FXNET_POINTS} fails, -2 if its work arrays cannot
 * be allocated. {@code fxnet_eval_all} does it for all points, in chunks run in parallel when
 * compiled with OpenMP ({@code -fopenmp}), else one after the other ({@code -DFXNET_CHUNKS=n}
 * fixes the number of chunks). Each walk and recomputes
 * only what changed between neighbouring points, the algorithm of fxnet's own grid evaluator, which
 * rests on two facts of SPEC §4: a neuron none of whose sources changed keeps its value; and a
 * source whose value is 0 contributes nothing ({@code PER_OP}: {@code acc (+) (w (*) 0) = acc},
 * as {@code w (*) 0} rounds to 0 and {@code acc} is already a code; {@code WIDE}: the exact sum
 * gains 0). So a changed neuron is recomputed from its nonzero sources only, in list order, which
 * gives the bit-identical result of {@code fxnet_eval}. A neuron with more than {@value #BITSET_FAN_IN}
 * terms keeps a bitset of its terms whose source is nonzero, updated as sources change, so its cost
 * is its nonzero terms, not its fan-in. A dense layer ({@link #isDense}: marking readers would cost
 * about as much as recomputing every neuron) is instead recomputed in full, skipping zero terms,
 * whenever any of its sources changed; recomputing a neuron whose sources did not change gives its
 * value again, so this changes only the cost.
 *
 * <p>Each walk allocates its own state: both functions are reentrant.
 */
final class CGridWalk {
    /** Neurons with more terms than this keep a bitset of their nonzero terms. */
    static final int BITSET_FAN_IN = 32;

    private final List<CLayer> layers;
    private final StringBuilder c;

    private final int inputs;

    CGridWalk(List<CLayer> layers, int inputs, StringBuilder c) {
        this.layers = layers;
        this.inputs = inputs;
        this.c = c;
    }

    /** The number of sources of layer {@code l} (its previous layer's width, or the inputs). */
    int sources(int l) {
        return l == 0 ? inputs : layers.get(l - 1).width();
    }

    /**
     * Whether the walk recomputes layer {@code l} in full when a source changes: when it has at least
     * {@value #DENSE_SIDE} neurons and sources and lists at least half of all (neuron, source) pairs,
     * as the binary construction's layers do. Marking readers costs about a full recomputation then;
     * a narrow layer (an output neuron) or one reading few sources (the inputs) is cheaper to mark.
     */
    static boolean isDense(CLayer layer, int sources) {
        return sources >= DENSE_SIDE && layer.width() >= DENSE_SIDE
                && 2L * layer.terms() >= (long) layer.width() * sources;
    }

    /** The fewest neurons and sources of a layer the walk recomputes in full ({@link #isDense}). */
    static final int DENSE_SIDE = 16;

    /**
     * Each neuron's first word of nonzero bitset (or -1: none), then the number of words; a dense
     * layer keeps no bitsets.
     */
    static int[] bitsetOffsets(CLayer layer, int sources) {
        int[] off = new int[layer.width() + 1];
        int words = 0;
        boolean dense = isDense(layer, sources);
        for (int j = 0; j < layer.width(); j++) {
            int n = dense ? 0 : layer.fanIn(j);
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
    void emitState() {
        line("/* a walk's state, per layer */");
        line("typedef struct {");
        line("    int64_t *v;             /* the layer's values at the current point */");
        line("    unsigned char *dirty;   /* whether a neuron is in the list below */");
        line("    int32_t *list;          /* neurons to recompute at this point */");
        line("    int32_t count;");
        line("    uint64_t *nz;           /* per neuron with a bitset: its terms whose source is nonzero */");
        line("    int any;                /* dense layer: whether a source changed at this point */");
        line("} fx_walk_t;");
        line("");
        line("typedef struct {");
        line("    int64_t x[FXNET_INPUTS];");
        line("    fx_walk_t layer[FX_LAYERS];");
        line("} fx_walker_t;");
        line("");
        line("static void fx_walker_free(fx_walker_t *w)");
        line("{");
        line("    int l;");
        line("    for (l = 0; l < FX_LAYERS; l++) {");
        line("        free(w->layer[l].v);");
        line("        free(w->layer[l].dirty);");
        line("        free(w->layer[l].list);");
        line("        free(w->layer[l].nz);");
        line("    }");
        line("}");
        line("");
        line("/* allocates the arrays (zeroed); returns 0 if an allocation failed (then nothing is held) */");
        line("static int fx_walker_init(fx_walker_t *w)");
        line("{");
        line("    int l;");
        line("    int ok = 1;");
        line("    for (l = 0; l < FX_LAYERS; l++) {");
        line("        size_t n = (size_t) fx_layers[l].width;");
        line("        fx_walk_t *st = &w->layer[l];");
        line("        st->v = calloc(n, sizeof(int64_t));");
        line("        st->dirty = calloc(n, 1);");
        line("        st->list = calloc(n, sizeof(int32_t));");
        line("        st->nz = calloc((size_t) fx_layers[l].words + 1, sizeof(uint64_t));");
        line("        st->count = 0;");
        line("        st->any = 0;");
        line("        ok = ok && st->v != NULL && st->dirty != NULL && st->list != NULL && st->nz != NULL;");
        line("    }");
        line("    if (!ok) {");
        line("        fx_walker_free(w);");
        line("    }");
        line("    return ok;");
        line("}");
        line("");
    }

    /** {@code fx_mark}, {@code fx_full}, {@code fx_update}, {@code fxnet_eval_range} and {@code fxnet_eval_all}. */
    void emitFunctions() {
        emitMark();
        emitFull();
        emitUpdate();
        emitRange();
        emitEvalAll();
    }

    private void emitMark() {
        line("/* source s of layer l changed from old to nv: mark its readers, keep their nonzero bitsets */");
        line("static void fx_mark(fx_walker_t *w, int l, int32_t s, int64_t old, int64_t nv)");
        line("{");
        line("    const fx_layer_t *ly = &fx_layers[l];");
        line("    fx_walk_t *st = &w->layer[l];");
        line("    int flip = (old == 0) != (nv == 0);");
        line("    int32_t t;");
        line("    if (ly->dense) {");
        line("        st->any = 1;");
        line("        return;");
        line("    }");
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
        line("/* layer l computed in full from its input (a walk's first point); bitsets from scratch */");
        line("static void fx_full(fx_walker_t *w, int l)");
        line("{");
        line("    const fx_layer_t *ly = &fx_layers[l];");
        line("    fx_walk_t *st = &w->layer[l];");
        line("    const int64_t *in = l == 0 ? w->x : w->layer[l - 1].v;");
        line("    int32_t j, k;");
        line("    for (j = 0; j < ly->words; j++) {");
        line("        st->nz[j] = 0;");
        line("    }");
        line("    for (j = 0; j < ly->width; j++) {");
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
        line("/* recompute the marked neurons of layer l (all of a dense layer if a source changed);");
        line(" * mark the readers of those that changed */");
        line("static void fx_update(fx_walker_t *w, int l)");
        line("{");
        line("    const fx_layer_t *ly = &fx_layers[l];");
        line("    fx_walk_t *st = &w->layer[l];");
        line("    const int64_t *in = l == 0 ? w->x : w->layer[l - 1].v;");
        line("    int32_t n = st->count;");
        line("    int32_t t;");
        line("    if (ly->dense) {");
        line("        if (!st->any) {");
        line("            return;");
        line("        }");
        line("        st->any = 0;");
        line("        n = ly->width;");
        line("    }");
        line("    st->count = 0;");
        line("    for (t = 0; t < n; t++) {");
        line("        int32_t j = ly->dense ? t : st->list[t];");
        line("        int64_t nv = fx_neuron(ly, in, st->nz, j);");
        line("        st->dirty[j] = 0;");
        line("        if (nv != st->v[j]) {");
        line("            int64_t old = st->v[j];");
        line("            st->v[j] = nv;");
        line("            if (l + 1 < FX_LAYERS) {");
        line("                fx_mark(w, l + 1, j, old, nv);");
        line("            }");
        line("        }");
        line("    }");
        line("}");
        line("");
    }

    private void emitRange() {
        line("int fxnet_eval_range(int64_t from, int64_t to, int32_t *y)");
        line("{");
        line("    fx_walker_t w;");
        line("    int64_t p;");
        line("    int64_t rest = from;");
        line("    int i;");
        line("    if (from < 0 || from > to || to > FXNET_POINTS) {");
        line("        return -1;");
        line("    }");
        line("    if (from == to) {");
        line("        return 0;");
        line("    }");
        line("    if (!fx_walker_init(&w)) {");
        line("        return -2;");
        line("    }");
        line("    for (i = FXNET_INPUTS - 1; i >= 0; i--) { /* point number from, x0 slowest */");
        line("        w.x[i] = FXNET_MIN_CODE + rest % FX_SIZE;");
        line("        rest /= FX_SIZE;");
        line("    }");
        line("    for (i = 0; i < FX_LAYERS; i++) {");
        line("        fx_full(&w, i);");
        line("    }");
        line("    for (p = from;; p++) {");
        line("        for (i = 0; i < FXNET_OUTPUTS; i++) {");
        line("            y[(p - from) * FXNET_OUTPUTS + i] = (int32_t) w.layer[FX_LAYERS - 1].v[i];");
        line("        }");
        line("        if (p + 1 == to) {");
        line("            break;");
        line("        }");
        line("        /* the next point: the last coordinate fastest, as an odometer */");
        line("        i = FXNET_INPUTS - 1;");
        line("        while (w.x[i] == FXNET_MAX_CODE) {");
        line("            w.x[i] = FXNET_MIN_CODE;");
        line("            fx_mark(&w, 0, i, FXNET_MAX_CODE, FXNET_MIN_CODE);");
        line("            i--;");
        line("        }");
        line("        w.x[i]++;");
        line("        fx_mark(&w, 0, i, w.x[i] - 1, w.x[i]);");
        line("        for (i = 0; i < FX_LAYERS; i++) {");
        line("            fx_update(&w, i);");
        line("        }");
        line("    }");
        line("    fx_walker_free(&w);");
        line("    return 0;");
        line("}");
        line("");
    }

    private void emitEvalAll() {
        line("int fxnet_eval_all(int32_t *y)");
        line("{");
        line("    int64_t chunks = 1;");
        line("    int64_t per, c;");
        line("    int bad = 0;");
        line("#if defined(FXNET_CHUNKS)");
        line("    chunks = FXNET_CHUNKS; /* a fixed number of walks, e.g. to test restarts */");
        line("#elif defined(_OPENMP)");
        line("    chunks = 4 * (int64_t) omp_get_max_threads();");
        line("#endif");
        line("    if (chunks > FXNET_POINTS) {");
        line("        chunks = FXNET_POINTS;");
        line("    }");
        line("    per = (FXNET_POINTS + chunks - 1) / chunks;");
        line("#ifdef _OPENMP");
        line("#pragma omp parallel for schedule(dynamic, 1) reduction(|:bad)");
        line("#endif");
        line("    for (c = 0; c < chunks; c++) {");
        line("        int64_t from = c * per;");
        line("        int64_t to = from + per < FXNET_POINTS ? from + per : FXNET_POINTS;");
        line("        if (from < to && fxnet_eval_range(from, to, y + from * FXNET_OUTPUTS) != 0) {");
        line("            bad = 1;");
        line("        }");
        line("    }");
        line("    return bad ? -2 : 0;");
        line("}");
        line("");
    }

    private void line(String s) {
        c.append(s).append('\n');
    }
}

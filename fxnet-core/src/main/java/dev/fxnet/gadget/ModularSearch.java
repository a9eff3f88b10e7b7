package dev.fxnet.gadget;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a {@link ModularCertificate} (Theorem W, docs/THEORY.md §12) for a two's-complement
 * {@code WRAP} setting: a unit among short lists of candidates ({@code O(N)} each, with parities of
 * value multiplicities) — depth 1, depth-2 families with exact terms, then (only where those fail, so
 * earlier certificates are unchanged) inexact one-source families under {@code WIDE} and wrap defects
 * followed by a chain ({@link DefectSearch}, docs/THEORY.md §12.7) — then levels satisfying condition (A), an AND and an output weight. All
 * budgets are counts. The certificate returned has passed {@link ModularCertificate#verify}.
 */
public final class ModularSearch {
    /** Pairs {@code (c, K)} examined for condition (A), at most. */
    static final long PAIR_BUDGET = 1L << 26;

    /** Values of odd multiplicity examined for depth-2 units, at most (a count, not a time). */
    static final long UNIT_BUDGET = 1L << 28;

    private final Machine m;
    private final ModularTerms t;
    private final long n;
    private final List<String> tried = new ArrayList<>();

    private ModularSearch(Machine m) {
        this.m = m;
        this.t = ModularTerms.of(m);
        this.n = m.size();
    }

    /** The outcome: a verified certificate, or what was tried. */
    public record Outcome(Optional<ModularCertificate> certificate, List<String> tried) {
        /** Copies {@code tried}. */
        public Outcome {
            tried = List.copyOf(tried);
        }
    }

    /** Whether the route applies: two's complement {@code WRAP} with at least two codes. */
    public static boolean applies(Machine m) {
        return m.arithmetic().wraps() && m.size() >= 2;
    }

    /**
     * Searches a certificate.
     *
     * @throws IllegalArgumentException if the route does not apply ({@link #applies})
     */
    public static Outcome search(Machine m) {
        if (!applies(m)) {
            throw new IllegalArgumentException("Theorem W needs two's complement WRAP and |F| >= 2, was " + m);
        }
        ModularSearch s = new ModularSearch(m);
        Optional<ModularCertificate> c = s.run();
        return new Outcome(c, s.tried);
    }

    private Optional<ModularCertificate> run() {
        Optional<UnitRecipe> unit = findUnit();
        if (unit.isEmpty()) {
            tried.add("Theorem W: no unit (odd-sum signal) among the candidates of depth <= 2");
            return Optional.empty();
        }
        Optional<ModularCertificate> c = findLevels(unit.get());
        if (c.isEmpty()) {
            tried.add("Theorem W: unit " + unit.get().describe(m) + ", but no levels with condition (A), an AND"
                    + " and an odd output difference");
            return Optional.empty();
        }
        Optional<String> failure = c.get().verify(m);
        if (failure.isPresent()) {
            throw new IllegalStateException("a certificate of Theorem W failed verification: " + failure.get());
        }
        tried.add(c.get().describe(m));
        return c;
    }

    /** Weights tried for units, AND and output: +-1.0, +-eps, +-2^j codes, min and max. */
    List<Long> weights() {
        Set<Long> w = new LinkedHashSet<>();
        w.add(t.minusOne());
        m.one().ifPresent(w::add);
        for (long j = 1; j <= m.max(); j <<= 1) {
            w.add(j);
            w.add(-j);
        }
        w.add(m.min());
        w.add(m.max());
        for (long j = 3; j <= m.max(); j <<= 1) {
            w.add(j);
            w.add(-j);
        }
        return List.copyOf(w);
    }

    /** Biases tried at depth 2: every code up to 1024 codes, else a short list near 0, +-2^j (+-1), min, max. */
    private List<Long> biases() {
        Set<Long> c = new LinkedHashSet<>();
        if (n <= 1024) {
            for (long z = m.min(); z <= m.max(); z++) {
                c.add(z);
            }
            return List.copyOf(c);
        }
        for (long z = -64; z <= 64; z++) {
            c.add(z);
        }
        for (long j = 1; j <= m.max(); j <<= 1) {
            for (long d = -1; d <= 1; d++) {
                c.add(t.code(j + d));
                c.add(t.code(-j + d));
            }
        }
        c.add(m.min());
        c.add(m.max());
        return List.copyOf(c);
    }

    private Optional<UnitRecipe> findUnit() {
        List<Long> ws = weights();
        long[] h1 = UnitRecipe.firstLayerValues(m, t);
        for (long wu : ws) {
            if (odd(oddKeys(h1, 0, null), 0, wu, true) && confirmed(UnitRecipe.firstLayer(wu))) {
                return Optional.of(UnitRecipe.firstLayer(wu));
            }
        }
        List<Long> cs = biases();
        for (Family f : families(h1, ws)) {
            for (long c2 : cs) {
                if (!spend((long) f.keys().size() * ws.size())) {
                    return Optional.empty();
                }
                for (long wu : ws) {
                    UnitRecipe r = UnitRecipe.depthTwo(f.w1(), c2, f.twoSources(), wu);
                    if (odd(f.keys(), c2, wu, false) && confirmed(r)) {
                        return Optional.of(r);
                    }
                }
            }
        }
        Optional<UnitRecipe> inexact = inexactFamilies(h1, ws, cs);
        return inexact.isPresent() ? inexact : new DefectSearch(m, t, ws, stageBiases(), this::spend).find();
    }

    private long examined;

    /** Charges {@code cost} value evaluations to the unit budget; false (and a note) once it is exhausted. */
    private boolean spend(long cost) {
        examined += cost;
        if (examined > UNIT_BUDGET) {
            if (examined - cost <= UNIT_BUDGET) {
                tried.add("Theorem W: unit search stopped after " + UNIT_BUDGET + " value evaluations");
            }
            return false;
        }
        return true;
    }

    /**
     * Under {@code WIDE}, the one-source depth-2 families whose terms {@code w1 h1} are not all on the
     * grid: the neuron {@code tau(rho(c2 + w1 h1))} is still a shift-closed family (one source, evaluated
     * as the network does), only the unit's own terms {@code T(wu, h2)} must be exact.
     */
    private Optional<UnitRecipe> inexactFamilies(long[] h1, List<Long> ws, List<Long> cs) {
        if (m.perOp()) {
            return Optional.empty();
        }
        for (long w1 : ws) {
            if (exactOnAll(w1, h1)) {
                continue;
            }
            for (long c2 : cs) {
                if (!spend(h1.length + (long) ws.size())) {
                    return Optional.empty();
                }
                long[] h2 = new long[h1.length];
                for (int i = 0; i < h1.length; i++) {
                    h2[i] = m.neuron(c2, w1, h1[i]);
                }
                List<Long> keys = oddKeys(h2, 0, null);
                for (long wu : ws) {
                    UnitRecipe r = new UnitRecipe(List.of(new Tap(0, -1, w1)), c2, List.of(), wu);
                    if (odd(keys, 0, wu, true) && confirmed(r)) {
                        return Optional.of(r);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private boolean exactOnAll(long w, long[] values) {
        for (long y : values) {
            if (t.term(w, y) == ModularTerms.INEXACT) {
                return false;
            }
        }
        return true;
    }

    /** A depth-2 family before its bias: the weight on {@code h1}, one or two sources, the odd keys. */
    private record Family(long w1, boolean twoSources, List<Long> keys) {
    }

    /**
     * The depth-2 families with exact terms and at least one value of odd multiplicity (otherwise every
     * sum is even), fewest such values first (they are the cost of each candidate bias and weight).
     */
    private List<Family> families(long[] h1, List<Long> ws) {
        List<Family> out = new ArrayList<>();
        for (boolean two : new boolean[] {false, true}) {
            for (long w1 : ws) {
                long[] a = new long[h1.length];
                boolean exact = true;
                for (int i = 0; i < a.length; i++) {
                    a[i] = t.term(w1, h1[i]);
                    exact &= a[i] != ModularTerms.INEXACT;
                }
                List<Long> keys = exact ? oddKeys(a, two ? 1 : 0, a) : List.of();
                if (!keys.isEmpty()) {
                    out.add(new Family(w1, two, keys));
                }
            }
        }
        out.sort(java.util.Comparator.comparingInt(f -> f.keys().size()));
        return out;
    }

    /**
     * Whether the unit is defined on every code (under {@code WIDE} a term on a value of even
     * multiplicity may be inexact, which the parity alone does not see) and has an odd sum.
     */
    private boolean confirmed(UnitRecipe r) {
        long[] e = r.unit(m, t);
        return e != null && ModularRing.oddSum(e);
    }

    /**
     * The values (or sums of a value and its shift by one, when {@code shift = 1}) that occur an odd
     * number of times; only they count for the parity of a sum over all codes.
     */
    private static List<Long> oddKeys(long[] a, int shift, long[] same) {
        Map<Long, Integer> count = new HashMap<>();
        int len = a.length;
        for (int i = 0; i < len; i++) {
            long key = shift == 0 ? a[i] : a[i] + a[(i - 1) & (len - 1)];
            count.merge(key, 1, Integer::sum);
        }
        List<Long> odd = new ArrayList<>();
        count.forEach((k, v) -> {
            if ((v & 1) == 1) {
                odd.add(k);
            }
        });
        return odd;
    }

    /** Whether {@code sum_x T(wu, g(x))} is odd, {@code g = key} (raw) or {@code g = tau(c2 + key)}. */
    private boolean odd(List<Long> keys, long c2, long wu, boolean raw) {
        long parity = 0;
        for (long k : keys) {
            long y = raw ? k : t.tauOf(c2 + k);
            long e = t.term(wu, y);
            if (e == ModularTerms.INEXACT) {
                return false;
            }
            parity ^= e & 1;
        }
        return parity == 1;
    }

    /**
     * Condition (A): {@code tau(c) = tau(c + K) != tau(c + 2K)}, levels {@code on = tau(c + 2K)},
     * {@code off = tau(c)}, tests {@code tau(c + 2K [x = v])}; the AND lists each input with weights
     * whose differences sum to {@code K}; an output weight with an odd difference.
     */
    private Optional<ModularCertificate> findLevels(UnitRecipe unit) {
        List<Long> ws = weights();
        if (!injective()) {
            Optional<ModularCertificate> one = scan(unit, ws, 0, 0, false, PAIR_BUDGET);
            if (one.isPresent()) {
                return one;
            }
        } else {
            tried.add("Theorem W: tau is injective on F, so condition (A) fails for a one-neuron AND");
        }
        long[] preimage = preimages();
        for (long w2 : ws) {
            for (long c2 : stageBiases()) {
                Optional<ModularCertificate> two = scan(unit, ws, c2, w2, true, STAGE_PAIR_BUDGET);
                if (two.isPresent() && preimage[(int) (two.get().on() - m.min())] != NONE) {
                    return two.map(cert -> withTests(cert, preimage));
                }
            }
        }
        return Optional.empty();
    }

    /** Pairs {@code (c, K)} examined per stage for the staged AND, at most. */
    static final long STAGE_PAIR_BUDGET = 1L << 14;

    private static final long NONE = Long.MIN_VALUE;

    /** Stage biases: 0, +-1 code, min, max. */
    List<Long> stageBiases() {
        return List.copyOf(new LinkedHashSet<>(List.of(0L, 1L, -1L, m.min(), m.max())));
    }

    /**
     * Condition (A) for {@code g(z) = tau(z)} or, staged, {@code g(z) = tau(c2 (+) w2 (*) tau(z))}:
     * {@code g(c) = g(c + K) != g(c + 2K)}; levels {@code on = g(c + 2K)}, {@code off = g(c)}.
     */
    private Optional<ModularCertificate> scan(UnitRecipe unit, List<Long> ws, long c2, long w2, boolean staged,
            long budget) {
        long examined = 0;
        for (long k = 1; k < n; k++) {
            for (long c = m.min(); c <= m.max(); c++) {
                if (++examined > budget) {
                    return Optional.empty();
                }
                long off = g(c, c2, w2, staged);
                if (g(c + k, c2, w2, staged) != off || g(c + 2 * k, c2, w2, staged) == off) {
                    continue;
                }
                long on = g(c + 2 * k, c2, w2, staged);
                Optional<ModularCertificate> cert = complete(unit, c, k, on, off, ws);
                if (cert.isPresent() && staged) {
                    ModularCertificate x = cert.get();
                    ModularAnd a = x.and();
                    return Optional.of(new ModularCertificate(unit, x.testBias(), x.testGain(), on, off,
                            new ModularAnd(a.weights(), a.bias(), true, c2, w2), x.outputWeight()));
                }
                if (cert.isPresent()) {
                    return cert;
                }
            }
        }
        return Optional.empty();
    }

    private long g(long z, long c2, long w2, boolean staged) {
        long y = t.tauOf(z);
        return staged ? m.neuron(c2, w2, y) : y;
    }

    /** For every value of {@code tau}, a code mapped to it ({@link #NONE} if none). */
    private long[] preimages() {
        long[] pre = new long[(int) n];
        java.util.Arrays.fill(pre, NONE);
        for (long z = m.max(); z >= m.min(); z--) {
            pre[(int) (m.tau(z) - m.min())] = z;
        }
        return pre;
    }

    /** The staged certificate with point tests {@code tau(c + K [x = v])} at the levels {@code (on, off)}. */
    private ModularCertificate withTests(ModularCertificate x, long[] preimage) {
        long cOff = preimage[(int) (x.off() - m.min())];
        long cOn = preimage[(int) (x.on() - m.min())];
        return new ModularCertificate(x.unit(), cOff, t.residue(cOn - cOff), x.on(), x.off(), x.and(), x.outputWeight());
    }

    private Optional<ModularCertificate> complete(UnitRecipe unit, long c, long k, long on, long off, List<Long> ws) {
        Long out = null;
        for (long w : ws) {
            long a = t.term(w, on);
            long b = t.term(w, off);
            if (a != ModularTerms.INEXACT && b != ModularTerms.INEXACT && ((a - b) & 1) == 1) {
                out = w;
                break;
            }
        }
        if (out == null) {
            return Optional.empty();
        }
        Optional<long[]> and = Decomposition.shortest(t, ws, on, off, k);
        if (and.isEmpty()) {
            return Optional.empty();
        }
        long offSum = 0;
        for (long w : and.get()) {
            offSum += 2 * t.term(w, off);
        }
        long andBias = t.code(c - offSum);
        return Optional.of(new ModularCertificate(unit, t.code(c), t.residue(2 * k), on, off,
                ModularAnd.of(and.get(), andBias), out));
    }

    private boolean injective() {
        Set<Long> seen = new java.util.HashSet<>();
        for (long z = m.min(); z <= m.max(); z++) {
            if (!seen.add(m.tau(z))) {
                return false;
            }
        }
        return true;
    }
}

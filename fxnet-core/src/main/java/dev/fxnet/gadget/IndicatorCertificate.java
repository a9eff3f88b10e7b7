package dev.fxnet.gadget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The certificate of the indicator condition S_I (Theorem FS, docs/THEORY.md §15) on
 * the symmetric domain {@code D = {x : -radius <= x <= radius}} of codes: with it every
 * {@code f: D^d -> F}, for every {@code d >= 1}, is computed on {@code D^d} by a network of
 * {@code detectorLength() + 1 + normalizer().size()} hidden layers. It uses neither the saturation of
 * repeated addition (THEORY fact F3) nor exact sums, so it holds in floating point (SPEC §8) as in
 * fixed point; it needs a saturating arithmetic (every value finite) whose sums and products are a
 * monotone rounding of the exact ones that fixes values of F.
 *
 * <p>An instance exists only after {@link #verify} checked, with the setting's own operations
 * ({@link Machine}), on every code each part can receive:
 * <ol>
 *   <li><b>detectors</b>: for every threshold {@code a} of {@code D} with {@code a > -radius} a chain
 *       {@code LO_a} of one-copy single-source neurons (the first reads the input) whose output on every
 *       {@code x} in {@code D} is exactly 0 iff {@code x >= a}, and otherwise nonzero of one sign
 *       {@code s}; likewise {@code HI_a} for {@code a < radius}, 0 iff {@code x <= a}; all chains have
 *       one length;</li>
 *   <li><b>NOR</b> {@code tau(b + sum_i w_i (*) s_i)}, {@code w_i = s w} by the sign of detector
 *       {@code i}: for every nonzero value {@code y} of every detector the first term moves the
 *       accumulator strictly in one common direction {@code sigma} (PER_OP: {@code w_i (*) y} and
 *       {@code b (+) (w_i (*) y) - b} have sign {@code sigma}; WIDE: {@code rho(b + w_i y) - b}), and
 *       {@code tau} is one value {@code off} from that first accumulator on to the end of F in direction
 *       {@code sigma}, while {@code on = tau(b) != off};</li>
 *   <li><b>normalizer</b>: a chain of one-copy neurons mapping {@code off -> 0} and {@code on -> high != 0};</li>
 *   <li><b>output</b>: for every code {@code c} of F weights {@code w_1..w_k} with
 *       {@code 0 (+) (w_1 (*) high) (+) ... (+) (w_k (*) high) = c} (PER_OP) or
 *       {@code rho(w_1 high + ... + w_k high) = c} (WIDE).</li>
 * </ol>
 * Immutable; codes throughout.
 */
public final class IndicatorCertificate {
    /**
     * The parts of a certificate before verification (codes).
     *
     * @param radius the domain is the codes {@code -radius..radius}
     * @param lo per threshold {@code a} the chain {@code LO_a}, for every {@code a} in {@code -radius+1..radius}
     * @param hi per threshold {@code a} the chain {@code HI_a}, for every {@code a} in {@code -radius..radius-1}
     * @param norBias the NOR's bias {@code b}
     * @param norWeight the NOR's weight {@code w} for detectors with positive outputs ({@code -w} for the others)
     * @param normalizer the chain after the NOR
     * @param high the indicator's value at its point, after the normalizer
     * @param output per code {@code c} of F the output weights reaching it from the bias 0
     */
    public record Parts(long radius, Map<Long, List<Stage>> lo, Map<Long, List<Stage>> hi, long norBias, long norWeight,
            List<Stage> normalizer, long high, Map<Long, long[]> output) {
        /**
         * The maps are copied into immutable maps sorted by key, so that their iteration order (which
         * {@link IndicatorCertificate#describe} and constructions read) is the same in every JVM run;
         * {@code Map.copyOf} alone iterates in an order randomised per JVM.
         *
         * @throws NullPointerException if an argument is null
         */
        public Parts {
            lo = sorted(lo);
            hi = sorted(hi);
            normalizer = List.copyOf(normalizer);
            output = sorted(output);
        }

        private static <V> Map<Long, V> sorted(Map<Long, V> m) {
            return java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(Map.copyOf(m)));
        }
    }

    /**
     * What {@link #verify} found: the certificate, or the first part that failed.
     *
     * @param certificate the verified certificate, if every part holds
     * @param failure the first failed check; empty when verified
     */
    public record Outcome(Optional<IndicatorCertificate> certificate, String failure) {
        /** @throws NullPointerException if an argument is null */
        public Outcome {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(failure, "failure");
        }

        /** A failed verification, with the reason. */
        public static Outcome failed(String why) {
            return new Outcome(Optional.empty(), why);
        }
    }

    private final Machine m;
    private final Parts parts;
    private final int detectorLength;
    private final long off;
    private final long on;
    private final int maxTerms;

    private IndicatorCertificate(Machine m, Parts parts, int detectorLength, long off, long on, int maxTerms) {
        this.m = m;
        this.parts = parts;
        this.detectorLength = detectorLength;
        this.off = off;
        this.on = on;
        this.maxTerms = maxTerms;
    }

    /**
     * The parts of the compiler's indicator gadgets ({@link IndicatorGadgets}, found on all of F), with
     * the output weights from the bias 0; codes without a decomposition are left out (then
     * {@link #verify} fails naming one).
     */
    public static Parts partsOf(IndicatorGadgets g) {
        Machine m = g.setting();
        long r = Math.min(-m.min(), m.max());
        Map<Long, List<Stage>> lo = new LinkedHashMap<>();
        Map<Long, List<Stage>> hi = new LinkedHashMap<>();
        for (long a = -r; a <= r; a++) {
            if (a > -r) {
                lo.put(a, g.detector(IndicatorGadgets.Kind.LO, a));
            }
            if (a < r) {
                hi.put(a, g.detector(IndicatorGadgets.Kind.HI, a));
            }
        }
        Map<Long, long[]> out = DomainIndicatorSearch.outputs(m, g.high());
        if (out.size() == m.size()) {
            return new Parts(r, lo, hi, g.norBias(), g.norWeight(), g.normalizer(), g.high(), out);
        }
        // sums of small terms stall in floating point: one more stage scales the indicator's value
        List<Stage> normalizer = new ArrayList<>(g.normalizer());
        long high = g.high();
        Stage scale = scaling(m, g.high());
        if (scale != null) {
            normalizer.add(scale);
            high = scale.apply(m, g.high());
            out = DomainIndicatorSearch.outputs(m, high);
        }
        return new Parts(r, lo, hi, g.norBias(), g.norWeight(), normalizer, high, out);
    }

    /** Distinct scaled values tried by {@link #scaling}. */
    private static final int MAX_SCALINGS = 8;

    /**
     * A one-copy stage keeping 0 at 0 that maps {@code high} to a value from which output weights reach every
     * code of F: the value 1 first, then the others by decreasing magnitude ({@value #MAX_SCALINGS} at most);
     * null if none.
     */
    static Stage scaling(Machine m, long high) {
        Map<Long, Stage> byValue = new java.util.TreeMap<>((x, y) -> x.equals(y) ? 0
                : m.one().isPresent() && x == m.one().getAsLong() ? -1 : m.one().isPresent() && y == m.one().getAsLong() ? 1
                : Math.abs(x) != Math.abs(y) ? Long.compare(Math.abs(y), Math.abs(x)) : Long.compare(x, y));
        for (long b = m.min(); b <= m.max(); b++) {
            if (m.tau(b) != 0) {
                continue;
            }
            for (long w = m.min(); w <= m.max(); w++) {
                long h = m.neuron(b, w, high);
                if (h != 0 && m.neuron(b, w, 0) == 0) {
                    byValue.putIfAbsent(h, Stage.of(b, w, 1));
                }
            }
        }
        int tried = 0;
        for (Map.Entry<Long, Stage> e : byValue.entrySet()) {
            if (tried++ >= MAX_SCALINGS) {
                break;
            }
            if (DomainIndicatorSearch.outputs(m, e.getKey()).size() == m.size()) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * Verifies {@code parts} in {@code m} on every code each part can receive (the list in the class
     * comment).
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the radius is negative or above the codes of {@code m}
     */
    public static Outcome verify(Machine m, Parts parts) {
        Objects.requireNonNull(m, "machine");
        long r = parts.radius();
        if (r < 0 || -r < m.min() || r > m.max()) {
            throw new IllegalArgumentException("radius code " + r + " outside the codes " + m.min() + ".." + m.max());
        }
        if (!m.arithmetic().saturates()) {
            return Outcome.failed("the arithmetic does not saturate (S_I needs every value finite and clamped)");
        }
        TreeSet<Long> length = new TreeSet<>();
        List<long[]> terms = new ArrayList<>(); // per detector: its sign and its nonzero outputs
        for (long a = -r; a <= r; a++) {
            for (IndicatorGadgets.Kind k : IndicatorGadgets.Kind.values()) {
                boolean trivial = k == IndicatorGadgets.Kind.LO ? a == -r : a == r;
                if (trivial) {
                    continue;
                }
                List<Stage> chain = (k == IndicatorGadgets.Kind.LO ? parts.lo() : parts.hi()).get(a);
                String failure = detector(m, r, k, a, chain, terms);
                if (!failure.isEmpty()) {
                    return Outcome.failed(failure);
                }
                length.add((long) chain.size());
            }
        }
        if (length.size() > 1) {
            return Outcome.failed("detectors of different lengths " + length);
        }
        return norAndOutput(m, parts, length.isEmpty() ? 0 : length.first().intValue(), terms);
    }

    /** Checks one detector on every code of the domain; adds its sign and nonzero outputs to {@code terms}. */
    private static String detector(Machine m, long r, IndicatorGadgets.Kind k, long a, List<Stage> chain,
            List<long[]> terms) {
        String name = k + "_" + m.dec(a);
        if (chain == null || chain.isEmpty()) {
            return "no detector " + name;
        }
        TreeSet<Long> viol = new TreeSet<>();
        for (long x = -r; x <= r; x++) {
            long y = x;
            for (Stage s : chain) {
                if (s.copies() != 1) {
                    return "detector " + name + " has a stage with " + s.copies() + " copies";
                }
                y = m.neuron(s.bias(), s.weight(), y);
            }
            boolean ok = k == IndicatorGadgets.Kind.LO ? x >= a : x <= a;
            if (ok != (y == 0)) {
                return "detector " + name + " is " + m.dec(y) + " at " + m.dec(x);
            }
            if (y != 0) {
                viol.add(y);
            }
        }
        if (viol.first() < 0 && viol.last() > 0) {
            return "detector " + name + " has outputs of both signs";
        }
        long[] t = new long[viol.size() + 1];
        t[0] = Long.signum(viol.first());
        int i = 1;
        for (long y : viol) {
            t[i++] = y;
        }
        terms.add(t);
        return "";
    }

    /** The NOR over every detector output, the normalizer and the output decompositions. */
    private static Outcome norAndOutput(Machine m, Parts p, int detectorLength, List<long[]> terms) {
        long b = p.norBias();
        long w = p.norWeight();
        if (!m.contains(-w)) {
            return Outcome.failed("the NOR weight " + m.dec(w) + " has no negative in F");
        }
        int sigma = 0;
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (long[] t : terms) {
            long wi = t[0] > 0 ? w : -w;
            for (int i = 1; i < t.length; i++) {
                long a1 = m.pre(b, wi, t[i]);
                int s = Long.signum(a1 - b);
                boolean termSign = !m.perOp() || Long.signum(m.mul(wi, t[i])) == s;
                if (s == 0 || !termSign || (sigma != 0 && s != sigma)) {
                    return Outcome.failed("NOR: the detector value " + m.dec(t[i]) + " does not move the accumulator "
                            + m.dec(b) + " strictly in the common direction");
                }
                sigma = s;
                lo = Math.min(lo, a1);
                hi = Math.max(hi, a1);
            }
        }
        if (sigma == 0) {
            return Outcome.failed("the domain has one point: there is no detector (every function is a constant bias)");
        }
        long on = m.tau(b);
        long off = sigma < 0 ? m.tau(m.min()) : m.tau(m.max());
        for (long z = sigma < 0 ? m.min() : lo; z <= (sigma < 0 ? hi : m.max()); z++) {
            if (m.tau(z) != off) {
                return Outcome.failed("NOR: tau is not constant beyond the first violated term (at " + m.dec(z) + ")");
            }
        }
        if (on == off) {
            return Outcome.failed("NOR: on = off = " + m.dec(on));
        }
        long zero = apply(m, p.normalizer(), off);
        long high = apply(m, p.normalizer(), on);
        if (zero != 0 || high != p.high() || high == 0) {
            return Outcome.failed("normalizer maps off " + m.dec(off) + " to " + m.dec(zero) + " and on " + m.dec(on)
                    + " to " + m.dec(high) + " (wanted 0 and a nonzero high " + m.dec(p.high()) + ")");
        }
        int maxTerms = 0;
        for (long c = m.min(); c <= m.max(); c++) {
            long[] ws = c == 0 ? new long[0] : p.output().get(c);
            if (ws == null || output(m, ws, high) != c) {
                return Outcome.failed("no output weights reach " + m.dec(c) + " from the bias 0");
            }
            maxTerms = Math.max(maxTerms, ws.length);
        }
        return new Outcome(Optional.of(new IndicatorCertificate(m, p, detectorLength, off, on, maxTerms)), "");
    }

    private static long apply(Machine m, List<Stage> chain, long y) {
        long v = y;
        for (Stage s : chain) {
            if (s.copies() != 1) {
                return Long.MIN_VALUE;
            }
            v = m.neuron(s.bias(), s.weight(), v);
        }
        return v;
    }

    /** The output accumulator with bias 0 and one copy of the indicator value {@code high} per weight. */
    static long output(Machine m, long[] ws, long high) {
        long[] ys = new long[ws.length];
        java.util.Arrays.fill(ys, high);
        return m.accumulate(0, ws, ys, ws.length);
    }

    /** The setting the certificate was verified in. */
    public Machine machine() {
        return m;
    }

    /** The verified parts. */
    public Parts parts() {
        return parts;
    }

    /** The domain's radius as a code: inputs are the codes {@code -radius()..radius()}. */
    public long radius() {
        return parts.radius();
    }

    /** Whether the domain is all of F. */
    public boolean wholeFormat() {
        return -parts.radius() == m.min() && parts.radius() == m.max();
    }

    /** Hidden layers of every detector. */
    public int detectorLength() {
        return detectorLength;
    }

    /** Hidden layers of the network for {@code f}, in every dimension: detectors, NOR, normalizer. */
    public int hiddenLayers() {
        return detectorLength + 1 + parts.normalizer().size();
    }

    /** The most output terms (copies of one point's indicator) any target value needs. */
    public int maxOutputTerms() {
        return maxTerms;
    }

    /**
     * An upper bound on the hidden neurons a point {@code v} with {@code f(v) != 0} adds in dimension
     * {@code d}: its {@code 2d} detector chains (shared between points with a common threshold) and, per
     * output term, a NOR and a normalizer chain.
     *
     * @throws IllegalArgumentException if {@code d < 1}
     */
    public long neuronsPerPoint(int d) {
        if (d < 1) {
            throw new IllegalArgumentException("d must be >= 1, was " + d);
        }
        return 2L * d * detectorLength + (long) maxTerms * (1 + parts.normalizer().size());
    }

    /** The certificate in values of the format, one line. */
    public String describe() {
        Stage first = parts.lo().isEmpty() ? null : parts.lo().values().iterator().next().get(0);
        return "indicator certificate S_I (Theorem FS, docs/THEORY.md §15) on the codes "
                + "-" + parts.radius() + ".." + parts.radius() + " (|x| <= " + m.dec(parts.radius()) + "): "
                + (parts.lo().size() + parts.hi().size()) + " threshold detectors of " + detectorLength + " layer(s)"
                + (first == null ? "" : " (e.g. LO first neuron " + first.describe(m.arithmetic()) + ")")
                + ", each 0 exactly on its side and of one sign elsewhere on every input of the domain; NOR tau("
                + m.dec(parts.norBias()) + " + " + m.dec(parts.norWeight()) + "*sum) with on " + m.dec(on) + ", off "
                + m.dec(off) + " on every accumulator a violated detector can cause; normalizer of "
                + parts.normalizer().size() + " layer(s) to (0, " + m.dec(parts.high()) + "); every value of F reached"
                + " from the output bias 0 by at most " + maxTerms + " term(s); " + hiddenLayers()
                + " hidden layers in every dimension";
    }
}

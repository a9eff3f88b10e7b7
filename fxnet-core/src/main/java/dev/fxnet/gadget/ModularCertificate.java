package dev.fxnet.gadget;

import java.util.Arrays;
import java.util.Optional;

/**
 * The certificate of Theorem W (docs/THEORY.md §12): under two's complement {@code WRAP}, a unit
 * of the ring {@code (Z/2^n)[X]/(X^N - 1)} among the hidden signals of one input, point tests with
 * the levels {@code (on, off)}, an AND gadget and an output weight. Immutable. Its parts:
 * <ul>
 *   <li>{@code unit}: a shift-closed family {@code h} and weight {@code wu} with {@code e = T(wu, h)}
 *       of odd sum (Lemma U: {@code e} is a unit, so every function {@code F -> Z/2^n} is an integer
 *       combination of the shifts of {@code e});</li>
 *   <li>the point test {@code P_v(x) = tau(testBias + testGain [x = v])} one layer above {@code h}:
 *       {@code on = tau(testBias + testGain)}, {@code off = tau(testBias)};</li>
 *   <li>the AND ({@link ModularAnd}), checked on {@code {on, off}^2};</li>
 *   <li>{@code outputWeight} with {@code T(w, on) - T(w, off)} odd (the modular output).</li>
 * </ul>
 */
public record ModularCertificate(UnitRecipe unit, long testBias, long testGain, long on, long off,
        ModularAnd and, long outputWeight) {
    /** Above this many codes the unit is checked by its odd sum and Lemma U, not by computing its inverse. */
    public static final long EXPLICIT_LIMIT = 1L << 10;

    /** @throws IllegalArgumentException if the levels coincide or there is no AND weight */
    public ModularCertificate {
        if (on == off) {
            throw new IllegalArgumentException("the levels of the point tests coincide: " + on);
        }
        java.util.Objects.requireNonNull(and, "and");
    }

    /** Hidden layers of the network for dimension {@code d}: the unit's depth, the tests, and the AND tree. */
    public int hiddenLayers(int d) {
        return unit.depth() + 1 + and.depth() * ceilLog2(d);
    }

    static int ceilLog2(int d) {
        return d <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(d - 1);
    }

    /**
     * Checks every part by computation with the machine's operations: the unit's odd sum; for at most
     * {@link #EXPLICIT_LIMIT} codes also its inverse and the point test at the first code evaluated on
     * every input; the levels; the AND on its four input pairs ({@link Machine#accumulate}); the output
     * weight's odd difference. Empty when all hold, else what failed.
     */
    public Optional<String> verify(Machine m) {
        ModularTerms t = ModularTerms.of(m);
        long[] e = unit.unit(m, t);
        if (e == null || !ModularRing.oddSum(e)) {
            return Optional.of("the unit " + unit.describe(m) + " does not have an odd sum");
        }
        if (t.tauOf(testBias + testGain) != on || t.tauOf(testBias) != off) {
            return Optional.of("the point test's levels are not (" + on + ", " + off + ")");
        }
        if (m.size() <= EXPLICIT_LIMIT) {
            Optional<String> explicit = verifyPointTest(m, t, e);
            if (explicit.isPresent()) {
                return explicit;
            }
        }
        for (int j = 0; j < 4; j++) {
            long s1 = (j & 1) != 0 ? on : off;
            long s2 = (j & 2) != 0 ? on : off;
            long want = j == 3 ? on : off;
            if (and.output(m, s1, s2) != want) {
                return Optional.of("the AND gadget gives " + and.output(m, s1, s2) + " on (" + s1 + ", " + s2 + ")");
            }
        }
        long dOut = outputDifference(t);
        if (dOut == ModularTerms.INEXACT || (dOut & 1) == 0) {
            return Optional.of("the output weight " + outputWeight + " does not give an odd difference");
        }
        return Optional.empty();
    }

    /** {@code T(w, on) - T(w, off)} for the output weight, or {@link ModularTerms#INEXACT}. */
    public long outputDifference(ModularTerms t) {
        long a = t.term(outputWeight, on);
        long b = t.term(outputWeight, off);
        return a == ModularTerms.INEXACT || b == ModularTerms.INEXACT ? ModularTerms.INEXACT : t.residue(a - b);
    }

    /** The combination coefficients of the point test at index 0: {@code testGain e^-1}. */
    public long[] pointCoefficients(Machine m, ModularTerms t) {
        long[] e = unit.unit(m, t);
        long[] inv = ModularRing.inverse(e).orElseThrow(() -> new IllegalStateException("the unit has an even sum"));
        long[] k = new long[inv.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = t.residue(inv[i] * testGain);
        }
        return k;
    }

    private Optional<String> verifyPointTest(Machine m, ModularTerms t, long[] e) {
        long[] k = pointCoefficients(m, t);
        long[] acc = ModularRing.multiply(k, e);
        long[] want = ModularRing.delta(e.length, 0);
        want[0] = t.residue(testGain);
        if (!Arrays.equals(acc, want)) {
            return Optional.of("the combination of the unit's shifts is not testGain at one code and 0 elsewhere");
        }
        for (int i = 0; i < e.length; i++) {
            long out = t.tauOf(testBias + acc[i]);
            if (out != (i == 0 ? on : off)) {
                return Optional.of("the point test gives " + out + " at index " + i);
            }
        }
        return Optional.empty();
    }

    /** One line: the unit, the levels, the AND and the output weight, values in decimals. */
    public String describe(Machine m) {
        return "Theorem W (docs/THEORY.md §12): unit e = " + unit.describe(m) + " (odd sum, a unit mod 2^n by Lemma U"
                + (m.size() <= EXPLICIT_LIMIT ? "; inverse computed and the point test evaluated on every code" : "") + ")"
                + ", point tests tau(" + m.dec(testBias) + " + " + m.dec(testGain) + "*[x = v]) with levels ("
                + m.dec(on) + ", " + m.dec(off) + "), AND " + and.describe(m) + ", output weight " + m.dec(outputWeight);
    }
}

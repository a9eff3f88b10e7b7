package dev.fxnet.gadget;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.testing.LongTests;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Proposition I of docs/THEORY.md §12.7 (the identity under two's complement WRAP, PER_OP,
 * {@code q >= 1}): the wrap defect (Lemma D) and the halving chain (Lemma H) computed with an
 * independent oracle (rounding by {@link BigDecimal}, wrap by hand, the SPEC's PER_OP accumulator),
 * for every format with {@code 2 <= n <= 10}; the recipe evaluated by {@link UnitRecipe#hidden}
 * through the machine agrees with the oracle; and Theorem W's search finds a verified certificate for
 * every rounding and {@code n <= 6} ({@code n <= 8} with -Plong), PER_OP.
 */
class WrapDefectTest {
    private static final Set<Rounding> DOWNWARD = EnumSet.of(Rounding.FLOOR, Rounding.HALF_FLOOR);
    private static final Set<Rounding> UPWARD = EnumSet.of(Rounding.CEILING, Rounding.HALF_CEILING);

    /** {@code rho(num / 2^q)} on integers, from the SPEC's definitions of the nine modes. */
    private static long round(long num, int q, Rounding mode) {
        BigDecimal v = new BigDecimal(BigInteger.valueOf(num)).divide(BigDecimal.valueOf(1L << q));
        return switch (mode) {
            case HALF_CEILING -> v.add(new BigDecimal("0.5")).setScale(0, RoundingMode.FLOOR).longValueExact();
            case HALF_FLOOR -> v.subtract(new BigDecimal("0.5")).setScale(0, RoundingMode.CEILING).longValueExact();
            default -> v.setScale(0, RoundingMode.valueOf(mode.name())).longValueExact();
        };
    }

    /** Reduction into the code range {@code [-2^(n-1), 2^(n-1) - 1]}. */
    private static long wrap(long v, int n) {
        long r = Math.floorMod(v, 1L << n);
        return r >= 1L << (n - 1) ? r - (1L << n) : r;
    }

    /** The term {@code w (*) y} under PER_OP (codes): {@code wrap(rho(w y / 2^q))}. */
    private static long term(long w, long y, int q, int n, Rounding mode) {
        return wrap(round(w * y, q, mode), n);
    }

    @Test
    void defectAndChainGiveAnOddSumInEveryFormat() {
        int checked = 0;
        for (int n = 2; n <= 10; n++) {
            for (int q = 1; q <= n - 1; q++) {
                int p = n - 1 - q;
                for (Rounding mode : Rounding.values()) {
                    boolean symmetric = !DOWNWARD.contains(mode) && !UPWARD.contains(mode);
                    if (symmetric && p == 0) {
                        continue;
                    }
                    check(p, q, mode, symmetric);
                    checked++;
                }
            }
        }
        assertTrue(checked > 300, "checked " + checked);
    }

    private static void check(int p, int q, Rounding mode, boolean symmetric) {
        int n = 1 + p + q;
        long m = -(1L << (n - 1));
        long half = 1L << (q - 1);
        long one = 1L << q;
        String where = "p=" + p + ",q=" + q + " " + mode;
        long[] s = new long[1 << n];
        for (int i = 0; i < s.length; i++) {
            long x = m + i;
            long ya = wrap(-x, n);
            long acc;
            if (symmetric) {
                long yb = wrap(x, n);
                acc = wrap(term(half, ya, q, n, mode) + term(half, yb, q, n, mode), n);
            } else {
                long yb = wrap(1 - x, n);
                acc = wrap(wrap(term(half, ya, q, n, mode) + term(half, yb, q, n, mode), n)
                        + term(-one, ya, q, n, mode), n);
            }
            // Lemma D: the defect sits at x = m (symmetric) or x = -M = m + 1, with the value m (+1 upward)
            long at = symmetric ? m : m + 1;
            long base = UPWARD.contains(mode) ? 1 : 0;
            assertEquals(x == at ? wrap(m + base, n) : base, acc, where + " defect at x = " + x);
            s[i] = acc;
        }
        for (int k = 0; k < n - 2; k++) { // Lemma H: n - 2 halvings by the weight 0.5
            for (int i = 0; i < s.length; i++) {
                s[i] = term(half, s[i], q, n, mode);
            }
        }
        long sum = 0;
        for (long v : s) {
            sum += term(half, v, q, n, mode);
        }
        assertEquals(1, Math.floorMod(sum, 2), where + " odd sum");
        Machine machine = machine(p, q, mode);
        assertArrayEquals(s, recipe(machine, symmetric).hidden(machine, ModularTerms.of(machine)), where + " hidden");
    }

    private static Machine machine(int p, int q, Rounding mode) {
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(p, q, Encoding.TWOS_COMPLEMENT), mode,
                Overflow.WRAP);
        return Setting.of(ar, Accumulation.PER_OP, Activations.named("identity")).machine();
    }

    /** Proposition I's recipe: the defect's taps, bias 0, {@code n - 2} stages {@code tau(0 + 0.5 y)}, unit weight 0.5. */
    private static UnitRecipe recipe(Machine m, boolean symmetric) {
        ModularTerms t = ModularTerms.of(m);
        long one = -t.minusOne();
        long half = one / 2;
        List<Tap> taps = symmetric ? List.of(new Tap(0, -1, half), new Tap(0, 1, half))
                : List.of(new Tap(0, -1, half), new Tap(1, -1, half), new Tap(0, -1, -one));
        List<Stage> chain = new ArrayList<>();
        int n = Long.numberOfTrailingZeros(m.size());
        for (int k = 0; k < n - 2; k++) {
            chain.add(Stage.of(0, half, 1));
        }
        return new UnitRecipe(taps, 0, chain, half);
    }

    @Test
    void theoremWSearchCertifiesTheIdentityWithAFractionalBit() {
        int maxN = LongTests.enabled() ? 8 : 6; // 256 codes take most of the time: -Plong only
        for (int n = 2; n <= maxN; n++) {
            for (int q = 1; q <= n - 1; q++) {
                for (Rounding mode : Rounding.values()) {
                    Machine m = machine(n - 1 - q, q, mode);
                    ModularSearch.Outcome o = ModularSearch.search(m);
                    assertTrue(o.certificate().isPresent(), "p=" + (n - 1 - q) + ",q=" + q + " " + mode + ": " + o.tried());
                    assertTrue(o.certificate().get().verify(m).isEmpty());
                }
            }
        }
    }
    /** Lemma WU: under WIDE and UP the parity of {@code sum_x rho_UP(c + y / 2^q)} is that of {@code A(c)}. */
    @Test
    void inexactOneSourceFamilyUnderWideFollowsLemmaWU() {
        for (int p = 1; p <= 3; p++) {
            for (int q = 1; q <= 4 - p + 1; q++) {
                int n = 1 + p + q;
                long m = -(1L << (n - 1));
                FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(p, q, Encoding.TWOS_COMPLEMENT),
                        Rounding.UP, Overflow.WRAP);
                Machine wide = Setting.of(ar, Accumulation.WIDE, Activations.named("identity")).machine();
                for (long c = m; c <= -m - 1; c++) {
                    long sum = 0;
                    for (long x = m; x <= -m - 1; x++) {
                        long y = wrap(-x, n);
                        long h = wrap(round((c << q) + y, q, Rounding.UP), n);
                        assertEquals(h, wide.neuron(c, 1, y), "p=" + p + ",q=" + q + " c=" + c + " y=" + y);
                        sum += h;
                    }
                    long a = 0;
                    for (long k = -(1L << p); k <= (1L << p) - 1; k++) {
                        a += c + k >= 0 ? 1 : 0;
                    }
                    assertEquals(Math.floorMod(a, 2), Math.floorMod(sum, 2), "p=" + p + ",q=" + q + " c=" + c);
                }
            }
        }
    }
}

package dev.fxnet.arith;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.upokecenter.numbers.EFloat;
import dev.fxnet.oracle.EFloatOracle;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #15 acceptance point 1 for {@code (+)} and {@code (*)}: every pair of operands of e4m3, e5m2, e3m2,
 * e2m3, e2m1 and {@code float(3,4)}, in all nine modes and each overflow policy the format allows,
 * against {@link EFloatOracle} (peteroupc EFloat, no fxnet code). Operands include the specials the
 * policy produces (IEEE 754 semantics from EFloat). fxnet's results are compared through their bit
 * patterns, decoded by the oracle. Expected: 0 mismatches.
 */
class FloatEFloatOracleTest {

    static Stream<Arguments> settings() {
        List<Arguments> list = new ArrayList<>();
        for (String name : new String[] {"e4m3", "e5m2", "e3m2", "e2m3", "e2m1", "float(3,4)"}) {
            FloatFormat f = FloatFormat.parse(name);
            for (FloatOverflow pol : FloatOverflow.values()) {
                boolean ok = pol == FloatOverflow.SATFINITE || (pol == FloatOverflow.INF && f.hasInfinity())
                        || (pol == FloatOverflow.NAN && f.specials() == FloatFormat.Specials.FN);
                if (ok) {
                    list.add(Arguments.of(name, pol));
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("settings")
    void everyPairInEveryMode(String name, FloatOverflow pol) {
        FloatFormat f = FloatFormat.parse(name);
        EFloatOracle o = new EFloatOracle(f.exponentBits(), f.mantissaBits(), f.bias(), f.specials().name());
        List<Long> codes = new ArrayList<>();
        for (long c = f.minCode(); c <= f.maxCode(); c++) {
            codes.add(c);
        }
        if (pol == FloatOverflow.INF) {
            codes.add(f.negativeInfinityCode());
            codes.add(f.positiveInfinityCode());
        }
        if (pol != FloatOverflow.SATFINITE) {
            codes.add(f.nanCode());
        }
        int k = codes.size();
        EFloat[] vals = new EFloat[k];
        for (int i = 0; i < k; i++) {
            vals[i] = toEFloat(o.decode(f.bits(codes.get(i))));
        }
        FloatArithmetic[] ariths = new FloatArithmetic[Rounding.values().length];
        for (Rounding r : Rounding.values()) {
            ariths[r.ordinal()] = FloatArithmetic.of(f, r, pol);
        }
        long mismatches = 0;
        String first = null;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                EFloat sum = vals[i].Add(vals[j]); // exact
                EFloat prod = vals[i].Multiply(vals[j]); // exact
                for (Rounding r : Rounding.values()) {
                    FloatArithmetic a = ariths[r.ordinal()];
                    EFloatOracle.Result es = expected(o, sum, r, pol);
                    EFloatOracle.Result gs = o.decode(f.bits(a.add(codes.get(i), codes.get(j))));
                    EFloatOracle.Result ep = expected(o, prod, r, pol);
                    EFloatOracle.Result gp = o.decode(f.bits(a.multiply(codes.get(i), codes.get(j))));
                    if (!es.equals(gs) || !ep.equals(gp)) {
                        mismatches++;
                        if (first == null) {
                            first = a + ": " + vals[i] + ", " + vals[j] + ": sum " + gs + " expected " + es
                                    + ", product " + gp + " expected " + ep;
                        }
                    }
                }
            }
        }
        assertEquals(0, mismatches, first);
    }

    /** WIDE sums (bias + sum copies * w * y, one rounding) and fma, random operands, every mode and policy. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("settings")
    void fusedSumsAndFma(String name, FloatOverflow pol) {
        FloatFormat f = FloatFormat.parse(name);
        EFloatOracle o = new EFloatOracle(f.exponentBits(), f.mantissaBits(), f.bias(), f.specials().name());
        java.util.Random rnd = new java.util.Random(name.hashCode() * 31L + pol.ordinal());
        for (Rounding r : Rounding.values()) {
            FloatArithmetic a = FloatArithmetic.of(f, r, pol);
            for (int trial = 0; trial < 400; trial++) {
                int count = rnd.nextInt(9);
                long[] w = new long[count];
                long[] y = new long[count];
                long[] copies = new long[count];
                long bias = randomFinite(rnd, f);
                EFloat exact = o.decode(f.bits(bias)).value;
                EFloat exactOnce = exact;
                for (int i = 0; i < count; i++) {
                    w[i] = randomFinite(rnd, f);
                    y[i] = randomFinite(rnd, f);
                    copies[i] = rnd.nextInt(4);
                    EFloat p = o.decode(f.bits(w[i])).value.Multiply(o.decode(f.bits(y[i])).value);
                    exact = exact.Add(p.Multiply(EFloat.FromInt64(copies[i])));
                    exactOnce = exactOnce.Add(p);
                }
                EFloatOracle.Result want = o.round(exact, r.name(), pol.name());
                EFloatOracle.Result got = o.decode(f.bits(a.fusedSum(bias, w, y, copies, count)));
                assertEquals(want, got, a + " fused sum of " + count);
                assertEquals(o.round(exactOnce, r.name(), pol.name()), o.decode(f.bits(a.fusedSum(bias, w, y, count))),
                        a + " fused sum");
                if (count > 0) {
                    EFloat fma = o.decode(f.bits(bias)).value.Add(o.decode(f.bits(w[0])).value
                            .Multiply(o.decode(f.bits(y[0])).value));
                    assertEquals(o.round(fma, r.name(), pol.name()), o.decode(f.bits(a.fma(w[0], y[0], bias))), a + " fma");
                }
            }
        }
    }

    /** Codes near zero, near the ends and uniform, each a third of the time. */
    private static long randomFinite(java.util.Random rnd, FloatFormat f) {
        long n = f.maxCode();
        long c;
        switch (rnd.nextInt(3)) {
            case 0:
                c = rnd.nextInt((int) Math.min(n, 8) + 1);
                break;
            case 1:
                c = n - rnd.nextInt((int) Math.min(n, 8));
                break;
            default:
                c = rnd.nextInt((int) n + 1);
        }
        return rnd.nextBoolean() ? c : -c;
    }

    private static EFloatOracle.Result expected(EFloatOracle o, EFloat exact, Rounding r, FloatOverflow pol) {
        if (exact.IsNaN()) {
            return o.decode((1 << (o.e + o.m)) - 1); // the canonical NaN pattern decodes to nan
        }
        if (exact.IsInfinity()) {
            return o.decode((exact.signum() < 0 ? 1 << (o.e + o.m) : 0) | (((1 << o.e) - 1) << o.m));
        }
        return o.round(exact, r.name(), pol.name());
    }

    private static EFloat toEFloat(EFloatOracle.Result r) {
        if (r.special == null) {
            return r.value;
        }
        switch (r.special) {
            case "inf":
                return EFloat.PositiveInfinity;
            case "-inf":
                return EFloat.NegativeInfinity;
            default:
                return EFloat.NaN;
        }
    }
}

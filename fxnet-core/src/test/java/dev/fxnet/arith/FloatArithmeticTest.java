package dev.fxnet.arith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.oracle.FloatGridOracle;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * FloatFormat and FloatArithmetic against SPEC §8's table and the brute-force {@link FloatGridOracle}
 * (values decoded from bit patterns by the SPEC's formulas, rounding by neighbour search).
 */
class FloatArithmeticTest {

    @Test
    void presetsMatchSpecTable() {
        assertEquals(new BigDecimal("65504"), FloatFormat.parse("binary16").largest());
        assertEquals(new BigDecimal("65504"), FloatFormat.parse("HALF").largest());
        assertEquals(new BigDecimal("57344"), FloatFormat.parse("float8_e5m2").largest());
        assertEquals(new BigDecimal("448"), FloatFormat.parse("E4M3").largest());
        assertEquals(new BigDecimal("28"), FloatFormat.parse("e3m2").largest());
        assertEquals(new BigDecimal("7.5"), FloatFormat.parse("e2m3").largest());
        assertEquals(new BigDecimal("6"), FloatFormat.parse("float4_e2m1fn").largest());
        // bfloat16: (2 - 2^-7) 2^127
        assertEquals(0, new BigDecimal(2 - Math.scalb(1.0, -7)).multiply(FloatGridOracle.pow2(127))
                .compareTo(FloatFormat.parse("bfloat16").largest()));
        assertEquals("e4m3", FloatFormat.of(4, 3, 7, FloatFormat.Specials.FN).toString());
        assertEquals("float(1,1,specials=FINITE)", FloatFormat.parse("float( 1 , 1, specials=finite)").toString());
        assertEquals("float(3,4)", FloatFormat.parse("float(3,4)").toString());
        assertEquals("binary16", FloatFormat.parse("float(5,10)").toString());
        assertEquals("float(3,4,bias=1)", FloatFormat.parse("float(3,4,bias=1)").toString());
    }

    @Test
    void refusals() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FloatFormat.parse("float(9,9)")).getMessage()
                .contains("19 bits"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FloatFormat.parse("float(0,3)")).getMessage()
                .contains(">= 1"));
        assertThrows(IllegalArgumentException.class, () -> FloatFormat.parse("float(3,4,foo=1)"));
        assertThrows(IllegalArgumentException.class, () -> FloatFormat.parse("e9m9"));
        assertThrows(IllegalArgumentException.class, () -> FloatFormat.parse("float(1,0,specials=FN)")); // only zero
        assertThrows(IllegalArgumentException.class, () -> FloatFormat.parse("float(3,0)")); // IEEE NaN needs m >= 1
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> FloatArithmetic.of(FloatFormat.parse("e4m3"), Rounding.HALF_EVEN, FloatOverflow.INF)).getMessage()
                .contains("INF"));
        assertThrows(IllegalArgumentException.class,
                () -> FloatArithmetic.of(FloatFormat.parse("e5m2"), Rounding.HALF_EVEN, FloatOverflow.NAN));
    }

    @Test
    void codesAreRanksAndBitsRoundTrip() {
        for (String name : new String[] {"e4m3", "e5m2", "e3m2", "e2m3", "e2m1", "float(3,4)", "binary16"}) {
            FloatFormat f = FloatFormat.parse(name);
            FloatGridOracle o = oracle(f);
            assertEquals(o.n, f.positiveCount(), name);
            for (long c = -o.n; c <= o.n; c++) {
                assertEquals(0, o.value(c).compareTo(f.value(c)), name + " code " + c);
                assertEquals(c, f.codeOfBits(f.bits(c)), name);
            }
            int negZero = 1 << (f.totalBits() - 1);
            assertEquals(0, f.codeOfBits(negZero));
            if (f.hasNaN()) {
                int nanBits = f.bits(f.nanCode());
                assertEquals((1 << (f.totalBits() - 1)) - 1, nanBits, name);
                assertEquals(f.nanCode(), f.codeOfBits(nanBits | negZero));
            }
            if (f.hasInfinity()) {
                assertEquals(f.positiveInfinityCode(), f.codeOfBits(((1 << f.exponentBits()) - 1) << f.mantissaBits()));
            }
        }
        assertEquals(0x38, FloatFormat.parse("e4m3").bits(FloatFormat.parse("e4m3").codeOfBits(56)));
        assertEquals(0, FloatFormat.parse("e4m3").value(FloatFormat.parse("e4m3").codeOfBits(56)).compareTo(BigDecimal.ONE));
    }

    @Test
    void addAndMultiplyAgreeWithBruteForceOnSmallFormats() {
        for (String name : new String[] {"e2m1", "e3m2", "float(2,0,specials=FINITE)", "float(3,1)", "float(3,0,specials=FN)",
            "float(2,2,bias=-1,specials=FN)"}) {
            FloatFormat f = FloatFormat.parse(name);
            for (FloatOverflow pol : FloatOverflow.values()) {
                if (!allowed(f, pol)) {
                    continue;
                }
                for (Rounding r : Rounding.values()) {
                    checkAllPairs(FloatArithmetic.of(f, r, pol), oracle(f));
                }
            }
        }
        FloatFormat e4m3 = FloatFormat.parse("e4m3");
        checkAllPairs(FloatArithmetic.of(e4m3, Rounding.HALF_EVEN, FloatOverflow.NAN), oracle(e4m3));
        checkAllPairs(FloatArithmetic.of(e4m3, Rounding.FLOOR, FloatOverflow.SATFINITE), oracle(e4m3));
    }

    @Test
    void hugeAndTinyDecimalsAreNotExpanded() {
        FloatFormat f = FloatFormat.parse("bfloat16");
        for (Rounding r : Rounding.values()) {
            FloatArithmetic a = FloatArithmetic.of(f, r, FloatOverflow.INF);
            boolean up = r == Rounding.UP || r == Rounding.CEILING;
            assertEquals(up ? 1 : 0, a.round(new BigDecimal("1e-999999999")), r.name());
            assertEquals(r == Rounding.UP || r == Rounding.FLOOR ? -1 : 0, a.round(new BigDecimal("-1e-999999999")));
            long big = a.round(new BigDecimal("1e999999999"));
            boolean inf = r.isNearest() || r == Rounding.UP || r == Rounding.CEILING;
            assertEquals(inf ? a.maxCode() + 1 : a.maxCode(), big, r.name());
            // the boundary decimals just inside the shortcuts agree with the exact path
            assertEquals(a.round(new BigDecimal("1e-340")), a.round(new BigDecimal("1e-341")), r.name());
        }
    }

    @Test
    void specialOperandsFollowIeee() {
        FloatArithmetic a = FloatArithmetic.of(FloatFormat.parse("e5m2"), Rounding.HALF_EVEN, FloatOverflow.INF);
        long inf = a.maxCode() + 1;
        long nan = a.maxCode() + 2;
        assertEquals(nan, a.add(inf, -inf));
        assertEquals(inf, a.add(inf, a.maxCode()));
        assertEquals(nan, a.multiply(0, inf));
        assertEquals(-inf, a.multiply(-3, inf));
        assertEquals(nan, a.add(nan, 1));
        assertEquals(inf, a.add(a.maxCode(), a.maxCode()));
        assertEquals("inf", a.decimal(inf));
        assertEquals("-inf", a.decimal(-inf));
        assertEquals("nan", a.decimal(nan));
        assertFalse(a.isFinite(inf));
        assertTrue(a.isFinite(a.minCode()));
        assertThrows(ArithmeticException.class, () -> a.value(nan));
        assertEquals(nan, a.fusedSum(0, new long[] {inf, -inf}, new long[] {5, 5}, 2));
        assertEquals(nan, a.fusedSum(0, new long[] {inf}, new long[] {0}, 1));
        assertEquals(-inf, a.fusedSum(3, new long[] {inf, 2}, new long[] {-5, 7}, 2));
    }

    private static boolean allowed(FloatFormat f, FloatOverflow pol) {
        return pol == FloatOverflow.SATFINITE || (pol == FloatOverflow.INF && f.hasInfinity())
                || (pol == FloatOverflow.NAN && f.specials() == FloatFormat.Specials.FN);
    }

    static FloatGridOracle oracle(FloatFormat f) {
        return new FloatGridOracle(f.exponentBits(), f.mantissaBits(), f.bias(), f.specials().name());
    }

    private static void checkAllPairs(FloatArithmetic a, FloatGridOracle o) {
        String mode = a.rounding().name();
        String pol = a.overflow().name();
        for (long x = -o.n; x <= o.n; x++) {
            for (long y = -o.n; y <= o.n; y++) {
                BigDecimal vx = o.value(x);
                BigDecimal vy = o.value(y);
                assertEquals(o.round(vx.add(vy), mode, pol), a.add(x, y), () -> a + ": " + vx + " + " + vy);
                assertEquals(o.round(vx.multiply(vy), mode, pol), a.multiply(x, y), () -> a + ": " + vx + " * " + vy);
            }
        }
    }
}

package dev.fxnet.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/** The enclosures of {@link IntervalMath} contain independently computed values and are narrow. */
class IntervalMathTest {
    private static final MathContext MC = new MathContext(120);
    private static final String PI_100 = "3.14159265358979323846264338327950288419716939937510"
            + "58209749445923078164062862089986280348253421170679";

    /** Checks an enclosure against a reference value known to within 10^-110 relative. */
    private static void assertEnclosesApprox(BigDecimal[] e, BigDecimal ref, int digits, String what) {
        BigDecimal slack = ref.abs().movePointLeft(110);
        assertTrue(e[0].compareTo(ref.add(slack)) <= 0 && ref.subtract(slack).compareTo(e[1]) <= 0,
                what + ": " + ref + " not in [" + e[0] + ", " + e[1] + "]");
        assertTrue(e[1].subtract(e[0]).compareTo(ref.abs().movePointLeft(digits)) <= 0, what + ": too wide");
    }

    @Test
    void pi() {
        BigDecimal pi = new BigDecimal(PI_100);
        BigDecimal[] e = IntervalMath.pi(60);
        // pi lies in [PI_100, PI_100 + 10^-100], which must meet the enclosure
        assertTrue(e[0].compareTo(pi.add(BigDecimal.ONE.movePointLeft(100))) <= 0 && pi.compareTo(e[1]) <= 0);
        assertTrue(e[1].subtract(e[0]).compareTo(BigDecimal.ONE.movePointLeft(58)) < 0);
        BigDecimal[] s = IntervalMath.sqrtTwoOverPi(80);
        assertEnclosesApprox(s, BigDecimalMath.sqrt(BigDecimal.valueOf(2).divide(BigDecimalMath.pi(MC), MC), MC), 78, "sqrt(2/pi)");
    }

    @Test
    void exp() {
        for (String x : new String[] {"0", "0.0009765625", "1", "2.5", "17.125", "300", "699.999"}) {
            BigDecimal v = new BigDecimal(x);
            assertEnclosesApprox(IntervalMath.exp(v, v, 60), BigDecimalMath.exp(v, MC), 57, "exp " + x);
            assertEnclosesApprox(IntervalMath.expNeg(v, v, 60), BigDecimalMath.exp(v.negate(), MC), 57, "exp -" + x);
        }
        // far tails keep relative precision: e^-2400 ~ 10^-1042.3, its enclosure is 10^-1042.3 (1 +- 10^-35)
        BigDecimal[] e = IntervalMath.expNeg(BigDecimal.valueOf(2400), BigDecimal.valueOf(2400), 40);
        assertEquals(-1043, e[0].precision() - e[0].scale() - 1);
        assertTrue(e[1].subtract(e[0]).compareTo(e[0].movePointLeft(35)) < 0);
        assertEnclosesApprox(e, BigDecimalMath.exp(BigDecimal.valueOf(-2400), MC), 35, "exp -2400");
        assertThrows(IllegalArgumentException.class, () -> IntervalMath.exp(BigDecimal.ONE, BigDecimal.ZERO, 10));
    }

    @Test
    void oneMinusExpNegAndLog1p() {
        for (String x : new String[] {"9.313225746154785E-10", "0.001", "0.5", "1"}) {
            BigDecimal v = new BigDecimal(x);
            BigDecimal ref = BigDecimal.ONE.subtract(BigDecimalMath.exp(v.negate(), MC));
            assertEnclosesApprox(IntervalMath.oneMinusExpNeg(v, 60), ref, 55, "1 - e^-" + x);
            assertEnclosesApprox(IntervalMath.log1p(v, v, 60), BigDecimalMath.log(BigDecimal.ONE.add(v), MC), 55, "log1p " + x);
        }
        // log1p of a tiny argument keeps relative precision: log1p(1e-300) = 1e-300 - 5e-601 + ...
        BigDecimal u = BigDecimal.ONE.movePointLeft(300);
        BigDecimal[] l = IntervalMath.log1p(u, u, 50);
        BigDecimal ref = u.subtract(u.pow(2).divide(BigDecimal.valueOf(2))).add(u.pow(3).divide(BigDecimal.valueOf(3), MC));
        assertEnclosesApprox(l, ref, 48, "log1p 1e-300");
    }

    @Test
    void xMinusTanh() {
        for (String x : new String[] {"9.313225746154785E-10", "0.0625", "0.25", "0.5"}) {
            BigDecimal v = new BigDecimal(x);
            BigDecimal ref = v.subtract(BigDecimalMath.tanh(v, MC));
            assertEnclosesApprox(IntervalMath.xMinusTanh(v, 60), ref, 55, "x - tanh x at " + x);
            double d = TranscendentalActivation.xMinusTanh(v.doubleValue());
            assertEquals(ref.doubleValue(), d, Math.abs(ref.doubleValue()) * 1e-15);
        }
    }

    /**
     * The gelu tail by its two methods (Taylor series with cancellation, asymptotic expansion) must
     * overlap, and agree with erfc from an independent Maclaurin series at moderate x.
     */
    @Test
    void geluTail() {
        for (String x : new String[] {"0.001", "0.7", "1", "3.25", "6"}) {
            BigDecimal v = new BigDecimal(x);
            BigDecimal ref = v.subtract(BigMathReference.sigma("gelu", v)); // (x/2) erfc(x/sqrt2) = x - gelu(x)
            BigDecimal[] e = IntervalMath.geluTail(v, 60);
            BigDecimal slack = ref.movePointLeft(100);
            assertTrue(e[0].compareTo(ref.add(slack)) <= 0 && ref.subtract(slack).compareTo(e[1]) <= 0, "gelu tail " + x);
            assertTrue(e[1].subtract(e[0]).compareTo(ref.movePointLeft(55)) < 0, "gelu tail width " + x);
        }
        // x = 20: precision 40 uses the asymptotic expansion (x^2/4.6 = 87 >= 52), 100 the Taylor series
        BigDecimal v = BigDecimal.valueOf(20);
        BigDecimal[] a = IntervalMath.geluTail(v, 40);
        BigDecimal[] t = IntervalMath.geluTail(v, 100);
        assertTrue(a[0].compareTo(t[1]) <= 0 && t[0].compareTo(a[1]) <= 0, "asymptotic and Taylor enclosures overlap");
        assertTrue(t[0].compareTo(a[0]) >= 0 && t[1].compareTo(a[1]) <= 0, "the finer one lies inside the coarser");
        assertTrue(a[1].subtract(a[0]).compareTo(a[0].movePointLeft(38)) < 0);
    }
}

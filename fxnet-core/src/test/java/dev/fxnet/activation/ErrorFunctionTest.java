package dev.fxnet.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class ErrorFunctionTest {
    /**
     * The documented bound: {@code erfcHalfSqrt2(x) = erfc(x/sqrt2)} within relative {@code 2^-46} for
     * {@code 0 <= x <= 37}, against the rigorous enclosure (via the gelu tail {@code (x/2) erfc(x/sqrt2)}).
     */
    @Test
    void erfcHalfSqrt2MeetsItsErrorBound() {
        double worst = 0;
        for (int i = 1; i <= 500; i++) {
            double x = i * 0.074 - 0.0123 * Math.sin(i); // 0.06 .. 37, irregular spacing
            BigDecimal xb = new BigDecimal(x);
            BigDecimal[] t = IntervalMath.geluTail(xb, 25);
            BigDecimal mid = t[0].add(t[1]).divide(BigDecimal.valueOf(2));
            double approx = 0.5 * x * ErrorFunction.erfcHalfSqrt2(x); // the multiplications add < 2^-52
            double rel = new BigDecimal(approx).subtract(mid).abs().divide(mid, MathContext.DECIMAL64).doubleValue();
            worst = Math.max(worst, rel);
        }
        assertTrue(worst < 0x1p-46, "worst relative error 2^" + Math.log(worst) / Math.log(2));
    }

    @Test
    void erfAndPhiAreSane() {
        assertEquals(0.0, ErrorFunction.erf(0.0));
        assertEquals(0.8427007929497149, ErrorFunction.erf(1.0), 1e-15);
        assertEquals(-0.8427007929497149, ErrorFunction.erf(-1.0), 1e-15);
        assertEquals(0.9953222650189527, ErrorFunction.erf(2.0), 1e-15);
        assertEquals(7.513266438600968e-4, ErrorFunction.erf(0.000665846), 1e-18);
        assertEquals(1.5374597944280348e-12, ErrorFunction.erfc(5.0), 1e-26);
        assertEquals(0.5, ErrorFunction.phi(0.0));
        assertEquals(0.8413447460685429, ErrorFunction.phi(1.0), 1e-15);
        assertEquals(0.15865525393145707, ErrorFunction.phi(-1.0), 1e-15);
        assertEquals(0.0, ErrorFunction.erfc(30.0));
        assertThrows(IllegalArgumentException.class, () -> ErrorFunction.erfc(-1));
        assertThrows(IllegalArgumentException.class, () -> ErrorFunction.erfc(Double.NaN));
    }
}

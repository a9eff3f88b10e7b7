package dev.fxnet.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * {@link CertifiedRounding} on hand-worked cases: ties to even, non-terminating rationals,
 * transcendentals and saturation in e2m1 (positive values 0.5 (subnormal, T = 1), 1, 1.5, 2, 3, 4, 6;
 * trailing bit T = 0 at 1, 2, 4) and in p=2,q=1 (values k/2, |k| <= 7).
 */
class CertifiedRoundingTest {
    private static final Arithmetic E2M1 = FloatArithmetic.of(FloatFormat.parse("e2m1"));
    private static final Arithmetic P2Q1 = FixedPointArithmetic.of(FixedPointFormat.of(2, 1));

    private static BigDecimal rho(Arithmetic ar, String expr, String x) {
        return ar.value(CertifiedRounding.at(Expression.parse(expr), ar, new BigDecimal(x)).code());
    }

    @ParameterizedTest
    @CsvSource({
        "x0+0.5, 2, 2", // 2.5: tie of 2 (T = 0) and 3 (T = 1)
        "x0+0.5, 3, 4", // 3.5: tie of 3 (T = 1) and 4 (T = 0)
        "x0/4, 1, 0", // 0.25: tie of 0 and 0.5 (T = 1): 0
        "1/3 + 0*x0, 0, 0.5", // 0.333...: nearer 0.5
        "x0/3, 4, 1.5", // 1.333...: nearer 1.5
        "x0*10, 6, 6", // 60: saturates (SATFINITE)
        "-x0*10, 6, -6",
        "exp(x0), 1, 3", // 2.718...: nearer 3 than 2
        "sin(3*x0), 0.5, 1", // 0.997...
        "sin(3*x0), 1, 0"}) // 0.141...: nearer 0 than 0.5
    void e2m1(String expr, String x, String expected) {
        assertEquals(0, new BigDecimal(expected).compareTo(rho(E2M1, expr, x)), expr + " at " + x);
    }

    @ParameterizedTest
    @CsvSource({
        "x0/2, 0.5, 0", // 0.25: tie of 0 (code 0) and 0.5 (code 1)
        "x0/2, 1.5, 1", // 0.75: tie of 0.5 (code 1) and 1 (code 2)
        "x0^2, 3.5, 3.5", // 12.25: saturates at the largest value 3.5
        "1/(1+x0^2), 1.5, 0.5"}) // 0.3077: nearer 0.5
    void fixedPoint(String expr, String x, String expected) {
        assertEquals(0, new BigDecimal(expected).compareTo(rho(P2Q1, expr, x)), expr + " at " + x);
    }

    @Test
    void wrapAndUndefinedPointsAreRefused() {
        Arithmetic wrap = FixedPointArithmetic.of(FixedPointFormat.of(2, 1, Encoding.TWOS_COMPLEMENT), Rounding.HALF_EVEN,
                Overflow.WRAP);
        assertThrows(IllegalArgumentException.class, () -> rho(wrap, "x0", "1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rho(E2M1, "1/x0", "0"));
        assertTrue(e.getMessage().contains("x = [0]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CertifiedRounding.at(Expression.parse("x1"), E2M1,
                BigDecimal.ONE));
    }
}

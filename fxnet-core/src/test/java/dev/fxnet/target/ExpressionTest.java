package dev.fxnet.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.obermuhlner.math.big.BigDecimalMath;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Certified values of {@link Expression}, checked against independent exact or high-precision computations. */
class ExpressionTest {
    static final Duration BOUND = Duration.ofSeconds(15);
    static final FixedPointArithmetic AR = FixedPointArithmetic.of(FixedPointFormat.of(1, 1));

    /** The codes of {@code expr} on F^1, in grid order, within the time bound. */
    static int[] codes(String expr, FixedPointArithmetic ar, OnUncertain on) {
        return assertTimeoutPreemptively(BOUND, () -> Expression.parse(expr).tabulate(ar, 1, on).table().codes());
    }

    /** The expected codes: {@code ar.round} of an independently computed value at every grid point. */
    static int[] expected(FixedPointArithmetic ar, Function<BigDecimal, BigDecimal> f) {
        FunctionTable t = FunctionTable.fromCodes(ar.format(), 1, x -> (int) ar.round(f.apply(ar.format().value(x[0]))));
        return t.codes();
    }

    static void assertCodes(int[] want, int[] got) {
        assertEquals(java.util.Arrays.toString(want), java.util.Arrays.toString(got));
    }

    @Test
    void hugePowersAndExponentialsSaturateWithoutBeingComputed() {
        int max = (int) AR.format().maxCode();
        for (String e : new String[] {"10^1e9", "2^1e9", "exp(1e10)", "exp(1000)"}) {
            int[] c = codes(e, AR, OnUncertain.REFUSE);
            for (int v : c) {
                assertEquals(max, v, e);
            }
        }
    }

    @Test
    void integerPowersOfNegativeBasesHaveTheExactSign() {
        for (int n : new int[] {10000, 20000, 20001}) {
            assertCodes(expected(AR, x -> x.pow(n)), codes("x0^" + n, AR, OnUncertain.REFUSE));
        }
        // x^1e9: |x| > 1 saturates with the sign of an even power, |x| < 1 gives a tiny value, +-1 stay exact
        assertCodes(expected(AR, x -> x.abs().compareTo(BigDecimal.ONE) > 0 ? BigDecimal.TEN
                : x.abs().compareTo(BigDecimal.ONE) == 0 ? BigDecimal.ONE : BigDecimal.ZERO),
                codes("x0^1e9", AR, OnUncertain.REFUSE));
    }

    @Test
    void hyperbolicFunctionsOfHugeArgumentsAreCertifiedFast() {
        int one = (int) AR.format().codeOf(BigDecimal.ONE);
        for (String e : new String[] {"tanh(1e20)", "tanh(1000)", "sigmoid(1e30)", "-tanh(-1e20)"}) {
            for (int v : codes(e, AR, OnUncertain.REFUSE)) {
                assertEquals(one, v, e);
            }
        }
    }

    @Test
    void sineOfAHugeArgumentIsReducedExactly() {
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(1, 3));
        MathContext mc = new MathContext(250);
        assertCodes(expected(ar, x -> BigDecimalMath.sin(new BigDecimal("1e100").multiply(x), mc)),
                codes("sin(1e100*x0)", ar, OnUncertain.REFUSE));
    }

    @Test
    void exactTiesAreDecidedExactly() {
        // x0*x1 at 0.5*0.5 = 0.25 is half an eps: a tie under HALF_EVEN; (1/3)*3*x0 is x0 exactly
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(1, 1));
        int[] got = assertTimeoutPreemptively(BOUND, () -> Expression.parse("x0*x1").tabulate(ar, 2).table().codes());
        FunctionTable want = FunctionTable.fromCodes(ar.format(), 2,
                x -> (int) ar.round(ar.format().value(x[0]).multiply(ar.format().value(x[1]))));
        assertCodes(want.codes(), got);
        FixedPointArithmetic floor = FixedPointArithmetic.of(FixedPointFormat.of(2, 2), Rounding.FLOOR, Overflow.SATURATE);
        assertCodes(expected(floor, x -> x), codes("(1/3)*3*x0", floor, OnUncertain.REFUSE));
    }

    @Test
    void aValueOnABoundaryIsRefusedOrRoundedAsExactOnRequest() {
        FixedPointArithmetic floor = FixedPointArithmetic.of(FixedPointFormat.of(1, 0), Rounding.FLOOR, Overflow.SATURATE);
        UncertainRoundingException u = assertThrows(UncertainRoundingException.class,
                () -> codes("sin(pi*x0)", floor, OnUncertain.REFUSE));
        assertEquals("-1", u.point().get(0).stripTrailingZeros().toPlainString());
        assertEquals(0, u.boundary().signum());
        // sin(pi k) = 0 exactly for every integer k
        assertCodes(expected(floor, x -> BigDecimal.ZERO), codes("sin(pi*x0)", floor, OnUncertain.ASSUME_EXACT));
        Expression.Tabulation t = Expression.parse("sin(pi*x0)").tabulate(floor, 1, OnUncertain.ASSUME_EXACT);
        assertEquals(2, t.assumedExact()); // x0 = -1 and 1; sin(0) is exact
    }

    @Test
    void polesAndDomainErrorsNameTheFirstPointInGridOrder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> codes("tan(x0*pi/2)", AR, OnUncertain.ASSUME_EXACT));
        assertTrue(e.getMessage().startsWith("at x = (-1): tan(x0*pi/2): a pole"), e.getMessage());
        for (String bad : new String[] {"log(x0-x0)", "sqrt(x0-2)", "1/(x0-x0)", "(x0-x0)^-1"}) {
            IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                    () -> codes(bad, AR, OnUncertain.ASSUME_EXACT));
            assertTrue(d.getMessage().startsWith("at x = (-1.5): "), d.getMessage());
        }
    }

    @Test
    void limitsAreCheckedBeforeComputing() {
        for (String bad : new String[] {"1e999999999", "x0^1e30", "sin(1e2000*x0)", "1e-10001"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> codes(bad, AR, OnUncertain.REFUSE));
            assertTrue(e.getMessage().contains("limit"), e.getMessage());
        }
        FixedPointArithmetic wrap = FixedPointArithmetic.of(FixedPointFormat.of(1, 1, dev.fxnet.arith.Encoding.TWOS_COMPLEMENT),
                Rounding.HALF_EVEN, Overflow.WRAP);
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class, () -> codes("exp(1e10)", wrap,
                OnUncertain.REFUSE));
        assertTrue(w.getMessage().contains("the limit for rounding under WRAP"), w.getMessage());
        // exp(1000) under WRAP is computed to all its integer digits
        assertCodes(expected(wrap, x -> BigDecimalMath.exp(BigDecimal.valueOf(1000), new MathContext(500))),
                codes("exp(1000)", wrap, OnUncertain.REFUSE));
    }

    // Regression cases found by fuzzing (ExpressionFuzzTest) and by targeted hunting; each hung or exited 1 before.

    static final FixedPointArithmetic TWOS = FixedPointArithmetic.of(
            FixedPointFormat.of(1, 1, dev.fxnet.arith.Encoding.TWOS_COMPLEMENT), Rounding.CEILING, Overflow.SATURATE);

    @Test
    void logarithmsOfTinyAndHugeValuesTakeMillisecondsNotMinutes() {
        // big-math's log of 2^-20000 (about 1e-6021) took minutes at 1100 digits; the value is 2^-62600, enclosed with 0
        UncertainRoundingException u = assertThrows(UncertainRoundingException.class,
                () -> codes("((-x0)^(20000))^((min(e, e))+((cos(2))/(cos(pi))))", TWOS, OnUncertain.REFUSE));
        assertEquals(0, u.boundary().signum());
        // ln(1e-6000 (x + 5)) / 10000, against an independent sum of logarithms
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(2, 4));
        MathContext mc = new MathContext(60);
        assertCodes(expected(ar, x -> BigDecimalMath.log(x.add(BigDecimal.valueOf(5)), mc)
                .subtract(BigDecimalMath.log(BigDecimal.TEN, mc).multiply(BigDecimal.valueOf(6000)))
                .divide(BigDecimal.valueOf(10000), mc)), codes("log(1e-6000*(x0+5))/10000", ar, OnUncertain.REFUSE));
        assertCodes(expected(ar, x -> BigDecimalMath.log(BigDecimal.TEN, mc).multiply(BigDecimal.valueOf(5000))
                .divide(BigDecimal.valueOf(8192), mc)), codes("log(1e5000)/8192", ar, OnUncertain.REFUSE));
    }
}

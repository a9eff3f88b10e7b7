package dev.fxnet.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.obermuhlner.math.big.BigDecimalMath;
import dev.fxnet.arith.Arithmetic;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ApproximationError} against an oracle written here: {@code g(x)} at 50 digits with big-math
 * (MathContext(50)) at every value {@code x} of the format in the interval (enumerated by
 * {@link SpecValues} from the SPEC, not from the format classes), rounded by brute force to the nearest
 * value (ties to even), and the errors computed in BigDecimal. Every point's error must agree to 1e-12
 * relative: a wrongly rounded code moves it by at least half a spacing of the format.
 */
class ApproximationErrorOracleTest {
    private static final MathContext MC = new MathContext(50);

    private static UnaryOperator<BigDecimal> oracle(String g) {
        return switch (g) {
            case "sin(3x)" -> x -> BigDecimalMath.sin(x.multiply(BigDecimal.valueOf(3)), MC);
            case "exp(x)" -> x -> BigDecimalMath.exp(x, MC);
            case "x^2" -> x -> x.multiply(x);
            default -> x -> BigDecimal.ONE.divide(BigDecimal.ONE.add(x.multiply(x)), MC);
        };
    }

    private static List<SpecValues.Value> values(String spec) {
        String[] p = spec.split(":");
        if (p[0].equals("float")) {
            return SpecValues.floats(Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]), p[4]);
        }
        return SpecValues.fixed(Integer.parseInt(p[1]), Integer.parseInt(p[2]), p[0].equals("twos"));
    }

    @ParameterizedTest
    @CsvSource({"e2m1,float:2:1:1:FINITE,-2,2", "e3m2,float:3:2:3:FINITE,-1,1", "e4m3,float:4:3:7:FN,-1,1",
        "e5m2,float:5:2:15:IEEE,-0.75,1.5", "e2m3,float:2:3:1:FINITE,-3,3", "'p=3,q=4',sym:3:4,-1,1",
        "Q3.4,twos:3:4,-2,2.5", "Q0.7,twos:0:7,-1,1", "'p=1,q=2',sym:1:2,-2,2"})
    void everyPointAgreesWithTheBigDecimalOracle(String format, String spec, String a, String b) {
        Arithmetic ar = CompareFormats.parse(format);
        BigDecimal lo = new BigDecimal(a);
        BigDecimal hi = new BigDecimal(b);
        List<SpecValues.Value> vals = values(spec);
        List<BigDecimal> xs = vals.stream().map(SpecValues.Value::value)
                .filter(v -> v.compareTo(lo) >= 0 && v.compareTo(hi) <= 0).toList();
        for (TestFunction g : TestFunction.DEFAULTS) {
            ApproximationError e = ApproximationError.of(ar, g, lo, hi);
            assertEquals(xs.size(), e.points(), format + " points in [" + a + ", " + b + "]");
            double[] errs = e.errors();
            double[] px = e.xs();
            double maxAbs = 0;
            double maxRel = 0;
            long saturated = 0;
            for (int i = 0; i < xs.size(); i++) {
                BigDecimal x = xs.get(i);
                BigDecimal gx = oracle(g.name()).apply(x);
                BigDecimal err = SpecValues.roundHalfEven(vals, gx).subtract(gx).abs();
                assertEquals(x.doubleValue(), px[i], "x of point " + i);
                assertEquals(err.doubleValue(), errs[i], 1e-12 * Math.max(err.doubleValue(), 1e-30),
                        format + " " + g.name() + " at x = " + x);
                maxAbs = Math.max(maxAbs, err.doubleValue());
                if (gx.signum() != 0) {
                    maxRel = Math.max(maxRel, err.divide(gx.abs(), MC).doubleValue());
                }
                if (gx.compareTo(vals.get(vals.size() - 1).value()) > 0 || gx.compareTo(vals.get(0).value()) < 0) {
                    saturated++;
                }
            }
            assertEquals(maxAbs, e.maxAbsolute(), 1e-12 * maxAbs, format + " " + g.name() + " max abs");
            assertEquals(maxRel, e.maxRelative(), 1e-12 * maxRel, format + " " + g.name() + " max rel");
            assertEquals(saturated, e.saturated(), format + " " + g.name() + " saturated");
        }
    }

    @ParameterizedTest
    @CsvSource({"e2m1", "Q1.2"})
    void saturationIsCountedAndAnEmptyIntervalRefused(String format) {
        Arithmetic ar = CompareFormats.parse(format);
        ApproximationError e = ApproximationError.of(ar, TestFunction.DEFAULTS.get(1), new BigDecimal("1.5"),
                new BigDecimal("2"));
        assertTrue(e.saturated() > 0, "exp(2) = 7.39 is beyond " + format);
        assertThrows(IllegalArgumentException.class, () -> ApproximationError.of(ar, TestFunction.DEFAULTS.get(0),
                BigDecimal.ONE, BigDecimal.ZERO));
    }
}

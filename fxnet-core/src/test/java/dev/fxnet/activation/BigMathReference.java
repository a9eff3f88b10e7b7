package dev.fxnet.activation;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Independent high-precision values of the transcendental activations, from the big-math library
 * (test scope only) and, for erf, a plain Maclaurin series; used to cross-check the engine (gelu
 * only for {@code |z| <= 12}, where the Maclaurin series is accurate at this precision). Not
 * rigorous: callers only trust a rounding when the value is far (more than {@code 10^-60}) from a
 * boundary.
 */
final class BigMathReference {
    private static final MathContext MC = new MathContext(140);

    private BigMathReference() {
    }

    static BigDecimal sigma(String name, BigDecimal z) {
        switch (name) {
            case "sigmoid":
                return sigmoid(z);
            case "tanh":
                return tanh(z);
            case "elu":
                return z.signum() > 0 ? z : BigDecimalMath.exp(z, MC).subtract(BigDecimal.ONE);
            case "softplus":
                return softplus(z);
            case "silu":
                return z.multiply(sigmoid(z), MC);
            case "mish":
                return z.multiply(tanh(softplus(z)), MC);
            case "gelu": {
                BigDecimal u = z.divide(BigDecimalMath.sqrt(BigDecimal.valueOf(2), MC), MC);
                return z.multiply(BigDecimal.ONE.add(erf(u)), MC).divide(BigDecimal.valueOf(2), MC);
            }
            case "gelu_tanh": {
                BigDecimal c = BigDecimalMath.sqrt(BigDecimal.valueOf(2).divide(BigDecimalMath.pi(MC), MC), MC);
                BigDecimal y = c.multiply(z.add(new BigDecimal("0.044715").multiply(z.pow(3))), MC);
                return z.multiply(BigDecimal.ONE.add(tanh(y)), MC).divide(BigDecimal.valueOf(2), MC);
            }
            default:
                throw new AssertionError(name);
        }
    }

    /** tanh by big-math for moderate arguments (its series is slow for large ones), else {@code +-(1 - 2/(e^(2|y|)+1))}. */
    private static BigDecimal tanh(BigDecimal y) {
        if (y.abs().compareTo(BigDecimal.valueOf(8)) <= 0) {
            return BigDecimalMath.tanh(y, MC);
        }
        BigDecimal e = BigDecimalMath.exp(y.abs().multiply(BigDecimal.valueOf(2)), MC);
        BigDecimal t = BigDecimal.ONE.subtract(BigDecimal.valueOf(2).divide(e.add(BigDecimal.ONE), MC));
        return y.signum() < 0 ? t.negate() : t;
    }

    private static BigDecimal sigmoid(BigDecimal z) {
        return BigDecimal.ONE.divide(BigDecimal.ONE.add(BigDecimalMath.exp(z.negate(), MC)), MC);
    }

    private static BigDecimal softplus(BigDecimal z) {
        return BigDecimalMath.log(BigDecimal.ONE.add(BigDecimalMath.exp(z, MC)), MC);
    }

    /** erf by the alternating Maclaurin series (DLMF 7.6.1), with enough digits for |u| <= 9. */
    private static BigDecimal erf(BigDecimal u) {
        BigDecimal u2 = u.multiply(u, MC);
        BigDecimal term = u; // (-1)^n u^(2n+1) / n!
        BigDecimal sum = u;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(130);
        for (int n = 1; ; n++) {
            term = term.multiply(u2, MC).negate().divide(BigDecimal.valueOf(n), MC);
            BigDecimal t = term.divide(BigDecimal.valueOf(2L * n + 1), MC);
            sum = sum.add(t, MC);
            if (t.abs().compareTo(eps) < 0 && n > u2.doubleValue()) {
                break;
            }
        }
        return sum.multiply(BigDecimal.valueOf(2), MC).divide(BigDecimalMath.sqrt(BigDecimalMath.pi(MC), MC), MC);
    }
}

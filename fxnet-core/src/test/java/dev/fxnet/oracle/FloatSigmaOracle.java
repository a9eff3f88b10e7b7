package dev.fxnet.oracle;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The correctly rounded activation on a float grid, {@code rho(sigma(z))} of SPEC §8, built from two
 * oracles that share no code with fxnet: {@link SigmaOracle} (sigma as an exact rational, or as an integer
 * anchor plus a cancellation-free defect with a claimed relative error, refined with
 * {@code BigDecimalMath}) and {@link EFloatOracle} (SPEC §8's rounding by peteroupc EFloat).
 *
 * <p>The argument is {@code z = k 2^-q} with {@code 0 <= q <= m - emin} (with {@code q = m - emin} every
 * value of the format is such a {@code z}). Every point where the float rounding changes (grid points and
 * midpoints, also beyond the largest value) is a multiple of {@code 2^(emin - m - 1)}, and so is the
 * integer anchor's value {@code N 2^-q}. Decision: the rounding of both ends of an enclosure of
 * {@code sigma(z) 2^q} must agree (the rounding is monotone). Where SigmaOracle only knows the sign of a
 * defect below {@code 1e-100} units (a "tiny" defect), every point strictly between the anchor and the
 * next multiple of {@code 2^(emin - m - 1)} on that side rounds alike, so the point
 * {@code anchor +- 1e-250} units stands for the exact value; that needs
 * {@code 1e-250 2^-q < 2^(emin - m - 1)}, true for every format of at most 16 bits ({@code 1e-250 < 2^-830}).
 */
public final class FloatSigmaOracle {
    private static final BigDecimal REL = new BigDecimal("1e-10");
    private static final int[] LADDER = {60, 400, 3000};

    private FloatSigmaOracle() {
    }

    /** {@code rho(sigma(k 2^-q))} in {@code mode} with {@code policy}, {@code 0 <= q <= m - emin} of the oracle's format. */
    public static EFloatOracle.Result round(EFloatOracle o, String name, long k, int q, String mode, String policy) {
        BigInteger twoQ = BigInteger.ONE.shiftLeft(q);
        BigInteger[] rat = SigmaOracle.exact(name, k, q);
        if (rat != null) {
            return o.roundRational(rat[0], rat[1].multiply(twoQ), mode, policy);
        }
        BigDecimal n = BigDecimal.valueOf(SigmaOracle.anchor(name, k, q));
        double d = SigmaOracle.defectDouble(name, k, q);
        if (Math.abs(d) < 1e-200) {
            if (d == 0) {
                throw new IllegalStateException("defect without sign: " + name + " " + k + " " + q);
            }
            BigDecimal y = n.add(new BigDecimal(d > 0 ? "1e-250" : "-1e-250"));
            return units(o, y, twoQ, mode, policy);
        }
        BigDecimal dd = new BigDecimal(d);
        EFloatOracle.Result r = decide(o, n, dd, dd.abs().multiply(REL), twoQ, mode, policy);
        if (r != null) {
            return r;
        }
        for (int digits : LADDER) {
            BigDecimal h = SigmaOracle.defectHigh(name, k, q, digits);
            BigDecimal err = h.abs().multiply(BigDecimal.ONE.scaleByPowerOfTen(-digits)).multiply(BigDecimal.valueOf(2));
            r = decide(o, n, h, err, twoQ, mode, policy);
            if (r != null) {
                return r;
            }
        }
        throw new IllegalStateException("cannot decide " + mode + " " + name + "(" + k + " 2^-" + q + ") on the float grid");
    }

    private static EFloatOracle.Result decide(EFloatOracle o, BigDecimal n, BigDecimal d, BigDecimal err, BigInteger twoQ,
            String mode, String policy) {
        EFloatOracle.Result lo = units(o, n.add(d).subtract(err), twoQ, mode, policy);
        EFloatOracle.Result hi = units(o, n.add(d).add(err), twoQ, mode, policy);
        return lo.equals(hi) ? lo : null;
    }

    /** rho of {@code y 2^-q}. */
    private static EFloatOracle.Result units(EFloatOracle o, BigDecimal y, BigInteger twoQ, String mode, String policy) {
        BigInteger un = y.unscaledValue();
        BigInteger den = twoQ;
        if (y.scale() > 0) {
            den = den.multiply(BigInteger.TEN.pow(y.scale()));
        } else {
            un = un.multiply(BigInteger.TEN.pow(-y.scale()));
        }
        return o.roundRational(un, den, mode, policy);
    }
}

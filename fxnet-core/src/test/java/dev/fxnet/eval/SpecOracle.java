package dev.fxnet.eval;

import dev.fxnet.activation.ActivationTable;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * A network evaluator written from SPEC §2–4 alone, in {@link BigDecimal} on real values, sharing
 * no arithmetic code with {@code dev.fxnet.arith}: rho is {@code setScale} on {@code x * 2^q}
 * (HALF_CEILING/HALF_FLOOR by their definitions), then saturation or reduction modulo {@code 2^n}.
 * Only the rounded activation {@code tau} comes from the library's table (it is checked against
 * its own independent oracle elsewhere).
 */
final class SpecOracle {
    /** {@code 2^q} and {@code 2^-q = 0.5^q} as exact decimals, q = 0..63: scaling by them is exact. */
    private static final BigDecimal[] TWO_POW = new BigDecimal[64];
    private static final BigDecimal[] HALF_POW = new BigDecimal[64];

    static {
        for (int q = 0; q < TWO_POW.length; q++) {
            TWO_POW[q] = BigDecimal.valueOf(2).pow(q);
            HALF_POW[q] = new BigDecimal("0.5").pow(q);
        }
    }

    private SpecOracle() {
    }

    /** {@code 2^q}, exactly. */
    private static BigDecimal twoPow(int q) {
        return q < TWO_POW.length ? TWO_POW[q] : BigDecimal.valueOf(2).pow(q);
    }

    static BigInteger roundToInteger(BigDecimal c, Rounding mode) {
        switch (mode) {
            case HALF_CEILING: {
                BigInteger fl = c.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
                BigDecimal frac = c.subtract(new BigDecimal(fl));
                return frac.compareTo(new BigDecimal("0.5")) >= 0 ? fl.add(BigInteger.ONE) : fl;
            }
            case HALF_FLOOR: {
                BigInteger fl = c.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
                BigDecimal frac = c.subtract(new BigDecimal(fl));
                return frac.compareTo(new BigDecimal("0.5")) > 0 ? fl.add(BigInteger.ONE) : fl;
            }
            default:
                return c.setScale(0, RoundingMode.valueOf(mode.name())).toBigIntegerExact();
        }
    }

    /** rho of an exact real, returned as an integer code. */
    static long rho(BigDecimal x, int p, int q, Encoding enc, Rounding mode, Overflow ovf) {
        BigInteger c = roundToInteger(x.multiply(twoPow(q)), mode);
        BigInteger max = BigInteger.ONE.shiftLeft(p + q).subtract(BigInteger.ONE);
        BigInteger min = enc == Encoding.SYMMETRIC ? max.negate() : max.negate().subtract(BigInteger.ONE);
        if (ovf == Overflow.SATURATE) {
            return c.max(min).min(max).longValueExact();
        }
        BigInteger mod = BigInteger.ONE.shiftLeft(p + q + 1);
        return c.subtract(min).mod(mod).add(min).longValueExact();
    }

    /** {@code code * 2^-q}, exactly (a product with the exact decimal {@code 0.5^q}, no division). */
    static BigDecimal val(long code, int q) {
        BigDecimal c = new BigDecimal(BigInteger.valueOf(code));
        return q < HALF_POW.length ? c.multiply(HALF_POW[q]) : c.divide(BigDecimal.valueOf(2).pow(q));
    }

    static long[] evaluate(Network n, long[] x) {
        int p = n.format().intBits();
        int q = n.format().fracBits();
        Encoding enc = n.format().encoding();
        Rounding mode = n.fixedPoint().rounding();
        Overflow ovf = n.fixedPoint().overflow();
        ActivationTable tau = ActivationTable.of(n.activation(), n.fixedPoint());
        long[] y = x.clone();
        for (int l = 0; l < n.layers().size(); l++) {
            Layer layer = n.layers().get(l);
            long[] next = new long[layer.width()];
            for (int j = 0; j < layer.width(); j++) {
                Neuron u = layer.neuron(j);
                long acc;
                if (n.accumulation() == Accumulation.PER_OP) {
                    acc = u.bias();
                    for (int i = 0; i < u.fanIn(); i++) {
                        long prod = rho(val(u.weight(i), q).multiply(val(y[u.source(i)], q)), p, q, enc, mode, ovf);
                        acc = rho(val(acc, q).add(val(prod, q)), p, q, enc, mode, ovf);
                    }
                } else {
                    BigDecimal s = val(u.bias(), q);
                    for (int i = 0; i < u.fanIn(); i++) {
                        s = s.add(val(u.weight(i), q).multiply(val(y[u.source(i)], q)));
                    }
                    acc = rho(s, p, q, enc, mode, ovf);
                }
                next[j] = l == n.layers().size() - 1 ? acc : tau.tau(acc);
            }
            y = next;
        }
        return y;
    }
}

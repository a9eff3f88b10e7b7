package dev.fxnet.eval;

import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.network.Layer;
import dev.fxnet.network.Network;
import dev.fxnet.network.Neuron;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A network flattened once into primitive arrays for {@link BlockKernel}: per layer the
 * <em>distinct</em> neurons only (a neuron with the same bias and the same weights on the same
 * sources as an earlier one of its layer, after the sources themselves were merged, computes the
 * same code and is stored once: {@link #representative}), biases, weights and sources as
 * {@code int} codes, and {@code tau} as an {@code int} table with, per code, the end of the run of
 * codes on which {@code tau} is constant ({@link #tauConstant}).
 *
 * <p>For a fixed-point arithmetic the constants of its rounding mode are precomputed so that
 * rounding {@code t / 2^q} is {@code (t + k0 + (kNeg & sign(t)) + (kOdd & floor-bit)) >> q}
 * ({@link #roundShift}), exact for every one of the nine modes; any other arithmetic is evaluated
 * through its own operations. Merging identical neurons is exact for every arithmetic: a neuron's
 * code is a function of its bias, weights and the codes of its sources (SPEC §4). Immutable.
 */
public final class CompiledNetwork {
    /** The largest code magnitude the kernel holds in an {@code int} lane. */
    static final long CODE_LIMIT = 1L << 30;
    /** Codes up to this many get an {@code int} table of {@code tau}. */
    static final long TABLE_LIMIT = 1L << 22;

    final Arithmetic ar;
    /** The fixed-point arithmetic, or null: then every neuron goes through {@link #ar}. */
    final FixedPointArithmetic fixed;
    final boolean perOp;
    final boolean wrap;
    final int inputs;
    final int layers;
    /** width[l]: distinct neurons of layer l (layer 0: the inputs). */
    final int[] width;
    final int[][] start;
    final int[][] src;
    final int[][] weight;
    final int[][] bias;
    /** readStart[l][s]..readStart[l][s+1]: into readers[l], the distinct neurons of layer l reading source s of layer l-1. */
    final int[][] readStart;
    final int[][] readers;
    /** WIDE, fixed point: whether the neuron's exact sum provably fits a {@code long}. */
    final boolean[][] wideInLong;
    /** Per output: its distinct neuron in the last layer. */
    final int[] outputNeuron;
    final long minCode;
    final long maxCode;
    final int q;
    final long k0;
    final long kNeg;
    final long kOdd;
    final long wrapMask;
    /** Whether every product of two codes fits an {@code int} (format of at most 16 bits). */
    final boolean intProducts;
    final RoundedActivation tau;
    final int[] tauTable;
    final int[] tauRunEnd;
    final long weightsPerPoint;

    private CompiledNetwork(Network net) {
        this.ar = net.arithmetic();
        this.fixed = ar instanceof FixedPointArithmetic ? (FixedPointArithmetic) ar : null;
        this.perOp = net.accumulation() == Accumulation.PER_OP;
        this.wrap = fixed != null && fixed.overflow() == Overflow.WRAP;
        this.inputs = net.inputs();
        this.layers = net.layers().size();
        this.minCode = ar.minCode();
        this.maxCode = ar.maxCode();
        this.q = fixed == null ? 0 : fixed.format().fracBits();
        long[] k = fixed == null ? new long[3] : roundingConstants(fixed.rounding(), q);
        this.k0 = k[0];
        this.kNeg = k[1];
        this.kOdd = k[2];
        this.wrapMask = fixed == null ? 0 : (1L << fixed.format().totalBits()) - 1;
        this.intProducts = Math.max(Math.abs(minCode), Math.abs(maxCode)) < 1L << 15;
        width = new int[layers + 1];
        start = new int[layers + 1][];
        src = new int[layers + 1][];
        weight = new int[layers + 1][];
        bias = new int[layers + 1][];
        wideInLong = new boolean[layers + 1][];
        width[0] = inputs;
        int[] rep = identity(inputs);
        long ops = 0;
        for (int l = 1; l <= layers; l++) {
            Layer layer = net.layers().get(l - 1);
            ops += layer.weightCount();
            rep = flatten(l, layer, rep);
        }
        this.weightsPerPoint = ops;
        readStart = new int[layers + 1][];
        readers = new int[layers + 1][];
        for (int l = 1; l <= layers; l++) {
            fanOut(l);
        }
        this.outputNeuron = rep;
        this.tau = RoundedActivation.of(net.activation(), ar);
        if (ar.size() <= TABLE_LIMIT) {
            tauTable = new int[(int) ar.size()];
            tauRunEnd = new int[tauTable.length];
            for (int i = 0; i < tauTable.length; i++) {
                tauTable[i] = (int) tau.tau(minCode + i);
            }
            for (int i = tauTable.length - 1; i >= 0; i--) {
                boolean same = i + 1 < tauTable.length && tauTable[i + 1] == tauTable[i];
                tauRunEnd[i] = same ? tauRunEnd[i + 1] : (int) (minCode + i);
            }
        } else {
            tauTable = null;
            tauRunEnd = null;
        }
    }

    /**
     * Flattens {@code net}.
     *
     * @throws IllegalArgumentException if the network is not {@link #supports supported}
     */
    public static CompiledNetwork of(Network net) {
        if (!supports(net)) {
            throw new IllegalArgumentException("the kernel holds codes of magnitude below 2^30 only; "
                    + net.arithmetic().formatName() + " has codes " + net.arithmetic().minCode() + ".."
                    + net.arithmetic().maxCode());
        }
        return new CompiledNetwork(net);
    }

    /**
     * Whether the kernel takes {@code net}: every code of its arithmetic, special codes of a float
     * format included, and every weight and bias has magnitude below {@code 2^30 - 16}.
     */
    public static boolean supports(Network net) {
        Arithmetic a = net.arithmetic();
        long lim = CODE_LIMIT - 16;
        if (a.minCode() < -lim || a.maxCode() > lim) {
            return false;
        }
        for (Layer layer : net.layers()) {
            for (Neuron n : layer.neurons()) {
                if (Math.abs(n.bias()) > lim) {
                    return false;
                }
                for (int i = 0; i < n.fanIn(); i++) {
                    if (Math.abs(n.weight(i)) > lim) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** The number of weights of the original network: the weight-operations of one point. */
    public long weightsPerPoint() {
        return weightsPerPoint;
    }

    /** The number of distinct neurons the kernel computes, over all layers. */
    public long distinctNeurons() {
        long s = 0;
        for (int l = 1; l <= layers; l++) {
            s += width[l];
        }
        return s;
    }

    /**
     * {@code (k0, kNeg, kOdd)} such that for every long {@code t} with no overflow
     * {@code round(t / 2^q) = (t + k0 + (kNeg & (t >> 63)) + (kOdd & (t >> q))) >> q}, the
     * arithmetic shift being floor division. Write {@code t = f 2^q + r}, {@code 0 <= r < 2^q},
     * {@code h = 2^(q-1)}: adding {@code c} with {@code 0 <= c <= 2^q} gives {@code f + 1} exactly when
     * {@code r + c >= 2^q}. FLOOR: {@code c = 0}; CEILING: {@code 2^q - 1} (up iff {@code r > 0});
     * DOWN/UP: as CEILING/FLOOR for {@code t < 0} and the reverse for {@code t >= 0}; nearest modes
     * {@code c = h} (up iff {@code r >= h}) or {@code h - 1} (up iff {@code r > h}) chosen per tie
     * rule: HALF_CEILING {@code h}, HALF_FLOOR {@code h - 1}, HALF_UP {@code h} if {@code t >= 0}
     * else {@code h - 1}, HALF_DOWN the reverse, HALF_EVEN {@code h - 1 + (f & 1)}. For {@code q = 0}
     * there is nothing to round and every constant is 0.
     */
    static long[] roundingConstants(Rounding r, int q) {
        if (q == 0) {
            return new long[3];
        }
        long m = (1L << q) - 1;
        long h = 1L << (q - 1);
        switch (r) {
            case FLOOR:
                return new long[] {0, 0, 0};
            case CEILING:
                return new long[] {m, 0, 0};
            case DOWN:
                return new long[] {0, m, 0};
            case UP:
                return new long[] {m, -m, 0};
            case HALF_CEILING:
                return new long[] {h, 0, 0};
            case HALF_FLOOR:
                return new long[] {h - 1, 0, 0};
            case HALF_UP:
                return new long[] {h, -1, 0};
            case HALF_DOWN:
                return new long[] {h - 1, 1, 0};
            case HALF_EVEN:
                return new long[] {h - 1, 0, 1};
            default:
                throw new AssertionError(r);
        }
    }

    /** {@code round(t / 2^q)} with this arithmetic's rounding mode (fixed point only). */
    long roundShift(long t) {
        return (t + k0 + (kNeg & (t >> 63)) + (kOdd & (t >> q))) >> q;
    }

    /** The overflow map on an integer (fixed point only); the identity on codes in range. */
    long overflow(long c) {
        if (wrap) {
            return ((c - minCode) & wrapMask) + minCode;
        }
        return Math.min(Math.max(c, minCode), maxCode);
    }

    /** {@code w (*) y} in fixed point: rounded, then the overflow map. */
    long multiply(long w, long y) {
        return overflow(roundShift(w * y));
    }

    /** {@code tau(z)} for any code a sum can take. */
    int tau(long z) {
        long i = z - minCode;
        return tauTable != null && i >= 0 && i < tauTable.length ? tauTable[(int) i] : (int) tau.tau(z);
    }

    /** Whether {@code tau} takes one value on all codes {@code lo..hi} ({@code lo <= hi}, fixed point codes). */
    boolean tauConstant(long lo, long hi) {
        if (lo == hi) {
            return true;
        }
        long i = lo - minCode;
        return tauRunEnd != null && i >= 0 && i < tauRunEnd.length && tauRunEnd[(int) i] >= hi;
    }

    /** The readers of every source of layer l - 1 in layer l, each reader once per source. */
    private void fanOut(int l) {
        int[] count = new int[width[l - 1] + 1];
        int[] lastReader = new int[width[l - 1]];
        Arrays.fill(lastReader, -1);
        for (int j = 0; j < width[l]; j++) {
            for (int k = start[l][j]; k < start[l][j + 1]; k++) {
                int s = src[l][k];
                if (lastReader[s] != j) {
                    lastReader[s] = j;
                    count[s + 1]++;
                }
            }
        }
        for (int s = 0; s < width[l - 1]; s++) {
            count[s + 1] += count[s];
        }
        readStart[l] = count.clone();
        readers[l] = new int[count[width[l - 1]]];
        Arrays.fill(lastReader, -1);
        for (int j = 0; j < width[l]; j++) {
            for (int k = start[l][j]; k < start[l][j + 1]; k++) {
                int s = src[l][k];
                if (lastReader[s] != j) {
                    lastReader[s] = j;
                    readers[l][count[s]++] = j;
                }
            }
        }
    }

    private static int[] identity(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /** Stores the distinct neurons of layer {@code l}; returns each neuron's representative index. */
    private int[] flatten(int l, Layer layer, int[] prevRep) {
        int n = layer.width();
        int[] rep = new int[n];
        Map<NeuronKey, Integer> seen = new HashMap<>();
        NeuronKey[] keys = new NeuronKey[n];
        int total = 0;
        for (int j = 0; j < n; j++) {
            Neuron u = layer.neuron(j);
            int[] s = new int[u.fanIn()];
            int[] w = new int[u.fanIn()];
            for (int i = 0; i < s.length; i++) {
                s[i] = prevRep[u.source(i)];
                w[i] = (int) u.weight(i);
            }
            NeuronKey key = new NeuronKey((int) u.bias(), s, w);
            Integer first = seen.putIfAbsent(key, seen.size());
            rep[j] = first == null ? seen.size() - 1 : first;
            if (first == null) {
                keys[rep[j]] = key;
                total += s.length;
            }
        }
        int m = seen.size();
        width[l] = m;
        start[l] = new int[m + 1];
        src[l] = new int[total];
        weight[l] = new int[total];
        bias[l] = new int[m];
        wideInLong[l] = new boolean[m];
        int k = 0;
        for (int j = 0; j < m; j++) {
            NeuronKey key = keys[j];
            start[l][j] = k;
            bias[l][j] = key.bias;
            System.arraycopy(key.src, 0, src[l], k, key.src.length);
            System.arraycopy(key.w, 0, weight[l], k, key.w.length);
            k += key.src.length;
            wideInLong[l][j] = fixed != null && sumFitsLong(key);
        }
        start[l][m] = k;
        return rep;
    }

    /** Whether {@code |bias| 2^q + sum |w| max|code|} is below {@code 2^62}, so no long sum overflows. */
    private boolean sumFitsLong(NeuronKey key) {
        long y = Math.max(Math.abs(minCode), Math.abs(maxCode));
        BigInteger s = BigInteger.valueOf(Math.abs((long) key.bias)).shiftLeft(q);
        long sw = 0;
        for (int w : key.w) {
            sw += Math.abs((long) w); // at most 2^31 terms of 2^30: no overflow
        }
        s = s.add(BigInteger.valueOf(sw).multiply(BigInteger.valueOf(y)));
        return s.bitLength() < 62;
    }

    /** A neuron with its sources already mapped to representatives; equal keys compute equal codes. */
    private static final class NeuronKey {
        final int bias;
        final int[] src;
        final int[] w;
        final int hash;

        NeuronKey(int bias, int[] src, int[] w) {
            this.bias = bias;
            this.src = src;
            this.w = w;
            this.hash = 31 * (31 * bias + Arrays.hashCode(src)) + Arrays.hashCode(w);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof NeuronKey)) {
                return false;
            }
            NeuronKey k = (NeuronKey) o;
            return bias == k.bias && Arrays.equals(src, k.src) && Arrays.equals(w, k.w);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}

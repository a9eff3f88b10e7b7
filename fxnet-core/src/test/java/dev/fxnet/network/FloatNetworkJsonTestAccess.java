package dev.fxnet.network;

import java.math.BigDecimal;

/** SPEC §8's decoding of a bit pattern, written in {@link FloatNetworkJsonTest}, for tests of other packages. */
public final class FloatNetworkJsonTestAccess {
    private FloatNetworkJsonTestAccess() {
    }

    /** The value of a bit pattern by SPEC §8, or null for a special. */
    public static BigDecimal decode(int bits, int e, int m, int bias, String specials) {
        return FloatNetworkJsonTest.decode(bits, e, m, bias, specials);
    }
}

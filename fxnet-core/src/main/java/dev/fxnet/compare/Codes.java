package dev.fxnet.compare;

import dev.fxnet.arith.Arithmetic;
import java.math.BigDecimal;

/**
 * Binary search on the codes of an {@link Arithmetic}, which are ordered like their values: the
 * codes of the values in an interval, exactly (values compared as {@link BigDecimal}).
 */
final class Codes {
    private Codes() {
    }

    /** The smallest code whose value is {@code >= v}, or {@code maxCode() + 1} if none. */
    static long firstAtLeast(Arithmetic ar, BigDecimal v) {
        long lo = ar.minCode();
        long hi = ar.maxCode() + 1; // invariant: value(c) < v for c < lo, value(c) >= v for c >= hi
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (ar.value(mid).compareTo(v) >= 0) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The largest code whose value is {@code <= v}, or {@code minCode() - 1} if none. */
    static long lastAtMost(Arithmetic ar, BigDecimal v) {
        long lo = ar.minCode() - 1;
        long hi = ar.maxCode(); // invariant: value(c) <= v for c <= lo, value(c) > v for c > hi
        while (lo < hi) {
            long mid = hi - (hi - lo) / 2;
            if (ar.value(mid).compareTo(v) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}

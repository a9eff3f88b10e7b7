package dev.fxnet.compare;

import dev.fxnet.arith.Arithmetic;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * What a format holds, exactly: its finite values, their range, the smallest positive value and how
 * many values lie in {@code [-1, 1]}. Computed from the {@link Arithmetic}'s codes, which are ordered
 * like their values with code 0 the value 0 (so code 1 is the smallest positive value), by binary
 * search on codes: exact for every format, in {@code O(log |F|)} value look-ups.
 *
 * @param format the format's short name ({@link CompareFormats#name})
 * @param bits the word size
 * @param finiteValues {@code |F|}, the number of finite values (zero counted once)
 * @param min the smallest finite value
 * @param max the largest finite value
 * @param smallestPositive the smallest positive value (a subnormal for floats with subnormals); empty for F = {0}
 * @param inUnitInterval the number of finite values {@code x} with {@code -1 <= x <= 1}
 */
public record FormatFacts(String format, int bits, long finiteValues, BigDecimal min, BigDecimal max,
        Optional<BigDecimal> smallestPositive, long inUnitInterval) {

    /** The facts of {@code ar}. */
    public static FormatFacts of(Arithmetic ar) {
        long lo = Codes.firstAtLeast(ar, BigDecimal.ONE.negate());
        long hi = Codes.lastAtMost(ar, BigDecimal.ONE);
        return new FormatFacts(CompareFormats.name(ar), CompareFormats.bits(ar), ar.size(), ar.value(ar.minCode()),
                ar.value(ar.maxCode()),
                ar.maxCode() >= 1 ? Optional.of(ar.value(1)) : Optional.empty(), Math.max(0, hi - lo + 1));
    }
}

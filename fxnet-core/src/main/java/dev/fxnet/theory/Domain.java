package dev.fxnet.theory;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The symmetric input domain on which a floating-point setting represents every function (the float
 * theory's "almost all", docs/THEORY.md §15.4): the finite values {@code x} with
 * {@code |x| <= r}. Every {@code f: D^d -> F}, for every {@code d >= 1}, is computed on {@code D^d} by
 * a network whose construction was verified on every code of {@code D} ({@link #construction()}).
 * Immutable; {@code r} is a value of the format, given as its code (the signed rank, SPEC §8) and as an
 * exact decimal.
 *
 * @param radiusCode the code of {@code r} ({@code >= 0}; 0 means the domain {@code {0}})
 * @param radius the exact value of {@code r}
 * @param wholeFormat whether the domain is every finite value ({@code r} is the largest finite value)
 * @param stoppedBy where the domain is not the whole format and is the largest symmetric one: the pair
 *     of codes {@code u != u'}, {@code max(|u|, |u'|)} the next code above {@code r}, that no first-layer
 *     neuron separates, so every network agrees on them and {@code [-r', r']} for the next value
 *     {@code r'} is not a domain (N-sep on the domain, Theorem 1); empty when {@code wholeFormat}
 * @param construction what was verified on the domain (the certificate S_I, or the one-point argument)
 */
public record Domain(long radiusCode, BigDecimal radius, boolean wholeFormat, Optional<long[]> stoppedBy,
        String construction) {
    /**
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code radiusCode < 0}, if the stopping pair is not two distinct
     *     codes, or if a whole-format domain names one (or a smaller domain names none)
     */
    public Domain {
        Objects.requireNonNull(radius, "radius");
        Objects.requireNonNull(stoppedBy, "stoppedBy");
        Objects.requireNonNull(construction, "construction");
        if (radiusCode < 0) {
            throw new IllegalArgumentException("the radius code must be >= 0, was " + radiusCode);
        }
        if (wholeFormat == stoppedBy.isPresent()) {
            throw new IllegalArgumentException(wholeFormat ? "a whole-format domain has no stopping pair"
                    : "a domain smaller than the format names the pair that stops it");
        }
        stoppedBy = stoppedBy.map(long[]::clone);
        if (stoppedBy.isPresent() && (stoppedBy.get().length != 2 || stoppedBy.get()[0] == stoppedBy.get()[1])) {
            throw new IllegalArgumentException("the stopping pair must be two distinct codes");
        }
    }

    /** The stopping pair (a copy), if the domain is smaller than the format. */
    @Override
    public Optional<long[]> stoppedBy() {
        return stoppedBy.map(long[]::clone);
    }

    /** E.g. {@code |x| <= 448 (every finite value)} or {@code |x| <= 3 (stopped by 4 and 6)}. */
    public String describe(dev.fxnet.arith.Arithmetic f) {
        return "|x| <= " + radius.toPlainString() + (wholeFormat ? " (every finite value)" : stoppedBy.map(p -> " (stopped by "
                + f.decimal(p[0]) + " and " + f.decimal(p[1]) + ", which no first-layer neuron separates)").orElse(""));
    }
}

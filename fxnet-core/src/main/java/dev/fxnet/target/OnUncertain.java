package dev.fxnet.target;

/**
 * What {@link Expression#tabulate} does at a point where it cannot certify {@code rho(f(x))}: the
 * value lies within {@value Expression#UNCERTAIN_WIDTH_TEXT} of a rounding boundary at the largest
 * working precision, as when it equals the boundary exactly but is not computed exactly (for
 * instance {@code sin(pi*x0)} at {@code x0 = -1} under {@code FLOOR}).
 */
public enum OnUncertain {
    /** Refuse: throw {@link UncertainRoundingException} naming the first such point. The default. */
    REFUSE,
    /** Round the value as if it were exactly the boundary it cannot be separated from, and count the point. */
    ASSUME_EXACT;

    /**
     * Parses {@code refuse} or {@code assume-exact} (case-insensitive, {@code _} or {@code -}).
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static OnUncertain parse(String text) {
        String t = text.trim().replace('-', '_');
        for (OnUncertain o : values()) {
            if (o.name().equalsIgnoreCase(t)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown --on-uncertain rule '" + text + "'; expected refuse or assume-exact");
    }
}

package dev.fxnet.construct;

import java.util.Locale;

/**
 * Work refused by a {@link WorkLimit}: its message names the estimate, for example "verifying
 * 1046529 points x 6.29M parameters = 6.6e12 weight-operations exceeds the limit 1e12". A user
 * error (it extends {@link IllegalArgumentException}).
 */
public final class WorkLimitException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final long points;
    private final long parameters;
    private final long limit;

    WorkLimitException(String verb, long points, long parameters, boolean atLeast, long limit) {
        super(verb + " " + points + " points x " + (atLeast ? "at least " : "") + millions(parameters)
                + " parameters = " + (atLeast ? "at least " : "") + scientific((double) points * parameters)
                + " weight-operations exceeds the limit " + scientific(limit));
        this.points = points;
        this.parameters = parameters;
        this.limit = limit;
    }

    /** The points of the refused work. */
    public long points() {
        return points;
    }

    /** The parameters of the network of the refused work (or a lower bound, if the message says "at least"). */
    public long parameters() {
        return parameters;
    }

    /** The limit it exceeded, in weight-operations. */
    public long limit() {
        return limit;
    }

    static String millions(long n) {
        return n >= 1_000_000 ? String.format(Locale.ROOT, "%.2fM", n / 1e6) : Long.toString(n);
    }

    /** {@code 2e11}, {@code 6.6e12}: two significant digits, trailing zeros dropped. */
    static String scientific(double v) {
        String s = String.format(Locale.ROOT, "%.1e", v); // 6.6e+12
        String mant = s.substring(0, s.indexOf('e'));
        if (mant.endsWith(".0")) {
            mant = mant.substring(0, mant.length() - 2);
        }
        return mant + "e" + Integer.parseInt(s.substring(s.indexOf('e') + 1));
    }
}

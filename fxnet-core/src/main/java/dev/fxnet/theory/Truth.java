package dev.fxnet.theory;

/** A three-valued answer: proved true, proved false, or not determined. */
public enum Truth {
    TRUE,
    FALSE,
    UNKNOWN;

    /** {@code TRUE} or {@code FALSE}. */
    public static Truth of(boolean b) {
        return b ? TRUE : FALSE;
    }

    /** Lower-case spelling for tables: {@code true}, {@code false}, {@code unknown}. */
    public String spelling() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package dev.fxnet.spark;

import java.util.regex.Pattern;

/**
 * A Spark master URL as fxnet accepts it: {@code local}, {@code local[N]}, {@code local[*]},
 * {@code local[N,F]}, {@code local-cluster[W,C,MB]} (W executor JVMs of C cores and MB megabytes on
 * this machine; {@code MB >= 1024}, the executors' memory), {@code spark://HOST:PORT[,HOST:PORT...]};
 * or none, when {@code spark-submit} has set one (else {@code local[*]}). YARN and Kubernetes are
 * reached through {@code spark-submit} (docs/SCALE.md), not {@code --master}. Counts have at most
 * four digits.
 *
 * @param url the URL, or null for spark-submit's or the default
 */
public record SparkMaster(String url) {
    private static final Pattern ACCEPTED = Pattern.compile(
            "local|local\\[(\\*|[1-9][0-9]{0,3})(,[1-9][0-9]{0,3})?\\]"
                    + "|local-cluster\\[[1-9][0-9]{0,3}, *[1-9][0-9]{0,3}, *[1-9][0-9]{3,5}\\]"
                    + "|spark://[^\\s,:/]+:[0-9]{1,5}(,[^\\s,:/]+:[0-9]{1,5})*");

    /**
     * Checks a {@code --master} value.
     *
     * @param text the value, or null
     * @throws IllegalArgumentException naming the value and the accepted forms
     */
    public static SparkMaster parse(String text) {
        if (text == null) {
            return new SparkMaster(null);
        }
        String t = text.trim();
        if (!ACCEPTED.matcher(t).matches() || t.startsWith("local-cluster[")
                && Integer.parseInt(t.substring(t.lastIndexOf(',') + 1, t.length() - 1).trim()) < 1024) {
            throw new IllegalArgumentException("--master '" + text + "': expected local[N], local[*], local-cluster[W,C,MB]"
                    + " (MB >= 1024) or spark://HOST:PORT (counts of at most 4 digits; YARN and Kubernetes through"
                    + " spark-submit, docs/SCALE.md)");
        }
        return new SparkMaster(t);
    }

    /** Whether executors are JVMs that this machine's Worker starts ({@code local-cluster[...]}). */
    public boolean localCluster() {
        return url != null && url.startsWith("local-cluster[");
    }
}

package dev.fxnet.spark;

import java.util.regex.Pattern;

/**
 * A Spark master URL as fxnet accepts it: {@code local}, {@code local[N]}, {@code local[*]},
 * {@code local[N,F]}, {@code local-cluster[W,C,MB]} (W executor JVMs of C cores and MB megabytes on
 * this machine), {@code spark://HOST:PORT[,HOST:PORT...]}, {@code yarn} or {@code k8s://URL}; or
 * none, when {@code spark-submit} has set one (else {@code local[*]}).
 *
 * @param url the URL, or null for spark-submit's or the default
 */
public record SparkMaster(String url) {
    private static final Pattern ACCEPTED = Pattern.compile(
            "local|local\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?\\]|local-cluster\\[[1-9][0-9]*, *[1-9][0-9]*, *[1-9][0-9]*\\]"
                    + "|spark://[^\\s,:/]+:[0-9]{1,5}(,[^\\s,:/]+:[0-9]{1,5})*|yarn|k8s://\\S+");

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
        if (!ACCEPTED.matcher(t).matches()) {
            throw new IllegalArgumentException("--master '" + text + "': expected local[N], local[*],"
                    + " local-cluster[W,C,MB], spark://HOST:PORT, yarn or k8s://URL");
        }
        return new SparkMaster(t);
    }

    /** Whether executors are JVMs that this machine's Worker starts ({@code local-cluster[...]}). */
    public boolean localCluster() {
        return url != null && url.startsWith("local-cluster[");
    }
}

package dev.fxnet.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for long runs: shown only when the work is large (at least
 * {@link #THRESHOLD} steps) and stderr is an interactive terminal, so pipes and CI logs stay clean.
 * Thread-safe {@link #step}.
 */
final class Progress implements AutoCloseable {
    /** Work below this many steps never shows a bar. */
    static final long THRESHOLD = 1L << 20;

    private final ProgressBar bar;
    private final AtomicLong done = new AtomicLong();

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress of(String task, long total, PrintWriter err) {
        boolean show = total >= THRESHOLD && System.console() != null && !"true".equals(System.getenv("CI"));
        if (!show) {
            return new Progress(null);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed().build();
        return new Progress(bar);
    }

    void step(long n) {
        done.addAndGet(n);
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    long done() {
        return done.get();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}

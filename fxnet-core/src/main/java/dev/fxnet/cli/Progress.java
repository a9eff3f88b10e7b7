package dev.fxnet.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long run on stderr, in one of three forms:
 * <ul>
 * <li>on an interactive terminal (and not under {@code CI=true}), a bar, for large work only (at
 *     least {@link #THRESHOLD} weighted steps);
 * <li>elsewhere (a log file, a pipe, CI), a plain line every {@link #INTERVAL_NANOS}, the first one
 *     only after that long, so short runs print nothing: {@code TASK: DONE/TOTAL UNIT (P%), M:SS
 *     elapsed, about M:SS left};
 * <li>nothing with {@code --quiet}.
 * </ul>
 * Lines are printed from {@link #step}, so a line comes with the first step after the interval.
 * Thread-safe {@link #step}.
 */
final class Progress implements AutoCloseable {
    /** Weighted work below this never shows a bar. */
    static final long THRESHOLD = 1L << 20;
    /** The time between two plain lines, and before the first. */
    static final long INTERVAL_NANOS = 5_000_000_000L;

    /** The clock (nanoseconds) of progress made by {@link #of}; tests replace it. */
    static volatile LongSupplier clock = System::nanoTime;
    /** Whether {@link #of} treats stderr as a terminal (null: ask the system); tests set it. */
    static volatile Boolean terminalOverride;

    private final String task;
    private final long total;
    private final String unit;
    private final ProgressBar bar;
    private final PrintWriter lines;
    private final LongSupplier nanos;
    private final long interval;
    private final long start;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong next;

    /**
     * Plain lines to {@code lines} (null for none), or a bar; {@code clock} in nanoseconds.
     * For tests: the clock and the interval are injectable.
     */
    Progress(String task, long total, String unit, ProgressBar bar, PrintWriter lines, LongSupplier clock,
            long intervalNanos) {
        if (total < 0 || intervalNanos <= 0) {
            throw new IllegalArgumentException("total must be >= 0 and the interval > 0, were " + total + " and "
                    + intervalNanos);
        }
        this.task = task;
        this.total = total;
        this.unit = unit;
        this.bar = bar;
        this.lines = lines;
        this.nanos = clock;
        this.interval = intervalNanos;
        this.start = clock.getAsLong();
        this.next = new AtomicLong(start + intervalNanos);
    }

    /**
     * Progress of {@code total} {@code unit}s (e.g. "points", "rows"), each worth about
     * {@code workPerUnit} basic steps (which decides whether a terminal shows a bar).
     */
    static Progress of(String task, long total, String unit, long workPerUnit, PrintWriter err, boolean quiet) {
        LongSupplier c = clock;
        if (quiet) {
            return new Progress(task, total, unit, null, null, c, INTERVAL_NANOS);
        }
        Boolean t = terminalOverride;
        boolean terminal = t != null ? t : System.console() != null && !"true".equals(System.getenv("CI"));
        if (!terminal) {
            return new Progress(task, total, unit, null, err, c, INTERVAL_NANOS);
        }
        ProgressBar bar = null;
        if ((double) total * Math.max(1, workPerUnit) >= THRESHOLD) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed().build();
        }
        return new Progress(task, total, unit, bar, null, c, INTERVAL_NANOS);
    }

    /** {@code n} more units are done. */
    void step(long n) {
        long d = done.addAndGet(n);
        if (bar != null) {
            bar.stepBy(n);
        }
        if (lines != null) {
            long now = nanos.getAsLong();
            long due = next.get();
            if (now - due >= 0 && next.compareAndSet(due, now + interval)) {
                synchronized (lines) {
                    lines.println(line(d, now - start));
                    lines.flush();
                }
            }
        }
    }

    /** The plain line after {@code elapsed} nanoseconds with {@code d} units done. */
    String line(long d, long elapsed) {
        StringBuilder b = new StringBuilder(task).append(": ").append(d).append('/').append(total).append(' ')
                .append(unit);
        if (total > 0) {
            b.append(String.format(Locale.ROOT, " (%.1f%%)", 100.0 * d / total));
        }
        b.append(", ").append(duration(elapsed)).append(" elapsed");
        if (d > 0 && d < total) {
            b.append(", about ").append(duration((long) (elapsed * ((double) (total - d) / d)))).append(" left");
        }
        return b.toString();
    }

    /** {@code h:mm:ss} or {@code m:ss}. */
    static String duration(long nanos) {
        long s = Math.round(nanos / 1e9);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    long done() {
        return done.get();
    }

    /** A running {@link #phase}; closing it stops its lines. */
    interface Phase extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * A phase whose amount of work is not known in advance (compile's gadget search and network
     * assembly): a line {@code TASK: WHAT, M:SS elapsed} every {@link #INTERVAL_NANOS} on stderr,
     * the first only after that long, until the returned handle is closed; nothing with
     * {@code --quiet}. The lines come from a daemon thread, so they appear while the work runs.
     */
    static Phase phase(String task, String what, PrintWriter err, boolean quiet) {
        return phase(task, what, err, quiet, INTERVAL_NANOS);
    }

    /** {@link #phase(String, String, PrintWriter, boolean)} with another interval (for tests). */
    static Phase phase(String task, String what, PrintWriter err, boolean quiet, long intervalNanos) {
        if (quiet) {
            return () -> { };
        }
        long start = System.nanoTime();
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "fxnet-progress");
                    t.setDaemon(true);
                    return t;
                });
        timer.scheduleAtFixedRate(() -> {
            synchronized (err) {
                err.println(task + ": " + what + ", " + duration(System.nanoTime() - start) + " elapsed");
                err.flush();
            }
        }, intervalNanos, intervalNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        return () -> timer.shutdownNow();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}

package dev.fxnet.report;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * What {@link StandardReport#build(StandardReport.Scope, ReportProgress)} tells of its progress: each
 * section as it starts, with how many units of work it has when they are counted, then the units
 * as they are done. For a progress line on long runs; the report does not depend on it.
 */
public interface ReportProgress {
    /**
     * Section {@code name} starts; it has {@code total} units of work called {@code unit} (e.g.
     * 288 "settings"), or {@code total == 0} when its work is not counted (then no {@link #step} follows).
     */
    void section(String name, long total, String unit);

    /** {@code n} more units of the current section are done; may be called from many threads at once. */
    void step(long n);

    /** Progress that passes only the section names to {@code sections}. */
    static ReportProgress ofSections(Consumer<String> sections) {
        Objects.requireNonNull(sections, "sections");
        return new ReportProgress() {
            @Override
            public void section(String name, long total, String unit) {
                sections.accept(name);
            }

            @Override
            public void step(long n) {
            }
        };
    }
}

package dev.fxnet.engine;

import java.io.Serializable;

/**
 * One independent piece of a job, small enough to ship to another machine (a range of input
 * indices, a setting key; never one record per input). Implementations are immutable values.
 */
public interface WorkUnit extends Serializable {
    /** The amount of work in progress units (points of a range, 1 for a setting); at least 1. */
    long weight();
}

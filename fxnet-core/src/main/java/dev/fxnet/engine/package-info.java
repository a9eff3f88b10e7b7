/**
 * The engine seam: fxnet's embarrassingly parallel jobs (exhaustive verification, {@code eval --all}
 * in its counting form, verdict sweeps) as lists of small serialisable work units (ranges of input
 * indices, setting keys) run by an {@link dev.fxnet.engine.Engine}. The default
 * {@link dev.fxnet.engine.LocalEngine} runs them in this JVM exactly as before; other engines (the
 * optional Spark module) are found at run time with {@link java.util.ServiceLoader} by
 * {@link dev.fxnet.engine.Engines#open}. Every engine returns the results in the order of the units,
 * so the combined result does not depend on the engine.
 */
package dev.fxnet.engine;

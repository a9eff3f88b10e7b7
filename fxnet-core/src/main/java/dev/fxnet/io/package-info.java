/**
 * Files in and out: reading inputs within a size limit and writing outputs completely or not at
 * all.
 *
 * <ul>
 *   <li>{@link dev.fxnet.io.InputFile}: reads a regular file whole, refusing directories, devices,
 *       named pipes and files over a size limit without blocking.</li>
 *   <li>{@link dev.fxnet.io.OutputTarget}: where one output goes, a regular file written
 *       atomically (temporary file, then rename; symbolic links followed and kept) or standard
 *       output.</li>
 *   <li>{@link dev.fxnet.io.OutputDirectory}: a directory that receives a set of files only when
 *       all of them are written.</li>
 *   <li>{@link dev.fxnet.io.AtomicFiles}: shorthands for writing one file through
 *       {@code OutputTarget}.</li>
 * </ul>
 *
 * <p>Contract: a target is checked when it is made, before any work; if writing fails or the
 * process is interrupted (Ctrl-C, SIGTERM) the temporary files are removed and the target is left
 * as it was (not on SIGKILL or a JVM crash). Errors are {@link java.nio.file.FileSystemException}s
 * or {@link java.io.IOException}s naming the path as the caller gave it, never a temporary name.
 *
 * <p>Dependencies: the JDK only; it knows nothing of formats, networks or the command line, so
 * every other package may use it.
 */
package dev.fxnet.io;

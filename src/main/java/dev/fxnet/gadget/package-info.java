/**
 * The gadget core: the one place where fxnet computes what small sub-networks do, shared by the
 * decision procedure ({@code theory}) and the compiler ({@code construct}).
 *
 * <ul>
 *   <li><b>What is computed with.</b> {@link dev.fxnet.gadget.Setting} (an
 *       {@link dev.fxnet.arith.Arithmetic}, the accumulation, the activation) and its
 *       {@link dev.fxnet.gadget.Machine}: {@code (+)}, {@code (*)}, a neuron's accumulator and
 *       {@code tau} as a table, on codes. {@link dev.fxnet.gadget.Question} is what is asked of a
 *       setting (weights, dimension).</li>
 *   <li><b>The certificate of the sufficient condition S</b> (docs/THEORY.md §3), which a UNIVERSAL
 *       verdict rests on: {@link dev.fxnet.gadget.Certificate}, made of
 *       {@link dev.fxnet.gadget.StepGadget}s (built from {@link dev.fxnet.gadget.Stage}s), an
 *       {@link dev.fxnet.gadget.AndGadget} and an {@link dev.fxnet.gadget.OutputGadget}, found by
 *       {@link dev.fxnet.gadget.GadgetSearch}. It proves a network exists for every {@code f} and
 *       every dimension.</li>
 *   <li><b>The gadgets of the compiled networks</b> (docs/CONSTRUCTION.md):
 *       {@link dev.fxnet.gadget.IndicatorGadgets}, zero-detectors, a NOR over up to {@code 2d}
 *       detectors, a normalizer and output weights, found by a beam search over chains
 *       ({@code ChainSearch}) for one fan-in. They give shallow networks of few parameters for one
 *       dimension.</li>
 * </ul>
 *
 * <p>Contract: every gadget is verified through the {@link dev.fxnet.gadget.Machine} on every input
 * it can receive before it is returned, so what is certified is exactly what a network computes.
 * The searches are bounded by counts (candidates, beam width, tail searches, {@link
 * dev.fxnet.gadget.GadgetSearch#LIMIT}), never by time: the same setting gives the same gadgets on
 * any machine and load. Everything here is written against the {@link dev.fxnet.arith.Arithmetic}
 * interface, not a fixed-point implementation (a second implementation runs the same searches; see
 * the tests), and relies only on its contract: codes ordered like values, code 0 the value 0, code
 * {@code -c} the value {@code -value(c)} where both are codes. Every type is immutable.
 *
 * <p>Dependencies: {@code arith} and {@code activation} only.
 */
package dev.fxnet.gadget;

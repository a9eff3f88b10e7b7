/**
 * The gadget core: one setting, one machine over the {@link dev.fxnet.arith.Arithmetic} interface,
 * and the small verified sub-networks ("gadgets") that both the universality verdicts
 * ({@code theory}) and the network compiler ({@code construct}) are built from.
 *
 * <ul>
 *   <li><b>Setting and machine.</b> {@link dev.fxnet.gadget.Setting} (arithmetic, accumulation,
 *       activation); {@link dev.fxnet.gadget.Machine}, its operations on codes ({@code (+)},
 *       {@code (*)}, a neuron's accumulator, {@code tau} as a table);
 *       {@link dev.fxnet.gadget.Question}, a setting with the weights allowed and the dimension.</li>
 *   <li><b>The certificate of S</b> (docs/THEORY.md): {@link dev.fxnet.gadget.Stage} (one neuron
 *       reading copies of one signal; with one copy, a link of any chain),
 *       {@link dev.fxnet.gadget.StepGadget} (with an optional {@link dev.fxnet.gadget.Partner}),
 *       {@link dev.fxnet.gadget.AndGadget}, {@link dev.fxnet.gadget.OutputGadget}, switch
 *       {@link dev.fxnet.gadget.Levels}, assembled into a {@link dev.fxnet.gadget.Certificate} and
 *       found by {@link dev.fxnet.gadget.GadgetSearch}. It proves that every {@code f}, in every
 *       dimension, has a network; {@code compile} builds that network (Theorem 2) wherever the
 *       shallower indicator gadgets below do not exist.</li>
 *   <li><b>The indicator gadgets of {@code compile}</b> (docs/CONSTRUCTION.md):
 *       {@link dev.fxnet.gadget.IndicatorGadgets} (detectors, NOR, normalizer, output weights), whose
 *       chains come from the beam search {@code ChainSearch} over sorted code sets
 *       ({@code SortedCodes}).</li>
 * </ul>
 *
 * <p>Contract: every gadget is verified with the machine's own operations on every input it can
 * receive before it is returned, so what is certified is exactly what a network computes. The
 * searches are bounded by counts (candidates, layers, beam width, tail searches), never by time: the
 * same setting gives the same gadgets on any machine and under any load. Value types are immutable.
 * A search that finds nothing reports what it tried ({@code GadgetSearch.Outcome#tried}) or, for
 * {@code IndicatorGadgets.find}, refuses the setting with an {@link IllegalArgumentException} naming
 * what was searched; other exceptions are bugs. The code depends on the {@code Arithmetic} interface
 * only, and on its contract (codes ordered like values, code 0 the value 0, code {@code -c} the value
 * {@code -value(c)} where both are codes), so a second implementation plugs in unchanged (shown by
 * {@code SecondArithmeticTest}). Some candidate generators are tuned to fixed point: the output
 * search ({@code OutputGadget}) walks sums of codes as if {@code (+)} were exact on codes, and its
 * WIDE variant steps by the value of code 1. For an arithmetic where that is not so (floating point)
 * they may find nothing; they cannot certify anything wrong, since every candidate is verified
 * through the {@code Machine}.
 *
 * <p>Dependencies: {@code arith} and {@code activation} only; never {@code construct},
 * {@code theory}, {@code network} or {@code cli}.
 */
package dev.fxnet.gadget;

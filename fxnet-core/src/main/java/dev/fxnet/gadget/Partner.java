package dev.fxnet.gadget;

/**
 * A second first-layer neuron of a {@link StepGadget}: {@code r2 = tau(acc(bias; weight, x))},
 * read by the gadget's first stage with weight {@code readWeight} after the main first-layer neuron.
 */
public record Partner(long bias, long weight, long readWeight) {
}

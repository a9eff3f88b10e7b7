package dev.fxnet.gadget;

/**
 * The two output values of a switch: {@code on} when the condition it tests holds, {@code off}
 * otherwise. A plain pair; the gadgets that carry one check that the levels differ, each with its
 * own message.
 */
public record Levels(long on, long off) {
}

package dev.fxnet.network;

import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;

/**
 * A fixed-point format's files and output (SPEC §5): codes are written as themselves, values as
 * exact decimals on the grid {@code 2^-q}.
 */
record FixedPointSystem(FixedPointArithmetic arithmetic) implements NumberSystem {
    @Override
    public long number(long code) {
        return code;
    }

    @Override
    public long parameter(long number) {
        FixedPointFormat f = arithmetic.format();
        if (!f.contains(number)) {
            throw new IllegalArgumentException("code " + number + " is outside " + f + " (codes " + f.minCode() + ".."
                    + f.maxCode() + ")");
        }
        return number;
    }

    @Override
    public long parseValue(String text) {
        return arithmetic.format().parseValue(text);
    }

    @Override
    public String formatJson() {
        FixedPointFormat f = arithmetic.format();
        return "{\"intBits\": " + f.intBits() + ", \"fracBits\": " + f.fracBits() + ", \"encoding\": \"" + f.encoding()
                + "\"}";
    }

    @Override
    public String overflowName() {
        return arithmetic.overflow().name();
    }

    @Override
    public String roundingName() {
        return arithmetic.rounding().name();
    }
}

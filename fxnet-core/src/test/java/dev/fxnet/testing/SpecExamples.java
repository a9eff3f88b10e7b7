package dev.fxnet.testing;

/** Texts copied from SPEC.md. */
public final class SpecExamples {
    private SpecExamples() {
    }

    /** The network file printed in SPEC §5 (computes 0.5 * [x >= 0.5] in p=2,q=1). */
    public static final String SPEC_NETWORK = "{\n"
            + "  \"fxnet\": 1,\n"
            + "  \"format\": {\"intBits\": 2, \"fracBits\": 1, \"encoding\": \"SYMMETRIC\"},\n"
            + "  \"arithmetic\": {\"rounding\": \"HALF_EVEN\", \"overflow\": \"SATURATE\", \"accumulation\": \"PER_OP\"},\n"
            + "  \"activation\": \"relu\",\n"
            + "  \"inputs\": 1,\n"
            + "  \"layers\": [\n"
            + "    [ {\"bias\": 0, \"weights\": [[0, 2]]}, {\"bias\": -1, \"weights\": [[0, 2]]} ],\n"
            + "    [ {\"bias\": 0, \"weights\": [[0, 2], [1, -2]]} ]\n"
            + "  ],\n"
            + "  \"meta\": {}\n"
            + "}";
}

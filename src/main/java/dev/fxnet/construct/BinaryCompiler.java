package dev.fxnet.construct;

/**
 * Binary-weight construction (SPEC §4): every weight +-1, dense layers. Not implemented: it needs
 * twin copies of every value so that unwanted sources cancel, chain searches restricted to the
 * effective weights {-2, 0, 2}, and direction features {@code s . x} in the first layer for
 * {@code d >= 2} (docs/CONSTRUCTION.md, section 6).
 */
final class BinaryCompiler {
    private BinaryCompiler() {
    }

    static Compiler.Result compile(FunctionTable target, Setting s, boolean verify) {
        throw new IllegalArgumentException("binary-weight compilation (every weight +-1, dense layers) is not"
                + " implemented in this version; " + s + " was not searched for binary gadgets"
                + " (see docs/CONSTRUCTION.md, section 6)");
    }
}

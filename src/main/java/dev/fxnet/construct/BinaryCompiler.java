package dev.fxnet.construct;

/** Binary-weight construction (SPEC §4): every weight +-1, dense layers. */
final class BinaryCompiler {
    private BinaryCompiler() {
    }

    static Compiler.Result compile(FunctionTable target, Setting s, boolean verify) {
        throw new IllegalArgumentException("binary-weight compilation is not implemented yet");
    }
}

package dev.fxnet.construct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.activation.Activations;
import dev.fxnet.arith.Accumulation;
import dev.fxnet.arith.Encoding;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import dev.fxnet.gadget.Setting;
import dev.fxnet.target.FunctionTable;
import org.junit.jupiter.api.Test;

/**
 * Under two's complement WRAP above {@link Compiler#SHALLOW_WRAP_LIMIT} codes the compiler goes straight
 * to Theorem W's network (the shallow gadgets' chain search ran for minutes at 512 codes, so
 * {@code check}'s sample compile looked hung); the network is verified on every point by the compiler.
 */
class LargeWrapCompileTest {
    @Test
    void relu512CodesCompilesFromTheoremW() {
        FixedPointArithmetic ar = FixedPointArithmetic.of(FixedPointFormat.of(4, 4, Encoding.TWOS_COMPLEMENT),
                Rounding.DOWN, Overflow.WRAP);
        Setting s = Setting.of(ar, Accumulation.PER_OP, Activations.named("relu"));
        FunctionTable t = FunctionTable.random(ar.format(), 1, 1);
        Compiler.Result r = Compiler.compile(t, s, CompileOptions.defaults());
        assertTrue(r.gadgets().startsWith("the network of Theorem W"), r.gadgets());
        assertEquals(t.size(), r.verification().points());
    }
}

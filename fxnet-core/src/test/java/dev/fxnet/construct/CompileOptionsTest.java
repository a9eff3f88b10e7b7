package dev.fxnet.construct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link CompileOptions} is an immutable value: every wither returns a new one and changes one option. */
class CompileOptionsTest {
    @Test
    void defaultsAreSmallestGeneralVerifiedUnlimited() {
        CompileOptions d = CompileOptions.defaults();
        assertEquals(Optional.empty(), d.strategy());
        assertFalse(d.binaryWeights());
        assertTrue(d.verification());
        assertEquals(Long.MAX_VALUE, d.limit().maxWeightOperations());
        assertEquals("CompileOptions[strategy=smallest, weights=general, verification=true, limit=none]", d.toString());
    }

    @Test
    void withersChangeOneOptionAndLeaveTheOriginal() {
        CompileOptions d = CompileOptions.defaults();
        CompileOptions o = d.withStrategy(Strategy.STEPS).withBinaryWeights(true).withVerification(false)
                .withLimit(WorkLimit.standard());
        assertEquals(Optional.of(Strategy.STEPS), o.strategy());
        assertTrue(o.binaryWeights());
        assertFalse(o.verification());
        assertEquals(WorkLimit.STANDARD_WEIGHT_OPERATIONS, o.limit().maxWeightOperations());
        assertEquals(CompileOptions.defaults(), d);
        assertNotEquals(d, o);
        assertEquals(d, o.withStrategy(null).withBinaryWeights(false).withVerification(true).withLimit(WorkLimit.none()));
        assertEquals(d.hashCode(), d.withStrategy(null).hashCode());
        assertThrows(NullPointerException.class, () -> d.withLimit(null));
    }
}

package dev.fxnet.construct.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The routes of the binary construction choose by {@link Attempt}: a {@link Refusal} becomes
 * {@code Refused}, while an {@link IllegalArgumentException} from inside a route (a failed
 * precondition, a bug) propagates instead of being taken for a refusal and re-routed, as the former
 * {@code catch (IllegalArgumentException)} routing did.
 */
class AttemptTest {
    @Test
    void aRefusalIsAnOutcomeAndABugIsNot() {
        assertEquals(new Attempt.Built<>("net"), Attempt.of(() -> "net"));
        assertEquals(new Attempt.Refused<String>("no gadget", false), Attempt.<String>of(() -> {
            throw Refusal.of("no gadget");
        }));
        assertEquals(new Attempt.Refused<String>("too large", true), Attempt.<String>of(() -> {
            throw Refusal.ofFinal("too large");
        }));
        IllegalArgumentException bug = assertThrows(IllegalArgumentException.class, () -> Attempt.<String>of(() -> {
            throw new IllegalArgumentException("precondition");
        }));
        assertEquals("precondition", bug.getMessage());
    }

    @Test
    void finalOnMakesEveryRefusalFinalAndRaiseRoundTrips() {
        assertEquals(new Attempt.Refused<String>("value layer", true), Attempt.<String>of(() -> Refusal.finalOn(() -> {
            throw Refusal.of("value layer");
        })));
        Attempt<String> refused = new Attempt.Refused<>("inner", true);
        assertEquals(refused, Attempt.of(() -> Refusal.raise(refused)));
        assertEquals("net", Refusal.raise(new Attempt.Built<>("net")));
    }

    @Test
    void theWholeRefusalReachesTheCallerAsAUserError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Attempt.Refused<String>("no step gadget; and no sign signals", false).orElseThrow());
        assertEquals("no step gadget; and no sign signals", e.getMessage());
        assertEquals("net", new Attempt.Built<>("net").orElseThrow());
    }
}

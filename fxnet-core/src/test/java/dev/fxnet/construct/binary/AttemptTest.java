package dev.fxnet.construct.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The routes and stages of the binary construction choose by {@link Attempt}, a value: a refusal is
 * returned, never thrown, so nothing is caught to re-route and a bug (any exception) propagates.
 */
class AttemptTest {
    @Test
    void mapAndFlatMapRunOnlyOnWhatWasBuilt() {
        assertEquals(Attempt.built(3), Attempt.built("net").map(String::length));
        assertEquals(Attempt.built("ne"), Attempt.built("net").flatMap(x -> Attempt.built(x.substring(0, 2))));
        Attempt<String> refused = Attempt.refused("no gadget");
        assertEquals(new Attempt.Refused<Integer>("no gadget", false), refused.map(x -> {
            throw new AssertionError("not run");
        }));
        assertEquals(new Attempt.Refused<Integer>("too large", true),
                Attempt.<String>refusedFinally("too large").flatMap(x -> Attempt.built(1)));
    }

    @Test
    void aBugInAStageIsNotARefusal() {
        IllegalStateException bug = assertThrows(IllegalStateException.class,
                () -> Attempt.built("net").flatMap(x -> {
                    throw new IllegalStateException("internal error");
                }));
        assertEquals("internal error", bug.getMessage());
    }

    @Test
    void eachStopsAtTheFirstRefusal() {
        List<Integer> made = new ArrayList<>();
        Attempt<List<Integer>> a = Attempt.each(5, i -> {
            made.add(i);
            return i == 2 ? Attempt.refused("no neuron " + i) : Attempt.built(i);
        });
        assertEquals(new Attempt.Refused<List<Integer>>("no neuron 2", false), a);
        assertEquals(List.of(0, 1, 2), made);
        assertEquals(Attempt.built(List.of(0, 1, 2)), Attempt.each(3, Attempt::built));
    }

    @Test
    void finalIfRefusedMakesEveryRefusalFinal() {
        assertEquals(new Attempt.Refused<String>("value layer", true),
                Attempt.<String>refused("value layer").finalIfRefused());
        assertEquals(Attempt.built("net"), Attempt.built("net").finalIfRefused());
    }

    @Test
    void theWholeRefusalReachesTheCallerAsAUserError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Attempt.Refused<String>("no step gadget; and no sign signals", false).orElseThrow());
        assertEquals("no step gadget; and no sign signals", e.getMessage());
        assertEquals("net", new Attempt.Built<>("net").orElseThrow());
    }
}

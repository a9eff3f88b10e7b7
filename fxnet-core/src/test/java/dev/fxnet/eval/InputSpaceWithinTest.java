package dev.fxnet.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link InputSpace#within}: against brute force, the points of the whole grid (in its order) whose
 * every coordinate has value {@code |x| <= r}, for every value {@code r >= 0} of small formats.
 */
class InputSpaceWithinTest {
    @Test
    void theDomainIsTheFilteredGridInGridOrder() {
        for (String name : new String[] {"e2m1", "e3m2", "float(1,1)"}) {
            FloatArithmetic ar = FloatArithmetic.of(FloatFormat.parse(name));
            for (int d = 1; d <= 2; d++) {
                InputSpace full = InputSpace.of(ar, d);
                for (long rc = 0; rc <= ar.maxCode(); rc++) {
                    BigDecimal r = ar.value(rc);
                    List<long[]> expected = new ArrayList<>();
                    for (long i = 0; i < full.size(); i++) {
                        long[] x = full.point(i);
                        boolean in = true;
                        for (long c : x) {
                            in &= ar.value(c).abs().compareTo(r) <= 0;
                        }
                        if (in) {
                            expected.add(x);
                        }
                    }
                    InputSpace dom = InputSpace.within(ar, d, r);
                    assertTrue(dom.isRestricted());
                    assertEquals(expected.size(), dom.size(), name + " r=" + r);
                    for (int i = 0; i < expected.size(); i++) {
                        assertArrayEquals(expected.get(i), dom.point(i));
                        assertEquals(i, dom.indexOf(expected.get(i)));
                        assertTrue(dom.contains(expected.get(i)));
                    }
                }
            }
        }
    }

    @Test
    void refusesARadiusThatIsNotANonNegativeValue() {
        FloatArithmetic ar = FloatArithmetic.of(FloatFormat.parse("e2m1"));
        assertThrows(IllegalArgumentException.class, () -> InputSpace.within(ar, 1, new BigDecimal("-1")));
        assertThrows(IllegalArgumentException.class, () -> InputSpace.within(ar, 1, new BigDecimal("0.7")));
        assertThrows(IllegalArgumentException.class, () -> InputSpace.within(ar, 1, new BigDecimal("7")));
        assertThrows(IllegalArgumentException.class, () -> InputSpace.within(ar, 1, new BigDecimal("1e-999999999")));
        assertThrows(IllegalArgumentException.class, () -> InputSpace.within(ar, 1, new BigDecimal("1e999999999")));
        assertFalse(InputSpace.within(ar, 2, BigDecimal.ONE).contains(new long[] {0, ar.maxCode()}));
    }
}

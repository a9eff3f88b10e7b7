package dev.fxnet.gadget;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A certificate's detector maps iterate by threshold, whatever order they were built in: the
 * evidence text names the first LO detector, and a verdict must read the same in every JVM run
 * (the maps were {@code Map.copyOf} copies, whose order is randomised per run).
 */
class IndicatorPartsOrderTest {
    @Test
    void detectorsAndOutputsIterateByAscendingCode() {
        Map<Long, List<Stage>> lo = new LinkedHashMap<>();
        Map<Long, long[]> out = new LinkedHashMap<>();
        List<Long> keys = List.of(7L, -3L, 12L, 0L, -9L, 4L, 1L, -1L);
        for (long k : keys) {
            lo.put(k, List.of(Stage.of(k, 1, 1)));
            out.put(k, new long[] {k});
        }
        IndicatorCertificate.Parts p = new IndicatorCertificate.Parts(12, lo, lo, 0, 1, List.of(), 1, out);
        List<Long> sorted = new ArrayList<>(keys);
        sorted.sort(null);
        assertEquals(sorted, new ArrayList<>(p.lo().keySet()));
        assertEquals(sorted, new ArrayList<>(p.hi().keySet()));
        assertEquals(sorted, new ArrayList<>(p.output().keySet()));
    }
}

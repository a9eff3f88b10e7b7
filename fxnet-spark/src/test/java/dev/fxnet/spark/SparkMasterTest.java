package dev.fxnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@code --master} values: what fxnet can start is accepted, the rest refused before Spark starts. */
class SparkMasterTest {
    @Test
    void acceptsWhatFxnetCanStart() {
        for (String ok : new String[] {"local", "local[2]", "local[*]", "local[4,3]", "local-cluster[2,1,1024]",
            "spark://127.0.0.1:7077", "spark://a:1,b:2"}) {
            assertEquals(ok, SparkMaster.parse(ok).url());
        }
    }

    @Test
    void refusesOddCountsSmallExecutorsAndMastersOnlySparkSubmitReaches() {
        for (String bad : new String[] {"local[99999999999]", "local[0]", "local-cluster[1,1,1]",
            "local-cluster[2,1,512]", "yarn", "k8s://https://127.0.0.1:1", "local[two]", "spark://h"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkMaster.parse(bad), bad);
            assertEquals(1, e.getMessage().lines().count());
        }
    }

    @Test
    void aStandaloneMasterThatDoesNotAnswerIsRefusedBeforeSparkStarts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkEngine.open(SparkMaster.parse("spark://127.0.0.1:1")));
        assertEquals(true, e.getMessage().startsWith("--master spark://127.0.0.1:1: no Spark master answers at 127.0.0.1:1"),
                e.getMessage());
    }
}

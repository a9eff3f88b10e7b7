package dev.fxnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.engine.LocalEngine;
import dev.fxnet.engine.RangeResult;
import dev.fxnet.engine.RangeVerification;
import dev.fxnet.engine.VerdictRow;
import dev.fxnet.engine.VerdictSweep;
import dev.fxnet.eval.GridEvaluator;
import dev.fxnet.gadget.Question;
import dev.fxnet.network.Network;
import dev.fxnet.theory.VerdictTable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real cluster on 127.0.0.1 ({@code local-cluster[2,1,1024]}: a Master and Workers in this JVM,
 * two executor JVMs of their own) against the in-JVM engine: a verification of 2^20 points with
 * mismatches, a sweep of 16 settings, and a verification during which one executor JVM is killed.
 * Results must be equal in every field (counts, mismatch lists, digests, verdict rows).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkEngineIT {
    private static SparkEngine spark;

    @BeforeAll
    static void startCluster() throws Exception {
        LocalCluster.prepareSparkHome();
        spark = SparkEngine.open(SparkMaster.parse(LocalCluster.MASTER));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (spark != null) {
            spark.close();
        }
        LocalCluster.assertNoStrayProcesses();
    }

    /** The network's outputs with every 4099th one changed: a target with known mismatches. */
    private static int[] perturbedTarget(Network net) {
        int[] t = new GridEvaluator(net).evaluateAll(null);
        for (int i = 0; i < t.length; i += 4099) {
            t[i] = t[i] == 511 ? 510 : t[i] + 1;
        }
        return t;
    }

    @Test
    @Order(1)
    void aVerificationOfTwoToTheTwentyPointsEqualsTheInJvmOne() {
        Network net = TestNetworks.dense(17, 6, 4);
        int[] target = perturbedTarget(net);
        RangeResult local = RangeVerification.verify(new LocalEngine(2), net, target, 100, null);
        AtomicLong progress = new AtomicLong();
        RangeResult onSpark = RangeVerification.verify(spark, net, target, 100, progress::addAndGet);
        assertEquals(1L << 20, local.points());
        assertEquals((target.length + 4098) / 4099, local.mismatches());
        assertEquals(0, local.first().get(0).index());
        assertEquals(4099, local.first().get(1).index());
        assertEquals(local, onSpark);
        assertEquals(1L << 20, progress.get());
        assertTrue(spark.split(1L << 20).size() > 1, "the job was cut into ranges");
    }

    /** Twelve fixed-point settings of the tiny grid and four of the tiny float grid (S_I certificates among them). */
    @Test
    @Order(2)
    void aSweepOfSixteenSettingsEqualsTheInJvmOne() {
        List<Question> qs = new ArrayList<>();
        List<Question> tiny = VerdictTable.tinyGrid().questions(1);
        for (int i = 0; i < 12; i++) {
            qs.add(tiny.get(i * (tiny.size() / 12)));
        }
        List<Question> floats = VerdictTable.tinyFloatGrid().questions(1);
        for (int i = 0; i < 4; i++) {
            qs.add(floats.get(i * (floats.size() / 4)));
        }
        List<VerdictRow> local = VerdictSweep.run(new LocalEngine(2), qs, null);
        List<VerdictRow> onSpark = VerdictSweep.run(spark, qs, null);
        assertEquals(16, onSpark.size());
        assertEquals(local, onSpark);
    }

    @Test
    @Order(3)
    void anExecutorKilledDuringTheJobChangesNothing() throws Exception {
        Network net = TestNetworks.dense(29, 20, 20);
        int[] target = perturbedTarget(net);
        RangeResult local = RangeVerification.verify(new LocalEngine(2), net, target, 50, null);
        assertEquals(2, LocalCluster.executors().size(), "two executor JVMs before the job");
        AtomicReference<String> killed = new AtomicReference<>();
        AtomicLong doneAtKill = new AtomicLong(-1);
        RangeResult onSpark = RangeVerification.verify(spark, net, target, 50, n -> {
            if (killed.get() == null) {
                doneAtKill.set(n);
                ProcessHandle victim = LocalCluster.executors().get(0);
                killed.set(victim.pid() + " " + LocalCluster.commandLine(victim));
                victim.destroyForcibly();
            }
        });
        assertTrue(killed.get() != null && killed.get().contains("CoarseGrainedExecutorBackend"), "an executor was killed");
        assertTrue(doneAtKill.get() < local.points(), "killed while the job ran (" + doneAtKill.get() + " points done)");
        assertEquals(local, onSpark);
    }
}

package dev.fxnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fxnet.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The command line with {@code --engine spark --master local-cluster[2,1,1024]} (the engine found by
 * ServiceLoader, a cluster of its own) prints what it prints without: a CSV sweep of 12 settings.
 */
class SparkCliIT {
    private record Run(int code, String out, String err) {
        static Run of(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
            return new Run(code, out.toString(), err.toString());
        }
    }

    @AfterAll
    static void nothingLeftRunning() throws Exception {
        LocalCluster.assertNoStrayProcesses();
    }

    @Test
    void aTableSweepOnTheClusterPrintsTheSameCsv() throws Exception {
        LocalCluster.prepareSparkHome();
        String[] grid = {"table", "--csv", "--quiet", "--activations", "relu,gelu,identity", "--int-bits", "1,2",
            "--frac-bits", "1", "--roundings", "HALF_EVEN,FLOOR"};
        Run local = Run.of(grid);
        String[] onSpark = java.util.Arrays.copyOf(grid, grid.length + 4);
        System.arraycopy(new String[] {"--engine", "spark", "--master", LocalCluster.MASTER}, 0, onSpark, grid.length, 4);
        Run spark = Run.of(onSpark);
        assertEquals(0, local.code(), local.err());
        assertEquals(0, spark.code(), spark.err());
        assertEquals(13, local.out().lines().count(), local.out());
        assertEquals(local.out(), spark.out());
    }

    @Test
    void aBadMasterIsOneLineWithExitTwo() {
        Run r = Run.of("table", "--engine", "spark", "--master", "local[two]");
        assertEquals(2, r.code());
        assertEquals("fxnet table: --master 'local[two]': expected local[N], local[*], local-cluster[W,C,MB]"
                + " (MB >= 1024) or spark://HOST:PORT (counts of at most 4 digits; YARN and Kubernetes through"
                + " spark-submit, docs/SCALE.md)", r.err().strip());
    }
}

package dev.fxnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the integration tests need around {@code local-cluster[...]}: a {@code SPARK_HOME} whose
 * {@code jars/} links the test's class path (the Worker builds executor class paths from it; the
 * failsafe configuration points {@code SPARK_HOME} there), and the executor JVMs among this JVM's
 * descendants.
 */
final class LocalCluster {
    /** Two executor JVMs of one core and 1 GB each, started by a Master and Workers inside this JVM. */
    static final String MASTER = "local-cluster[2,1,1024]";

    private LocalCluster() {
    }

    /** Creates {@code $SPARK_HOME/jars} with a link to every jar of this JVM's class path. */
    static void prepareSparkHome() throws IOException {
        String home = System.getenv("SPARK_HOME");
        if (home == null) {
            throw new IllegalStateException("SPARK_HOME is unset; run the integration tests with mvn verify");
        }
        Path jars = Files.createDirectories(Path.of(home, "jars"));
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            Path link = jars.resolve(p.getFileName().toString());
            if (entry.endsWith(".jar") && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, p);
            }
        }
    }

    /** The live executor JVMs started under this JVM. */
    static List<ProcessHandle> executors() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> commandLine(p).contains("CoarseGrainedExecutorBackend"))
                .collect(Collectors.toList());
    }

    /**
     * A process's command line: from {@code /proc} where there is one (the JDK's
     * {@code ProcessHandle.Info} gives none for an executor's very long class path), else the JDK's.
     */
    static String commandLine(ProcessHandle p) {
        Path proc = Path.of("/proc", Long.toString(p.pid()), "cmdline");
        try {
            return new String(Files.readAllBytes(proc), java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return p.info().commandLine().orElse("");
        }
    }

    /** Waits (a bounded number of polls) until no process started under this JVM is alive, then checks none is. */
    static void assertNoStrayProcesses() throws InterruptedException {
        for (int poll = 0; poll < 120 && ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive); poll++) {
            Thread.sleep(250);
        }
        assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + commandLine(p)).collect(Collectors.toList()));
    }
}

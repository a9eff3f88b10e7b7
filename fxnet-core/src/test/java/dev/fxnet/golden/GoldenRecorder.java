package dev.fxnet.golden;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the golden records of {@link GoldenCases} into {@code fxnet-core/src/test/resources/golden/}
 * (run from the repository root or from {@code fxnet-core/}). Not a test: run it by hand, once, before a change whose behaviour must
 * stay the same, and never to make a failing {@link GoldenBehaviourTest} pass without a reason.
 *
 * <pre>
 * mvn -q -B -pl fxnet-core -am test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * cd fxnet-core; java -cp target/classes:target/test-classes:$(cat cp.txt) dev.fxnet.golden.GoldenRecorder [PART...] [--only ID,...]
 * </pre>
 *
 * PART is {@code check}, {@code compile}, {@code tiny} or {@code default} (all four when none is
 * given). With {@code --only}, just those case ids are recomputed and merged into the existing
 * files. Each case's time goes to stderr.
 */
public final class GoldenRecorder {
    /** Where the records live: relative to the core module's directory, or to the repository root. */
    static final Path DIR = Files.isDirectory(Path.of("fxnet-core/src/test/resources/golden"))
            ? Path.of("fxnet-core/src/test/resources/golden") : Path.of("src/test/resources/golden");

    private GoldenRecorder() {
    }

    public static void main(String[] args) throws IOException {
        List<String> parts = new ArrayList<>();
        Set<String> only = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--only")) {
                only = Set.of(args[++i].split(","));
            } else {
                parts.add(args[i]);
            }
        }
        if (parts.isEmpty()) {
            parts = List.of("check", "compile", "tiny", "default");
        }
        Files.createDirectories(DIR.resolve("networks"));
        for (String part : parts) {
            switch (part) {
                case "check" -> recordChecks(only);
                case "compile" -> recordCompiles(only);
                case "tiny" -> recordTable(true);
                case "default" -> recordTable(false);
                default -> throw new IllegalArgumentException("unknown part " + part);
            }
        }
    }

    private static void recordChecks(Set<String> only) throws IOException {
        Map<String, String> rows = existing(DIR.resolve("check.csv"));
        for (GoldenCases.CheckCase c : GoldenCases.checkCases()) {
            if (only != null && !only.contains(c.id())) {
                continue;
            }
            long t0 = System.nanoTime();
            rows.put(c.id(), GoldenCases.verdict(c));
            System.err.printf("check   %-45s %6.1f s%n", c.id(), (System.nanoTime() - t0) / 1e9);
        }
        List<String> ids = GoldenCases.checkCases().stream().map(GoldenCases.CheckCase::id).toList();
        write(DIR.resolve("check.csv"), GoldenCases.CHECK_HEADER, ids, rows);
    }

    private static void recordCompiles(Set<String> only) throws IOException {
        Map<String, String> rows = existing(DIR.resolve("compile.csv"));
        for (GoldenCases.CompileCase c : GoldenCases.compileCases()) {
            if (only != null && !only.contains(c.id())) {
                continue;
            }
            long t0 = System.nanoTime();
            GoldenCases.Outcome o = GoldenCases.compile(c);
            double seconds = (System.nanoTime() - t0) / 1e9;
            rows.put(c.id(), GoldenCases.compileRow(c, o));
            Path net = DIR.resolve("networks").resolve(c.id() + ".json.gz");
            Files.deleteIfExists(net);
            if (o.built() && o.json().length() <= GoldenCases.STORE_JSON_UP_TO) {
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(net))) {
                    out.write(o.json().getBytes(StandardCharsets.UTF_8));
                }
            }
            if (o.built()) {
                verify(c, o);
            }
            System.err.printf("compile %-45s %6.1f s  %s%n", c.id(), seconds,
                    o.built() ? o.parameters() + " parameters" : "refused: " + o.refusal());
        }
        List<String> ids = GoldenCases.compileCases().stream().map(GoldenCases.CompileCase::id).toList();
        write(DIR.resolve("compile.csv"), GoldenCases.COMPILE_HEADER, ids, rows);
    }

    /** A recorded network must compute its target: checked on every point before it becomes a record. */
    private static void verify(GoldenCases.CompileCase c, GoldenCases.Outcome o) {
        var net = dev.fxnet.network.NetworkJson.parse(o.json());
        var v = dev.fxnet.construct.Verifier.verify(net, GoldenCases.target(c).table(), 1, null);
        if (!v.exact()) {
            throw new IllegalStateException(c.id() + ": the network differs from the target on " + v.mismatches()
                    + " points; not recorded");
        }
    }

    private static void recordTable(boolean tiny) throws IOException {
        long t0 = System.nanoTime();
        String csv = GoldenCases.tableCsv(tiny, Runtime.getRuntime().availableProcessors());
        Path file = DIR.resolve(tiny ? "table-tiny.csv" : "table-default.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        System.err.printf("table   %-45s %6.1f s%n", file.getFileName(), (System.nanoTime() - t0) / 1e9);
    }

    /** The rows of a record file by case id (the first field), or an empty map. */
    static Map<String, String> existing(Path file) throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                rows.put(idOf(line), line);
            }
        }
        return rows;
    }

    /** The case id of a record row: its first, quoted field. */
    static String idOf(String row) {
        return row.substring(1, row.indexOf('"', 1));
    }

    private static void write(Path file, String header, List<String> ids, Map<String, String> rows) throws IOException {
        StringBuilder b = new StringBuilder(header).append('\n');
        for (String id : ids) {
            if (rows.containsKey(id)) {
                b.append(rows.get(id)).append('\n');
            }
        }
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }
}

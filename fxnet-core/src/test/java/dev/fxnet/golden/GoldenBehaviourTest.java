package dev.fxnet.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Behaviour recorded before the redesign of issue #13 stays the same: the verdicts of {@code check}
 * and {@code table --csv}, and the bytes of the networks {@code compile} writes, recomputed through
 * the library and compared exactly with the records in {@code src/test/resources/golden/}
 * (written by {@link GoldenRecorder}; the cases are {@link GoldenCases}). The default run checks
 * the {@link GoldenCases.Tier#FAST} cases and a sample of table rows; {@code -Dfxnet.longTests=true}
 * checks everything.
 *
 * <p>A failure names the case and the first difference. A legitimate change (the unified search
 * finding other gadgets) is re-recorded with the recorder and explained in the commit, never
 * silently.
 */
class GoldenBehaviourTest {
    /** Every how-many-th row of a grid the default run recomputes. */
    private static final int TINY_STRIDE = 97;
    private static final int DEFAULT_STRIDE = 61;

    @Test
    void verdictsOfTheFastSettingsAreUnchanged() throws IOException {
        checkVerdicts(GoldenCases.Tier.FAST);
    }

    @Test
    void networksOfTheFastCasesAreByteIdentical() throws IOException {
        checkNetworks(GoldenCases.Tier.FAST);
    }

    @Test
    void aSampleOfTableRowsIsUnchanged() throws IOException {
        checkTableRows(true, TINY_STRIDE);
        checkTableRows(false, DEFAULT_STRIDE);
    }

    /**
     * The compiler is a function of its input: compiled twice in one JVM, a case whose gadget search
     * runs in full writes the same bytes, equal to the record.
     */
    @Test
    void compilingTwiceWritesIdenticalBytes() throws IOException {
        GoldenCases.CompileCase c = byId("gelu_p1q2_d2_smallest_expr_product");
        String first = GoldenCases.compile(c).json();
        String second = GoldenCases.compile(c).json();
        assertEquals(GoldenCases.sha256(first.getBytes(StandardCharsets.UTF_8)),
                GoldenCases.sha256(second.getBytes(StandardCharsets.UTF_8)), "two compilations of " + c.id());
        assertSame("network " + c.id(), storedJson(c.id()), second);
    }

    /** The comparison itself fails on a one-character change and names where. */
    @Test
    void aChangedRecordIsReported() {
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> assertSame("x", "{\n  \"a\" : 1\n}", "{\n  \"a\" : 2\n}"));
        assertTrue(e.getMessage().contains("line 2, column 9"), e.getMessage());
    }

    @Test
    @EnabledIfSystemProperty(named = "fxnet.longTests", matches = "true")
    void verdictsOfTheLongSettingsAreUnchanged() throws IOException {
        checkVerdicts(GoldenCases.Tier.LONG);
    }

    @Test
    @EnabledIfSystemProperty(named = "fxnet.longTests", matches = "true")
    void networksOfTheLongCasesAreByteIdentical() throws IOException {
        checkNetworks(GoldenCases.Tier.LONG);
    }

    @Test
    @EnabledIfSystemProperty(named = "fxnet.longTests", matches = "true")
    void theTinyAndDefaultTablesAreUnchanged() throws IOException {
        int threads = Runtime.getRuntime().availableProcessors();
        assertSame("table-tiny.csv", resource("table-tiny.csv"), GoldenCases.tableCsv(true, threads));
        assertSame("table-default.csv", resource("table-default.csv"), GoldenCases.tableCsv(false, threads));
    }

    private static void checkVerdicts(GoldenCases.Tier tier) throws IOException {
        Map<String, String> rows = rows("check.csv", GoldenCases.CHECK_HEADER);
        int checked = 0;
        for (GoldenCases.CheckCase c : GoldenCases.checkCases()) {
            if (c.tier() == tier) {
                assertRow(GoldenCases.CHECK_HEADER, rows.get(c.id()), GoldenCases.verdict(c), "verdict " + c.id());
                checked++;
            }
        }
        assertTrue(checked > 0, "no " + tier + " verdict case");
    }

    private static void checkNetworks(GoldenCases.Tier tier) throws IOException {
        Map<String, String> rows = rows("compile.csv", GoldenCases.COMPILE_HEADER);
        int checked = 0;
        for (GoldenCases.CompileCase c : GoldenCases.compileCases()) {
            if (c.tier() != tier) {
                continue;
            }
            GoldenCases.Outcome o = GoldenCases.compile(c);
            if (o.built()) {
                String stored = storedJson(c.id());
                if (stored != null) { // the JSON first: its difference is the readable one
                    assertSame("network " + c.id(), stored, o.json());
                }
            }
            assertRow(GoldenCases.COMPILE_HEADER, rows.get(c.id()), GoldenCases.compileRow(c, o), "compile " + c.id());
            checked++;
        }
        assertTrue(checked > 0, "no " + tier + " compile case");
    }

    private static void checkTableRows(boolean tiny, int stride) throws IOException {
        String name = tiny ? "table-tiny.csv" : "table-default.csv";
        List<String> lines = resource(name).lines().toList();
        List<dev.fxnet.gadget.Question> settings = GoldenCases.tableSettings(tiny);
        assertEquals(settings.size(), lines.size() - 1, name + ": the grid has another number of rows");
        for (int i = 0; i < settings.size(); i += stride) {
            assertSame(name + " row " + (i + 1), lines.get(i + 1), GoldenCases.tableRow(settings.get(i)));
        }
    }

    private static GoldenCases.CompileCase byId(String id) {
        return GoldenCases.compileCases().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no case " + id));
    }

    /** The recorded rows of a record file by case id, after checking its header. */
    private static Map<String, String> rows(String name, String header) throws IOException {
        String text = resource(name);
        assertEquals(header, text.lines().findFirst().orElse(""), name + ": header");
        Map<String, String> rows = new java.util.LinkedHashMap<>();
        text.lines().skip(1).forEach(l -> rows.put(GoldenRecorder.idOf(l), l));
        return rows;
    }

    /** Compares two record rows field by field, naming the first field that differs. */
    private static void assertRow(String header, String expected, String actual, String what) {
        if (expected == null) {
            fail(what + ": no record (run GoldenRecorder for a new case)");
        }
        if (expected.equals(actual)) {
            return;
        }
        List<String> names = Arrays.asList(header.split(","));
        List<String> e = fields(expected);
        List<String> a = fields(actual);
        for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
            String ef = i < e.size() ? e.get(i) : "<none>";
            String af = i < a.size() ? a.get(i) : "<none>";
            if (!ef.equals(af)) {
                fail(what + ": field " + (i < names.size() ? names.get(i) : "#" + i) + " differs: recorded <" + ef
                        + "> but now <" + af + ">");
            }
        }
        fail(what + ": the rows differ in quoting: recorded <" + expected + "> but now <" + actual + ">");
    }

    /** The fields of a row written by {@link GoldenCases#csv}. */
    private static List<String> fields(String row) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < row.length(); i++) {
            char ch = row.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < row.length() && row.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    f.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(ch);
            }
        }
        out.add(f.toString());
        return out;
    }

    /** Exact equality; on a difference, fails naming the first differing line and column and both texts there. */
    static void assertSame(String what, String expected, String actual) {
        if (expected.equals(actual)) {
            return;
        }
        int i = 0;
        int n = Math.min(expected.length(), actual.length());
        while (i < n && expected.charAt(i) == actual.charAt(i)) {
            i++;
        }
        int line = 1;
        int lineStart = 0;
        for (int k = 0; k < i; k++) {
            if (expected.charAt(k) == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        fail(what + ": first difference at line " + line + ", column " + (i - lineStart + 1) + " (character " + i
                + "): recorded <" + excerpt(expected, i) + "> but now <" + excerpt(actual, i) + ">"
                + (expected.length() != actual.length() ? "; lengths " + expected.length() + " and " + actual.length()
                        : ""));
    }

    private static String excerpt(String s, int at) {
        return s.substring(Math.max(0, at - 40), Math.min(s.length(), at + 40)).replace("\n", "\\n");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = GoldenBehaviourTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new AssertionError("missing record golden/" + name + " (run GoldenRecorder)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The stored JSON of a case's network, or null where only its digest is recorded. */
    private static String storedJson(String id) throws IOException {
        try (InputStream in = GoldenBehaviourTest.class.getResourceAsStream("/golden/networks/" + id + ".json.gz")) {
            if (in == null) {
                return null;
            }
            try (InputStream z = new GZIPInputStream(in)) {
                return new String(z.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}

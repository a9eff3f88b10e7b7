package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code fxnet compare}: what it lists, its CSV, its output file, and its refusals (exit 2, one line). */
class CompareCliTest {
    @TempDir
    Path dir;

    private static void assertRefused(CliRun r, String... fragments) {
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out(), "refused before any output");
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line expected: " + err);
        assertFalse(err.contains("Exception"), err);
        for (String f : fragments) {
            assertTrue(err.contains(f), "expected '" + f + "' in: " + err);
        }
    }

    @Test
    void eightBitsListTheAcceptanceFormats() {
        CliRun r = CliRun.of("compare", "--bits", "8", "--sections", "values", "--quiet");
        assertEquals(0, r.code(), r.err());
        for (String f : List.of("| p=3,q=4 | 8 | 255 |", "| Q3.4 | 8 | 256 | -8 | 7.9375 | 0.0625 | 33 |",
                "| e4m3 | 8 | 253 | -448 | 448 | 0.001953125 | 113 |", "| e5m2 | 8 | 247 | -57344 | 57344 |")) {
            assertTrue(r.out().contains(f), "expected '" + f + "' in:\n" + r.out());
        }
    }

    @Test
    void fourBitsHaveEveryFourBitFormatAndEverySection() {
        CliRun r = CliRun.of("compare", "--bits", "4", "--activations", "sigmoid,identity", "--quiet");
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        for (String f : List.of("| e2m1 |", "| p=1,q=2 |", "| Q0.3 |", "| Q1.2 |", "## Values", "## Universal representation",
                "## Network size", "## Approximation error", "| e2m1 | sigmoid | UNIVERSAL | all finite |",
                "| e2m1 | sin(3x) | 5 |", "| e2m1 | 15 | 139 |")) {
            assertTrue(out.contains(f), "expected '" + f + "' in:\n" + out);
        }
    }

    @Test
    void skippedVerdictsAndNetworksAreFootnoted() {
        CliRun r = CliRun.of("compare", "--format", "e2m1", "--format", "e3m2", "--activations", "relu",
                "--verdict-limit", "20", "--sections", "verdicts", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| e3m2 | —[^1] |"), r.out());
        assertTrue(r.out().contains("[^1]: not computed: |F| = 63 finite values > 20"), r.out());
    }

    @Test
    void csvIsLongFormAndOutWritesTheSameBytes() throws Exception {
        CliRun r = CliRun.of("compare", "--format", "e2m1", "--format", "ap_fixed<4,2>", "--sections", "values,error",
                "--interval", "-1.5,0.5", "--csv", "--quiet");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("section,format,subject,quantity,value,note", lines.get(0));
        assertTrue(lines.contains("values,Q1.2,,finite_values,16,"), r.out());
        assertTrue(lines.contains("error,e2m1,x^2,points,5,"), r.out()); // e2m1 in [-1.5, 0.5]: -1.5, -1, -0.5, 0, 0.5
        for (String l : lines) {
            assertEquals(6, l.split(",", -1).length, "six fields: " + l);
        }
        Path file = dir.resolve("c.csv");
        CliRun w = CliRun.of("compare", "--format", "e2m1", "--format", "ap_fixed<4,2>", "--sections", "values,error",
                "--interval", "-1.5,0.5", "--csv", "--quiet", "-o", file.toString());
        assertEquals(0, w.code(), w.err());
        assertEquals("", w.out());
        assertEquals(r.out(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** --sections selects the CSV rows as it selects the Markdown tables: no values rows unless asked for. */
    @Test
    void csvHasOnlyTheSectionsAskedFor() {
        CliRun r = CliRun.of("compare", "--format", "e2m1", "--activations", "relu", "--sections", "verdicts", "--csv",
                "--quiet");
        assertEquals(0, r.code(), r.err());
        java.util.Set<String> sections = r.out().lines().skip(1).map(l -> l.substring(0, l.indexOf(',')))
                .collect(java.util.stream.Collectors.toSet());
        assertEquals(java.util.Set.of("verdict"), sections, r.out());
    }

    @Test
    void outRefusesADirectoryBeforeAnyWork() {
        assertRefused(CliRun.of("compare", "--bits", "4", "-o", dir.toString()), "--out " + dir, "is a directory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "0", "-8", "32", "5"})
    void badBitsAreRefused(String bits) {
        assertRefused(CliRun.of("compare", "--bits", bits), "--bits must be 4, 6, 8 or 16, was " + bits);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "a,b", "1,0", "1,1", "0,1,2", "1e99999,2", "2e9,3e9", ","})
    void badIntervalsAreRefused(String interval) {
        assertRefused(CliRun.of("compare", "--bits", "4", "--interval", interval), "--interval");
    }

    @Test
    void badFormatsAndOptionsAreRefused() {
        assertRefused(CliRun.of("compare", "--format", "e9m9"), "--format", "e9m9");
        assertRefused(CliRun.of("compare", "--format", "float(9,9)"), "--format", "float(9,9)");
        assertRefused(CliRun.of("compare", "--format", "p=40,q=1"), "--format");
        assertRefused(CliRun.of("compare"), "give either --bits N or --format F");
        assertRefused(CliRun.of("compare", "--bits", "8", "--format", "e4m3"), "not both");
        assertRefused(CliRun.of("compare", "--bits", "4", "--activations", "relu,nope"), "--activations", "nope");
        assertRefused(CliRun.of("compare", "--bits", "4", "--sections", "values,plots"), "--sections", "plots");
        assertRefused(CliRun.of("compare", "--bits", "4", "--size-activation", "nope"), "--size-activation");
        assertRefused(CliRun.of("compare", "--bits", "4", "--verdict-limit", "-1"), "--verdict-limit");
        assertRefused(CliRun.of("compare", "--bits", "4", "--threads", "0"), "--threads");
    }

    /** The full 8-bit comparison of the acceptance (every section, the default activations): minutes. */
    @Test
    @EnabledIfSystemProperty(named = "fxnet.longTests", matches = "true")
    void fullEightBitComparison() {
        CliRun r = CliRun.of("compare", "--bits", "8", "--quiet");
        assertEquals(0, r.code(), r.err());
        for (String f : List.of("p=3,q=4", "Q3.4", "e4m3", "e5m2")) {
            for (String g : List.of("sin(3x)", "exp(x)", "x^2", "1/(1+x^2)")) {
                assertTrue(r.out().contains("| " + f + " | " + g + " |"), f + " " + g);
            }
            assertTrue(r.out().contains("| " + f + " | relu |"), f);
        }
    }
}

package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code fxnet table --format}: formats of both number systems in one grid, the {@code format} column
 * and the refusals. Expected spellings come from the SPEC §8 table of named formats (e, m, bias,
 * specials) and from SPEC §1 ({@code p=P,q=Q,ENCODING}), not from the code under test.
 */
class TableFormatCliTest {
    /** The CSV fields of a line (double-quoted fields may hold commas; no quotes inside them here). */
    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    @Test
    void floatAndFixedFormatsGiveOneRowEachWithTheFormatColumn() {
        CliRun r = CliRun.of("table", "--csv", "--quiet", "--format", "e2m1", "--format", "p=1,q=0", "--format",
                "float(1,1)", "--activations", "relu,step", "--roundings", "HALF_EVEN,FLOOR");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        List<String> header = fields(lines[0]);
        assertEquals("format", header.get(header.size() - 1), lines[0]);
        assertEquals(List.of("activation", "intBits", "fracBits", "encoding", "overflow", "rounding"), header.subList(0, 6));
        // 2 activations x 3 formats x 2 roundings, activation slowest, then format in the order given, then rounding
        assertEquals(1 + 2 * 3 * 2, lines.length);
        String[] formats = {"float(2,1,bias=1,specials=FINITE)", "p=1,q=0,SYMMETRIC", "float(1,1,bias=0,specials=IEEE)"};
        String[] roundings = {"HALF_EVEN", "FLOOR"};
        int i = 1;
        for (String act : new String[] {"relu", "step"}) {
            for (String f : formats) {
                for (String rnd : roundings) {
                    List<String> row = fields(lines[i++]);
                    assertEquals(header.size(), row.size(), String.join("|", row));
                    assertEquals(act, row.get(0));
                    assertEquals(f, row.get(row.size() - 1));
                    assertEquals(rnd, row.get(5));
                    boolean isFloat = f.startsWith("float");
                    assertEquals(isFloat ? List.of("", "", "", "SATFINITE") : List.of("1", "0", "SYMMETRIC", "SATURATE"),
                            row.subList(1, 5));
                    assertTrue(row.get(8).matches("UNIVERSAL|NOT_UNIVERSAL|UNDETERMINED"), row.get(8));
                }
            }
        }
    }

    @Test
    void theIntFracGridComesFirstAndOverflowsPairWithTheirNumberSystem() {
        // float(2,1) has infinities (IEEE): SATFINITE and INF; float(2,1,specials=FN) has NaN: SATFINITE and NAN;
        // two's complement p=0,q=1 takes SATURATE and WRAP
        CliRun r = CliRun.of("table", "--csv", "--quiet", "--int-bits", "0", "--frac-bits", "1", "--encodings",
                "TWOS_COMPLEMENT", "--format", "float(2,1)", "--format", "float(2,1,specials=FN)", "--overflows", "all",
                "--activations", "relu");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        List<String> got = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            List<String> row = fields(lines[i]);
            got.add(row.get(row.size() - 1) + " " + row.get(4));
        }
        assertEquals(List.of("p=0,q=1,TWOS_COMPLEMENT SATURATE", "p=0,q=1,TWOS_COMPLEMENT WRAP",
                "float(2,1,bias=1,specials=IEEE) SATFINITE", "float(2,1,bias=1,specials=IEEE) INF",
                "float(2,1,bias=1,specials=FN) SATFINITE", "float(2,1,bias=1,specials=FN) NAN"), got);
    }

    @Test
    void markdownNamesTheFormatWhenAFloatFormatIsListed() {
        CliRun r = CliRun.of("table", "--quiet", "--format", "e2m1", "--activations", "relu");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("| activation | format | overflow | rounding | verdict |"), r.out());
        assertTrue(r.out().contains("| relu | float(2,1,bias=1,specials=FINITE) | SATFINITE | HALF_EVEN | **"), r.out());
    }

    @Test
    void badFormatsAndCombinationsAreRefusedInOneLine() {
        String[][] cases = {
            {"--format", "float(2,0)"},
            {"--format", "e9m9"},
            {"--format", "e2m1", "--binary"},
            {"--format", "e2m1", "--overflows", "BOGUS"},
            {"--format", "e2m1", "--overflows", "INF"},
            {"--format", "float(2,1)", "--overflows", "WRAP"},
            {"--int-bits", "1", "--frac-bits", "1", "--overflows", "SATFINITE"},
            {"--int-bits", "1", "--frac-bits", "1", "--format", "e2m1", "--overflows", "SATURATE"},
        };
        String[] named = {"--format", "--format", "binary", "--overflows", "grid is empty",
            "no mode for the float formats", "no mode for the fixed-point formats", "no mode for the float formats"};
        for (int k = 0; k < cases.length; k++) {
            List<String> args = new ArrayList<>(List.of("table", "--quiet"));
            args.addAll(List.of(cases[k]));
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(2, r.code(), String.join(" ", cases[k]) + ": " + r.err());
            assertTrue(r.err().contains(named[k]), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }
}

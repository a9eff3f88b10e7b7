package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.arith.FloatArithmetic;
import dev.fxnet.arith.FloatFormat;
import dev.fxnet.eval.ReferenceEvaluator;
import dev.fxnet.network.NetworkJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compile --domain R} and {@code verify --domain R} (inputs with {@code |x_j| <= R}): the
 * written network is checked by {@link ReferenceEvaluator} (written from the SPEC) on every domain
 * point against a table this test writes; the domain points are enumerated here by brute force over
 * the format's values; a network that differs only outside the domain passes {@code verify --domain},
 * one that differs inside fails; bad values of {@code --domain} are one-line refusals with exit 2.
 */
class FloatDomainCliTest {
    @TempDir
    Path dir;

    /** The domain points of F^d, x0 slowest, enumerated from the values alone. */
    private static List<long[]> domainPoints(FloatArithmetic ar, int d, BigDecimal r) {
        List<Long> in = new ArrayList<>();
        for (long c = ar.minCode(); c <= ar.maxCode(); c++) {
            if (ar.value(c).abs().compareTo(r) <= 0) {
                in.add(c);
            }
        }
        List<long[]> pts = new ArrayList<>();
        for (long a : in) {
            if (d == 1) {
                pts.add(new long[] {a});
            } else {
                for (long b : in) {
                    pts.add(new long[] {a, b});
                }
            }
        }
        return pts;
    }

    /** Writes the table of {@code f} on {@code pts}; values as exact decimals. */
    private Path table(String name, FloatArithmetic ar, List<long[]> pts, ToLongFunction<long[]> f) throws IOException {
        StringBuilder b = new StringBuilder(pts.get(0).length == 1 ? "x0,y\n" : "x0,x1,y\n");
        for (long[] x : pts) {
            for (long c : x) {
                b.append(ar.value(c).toPlainString()).append(',');
            }
            b.append(ar.value(f.applyAsLong(x)).toPlainString()).append('\n');
        }
        return Files.writeString(dir.resolve(name), b.toString());
    }

    /** A scrambled target: every value of the format occurs, independent of the compiler. */
    private static long scrambled(FloatArithmetic ar, long[] x) {
        long h = 7;
        for (long c : x) {
            h = h * 31 + c * 17 + 5;
        }
        return ar.minCode() + Math.floorMod(h * 2654435761L, ar.maxCode() - ar.minCode() + 1);
    }

    @Test
    void compileOnADomainIsExactOnEveryDomainPoint() throws IOException {
        for (String fmt : new String[] {"e2m1", "e3m2"}) {
            FloatArithmetic ar = FloatArithmetic.of(FloatFormat.parse(fmt));
            for (String r : new String[] {"1", "2"}) {
                for (int d = 1; d <= 2; d++) {
                    List<long[]> pts = domainPoints(ar, d, new BigDecimal(r));
                    Path t = table(fmt + r + d + ".csv", ar, pts, x -> scrambled(ar, x));
                    Path net = dir.resolve(fmt + r + d + ".json");
                    CliRun c = CliRun.of("compile", "--format", fmt, "--act", "relu", "--dims", "" + d, "--table",
                            t.toString(), "--domain", r, "--out", net.toString());
                    assertEquals(0, c.code(), c.err());
                    assertTrue(c.out().contains("verified:  exact on all " + pts.size() + " points of the domain |x| <= "
                            + r + " of " + fmt + "^" + d), c.out());
                    ReferenceEvaluator ref = new ReferenceEvaluator(NetworkJson.read(net));
                    long[] y = new long[1];
                    for (long[] x : pts) {
                        ref.evaluate(x, y);
                        assertEquals(scrambled(ar, x), y[0], fmt + " r=" + r + " at " + java.util.Arrays.toString(x));
                    }
                }
            }
        }
    }

    @Test
    void verifyOnADomainLooksOnlyAtTheDomain() throws IOException {
        FloatArithmetic ar = FloatArithmetic.of(FloatFormat.parse("e2m1"));
        BigDecimal one = BigDecimal.ONE;
        List<long[]> all = domainPoints(ar, 2, ar.value(ar.maxCode()));
        List<long[]> dom = domainPoints(ar, 2, one);
        ToLongFunction<long[]> f = x -> scrambled(ar, x);
        // g = f on the domain, f + one step elsewhere: wrong outside the domain, right inside
        ToLongFunction<long[]> g = x -> inside(ar, x, one) ? f.applyAsLong(x)
                : f.applyAsLong(x) == ar.maxCode() ? ar.minCode() : f.applyAsLong(x) + 1;
        Path gNet = compileFull("g", ar, all, g);
        Path fOnDomain = table("fdom.csv", ar, dom, f);
        Path fEverywhere = table("fall.csv", ar, all, f);
        CliRun pass = CliRun.of("verify", gNet.toString(), "--table", fOnDomain.toString(), "--domain", "1");
        assertEquals(0, pass.code(), pass.out() + pass.err());
        assertTrue(pass.out().contains("on all " + dom.size() + " points of the domain |x| <= 1 of e2m1^2"), pass.out());
        CliRun whole = CliRun.of("verify", gNet.toString(), "--table", fEverywhere.toString());
        assertEquals(VerifyCommand.MISMATCH, whole.code(), whole.out());
        // h = f except at the domain point (1, -1)
        long[] bad = {ar.codeOf(one).getAsLong(), ar.codeOf(one.negate()).getAsLong()};
        ToLongFunction<long[]> h = x -> java.util.Arrays.equals(x, bad) ? (f.applyAsLong(x) == 0 ? 1 : 0)
                : f.applyAsLong(x);
        Path hTable = table("h.csv", ar, dom, h);
        Path hNet = dir.resolve("h.json");
        CliRun c = CliRun.of("compile", "--format", "e2m1", "--act", "relu", "--dims", "2", "--table", hTable.toString(),
                "--domain", "1", "--out", hNet.toString());
        assertEquals(0, c.code(), c.err());
        CliRun fail = CliRun.of("verify", hNet.toString(), "--table", fOnDomain.toString(), "--domain", "1");
        assertEquals(VerifyCommand.MISMATCH, fail.code(), fail.out());
        assertTrue(fail.out().contains("on 1 of " + dom.size() + " points of the domain |x| <= 1"), fail.out());
        assertTrue(fail.out().contains("(1, -1): expected"), fail.out());
    }

    private static boolean inside(FloatArithmetic ar, long[] x, BigDecimal r) {
        for (long c : x) {
            if (ar.value(c).abs().compareTo(r) > 0) {
                return false;
            }
        }
        return true;
    }

    private Path compileFull(String name, FloatArithmetic ar, List<long[]> all, ToLongFunction<long[]> f)
            throws IOException {
        Path t = table(name + ".csv", ar, all, f);
        Path net = dir.resolve(name + ".json");
        CliRun c = CliRun.of("compile", "--format", "e2m1", "--act", "relu", "--dims", "2", "--table", t.toString(),
                "--out", net.toString());
        assertEquals(0, c.code(), c.err());
        return net;
    }

    private static void refused(CliRun r, String part) {
        assertEquals(2, r.code(), r.err());
        String line = r.err().strip();
        assertFalse(line.contains("\n"), "one line: " + line);
        assertFalse(line.contains("Exception"), line);
        assertTrue(line.contains(part), line);
    }

    @Test
    void badDomainsAreOneLineRefusalsThatWriteNothing() throws IOException {
        Path net = dir.resolve("n.json");
        for (String[] bad : new String[][] {{"0.7", "--domain 0.7 is not a value of e2m1"},
                {"7", "--domain 7 is not a value of e2m1"}, {"1e-999999999", "--domain 1e-999999999 is not a value"},
                {"-1", "--domain must be >= 0, was -1"}, {"abc", "--domain 'abc' is not a decimal number"},
                {"inf", "--domain 'inf' is not a decimal number"}}) {
            refused(CliRun.of("compile", "--format", "e2m1", "--act", "relu", "--dims", "1", "--random", "1",
                    "--domain", bad[0], "--out", net.toString()), bad[1]);
        }
        refused(CliRun.of("compile", "-p", "2", "-q", "2", "--act", "relu", "--dims", "1", "--random", "1",
                "--domain", "1", "--out", net.toString()), "--domain 1: a domain is supported for floating-point");
        refused(CliRun.of("size", "--format", "e2m1", "--domain", "0.7"), "--domain 0.7 is not a value of e2m1");
        refused(CliRun.of("size", "--grid-p", "1", "--grid-q", "1", "--domain", "1"),
                "a domain is supported for floating-point");
        refused(CliRun.of("size", "--format", "e2m1", "--domain", "1", "--table-kind", "structured"),
                "--domain takes --table-kind random only");
        assertFalse(Files.exists(net));
        // a table row outside the domain names the row and the point
        Path t = Files.writeString(dir.resolve("t.csv"), "x0,y\n-1,0\n-0.5,0\n0,0\n0.5,0\n1,0\n1.5,0\n");
        refused(CliRun.of("compile", "--format", "e2m1", "--act", "relu", "--dims", "1", "--table", t.toString(),
                "--domain", "1", "--out", net.toString()), "row 7: point (1.5) is not in the domain |x| <= 1 of e2m1^1");
        assertFalse(Files.exists(net));
    }

    /** size --domain: the points column and the counting bound are the domain's point count, from the values. */
    @Test
    void sizeOnADomainCountsTheDomainPoints() {
        FloatArithmetic ar = FloatArithmetic.of(dev.fxnet.arith.FloatFormat.parse("e2m1"));
        CliRun r = CliRun.of("size", "--act", "relu", "--format", "e2m1", "--grid-dims", "1,2", "--domain", "2",
                "--strategies", "boxes", "--csv", "--quiet");
        assertEquals(0, r.code(), r.err());
        List<String> rows = r.out().strip().lines().skip(1).toList();
        assertEquals(2, rows.size(), r.out());
        for (String row : rows) {
            String[] c = row.split(",");
            int d = Integer.parseInt(c[1]);
            long points = domainPoints(ar, d, new BigDecimal(2)).size();
            assertEquals(Long.toString(points), c[3], row);
            assertEquals(points, Math.round(Double.parseDouble(c[8])), row);
            assertEquals(Double.parseDouble(c[7]) / points, Double.parseDouble(c[9]), 1e-3, row);
        }
    }
}

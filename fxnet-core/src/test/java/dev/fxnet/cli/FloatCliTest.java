package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line with floating-point formats (SPEC §8): info, activation and eval columns checked
 * against SPEC §8's bit-pattern decoding written here, verify, and the refusals of the issue (exit
 * 2, one line, no file left behind).
 */
class FloatCliTest {
    @TempDir
    Path dir;

    /** An e2m1 network: y = 1.5 relu(0.5 + x) + relu(-0.5 - x) (bit patterns: 1 = 0.5, 2 = 1, 3 = 1.5, +8 negates). */
    static final String E2M1_NET = """
            {"fxnet": 1,
             "format": {"exponentBits": 2, "mantissaBits": 1, "bias": 1, "specials": "FINITE"},
             "arithmetic": {"rounding": "HALF_EVEN", "overflow": "SATFINITE", "accumulation": "PER_OP"},
             "activation": "relu", "inputs": 1,
             "layers": [[{"bias": 1, "weights": [[0, 2]]}, {"bias": 9, "weights": [[0, 10]]}],
                        [{"bias": 0, "weights": [[0, 3], [1, 2]]}]]}
            """;

    /** The value of a bit pattern of {@code float(e, m, bias, specials)} by SPEC §8, or null for a special. */
    static BigDecimal decode(int bits, int e, int m, int bias, String specials) {
        return dev.fxnet.network.FloatNetworkJsonTestAccess.decode(bits, e, m, bias, specials);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static void refused(CliRun r, String start) {
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        String line = r.err().strip();
        assertFalse(line.contains("\n"), "one line: " + line);
        assertFalse(line.contains("Exception"), line);
        assertTrue(line.contains(start), line);
    }

    @Test
    void repeatedOptionsAndUnknownNamesAreRefusedNamingTheFloatSpellings() {
        refused(CliRun.of("info", "float(4,3,specials=FN,specials=IEEE)"), "option 'specials' given twice");
        refused(CliRun.of("info", "float(5,10,bias=15,bias=3)"), "option 'bias' given twice");
        refused(CliRun.of("info", "binary32"), "float(E,M[,bias=B][,specials=IEEE|FN|FINITE])");
    }

    @Test
    void infoTakesTheFormatAsOptionAndChecksTheOverflow() {
        CliRun r = CliRun.of("info", "--format", "e4m3", "--overflow", "NAN");
        assertEquals(0, r.code(), r.err());
        assertEquals(CliRun.of("info", "e4m3").out(), r.out());
        refused(CliRun.of("info", "e4m3", "--overflow", "INF"), "--overflow: overflow INF needs a format with infinities");
        refused(CliRun.of("info", "--format", "e5m2", "--overflow", "SATURATE"),
                "--overflow: SATURATE is a fixed-point overflow mode");
    }

    @Test
    void badFormatsAndOverflowsAreOneLineRefusalsThatWriteNothing() throws IOException {
        Path plot = dir.resolve("p.svg");
        refused(CliRun.of("activation", "relu", "--format", "float(0,3)", "--plot", plot.toString()),
                "exponent bits must be >= 1");
        refused(CliRun.of("activation", "relu", "--format", "float(9,9)", "--plot", plot.toString()), "19 bits");
        refused(CliRun.of("activation", "relu", "--format", "e4m3", "--overflow", "INF", "--plot", plot.toString()),
                "--overflow: overflow INF needs a format with infinities");
        refused(CliRun.of("activation", "relu", "--format", "e5m2", "--overflow", "WRAP"),
                "--overflow: WRAP is a fixed-point overflow mode");
        refused(CliRun.of("activation", "relu", "--format", "p=2,q=2", "--overflow", "SATFINITE"),
                "--overflow: SATFINITE is a floating-point overflow mode");
        assertFalse(Files.exists(plot));
        Path out = dir.resolve("net.json");
        refused(CliRun.of("compile", "--act", "relu", "--dims", "1", "--format", "e5m2", "--overflow", "INF", "--random", "1",
                "--out", out.toString()), "overflow: e5m2 HALF_EVEN INF can produce inf or NaN");
        refused(CliRun.of("check", "--act", "relu", "--dims", "1", "--format", "e5m2", "--overflow", "INF"),
                "--overflow: check decides floating-point settings under overflow SATFINITE");
        assertFalse(Files.exists(out));
        Path net = write("e2.json", E2M1_NET);
        refused(CliRun.of("eval", net.toString(), "--format", "p=2,q=2", "--input", "0"), "the network is in e2m1");
        refused(CliRun.of("eval", net.toString(), "--format", "e4m3", "--input", "0"), "bit patterns of e2m1");
        CliRun floor = CliRun.of("eval", net.toString(), "--rounding", "FLOOR", "--input", "0.5");
        assertEquals(0, floor.code(), floor.err());
        assertTrue(floor.err().contains("e2m1 FLOOR SATFINITE PER_OP (overriding the file)"), floor.err());
    }

    @Test
    void nanParameterAndInfiniteInputAreRefused() throws IOException {
        Path net = write("e4.json", E2M1_NET.replace("\"exponentBits\": 2, \"mantissaBits\": 1, \"bias\": 1, \"specials\": \"FINITE\"",
                "\"exponentBits\": 4, \"mantissaBits\": 3, \"bias\": 7, \"specials\": \"FN\"").replace("\"bias\": 9", "\"bias\": 127"));
        refused(CliRun.of("eval", net.toString(), "--input", "1"), "$.layers[0][1].bias: bit pattern 127 (0x7F) is NaN");
        Path ok = write("e2.json", E2M1_NET);
        refused(CliRun.of("eval", ok.toString(), "--input", "-inf"), "--input value 1: '-inf' is not a finite value");
        refused(CliRun.of("eval", ok.toString(), "--input", "0.75"), "0.75 is not a value of e2m1");
        refused(CliRun.of("eval", ok.toString(), "--input", "8"), "8 is outside e2m1");
    }

    @Test
    void evalColumnsAreBitPatternsOfTheValuesInIncreasingOrder() throws IOException {
        Path net = write("e2.json", E2M1_NET);
        CliRun codes = CliRun.of("eval", net.toString(), "--all", "--csv");
        CliRun values = CliRun.of("eval", net.toString(), "--all");
        assertEquals(0, codes.code(), codes.err());
        List<String> c = codes.out().lines().toList();
        List<String> v = values.out().lines().toList();
        assertEquals("x0_code,y_code", c.get(0));
        assertEquals("x0,y", v.get(0));
        assertEquals(16, c.size()); // the 15 finite values of e2m1, -0 excluded
        BigDecimal previous = null;
        for (int i = 1; i < c.size(); i++) {
            String[] cc = c.get(i).split(",");
            String[] vv = v.get(i).split(",");
            BigDecimal x = decode(Integer.parseInt(cc[0]), 2, 1, 1, "FINITE");
            assertEquals(0, x.compareTo(new BigDecimal(vv[0])), c.get(i) + " vs " + v.get(i));
            assertEquals(0, decode(Integer.parseInt(cc[1]), 2, 1, 1, "FINITE").compareTo(new BigDecimal(vv[1])));
            assertTrue(previous == null || previous.compareTo(x) < 0, "increasing");
            previous = x;
            // the network by hand: y = rho(1.5 tau(0.5 + x) + tau(-0.5 - x)), every value exact or rounded in e2m1
        }
        assertTrue(v.contains("-6,6") && v.contains("0,1") && v.contains("6,6"), values.out());
        CliRun one = CliRun.of("eval", net.toString(), "--input", "1.5");
        assertEquals("y = 3  (code 5)\n", one.out().replace("\r", ""));
    }

    @Test
    void activationCsvIsEveryFiniteValueWithBitPatterns() {
        CliRun r = CliRun.of("activation", "relu", "--format", "e5m2", "--overflow", "INF", "--csv");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("z_code,tau_code,z,tau", lines.get(0));
        assertEquals(1 + (2 * 123 + 1), lines.size()); // header, then the 2 * 123 + 1 finite values of e5m2
        BigDecimal previous = null;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            BigDecimal z = decode(Integer.parseInt(f[0]), 5, 2, 15, "IEEE");
            assertEquals(0, z.compareTo(new BigDecimal(f[2])), line);
            assertEquals(0, z.max(BigDecimal.ZERO).compareTo(new BigDecimal(f[3])), line);
            assertEquals(0, decode(Integer.parseInt(f[1]), 5, 2, 15, "IEEE").compareTo(new BigDecimal(f[3])), line);
            assertTrue(previous == null || previous.compareTo(z) < 0);
            previous = z;
        }
        CliRun up = CliRun.of("activation", "identity", "--format", "e5m2", "--overflow", "INF", "--csv");
        assertTrue(up.out().contains("\n123,123,57344,57344\n"), "identity of the largest value stays finite");
        CliRun soft = CliRun.of("activation", "softplus", "--format", "e5m2", "--overflow", "INF", "--rounding", "CEILING",
                "--csv");
        // softplus(57344) is just above 57344, CEILING rounds it past the largest value: +inf, bits 0x7C = 124
        assertTrue(soft.out().contains("\n123,124,57344,inf\n"), soft.out());
    }

    @Test
    void verifyComparesWithATableOfDecimals() throws IOException {
        Path net = write("e2.json", E2M1_NET);
        Path table = write("t.csv", CliRun.of("eval", net.toString(), "--all").out());
        CliRun exact = CliRun.of("verify", net.toString(), "--table", table.toString());
        assertEquals(0, exact.code(), exact.err());
        assertTrue(exact.out().startsWith("exact: "), exact.out());
        Path wrong = write("w.csv", Files.readString(table).replace("\n0,1\n", "\n0,1.5\n"));
        CliRun bad = CliRun.of("verify", net.toString(), "--table", wrong.toString());
        assertEquals(3, bad.code(), bad.err());
        assertTrue(bad.out().contains("(0): expected 1.5, network gives 1"), bad.out());
        refused(CliRun.of("verify", net.toString(), "--expr", "x0"), "verify --expr does not support floating-point");
    }
}

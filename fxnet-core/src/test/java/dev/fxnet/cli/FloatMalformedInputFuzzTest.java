package dev.fxnet.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random malformed floating-point network files (SPEC §8) through the command line: the edits of
 * {@link MalformedInputFuzzTest} plus float ones (special and out-of-range bit patterns, either
 * system's overflow names, specials, exponent and mantissa widths); every run ends in time with
 * exit 0, 2 (or 3 for a verify mismatch), no stack trace, and one line on exit 2.
 */
class FloatMalformedInputFuzzTest {
    private static final String[] PATTERNS = {"0", "128", "127", "255", "124", "252", "125", "256", "-1", "65535",
        "1e3", "0.5", "NaN", "Infinity"};
    private static final String[] OVERFLOWS = {"SATURATE", "WRAP", "SATFINITE", "INF", "NAN", "nan", "inf", "Saturate"};
    private static final String[] SPECIALS = {"IEEE", "FN", "FINITE", "fn", "NONE", ""};

    @Property(tries = 200)
    void malformedFloatNetworkFilesEndInAnAnswerOrOneLine(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 3) int command) throws Exception {
        Random r = new Random(seed);
        String text = r.nextBoolean() ? FloatCliTest.E2M1_NET : FloatCliTest.E2M1_NET
                .replace("\"exponentBits\": 2, \"mantissaBits\": 1, \"bias\": 1, \"specials\": \"FINITE\"",
                        "\"exponentBits\": 5, \"mantissaBits\": 2, \"bias\": 15, \"specials\": \"IEEE\"")
                .replace("SATFINITE", "INF");
        for (int e = 0, n = 1 + r.nextInt(3); e < n; e++) {
            text = switch (r.nextInt(6)) {
                case 0 -> text.replaceFirst("\"bias\": \\d+, \"weights\"", "\"bias\": " + pick(r, PATTERNS)
                        + ", \"weights\"");
                case 1 -> text.replaceFirst("\\[0, \\d+\\]", "[0, " + pick(r, PATTERNS) + "]");
                case 2 -> text.replaceFirst("\"overflow\": \"\\w+\"", "\"overflow\": \"" + pick(r, OVERFLOWS) + "\"");
                case 3 -> text.replaceFirst("\"specials\": \"\\w+\"", "\"specials\": \"" + pick(r, SPECIALS) + "\"");
                case 4 -> text.replaceFirst("\"(exponent|mantissa)Bits\": \\d+", "\"$1Bits\": " + (r.nextInt(22) - 1));
                default -> MalformedInputFuzzTest.mutateJson(text, r);
            };
        }
        Path dir = Files.createTempDirectory("fxnet-float-fuzz");
        try {
            Path net = dir.resolve("net.json");
            Files.write(net, text.getBytes(StandardCharsets.UTF_8));
            String[] args = switch (command) {
                case 0 -> new String[] {"eval", net.toString(), "--input", pick(r, new String[] {"0.5", "-inf", "nan", "1e9", "3"})};
                case 1 -> new String[] {"verify", net.toString(), "--random", "1"};
                case 2 -> new String[] {"export", net.toString(), "--c", dir.resolve("net.c").toString()};
                default -> new String[] {"eval", net.toString(), "--all", "--csv"};
            };
            MalformedInputFuzzTest.check(args, text);
            if (command == 2 && Files.exists(dir.resolve("net.c"))) { // float networks export; a file only on success
                Files.delete(dir.resolve("net.c"));
                CliRun again = CliRun.of(args);
                org.junit.jupiter.api.Assertions.assertEquals(0, again.code(),
                        "a C file was left by an export that failed: " + again.err());
                org.junit.jupiter.api.Assertions.assertTrue(Files.size(dir.resolve("net.c")) > 0);
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    private static String pick(Random r, String[] options) {
        return options[r.nextInt(options.length)];
    }
}

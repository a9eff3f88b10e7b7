package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fxnet.testing.SpecExamples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random malformed network files and tables fed through the command line in-process: every run ends
 * within its time bound with exit 0 or 2 (3 for a verify mismatch), never 1; stderr never holds a
 * stack trace or a Java or parser class name, and on exit 2 it is exactly one line.
 */
class MalformedInputFuzzTest {
    private static final Duration BOUND = Duration.ofSeconds(5);

    /** Values that replace a number, a string or a whole value. */
    private static final String[] ODD = {"0", "1", "-1", "2", "3", "5", "-3", "0.5", "-0.0", "1e3", "1e999", "-1e999",
        "2147483648", "9223372036854775808", "99999999999999999999999999", "1e-999", "NaN", "Infinity", "null", "true",
        "\"\"", "\"relu\"", "\"WRAP\"", "\"TWOS_COMPLEMENT\"", "\"p=3,q=3\"", "\"\\u0000\"", "[]", "{}", "[[0, 1]]",
        "[[0, 1], [0, 1]]", "[[[[[[[[]]]]]]]]", "{\"bias\": 0, \"weights\": []}", "\"HALF_EVEN\"", "\"sigmoid\""};

    @Property(tries = 250)
    void malformedNetworkFilesEndInAnAnswerOrOneLine(@ForAll long seed, @ForAll @IntRange(min = 0, max = 3) int command)
            throws Exception {
        Random r = new Random(seed);
        String text = mutateJson(SpecExamples.SPEC_NETWORK, r);
        Path dir = Files.createTempDirectory("fxnet-fuzz");
        try {
            Path net = dir.resolve("net.json");
            Files.write(net, text.getBytes(r.nextInt(20) == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
            String[] args = switch (command) {
                case 0 -> new String[] {"eval", net.toString(), "--input", "0.5"};
                case 1 -> new String[] {"verify", net.toString(), "--random", "1"};
                case 2 -> new String[] {"export", net.toString(), "--c", dir.resolve("net.c").toString()};
                default -> new String[] {"eval", net.toString(), "--all", "--csv"};
            };
            check(args, text);
        } finally {
            deleteTree(dir);
        }
    }

    @Property(tries = 150)
    void malformedTablesEndInAnAnswerOrOneLine(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        String text = mutateCsv(r);
        Path dir = Files.createTempDirectory("fxnet-fuzz");
        try {
            Path t = dir.resolve("t.csv");
            Files.write(t, text.getBytes(r.nextInt(20) == 0 ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8));
            check(new String[] {"compile", "--act", "relu", "-p", "2", "-q", "1", "--dims", "1", "--table",
                t.toString()}, text);
        } finally {
            deleteTree(dir);
        }
    }

    static void check(String[] args, String input) {
        CliRun run = assertTimeoutPreemptively(BOUND, () -> CliRun.of(args), () -> "too slow on:\n" + input);
        String context = String.join(" ", args).replaceAll("/\\S*/", "") + "\ninput:\n" + abbreviate(input)
                + "\nexit " + run.code() + ", stderr:\n" + run.err();
        boolean verify = args[0].equals("verify");
        assertTrue(run.code() == 0 || run.code() == 2 || (verify && run.code() == VerifyCommand.MISMATCH), context);
        for (String bad : new String[] {"\tat ", "Exception", "jackson", "Jackson", "java.", "com.", "Source:",
            "internal error"}) {
            assertFalse(run.err().contains(bad), "'" + bad + "' in stderr; " + context);
        }
        if (run.code() == 2) {
            String err = run.err().strip();
            assertFalse(err.isEmpty() || err.contains("\n"), "not exactly one line; " + context);
        }
    }

    /** One to three random edits of a valid network file. */
    static String mutateJson(String valid, Random r) {
        String s = valid;
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits; e++) {
            switch (r.nextInt(10)) {
                case 0 -> s = s.substring(0, r.nextInt(s.length() + 1)); // truncated
                case 1 -> s = replaceRandom(s, r, "-?\\d+", ODD[r.nextInt(ODD.length)]); // a number retyped
                case 2 -> s = replaceRandom(s, r, "\"[A-Za-z_]+\"(?!\\s*:)", ODD[r.nextInt(ODD.length)]); // a string value
                case 3 -> s = replaceRandom(s, r, "\"[A-Za-z]+\"\\s*:\\s*[^,{}\\[\\]]+,?", ""); // a field deleted
                case 4 -> { // a field duplicated
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"[A-Za-z]+\"\\s*:\\s*[^,{}\\[\\]]+,")
                            .matcher(s);
                    List<int[]> spans = spans(m);
                    if (!spans.isEmpty()) {
                        int[] sp = spans.get(r.nextInt(spans.size()));
                        s = s.substring(0, sp[1]) + s.substring(sp[0], sp[1]) + s.substring(sp[1]);
                    }
                }
                case 5 -> { // random bytes inserted
                    int at = r.nextInt(s.length() + 1);
                    StringBuilder b = new StringBuilder();
                    for (int i = 0, n = 1 + r.nextInt(6); i < n; i++) {
                        b.append((char) r.nextInt(r.nextBoolean() ? 128 : 0x3000));
                    }
                    s = s.substring(0, at) + b + s.substring(at);
                }
                case 6 -> s = "[".repeat(r.nextInt(3000)) + s; // deep nesting
                case 7 -> s = s.replace("\"intBits\": 2", "\"intBits\": " + ODD[r.nextInt(ODD.length)])
                        .replace("\"inputs\": 1", "\"inputs\": " + (r.nextBoolean() ? 2 : r.nextInt(6))); // widths
                case 8 -> s = s.replace("[[0, 2], [1, -2]]", "[[0, 2], [1, -2], [" + r.nextInt(4) + ", "
                        + (r.nextInt(40) - 20) + "]]"); // a layer of inconsistent width / weight out of range
                default -> s = s.replace("\"encoding\": \"SYMMETRIC\"", "\"encoding\": "
                        + new String[] {"\"Q3.4\"", "\"ap_fixed<8,4>\"", "\"symmetric\"", "\"TWOS\"", "7"}[r.nextInt(5)]);
            }
        }
        return s;
    }

    /** One to three random edits of the valid table of x -> x on p=2,q=1. */
    static String mutateCsv(Random r) {
        List<String> rows = new ArrayList<>(List.of("x0,y"));
        for (int c = -7; c <= 7; c++) {
            rows.add(c / 2.0 + "," + c / 2.0);
        }
        String[] cells = {"", " ", "-", "1e999999999", "-1e-999999999", "0x10", "NaN", "1/2", "\"1\"", "0.25", "99", "+1",
            ".5", "5.", "3.5", "-3.5", "1E0", "0e-999999999", "\u00a0", "1,2", "x0", "y"};
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int i = r.nextInt(rows.size());
            switch (r.nextInt(7)) {
                case 0 -> rows.remove(i);
                case 1 -> rows.add(i, rows.get(i));
                case 2 -> {
                    String[] c = rows.get(i).split(",", -1);
                    c[r.nextInt(c.length)] = cells[r.nextInt(cells.length)];
                    rows.set(i, String.join(",", c));
                }
                case 3 -> rows.set(i, rows.get(i) + "," + cells[r.nextInt(cells.length)]);
                case 4 -> rows.add(i, "");
                case 5 -> rows.set(0, r.nextBoolean() ? "\uFEFFx0,y" : "x1,y");
                default -> {
                    String all = String.join("\n", rows);
                    return all.substring(0, r.nextInt(all.length() + 1));
                }
            }
        }
        return String.join(r.nextBoolean() ? "\n" : "\r\n", rows) + "\n";
    }

    private static String replaceRandom(String s, Random r, String regex, String with) {
        List<int[]> spans = spans(java.util.regex.Pattern.compile(regex).matcher(s));
        if (spans.isEmpty()) {
            return s;
        }
        int[] sp = spans.get(r.nextInt(spans.size()));
        return s.substring(0, sp[0]) + with + s.substring(sp[1]);
    }

    private static List<int[]> spans(java.util.regex.Matcher m) {
        List<int[]> out = new ArrayList<>();
        while (m.find()) {
            out.add(new int[] {m.start(), m.end()});
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 600 ? s.substring(0, 300) + "\n...\n" + s.substring(s.length() - 300) : s;
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

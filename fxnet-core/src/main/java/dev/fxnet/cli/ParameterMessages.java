package dev.fxnet.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command-line parser's complaints in plain words: no {@code "Error: "} prefix, options named
 * without their value labels ({@code --expr}, not {@code --expr=EXPR}), and the common cases (a
 * missing or unknown option, options that exclude each other, an invalid value) phrased as fxnet
 * phrases its own errors. Messages it does not recognize pass through with only those two clean-ups.
 */
final class ParameterMessages {
    private static final Set<String> TARGETS = Set.of("--table", "--expr", "--random");
    private static final Pattern EXCLUSIVE = Pattern.compile("(.*) are mutually exclusive \\(specify only one\\)");
    private static final Pattern MISSING_ONE_OF = Pattern.compile(
            "Missing required argument \\(specify one of these\\): \\((.*)\\)");
    private static final Pattern MISSING = Pattern.compile("Missing required (option|options|parameter|parameters): (.*)");
    private static final Pattern MISSING_VALUE = Pattern.compile(
            "Missing required parameter for option '([^']*)' \\(([^)]*)\\)");
    private static final Pattern UNKNOWN = Pattern.compile("Unknown options?: (.*)");
    private static final Pattern UNMATCHED = Pattern.compile("Unmatched arguments? (?:at|from) index \\d+: (.*)");
    private static final Pattern INVALID_OPTION = Pattern.compile("Invalid value for option '([^']*)': (.*)");
    private static final Pattern INVALID_PARAMETER = Pattern.compile(
            "Invalid value for positional parameter at index \\d+ \\(([^)]*)\\): (.*)");

    private ParameterMessages() {
    }

    /** The message of {@code ex} in plain words, on one line. */
    static String plain(CommandLine.ParameterException ex) {
        String m = Main.oneLine(ex.getMessage());
        if (m.startsWith("Error: ")) {
            m = m.substring("Error: ".length());
        }
        CommandLine c = ex.getCommandLine();
        if (c != null) {
            for (OptionSpec o : c.getCommandSpec().options()) {
                for (String name : o.names()) {
                    m = m.replace(name + "=" + o.paramLabel(), name);
                }
            }
        }
        Matcher x;
        if ((x = EXCLUSIVE.matcher(m)).matches()) {
            List<String> names = split(x.group(1), ", ");
            return and(names) + " are mutually exclusive; give " + (TARGETS.containsAll(names) ? "one target" : "only one");
        }
        if ((x = MISSING_ONE_OF.matcher(m)).matches()) {
            List<String> names = split(x.group(1), " | ");
            return (TARGETS.containsAll(names) ? "no target given" : "a required option is missing") + "; give one of "
                    + or(names);
        }
        if ((x = MISSING_VALUE.matcher(m)).matches()) {
            return "option " + x.group(1) + " needs a value (" + x.group(2) + ")";
        }
        if ((x = MISSING.matcher(m)).matches()) {
            boolean option = x.group(1).startsWith("option");
            List<String> names = unquoted(x.group(2));
            return "missing required " + (option ? "option" : "argument") + (names.size() == 1 ? " " : "s ")
                    + String.join(", ", names);
        }
        if ((x = UNKNOWN.matcher(m)).matches()) {
            List<String> names = unquoted(x.group(1));
            return "unknown option" + (names.size() == 1 ? " " : "s ") + String.join(", ", names);
        }
        if ((x = UNMATCHED.matcher(m)).matches()) {
            return "unexpected argument" + (x.group(1).contains("', '") ? "s " : " ") + x.group(1);
        }
        if ((x = INVALID_OPTION.matcher(m)).matches() || (x = INVALID_PARAMETER.matcher(m)).matches()) {
            return "invalid value for " + x.group(1) + ": " + x.group(2).replaceAll(" is not an? (int|long)$",
                    " is not an integer");
        }
        return m;
    }

    private static List<String> split(String list, String separator) {
        List<String> out = new ArrayList<>();
        for (String s : list.split(Pattern.quote(separator))) {
            out.add(s.trim());
        }
        return out;
    }

    private static List<String> unquoted(String list) {
        List<String> out = new ArrayList<>();
        for (String s : split(list, ", ")) {
            out.add(s.length() >= 2 && s.startsWith("'") && s.endsWith("'") ? s.substring(1, s.length() - 1) : s);
        }
        return out;
    }

    private static String and(List<String> names) {
        return join(names, " and ");
    }

    private static String or(List<String> names) {
        return join(names, " or ");
    }

    private static String join(List<String> names, String last) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + last + names.get(names.size() - 1);
    }
}

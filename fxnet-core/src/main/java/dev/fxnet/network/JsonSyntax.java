package dev.fxnet.network;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the JSON parser's complaint about text that is not JSON into a {@link NetworkFileException}
 * with the line and column and the problem in plain words, never quoting the parser's own classes,
 * features or location text.
 */
final class JsonSyntax {
    private static final Pattern QUOTED = Pattern.compile("'([^']{0,40})'");
    private static final Pattern CODE = Pattern.compile("code (\\d+)");

    private JsonSyntax() {
    }

    static NetworkFileException refusal(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        long line = at == null ? -1 : at.getLineNr();
        long column = at == null ? -1 : at.getColumnNr();
        return NetworkFileException.syntax(line, column, plain(e));
    }

    /** The problem in plain words. */
    static String plain(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        StreamReadConstraints limits = StreamReadConstraints.defaults();
        if (e instanceof StreamConstraintsException) {
            if (m.contains("nesting depth")) {
                return "nested more than " + limits.getMaxNestingDepth() + " levels deep";
            }
            if (m.contains("Number value length")) {
                return "a number with more than " + limits.getMaxNumberLength() + " characters";
            }
            if (m.contains("String value length")) {
                return "a string longer than " + limits.getMaxStringLength() + " characters";
            }
            if (m.contains("Name length")) {
                return "a key longer than " + limits.getMaxNameLength() + " characters";
            }
            return "the text exceeds a size limit of the reader";
        }
        if (e instanceof JsonEOFException) {
            JsonToken t = ((JsonEOFException) e).getTokenBeingDecoded();
            String what = t == JsonToken.START_ARRAY || m.contains("marker for Array") ? "an array ('[') is not closed"
                    : t == JsonToken.START_OBJECT || t == JsonToken.FIELD_NAME || m.contains("marker for Object")
                    ? "an object ('{') is not closed"
                    : t == JsonToken.VALUE_STRING || m.contains("in a String") ? "a string is not closed"
                    : "a value is missing";
            return "the text ends early: " + what;
        }
        if (m.startsWith("Duplicate field")) {
            return "key " + quoted(m) + " appears twice in the same object";
        }
        if (m.startsWith("Trailing token")) {
            return "more text after the end of the JSON value";
        }
        if (m.startsWith("Unrecognized token")) {
            return "unexpected text " + quoted(m) + " (strings need double quotes; literals are true, false, null)";
        }
        if (m.startsWith("Unexpected end-of-input")) {
            return "the text ends early";
        }
        if (m.startsWith("Illegal unquoted character") || m.startsWith("Illegal character")) {
            return "control character " + code(m) + " inside a string; write it as an escape such as \\n";
        }
        if (m.startsWith("Unexpected close marker")) {
            return "a closing " + quoted(m) + " that matches no opening bracket";
        }
        if (m.startsWith("Unexpected character")) {
            return "unexpected character " + character(m) + hint(m);
        }
        if (m.startsWith("Invalid UTF-8") || m.contains("Invalid UTF")) {
            return "the text is not valid UTF-8";
        }
        if (m.startsWith("Non-standard token")) {
            return "unexpected text " + quoted(m) + " (NaN and Infinity are not JSON numbers)";
        }
        if (m.contains("Leading zeroes") || m.contains("Leading zero")) {
            return "invalid number: leading zeroes are not allowed";
        }
        if (m.startsWith("Invalid numeric value") || m.startsWith("Non-standard token")
                || m.contains("Leading zeroes") || m.contains("Leading zero")) {
            return "invalid number" + afterColon(m);
        }
        if (m.startsWith("Unrecognized character escape")) {
            return "unknown escape " + character(m) + " in a string";
        }
        return "malformed JSON" + afterColon(m);
    }

    private static String quoted(String m) {
        Matcher q = QUOTED.matcher(m);
        return q.find() ? "'" + q.group(1) + "'" : "";
    }

    private static String character(String m) {
        Matcher c = CODE.matcher(m);
        if (c.find()) {
            int cp = Integer.parseInt(c.group(1));
            return cp >= 0x20 && cp < 0x7F ? "'" + (char) cp + "'" : "with code " + cp;
        }
        return quoted(m);
    }

    private static String code(String m) {
        Matcher c = CODE.matcher(m);
        return c.find() ? "(code " + c.group(1) + ")" : "";
    }

    private static String hint(String m) {
        if (m.contains("double-quote to start field name")) {
            return ": expected a key in double quotes";
        }
        if (m.contains("comma to separate")) {
            return ": expected a comma or a closing bracket";
        }
        if (m.contains("colon to separate")) {
            return ": expected ':' after a key";
        }
        return "";
    }

    /** A short, sanitized tail of the parser's message: the part after its first colon, without parentheses. */
    private static String afterColon(String m) {
        int c = m.indexOf(':');
        String tail = c < 0 ? "" : m.substring(c + 1);
        tail = tail.replaceAll("\\([^()]*\\)", "").replaceAll("`[^`]*`", "").replaceAll("\\s+", " ").trim();
        if (tail.isEmpty() || tail.contains("com.") || tail.contains("jackson") || tail.contains("Source")) {
            return "";
        }
        return ": " + (tail.length() > 80 ? tail.substring(0, 77) + "..." : tail);
    }
}

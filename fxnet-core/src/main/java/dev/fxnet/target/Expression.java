package dev.fxnet.target;

import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.Overflow;
import dev.fxnet.arith.Rounding;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A real function of {@code x0..x{d-1}} typed by a user, e.g. {@code sin(3*x0)*x1}, and its
 * certified rounding {@code rho(f(x))} on the grid.
 *
 * <p>Grammar: numbers (decimal, optional exponent), {@code pi}, {@code e}, variables {@code x0..},
 * binary {@code + - * / ^} (power right-associative, binding tighter than unary minus), unary
 * minus, parentheses, and the functions {@code sin cos tan exp log sqrt abs tanh sigmoid floor ceil}
 * (one argument) and {@code min max} (two).
 *
 * <p><b>Certified values.</b> Every point is evaluated to an enclosure: exact rationals while the
 * value is exact (grid points, literals, {@code + - * /}, integer powers, {@code abs min max floor
 * ceil}, and {@code sin 0}, {@code exp 0}, {@code log 1}, square roots of rational squares), else an
 * interval with outward rounding at a working precision of {@code P} digits (transcendentals from
 * big-math at {@code P + 10} digits, widened by {@code 10^-(P+3)} relative). {@code rho(f(x))} is
 * certified only when every value of the enclosure rounds to the same code under the setting's
 * rounding and overflow modes; otherwise {@code P} grows (30, 120, 400, {@value #MAX_PRECISION}
 * digits). A value still undecided at {@value #MAX_PRECISION} digits whose enclosure is narrower
 * than {@value #UNCERTAIN_WIDTH_TEXT} and holds one rounding boundary is <i>uncertain</i>: refused
 * ({@link UncertainRoundingException}) or rounded as if equal to that boundary, as
 * {@link OnUncertain} says. Poles and domain errors (division by 0, {@code log} of a value
 * {@code <= 0}, {@code sqrt} of a negative value, {@code 0^-1}, a negative number to a non-integer or
 * inexact power, {@code tan} at an odd multiple of {@code pi/2}) are errors at the point, also when
 * they are only known to be within reach of the enclosure at the largest precision.
 *
 * <p><b>Limits</b>, checked before any big computation and reported by an
 * {@link IllegalArgumentException} naming the limit:
 * <ul>
 *   <li>number literals: decimal exponent within {@code +-}{@value #MAX_LITERAL_EXPONENT};
 *   <li>nesting depth of the expression at most {@value #MAX_DEPTH}, length at most
 *       {@value #MAX_LENGTH} characters;
 *   <li>integer powers {@code x^n}: {@code |n| < 2^63} (unless {@code x} is exactly 0 or {@code +-1}),
 *       computed by squaring with outward rounding, never as a giant number;
 *   <li>magnitudes: values beyond {@code 10^}{@value Enclosure#MAX_MAGNITUDE} are only bounded
 *       ({@code exp(1e10)}, {@code 10^1e9}: certified as larger than the largest value of F, so they
 *       saturate), values below {@code 10^-}{@value Enclosure#MAX_MAGNITUDE} are enclosed with 0 (so
 *       under a directed rounding {@code x^1e9} for {@code |x| < 1} may be uncertain);
 *   <li>{@code sin cos tan}: argument at most {@code 10^}{@value Enclosure#MAX_TRIG_MAGNITUDE} in
 *       magnitude (reduced exactly by {@code k pi/2} with enough digits of {@code pi});
 *   <li>under {@code WRAP}: {@code |f(x)|} at most {@code 10^}{@value #MAX_WRAP_MAGNITUDE} (wrapping
 *       needs every integer digit);
 *   <li>exact intermediate values up to {@value Enclosure#MAX_EXACT_BITS} bits; larger ones become
 *       enclosures.
 * </ul>
 * Every evaluation of a point is thus bounded in time and memory.
 */
public final class Expression {
    /** The largest working precision, in significant digits. */
    public static final int MAX_PRECISION = 1100;
    /** How close to a rounding boundary a value is called uncertain at {@link #MAX_PRECISION}. */
    public static final String UNCERTAIN_WIDTH_TEXT = "1e-1000";
    /** Largest decimal exponent of a number literal. */
    public static final int MAX_LITERAL_EXPONENT = 10000;
    /** Largest nesting depth. */
    public static final int MAX_DEPTH = 200;
    /** Longest expression text. */
    public static final int MAX_LENGTH = 10000;
    /** Decimal exponent of the largest magnitude rounded under WRAP. */
    public static final int MAX_WRAP_MAGNITUDE = 1000;

    private static final int[] PRECISIONS = {30, 120, 400, MAX_PRECISION};
    private static final BigDecimal UNCERTAIN_WIDTH = new BigDecimal(UNCERTAIN_WIDTH_TEXT);

    private final String text;
    private final Node root;
    private final int maxVariable;

    private Expression(String text, Node root, int maxVariable) {
        this.text = text;
        this.root = root;
        this.maxVariable = maxVariable;
    }

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException naming the position and what was expected, or a limit
     */
    public static Expression parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the expression has " + text.length() + " characters; the limit is "
                    + MAX_LENGTH);
        }
        Parser p = new Parser(text);
        Node n = p.expression();
        p.skip();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        }
        return new Expression(text, n, p.maxVar);
    }

    public String text() {
        return text;
    }

    /** The largest variable index used, or -1. */
    public int maxVariable() {
        return maxVariable;
    }

    /**
     * The result of rounding the function on the whole grid: the table, how many points were rounded
     * by {@link OnUncertain#ASSUME_EXACT} and the first of them (codes, or null), the largest
     * {@code |rho(f(x)) - f(x)|} where {@code f(x)} is in the range of F (approximate, for reports),
     * and how many points have {@code f(x)} outside that range.
     */
    public record Tabulation(FunctionTable table, long assumedExact, long[] firstAssumedExact, double maxError,
            long saturated) {
    }

    /** {@link #tabulate(FixedPointArithmetic, int, OnUncertain)} refusing uncertain points. */
    public Tabulation tabulate(FixedPointArithmetic ar, int dims) {
        return tabulate(ar, dims, OnUncertain.REFUSE);
    }

    /**
     * Certified {@code rho(f(x))} on every point of {@code F^d}. Points are evaluated in parallel; an
     * error is reported for the first failing point in grid order, so the same input always names
     * the same point.
     *
     * @throws UncertainRoundingException at the first uncertain point, under {@link OnUncertain#REFUSE}
     * @throws IllegalArgumentException if the expression uses a variable beyond {@code x{d-1}}, is
     *     undefined at some point, or reaches a limit (naming the point and the reason)
     */
    public Tabulation tabulate(FixedPointArithmetic ar, int dims, OnUncertain onUncertain) {
        if (maxVariable >= dims) {
            throw new IllegalArgumentException("the expression uses x" + maxVariable + " but --dims is " + dims
                    + " (variables x0..x" + (dims - 1) + ")");
        }
        FunctionTable shape = FunctionTable.fromCodes(ar.format(), dims, x -> 0);
        var space = shape.space();
        int n = shape.size();
        int[] codes = new int[n];
        boolean[] assumed = new boolean[n];
        double[] err = new double[n];
        boolean[] sat = new boolean[n];
        RuntimeException[] errors = new RuntimeException[n];
        AtomicInteger firstBad = new AtomicInteger(n);
        IntStream.range(0, n).parallel().forEach(i -> {
            if (i > firstBad.get()) {
                return;
            }
            long[] p = space.point(i);
            BigDecimal[] xs = new BigDecimal[dims];
            for (int j = 0; j < dims; j++) {
                xs[j] = ar.format().value(p[j]);
            }
            try {
                Decision d = decide(ar, xs, onUncertain);
                codes[i] = (int) d.code;
                assumed[i] = d.assumed;
                BigDecimal mid = d.value;
                if (mid.compareTo(ar.format().maxValue()) > 0 || mid.compareTo(ar.format().minValue()) < 0) {
                    sat[i] = true;
                } else {
                    err[i] = ar.format().value(d.code).subtract(mid).abs().doubleValue();
                }
            } catch (IllegalArgumentException e) {
                errors[i] = e;
                firstBad.accumulateAndGet(i, Math::min);
            }
        });
        if (firstBad.get() < n) {
            throw errors[firstBad.get()];
        }
        long unc = 0;
        long[] first = null;
        double maxErr = 0;
        long saturated = 0;
        for (int i = 0; i < n; i++) {
            if (assumed[i]) {
                if (unc == 0) {
                    first = space.point(i);
                }
                unc++;
            }
            maxErr = Math.max(maxErr, err[i]);
            saturated += sat[i] ? 1 : 0;
        }
        return new Tabulation(FunctionTable.of(ar.format(), dims, codes), unc, first, maxErr, saturated);
    }

    /**
     * The enclosure of {@code f(x)} at working precision {@code prec} (for {@link CertifiedRounding});
     * {@link Enclosure.Undecided} when this precision cannot decide a step.
     */
    Enclosure enclose(Enclosure[] x, int prec) {
        return root.eval(x, prec);
    }

    /** The working precisions tried in turn, in significant digits. */
    static int[] precisions() {
        return PRECISIONS.clone();
    }

    /** A certified code, whether it was assumed exact, and an approximation of f(x) for reports. */
    private record Decision(long code, boolean assumed, BigDecimal value) {
    }

    private static String pointText(BigDecimal[] xs) {
        StringBuilder b = new StringBuilder("x = (");
        for (int j = 0; j < xs.length; j++) {
            b.append(j == 0 ? "" : ", ").append(xs[j].stripTrailingZeros().toPlainString());
        }
        return b.append(")").toString();
    }

    /** The most characters of an expression quoted in a message (plus ellipses where it is cut). */
    static final int EXCERPT = 60;

    /**
     * {@code s} if it is short, else the {@value #EXCERPT} characters around position {@code at}, with
     * an ellipsis on each side where it is cut.
     */
    static String excerpt(String s, int at) {
        if (s.length() <= EXCERPT) {
            return s;
        }
        int from = Math.max(0, Math.min(at - EXCERPT / 2, s.length() - EXCERPT));
        int to = from + EXCERPT;
        return (from > 0 ? "..." : "") + s.substring(from, to) + (to < s.length() ? "..." : "");
    }

    private static String shortDecimal(BigDecimal v) {
        return Rational.text(v.round(new java.math.MathContext(12)));
    }

    /** rho(f(x)) at one point, refining the precision until the rounding is decided. */
    private Decision decide(FixedPointArithmetic ar, BigDecimal[] xs, OnUncertain onUncertain) {
        Rational[] rx = new Rational[xs.length];
        for (int j = 0; j < xs.length; j++) {
            rx[j] = Rational.of(xs[j]);
        }
        String at = "at " + pointText(xs) + ": ";
        String why = null;
        Enclosure v = null;
        for (int prec : PRECISIONS) {
            Enclosure[] ex = new Enclosure[xs.length];
            for (int j = 0; j < xs.length; j++) {
                ex[j] = Enclosure.exact(rx[j], prec);
            }
            try {
                v = root.eval(ex, prec);
            } catch (Enclosure.Undecided u) {
                why = u.getMessage();
                v = null;
                continue;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + e.getMessage(), e);
            }
            Long code = round(ar, v, at);
            if (code != null) {
                return new Decision(code, false, v.exact != null ? v.exact.toDecimal(20, false) : v.mid());
            }
        }
        if (v == null) {
            throw new IllegalArgumentException(at + why + ", even at " + MAX_PRECISION + " digits");
        }
        // undecided at the largest precision
        int q = ar.format().fracBits();
        BigDecimal scale = BigDecimal.valueOf(2).pow(q);
        BigDecimal shift = ar.rounding().isNearest() ? new BigDecimal("0.5") : BigDecimal.ZERO;
        if (v.lo == null || v.hi == null) {
            throw new IllegalArgumentException(at + "the value of " + excerpt(text, 0) + " could only be enclosed in ["
                    + (v.lo == null ? "-infinity" : shortDecimal(v.lo)) + ", "
                    + (v.hi == null ? "+infinity" : shortDecimal(v.hi)) + "], which does not decide its rounding");
        }
        BigDecimal lo = v.lo.multiply(scale).subtract(shift);
        BigDecimal hi = v.hi.multiply(scale).subtract(shift);
        BigInteger first = lo.setScale(0, java.math.RoundingMode.CEILING).toBigIntegerExact();
        BigInteger last = hi.setScale(0, java.math.RoundingMode.FLOOR).toBigIntegerExact();
        String mode = ar.rounding().name();
        if (first.equals(last) && v.hi.subtract(v.lo).compareTo(UNCERTAIN_WIDTH) <= 0) {
            // one boundary b = (first + shift) / 2^q
            BigDecimal scaledBoundary = new BigDecimal(first).add(shift);
            BigDecimal boundary = scaledBoundary.divide(scale);
            if (onUncertain == OnUncertain.ASSUME_EXACT) {
                Rational b = Rational.of(scaledBoundary);
                long code = ar.overflow(ar.rounding().roundQuotient(b.num(), b.den()));
                return new Decision(code, true, boundary);
            }
            throw new UncertainRoundingException(at + excerpt(text, 0) + " is within " + UNCERTAIN_WIDTH_TEXT
                    + " of the rounding boundary " + boundary.stripTrailingZeros().toPlainString() + " under " + mode
                    + "; cannot certify its rounding", List.of(xs), boundary);
        }
        throw new IllegalArgumentException(at + "the value of " + excerpt(text, 0) + " could only be enclosed in ["
                + shortDecimal(v.lo) + ", " + shortDecimal(v.hi) + "] at " + MAX_PRECISION
                + " digits, which does not decide its rounding under " + mode);
    }

    /** The code if every value of the enclosure rounds to it, else null. */
    private static Long round(FixedPointArithmetic ar, Enclosure v, String at) {
        int q = ar.format().fracBits();
        Rounding r = ar.rounding();
        if (v.exact != null) {
            return ar.overflow(r.roundQuotient(v.exact.num().shiftLeft(q), v.exact.den()));
        }
        BigDecimal scale = BigDecimal.valueOf(2).pow(q);
        if (ar.overflow() == Overflow.WRAP) {
            BigDecimal limit = BigDecimal.ONE.scaleByPowerOfTen(MAX_WRAP_MAGNITUDE);
            if (v.lo == null || v.hi == null || v.lo.abs().compareTo(limit) > 0 || v.hi.abs().compareTo(limit) > 0) {
                throw new IllegalArgumentException(at + "the value exceeds 10^" + MAX_WRAP_MAGNITUDE
                        + " in magnitude, the limit for rounding under WRAP");
            }
        }
        BigInteger cl = v.lo == null ? null : r.round(v.lo.multiply(scale));
        BigInteger ch = v.hi == null ? null : r.round(v.hi.multiply(scale));
        if (cl != null && cl.equals(ch)) {
            return ar.overflow(cl);
        }
        long codeL = cl == null ? ar.format().minCode() : ar.overflow(cl);
        long codeH = ch == null ? ar.format().maxCode() : ar.overflow(ch);
        return codeL == codeH ? codeL : null;
    }

    // AST ------------------------------------------------------------------------------------------

    private interface Node {
        Enclosure eval(Enclosure[] x, int prec);
    }

    private static final List<String> FUNCTIONS = List.of("sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh",
            "sigmoid", "floor", "ceil", "min", "max");

    private static final class Parser {
        final String s;
        int pos;
        int maxVar = -1;
        int depth;

        Parser(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("expression '" + excerpt(s, pos) + "', position " + (pos + 1) + ": "
                    + what);
        }

        void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        boolean eat(char c) {
            skip();
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        String span(int from) {
            return excerpt(s.substring(from, pos).strip(), 0);
        }

        Node expression() {
            if (++depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH + " levels (the limit)");
            }
            Node left = term();
            while (true) {
                if (eat('+')) {
                    Node a = left;
                    Node b = term();
                    left = (x, p) -> Enclosure.add(a.eval(x, p), b.eval(x, p), p);
                } else if (eat('-')) {
                    Node a = left;
                    Node b = term();
                    left = (x, p) -> Enclosure.add(a.eval(x, p), b.eval(x, p).negate(), p);
                } else {
                    depth--;
                    return left;
                }
            }
        }

        Node term() {
            int start = pos;
            Node left = unary();
            while (true) {
                if (eat('*')) {
                    Node a = left;
                    Node b = unary();
                    left = (x, p) -> Enclosure.multiply(a.eval(x, p), b.eval(x, p), p);
                } else if (eat('/')) {
                    Node a = left;
                    Node b = unary();
                    String what = span(start);
                    left = (x, p) -> Enclosure.divide(a.eval(x, p), b.eval(x, p), p, what);
                } else {
                    return left;
                }
            }
        }

        Node unary() {
            if (++depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH + " levels (the limit)");
            }
            Node r;
            if (eat('-')) {
                Node a = unary();
                r = (x, p) -> a.eval(x, p).negate();
            } else if (eat('+')) {
                r = unary();
            } else {
                r = power();
            }
            depth--;
            return r;
        }

        Node power() {
            skip();
            int start = pos;
            Node base = primary();
            if (eat('^')) {
                Node e = unary(); // right-associative, allows 2^-1
                String what = span(start);
                return (x, p) -> pow(base.eval(x, p), e.eval(x, p), p, what);
            }
            return base;
        }

        static Enclosure pow(Enclosure b, Enclosure e, int prec, String what) {
            if (e.exact != null && e.exact.isInteger()) {
                BigInteger n = e.exact.num();
                boolean trivialBase = b.exact != null && (b.exact.signum() == 0
                        || b.exact.abs().compareTo(Rational.ONE) == 0);
                if (n.bitLength() > 63 && !trivialBase) {
                    throw new IllegalArgumentException(what + ": the exponent " + e.exact.describe()
                            + " exceeds 2^63 in magnitude (the limit for integer powers)");
                }
                return Enclosure.pow(b, n, prec, what);
            }
            if (b.isExactZero()) {
                if (e.lo != null && e.lo.signum() > 0) {
                    return Enclosure.exact(Rational.ZERO, prec);
                }
                if (e.hi != null && e.hi.signum() <= 0) {
                    throw new IllegalArgumentException(what + ": 0 to a power <= 0");
                }
                throw new Enclosure.Undecided(what + ": the exponent is not known to be positive");
            }
            if (b.exact != null && b.exact.signum() < 0 || b.hi != null && b.hi.signum() < 0) {
                throw new IllegalArgumentException(what + ": a negative number to a non-integer or inexact power");
            }
            if (b.lo == null || b.lo.signum() <= 0) {
                throw new Enclosure.Undecided(what + ": the base is not known to be positive");
            }
            return Enclosure.exp(Enclosure.multiply(e, Enclosure.log(b, prec, what), prec), prec);
        }

        Node primary() {
            skip();
            if (pos >= s.length()) {
                throw error("unexpected end; expected a number, variable, function or '('");
            }
            char c = s.charAt(pos);
            if (c == '(') {
                pos++;
                Node n = expression();
                if (!eat(')')) {
                    throw error("expected ')'");
                }
                return n;
            }
            if (Character.isDigit(c) || c == '.') {
                return number();
            }
            if (Character.isLetter(c)) {
                int start = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                    pos++;
                }
                String name = s.substring(start, pos);
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.matches("x\\d+")) {
                    int idx;
                    try {
                        idx = Integer.parseInt(lower.substring(1));
                    } catch (NumberFormatException e) {
                        throw error("variable " + name + " is out of range");
                    }
                    maxVar = Math.max(maxVar, idx);
                    return (x, p) -> x[idx];
                }
                if (lower.equals("pi")) {
                    return (x, p) -> Enclosure.pi(p);
                }
                if (lower.equals("e") && !(pos < s.length() && s.charAt(pos) == '(')) {
                    return (x, p) -> Enclosure.e(p);
                }
                skip();
                if (!eat('(')) {
                    pos = start;
                    throw error("unknown name '" + name + "'; expected x0.., pi, e or a function");
                }
                if (!FUNCTIONS.contains(lower)) {
                    pos = start;
                    throw error("unknown function '" + name + "'; expected sin cos tan exp log sqrt abs tanh sigmoid"
                            + " min max floor ceil");
                }
                List<Node> args = new ArrayList<>();
                args.add(expression());
                while (eat(',')) {
                    args.add(expression());
                }
                if (!eat(')')) {
                    throw error("expected ')' after the arguments of " + name);
                }
                return function(lower, args, start);
            }
            throw error("unexpected '" + c + "'");
        }

        Node number() {
            int start = pos;
            while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                pos++;
            }
            int mantissaEnd = pos;
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                int save = pos;
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                        pos++;
                    }
                } else {
                    pos = save;
                }
            }
            String literal = s.substring(start, pos);
            if (pos > mantissaEnd) {
                String exp = s.substring(mantissaEnd + 1, pos).replace("+", "");
                String digits = exp.replaceFirst("^-?0*", "");
                if (digits.length() > 6 || Integer.parseInt(exp) > MAX_LITERAL_EXPONENT
                        || Integer.parseInt(exp) < -MAX_LITERAL_EXPONENT) {
                    pos = start;
                    throw error("the number " + literal + " has an exponent beyond +-" + MAX_LITERAL_EXPONENT
                            + " (the limit for literals)");
                }
            }
            BigDecimal v;
            try {
                v = new BigDecimal(literal);
            } catch (NumberFormatException e) {
                pos = start;
                throw error("bad number '" + s.substring(start, Math.min(s.length(), start + 12)) + "'");
            }
            Rational r = Rational.of(v);
            return (x, p) -> Enclosure.exactOrBounds(r, p);
        }

        Node function(String name, List<Node> args, int at) {
            int want = name.equals("min") || name.equals("max") ? 2 : 1;
            if (args.size() != want) {
                pos = at;
                throw error(name + " takes " + want + " argument" + (want == 1 ? "" : "s") + ", got " + args.size());
            }
            String what = span(at);
            Node a = args.get(0);
            Node b = want == 2 ? args.get(1) : null;
            switch (name) {
                case "min":
                    return (x, p) -> Enclosure.min(a.eval(x, p), b.eval(x, p));
                case "max":
                    return (x, p) -> Enclosure.max(a.eval(x, p), b.eval(x, p));
                case "abs":
                    return (x, p) -> Enclosure.abs(a.eval(x, p));
                case "floor":
                    return (x, p) -> Enclosure.floor(a.eval(x, p), false, p, what);
                case "ceil":
                    return (x, p) -> Enclosure.floor(a.eval(x, p), true, p, what);
                case "sin":
                    return (x, p) -> Enclosure.trig(a.eval(x, p), 0, p, what);
                case "cos":
                    return (x, p) -> Enclosure.trig(a.eval(x, p), 1, p, what);
                case "tan":
                    return (x, p) -> Enclosure.trig(a.eval(x, p), 2, p, what);
                case "exp":
                    return (x, p) -> Enclosure.exp(a.eval(x, p), p);
                case "log":
                    return (x, p) -> Enclosure.log(a.eval(x, p), p, what);
                case "sqrt":
                    return (x, p) -> Enclosure.sqrt(a.eval(x, p), p, what);
                case "tanh":
                    return (x, p) -> Enclosure.tanh(a.eval(x, p), p);
                case "sigmoid":
                    return (x, p) -> Enclosure.sigmoid(a.eval(x, p), p);
                default:
                    throw new AssertionError(name);
            }
        }
    }
}

package dev.fxnet.construct;

import ch.obermuhlner.math.big.BigDecimalMath;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.Rounding;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A real function of {@code x0..x{d-1}} typed by a user, e.g. {@code sin(3*x0)*x1}, and its exact
 * rounding {@code rho(f(x))} on the grid.
 *
 * <p>Grammar: numbers (decimal, optional exponent), {@code pi}, {@code e}, variables {@code x0..},
 * binary {@code + - * / ^} (power right-associative, binding tighter than unary minus), unary
 * minus, parentheses, and the functions {@code sin cos tan exp log sqrt abs tanh sigmoid floor ceil}
 * (one argument) and {@code min max} (two).
 *
 * <p>Evaluation is in {@link BigDecimal}: {@code + - *}, integer powers, {@code abs min max floor
 * ceil} exactly, everything else to {@value #DIGITS} significant digits with
 * <a href="https://github.com/eobermuhlner/big-math">big-math</a>, tracking whether a value is
 * still exact. {@code rho} then decides from the value: when the scaled value {@code f * 2^q} is
 * farther than {@code 10^-(DIGITS-10)} (relative) from every rounding boundary, the decision is
 * certain (the evaluation error is far smaller); when it is closer and the value is exact (for
 * instance {@code x0*x1} at a tie), the exact value decides; otherwise the point is reported as
 * uncertain and rounded from the approximation.
 */
public final class Expression {
    /** Significant digits of inexact evaluation. */
    public static final int DIGITS = 60;
    private static final MathContext MC = new MathContext(DIGITS, RoundingMode.HALF_EVEN);

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
     * @throws IllegalArgumentException naming the position and what was expected
     */
    public static Expression parse(String text) {
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

    /** A value and whether it is exact. */
    record Value(BigDecimal v, boolean exact) {
    }

    /**
     * The value at a point (exact values of the inputs).
     *
     * @throws IllegalArgumentException if the function is undefined there (log of a non-positive
     *     number, division by zero, square root of a negative, a non-integer power of a negative)
     */
    public BigDecimal value(BigDecimal[] x) {
        return root.eval(x).v;
    }

    Value eval(BigDecimal[] x) {
        return root.eval(x);
    }

    /** The result of rounding the function on the whole grid. */
    public record Tabulation(FunctionTable table, long uncertain, long[] firstUncertain, double maxError,
            long saturated) {
    }

    /**
     * {@code rho(f(x))} on every point of {@code F^d}, with the largest {@code |rho(f(x)) - f(x)|}
     * over the points where {@code f(x)} is inside the range of F.
     *
     * @throws IllegalArgumentException if the expression uses a variable beyond {@code x{d-1}} or is
     *     undefined at some point (naming it)
     */
    public Tabulation tabulate(FixedPointArithmetic ar, int dims) {
        if (maxVariable >= dims) {
            throw new IllegalArgumentException("the expression uses x" + maxVariable + " but --dims is " + dims
                    + " (variables x0..x" + (dims - 1) + ")");
        }
        FunctionTable shape = FunctionTable.fromCodes(ar.format(), dims, x -> 0);
        var space = shape.space();
        int n = shape.size();
        int[] codes = new int[n];
        long[] uncertain = new long[n];
        double[] err = new double[n];
        boolean[] sat = new boolean[n];
        int q = ar.format().fracBits();
        BigDecimal scale = BigDecimal.valueOf(2).pow(q);
        BigDecimal maxV = ar.format().maxValue();
        BigDecimal minV = ar.format().minValue();
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            long[] p = space.point(i);
            BigDecimal[] xs = new BigDecimal[dims];
            for (int j = 0; j < dims; j++) {
                xs[j] = ar.format().value(p[j]);
            }
            Value v;
            try {
                v = root.eval(xs);
            } catch (IllegalArgumentException | ArithmeticException e) {
                StringBuilder b = new StringBuilder();
                for (int j = 0; j < dims; j++) {
                    b.append(j == 0 ? "" : ", ").append(xs[j].toPlainString());
                }
                throw new IllegalArgumentException("the expression is undefined at (" + b + "): " + e.getMessage());
            }
            BigDecimal c = v.v.multiply(scale);
            long code = ar.round(v.v);
            codes[i] = (int) code;
            if (!v.exact && nearBoundary(c, ar.rounding())) {
                uncertain[i] = 1;
            }
            if (v.v.compareTo(maxV) > 0 || v.v.compareTo(minV) < 0) {
                sat[i] = true;
            } else {
                err[i] = ar.format().value(code).subtract(v.v).abs().doubleValue();
            }
        });
        long unc = 0;
        long[] first = null;
        double maxErr = 0;
        long saturated = 0;
        for (int i = 0; i < n; i++) {
            if (uncertain[i] != 0) {
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

    /** Whether the scaled value lies within the evaluation error of a decision boundary of the mode. */
    static boolean nearBoundary(BigDecimal c, Rounding mode) {
        BigDecimal t = mode.isNearest() ? c.subtract(new BigDecimal("0.5")) : c;
        BigDecimal fl = t.setScale(0, RoundingMode.FLOOR);
        BigDecimal dist = t.subtract(fl).min(fl.add(BigDecimal.ONE).subtract(t));
        BigDecimal tol = c.abs().max(BigDecimal.ONE).multiply(BigDecimal.ONE.movePointLeft(DIGITS - 10));
        return dist.compareTo(tol) <= 0;
    }

    // AST ------------------------------------------------------------------------------------------

    private interface Node {
        Value eval(BigDecimal[] x);
    }

    private static Value inexact(BigDecimal v) {
        return new Value(v.round(MC), false);
    }

    private static final class Parser {
        final String s;
        int pos;
        int maxVar = -1;

        Parser(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("expression '" + s + "', position " + (pos + 1) + ": " + what);
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

        Node expression() {
            Node left = term();
            while (true) {
                if (eat('+')) {
                    Node a = left;
                    Node b = term();
                    left = x -> {
                        Value u = a.eval(x);
                        Value v = b.eval(x);
                        return u.exact && v.exact ? new Value(u.v.add(v.v), true) : inexact(u.v.add(v.v));
                    };
                } else if (eat('-')) {
                    Node a = left;
                    Node b = term();
                    left = x -> {
                        Value u = a.eval(x);
                        Value v = b.eval(x);
                        return u.exact && v.exact ? new Value(u.v.subtract(v.v), true) : inexact(u.v.subtract(v.v));
                    };
                } else {
                    return left;
                }
            }
        }

        Node term() {
            Node left = unary();
            while (true) {
                if (eat('*')) {
                    Node a = left;
                    Node b = unary();
                    left = x -> {
                        Value u = a.eval(x);
                        Value v = b.eval(x);
                        if ((u.exact && u.v.signum() == 0) || (v.exact && v.v.signum() == 0)) {
                            return new Value(BigDecimal.ZERO, true);
                        }
                        return u.exact && v.exact ? new Value(u.v.multiply(v.v), true) : inexact(u.v.multiply(v.v));
                    };
                } else if (eat('/')) {
                    Node a = left;
                    Node b = unary();
                    left = x -> {
                        Value u = a.eval(x);
                        Value v = b.eval(x);
                        if (v.v.signum() == 0) {
                            throw new ArithmeticException("division by zero");
                        }
                        if (u.exact && v.exact) {
                            try {
                                return new Value(u.v.divide(v.v), true);
                            } catch (ArithmeticException nonTerminating) {
                                return inexact(u.v.divide(v.v, MC));
                            }
                        }
                        return inexact(u.v.divide(v.v, MC));
                    };
                } else {
                    return left;
                }
            }
        }

        Node unary() {
            if (eat('-')) {
                Node a = unary();
                return x -> {
                    Value u = a.eval(x);
                    return new Value(u.v.negate(), u.exact);
                };
            }
            if (eat('+')) {
                return unary();
            }
            return power();
        }

        Node power() {
            Node base = primary();
            if (eat('^')) {
                Node e = unary(); // right-associative, allows 2^-1
                return x -> pow(base.eval(x), e.eval(x));
            }
            return base;
        }

        static Value pow(Value b, Value e) {
            if (e.exact && e.v.stripTrailingZeros().scale() <= 0 && e.v.abs().compareTo(BigDecimal.valueOf(10000)) <= 0) {
                int n = e.v.intValueExact();
                if (n >= 0) {
                    return b.exact ? new Value(b.v.pow(n), true) : inexact(b.v.pow(n, MC));
                }
                if (b.v.signum() == 0) {
                    throw new ArithmeticException("0 to a negative power");
                }
                BigDecimal p = b.v.pow(-n);
                if (b.exact) {
                    try {
                        return new Value(BigDecimal.ONE.divide(p), true);
                    } catch (ArithmeticException nonTerminating) {
                        return inexact(BigDecimal.ONE.divide(p, MC));
                    }
                }
                return inexact(BigDecimal.ONE.divide(p, MC));
            }
            if (b.v.signum() < 0) {
                throw new ArithmeticException("a negative number to a non-integer power");
            }
            if (b.v.signum() == 0) {
                return new Value(BigDecimal.ZERO, b.exact);
            }
            return inexact(BigDecimalMath.pow(b.v, e.v, MC));
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
                int start = pos;
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                    pos++;
                }
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
                BigDecimal v;
                try {
                    v = new BigDecimal(s.substring(start, pos));
                } catch (NumberFormatException e) {
                    pos = start;
                    throw error("bad number '" + s.substring(start, Math.min(s.length(), start + 12)) + "'");
                }
                return x -> new Value(v, true);
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
                    return x -> new Value(x[idx], true);
                }
                if (lower.equals("pi")) {
                    BigDecimal pi = BigDecimalMath.pi(MC);
                    return x -> new Value(pi, false);
                }
                if (lower.equals("e") && !(pos < s.length() && s.charAt(pos) == '(')) {
                    BigDecimal e = BigDecimalMath.e(MC);
                    return x -> new Value(e, false);
                }
                skip();
                if (!eat('(')) {
                    pos = start;
                    throw error("unknown name '" + name + "'; expected x0.., pi, e or a function");
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

        Node function(String name, List<Node> args, int at) {
            int want = name.equals("min") || name.equals("max") ? 2 : 1;
            if (!List.of("sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh", "sigmoid", "floor", "ceil", "min", "max")
                    .contains(name)) {
                pos = at;
                throw error("unknown function '" + name + "'; expected sin cos tan exp log sqrt abs tanh sigmoid"
                        + " min max floor ceil");
            }
            if (args.size() != want) {
                pos = at;
                throw error(name + " takes " + want + " argument" + (want == 1 ? "" : "s") + ", got " + args.size());
            }
            Node a = args.get(0);
            Node b = want == 2 ? args.get(1) : null;
            switch (name) {
                case "min":
                    return x -> {
                        Value u = a.eval(x);
                        Value v = b.eval(x);
                        return u.v.compareTo(v.v) <= 0 ? u : v;
                    };
                case "max":
                    return x -> {
                        Value u = a.eval(x);
                        Value v = b.eval(x);
                        return u.v.compareTo(v.v) >= 0 ? u : v;
                    };
                case "abs":
                    return x -> {
                        Value u = a.eval(x);
                        return new Value(u.v.abs(), u.exact);
                    };
                case "floor":
                    return x -> {
                        Value u = a.eval(x);
                        return new Value(u.v.setScale(0, RoundingMode.FLOOR), u.exact || !isIntegerNear(u.v));
                    };
                case "ceil":
                    return x -> {
                        Value u = a.eval(x);
                        return new Value(u.v.setScale(0, RoundingMode.CEILING), u.exact || !isIntegerNear(u.v));
                    };
                default:
                    return x -> transcendental(name, a.eval(x));
            }
        }

        static boolean isIntegerNear(BigDecimal v) {
            BigDecimal r = v.subtract(v.setScale(0, RoundingMode.HALF_EVEN)).abs();
            return r.compareTo(BigDecimal.ONE.movePointLeft(DIGITS - 10)) <= 0;
        }

        static Value transcendental(String name, Value u) {
            BigDecimal v = u.v;
            boolean zero = u.exact && v.signum() == 0;
            switch (name) {
                case "sin":
                    return zero ? new Value(BigDecimal.ZERO, true) : inexact(BigDecimalMath.sin(v, MC));
                case "cos":
                    return zero ? new Value(BigDecimal.ONE, true) : inexact(BigDecimalMath.cos(v, MC));
                case "tan":
                    return zero ? new Value(BigDecimal.ZERO, true) : inexact(BigDecimalMath.tan(v, MC));
                case "tanh":
                    return zero ? new Value(BigDecimal.ZERO, true) : inexact(BigDecimalMath.tanh(v, MC));
                case "exp":
                    return zero ? new Value(BigDecimal.ONE, true) : inexact(BigDecimalMath.exp(v, MC));
                case "sigmoid":
                    return zero ? new Value(new BigDecimal("0.5"), true)
                            : inexact(BigDecimal.ONE.divide(BigDecimal.ONE.add(BigDecimalMath.exp(v.negate(), MC)), MC));
                case "log":
                    if (v.signum() <= 0) {
                        throw new ArithmeticException("log of " + v.stripTrailingZeros().toPlainString());
                    }
                    return u.exact && v.compareTo(BigDecimal.ONE) == 0 ? new Value(BigDecimal.ZERO, true)
                            : inexact(BigDecimalMath.log(v, MC));
                case "sqrt":
                    if (v.signum() < 0) {
                        throw new ArithmeticException("sqrt of " + v.stripTrailingZeros().toPlainString());
                    }
                    if (u.exact) {
                        BigDecimal r = v.sqrt(new MathContext(DIGITS, RoundingMode.FLOOR));
                        if (r.multiply(r).compareTo(v) == 0) {
                            return new Value(r, true);
                        }
                    }
                    return inexact(v.sqrt(MC));
                default:
                    throw new AssertionError(name);
            }
        }
    }
}

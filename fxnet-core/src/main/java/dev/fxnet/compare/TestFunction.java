package dev.fxnet.compare;

import dev.fxnet.target.Expression;
import java.util.List;
import java.util.Objects;

/**
 * A continuous real function {@code g} of one variable whose rounding {@code rho_F o g} compare
 * measures, given as an {@link Expression} in {@code x0}.
 *
 * @param name how tables print it, e.g. {@code sin(3x)}
 * @param expression {@code g} as an expression in {@code x0}
 */
public record TestFunction(String name, Expression expression) {
    /** The four functions of issue 16: {@code sin(3x)}, {@code exp(x)}, {@code x^2}, {@code 1/(1+x^2)}. */
    public static final List<TestFunction> DEFAULTS = List.of(
            of("sin(3x)", "sin(3*x0)"),
            of("exp(x)", "exp(x0)"),
            of("x^2", "x0^2"),
            of("1/(1+x^2)", "1/(1+x0^2)"));

    public TestFunction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
        if (expression.maxVariable() > 0) {
            throw new IllegalArgumentException("a test function has one variable x0, but " + expression.text()
                    + " uses x" + expression.maxVariable());
        }
    }

    /** The function {@code name} given by the expression text {@code expr}. */
    public static TestFunction of(String name, String expr) {
        return new TestFunction(name, Expression.parse(expr));
    }
}

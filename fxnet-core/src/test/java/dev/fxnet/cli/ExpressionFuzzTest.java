package dev.fxnet.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random expressions of the whole grammar, with ordinary and extreme literals, through
 * {@code compile --expr} on a tiny format: every run ends within its bound with exit 0 or 2 (one
 * line, no stack trace), never 1.
 */
class ExpressionFuzzTest {
    static final Duration BOUND = Duration.ofSeconds(20);
    static final String[] UNARY = {"sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh", "sigmoid", "floor", "ceil"};
    static final String[] LITERALS = {"0", "1", "2", "0.5", "3", "10", "1e9", "1e-9", "1e300", "1e-300", "1e10000",
            "1e-10000", "1e10001", "123456789.987654321", "0.1", "1e20", "1000", "20000", "pi", "e"};
    static final String[] ROUNDINGS = {"HALF_EVEN", "FLOOR", "CEILING", "UP", "DOWN", "HALF_UP"};

    @Provide
    Arbitrary<String> expressions() {
        return tree(4);
    }

    static Arbitrary<String> tree(int depth) {
        Arbitrary<String> leaf = Arbitraries.oneOf(Arbitraries.of(LITERALS), Arbitraries.of("x0", "x0", "-x0"));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> sub = Arbitraries.lazy(() -> tree(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, leaf),
                net.jqwik.api.Tuple.of(3, net.jqwik.api.Combinators.combine(sub, Arbitraries.of("+", "-", "*", "/", "^"),
                        sub).as((a, op, b) -> "(" + a + ")" + op + "(" + b + ")")),
                net.jqwik.api.Tuple.of(2, net.jqwik.api.Combinators.combine(Arbitraries.of(UNARY), sub)
                        .as((f, a) -> f + "(" + a + ")")),
                net.jqwik.api.Tuple.of(1, net.jqwik.api.Combinators.combine(Arbitraries.of("min", "max"), sub, sub)
                        .as((f, a, b) -> f + "(" + a + ", " + b + ")")));
    }

    @Property(tries = 150)
    void everyExpressionEndsWithExitZeroOrOneLineUserError(@ForAll("expressions") String expr,
            @ForAll("roundings") String rounding, @ForAll boolean wrap) {
        CliRun r = assertTimeoutPreemptively(BOUND, () -> CliRun.of("compile", "--act", "relu", "-p", "1", "-q", "1",
                "--dims", "1", "--rounding", rounding, "--overflow", wrap ? "WRAP" : "SATURATE",
                "--encoding", "TWOS_COMPLEMENT", "--expr", expr));
        assertTrue(r.code() == 0 || r.code() == 2, expr + " exit " + r.code() + ": " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), expr + ": " + r.err());
        if (r.code() == 2) {
            assertTrue(r.err().strip().split("\\R").length == 1, expr + ": " + r.err());
        }
    }

    @Provide
    Arbitrary<String> roundings() {
        return Arbitraries.of(ROUNDINGS);
    }
}

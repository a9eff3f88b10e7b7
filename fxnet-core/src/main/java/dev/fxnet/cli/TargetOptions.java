package dev.fxnet.cli;

import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.target.Expression;
import dev.fxnet.target.FunctionTable;
import dev.fxnet.target.OnUncertain;
import dev.fxnet.target.UncertainRoundingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The target function of {@code compile} and {@code verify}: a table, an expression or a random table. */
final class TargetOptions {
    @Option(names = "--table", paramLabel = "FILE.csv",
            description = "A table (SPEC §5a): header x0,...,x{d-1},y, one row per point of F^d, exact decimals.")
    Path table;

    @Option(names = "--expr", paramLabel = "EXPR",
            description = "A real function of x0..x{d-1}, e.g. \"sin(3*x0)*x1\"; the target is rho(f(x)) on F^d, "
                    + "certified at every point (exact or interval arithmetic up to " + Expression.MAX_PRECISION
                    + " digits). Operators + - * / ^, functions sin cos tan exp log sqrt abs tanh sigmoid min max "
                    + "floor ceil, constants pi e. A pole or domain error (1/0, log(0), sqrt(-1), tan(pi/2)) is an "
                    + "error naming the first such point. Limits: literal exponents within +-"
                    + Expression.MAX_LITERAL_EXPONENT + "; integer powers |n| < 2^63; sin/cos/tan arguments up to 10^"
                    + "1000; magnitudes beyond 10^10000 are only bounded (they saturate); under WRAP |f(x)| <= 10^"
                    + Expression.MAX_WRAP_MAGNITUDE + ".")
    String expr;

    /** Not part of the exclusive group: set by the command that owns this group. */
    OnUncertain onUncertain = OnUncertain.REFUSE;

    @Option(names = "--random", paramLabel = "SEED", description = "A uniformly random table from this seed.")
    Long random;

    /** The tabulation of --expr, when that was the target (else null). */
    Expression.Tabulation tabulation;

    /** A short description for meta and messages. */
    String describe() {
        if (table != null) {
            return "table " + table;
        }
        if (expr != null) {
            return "expr " + expr;
        }
        return "random seed " + random;
    }

    /** The help text of {@code --on-uncertain}, shared by compile and verify. */
    static final String ON_UNCERTAIN_HELP = "For --expr: what to do at a point where rho(f(x)) cannot be certified "
            + "because f(x) is within " + Expression.UNCERTAIN_WIDTH_TEXT + " of a rounding boundary at "
            + Expression.MAX_PRECISION + " digits (e.g. sin(pi*x0) at x0 = -1, exactly 0, under FLOOR): refuse "
            + "(default; exit 2 naming the point) or assume-exact (round it as if it were exactly that boundary; "
            + "the run says how many points used it).";

    /** Reads, tabulates or draws the target; notes (points assumed exact) go to {@code err}. */
    FunctionTable resolve(FixedPointArithmetic ar, int dims, PrintWriter err) throws IOException {
        if (table != null) {
            return FunctionTable.readCsv(table, ar.format(), dims);
        }
        if (random != null) {
            return FunctionTable.random(ar.format(), dims, random);
        }
        Expression e = Expression.parse(expr);
        try {
            tabulation = e.tabulate(ar, dims, onUncertain);
        } catch (UncertainRoundingException u) {
            throw new UserException(u.getMessage() + "; --on-uncertain assume-exact rounds it as if it were exactly "
                    + u.boundary().stripTrailingZeros().toPlainString());
        }
        if (tabulation.assumedExact() > 0) {
            err.println("note: --on-uncertain assume-exact: " + tabulation.assumedExact() + " point(s) rounded as if"
                    + " f(x) were exactly on a rounding boundary, the first x = ("
                    + String.join(", ", codesToValues(ar, tabulation.firstAssumedExact())) + ")");
        }
        return tabulation.table();
    }

    static String[] codesToValues(FixedPointArithmetic ar, long[] codes) {
        String[] s = new String[codes.length];
        for (int i = 0; i < codes.length; i++) {
            s[i] = ar.format().decimal(codes[i]);
        }
        return s;
    }
}

package dev.fxnet.cli;

import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.construct.Expression;
import dev.fxnet.construct.FunctionTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Option;

/** The target function of {@code compile} and {@code verify}: a table, an expression or a random table. */
final class TargetOptions {
    @Option(names = "--table", paramLabel = "FILE.csv",
            description = "A table (SPEC §5a): header x0,...,x{d-1},y, one row per point of F^d, exact decimals.")
    Path table;

    @Option(names = "--expr", paramLabel = "EXPR",
            description = "A real function of x0..x{d-1}, e.g. \"sin(3*x0)*x1\"; the target is rho(f(x)) on F^d. "
                    + "Operators + - * / ^, functions sin cos tan exp log sqrt abs tanh sigmoid min max floor ceil, "
                    + "constants pi e.")
    String expr;

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

    /** Reads, tabulates or draws the target; warnings (uncertain roundings) go to {@code err}. */
    FunctionTable resolve(FixedPointArithmetic ar, int dims, PrintWriter err) throws IOException {
        if (table != null) {
            return FunctionTable.readCsv(table, ar.format(), dims);
        }
        if (random != null) {
            return FunctionTable.random(ar.format(), dims, random);
        }
        Expression e = Expression.parse(expr);
        tabulation = e.tabulate(ar, dims);
        if (tabulation.uncertain() > 0) {
            err.println("warning: rho(f(x)) is uncertain at " + tabulation.uncertain() + " point(s), the first "
                    + Arrays.toString(codesToValues(ar, tabulation.firstUncertain()))
                    + ": f lies within 1e-" + (Expression.DIGITS - 10) + " of a rounding boundary there and is not"
                    + " known exactly; the rounding of the " + Expression.DIGITS + "-digit value was used");
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

package dev.fxnet.cli;

import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.construct.CompileOptions;
import dev.fxnet.construct.Compiler;
import dev.fxnet.construct.SizeReport;
import dev.fxnet.construct.Strategy;
import dev.fxnet.engine.SettingKey;
import dev.fxnet.engine.Work;
import dev.fxnet.engine.WorkUnit;
import dev.fxnet.eval.InputSpace;
import dev.fxnet.gadget.Setting;
import dev.fxnet.network.NumberSystem;
import dev.fxnet.target.FunctionTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * One grid point of {@code fxnet size}, the unit of its sweep: a setting and dimension (spelled as a
 * {@link SettingKey}), the strategies, and how the table is drawn. {@link #rows} compiles and
 * verifies the table with every strategy; the same code runs in this JVM (rows streamed as they
 * come) and on another engine (rows collected), so the rows are the same.
 *
 * @param setting the arithmetic, accumulation, activation and dimension
 * @param strategies strategy ids, {@code binary} for the binary-weight construction
 * @param kind {@code random} or {@code structured}
 * @param seed the random table's seed
 * @param domain {@code --domain}, or null
 * @param maxPoints grid points with more points are skipped
 */
record SizeGridPoint(SettingKey setting, List<String> strategies, String kind, long seed, String domain,
        long maxPoints) implements WorkUnit {
    private static final long serialVersionUID = 1L;

    SizeGridPoint {
        strategies = List.copyOf(strategies);
    }

    @Override
    public long weight() {
        return strategies.size();
    }

    /** The work of a sweep of grid points: every row of the point, collected. */
    static final class Rows implements Work<SizeGridPoint, ArrayList<SizeRow>> {
        private static final long serialVersionUID = 1L;

        @Override
        public ArrayList<SizeRow> run(SizeGridPoint unit, LongConsumer progress) {
            ArrayList<SizeRow> out = new ArrayList<>();
            unit.rows(out::add, progress);
            return out;
        }
    }

    /**
     * The rows of this grid point, one per strategy, or one "skipped" row if it has too many points.
     *
     * @throws IllegalArgumentException if the format is too large for the gadget search
     */
    void rows(Consumer<SizeRow> each, LongConsumer progress) {
        Setting s = setting.question().setting();
        Arithmetic ar = s.arithmetic();
        int d = setting.dims();
        long points = InputSpace.countSaturated(ar, d);
        if (points > maxPoints) {
            each.accept(new SizeRow(cells(ar, d, "-", points == Long.MAX_VALUE ? ar.size() + "^" + d
                    : Long.toString(points), "skipped", "", "", "", "", ""), ""));
            progress.accept(strategies.size());
            return;
        }
        s.machine(); // refuses a format too large for the gadget search now, as before any work
        InputSpace within = domain == null ? null : DomainOption.space(domain, ar, d);
        FunctionTable t = table(ar, d, within);
        for (String st : strategies) {
            each.accept(row(t, s, st.equals("binary") ? null : Strategy.parse(st), within));
            progress.accept(1);
        }
    }

    /**
     * The random table (or, with --table-kind structured, the step-shaped one) on F^d; with a domain
     * ({@code within} not null), random on its points and 0 outside.
     */
    private FunctionTable table(Arithmetic ar, int d, InputSpace within) {
        if (within != null) {
            return FunctionTable.of(ar, d, FloatTargetTable.extendByZero(within,
                    FloatTargetTable.random(NumberSystem.of(ar), within, seed), InputSpace.of(ar, d)));
        }
        if (kind.equals("random")) {
            return ar instanceof FixedPointArithmetic fp ? FunctionTable.random(fp.format(), d, seed)
                    : FunctionTable.of(ar, d, FloatTargetTable.random(NumberSystem.of(ar), d, seed));
        }
        long top = ar.maxCode();
        if (ar instanceof FixedPointArithmetic fp) {
            return FunctionTable.fromCodes(fp.format(), d, x -> x[0] >= 0 && x[x.length - 1] >= 0 ? top : 0);
        }
        InputSpace space = InputSpace.of(ar, d);
        int[] codes = new int[(int) space.size()];
        long[] x = new long[d];
        for (int i = 0; i < codes.length; i++) {
            space.point(i, x);
            codes[i] = x[0] >= 0 && x[d - 1] >= 0 ? (int) top : 0;
        }
        return FunctionTable.of(ar, d, codes);
    }

    /**
     * One row: the compiled network's size against the lower bound (of the domain's points when
     * {@code within} is not null), or "refused" with the reason.
     */
    private static SizeRow row(FunctionTable t, Setting s, Strategy st, InputSpace within) {
        Arithmetic ar = t.grid();
        int d = t.dims();
        String id = st == null ? "binary" : st.id();
        long points = within == null ? t.size() : within.size();
        try {
            SizeReport r = Compiler.compile(t, s,
                    CompileOptions.defaults().withStrategy(st).withBinaryWeights(st == null))
                    .size();
            if (within != null) { // the counting bound of functions on the domain points
                r = r.onDomain(ar.size(), points);
            }
            return new SizeRow(cells(ar, d, id, "" + points, "" + r.neurons(), "" + r.depth(), "" + r.widestLayer(),
                    "" + r.parameters(), String.format(Locale.ROOT, "%.0f", r.lowerBound()),
                    String.format(Locale.ROOT, "%.3f", r.ratio())), "");
        } catch (IllegalArgumentException refused) {
            return new SizeRow(cells(ar, d, id, "" + points, "refused", "", "", "", "", ""),
                    lead(ar, d) + ": " + refused.getMessage());
        }
    }

    /** The grid point's name in messages: {@code p=P,q=Q,d=D} or {@code FORMAT,d=D}. */
    private static String lead(Arithmetic ar, int d) {
        return ar instanceof FixedPointArithmetic fp
                ? "p=" + fp.format().intBits() + ",q=" + fp.format().fracBits() + ",d=" + d
                : ar.formatName() + ",d=" + d;
    }

    /** A row: the grid point's leading cells (p, q, d; or format, d), then {@code rest}. */
    private static List<String> cells(Arithmetic ar, int d, String... rest) {
        List<String> c = new ArrayList<>();
        if (ar instanceof FixedPointArithmetic fp) {
            c.add("" + fp.format().intBits());
            c.add("" + fp.format().fracBits());
        } else {
            c.add(ar.formatName());
        }
        c.add("" + d);
        c.addAll(List.of(rest));
        return c;
    }
}

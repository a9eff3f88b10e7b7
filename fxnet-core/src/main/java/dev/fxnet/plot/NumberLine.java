package dev.fxnet.plot;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Number lines: the values of several formats, one row per format (a tick per value), on a linear
 * axis or on a base-2 logarithmic one (positive values only), so that the spacing of fixed point
 * (even) and floating point (even per binade) can be seen side by side.
 */
public final class NumberLine {
    private static final Color[] PALETTE = {
        new Color(0x1F77B4), new Color(0xD62728), new Color(0x2CA02C), new Color(0xFF7F0E), new Color(0x9467BD),
        new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F),
    };

    private NumberLine() {
    }

    /**
     * One row per format, top row first; {@code values.get(i)} are the values of {@code names.get(i)}.
     * With {@code log2}, only positive values are drawn, on a base-2 logarithmic axis.
     *
     * @throws IllegalArgumentException if the lists differ in length or are empty
     */
    public static JFreeChart chart(String title, String xLabel, List<String> names, List<double[]> values, boolean log2) {
        if (names.size() != values.size() || names.isEmpty()) {
            throw new IllegalArgumentException("need one value list per name, got " + names.size() + " names and "
                    + values.size() + " lists");
        }
        int n = names.size();
        XYSeriesCollection data = new XYSeriesCollection();
        for (int i = 0; i < n; i++) {
            XYSeries s = new XYSeries(names.get(i), false, true);
            for (double v : values.get(i)) {
                if (!log2 || v > 0) {
                    s.add(v, n - 1 - i); // top row first
                }
            }
            data.addSeries(s);
        }
        ValueAxis xa;
        if (log2) {
            LogAxis la = new LogAxis(xLabel);
            la.setBase(2);
            la.setBaseSymbol("2");
            la.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            xa = la;
        } else {
            NumberAxis na = new NumberAxis(xLabel);
            na.setAutoRangeIncludesZero(false);
            xa = na;
        }
        String[] rows = new String[n];
        for (int i = 0; i < n; i++) {
            rows[i] = names.get(n - 1 - i);
        }
        SymbolAxis ya = new SymbolAxis(null, rows);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        for (int i = 0; i < n; i++) {
            r.setSeriesShape(i, new Rectangle2D.Double(-0.75, -6, 1.5, 12));
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        XYPlot plot = new XYPlot(data, xa, ya, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        JFreeChart c = new JFreeChart(title, new java.awt.Font("SansSerif", java.awt.Font.BOLD, 14), plot, false);
        c.setBackgroundPaint(Color.WHITE);
        return c;
    }
}

package dev.fxnet.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Simple line charts with markers, optionally with a logarithmic value axis. */
public final class LineChart {
    private static final Color[] PALETTE = {
        new Color(0x1F77B4), new Color(0xD62728), new Color(0x2CA02C), new Color(0xFF7F0E), new Color(0x9467BD),
        new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F), new Color(0xBCBD22), new Color(0x17BECF),
    };

    private LineChart() {
    }

    /** A series: a name and its points {@code (x[i], y[i])}. */
    public record Series(String name, double[] x, double[] y) { }

    /** A chart whose horizontal axis has integer ticks (bits, dimensions, ...). */
    public static JFreeChart chart(String title, String xLabel, String yLabel, boolean logY, List<Series> series) {
        return chart(title, xLabel, yLabel, logY, series, true);
    }

    /**
     * A chart of the series; {@code integerX} chooses integer ticks on the horizontal axis, else
     * automatic decimal ticks (for values such as {@code [-1, 1]}). With {@code logY}, points with
     * {@code y <= 0} are left out.
     */
    public static JFreeChart chart(String title, String xLabel, String yLabel, boolean logY, List<Series> series,
            boolean integerX) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Series s : series) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            for (int i = 0; i < s.x().length; i++) {
                if (!logY || s.y()[i] > 0) {
                    xy.add(s.x()[i], s.y()[i]);
                }
            }
            data.addSeries(xy);
        }
        NumberAxis xa = new NumberAxis(xLabel);
        if (integerX) {
            xa.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        xa.setAutoRangeIncludesZero(false);
        ValueAxis ya;
        if (logY) {
            LogAxis la = new LogAxis(yLabel);
            la.setBase(2);
            la.setBaseSymbol("2");
            la.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            la.setSmallestValue(1e-12);
            ya = la;
        } else {
            ya = new NumberAxis(yLabel);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < series.size(); i++) {
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            r.setSeriesStroke(i, new BasicStroke(1.5f));
        }
        XYPlot plot = new XYPlot(data, xa, ya, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        JFreeChart c = new JFreeChart(title, new java.awt.Font("SansSerif", java.awt.Font.BOLD, 14), plot, true);
        c.setBackgroundPaint(Color.WHITE);
        return c;
    }
}

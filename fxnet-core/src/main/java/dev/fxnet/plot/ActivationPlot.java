package dev.fxnet.plot;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.ActivationTable;
import dev.fxnet.arith.Arithmetic;
import dev.fxnet.arith.FixedPointArithmetic;
import dev.fxnet.arith.FixedPointFormat;
import java.awt.BasicStroke;
import java.awt.Color;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A picture of an activation: the real function {@code sigma} (a smooth line, evaluated in double
 * precision, for the eye only) and its rounded staircase {@code tau} on every code of the format
 * (every finite value, for a floating-point format).
 */
public final class ActivationPlot {
    private ActivationPlot() {
    }

    /** The chart of {@code sigma} and {@code tau} over the whole range of the table's fixed-point format. */
    public static JFreeChart chart(ActivationTable table) {
        FixedPointArithmetic ar = table.arithmetic();
        FixedPointFormat f = ar.format();
        Activation a = table.activation();
        XYSeries tau = new XYSeries("tau = rho(sigma) on F (" + ar.rounding() + ", " + ar.overflow() + ")", false, true);
        long step = Math.max(1, f.size() / 4096);
        for (long k = f.minCode(); k <= f.maxCode(); k += step) {
            tau.add(f.doubleValue(k), f.doubleValue(table.tau(k)));
        }
        XYSeries sigma = new XYSeries("sigma (real)", false, true);
        double lo = f.doubleValue(f.minCode());
        double hi = f.doubleValue(f.maxCode());
        int samples = 1000;
        for (int i = 0; i <= samples; i++) {
            double z = lo + (hi - lo) * i / samples;
            sigma.add(z, a.applyAsDouble(z));
        }
        return chart(tau, sigma, f.size() <= 256, a.name() + " on " + f + "  (eps = " + f.eps().toPlainString() + ")");
    }

    /**
     * The chart of {@code sigma} and {@code tau} over the finite values of any arithmetic whose
     * table this is ({@code ar} must be the table's arithmetic; a fixed-point one is drawn as by
     * {@link #chart(ActivationTable)}). Values are plotted as doubles, for the eye only; a value
     * {@code tau} gives as an infinity or NaN is left out of the staircase, and {@code sigma} is drawn
     * through the finite values (and the midpoints between them), which follows a floating-point
     * grid's spacing.
     *
     * @param modes the rounding and overflow, for the legend, e.g. {@code HALF_EVEN, SATFINITE}
     */
    public static JFreeChart chart(ActivationTable table, Arithmetic ar, String modes) {
        if (ar instanceof FixedPointArithmetic) {
            return chart(table);
        }
        Activation a = table.activation();
        XYSeries tau = new XYSeries("tau = rho(sigma) on F (" + modes + ")", false, true);
        XYSeries sigma = new XYSeries("sigma (real)", false, true);
        long step = Math.max(1, ar.size() / 4096);
        double previous = Double.NaN;
        for (long k = ar.minCode(); k <= ar.maxCode(); k += step) {
            double z = ar.value(k).doubleValue();
            long t = table.tau(k);
            if (ar.isFinite(t)) {
                tau.add(z, ar.value(t).doubleValue());
            }
            if (!Double.isNaN(previous)) {
                double mid = previous + (z - previous) / 2;
                sigma.add(mid, a.applyAsDouble(mid));
            }
            sigma.add(z, a.applyAsDouble(z));
            previous = z;
        }
        return chart(tau, sigma, ar.size() <= 256, a.name() + " on " + ar.formatName());
    }

    private static JFreeChart chart(XYSeries tau, XYSeries sigma, boolean shapes, String title) {
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(new NumberAxis("z"));
        plot.setRangeAxis(new NumberAxis("value"));
        // The jump between two grid points is drawn half-way, so each code's value is centred on it;
        // a marker shows the value at the code itself.
        XYStepRenderer stepRenderer = new XYStepRenderer();
        stepRenderer.setStepPoint(0.5);
        stepRenderer.setDefaultShapesVisible(shapes);
        stepRenderer.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
        stepRenderer.setSeriesPaint(0, new Color(0xD6, 0x27, 0x28));
        stepRenderer.setSeriesStroke(0, new BasicStroke(1.6f));
        plot.setDataset(0, new XYSeriesCollection(tau));
        plot.setRenderer(0, stepRenderer);
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, new Color(0x1F, 0x77, 0xB4));
        line.setSeriesStroke(0, new BasicStroke(1.2f));
        plot.setDataset(1, new XYSeriesCollection(sigma));
        plot.setRenderer(1, line);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}

package dev.fxnet.plot;

import dev.fxnet.activation.Activation;
import dev.fxnet.activation.ActivationTable;
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
 * precision, for the eye only) and its rounded staircase {@code tau} on every code of the format.
 */
public final class ActivationPlot {
    private ActivationPlot() {
    }

    /** The chart of {@code sigma} and {@code tau} over the whole range of the table's format. */
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
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(new NumberAxis("z"));
        plot.setRangeAxis(new NumberAxis("value"));
        // The jump between two grid points is drawn half-way, so each code's value is centred on it;
        // a marker shows the value at the code itself.
        XYStepRenderer stepRenderer = new XYStepRenderer();
        stepRenderer.setStepPoint(0.5);
        stepRenderer.setDefaultShapesVisible(f.size() <= 256);
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
        JFreeChart chart = new JFreeChart(a.name() + " on " + f + "  (eps = " + f.eps().toPlainString() + ")",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}

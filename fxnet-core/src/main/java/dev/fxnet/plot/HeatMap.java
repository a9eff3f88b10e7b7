package dev.fxnet.plot;

import dev.fxnet.arith.FixedPointFormat;
import java.awt.Color;
import java.awt.Paint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A heat map of a function {@code F^2 -> F} given as codes in {@link dev.fxnet.eval.InputSpace}
 * order ({@code x0} slowest): {@code x0} on the horizontal axis, {@code x1} vertical, the value as
 * colour (a diverging blue-white-red scale centred at zero).
 */
public final class HeatMap {
    private HeatMap() {
    }

    public static JFreeChart chart(String title, FixedPointFormat f, int[] codes, String valueLabel) {
        int n = (int) f.size();
        if (codes.length != n * n) {
            throw new IllegalArgumentException("expected " + n * n + " values, got " + codes.length);
        }
        double[] xs = new double[codes.length];
        double[] ys = new double[codes.length];
        double[] zs = new double[codes.length];
        double maxAbs = f.eps().doubleValue(); // a scale of at least one step, also for an all-zero map
        for (int i = 0; i < codes.length; i++) {
            xs[i] = f.doubleValue(f.minCode() + i / n);
            ys[i] = f.doubleValue(f.minCode() + i % n);
            zs[i] = f.doubleValue(codes[i]);
            maxAbs = Math.max(maxAbs, Math.abs(zs[i]));
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("f", new double[][] {xs, ys, zs});
        XYBlockRenderer r = new XYBlockRenderer();
        double eps = f.eps().doubleValue();
        r.setBlockWidth(eps);
        r.setBlockHeight(eps);
        Diverging scale = new Diverging(maxAbs);
        r.setPaintScale(scale);
        NumberAxis xa = new NumberAxis("x0");
        NumberAxis ya = new NumberAxis("x1");
        double lo = f.doubleValue(f.minCode()) - eps / 2;
        double hi = f.doubleValue(f.maxCode()) + eps / 2;
        xa.setRange(lo, hi);
        ya.setRange(lo, hi);
        XYPlot plot = new XYPlot(data, xa, ya, r);
        plot.setBackgroundPaint(Color.WHITE);
        JFreeChart chart = new JFreeChart(title, new java.awt.Font("SansSerif", java.awt.Font.BOLD, 14), plot, false);
        NumberAxis sa = new NumberAxis(valueLabel);
        sa.setRange(-maxAbs, maxAbs);
        PaintScaleLegend legend = new PaintScaleLegend(scale, sa);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 4, 4);
        chart.addSubtitle(legend);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** Blue (negative) - white (zero) - red (positive). */
    static final class Diverging implements PaintScale {
        private final double maxAbs;

        Diverging(double maxAbs) {
            this.maxAbs = maxAbs;
        }

        @Override
        public double getLowerBound() {
            return -maxAbs;
        }

        @Override
        public double getUpperBound() {
            return maxAbs;
        }

        @Override
        public Paint getPaint(double v) {
            double t = Math.max(-1, Math.min(1, v / maxAbs));
            int a = (int) Math.round(255 * (1 - Math.abs(t)));
            return t >= 0 ? new Color(255, a, a) : new Color(a, a, 255);
        }
    }
}

package dev.fxnet.plot;

import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A grid of verdicts: formats as rows, activations as columns, each cell coloured by its verdict
 * (green UNIVERSAL, red NOT_UNIVERSAL, yellow UNDETERMINED, grey not computed), with a legend.
 */
public final class VerdictGrid {
    /** The cell states, in legend order, with their colours. */
    public enum Cell {
        UNIVERSAL(new Color(0x7BC47F)),
        NOT_UNIVERSAL(new Color(0xE07B7B)),
        UNDETERMINED(new Color(0xF2D96B)),
        NOT_COMPUTED(new Color(0xC8C8C8));

        private final Color color;

        Cell(Color color) {
            this.color = color;
        }
    }

    private VerdictGrid() {
    }

    /**
     * The grid: {@code cells.get(i).get(j)} is the cell of row {@code rows.get(i)} (top first) and
     * column {@code columns.get(j)}.
     *
     * @throws IllegalArgumentException if the shape of {@code cells} does not match the labels
     */
    public static JFreeChart chart(String title, List<String> rows, List<String> columns, List<List<Cell>> cells) {
        if (cells.size() != rows.size() || rows.isEmpty() || columns.isEmpty()) {
            throw new IllegalArgumentException("need one row of cells per row label, and labels");
        }
        int n = rows.size();
        int m = columns.size();
        double[] xs = new double[n * m];
        double[] ys = new double[n * m];
        double[] zs = new double[n * m];
        for (int i = 0; i < n; i++) {
            if (cells.get(i).size() != m) {
                throw new IllegalArgumentException("row " + rows.get(i) + " has " + cells.get(i).size() + " cells, not " + m);
            }
            for (int j = 0; j < m; j++) {
                xs[i * m + j] = j;
                ys[i * m + j] = n - 1 - i;
                zs[i * m + j] = cells.get(i).get(j).ordinal();
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("verdicts", new double[][] {xs, ys, zs});
        LookupPaintScale scale = new LookupPaintScale(-0.5, Cell.values().length - 0.5, Color.WHITE);
        LegendItemCollection legend = new LegendItemCollection();
        for (Cell c : Cell.values()) {
            scale.add(c.ordinal() - 0.5, c.color);
            legend.add(new LegendItem(c.name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT), c.color));
        }
        XYBlockRenderer r = new XYBlockRenderer();
        r.setPaintScale(scale);
        r.setBlockWidth(0.96); // a white seam between cells
        r.setBlockHeight(0.92);
        String[] rowLabels = new String[n];
        for (int i = 0; i < n; i++) {
            rowLabels[i] = rows.get(n - 1 - i);
        }
        SymbolAxis xa = new SymbolAxis(null, columns.toArray(new String[0]));
        SymbolAxis ya = new SymbolAxis(null, rowLabels);
        XYPlot plot = new XYPlot(data, xa, ya, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setFixedLegendItems(legend);
        JFreeChart c = new JFreeChart(title, new java.awt.Font("SansSerif", java.awt.Font.BOLD, 14), plot, true);
        c.setBackgroundPaint(Color.WHITE);
        return c;
    }
}

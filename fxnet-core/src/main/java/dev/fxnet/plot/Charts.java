package dev.fxnet.plot;

import dev.fxnet.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/** Saves charts as SVG or PNG (chosen by the file name's extension), atomically. */
public final class Charts {
    /** Default size in pixels. */
    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;

    private Charts() {
    }

    /**
     * Saves {@code chart} to {@code file}: {@code .svg} or {@code .png}.
     *
     * @throws IllegalArgumentException for another extension
     */
    public static void save(JFreeChart chart, Path file, int width, int height) throws IOException {
        checkFileName(file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".svg")) {
            String svg = toSvg(chart, width, height);
            AtomicFiles.writeBytes(file, out -> out.write(svg.getBytes(StandardCharsets.UTF_8)));
        } else if (name.endsWith(".png")) {
            AtomicFiles.writeBytes(file, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
        }
    }

    /**
     * Checks that {@link #save} takes {@code file}'s name: it ends in {@code .svg} or {@code .png}
     * (any case).
     *
     * @throws IllegalArgumentException for another name
     */
    public static void checkFileName(Path file) {
        Path leaf = file.getFileName();
        String name = leaf == null ? "" : leaf.toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".svg") && !name.endsWith(".png")) {
            throw new IllegalArgumentException("plot file '" + file + "' must end in .svg or .png");
        }
    }

    /** Saves at the default size. */
    public static void save(JFreeChart chart, Path file) throws IOException {
        save(chart, file, WIDTH, HEIGHT);
    }

    /** The chart as an SVG document. */
    public static String toSvg(JFreeChart chart, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw(g, new java.awt.Rectangle(0, 0, width, height));
        return g.getSVGDocument();
    }
}

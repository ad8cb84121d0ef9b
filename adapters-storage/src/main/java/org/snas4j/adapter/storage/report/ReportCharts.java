package org.snas4j.adapter.storage.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's charts, drawn with JFreeChart as PNG images. */
final class ReportCharts {

    /** Lines of more points than this are drawn as the means of this many buckets. */
    static final int MAX_POINTS = 1500;

    private static final Color[] PALETTE = {new Color(0x1F77B4), new Color(0xD62728), new Color(0x2CA02C), new Color(0xFF7F0E),
        new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F), new Color(0xBCBD22), new Color(0x17BECF)};
    private static final Color LOW = new Color(247, 251, 255);
    private static final Color HIGH = new Color(8, 48, 107);

    static {
        Charts.drawOffScreen();
    }

    private ReportCharts() {
    }

    /** One line of a chart: (x, y) points in x order, drawn with markers when {@code markers}. */
    record Line(String name, double[] x, double[] y, boolean markers) {

        Line {
            if (x.length != y.length) {
                throw new IllegalArgumentException("a line needs as many x as y values: " + x.length + " vs " + y.length);
            }
        }
    }

    static byte[] lines(String title, String xLabel, String yLabel, List<Line> lines, int width, int height) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        for (Line line : lines) {
            XYSeries series = new XYSeries(line.name(), false, true);
            double[][] points = downsample(line.x(), line.y());
            for (int i = 0; i < points[0].length; i++) {
                if (Double.isFinite(points[1][i])) {
                    series.add(points[0][i], points[1][i]);
                }
            }
            dataset.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, dataset, PlotOrientation.VERTICAL, lines.size() > 1,
                false, false);
        XYPlot plot = chart.getXYPlot();
        style(chart, plot);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        // Epochs and steps are whole numbers.
        plot.getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int s = 0; s < lines.size(); s++) {
            renderer.setSeriesPaint(s, PALETTE[s % PALETTE.length]);
            renderer.setSeriesStroke(s, new BasicStroke(lines.get(s).markers() ? 2f : 1.2f));
            renderer.setSeriesShapesVisible(s, lines.get(s).markers());
        }
        plot.setRenderer(renderer);
        return png(chart, width, height);
    }

    /**
     * One edge's p_alpha over the epochs: a column per epoch, a row per op, shaded from white (0) to
     * dark blue (1).
     *
     * @param probabilities [epoch][op]
     * @param epochNumbers  the 1-based number of each epoch
     * @param ops           the ops' names, in column order of {@code probabilities}
     */
    static byte[] edgeHeatMap(String title, double[][] probabilities, int[] epochNumbers, List<String> ops, int width, int height) {
        int cells = probabilities.length * ops.size();
        double[] x = new double[cells];
        double[] y = new double[cells];
        double[] z = new double[cells];
        int i = 0;
        for (int e = 0; e < probabilities.length; e++) {
            for (int op = 0; op < ops.size(); op++) {
                x[i] = epochNumbers[e];
                y[i] = op;
                z[i] = probabilities[e][op];
                i++;
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries(title, new double[][] {x, y, z});
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        epochs.setLowerMargin(0);
        epochs.setUpperMargin(0);
        epochs.setRange(epochNumbers[0] - 0.5, epochNumbers[epochNumbers.length - 1] + 0.5);
        SymbolAxis opAxis = new SymbolAxis(null, ops.toArray(String[]::new));
        opAxis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        opAxis.setGridBandsVisible(false);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(new ProbabilityScale());
        XYPlot plot = new XYPlot(dataset, epochs, opAxis, renderer);
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 12), plot, false);
        style(chart, plot);
        return png(chart, width, height);
    }

    /** Shades a probability from white (0) to dark blue (1), as the TensorBoard heat maps do. */
    private static final class ProbabilityScale implements PaintScale {

        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 1;
        }

        @Override
        public Paint getPaint(double value) {
            double t = Double.isFinite(value) ? Math.max(0, Math.min(1, value)) : 0;
            return new Color((int) Math.round(LOW.getRed() + t * (HIGH.getRed() - LOW.getRed())),
                    (int) Math.round(LOW.getGreen() + t * (HIGH.getGreen() - LOW.getGreen())),
                    (int) Math.round(LOW.getBlue() + t * (HIGH.getBlue() - LOW.getBlue())));
        }
    }

    /** At most {@link #MAX_POINTS} points: the mean x and y of consecutive equal-sized buckets. */
    static double[][] downsample(double[] x, double[] y) {
        if (x.length <= MAX_POINTS) {
            return new double[][] {x, y};
        }
        List<double[]> means = new ArrayList<>();
        double per = (double) x.length / MAX_POINTS;
        for (int b = 0; b < MAX_POINTS; b++) {
            int from = (int) Math.floor(b * per);
            int to = (int) Math.floor((b + 1) * per);
            double sx = 0;
            double sy = 0;
            for (int i = from; i < to; i++) {
                sx += x[i];
                sy += y[i];
            }
            means.add(new double[] {sx / (to - from), sy / (to - from)});
        }
        return new double[][] {means.stream().mapToDouble(m -> m[0]).toArray(), means.stream().mapToDouble(m -> m[1]).toArray()};
    }

    private static void style(JFreeChart chart, XYPlot plot) {
        chart.setBackgroundPaint(Color.WHITE);
        TextTitle title = chart.getTitle();
        if (title != null) {
            title.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }

    private static byte[] png(JFreeChart chart, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the chart '" + chart.getTitle().getText() + "'", e);
        }
        return out.toByteArray();
    }
}

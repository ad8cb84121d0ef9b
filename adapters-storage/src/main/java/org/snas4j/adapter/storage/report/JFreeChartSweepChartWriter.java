package org.snas4j.adapter.storage.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.snas4j.adapter.io.AtomicFiles;
import org.snas4j.application.port.out.trial.SweepChartWriter;

/**
 * A sweep's front, drawn with JFreeChart: held-out child accuracy against parameters, one colour per
 * constraint, every trial labelled, the Pareto front joined by a black line.
 */
public final class JFreeChartSweepChartWriter implements SweepChartWriter {

    static final int WIDTH = 1000;
    static final int HEIGHT = 650;
    /** The front's line. */
    static final Color FRONT = Color.BLACK;
    /** Colours of the constraints in order of appearance (Tableau 10, as in the study's chart). */
    static final List<Color> PALETTE = List.of(new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728),
            new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F), new Color(0xBCBD22), new Color(0x17BECF));

    @Override
    public void writeFront(Path png, String title, List<Point> trials, List<Point> front) {
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(title, "title");
        Charts.drawOffScreen();
        Map<String, List<Point>> byConstraint = new LinkedHashMap<>();
        trials.forEach(p -> byConstraint.computeIfAbsent(p.constraint(), k -> new ArrayList<>()).add(p));
        XYSeriesCollection dataset = new XYSeriesCollection();
        List<List<String>> labels = new ArrayList<>();
        XYSeries frontSeries = new XYSeries("Pareto front", false, true);
        front.forEach(p -> frontSeries.add(p.parameters() / 1000.0, 100 * p.accuracy()));
        dataset.addSeries(frontSeries);
        labels.add(front.stream().map(p -> "").toList());
        for (Map.Entry<String, List<Point>> group : byConstraint.entrySet()) {
            XYSeries series = new XYSeries(group.getKey(), false, true);
            group.getValue().forEach(p -> series.add(p.parameters() / 1000.0, 100 * p.accuracy()));
            dataset.addSeries(series);
            labels.add(group.getValue().stream().map(Point::name).toList());
        }
        JFreeChart chart = ChartFactory.createScatterPlot(title, "parameters of the derived child's cells (thousands)",
                "held-out child accuracy, not retrained (%)", dataset, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = Charts.plainScatter(chart);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesLinesVisible(0, true);
        renderer.setSeriesShapesVisible(0, false);
        renderer.setSeriesPaint(0, FRONT);
        renderer.setSeriesStroke(0, new BasicStroke(1.5f));
        for (int s = 1; s < dataset.getSeriesCount(); s++) {
            renderer.setSeriesPaint(s, PALETTE.get((s - 1) % PALETTE.size()));
            renderer.setSeriesShape(s, new Ellipse2D.Double(-5, -5, 10, 10));
        }
        renderer.setDefaultItemLabelGenerator((data, series, item) -> labels.get(series).get(item));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        plot.setRenderer(renderer);
        AtomicFiles.write(png, out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT));
    }
}

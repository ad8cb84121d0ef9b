package org.snas4j.adapter.storage.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.snas4j.adapter.io.AtomicFiles;
import org.snas4j.application.port.out.StudyChartWriter;
import org.snas4j.application.study.GroupStatistics;
import org.snas4j.application.study.StudyCell;
import org.snas4j.application.study.StudyGroup;
import org.snas4j.application.study.StudyResult;

/**
 * The study's scatter plot, drawn with JFreeChart: test top-1 against parameters, one colour per group, each cell labelled,
 * the random cells' mean and spread marked.
 */
public final class JFreeChartStudyChartWriter implements StudyChartWriter {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 650;
    private static final Map<StudyGroup, Color> COLOURS = new EnumMap<>(Map.of(
            StudyGroup.SEARCHED, new Color(0xD6, 0x27, 0x28),
            StudyGroup.RANDOM, new Color(0x1F, 0x77, 0xB4),
            StudyGroup.PUBLISHED, new Color(0x2C, 0xA0, 0x2C)));

    @Override
    public void writeAccuracyVersusParameters(Path png, String title, StudyResult result) {
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(title, "title");
        List<StudyCell> cells = result.cells();
        Charts.drawOffScreen();
        XYSeriesCollection dataset = new XYSeriesCollection();
        List<StudyGroup> groups = new ArrayList<>();
        List<List<String>> labels = new ArrayList<>();
        for (StudyGroup group : StudyGroup.values()) {
            List<StudyCell> members = cells.stream().filter(c -> c.group() == group).toList();
            if (members.isEmpty()) {
                continue;
            }
            XYSeries series = new XYSeries(group.id(), false, true);
            members.forEach(c -> series.add(c.parameters() / 1000.0, 100 * c.testTop1()));
            dataset.addSeries(series);
            groups.add(group);
            labels.add(members.stream().map(StudyCell::name).toList());
        }
        JFreeChart chart = ChartFactory.createScatterPlot(title, "parameters (thousands)", "test top-1 (%)", dataset,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = Charts.plainScatter(chart);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        for (int s = 0; s < groups.size(); s++) {
            renderer.setSeriesPaint(s, COLOURS.get(groups.get(s)));
            renderer.setSeriesShape(s, new Ellipse2D.Double(-5, -5, 10, 10));
            renderer.setSeriesOutlineStroke(s, new BasicStroke(1f));
        }
        renderer.setDefaultItemLabelGenerator((data, series, item) -> labels.get(series).get(item));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        plot.setRenderer(renderer);
        markRandomSpread(plot, result.statistics(StudyGroup.RANDOM));
        AtomicFiles.write(png, out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT));
    }

    /** The random cells' mean as a line and mean +- one standard deviation as a band: what a searched cell has to clear. */
    private static void markRandomSpread(XYPlot plot, GroupStatistics random) {
        if (random.cells() == 0) {
            return;
        }
        Color colour = COLOURS.get(StudyGroup.RANDOM);
        if (random.standardDeviation() > 0) {
            IntervalMarker band = new IntervalMarker(100 * (random.mean() - random.standardDeviation()),
                    100 * (random.mean() + random.standardDeviation()));
            band.setPaint(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 32));
            band.setLabel("random cells: mean +- 1 sd");
            band.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            band.setLabelPaint(colour);
            band.setLabelBackgroundColor(new Color(0, 0, 0, 0));
            band.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            band.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addRangeMarker(band, Layer.BACKGROUND);
        }
        ValueMarker mean = new ValueMarker(100 * random.mean(), colour, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                10f, new float[] {6f, 4f}, 0f));
        plot.addRangeMarker(mean, Layer.BACKGROUND);
    }
}

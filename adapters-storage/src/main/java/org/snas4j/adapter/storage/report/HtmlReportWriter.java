package org.snas4j.adapter.storage.report;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import org.snas4j.adapter.io.AtomicFiles;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.in.provenance.Provenance;
import org.snas4j.application.port.in.retrain.RetrainEpochMetrics;
import org.snas4j.application.port.in.retrain.RetrainResult;
import org.snas4j.application.port.in.search.EpochMetrics;
import org.snas4j.application.port.out.data.DatasetRequest;
import org.snas4j.application.port.out.events.StepFigures;
import org.snas4j.application.port.out.report.Report;
import org.snas4j.application.port.out.report.ReportWriter;
import org.snas4j.application.port.out.report.ReportedRun;
import org.snas4j.application.port.out.report.ReportedSearch;
import org.snas4j.application.port.out.report.ReportedTraining;
import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.genotype.CellEdge;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.GenotypeDot;
import org.snas4j.domain.space.CellKind;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.Operation;

/**
 * A report as one self-contained HTML file that opens from disk: every chart a PNG drawn by
 * JFreeChart and every cell picture an SVG drawn by Graphviz, each inlined as a data URI, the style
 * inline, no script and nothing fetched. Per run: the final figures, the curves, alpha per edge over
 * the epochs (searches), the cells, the configuration and the provenance; several runs get a
 * comparison table and their curves overlaid first.
 */
public final class HtmlReportWriter implements ReportWriter {

    private static final int CHART_WIDTH = 600;
    private static final int CHART_HEIGHT = 320;
    private static final int HEAT_MAP_WIDTH = 300;
    private static final int HEAT_MAP_HEIGHT = 210;

    private final Clock clock;

    public HtmlReportWriter() {
        this(Clock.systemUTC());
    }

    HtmlReportWriter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void write(Report report, Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file, "is a directory; name the report's file, e.g. " + file.resolve("report.html"));
        }
        AtomicFiles.write(file, render(report).getBytes(StandardCharsets.UTF_8));
    }

    /** The page's HTML. */
    String render(Report report) {
        ReportPage page = new ReportPage("snas4j report: " + report.title(), clock.instant());
        if (report.runs().size() > 1) {
            comparison(page, report.runs());
        }
        for (int i = 0; i < report.runs().size(); i++) {
            ReportedRun run = report.runs().get(i);
            page.section("run-" + (i + 1), name(run) + " (" + kind(run) + ")");
            page.paragraph(run.directory().toString());
            if (run instanceof ReportedSearch search) {
                search(page, search);
            } else {
                training(page, (ReportedTraining) run);
            }
            provenance(page, run.provenance());
        }
        return page.html();
    }

    // ---- several runs

    private static void comparison(ReportPage page, List<ReportedRun> runs) {
        page.section("comparison", "Comparison");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("run", "kind", "dataset", "seed", "epochs", "held-out accuracy", "test top-1", "parameters", "training time"));
        for (ReportedRun run : runs) {
            String epochs = run.epochsDone() + " of " + run.epochsPlanned() + (run.finished() ? "" : " (unfinished)");
            if (run instanceof ReportedSearch s) {
                rows.add(List.of(name(run), kind(run), run.provenance().datasetName(),
                        Long.toString(run.provenance().seed()), epochs,
                        String.format(Locale.ROOT, "child %s (top-2 %s), supernet %s", percent(s.last().childAccuracy()),
                                percent(s.last().top2ChildAccuracy()), percent(s.last().supernetAccuracy())),
                        "-", String.format(Locale.ROOT, "%,.0f expected", s.last().expectedParameters()),
                        duration(sum(s.epochs(), EpochMetrics::seconds))));
            } else {
                ReportedTraining t = (ReportedTraining) run;
                rows.add(List.of(name(run), kind(run), run.provenance().datasetName(),
                        Long.toString(run.provenance().seed()), epochs, t.last().heldOut() + " " + percent(t.last().heldOutAccuracy()),
                        t.result().map(r -> percent(r.test().top1())).orElse("-"),
                        t.result().map(r -> String.format(Locale.ROOT, "%,d", r.parametersWithoutAuxiliary())).orElse("-"),
                        duration(sum(t.epochs(), RetrainEpochMetrics::seconds))));
            }
        }
        page.table(rows, true);
        List<byte[]> charts = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        List<ReportCharts.Line> heldOut = new ArrayList<>();
        List<ReportCharts.Line> losses = new ArrayList<>();
        List<ReportCharts.Line> entropies = new ArrayList<>();
        for (ReportedRun run : runs) {
            if (run instanceof ReportedSearch s) {
                heldOut.add(epochLine(name(run) + ": child", s.epochs(), EpochMetrics::epoch, m -> 100 * m.childAccuracy()));
                entropies.add(epochLine(name(run), s.epochs(), EpochMetrics::epoch, EpochMetrics::entropy));
            } else {
                ReportedTraining t = (ReportedTraining) run;
                heldOut.add(epochLine(name(run) + ": " + t.last().heldOut(), t.epochs(), RetrainEpochMetrics::epoch,
                        m -> 100 * m.heldOutAccuracy()));
            }
            if (!run.steps().isEmpty()) {
                losses.add(stepLine(name(run), run.steps(), StepFigures::loss));
            }
        }
        titles.add("Held-out accuracy per epoch (children of searches without retraining)");
        charts.add(ReportCharts.lines(titles.get(0), "epoch", "accuracy (%)", heldOut, CHART_WIDTH, CHART_HEIGHT));
        if (!losses.isEmpty()) {
            titles.add("Training loss per step");
            charts.add(ReportCharts.lines(titles.get(titles.size() - 1), "step", "loss", losses, CHART_WIDTH, CHART_HEIGHT));
        }
        if (!entropies.isEmpty()) {
            titles.add("Mean entropy of alpha per edge (searches)");
            charts.add(ReportCharts.lines(titles.get(titles.size() - 1), "epoch", "nats", entropies, CHART_WIDTH, CHART_HEIGHT));
        }
        page.heading("Curves, overlaid");
        page.images(titles, charts, "image/png");
    }

    // ---- a search

    private static void search(ReportPage page, ReportedSearch run) {
        EpochMetrics last = run.last();
        EpochMetrics best = run.epochs().stream().max((a, b) -> Double.compare(a.childAccuracy(), b.childAccuracy())).orElseThrow();
        page.heading("Result");
        page.table(rows(
                "status", status(run),
                "held-out accuracy of the children without retraining", String.format(Locale.ROOT, "edge-all %s, top-2 %s (epoch %d)",
                        percent(last.childAccuracy()), percent(last.top2ChildAccuracy()), last.epoch() + 1),
                "best edge-all child", String.format(Locale.ROOT, "%s at epoch %d", percent(best.childAccuracy()), best.epoch() + 1),
                "held-out accuracy of the supernet (sampled Z)", percent(last.supernetAccuracy()),
                "training loss, accuracy (last epoch)", String.format(Locale.ROOT, "%.4f, %s", last.trainLoss(), percent(last.trainAccuracy())),
                "expected cost of the cells under p_alpha", String.format(Locale.ROOT, "%,.0f parameters, %,.0f FLOPs, %,.0f MAC",
                        last.expectedParameters(), last.expectedFlops(), last.expectedMac()),
                "resource penalty (mean of the last epoch)", String.format(Locale.ROOT, "%.5g", last.penalty()),
                "entropy of alpha (mean per edge)", String.format(Locale.ROOT, "%.4f nats (uniform: %.4f)", last.entropy(),
                        Math.log(Operation.COUNT)),
                "parameter-free edges in the edge-all child", last.parameterFreeEdges() + " of " + 2 * CellTopology.EDGES,
                "training time", duration(sum(run.epochs(), EpochMetrics::seconds))), false);

        List<String> titles = new ArrayList<>();
        List<byte[]> charts = new ArrayList<>();
        List<EpochMetrics> epochs = run.epochs();
        if (!run.steps().isEmpty()) {
            chart(titles, charts, "Training loss per step", "step", "loss",
                    List.of(stepLine("loss (sampled Z)", run.steps(), StepFigures::loss)));
            chart(titles, charts, "Training accuracy per step", "step", "accuracy (%)",
                    List.of(stepLine("accuracy (sampled Z)", run.steps(), f -> 100 * f.accuracy())));
        }
        chart(titles, charts, "Held-out accuracy per epoch", "epoch", "accuracy (%)", List.of(
                epochLine("edge-all child, not retrained", epochs, EpochMetrics::epoch, m -> 100 * m.childAccuracy()),
                epochLine("top-2 child, not retrained", epochs, EpochMetrics::epoch, m -> 100 * m.top2ChildAccuracy()),
                epochLine("supernet (sampled Z)", epochs, EpochMetrics::epoch, m -> 100 * m.supernetAccuracy()),
                epochLine("training (sampled Z)", epochs, EpochMetrics::epoch, m -> 100 * m.trainAccuracy())));
        chart(titles, charts, "Mean entropy of alpha per edge", "epoch", "nats",
                List.of(epochLine("entropy", epochs, EpochMetrics::epoch, EpochMetrics::entropy)));
        chart(titles, charts, "Parameter-free edges in the edge-all child", "epoch", "edges of 28",
                List.of(epochLine("parameter-free edges", epochs, EpochMetrics::epoch, EpochMetrics::parameterFreeEdges)));
        EpochMetrics first = epochs.get(0);
        chart(titles, charts, "Expected cost under p_alpha, relative to epoch " + (first.epoch() + 1), "epoch", "% of epoch " + (first.epoch() + 1),
                List.of(epochLine("parameters", epochs, EpochMetrics::epoch, m -> 100 * m.expectedParameters() / first.expectedParameters()),
                        epochLine("FLOPs", epochs, EpochMetrics::epoch, m -> 100 * m.expectedFlops() / first.expectedFlops()),
                        epochLine("MAC", epochs, EpochMetrics::epoch, m -> 100 * m.expectedMac() / first.expectedMac())));
        chart(titles, charts, "Temperature tau", "epoch", "tau",
                List.of(epochLine("tau", epochs, EpochMetrics::epoch, EpochMetrics::temperature)));
        page.heading("Curves");
        page.images(titles, charts, "image/png");

        alphaOverEpochs(page, epochs);
        page.heading("Cells of epoch " + (last.epoch() + 1) + (run.finished() ? " (final)" : ""));
        cells(page, "edge-all (every edge keeps its most likely op)", run.edgeAll());
        cells(page, "top-2 (two inputs per node, as DARTS derives)", run.top2());
        page.heading("Configuration");
        page.table(settings(run.configuration()), false);
    }

    /** Per cell, one small heat map per edge: p_alpha of each op over the epochs that recorded alpha. */
    private static void alphaOverEpochs(ReportPage page, List<EpochMetrics> epochs) {
        List<EpochMetrics> withAlpha = epochs.stream().filter(m -> m.alphaLogits().isPresent()).toList();
        page.heading("Alpha per edge over the epochs");
        if (withAlpha.isEmpty()) {
            page.paragraph("This run recorded no alpha per epoch (made before snas4j kept it).");
            return;
        }
        page.paragraph("Each square is one op's probability p_alpha on the edge after that epoch, from white (0) to dark blue (1).");
        int[] epochNumbers = withAlpha.stream().mapToInt(m -> m.epoch() + 1).toArray();
        List<CellPair<EdgeOpMatrix>> probabilities = withAlpha.stream()
                .map(m -> ArchitectureDistribution.of(m.alphaLogits().orElseThrow()).probabilities()).toList();
        List<String> ops = Operation.all().stream().map(Operation::id).toList();
        for (CellKind kind : CellKind.values()) {
            List<String> titles = new ArrayList<>();
            List<byte[]> maps = new ArrayList<>();
            for (int edge = 0; edge < CellTopology.EDGES; edge++) {
                double[][] byEpoch = new double[withAlpha.size()][];
                for (int e = 0; e < byEpoch.length; e++) {
                    byEpoch[e] = probabilities.get(e).get(kind).row(edge);
                }
                String title = kind.id() + " " + CellTopology.edgeName(edge);
                titles.add(title);
                maps.add(ReportCharts.edgeHeatMap(title, byEpoch, epochNumbers, ops, HEAT_MAP_WIDTH, HEAT_MAP_HEIGHT));
            }
            page.subheading(kind.id() + " cell");
            page.smallImages(titles, maps);
        }
    }

    // ---- a retraining

    private static void training(ReportPage page, ReportedTraining run) {
        RetrainEpochMetrics last = run.last();
        Map<String, String> result = new LinkedHashMap<>();
        result.put("status", status(run));
        Optional<RetrainResult> finalResult = run.result();
        if (finalResult.isPresent()) {
            RetrainResult r = finalResult.get();
            result.put("test accuracy", percent(r.test().top1()) + (r.test().top5().isPresent()
                    ? " (top-5 " + percent(r.test().top5().getAsDouble()) + ")" : "") + " on " + r.test().examples() + " images");
            result.put("test loss", String.format(Locale.ROOT, "%.4f", r.test().loss()));
            result.put("parameters", String.format(Locale.ROOT, "%,d (%,d without the auxiliary head)", r.parameters(),
                    r.parametersWithoutAuxiliary()));
        }
        result.put(last.heldOut() + " accuracy (epoch " + (last.epoch() + 1) + ")", percent(last.heldOutAccuracy()));
        result.put("training loss, accuracy (last epoch)", String.format(Locale.ROOT, "%.4f, %s", last.trainLoss(),
                percent(last.trainAccuracy())));
        result.put("training time", duration(sum(run.epochs(), RetrainEpochMetrics::seconds)));
        page.heading("Result");
        page.table(toRows(result), false);

        List<String> titles = new ArrayList<>();
        List<byte[]> charts = new ArrayList<>();
        List<RetrainEpochMetrics> epochs = run.epochs();
        if (!run.steps().isEmpty()) {
            chart(titles, charts, "Training loss per step", "step", "loss", List.of(stepLine("loss", run.steps(), StepFigures::loss)));
        }
        chart(titles, charts, "Accuracy per epoch", "epoch", "accuracy (%)", List.of(
                epochLine(last.heldOut(), epochs, RetrainEpochMetrics::epoch, m -> 100 * m.heldOutAccuracy()),
                epochLine(last.heldOut() + " top-5", epochs, RetrainEpochMetrics::epoch, m -> 100 * m.heldOutTop5()),
                epochLine("training", epochs, RetrainEpochMetrics::epoch, m -> 100 * m.trainAccuracy())));
        chart(titles, charts, "Loss per epoch", "epoch", "loss", List.of(
                epochLine(last.heldOut(), epochs, RetrainEpochMetrics::epoch, RetrainEpochMetrics::heldOutLoss),
                epochLine("training", epochs, RetrainEpochMetrics::epoch, RetrainEpochMetrics::trainLoss)));
        chart(titles, charts, "Learning rate and drop-path probability", "epoch", "value", List.of(
                epochLine("learning rate", epochs, RetrainEpochMetrics::epoch, RetrainEpochMetrics::learningRate),
                epochLine("drop-path probability", epochs, RetrainEpochMetrics::epoch, RetrainEpochMetrics::dropPathProbability)));
        page.heading("Curves");
        page.images(titles, charts, "image/png");

        page.heading("Cells");
        cells(page, run.run().configuration().genotype().form().name().toLowerCase(Locale.ROOT).replace('_', '-') + " genotype "
                + run.run().configuration().genotypeSource(), run.run().configuration().genotype());
        page.heading("Configuration");
        List<List<String>> settings = new ArrayList<>(settings(run.run().configuration()));
        settings.add(List.of("network shape", run.run().shape().toString()));
        page.table(settings, false);
    }

    // ---- parts shared by both kinds

    /** Both cells of a genotype, drawn by Graphviz, or listed edge by edge where Graphviz is missing. */
    private static void cells(ReportPage page, String caption, Genotype genotype) {
        page.subheading(caption);
        List<String> titles = new ArrayList<>();
        List<byte[]> pictures = new ArrayList<>();
        for (CellKind kind : CellKind.values()) {
            try {
                pictures.add(Graphviz.draw(GenotypeDot.render(genotype.cell(kind), kind), "svg"));
                titles.add(kind.id() + " cell, " + caption);
            } catch (Graphviz.NotInstalledException e) {
                page.paragraph(e.getMessage() + "; the " + kind.id() + " cell's edges: " + String.join(", ",
                        genotype.cell(kind).edges().stream().filter(edge -> edge.operation() != Operation.NONE)
                                .map(HtmlReportWriter::edge).toList()));
            }
        }
        page.images(titles, pictures, "image/svg+xml");
    }

    private static String edge(CellEdge edge) {
        return CellTopology.nodeName(edge.input()) + " -> " + CellTopology.nodeName(edge.node()) + " " + edge.operation().id();
    }

    private static void provenance(ReportPage page, Provenance p) {
        page.heading("Provenance");
        page.table(rows("seed", Long.toString(p.seed()), "dataset", p.datasetName(), "dataset SHA-256", p.datasetFingerprint(),
                "code version", p.codeVersion(), "started", p.startedAt().toString(),
                "finished", p.finishedAt() == null ? "not finished" : p.finishedAt().toString(), "command line", p.commandLine()), false);
    }

    /** A configuration record's every component, named in words ("batchSize" becomes "batch size"). */
    static List<List<String>> settings(Record configuration) {
        List<List<String>> rows = new ArrayList<>();
        for (RecordComponent component : configuration.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(configuration);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + component.getName() + " of " + configuration.getClass().getSimpleName(), e);
            }
            if (value instanceof Genotype) {
                continue;
            }
            rows.add(List.of(component.getName().replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT), describe(value)));
        }
        return rows;
    }

    private static String describe(Object value) {
        if (value instanceof DatasetRequest dataset && !dataset.isFolder()) {
            // Only a folder of pictures reads the folder options: elsewhere they are defaults that say nothing.
            return "name " + dataset.name() + ", directory " + describe(dataset.directory());
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(HtmlReportWriter::describe).orElse("-");
        }
        if (value instanceof Record nested) {
            List<String> parts = new ArrayList<>();
            for (List<String> row : settings(nested)) {
                parts.add(row.get(0) + " " + row.get(1));
            }
            return String.join(", ", parts);
        }
        return String.valueOf(value);
    }

    private static void chart(List<String> titles, List<byte[]> charts, String title, String x, String y, List<ReportCharts.Line> lines) {
        titles.add(title);
        charts.add(ReportCharts.lines(title, x, y, lines, CHART_WIDTH, CHART_HEIGHT));
    }

    private static <M> ReportCharts.Line epochLine(String name, List<M> epochs, ToIntFunction<M> epoch,
                                                   ToDoubleFunction<M> value) {
        return new ReportCharts.Line(name, epochs.stream().mapToDouble(m -> epoch.applyAsInt(m) + 1).toArray(),
                epochs.stream().mapToDouble(value).toArray(), true);
    }

    private static ReportCharts.Line stepLine(String name, List<StepFigures> steps, ToDoubleFunction<StepFigures> value) {
        return new ReportCharts.Line(name, steps.stream().mapToDouble(StepFigures::step).toArray(),
                steps.stream().mapToDouble(value).toArray(), false);
    }

    private static String status(ReportedRun run) {
        if (run.finished()) {
            return "finished " + run.provenance().finishedAt() + " after " + run.epochsDone() + " epochs";
        }
        return "unfinished (running, or stopped): " + run.epochsDone() + " of " + run.epochsPlanned() + " epochs recorded";
    }

    private static String name(ReportedRun run) {
        Path fileName = run.directory().toAbsolutePath().normalize().getFileName();
        return fileName == null ? run.directory().toString() : fileName.toString();
    }

    private static String kind(ReportedRun run) {
        return run instanceof ReportedSearch ? "search" : "train";
    }

    private static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    private static <M> double sum(List<M> epochs, ToDoubleFunction<M> seconds) {
        return epochs.stream().mapToDouble(seconds).sum();
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }

    private static List<List<String>> rows(String... keysAndValues) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            rows.add(List.of(keysAndValues[i], keysAndValues[i + 1]));
        }
        return rows;
    }

    private static List<List<String>> toRows(Map<String, String> map) {
        List<List<String>> rows = new ArrayList<>();
        map.forEach((k, v) -> rows.add(List.of(k, v)));
        return rows;
    }
}

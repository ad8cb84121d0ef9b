package org.snas4j.application.service.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.data.DatasetRequest;
import org.snas4j.application.data.ImageDataset;
import org.snas4j.application.port.in.sweep.SweepSummary;
import org.snas4j.application.port.in.sweep.SweepSummary.TrialRow;
import org.snas4j.application.port.out.DatasetSource;
import org.snas4j.application.port.out.GenotypeRepository;
import org.snas4j.application.port.out.RunDirectoryFactory;
import org.snas4j.application.port.out.trial.SweepChartWriter;
import org.snas4j.application.port.out.trial.SweepFiles;
import org.snas4j.application.port.out.trial.SweepManifest;
import org.snas4j.application.port.out.trial.TrialRecord;
import org.snas4j.application.port.out.trial.TrialState;
import org.snas4j.application.search.EpochMetrics;
import org.snas4j.application.search.SearchConfiguration;
import org.snas4j.application.search.SearchOutcome;
import org.snas4j.domain.cost.NetworkCost;
import org.snas4j.domain.cost.OperationCost;
import org.snas4j.domain.cost.SnasCostModel;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.space.NetworkShape;

/**
 * A sweep's summary from its files as they stand: the manifest for the grid, each trial's run
 * directory for its figures (a finished run's final genotypes and metrics; a running one's metrics so
 * far). Writes summary.md, summary.csv, front.png and the best genotypes per constraint.
 */
final class SweepSummaries {

    static final String REPORT = "summary.md";
    static final String TABLE = "summary.csv";
    static final String CHART = "front.png";
    private static final List<String> GENOTYPE_FORMATS = List.of(".pb", ".textproto", ".json");
    /**
     * The cells' ops' parameters depend on the channels alone, not on the input's size, depth or
     * classes (those change the stem, the classifier and the FLOPs): any valid geometry counts them
     * exactly when the dataset cannot be read here.
     */
    private static final int NOMINAL_INPUT = 32;

    private final RunDirectoryFactory runs;
    private final SweepFiles files;
    private final GenotypeRepository genotypes;
    private final DatasetSource datasets;
    private final SweepChartWriter chart;

    SweepSummaries(RunDirectoryFactory runs, SweepFiles files, GenotypeRepository genotypes, DatasetSource datasets, SweepChartWriter chart) {
        this.runs = java.util.Objects.requireNonNull(runs, "runs");
        this.files = java.util.Objects.requireNonNull(files, "files");
        this.genotypes = java.util.Objects.requireNonNull(genotypes, "genotypes");
        this.datasets = java.util.Objects.requireNonNull(datasets, "datasets");
        this.chart = java.util.Objects.requireNonNull(chart, "chart");
    }

    SweepSummary summarize(Path directory) {
        SweepManifest manifest = files.readManifest(directory)
                .orElseThrow(() -> new InvalidInputException(directory, "holds no sweep (no sweep manifest); give the --output of a sweep"));
        Map<DatasetRequest, Optional<ImageDataset>> images = new HashMap<>();
        List<TrialRow> rows = new ArrayList<>();
        Map<String, Genotype[]> finalGenotypes = new HashMap<>();
        for (TrialRecord trial : manifest.trials()) {
            Path run = directory.resolve(trial.name());
            Optional<SearchOutcome> outcome = runs.finishedOutcome(run);
            outcome.ifPresent(o -> finalGenotypes.put(trial.name(), new Genotype[] {o.edgeAll(), o.top2()}));
            rows.add(row(trial, run, outcome, images));
        }
        List<TrialRow> front = ParetoFront.of(rows);
        List<Path> written = new ArrayList<>();
        List<SweepSummary.Best> best = best(directory, rows, finalGenotypes, written);
        SweepSummary summary = new SweepSummary(directory, manifest.sweepId(), rows, front, best, List.of());
        if (!front.isEmpty()) {
            List<SweepChartWriter.Point> points = rows.stream().filter(SweepSummaries::finite).map(SweepSummaries::point).toList();
            chart.writeFront(directory.resolve(CHART), "Sweep " + manifest.sweepId() + ": held-out child accuracy (not retrained) vs parameters",
                    points, front.stream().map(SweepSummaries::point).toList());
            written.add(Path.of(CHART));
        }
        files.writeText(directory.resolve(REPORT), SweepReport.markdown(summary, CHART));
        files.writeText(directory.resolve(TABLE), SweepReport.csv(summary));
        written.add(0, Path.of(TABLE));
        written.add(0, Path.of(REPORT));
        return new SweepSummary(directory, manifest.sweepId(), rows, front, best, written);
    }

    private static boolean finite(TrialRow row) {
        return row.finished() && Double.isFinite(row.childAccuracy()) && Double.isFinite(row.actualParameters());
    }

    private static SweepChartWriter.Point point(TrialRow row) {
        return new SweepChartWriter.Point(row.name(), row.constraint(), row.actualParameters(), row.childAccuracy());
    }

    private TrialRow row(TrialRecord trial, Path run, Optional<SearchOutcome> outcome, Map<DatasetRequest, Optional<ImageDataset>> images) {
        SearchConfiguration configuration = trial.configuration();
        String message = trial.message();
        List<EpochMetrics> metrics;
        if (outcome.isPresent()) {
            metrics = outcome.get().metrics();
        } else {
            try {
                metrics = files.metrics(run);
            } catch (InvalidInputException e) {
                metrics = List.of();
                message = e.getMessage();
            }
        }
        // The run directory is the truth: a run with its final genotypes finished, whatever the manifest last saw.
        TrialState state = outcome.isPresent() ? TrialState.SUCCEEDED
                : trial.state() == TrialState.SUCCEEDED ? TrialState.FAILED : trial.state();
        if (outcome.isEmpty() && trial.state() == TrialState.SUCCEEDED) {
            message = "recorded as finished, but its run has no final genotypes";
        }
        Optional<EpochMetrics> last = metrics.isEmpty() ? Optional.empty() : Optional.of(metrics.get(metrics.size() - 1));
        double actualParameters = Double.NaN;
        double actualFlops = Double.NaN;
        if (outcome.isPresent()) {
            Optional<ImageDataset> data = images.computeIfAbsent(configuration.dataset(), this::trainingImages);
            NetworkShape shape = data.map(d -> new NetworkShape(configuration.layers(), configuration.channels(), d.height(), d.channels(), d.classes()))
                    .orElseGet(() -> new NetworkShape(configuration.layers(), configuration.channels(), NOMINAL_INPUT, 3, 10));
            OperationCost cost = NetworkCost.of(shape, new SnasCostModel()).ofGenotype(outcome.get().edgeAll());
            actualParameters = cost.parameters();
            actualFlops = data.isPresent() ? cost.flops() : Double.NaN;
        }
        return new TrialRow(trial.name(), trial.assignment(), state, trial.launches(), message, ConstraintLabels.of(configuration.lambda()),
                configuration.lambda(), metrics.size(), configuration.epochs(),
                last.map(EpochMetrics::childAccuracy).orElse(Double.NaN), last.map(EpochMetrics::top2ChildAccuracy).orElse(Double.NaN),
                last.map(EpochMetrics::expectedParameters).orElse(Double.NaN), actualParameters,
                last.map(EpochMetrics::expectedFlops).orElse(Double.NaN), actualFlops);
    }

    /** The training images' geometry, when the dataset can be read here (a Kubernetes sweep's data may live in the cluster only). */
    private Optional<ImageDataset> trainingImages(DatasetRequest request) {
        try {
            return Optional.of(datasets.load(request).train());
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }

    /** Per constraint, its most accurate finished trial; their final genotypes copied to best-CONSTRAINT-{edge-all,top2}.*. */
    private List<SweepSummary.Best> best(Path directory, List<TrialRow> rows, Map<String, Genotype[]> finalGenotypes, List<Path> written) {
        Map<Double, List<TrialRow>> byLambda = new TreeMap<>();
        rows.stream().filter(TrialRow::finished).filter(r -> Double.isFinite(r.childAccuracy()))
                .forEach(r -> byLambda.computeIfAbsent(r.lambda(), k -> new ArrayList<>()).add(r));
        List<SweepSummary.Best> best = new ArrayList<>();
        for (List<TrialRow> group : byLambda.values()) {
            TrialRow winner = group.stream().min(ParetoFront.bestFirst()).orElseThrow();
            String stem = "best-" + ConstraintLabels.fileName(winner.constraint()).toLowerCase(Locale.ROOT);
            Genotype[] pair = finalGenotypes.get(winner.name());
            List<Path> copies = new ArrayList<>();
            for (int form = 0; form < 2; form++) {
                for (String format : GENOTYPE_FORMATS) {
                    Path copy = Path.of(stem + (form == 0 ? "-edge-all" : "-top2") + format);
                    genotypes.save(directory.resolve(copy), pair[form]);
                    copies.add(copy);
                }
            }
            written.addAll(copies);
            best.add(new SweepSummary.Best(winner.constraint(), winner, copies));
        }
        best.sort(Comparator.comparingDouble(b -> b.trial().lambda()));
        return best;
    }
}

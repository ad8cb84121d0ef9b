package org.snas4j.application.service.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.SplittableRandom;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.InvalidSettingException;
import org.snas4j.application.port.in.retrain.RetrainConfiguration;
import org.snas4j.application.port.in.retrain.RetrainEpochMetrics;
import org.snas4j.application.port.in.retrain.RetrainGenotypeUseCase;
import org.snas4j.application.port.in.retrain.RetrainResult;
import org.snas4j.application.port.in.search.EpochMetrics;
import org.snas4j.application.port.in.search.SearchArchitectureUseCase;
import org.snas4j.application.port.in.search.SearchConfiguration;
import org.snas4j.application.port.in.search.SearchOutcome;
import org.snas4j.application.port.in.study.RunStudyUseCase;
import org.snas4j.application.port.in.study.StudyAction;
import org.snas4j.application.port.in.study.StudyCell;
import org.snas4j.application.port.in.study.StudyConfiguration;
import org.snas4j.application.port.in.study.StudyConfigurationValidator;
import org.snas4j.application.port.in.study.StudyGroup;
import org.snas4j.application.port.in.study.StudyItem;
import org.snas4j.application.port.in.study.StudyResult;
import org.snas4j.application.port.out.progress.StudyListener;
import org.snas4j.application.port.out.report.StudyChartWriter;
import org.snas4j.application.port.out.storage.ChildRunDirectory;
import org.snas4j.application.port.out.storage.ChildRunDirectoryFactory;
import org.snas4j.application.port.out.storage.RunDirectoryFactory;
import org.snas4j.application.port.out.storage.StudyFiles;
import org.snas4j.domain.cost.NetworkCost;
import org.snas4j.domain.cost.SnasCostModel;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.PublishedGenotypes;
import org.snas4j.domain.genotype.RandomGenotypes;
import org.snas4j.domain.space.NetworkShape;

/**
 * Runs a study: S searches, then the retraining of every searched cell, of K random cells and of
 * the published cells under one budget, then the report. Every item is a run directory of its own
 * inside the study directory, so a killed study continues where it stopped: a finished run is kept
 * as recorded, an unfinished one resumed, a missing one started; nothing is trained twice.
 * <pre>
 * STUDY/study.properties                      the settings; another invocation must use the same
 * STUDY/search-seed-N/                        a search run
 * STUDY/train-searched-seed-N/, train-random-I/, train-NAME/   retraining runs (the first retraining seed)
 * STUDY/train-random-I-seed-S/, ...           the same cell retrained with seed S (--train-seeds above 1)
 * STUDY/study.md, study.csv, accuracy-vs-parameters.png        the report
 * </pre>
 */
public final class StudyService implements RunStudyUseCase {

    static final String REPORT = "study.md";
    static final String TABLE = "study.csv";
    static final String CHART = "accuracy-vs-parameters.png";

    /** Keeps the random cells' streams apart from any other use of the base seed. */
    private static final long RANDOM_CELLS = 0x52414E444F4DL;

    private final SearchArchitectureUseCase searches;
    private final RetrainGenotypeUseCase retrains;
    private final RunDirectoryFactory searchRuns;
    private final ChildRunDirectoryFactory retrainRuns;
    private final StudyFiles files;
    private final StudyChartWriter chart;
    private final StudyListener listener;

    public StudyService(SearchArchitectureUseCase searches, RetrainGenotypeUseCase retrains, RunDirectoryFactory searchRuns,
                        ChildRunDirectoryFactory retrainRuns, StudyFiles files, StudyChartWriter chart, StudyListener listener) {
        this.searches = Objects.requireNonNull(searches, "searches");
        this.retrains = Objects.requireNonNull(retrains, "retrains");
        this.searchRuns = Objects.requireNonNull(searchRuns, "searchRuns");
        this.retrainRuns = Objects.requireNonNull(retrainRuns, "retrainRuns");
        this.files = Objects.requireNonNull(files, "files");
        this.chart = Objects.requireNonNull(chart, "chart");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The random cell {@code index} (1-based) of a study with {@code baseSeed}: the same on every continuation. */
    static Genotype randomCell(StudyConfiguration configuration, int index) {
        long seed = configuration.baseSeed() * 0x9E3779B97F4A7C15L + index * 0xD1B54A32D192ED03L + RANDOM_CELLS;
        return RandomGenotypes.top2(new SplittableRandom(seed), configuration.searchTemplate().top2Rule());
    }

    @Override
    public StudyResult run(StudyConfiguration configuration, Path studyDirectory, String commandLine) {
        StudyConfigurationValidator.validate(configuration);
        Objects.requireNonNull(studyDirectory, "studyDirectory");
        Objects.requireNonNull(commandLine, "commandLine");
        recordOrCheckSettings(configuration, studyDirectory);
        listener.studyStarted(studyDirectory, configuration.items());
        Progress progress = new Progress(configuration.items());

        List<SearchOutcome> searchOutcomes = new ArrayList<>();
        for (int i = 0; i < configuration.searches(); i++) {
            long seed = configuration.searchSeed(i);
            searchOutcomes.add(search(configuration.searchTemplate().withSeed(seed), studyDirectory.resolve("search-seed-" + seed),
                    commandLine, progress));
        }
        List<StudyCell> cells = new ArrayList<>();
        for (int i = 0; i < configuration.searches(); i++) {
            SearchOutcome outcome = searchOutcomes.get(i);
            String name = "searched-seed-" + configuration.searchSeed(i);
            double searchSeconds = outcome.metrics().stream().mapToDouble(EpochMetrics::seconds).sum();
            cells.add(retrain(configuration, StudyGroup.SEARCHED, name, outcome.runDirectory().toString() + " (final top-2)",
                    outcome.top2(), OptionalDouble.of(searchSeconds), studyDirectory, commandLine, progress));
        }
        for (int i = 1; i <= configuration.randomCells(); i++) {
            cells.add(retrain(configuration, StudyGroup.RANDOM, "random-" + i, "random cell " + i + " of study seed " + configuration.baseSeed(),
                    randomCell(configuration, i), OptionalDouble.empty(), studyDirectory, commandLine, progress));
        }
        for (String name : configuration.published()) {
            cells.add(retrain(configuration, StudyGroup.PUBLISHED, name, name, PublishedGenotypes.byName(name), OptionalDouble.empty(),
                    studyDirectory, commandLine, progress));
        }

        StudyResult result = new StudyResult(studyDirectory, progress.items, cells);
        files.writeText(studyDirectory.resolve(REPORT), StudyReport.markdown(result, configuration));
        files.writeText(studyDirectory.resolve(TABLE), StudyReport.csv(result));
        RetrainConfiguration budget = configuration.retrainTemplate();
        chart.writeAccuracyVersusParameters(studyDirectory.resolve(CHART), String.format(Locale.ROOT,
                "Test accuracy vs parameters, every cell retrained alike: %d cells, C=%d, %d epoch%s", budget.layers(), budget.channels(),
                budget.epochs(), budget.epochs() == 1 ? "" : "s"), result);
        return result;
    }

    private void recordOrCheckSettings(StudyConfiguration configuration, Path studyDirectory) {
        Path file = studyDirectory.resolve(StudyFiles.SETTINGS_FILE);
        SortedMap<String, String> settings = StudySettings.of(configuration);
        Optional<Map<String, String>> recorded = files.readSettings(file);
        if (recorded.isEmpty()) {
            if (!files.isAbsentOrEmpty(studyDirectory)) {
                throw new InvalidInputException(studyDirectory, "holds files but no " + StudyFiles.SETTINGS_FILE + ", so it is no study; choose another --output");
            }
            files.writeSettings(file, settings);
            return;
        }
        List<String> differences = StudySettings.differences(recorded.get(), settings);
        if (!differences.isEmpty()) {
            throw new InvalidInputException(file, "the study here was made with other settings: " + String.join("; ",
                    differences.subList(0, Math.min(3, differences.size()))) + (differences.size() > 3 ? "; ..." : "")
                    + "; continue it with its own settings or choose another --output");
        }
    }

    private SearchOutcome search(SearchConfiguration configuration, Path run, String commandLine,
                                 Progress progress) {
        Optional<SearchOutcome> finished = searchRuns.finishedOutcome(run);
        if (finished.isPresent()) {
            progress.next(run, StudyAction.KEPT);
            return finished.get();
        }
        if (searchRuns.isRunDirectory(run)) {
            progress.next(run, StudyAction.RESUMED);
            return searches.resume(run, commandLine);
        }
        progress.next(run, StudyAction.STARTED);
        try {
            return searches.search(configuration, run, commandLine);
        } catch (InvalidSettingException e) {
            // A setting refused only once the data is loaded (a batch larger than the images) is the search template's.
            throw e.within(StudyConfigurationValidator.SEARCH);
        }
    }

    /** Retrains a cell once per retraining seed (each run kept, resumed or started) and gathers its figures. */
    private StudyCell retrain(StudyConfiguration study, StudyGroup group, String name, String genotypeSource, Genotype genotype,
                              OptionalDouble searchSeconds, Path studyDirectory, String commandLine, Progress progress) {
        List<Path> runs = new ArrayList<>();
        List<Double> accuracies = new ArrayList<>();
        double trainSeconds = 0;
        // Every seed trains the same network, so its size and cost are those of any one run.
        long parameters = 0;
        NetworkShape shape = null;
        for (int repetition = 0; repetition < study.trainSeeds(); repetition++) {
            long seed = study.retrainSeed(repetition);
            Path run = studyDirectory.resolve(retrainingRunName(name, repetition, seed));
            RetrainConfiguration configuration = study.retrainTemplate().toBuilder().genotype(genotypeSource, genotype).seed(seed).build();
            retrainOnce(configuration, run, commandLine, progress);
            try (ChildRunDirectory directory = retrainRuns.open(run)) {
                RetrainResult result = directory.readResult()
                        .orElseThrow(() -> new IllegalStateException("retraining " + run + " returned without writing its result"));
                runs.add(run);
                accuracies.add(result.test().top1());
                trainSeconds += directory.metrics().stream().mapToDouble(RetrainEpochMetrics::seconds).sum();
                if (shape == null) {
                    shape = directory.readConfiguration().shape();
                    parameters = result.parametersWithoutAuxiliary();
                }
            }
        }
        double flops = NetworkCost.of(shape, new SnasCostModel()).ofGenotype(genotype).flops();
        return new StudyCell(group, name, runs, genotype, accuracies, parameters, flops, trainSeconds, searchSeconds);
    }

    /**
     * The run directory of a cell's retraining: {@code train-NAME} for the first seed (as studies
     * retraining once always named it), {@code train-NAME-seed-S} for the others.
     */
    static String retrainingRunName(String cell, int repetition, long seed) {
        return "train-" + cell + (repetition == 0 ? "" : "-seed-" + seed);
    }

    private void retrainOnce(RetrainConfiguration configuration, Path run, String commandLine, Progress progress) {
        if (!retrainRuns.isRunDirectory(run)) {
            progress.next(run, StudyAction.STARTED);
            try {
                retrains.retrain(configuration, run, commandLine);
            } catch (InvalidSettingException e) {
                throw e.within(StudyConfigurationValidator.RETRAIN);
            }
        } else if (recorded(run, configuration).isEmpty()) {
            progress.next(run, StudyAction.RESUMED);
            retrains.resume(run, commandLine);
        } else {
            progress.next(run, StudyAction.KEPT);
        }
    }

    /** The result of the retraining in {@code run}, after checking that it trains the cell and seed the study expects there. */
    private Optional<RetrainResult> recorded(Path run, RetrainConfiguration expected) {
        try (ChildRunDirectory directory = retrainRuns.open(run)) {
            RetrainConfiguration found = directory.readConfiguration().configuration();
            if (!found.genotype().equals(expected.genotype())) {
                throw new InvalidInputException(run, "trains another genotype than the study expects there; delete it to retrain");
            }
            if (found.seed() != expected.seed()) {
                throw new InvalidInputException(run, "was retrained with seed " + found.seed() + ", the study expects seed " + expected.seed()
                        + " there; delete it to retrain");
            }
            return directory.readResult();
        }
    }

    /** Counts the items and tells the listener what is done with each. */
    private final class Progress {
        private final int total;
        private final List<StudyItem> items = new ArrayList<>();

        Progress(int total) {
            this.total = total;
        }

        void next(Path run, StudyAction action) {
            String name = run.getFileName().toString();
            items.add(new StudyItem(name, action));
            listener.itemStarting(name, items.size(), total, action);
        }
    }
}

package org.snas4j.bootstrap.cli;

import static org.snas4j.application.port.in.study.StudyConfigurationValidator.RETRAIN;
import static org.snas4j.application.port.in.study.StudyConfigurationValidator.SEARCH;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.snas4j.application.port.in.retrain.RandomTransforms;
import org.snas4j.application.port.in.retrain.RetrainConfiguration;
import org.snas4j.application.port.in.search.SearchConfiguration;
import org.snas4j.application.port.in.study.RunStudyUseCase;
import org.snas4j.application.port.in.study.StudyAction;
import org.snas4j.application.port.in.study.StudyConfiguration;
import org.snas4j.application.port.in.study.StudyResult;
import org.snas4j.application.service.study.StudyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Is the searched cell better than a random cell from the same space? Searches, retrains and compares. */
@Command(name = "study",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Is the searched cell better than a random cell from the same space? Runs --searches searches (seeds --seed, "
                + "--seed + 1, ...), then retrains each one's final top-2 cell, --random-cells random cells of the same form and the "
                + "--published cells, all under one budget (--train-*; the same seeds for every cell), and writes a table, a CSV and a "
                + "picture of test accuracy against parameters, with the searched mean minus the random mean in random standard deviations.",
            "Every search and retraining is a run directory inside the study directory: run the same command with the same --output "
                + "to continue a stopped study (finished runs are kept, unfinished ones resumed). The defaults take about 1.5 to 2 hours "
                + "on 2 cores. The search options below are those of 'search'; --train-limit, --dataset, --data, --device and "
                + "--threads apply to the retrainings too."})
public final class StudyCommand implements Callable<Integer>, RunsTensorFlow, SettingFlags {

    /** Every retraining setting the study does not expose is 'train''s default: DARTS' evaluation recipe. */
    private static final RetrainConfiguration TRAIN = RetrainConfiguration.DEFAULTS;

    /** The study's own settings and its retraining template's (prefixed retrain.) -> their flags; the search template's are search's. */
    private static final Map<String, String> FLAGS = flags();

    private static Map<String, String> flags() {
        Map<String, String> flags = new HashMap<>(Map.of("searches", "--searches", "randomCells", "--random-cells", "published", "--published",
                "trainSeeds", "--train-seeds"));
        Map<String, String> retraining = new HashMap<>(Map.of("layers", "--train-layers", "channels", "--train-channels",
                "batchSize", "--train-batch", "epochs", "--train-epochs", "randomTransforms", "--train-augment",
                // The retrainings take these from the search options.
                "trainLimit", "--train-limit", "seed", "--seed"));
        retraining.putAll(DatasetOptions.flags());
        retraining.putAll(DeviceOptions.flags());
        retraining.forEach((setting, flag) -> flags.put(RETRAIN + "." + setting, flag));
        return Map.copyOf(flags);
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--searches", paramLabel = "S", description = "Searches, hence searched cells (default: ${DEFAULT-VALUE}).")
    int searches = 2;

    @Option(names = "--random-cells", paramLabel = "K", description = "Random cells: two distinct inputs per node, ops drawn uniformly "
            + "(default: ${DEFAULT-VALUE}).")
    int randomCells = 8;

    @Option(names = "--published", paramLabel = "NAMES", description = "Published cells to retrain too, comma-separated, or none "
            + "(default: ${DEFAULT-VALUE}).")
    String published = "snas-mild";

    @Option(names = {"--output", "-o"}, paramLabel = "DIR", description = "Study directory: created, or continued when it holds this "
            + "study (default: runs/study-<date-time>).")
    Path output;

    @Option(names = "--train-epochs", paramLabel = "N", description = "Retraining epochs of every cell (default: ${DEFAULT-VALUE}).")
    int trainEpochs = TRAIN.epochs();

    @Option(names = "--train-layers", paramLabel = "N", description = "Cells of every retrained network (default: ${DEFAULT-VALUE}).")
    int trainLayers = TRAIN.layers();

    @Option(names = "--train-channels", paramLabel = "C", description = "Initial channels of every retrained network (default: ${DEFAULT-VALUE}).")
    int trainChannels = TRAIN.channels();

    @Option(names = "--train-batch", paramLabel = "N", description = "Retraining mini-batch size (default: ${DEFAULT-VALUE}).")
    int trainBatch = TRAIN.batchSize();

    @Option(names = "--train-augment", paramLabel = "TRANSFORMS", description = "Random transforms of every retraining's images, as "
            + "'train --augment': auto, none, crop, flip or crop-flip (default: ${DEFAULT-VALUE}).")
    String trainAugment = TRAIN.randomTransforms().id();

    @Option(names = "--train-seeds", paramLabel = "N", description = "Retrain every cell N times, with seeds --seed, --seed + 1, ..., and "
            + "compare the means: one 5-epoch retraining is uncertain to about 0.4 points, N seeds shrink that by sqrt N "
            + "(default: ${DEFAULT-VALUE}).")
    int trainSeeds = 1;

    @Mixin
    SearchOptions search = new SearchOptions();

    private final RunStudyUseCase study;

    @Inject
    StudyCommand(RunStudyUseCase study) {
        this.study = Objects.requireNonNull(study, "study");
    }

    @Override
    public Integer call() {
        String commandLine = String.join(" ", spec.commandLine().getParseResult().originalArgs());
        StudyConfiguration configuration = configuration();
        Path directory = DefaultOutput.orDefault(output, "study");
        StudyResult result = study.run(configuration, directory, commandLine);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Study finished: %s (%d runs started, %d resumed, %d kept as finished before)%n%n", directory,
                result.count(StudyAction.STARTED), result.count(StudyAction.RESUMED), result.count(StudyAction.KEPT));
        out.println(StudyReport.tables(result));
        out.println(result.verdict());
        out.printf(Locale.ROOT, "Report: %s, %s, %s%n", directory.resolve("study.md"), directory.resolve("study.csv"),
                directory.resolve("accuracy-vs-parameters.png"));
        out.print(ReportCommand.pointer(spec, directory));
        out.flush();
        return ExitCodes.OK;
    }

    StudyConfiguration configuration() {
        SearchConfiguration searchTemplate = search.configuration();
        // The template's genotype is a placeholder: the study gives every cell its own.
        RetrainConfiguration retrainTemplate = RetrainConfiguration.builder()
                .dataset(searchTemplate.dataset()).genotype("study", TRAIN.genotype())
                .layers(trainLayers).channels(trainChannels).batchSize(trainBatch).epochs(trainEpochs).seed(searchTemplate.seed())
                .device(searchTemplate.device()).threads(searchTemplate.threads()).trainLimit(searchTemplate.trainLimit())
                .randomTransforms(SearchOptions.parse("--train-augment", trainAugment, RandomTransforms::fromId))
                .build();
        return new StudyConfiguration(searchTemplate, retrainTemplate, searches, randomCells, publishedNames(), searchTemplate.seed(),
                trainSeeds);
    }

    @Override
    public Optional<String> flagOf(String setting) {
        String searchPrefix = SEARCH + ".";
        return setting.startsWith(searchPrefix) ? SearchOptions.settingFlags().flagOf(setting.substring(searchPrefix.length()))
                : Optional.ofNullable(FLAGS.get(setting));
    }

    private List<String> publishedNames() {
        if (published.trim().equalsIgnoreCase("none")) {
            return List.of();
        }
        return Arrays.stream(published.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
    }
}

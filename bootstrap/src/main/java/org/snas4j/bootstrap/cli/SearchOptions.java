package org.snas4j.bootstrap.cli;

import java.util.Map;
import java.util.function.Function;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.in.search.SearchConfiguration;
import org.snas4j.domain.cost.ConstraintLevel;
import org.snas4j.domain.cost.CostForm;
import org.snas4j.domain.cost.CostMetric;
import org.snas4j.domain.cost.GradientEstimator;
import org.snas4j.domain.distribution.TemperatureSchedule;
import org.snas4j.domain.genotype.Top2Rule;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Every setting of a search as command-line options, with the defaults of
 * {@link SearchConfiguration#DEFAULTS}: shared by {@code search} and by the commands that run
 * searches of their own ({@code study}).
 */
public final class SearchOptions {

    private static final SearchConfiguration D = SearchConfiguration.DEFAULTS;

    @Mixin
    DatasetOptions dataset = new DatasetOptions();

    @Mixin
    ImageFolderFlags folder = new ImageFolderFlags();

    @Option(names = "--layers", paramLabel = "N", description = "Cells in the supernet (default: ${DEFAULT-VALUE}; paper: 8).")
    int layers = D.layers();

    @Option(names = "--channels", paramLabel = "C", description = "Initial channels (default: ${DEFAULT-VALUE}; paper: 16).")
    int channels = D.channels();

    @Option(names = "--batch", paramLabel = "N", description = "Mini-batch size (default: ${DEFAULT-VALUE}; paper: 64).")
    int batchSize = D.batchSize();

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs in all, warm-up included (default: ${DEFAULT-VALUE}; paper: 150).")
    int epochs = D.epochs();

    @Option(names = "--warmup-epochs", paramLabel = "N", description = "First epochs with alpha frozen, training uniformly drawn one-hot "
            + "architectures (the authors' --random_sample_pretrain; default: 2 of 7 epochs, the same share, rounded, of other --epochs).")
    Integer warmupEpochs;

    @Option(names = "--drop-path", paramLabel = "P", description = "Drop-path probability on every mixed edge while training the supernet "
            + "(default: ${DEFAULT-VALUE}, as in the authors' command; 0 = none).")
    double dropPath = D.dropPath();

    @Option(names = "--train-limit", paramLabel = "N", description = "Use the first N training images, 0 = all (default: ${DEFAULT-VALUE}: "
            + "exactly the bundled subset, also when the full set is installed, so the default run is the same everywhere).")
    int trainLimit = D.trainLimit();

    @Option(names = "--validation-fraction", paramLabel = "F", description = "Part of the training images held out to validate the child (default: ${DEFAULT-VALUE}).")
    double validationFraction = D.validationFraction();

    @Option(names = "--seed", description = "Seed of everything random (default: ${DEFAULT-VALUE}).")
    long seed = D.seed();

    @Option(names = "--tau", paramLabel = "T", description = "Temperature at the first epoch after the warm-up (default: ${DEFAULT-VALUE}).")
    double temperature = D.temperatureStart();

    @Option(names = "--tau-floor", paramLabel = "T", description = "Temperature at the last epoch (default: ${DEFAULT-VALUE}).")
    double temperatureFloor = D.temperatureFloor();

    @Option(names = "--tau-schedule", paramLabel = "KIND", description = "linear or exponential (default: ${DEFAULT-VALUE}).")
    String temperatureSchedule = D.temperatureSchedule().id();

    @Option(names = "--constraint", paramLabel = "LEVEL", description = "Resource constraint: none, mild, moderate or aggressive (default: ${DEFAULT-VALUE}).")
    String constraint = "none";

    @Option(names = "--lambda", paramLabel = "L", description = "Penalty weight; overrides --constraint.")
    Double lambda;

    @Option(names = "--cost", paramLabel = "METRIC", description = "parameters, flops, mac or combined (default: ${DEFAULT-VALUE}).")
    String cost = D.costMetric().id();

    @Option(names = "--cost-form", paramLabel = "FORM", description = "log (the authors') or linear (default: ${DEFAULT-VALUE}).")
    String costForm = D.costForm().id();

    @Option(names = "--estimator", paramLabel = "KIND", description = "Penalty gradient: reparametrisation, expectation or score-function (default: ${DEFAULT-VALUE}).")
    String estimator = D.estimator().id().replace('_', '-');

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Initial weight learning rate, cosine-annealed to 0.001 (default: ${DEFAULT-VALUE}).")
    double learningRate = D.learningRate();

    @Option(names = "--arch-learning-rate", paramLabel = "LR", description = "Adam learning rate of the architecture logits (default: ${DEFAULT-VALUE}; paper: 3e-4 over 150 epochs).")
    double architectureLearningRate = D.architectureLearningRate();

    @Option(names = "--top2-rule", paramLabel = "RULE", description = "Top-2 child: darts (never keeps none) or snas (the authors' code: "
            + "none may be kept) (default: ${DEFAULT-VALUE}).")
    String top2Rule = D.top2Rule().id();

    @Option(names = "--child-calibration-batches", paramLabel = "N", description = "Training batches on which each derived child's "
            + "batch-norm statistics are re-estimated before it is validated, 0 = use the supernet's (default: ${DEFAULT-VALUE}).")
    int childCalibrationBatches = D.childCalibrationBatches();

    @Mixin
    DeviceOptions deviceOptions = new DeviceOptions();

    /** Setting of {@link SearchConfiguration} -> the flag that sets it (learningRateMin has none). */
    private static final Map<String, String> FLAGS = flags();

    private static Map<String, String> flags() {
        Map<String, String> flags = SettingFlags.ofEveryTrainingRun();
        flags.putAll(Map.of("warmupEpochs", "--warmup-epochs", "temperatureStart", "--tau", "temperatureFloor", "--tau-floor",
                "temperatureSchedule", "--tau-schedule", "lambda", "--lambda", "costMetric", "--cost", "costForm", "--cost-form",
                "estimator", "--estimator", "architectureLearningRate", "--arch-learning-rate", "top2Rule", "--top2-rule"));
        flags.put("childCalibrationBatches", "--child-calibration-batches");
        return Map.copyOf(flags);
    }

    /** Which of these options sets each setting of a search. */
    public static SettingFlags settingFlags() {
        return SettingFlags.of(FLAGS);
    }

    /** The configuration these options describe; an unknown name gets one line naming its flag. */
    public SearchConfiguration configuration() {
        double penaltyWeight = lambda != null ? lambda : parse("--constraint", constraint, ConstraintLevel::fromId).lambda();
        SearchConfiguration.Builder builder = SearchConfiguration.builder()
                .dataset(dataset.request(folder.options()))
                .layers(layers).channels(channels).batchSize(batchSize).epochs(epochs).seed(seed)
                .temperatureStart(temperature).temperatureFloor(temperatureFloor)
                .temperatureSchedule(parse("--tau-schedule", temperatureSchedule, TemperatureSchedule.Kind::fromId))
                .lambda(penaltyWeight)
                .costMetric(parse("--cost", cost, CostMetric::fromId))
                .costForm(parse("--cost-form", costForm, CostForm::fromId))
                .estimator(parse("--estimator", estimator, GradientEstimator::fromId))
                .validationFraction(validationFraction).learningRate(learningRate).learningRateMin(D.learningRateMin())
                .architectureLearningRate(architectureLearningRate)
                .device(deviceOptions.device()).threads(deviceOptions.threads()).trainLimit(trainLimit)
                .dropPath(dropPath)
                .top2Rule(parse("--top2-rule", top2Rule, Top2Rule::fromId))
                .childCalibrationBatches(childCalibrationBatches);
        if (warmupEpochs != null) {
            builder.warmupEpochs(warmupEpochs); // else the builder's default share of the epochs
        }
        return builder.build();
    }

    static <T> T parse(String flag, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(flag, e.getMessage());
        }
    }
}

package org.snas4j.bootstrap.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.in.retrain.ChildEvaluation;
import org.snas4j.application.port.in.retrain.RandomTransforms;
import org.snas4j.application.port.in.retrain.RetrainConfiguration;
import org.snas4j.application.port.in.retrain.RetrainGenotypeUseCase;
import org.snas4j.application.port.in.retrain.RetrainOutcome;
import org.snas4j.application.port.out.data.DatasetRequest;
import org.snas4j.application.service.describe.GenotypeCatalog;
import org.snas4j.domain.space.NetworkKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Retrains a genotype's evaluation network from scratch (DARTS' train.py), or resumes such a run. */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Train a found architecture from scratch: DARTS' evaluation network of the genotype, SGD with cosine learning "
                + "rate, drop-path, optional auxiliary head and Cutout; the test-set accuracy is written to the run directory.",
            "Defaults are sized for a CPU; the papers' setting is --layers 20 --channels 36 --batch 96 --epochs 600 --auxiliary "
                + "--cutout 16 on CIFAR-10."})
public final class TrainCommand implements Callable<Integer>, RunsTensorFlow, SettingFlags {

    private static final RetrainConfiguration D = RetrainConfiguration.DEFAULTS;

    @Spec
    CommandSpec spec;

    @Option(names = "--genotype", paramLabel = "GENOTYPE", description = "Published name (snas-mild, snas-moderate, "
            + "snas-aggressive, darts-v2), genotype file (.pb, .textproto, .json) or finished search run directory "
            + "(its final edge-all genotype). Required unless --resume.")
    String genotype;

    @Mixin
    DatasetOptions dataset = new DatasetOptions();

    @Mixin
    ImageFolderFlags folder = new ImageFolderFlags();

    @Option(names = "--network", paramLabel = "KIND", description = "cifar (DARTS' NetworkCIFAR) or imagenet (NetworkImageNet, the "
            + "mobile setting: two stride-2 stems, so the input size must be divisible by 32; the papers' setting is --layers 14 "
            + "--channels 48 --input-size 224 --auxiliary) (default: ${DEFAULT-VALUE}).")
    String network = NetworkKind.CIFAR.id();

    @Option(names = "--label-smoothing", paramLabel = "EPS", description = "Label smoothing of the training loss (default: 0.1 with "
            + "--network imagenet as DARTS and SNAS train it, else 0).")
    Double labelSmoothing;

    @Option(names = "--weight-decay", paramLabel = "WD", description = "L2 weight decay (default: 3e-5 with --network imagenet, else 3e-4, "
            + "DARTS' values).")
    Double weightDecay;

    @Option(names = "--layers", paramLabel = "N", description = "Cells (default: ${DEFAULT-VALUE}; paper: 20).")
    int layers = D.layers();

    @Option(names = "--channels", paramLabel = "C", description = "Initial channels (default: ${DEFAULT-VALUE}; paper: 36).")
    int channels = D.channels();

    @Option(names = "--batch", paramLabel = "N", description = "Mini-batch size (default: ${DEFAULT-VALUE}; paper: 96).")
    int batchSize = D.batchSize();

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}; paper: 600).")
    int epochs = D.epochs();

    @Option(names = "--train-limit", paramLabel = "N", description = "Use the first N training images, 0 = all (default: ${DEFAULT-VALUE}).")
    int trainLimit = D.trainLimit();

    @Option(names = "--validation-fraction", paramLabel = "F", description = "0: train on all training images and report the "
            + "test set every epoch (DARTS); else hold out this share and report it, the test set only at the end (default: ${DEFAULT-VALUE}).")
    double validationFraction = D.validationFraction();

    @Option(names = "--seed", description = "Seed of everything random (default: ${DEFAULT-VALUE}).")
    long seed = D.seed();

    @Option(names = "--auxiliary", description = "Train with the auxiliary head at cell 2*layers/3 (loss weight --auxiliary-weight).")
    boolean auxiliary = D.auxiliary();

    @Option(names = "--auxiliary-weight", paramLabel = "W", description = "Auxiliary loss weight (default: ${DEFAULT-VALUE}).")
    double auxiliaryWeight = D.auxiliaryWeight();

    @Option(names = "--augment", paramLabel = "TRANSFORMS", description = "Random transforms of the training images: auto (crop "
            + "and flip for colour images, none for grey ones, as digits must not be flipped), none, crop (4-pixel padded random "
            + "crop), flip (left-right), crop-flip (DARTS on CIFAR-10; also right for Fashion-MNIST) (default: ${DEFAULT-VALUE}).")
    String augment = D.randomTransforms().id();

    @Option(names = "--cutout", paramLabel = "PIXELS", description = "Cutout square side, 0 = off (default: ${DEFAULT-VALUE}; paper: 16).")
    int cutout = D.cutout();

    @Option(names = "--drop-path", paramLabel = "P", description = "Drop-path probability at the last epoch, ramped linearly from 0 "
            + "(default: ${DEFAULT-VALUE}; paper: 0.2).")
    double dropPath = D.dropPath();

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Initial learning rate, cosine-annealed to 0 (default: ${DEFAULT-VALUE}).")
    double learningRate = D.learningRate();

    @Option(names = "--pool-bn", description = "Affine BN after every pool (the SNAS code); DARTS' pools are plain.")
    boolean poolBatchNorm = D.batchNormAfterPools();

    @Mixin
    DeviceOptions deviceOptions = new DeviceOptions();

    @Option(names = {"--output", "-o"}, paramLabel = "DIR", description = "Run directory to create (default: runs/train-<date-time>).")
    Path output;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue a stopped run from its last checkpoint; other options are ignored.")
    Path resume;

    private final RetrainGenotypeUseCase retrain;
    private final GenotypeCatalog genotypes;

    @Inject
    TrainCommand(RetrainGenotypeUseCase retrain, GenotypeCatalog genotypes) {
        this.retrain = Objects.requireNonNull(retrain, "retrain");
        this.genotypes = Objects.requireNonNull(genotypes, "genotypes");
    }

    @Override
    public Integer call() {
        String commandLine = String.join(" ", spec.commandLine().getParseResult().originalArgs());
        RetrainOutcome outcome = resume != null
                ? retrain.resume(resume, commandLine)
                : retrain.retrain(configuration(), DefaultOutput.orDefault(output, "train"), commandLine);
        PrintWriter out = spec.commandLine().getOut();
        ChildEvaluation test = outcome.result().test();
        out.printf(Locale.ROOT, "Training finished: %s%n", outcome.runDirectory());
        out.printf(Locale.ROOT, "  test accuracy %.2f%%%s, loss %.4f on %d images%n", 100 * test.top1(),
                test.top5().isPresent() ? String.format(Locale.ROOT, " (top-5 %.2f%%)", 100 * test.top5().getAsDouble()) : "",
                test.loss(), test.examples());
        out.printf(Locale.ROOT, "  %,d parameters (%,d without the auxiliary head); result and provenance in %s%n",
                outcome.result().parameters(), outcome.result().parametersWithoutAuxiliary(), outcome.runDirectory().resolve("result.properties"));
        out.print(ReportCommand.pointer(spec, outcome.runDirectory()));
        out.flush();
        return ExitCodes.OK;
    }

    RetrainConfiguration configuration() {
        if (genotype == null) {
            throw new InvalidInputException("--genotype", "required (a published name, a genotype file or a search run directory)");
        }
        NetworkKind kind = SearchOptions.parse("--network", network, NetworkKind::fromId);
        RetrainConfiguration.Builder builder = RetrainConfiguration.builder()
                .dataset(dataset.request(folder.options()))
                .genotype(genotype, genotypes.resolve(genotype))
                .layers(layers).channels(channels).batchSize(batchSize).epochs(epochs).seed(seed)
                .auxiliary(auxiliary).auxiliaryWeight(auxiliaryWeight).cutout(cutout).dropPath(dropPath).learningRate(learningRate)
                .batchNormAfterPools(poolBatchNorm).validationFraction(validationFraction)
                .device(deviceOptions.device()).threads(deviceOptions.threads()).trainLimit(trainLimit)
                .randomTransforms(SearchOptions.parse("--augment", augment, RandomTransforms::fromId))
                .networkWithRecipe(kind);
        if (labelSmoothing != null) {
            builder.labelSmoothing(labelSmoothing);
        }
        if (weightDecay != null) {
            builder.weightDecay(weightDecay);
        }
        return builder.build();
    }

    @Override
    public Optional<String> flagOf(String setting) {
        return Optional.ofNullable(FLAGS.get(setting));
    }

    /** Setting of {@link RetrainConfiguration} -> the flag that sets it (learningRateMin has none). */
    static final Map<String, String> FLAGS = flags();

    private static Map<String, String> flags() {
        Map<String, String> flags = SettingFlags.ofEveryTrainingRun();
        flags.putAll(Map.of("genotype", "--genotype", "genotypeSource", "--genotype", "auxiliary", "--auxiliary",
                "auxiliaryWeight", "--auxiliary-weight", "cutout", "--cutout", "batchNormAfterPools", "--pool-bn"));
        flags.putAll(Map.of("network", "--network", "labelSmoothing", "--label-smoothing", "weightDecay", "--weight-decay",
                "randomTransforms", "--augment"));
        return Map.copyOf(flags);
    }
}

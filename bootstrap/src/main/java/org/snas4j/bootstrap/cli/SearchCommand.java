package org.snas4j.bootstrap.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.data.DatasetRequest;
import org.snas4j.application.port.in.SearchArchitectureUseCase;
import org.snas4j.application.search.EpochMetrics;
import org.snas4j.application.search.SearchConfiguration;
import org.snas4j.application.search.SearchOutcome;
import org.snas4j.domain.cost.ConstraintLevel;
import org.snas4j.domain.cost.CostMetric;
import org.snas4j.domain.cost.GradientEstimator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs (or resumes) an SNAS search. */
@Command(name = "search",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Search a cell architecture with SNAS: weights and architecture logits trained together with one loss.",
            "With no options it searches on the bundled Fashion-MNIST subset with settings sized for a laptop CPU."})
public final class SearchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "NAME", description = "fashion-mnist, mnist or cifar10 (default: ${DEFAULT-VALUE}).")
    String dataset = "fashion-mnist";

    @Option(names = "--data", paramLabel = "DIR", description = "Directory holding the dataset's files. Default for fashion-mnist: "
            + "/usr/share/datasets/fashion-mnist when present, else the bundled 10,000-image subset.")
    Path dataDirectory;

    @Option(names = "--layers", paramLabel = "N", description = "Cells in the supernet (default: ${DEFAULT-VALUE}; paper: 8).")
    int layers = 5;

    @Option(names = "--channels", paramLabel = "C", description = "Initial channels (default: ${DEFAULT-VALUE}; paper: 16).")
    int channels = 8;

    @Option(names = "--batch", paramLabel = "N", description = "Mini-batch size (default: ${DEFAULT-VALUE}; paper: 64).")
    int batchSize = 64;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs; the temperature anneals over exactly these (default: ${DEFAULT-VALUE}; paper: 150).")
    int epochs = 5;

    @Option(names = "--train-limit", paramLabel = "N", description = "Use the first N training images, 0 = all (default: ${DEFAULT-VALUE}: "
            + "exactly the bundled subset, also when the full set is installed, so the default run is the same everywhere).")
    int trainLimit = 10_000;

    @Option(names = "--validation-fraction", paramLabel = "F", description = "Part of the training images held out to validate the child (default: ${DEFAULT-VALUE}).")
    double validationFraction = 0.2;

    @Option(names = "--seed", description = "Seed of everything random (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--tau", paramLabel = "T", description = "Initial temperature (default: ${DEFAULT-VALUE}).")
    double temperature = 1.0;

    @Option(names = "--tau-floor", paramLabel = "T", description = "Temperature at the last epoch (default: ${DEFAULT-VALUE}).")
    double temperatureFloor = 0.03;

    @Option(names = "--tau-schedule", paramLabel = "KIND", description = "linear or exponential (default: ${DEFAULT-VALUE}).")
    String temperatureSchedule = "linear";

    @Option(names = "--constraint", paramLabel = "LEVEL", description = "Resource constraint: none, mild, moderate or aggressive (default: ${DEFAULT-VALUE}).")
    String constraint = "mild";

    @Option(names = "--lambda", paramLabel = "L", description = "Penalty weight; overrides --constraint.")
    Double lambda;

    @Option(names = "--cost", paramLabel = "METRIC", description = "parameters, flops, mac or combined (default: ${DEFAULT-VALUE}).")
    String cost = "combined";

    @Option(names = "--cost-form", paramLabel = "FORM", description = "log (the authors') or linear (default: ${DEFAULT-VALUE}).")
    String costForm = "log";

    @Option(names = "--estimator", paramLabel = "KIND", description = "Penalty gradient: reparametrisation, expectation or score-function (default: ${DEFAULT-VALUE}).")
    String estimator = "reparametrisation";

    @Option(names = "--learning-rate", paramLabel = "LR", description = "Initial weight learning rate, cosine-annealed to 0.001 (default: ${DEFAULT-VALUE}).")
    double learningRate = 0.025;

    @Option(names = "--arch-learning-rate", paramLabel = "LR", description = "Adam learning rate of the architecture logits (default: ${DEFAULT-VALUE}; paper: 3e-4 over 150 epochs).")
    double architectureLearningRate = 0.03;

    @Mixin
    DeviceOptions deviceOptions = new DeviceOptions();

    @Option(names = {"--output", "-o"}, paramLabel = "DIR", description = "Run directory to create (default: runs/search-<date-time>).")
    Path output;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue a killed or stopped run from its last checkpoint; other options are ignored.")
    Path resume;

    private final SearchArchitectureUseCase search;

    @Inject
    SearchCommand(SearchArchitectureUseCase search) {
        this.search = Objects.requireNonNull(search, "search");
    }

    @Override
    public Integer call() {
        String commandLine = String.join(" ", spec.commandLine().getParseResult().originalArgs());
        SearchOutcome outcome;
        if (resume != null) {
            outcome = search.resume(resume, commandLine);
        } else {
            outcome = search.search(configuration(), outputDirectory(), commandLine);
        }
        PrintWriter out = spec.commandLine().getOut();
        EpochMetrics last = outcome.last();
        out.printf(Locale.ROOT, "Search finished: %s%n", outcome.runDirectory());
        out.printf(Locale.ROOT, "  child (edge-all, not retrained) held-out accuracy %.2f%%, supernet %.2f%%%n",
                100 * last.childAccuracy(), 100 * last.supernetAccuracy());
        out.printf(Locale.ROOT, "  parameter-free edges %d of 28; genotypes in %s%n", last.parameterFreeEdges(),
                outcome.runDirectory().resolve("genotypes"));
        out.flush();
        return ExitCodes.OK;
    }

    SearchConfiguration configuration() {
        double penaltyWeight = lambda != null ? lambda : parse("--constraint", constraint, ConstraintLevel::fromId).lambda();
        boolean exponential = switch (temperatureSchedule) {
            case "linear" -> false;
            case "exponential" -> true;
            default -> throw new InvalidInputException("--tau-schedule", "unknown schedule '" + temperatureSchedule + "' (expected linear or exponential)");
        };
        boolean logarithmic = switch (costForm) {
            case "log" -> true;
            case "linear" -> false;
            default -> throw new InvalidInputException("--cost-form", "unknown form '" + costForm + "' (expected log or linear)");
        };
        return new SearchConfiguration(new DatasetRequest(dataset, Optional.ofNullable(dataDirectory)), layers, channels, batchSize,
                epochs, seed, temperature, temperatureFloor, exponential, penaltyWeight, parse("--cost", cost, CostMetric::fromId),
                logarithmic, parse("--estimator", estimator, GradientEstimator::fromId), validationFraction, learningRate, 0.001,
                architectureLearningRate, deviceOptions.device(), deviceOptions.threads(), trainLimit);
    }

    private Path outputDirectory() {
        if (output != null) {
            return output;
        }
        return Path.of("runs", "search-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    private static <T> T parse(String flag, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(flag, e.getMessage());
        }
    }
}

package org.snas4j.bootstrap.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.snas4j.application.port.in.predict.PredictUseCase;
import org.snas4j.application.port.in.predict.Prediction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Classifies images with an exported model. */
@Command(name = "predict",
        mixinStandardHelpOptions = true,
        description = {"Classify images with a model written by 'export'.",
            "IMAGES is an IDX image file (raw or .gz, as MNIST ships them), a CIFAR-10 binary batch (its labels are compared) "
                + "or a picture (PNG, JPEG, ...) of the model's size."})
public final class PredictCommand implements Callable<Integer>, SettingFlags {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", required = true, description = "An exported model directory.")
    Path model;

    @Parameters(index = "0", paramLabel = "IMAGES", description = "The images to classify.")
    Path images;

    @Option(names = "--limit", paramLabel = "N", description = "Classify at most N images, 0 = all (default: ${DEFAULT-VALUE}).")
    int limit;

    private final PredictUseCase predict;

    @Inject
    PredictCommand(PredictUseCase predict) {
        this.predict = Objects.requireNonNull(predict, "predict");
    }

    @Override
    public Optional<String> flagOf(String setting) {
        return "limit".equals(setting) ? Optional.of("--limit") : Optional.empty();
    }

    @Override
    public Integer call() {
        List<Prediction> predictions = predict.predict(model, images, limit);
        PrintWriter out = spec.commandLine().getOut();
        out.println("image\tclass\tprobability\tlabel");
        long labelled = 0;
        long correct = 0;
        for (Prediction p : predictions) {
            out.printf(Locale.ROOT, "%d\t%d\t%.4f\t%s%n", p.index(), p.predicted(), p.probability(),
                    p.label().isPresent() ? Integer.toString(p.label().getAsInt()) : "-");
            if (p.label().isPresent()) {
                labelled++;
                correct += p.label().getAsInt() == p.predicted() ? 1 : 0;
            }
        }
        if (labelled > 0) {
            out.printf(Locale.ROOT, "accuracy %.2f%% (%d of %d labelled images)%n", 100.0 * correct / labelled, correct, labelled);
        }
        out.flush();
        return ExitCodes.OK;
    }
}

package org.snas4j.bootstrap.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.in.predict.PredictUseCase;
import org.snas4j.application.port.in.predict.Prediction;
import org.snas4j.application.port.in.predict.Predictions;
import org.snas4j.application.port.out.data.DatasetRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Classifies images with an exported model. */
@Command(name = "predict",
        mixinStandardHelpOptions = true,
        description = {"Classify images with a model written by 'export', printing class names.",
            "IMAGES is an IDX image file (raw or .gz, as MNIST ships them), a CIFAR-10 binary batch (its labels are compared) "
                + "or a picture (PNG, JPEG, ...) of the model's size.",
            "--dataset folder --data DIR classifies a folder with one sub-folder of pictures per class (its test/ part when it "
                + "has train/ and test/), fitted to the model's input as its training fitted them; the folder names are the labels.",
            "With labels, the accuracy and a confusion matrix follow the predictions."})
public final class PredictCommand implements Callable<Integer>, RunsTensorFlow, SettingFlags {

    /** Up to this many classes the whole confusion matrix is printed; beyond, the most frequent confusions. */
    static final int FULL_MATRIX_CLASSES = 30;
    static final int LISTED_CONFUSIONS = 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", required = true, description = "An exported model directory.")
    Path model;

    @Parameters(index = "0", arity = "0..1", paramLabel = "IMAGES", description = "The images to classify (or --dataset folder --data DIR).")
    Path images;

    @Option(names = "--dataset", paramLabel = "NAME", description = "folder: classify the pictures of --data DIR.")
    String dataset;

    @Option(names = "--data", paramLabel = "DIR", description = "The folder of pictures, one sub-folder per class.")
    Path data;

    @Option(names = "--skip-bad-images", description = "Leave out files of the folder that are no usable pictures, with a warning.")
    boolean skipBadImages;

    @Option(names = "--limit", paramLabel = "N", description = "Classify at most N images, 0 = all (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    DeviceOptions deviceOptions = new DeviceOptions();

    private final PredictUseCase predict;

    @Inject
    PredictCommand(PredictUseCase predict) {
        this.predict = Objects.requireNonNull(predict, "predict");
    }

    @Override
    public Optional<String> flagOf(String setting) {
        return "limit".equals(setting) ? Optional.of("--limit") : Optional.ofNullable(DeviceOptions.flags().get(setting));
    }

    @Override
    public Integer call() {
        Predictions predictions = folder() ? predict.predictFolder(model, data, skipBadImages, limit, deviceOptions.device(), deviceOptions.threads())
                : predict.predict(model, images, limit, deviceOptions.device(), deviceOptions.threads());
        PrintWriter out = spec.commandLine().getOut();
        out.println("image\tclass\tprobability\tlabel");
        for (Prediction p : predictions.items()) {
            out.printf(Locale.ROOT, "%s\t%s\t%.4f\t%s%n", cell(p.image()), cell(predictions.classNames().get(p.predicted())), p.probability(),
                    p.label().isPresent() ? cell(predictions.classNames().get(p.label().getAsInt())) : "-");
        }
        predictions.confusion().ifPresent(confusion -> out.print(ConfusionReport.render(confusion, FULL_MATRIX_CLASSES, LISTED_CONFUSIONS)));
        out.flush();
        return ExitCodes.OK;
    }

    private boolean folder() {
        if (dataset == null && data == null) {
            if (images == null) {
                throw new InvalidInputException("IMAGES", "give the images to classify, or --dataset folder --data DIR");
            }
            return false;
        }
        if (!DatasetRequest.FOLDER.equals(dataset)) {
            throw new InvalidInputException("--dataset", "predict reads files directly (give them as IMAGES); --dataset takes only "
                    + "'folder', with --data DIR" + (dataset == null ? "" : ", got '" + dataset + "'"));
        }
        if (data == null) {
            throw new InvalidInputException("--data", "--dataset folder needs the folder: --data DIR");
        }
        if (images != null) {
            throw new InvalidInputException("IMAGES", "give either IMAGES or --dataset folder --data DIR, not both");
        }
        return true;
    }

    /** Tab-separated output: a name's own tabs and line breaks become spaces. */
    private static String cell(String text) {
        return text.replaceAll("[\\t\\r\\n]", " ");
    }
}

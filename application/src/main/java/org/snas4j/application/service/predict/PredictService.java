package org.snas4j.application.service.predict;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.SettingChecks;
import org.snas4j.application.port.in.predict.PredictUseCase;
import org.snas4j.application.port.in.predict.Prediction;
import org.snas4j.application.port.out.data.ImageFileReader;
import org.snas4j.application.port.out.serving.ServedModel;
import org.snas4j.application.port.out.serving.ServedModelLoader;

/**
 * Feeds images to an exported model in batches. Pictures are not resized (a differently sized image is
 * refused); a colour picture given to a grayscale model is converted with the ITU-R BT.601 luma
 * weights, a grayscale one given to a colour model is repeated in every channel.
 */
public final class PredictService implements PredictUseCase {

    static final int BATCH = 256;

    private final ServedModelLoader models;
    private final ImageFileReader reader;

    public PredictService(ServedModelLoader models, ImageFileReader reader) {
        this.models = Objects.requireNonNull(models, "models");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    @Override
    public List<Prediction> predict(Path modelDirectory, Path imageFile, int limit) {
        SettingChecks.zeroOrPositive("limit", "all", limit);
        ImageFileReader.Images images = reader.read(imageFile);
        try (ServedModel model = models.load(modelDirectory)) {
            if (images.height() != model.height() || images.width() != model.width()) {
                throw new InvalidInputException(imageFile, "images are " + images.height() + "x" + images.width() + ", the model takes "
                        + model.height() + "x" + model.width());
            }
            int count = limit == 0 ? images.count() : Math.min(limit, images.count());
            int imageSize = model.height() * model.width() * model.channels();
            List<Prediction> predictions = new ArrayList<>(count);
            for (int start = 0; start < count; start += BATCH) {
                int size = Math.min(BATCH, count - start);
                float[] raw = new float[size * imageSize];
                for (int i = 0; i < size; i++) {
                    convert(images, start + i, model.channels(), raw, i * imageSize);
                }
                float[] probabilities = model.probabilities(raw, size);
                int classes = model.classes();
                for (int i = 0; i < size; i++) {
                    int best = 0;
                    for (int k = 1; k < classes; k++) {
                        if (probabilities[i * classes + k] > probabilities[i * classes + best]) {
                            best = k;
                        }
                    }
                    int index = start + i;
                    OptionalInt label = images.labels().map(l -> OptionalInt.of(l[index])).orElse(OptionalInt.empty());
                    predictions.add(new Prediction(index, best, probabilities[i * classes + best], label));
                }
            }
            return predictions;
        }
    }

    /** Image {@code index}'s pixels as floats 0..255 with the model's channel count. */
    static void convert(ImageFileReader.Images images, int index, int channels, float[] target, int offset) {
        int pixels = images.height() * images.width();
        int from = images.channels();
        int base = index * pixels * from;
        byte[] source = images.pixels();
        for (int p = 0; p < pixels; p++) {
            for (int c = 0; c < channels; c++) {
                float value;
                if (from == channels) {
                    value = source[base + p * from + c] & 0xFF;
                } else if (from == 1) {
                    value = source[base + p] & 0xFF;
                } else if (channels == 1 && from >= 3) {
                    value = 0.299f * (source[base + p * from] & 0xFF) + 0.587f * (source[base + p * from + 1] & 0xFF)
                            + 0.114f * (source[base + p * from + 2] & 0xFF);
                } else {
                    throw new InvalidInputException("images", from + "-channel images cannot feed a " + channels + "-channel model");
                }
                target[offset + p * channels + c] = value;
            }
        }
    }
}

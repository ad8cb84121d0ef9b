package org.snas4j.application.service.predict;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.IntFunction;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.SettingChecks;
import org.snas4j.application.port.in.predict.PredictUseCase;
import org.snas4j.application.port.in.predict.Prediction;
import org.snas4j.application.port.in.predict.Predictions;
import org.snas4j.application.port.out.data.ImageDataset;
import org.snas4j.application.port.out.data.ImageFileReader;
import org.snas4j.application.port.out.data.ImageFolderOptions;
import org.snas4j.application.port.out.data.ImageFolderSource;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.application.port.out.serving.ServedModel;
import org.snas4j.application.port.out.serving.ServedModelLoader;

/**
 * Feeds images to an exported model in batches. Pictures of a file are not resized (a differently
 * sized image is refused); a colour picture given to a grayscale model is converted with the ITU-R
 * BT.601 luma weights, a grayscale one given to a colour model is repeated in every channel. The
 * pictures of a folder are brought to the model's size and channels as its training did.
 */
public final class PredictService implements PredictUseCase {

    static final int BATCH = 256;
    /** Float values fed at once at most (64 MB): fewer images per batch when they are large. */
    static final int BATCH_VALUES = 1 << 24;

    private final ServedModelLoader models;
    private final ImageFileReader reader;
    private final ImageFolderSource folders;

    public PredictService(ServedModelLoader models, ImageFileReader reader, ImageFolderSource folders) {
        this.models = Objects.requireNonNull(models, "models");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.folders = Objects.requireNonNull(folders, "folders");
    }

    @Override
    public Predictions predict(Path modelDirectory, Path imageFile, int limit, Device device, int threads) {
        checkSettings(limit, threads);
        ImageFileReader.Images images = reader.read(imageFile);
        try (ServedModel model = models.load(modelDirectory, device, threads)) {
            if (images.height() != model.height() || images.width() != model.width()) {
                throw new InvalidInputException(imageFile, "images are " + images.height() + "x" + images.width() + ", the model takes "
                        + model.height() + "x" + model.width());
            }
            int count = limit == 0 ? images.count() : Math.min(limit, images.count());
            int imageSize = model.height() * model.width() * model.channels();
            int batch = batchFor(imageSize);
            List<Prediction> predictions = new ArrayList<>(count);
            for (int start = 0; start < count; start += batch) {
                int size = Math.min(batch, count - start);
                float[] raw = new float[size * imageSize];
                for (int i = 0; i < size; i++) {
                    convert(images, start + i, model.channels(), raw, i * imageSize);
                }
                classify(model, raw, start, size, Integer::toString,
                        index -> images.labels().map(l -> OptionalInt.of(l[index])).orElse(OptionalInt.empty()), predictions);
            }
            return new Predictions(model.classNames(), predictions);
        }
    }

    @Override
    public Predictions predictFolder(Path modelDirectory, Path folder, boolean skipBadImages, int limit, Device device, int threads) {
        checkSettings(limit, threads);
        try (ServedModel model = models.load(modelDirectory, device, threads)) {
            if (model.height() != model.width()) {
                throw new InvalidInputException(modelDirectory, "takes " + model.height() + "x" + model.width()
                        + " images; folders are read as square pictures");
            }
            ImageFolderOptions options = new ImageFolderOptions(model.height(), model.channels(), model.imageFit(),
                    ImageFolderOptions.DEFAULT_TEST_FRACTION, skipBadImages, ImageFolderOptions.DEFAULT_MAX_IMAGE_PIXELS, 0);
            ImageFolderSource.FolderImages read = folders.readAll(folder, options);
            ImageDataset images = read.images();
            int[] modelClass = modelClasses(folder, images.classNames(), model.classNames());
            int count = limit == 0 ? images.size() : Math.min(limit, images.size());
            int imageSize = images.imageSize();
            int batch = batchFor(imageSize);
            List<Prediction> predictions = new ArrayList<>(count);
            float[] raw = new float[Math.min(batch, Math.max(1, count)) * imageSize];
            images.forEachImage((index, image) -> {
                if (index >= count) {
                    return;
                }
                int slot = index % batch;
                for (int p = 0; p < imageSize; p++) {
                    raw[slot * imageSize + p] = image[p] & 0xFF;
                }
                if (slot == batch - 1 || index == count - 1) {
                    float[] full = (slot + 1) * imageSize == raw.length ? raw : Arrays.copyOf(raw, (slot + 1) * imageSize);
                    classify(model, full, index - slot, slot + 1, read.names()::get, i -> OptionalInt.of(modelClass[images.label(i)]),
                            predictions);
                }
            });
            return new Predictions(model.classNames(), predictions);
        }
    }

    /** Images per batch: {@link #BATCH}, fewer when that many would exceed {@link #BATCH_VALUES}. */
    static int batchFor(int imageSize) {
        return Math.max(1, Math.min(BATCH, BATCH_VALUES / imageSize));
    }

    /** The model's index of every folder class; a class the model does not know is refused. */
    private static int[] modelClasses(Path folder, List<String> folderClasses, List<String> modelClassNames) {
        int[] mapped = new int[folderClasses.size()];
        for (int c = 0; c < mapped.length; c++) {
            mapped[c] = modelClassNames.indexOf(folderClasses.get(c));
            if (mapped[c] < 0) {
                throw new InvalidInputException(folder.resolve(folderClasses.get(c)), "is a class the model does not know (its classes: "
                        + String.join(", ", modelClassNames) + ")");
            }
        }
        return mapped;
    }

    private static void classify(ServedModel model, float[] raw, int start, int size, IntFunction<String> name,
                                 IntFunction<OptionalInt> label, List<Prediction> predictions) {
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
            predictions.add(new Prediction(index, name.apply(index), best, probabilities[i * classes + best], label.apply(index)));
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

    /** Refuses a negative limit or thread count before the model is loaded. */
    private static void checkSettings(int limit, int threads) {
        SettingChecks.zeroOrPositive("limit", "all", limit);
        SettingChecks.zeroOrPositive("threads", "all cores", threads);
    }
}

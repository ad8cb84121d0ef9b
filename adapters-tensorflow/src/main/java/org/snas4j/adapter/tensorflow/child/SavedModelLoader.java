package org.snas4j.adapter.tensorflow.child;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.snas4j.adapter.tensorflow.train.SessionSettings;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.data.ImageDataset;
import org.snas4j.application.port.out.data.ImageFit;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.application.port.out.serving.ServedModel;
import org.snas4j.application.port.out.serving.ServedModelLoader;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Loads a model written by {@link SavedModelExporter} (or any SavedModel with the same signature). */
public final class SavedModelLoader implements ServedModelLoader {

    @Override
    public ServedModel load(Path directory, Device device, int threads) {
        if (!Files.isRegularFile(directory.resolve("saved_model.pb"))) {
            throw new InvalidInputException(directory, "is not a SavedModel directory (no saved_model.pb)");
        }
        SavedModelBundle bundle;
        try {
            // The session settings of training (ops side by side, each single-threaded; the device asked for).
            bundle = SavedModelBundle.loader(directory.toString()).withTags(SavedModelBundle.DEFAULT_TAG)
                    .withConfigProto(SessionSettings.of(device, threads).toConfigProto()).load();
        } catch (RuntimeException e) {
            throw new InvalidInputException(directory, "cannot load the SavedModel: " + firstLine(e.getMessage()), e);
        }
        try {
            return new Loaded(bundle, directory);
        } catch (RuntimeException e) {
            bundle.close();
            throw e;
        }
    }

    /** The exporter's serving properties; none for models exported before they existed, or by another tool. */
    private static Properties serving(Path directory) {
        Properties serving = new Properties();
        Path file = directory.resolve(SavedModelExporter.SERVING);
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                serving.load(in);
            } catch (IOException | IllegalArgumentException e) {
                throw new InvalidInputException(file, "cannot be read: " + e.getMessage(), e);
            }
        }
        return serving;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static final class Loaded implements ServedModel {

        private final SavedModelBundle bundle;
        private final SessionFunction function;
        private final long[] inputShape;
        private final int classes;
        private final List<String> classNames;
        private final ImageFit imageFit;

        Loaded(SavedModelBundle bundle, Path directory) {
            this.bundle = bundle;
            Signature signature = bundle.signatures().stream().filter(s -> s.key().equals(SavedModelExporter.SIGNATURE)).findFirst()
                    .orElseThrow(() -> new InvalidInputException(directory, "has no " + SavedModelExporter.SIGNATURE + " signature"));
            if (!signature.inputNames().contains(SavedModelExporter.INPUT)
                    || !signature.outputNames().contains(SavedModelExporter.PROBABILITIES)) {
                throw new InvalidInputException(directory, "signature " + signature.key() + " lacks input '" + SavedModelExporter.INPUT
                        + "' or output '" + SavedModelExporter.PROBABILITIES + "'");
            }
            inputShape = signature.getInputs().get(SavedModelExporter.INPUT).shape.asArray();
            long[] outputShape = signature.getOutputs().get(SavedModelExporter.PROBABILITIES).shape.asArray();
            if (inputShape.length != 4 || outputShape.length != 2) {
                throw new InvalidInputException(directory, "expects [N, H, W, C] images and [N, classes] outputs");
            }
            classes = Math.toIntExact(outputShape[1]);
            Properties serving = serving(directory);
            List<String> names = new ArrayList<>();
            while (serving.getProperty("class." + names.size()) != null) {
                names.add(serving.getProperty("class." + names.size()));
            }
            if (!names.isEmpty() && names.size() != classes) {
                throw new InvalidInputException(directory.resolve(SavedModelExporter.SERVING), "names " + names.size() + " classes, the model has "
                        + classes);
            }
            // Models exported before class names were recorded know their classes by index.
            classNames = names.isEmpty() ? ImageDataset.indexNames(classes) : List.copyOf(names);
            try {
                imageFit = ImageFit.fromId(serving.getProperty("input.fit", ImageFit.CROP.id()));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(directory.resolve(SavedModelExporter.SERVING), e.getMessage());
            }
            function = bundle.function(signature.key());
        }

        @Override
        public int height() {
            return Math.toIntExact(inputShape[1]);
        }

        @Override
        public int width() {
            return Math.toIntExact(inputShape[2]);
        }

        @Override
        public int channels() {
            return Math.toIntExact(inputShape[3]);
        }

        @Override
        public int classes() {
            return classes;
        }

        @Override
        public List<String> classNames() {
            return classNames;
        }

        @Override
        public ImageFit imageFit() {
            return imageFit;
        }

        @Override
        public float[] probabilities(float[] rawPixels, int count) {
            return run(SavedModelExporter.PROBABILITIES, rawPixels, count);
        }

        private float[] run(String output, float[] rawPixels, int count) {
            int imageSize = height() * width() * channels();
            if (count <= 0 || rawPixels.length != count * imageSize) {
                throw new IllegalArgumentException(count + " images of " + height() + "x" + width() + "x" + channels() + " need "
                        + (long) count * imageSize + " values, got " + rawPixels.length);
            }
            try (TFloat32 images = TFloat32.tensorOf(Shape.of(count, height(), width(), channels()), DataBuffers.of(rawPixels, true, false));
                 Result result = function.call(Map.<String, Tensor>of(SavedModelExporter.INPUT, images))) {
                TFloat32 values = (TFloat32) result.get(output).orElseThrow();
                float[] copy = new float[count * classes];
                values.copyTo(DataBuffers.of(copy, false, false));
                return copy;
            }
        }

        @Override
        public void close() {
            bundle.close();
        }
    }
}

package org.snas4j.adapter.tensorflow.child;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.data.ImageFit;
import org.snas4j.application.port.out.data.Normalization;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.application.port.out.serving.ServedModel;
import org.snas4j.application.port.out.serving.ServingMetadata;
import org.snas4j.application.port.out.training.ChildNetworkConfig;
import org.snas4j.domain.genotype.PublishedGenotypes;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * A trained tiny child exported as a SavedModel: reloaded through TensorFlow Java it gives the
 * training graph's inference-mode logits for the same images, taking raw pixels where the training
 * graph took normalised ones.
 */
class SavedModelExportTest {

    static final java.util.List<String> CLASS_NAMES = java.util.List.of("ant", "b \"q\" = c", "\u00e7a", "d", "e");

    static final int COUNT = 6;
    static final Normalization NORMALIZATION = new Normalization(new float[] {0.4f, 0.5f, 0.6f}, new float[] {0.2f, 0.25f, 0.3f});

    @TempDir
    static Path directory;
    static Path variables;
    static Path exported;
    static ChildNetworkConfig config;
    static float[] raw;
    static float[] trainingGraphLogits;

    @BeforeAll
    static void trainSaveAndExport() {
        config = TensorFlowChildTrainerTest.config(PublishedGenotypes.byName("snas-mild"), true);
        int pixels = 20 * 20 * 3;
        byte[] bytes = new byte[COUNT * pixels];
        new SplittableRandom(8).nextBytes(bytes);
        raw = new float[bytes.length];
        float[] normalised = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = bytes[i] & 0xFF;
        }
        NORMALIZATION.apply(bytes, 0, normalised, 0, bytes.length);
        Batch batch = new Batch(COUNT, 20, 20, 3, 5, normalised, new int[] {0, 1, 2, 3, 4, 0});
        variables = directory.resolve("variables");
        try (TensorFlowChildTrainer trainer = new TensorFlowChildTrainer(config)) {
            for (int step = 0; step < 3; step++) {
                trainer.trainStep(batch, 0.05, 0.2, step);
            }
            trainer.saveVariables(variables);
            trainingGraphLogits = trainer.logits(batch);
        }
        exported = directory.resolve("model");
        new SavedModelExporter().export(config, variables, new ServingMetadata(NORMALIZATION, "test images", "snas-mild",
                "seed 42", CLASS_NAMES, ImageFit.RESIZE), exported);
    }

    @Test
    void tensorFlowJavaReloadsItWithTheTrainingGraphsInferenceLogits() {
        try (SavedModelBundle bundle = SavedModelBundle.load(exported.toString(), "serve")) {
            Signature signature = bundle.signatures().stream().filter(s -> s.key().equals("serving_default")).findFirst().orElseThrow();
            assertEquals(java.util.Set.of("images"), signature.inputNames());
            assertEquals(java.util.Set.of("logits", "probabilities"), signature.outputNames());
            try (TFloat32 images = TFloat32.tensorOf(Shape.of(COUNT, 20, 20, 3), DataBuffers.of(raw, true, false));
                 Result result = bundle.function("serving_default").call(Map.<String, Tensor>of("images", images))) {
                TFloat32 logits = (TFloat32) result.get("logits").orElseThrow();
                assertEquals(Shape.of(COUNT, 5), logits.shape());
                float[] values = new float[COUNT * 5];
                logits.copyTo(DataBuffers.of(values, false, false));
                for (int i = 0; i < values.length; i++) {
                    assertEquals(trainingGraphLogits[i], values[i], 1e-4 * (1 + Math.abs(trainingGraphLogits[i])), "logit " + i);
                }
            }
        }
    }

    @Test
    void theLoaderPortGivesTheSoftmaxOfThoseLogits() {
        try (ServedModel model = new SavedModelLoader().load(exported, Device.CPU, 2)) {
            assertEquals(List.of(20, 20, 3, 5), List.of(model.height(), model.width(), model.channels(), model.classes()));
            float[] probabilities = model.probabilities(raw, COUNT);
            for (int n = 0; n < COUNT; n++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < 5; k++) {
                    max = Math.max(max, trainingGraphLogits[n * 5 + k]);
                }
                double sum = 0;
                for (int k = 0; k < 5; k++) {
                    sum += Math.exp(trainingGraphLogits[n * 5 + k] - max);
                }
                for (int k = 0; k < 5; k++) {
                    double expected = Math.exp(trainingGraphLogits[n * 5 + k] - max) / sum;
                    assertEquals(expected, probabilities[n * 5 + k], 1e-4, "image " + n + " class " + k);
                }
            }
            assertThrows(IllegalArgumentException.class, () -> model.probabilities(new float[7], 1));
        }
    }

    @Test
    void metadataRecordsTheInputConventionNormalisationAndClasses() throws Exception {
        String json = Files.readString(exported.resolve(SavedModelExporter.METADATA));
        assertTrue(json.contains("\"classes\": 5"), json);
        assertTrue(json.contains("raw pixels 0..255"), json);
        assertTrue(json.contains("\"mean\": [0.40000001, 0.50000000, 0.60000002]"), json);
        assertTrue(json.contains("\"genotype\": \"snas-mild\""), json);
        assertTrue(json.contains("\"classNames\": [\"ant\", \"b \\\"q\\\" = c\", \"\u00e7a\", \"d\", \"e\"]"), json);
    }

    @Test
    void theLoadedModelKnowsItsClassNamesAndImageFit() {
        try (var model = new SavedModelLoader().load(exported, Device.CPU, 0)) {
            assertEquals(CLASS_NAMES, model.classNames());
            assertEquals(ImageFit.RESIZE, model.imageFit());
        }
    }

    @Test
    void anExistingTargetIsRefusedAndNothingIsLeftBehind() throws Exception {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new SavedModelExporter().export(config, variables,
                new ServingMetadata(NORMALIZATION, "d", "g", "p", CLASS_NAMES, ImageFit.CROP), exported));
        assertEquals(exported.toString(), e.source());
        Path wrongVariables = directory.resolve("empty");
        Files.createDirectories(wrongVariables);
        assertThrows(InvalidInputException.class, () -> new SavedModelExporter().export(config, wrongVariables,
                new ServingMetadata(NORMALIZATION, "d", "g", "p", CLASS_NAMES, ImageFit.CROP), directory.resolve("other")));
        try (Stream<Path> entries = Files.list(directory)) {
            assertFalse(entries.anyMatch(p -> p.getFileName().toString().startsWith(".tmp-")));
        }
        assertFalse(Files.exists(directory.resolve("other")));
    }

    @Test
    void aDirectoryWithoutAModelIsRefusedByName() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new SavedModelLoader().load(variables, Device.CPU, 0));
        assertEquals(variables.toString(), e.source());
    }
}

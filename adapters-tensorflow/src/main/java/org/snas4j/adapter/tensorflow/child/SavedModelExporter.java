package org.snas4j.adapter.tensorflow.child;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.snas4j.adapter.io.AtomicFiles;
import org.snas4j.adapter.io.FileTrees;
import org.snas4j.adapter.tensorflow.ops.Mode;
import org.snas4j.adapter.tensorflow.ops.NetworkScope;
import org.snas4j.adapter.tensorflow.ops.VariableStore;
import org.snas4j.adapter.tensorflow.train.SessionSettings;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.data.Normalization;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.application.port.out.serving.ModelExporter;
import org.snas4j.application.port.out.serving.ServingMetadata;
import org.snas4j.application.port.out.training.ChildNetworkConfig;
import org.snas4j.domain.space.NetworkShape;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Exports a child network as a TensorFlow SavedModel (tag {@code serve}) with one signature,
 * {@code serving_default}:
 * <ul>
 *   <li>input {@code images}: float32 [N, H, W, C], RAW pixel values 0..255 in NHWC order; the graph
 *       divides by 255 and standardises each channel with the training set's mean and std itself, so
 *       a client needs no preprocessing knowledge;</li>
 *   <li>outputs {@code logits} and {@code probabilities} (softmax), float32 [N, classes].</li>
 * </ul>
 * The graph is the inference pass only (moving BN statistics, no drop-path, no auxiliary head).
 * {@code assets.extra/snas4j-model.json} records the input convention, the normalisation, the class
 * count and where the model came from.
 */
public final class SavedModelExporter implements ModelExporter {

    public static final String SIGNATURE = Signature.DEFAULT_KEY;
    public static final String INPUT = "images";
    public static final String LOGITS = "logits";
    public static final String PROBABILITIES = "probabilities";
    public static final String METADATA = "assets.extra/snas4j-model.json";
    /** What {@link SavedModelLoader} reads back: class names ({@code class.K}) and the image fit, as java.util.Properties. */
    public static final String SERVING = "assets.extra/snas4j-serving.properties";

    @Override
    public void export(ChildNetworkConfig config, Path variablesDirectory, ServingMetadata metadata, Path target) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(metadata, "metadata");
        if (Files.exists(target)) {
            throw new InvalidInputException(target, "already exists; choose a new directory for the exported model");
        }
        if (metadata.normalization().channels() != config.shape().inputChannels()) {
            throw new IllegalArgumentException("normalisation has " + metadata.normalization().channels() + " channels, the network takes "
                    + config.shape().inputChannels());
        }
        Map<String, float[]> trained;
        ChildNetworkConfig onCpu = config.on(Device.CPU, config.threads());
        try (TensorFlowChildTrainer trainer = new TensorFlowChildTrainer(onCpu, SessionSettings.of(Device.CPU, config.threads())
                .withGraphOptimisation(false))) {
            trainer.restoreVariables(variablesDirectory);
            trained = trainer.variableValues();
        }
        Path parent = target.toAbsolutePath().getParent();
        Path temporary = parent.resolve(".tmp-" + target.getFileName() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
        try {
            Files.createDirectories(parent);
            writeSavedModel(onCpu, trained, metadata.normalization(), temporary);
            Path json = temporary.resolve(METADATA);
            Files.createDirectories(json.getParent());
            Files.writeString(json, metadataJson(config, metadata), StandardCharsets.UTF_8);
            writeServing(temporary.resolve(SERVING), metadata);
            // On disk before the rename publishes it: a crash leaves no half-written model under the target's name.
            AtomicFiles.syncTree(temporary);
            // No REPLACE_EXISTING: a target created meanwhile is not overwritten.
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            temporary = null;
            AtomicFiles.syncDirectory(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export the model to " + target + ": " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                deleteQuietly(temporary);
            }
        }
    }

    private static void writeSavedModel(ChildNetworkConfig config, Map<String, float[]> trained, Normalization normalization,
                                        Path directory) throws IOException {
        NetworkShape shape = config.shape();
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            VariableStore variables = new VariableStore(tf);
            Placeholder<TFloat32> images = tf.withName(INPUT).placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, shape.inputSize(), shape.inputSize(), shape.inputChannels())));
            Operand<TFloat32> normalised = normalise(tf, images, normalization);
            ChildNetwork.Outputs outputs = ChildNetwork.inference(NetworkScope.root(tf, variables, Mode.INFERENCE), normalised,
                    config.genotype(), shape, config.options());
            Operand<TFloat32> logits = tf.withName(LOGITS).identity(outputs.logits());
            Operand<TFloat32> probabilities = tf.withName(PROBABILITIES).nn.softmax(outputs.logits());
            try (Session session = new Session(graph)) {
                variables.writeFrom(session, trained);
                Signature signature = Signature.builder().key(SIGNATURE).input(INPUT, images)
                        .output(LOGITS, logits).output(PROBABILITIES, probabilities).build();
                SavedModelBundle.exporter(directory.toString()).withSession(session).withSignature(signature).export();
            }
        }
    }

    /** (x / 255 - mean[c]) / std[c], as {@link Normalization} computes it for training batches. */
    private static Operand<TFloat32> normalise(Ops tf, Operand<TFloat32> raw, Normalization normalization) {
        int channels = normalization.channels();
        float[] mean = new float[channels];
        float[] inverseStd = new float[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = normalization.mean(c);
            inverseStd[c] = 1f / normalization.std(c);
        }
        Operand<TFloat32> unit = tf.math.div(raw, tf.constant(255f));
        return tf.math.mul(tf.math.sub(unit, tf.constant(mean)), tf.constant(inverseStd));
    }

    private static void writeServing(Path file, ServingMetadata metadata) throws IOException {
        java.util.Properties serving = new java.util.Properties();
        for (int k = 0; k < metadata.classNames().size(); k++) {
            serving.setProperty("class." + k, metadata.classNames().get(k));
        }
        serving.setProperty("input.fit", metadata.imageFit().id());
        try (java.io.Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            serving.store(out, "snas4j: class names by index and how pictures were fitted to the input size");
        }
    }

    private static String metadataJson(ChildNetworkConfig config, ServingMetadata metadata) {
        NetworkShape shape = config.shape();
        Normalization n = metadata.normalization();
        StringBuilder mean = new StringBuilder();
        StringBuilder std = new StringBuilder();
        for (int c = 0; c < n.channels(); c++) {
            mean.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.8g", n.mean(c)));
            std.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.8g", n.std(c)));
        }
        return "{\n"
                + "  \"format\": \"snas4j child network, TensorFlow SavedModel\",\n"
                + "  \"signature\": " + quote(SIGNATURE) + ",\n"
                + "  \"input\": {\"name\": " + quote(INPUT) + ", \"shape\": [-1, " + shape.inputSize() + ", " + shape.inputSize() + ", "
                + shape.inputChannels() + "], \"dtype\": \"float32\", \"values\": \"raw pixels 0..255, NHWC; normalised inside the model\"},\n"
                + "  \"outputs\": [" + quote(LOGITS) + ", " + quote(PROBABILITIES) + "],\n"
                + "  \"classes\": " + shape.classes() + ",\n"
                + "  \"classNames\": [" + metadata.classNames().stream().map(SavedModelExporter::quote).collect(java.util.stream.Collectors.joining(", "))
                + "],\n"
                + "  \"imageFit\": " + quote(metadata.imageFit().id()) + ",\n"
                + "  \"normalization\": {\"mean\": [" + mean + "], \"std\": [" + std + "]},\n"
                + "  \"network\": {\"kind\": " + quote(shape.kind().id()) + ", \"layers\": " + shape.layers() + ", \"channels\": " + shape.initialChannels()
                + ", \"batchNormAfterPools\": " + config.options().batchNormAfterPools() + "},\n"
                + "  \"genotype\": " + quote(metadata.genotype()) + ",\n"
                + "  \"dataset\": " + quote(metadata.datasetName()) + ",\n"
                + "  \"provenance\": " + quote(metadata.provenance()) + "\n"
                + "}\n";
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) ch));
                    } else {
                        quoted.append(ch);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static void deleteQuietly(Path root) {
        try {
            FileTrees.deleteRecursively(root);
        } catch (IOException ignored) {
            // A stray temporary directory costs disk space only; the export itself failed or succeeded already.
        }
    }
}

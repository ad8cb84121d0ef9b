package org.snas4j.adapter.tensorflow.child;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.snas4j.adapter.tensorflow.ops.VariableStore;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.data.Batch;
import org.snas4j.application.port.out.ChildNetworkConfig;
import org.snas4j.application.port.out.ChildNetworkTrainer;
import org.snas4j.application.port.out.ChildStepResult;
import org.snas4j.application.port.out.EvaluationResult;
import org.snas4j.domain.space.NetworkShape;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The child network in a TensorFlow graph session. Variables are saved with TensorFlow's own
 * checkpoint format ({@code variables.index} and {@code variables.data-*}), which SavedModel export and
 * Python's {@code tf.train} read as well.
 */
public final class TensorFlowChildTrainer implements ChildNetworkTrainer {

    /** File prefix of the saved variables inside a variables directory. */
    public static final String CHECKPOINT_PREFIX = "variables";

    private final ChildNetworkConfig config;
    private final Graph graph;
    private final ChildTrainingGraph network;
    private final Session session;
    private final long dropPathStream;

    public TensorFlowChildTrainer(ChildNetworkConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.graph = new Graph();
        try {
            this.network = new ChildTrainingGraph(graph, config);
            this.session = new Session(graph, SessionSettings.of(config.device(), config.threads()));
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
        network.variables.initialize(session, config.seed());
        // The masks' stream is keyed by the run seed, apart from the weight initialisation's streams.
        this.dropPathStream = config.seed() * 0x9E3779B97F4A7C15L + 0x44524F50L;
    }

    @Override
    public ChildStepResult trainStep(Batch batch, double learningRate, double dropPathProbability, long globalStep) {
        requireShape(batch);
        if (!(dropPathProbability >= 0 && dropPathProbability < 1)) {
            throw new IllegalArgumentException("drop-path probability must be in [0, 1), got " + dropPathProbability);
        }
        try (TFloat32 images = images(batch);
             TFloat32 labels = labels(batch);
             TFloat32 rate = TFloat32.scalarOf((float) learningRate);
             TFloat32 keep = TFloat32.scalarOf((float) (1 - dropPathProbability));
             TInt64 seed = TInt64.vectorOf(dropPathStream, globalStep)) {
            Session.Runner runner = session.runner()
                    .feed(network.images, images).feed(network.labels, labels).feed(network.learningRate, rate)
                    .feed(network.keepProbability, keep).feed(network.dropPathSeed, seed)
                    .fetch(network.loss).fetch(network.objective).fetch(network.accuracy);
            for (Op target : network.trainTargets) {
                runner.addTarget(target);
            }
            try (Result result = runner.run()) {
                return new ChildStepResult(scalar(result, 0), scalar(result, 1), scalar(result, 2));
            }
        }
    }

    @Override
    public EvaluationResult evaluate(Batch batch) {
        requireShape(batch);
        try (TFloat32 images = images(batch);
             TFloat32 labels = labels(batch);
             Result result = session.runner().feed(network.images, images).feed(network.labels, labels)
                     .fetch(network.inferenceLossSum).fetch(network.inferenceCorrect).fetch(network.inferenceCorrectTopK)
                     .run()) {
            return new EvaluationResult(scalar(result, 0), Math.round(scalar(result, 1)), Math.round(scalar(result, 2)),
                    batch.size());
        }
    }

    /** The inference pass's logits, row-major [batch, classes]. */
    public float[] logits(Batch batch) {
        requireShape(batch);
        try (TFloat32 images = images(batch);
             Result result = session.runner().feed(network.images, images).fetch(network.inferenceLogits).run()) {
            TFloat32 logits = (TFloat32) result.get(0);
            float[] values = new float[Math.toIntExact(logits.shape().size())];
            logits.copyTo(DataBuffers.of(values, false, false));
            return values;
        }
    }

    @Override
    public void saveVariables(Path directory) {
        session.save(directory.resolve(CHECKPOINT_PREFIX).toString());
    }

    @Override
    public void restoreVariables(Path directory) {
        restore(session, directory);
    }

    /** Restores the variables of {@code session}'s graph from a variables directory, naming it on failure. */
    static void restore(Session session, Path directory) {
        Path index = directory.resolve(CHECKPOINT_PREFIX + ".index");
        if (!Files.isRegularFile(index)) {
            throw new InvalidInputException(directory, "holds no saved variables (" + index.getFileName() + " is missing)");
        }
        try {
            session.restore(directory.resolve(CHECKPOINT_PREFIX).toString());
        } catch (RuntimeException e) {
            throw new InvalidInputException(directory, "cannot restore the network's variables: " + firstLine(e.getMessage()), e);
        }
    }

    @Override
    public long parameterCount() {
        return network.variables.size(VariableStore.Kind.TRAINABLE);
    }

    /** The configuration this network was built from. */
    public ChildNetworkConfig config() {
        return config;
    }

    ChildTrainingGraph network() {
        return network;
    }

    VariableStore variables() {
        return network.variables;
    }

    Session session() {
        return session;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }

    private void requireShape(Batch batch) {
        NetworkShape shape = config.shape();
        if (batch.height() != shape.inputSize() || batch.width() != shape.inputSize() || batch.channels() != shape.inputChannels()
                || batch.classes() != shape.classes()) {
            throw new IllegalArgumentException("batch of " + batch.height() + "x" + batch.width() + "x" + batch.channels() + " images, "
                    + batch.classes() + " classes does not fit a network for " + shape.inputSize() + "x" + shape.inputSize() + "x"
                    + shape.inputChannels() + ", " + shape.classes() + " classes");
        }
    }

    static TFloat32 images(Batch batch) {
        return TFloat32.tensorOf(Shape.of(batch.size(), batch.height(), batch.width(), batch.channels()),
                DataBuffers.of(batch.images(), true, false));
    }

    private static TFloat32 labels(Batch batch) {
        return TFloat32.tensorOf(Shape.of(batch.size(), batch.classes()), DataBuffers.of(batch.oneHotLabels(), true, false));
    }

    private static double scalar(Result result, int index) {
        return ((TFloat32) result.get(index)).getFloat();
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

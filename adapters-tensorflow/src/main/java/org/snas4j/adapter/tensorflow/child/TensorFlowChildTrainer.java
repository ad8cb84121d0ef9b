package org.snas4j.adapter.tensorflow.child;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.snas4j.adapter.tensorflow.ops.VariableStore;
import org.snas4j.adapter.tensorflow.train.SessionSettings;
import org.snas4j.adapter.tensorflow.train.VariableCheckpoint;
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
 * The child network in a TensorFlow graph session; variables are saved as a
 * {@link VariableCheckpoint}. Not thread-safe: one thread drives a trainer.
 */
public final class TensorFlowChildTrainer implements ChildNetworkTrainer {

    private final ChildNetworkConfig config;
    private final Graph graph;
    private final ChildTrainingGraph network;
    private final Session session;
    private final long dropPathStream;

    public TensorFlowChildTrainer(ChildNetworkConfig config) {
        this(config, SessionSettings.of(config.device(), config.threads()));
    }

    /** As {@link #TensorFlowChildTrainer(ChildNetworkConfig)}, with explicit session settings. */
    public TensorFlowChildTrainer(ChildNetworkConfig config, SessionSettings settings) {
        this.config = Objects.requireNonNull(config, "config");
        this.graph = new Graph();
        try {
            this.network = new ChildTrainingGraph(graph, config, settings);
            this.session = new Session(graph, settings.toConfigProto());
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
        VariableCheckpoint.save(session, network.variables, directory);
    }

    @Override
    public void restoreVariables(Path directory) {
        VariableCheckpoint.restore(session, network.variables, directory);
    }

    /** Every variable's current value, by name (what an inference-only graph of the same genotype loads). */
    public Map<String, float[]> variableValues() {
        return network.variables.read(session);
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
}

package org.snas4j.adapter.tensorflow.child;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.snas4j.adapter.tensorflow.feed.BatchFeeds;
import org.snas4j.adapter.tensorflow.ops.VariableStore;
import org.snas4j.adapter.tensorflow.train.NativeResources;
import org.snas4j.adapter.tensorflow.train.SessionSettings;
import org.snas4j.adapter.tensorflow.train.StepTrace;
import org.snas4j.adapter.tensorflow.train.VariableCheckpoint;
import org.snas4j.application.port.out.bench.OpTimeRecorder;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.training.ChildNetworkConfig;
import org.snas4j.application.port.out.training.ChildNetworkTrainer;
import org.snas4j.application.port.out.training.ChildStepResult;
import org.snas4j.application.port.out.training.EvaluationResult;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
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
    private final BatchFeeds feeds;
    private final TFloat32 learningRateFeed;
    private final TFloat32 keepProbabilityFeed;
    private final TInt64 dropPathSeedFeed;
    private final StepTrace stepTrace;
    private boolean closed;

    /** Draws a graph's initial variable values (a seam: tests make it fail to check that nothing leaks). */
    @FunctionalInterface
    interface VariableInitializer {
        void initialize(VariableStore variables, Session session, long seed);
    }

    public TensorFlowChildTrainer(ChildNetworkConfig config) {
        this(config, SessionSettings.of(config.device(), config.threads()));
    }

    /** As {@link #TensorFlowChildTrainer(ChildNetworkConfig)}, with explicit session settings. */
    public TensorFlowChildTrainer(ChildNetworkConfig config, SessionSettings settings) {
        this(config, settings, OpTimeRecorder.NONE);
    }

    /** As {@link #TensorFlowChildTrainer(ChildNetworkConfig, SessionSettings)}, its training steps traced into {@code recorder} while it records. */
    public TensorFlowChildTrainer(ChildNetworkConfig config, SessionSettings settings, OpTimeRecorder recorder) {
        this(config, settings, VariableStore::initialize, recorder);
    }

    TensorFlowChildTrainer(ChildNetworkConfig config, SessionSettings settings, VariableInitializer initializer) {
        this(config, settings, initializer, OpTimeRecorder.NONE);
    }

    private TensorFlowChildTrainer(ChildNetworkConfig config, SessionSettings settings, VariableInitializer initializer,
                                   OpTimeRecorder recorder) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(initializer, "initializer");
        try (NativeResources acquiring = new NativeResources()) {
            this.graph = acquiring.add(new Graph());
            this.network = new ChildTrainingGraph(graph, config, settings);
            this.session = acquiring.add(new Session(graph, settings.toConfigProto()));
            // A failed initialisation (out of memory, a device error) must not leak the session and graph.
            initializer.initialize(network.variables, session, config.seed());
            // Owned feeds, overwritten every step: a run takes thousands of steps, each would otherwise allocate native memory.
            this.feeds = acquiring.add(new BatchFeeds(config.shape()));
            this.learningRateFeed = acquiring.add(TFloat32.scalarOf(0f));
            this.keepProbabilityFeed = acquiring.add(TFloat32.scalarOf(1f));
            // The masks' stream is keyed by the run seed, apart from the weight initialisation's streams.
            this.dropPathStream = config.seed() * 0x9E3779B97F4A7C15L + 0x44524F50L;
            this.dropPathSeedFeed = acquiring.add(TInt64.vectorOf(dropPathStream, 0L));
            acquiring.keepAll();
        }
        this.stepTrace = new StepTrace(graph, recorder);
    }

    @Override
    public ChildStepResult trainStep(Batch batch, double learningRate, double dropPathProbability, long globalStep) {
        requireOpen();
        if (!(dropPathProbability >= 0 && dropPathProbability < 1)) {
            throw new IllegalArgumentException("drop-path probability must be in [0, 1), got " + dropPathProbability);
        }
        BatchFeeds.Tensors inputs = feeds.fill(batch);
        learningRateFeed.setFloat((float) learningRate);
        keepProbabilityFeed.setFloat((float) (1 - dropPathProbability));
        dropPathSeedFeed.setLong(globalStep, 1);
        Session.Runner runner = session.runner()
                .feed(network.images, inputs.images()).feed(network.labels, inputs.oneHotLabels())
                .feed(network.learningRate, learningRateFeed).feed(network.keepProbability, keepProbabilityFeed)
                .feed(network.dropPathSeed, dropPathSeedFeed)
                .fetch(network.loss).fetch(network.objective).fetch(network.accuracy);
        for (Op target : network.trainTargets) {
            runner.addTarget(target);
        }
        try (Result result = stepTrace.run(runner)) {
            return new ChildStepResult(scalar(result, 0), scalar(result, 1), scalar(result, 2));
        }
    }

    @Override
    public EvaluationResult evaluate(Batch batch) {
        requireOpen();
        BatchFeeds.Tensors inputs = feeds.fill(batch);
        try (Result result = session.runner().feed(network.images, inputs.images()).feed(network.labels, inputs.oneHotLabels())
                .fetch(network.inferenceLossSum).fetch(network.inferenceCorrect).fetch(network.inferenceCorrectTopK)
                .run()) {
            return new EvaluationResult(scalar(result, 0), Math.round(scalar(result, 1)), Math.round(scalar(result, 2)),
                    batch.size());
        }
    }

    /** The inference pass's logits, row-major [batch, classes]. */
    public float[] logits(Batch batch) {
        requireOpen();
        BatchFeeds.Tensors inputs = feeds.fill(batch);
        try (Result result = session.runner().feed(network.images, inputs.images()).fetch(network.inferenceLogits).run()) {
            TFloat32 logits = (TFloat32) result.get(0);
            float[] values = new float[Math.toIntExact(logits.shape().size())];
            logits.copyTo(DataBuffers.of(values, false, false));
            return values;
        }
    }

    @Override
    public void saveVariables(Path directory) {
        requireOpen();
        VariableCheckpoint.save(session, network.variables, directory);
    }

    @Override
    public void restoreVariables(Path directory) {
        requireOpen();
        VariableCheckpoint.restore(session, network.variables, directory);
    }

    /** Every variable's current value, by name (what an inference-only graph of the same genotype loads). */
    public Map<String, float[]> variableValues() {
        requireOpen();
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

    /** Closes the session, the graph and the feeds; closing again does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        feeds.close();
        learningRateFeed.close();
        keepProbabilityFeed.close();
        dropPathSeedFeed.close();
        session.close();
        graph.close();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the child network trainer is closed");
        }
    }

    private static double scalar(Result result, int index) {
        return ((TFloat32) result.get(index)).getFloat();
    }
}

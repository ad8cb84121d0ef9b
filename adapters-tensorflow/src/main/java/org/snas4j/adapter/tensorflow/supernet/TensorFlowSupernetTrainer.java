package org.snas4j.adapter.tensorflow.supernet;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.snas4j.adapter.tensorflow.feed.BatchFeeds;
import org.snas4j.adapter.tensorflow.ops.VariableStore;
import org.snas4j.adapter.tensorflow.train.NativeResources;
import org.snas4j.adapter.tensorflow.train.SessionSettings;
import org.snas4j.adapter.tensorflow.train.StepTrace;
import org.snas4j.adapter.tensorflow.train.VariableCheckpoint;
import org.snas4j.application.TrainingDivergedException;
import org.snas4j.application.port.out.bench.OpTimeRecorder;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.training.EvaluationResult;
import org.snas4j.application.port.out.training.StepResult;
import org.snas4j.application.port.out.training.SupernetConfig;
import org.snas4j.application.port.out.training.SupernetTrainer;
import org.snas4j.application.port.out.training.WeightStepResult;
import org.snas4j.domain.space.CellKind;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The SNAS supernet on TensorFlow Java in graph mode. One {@link #trainStep} is one session run
 * that computes the loss, its gradients with respect to every weight and both Z matrices, and the
 * SGD-momentum update (see {@link org.snas4j.adapter.tensorflow.train.MomentumSgd}). Not thread-safe:
 * one thread drives a trainer.
 */
public final class TensorFlowSupernetTrainer implements SupernetTrainer {

    private final SupernetGraph net;
    private final Session session;
    private final BatchFeeds feeds;
    private final CellPair<TFloat32> zFeeds;
    /** Which ops a weights-only step computes ({@link #trainWeightsStep}). */
    private final CellPair<TBool> computedFeeds;
    private final TFloat32 learningRateFeed;
    /** Keys the drop-path masks by the run's seed, apart from the weight initialisation's streams. */
    private final long dropPathStream;
    private final StepTrace stepTrace;
    /** Device and threads, for the graphs children are evaluated in too. */
    private final SessionSettings settings;
    private boolean closed;

    /**
     * Builds the graph, opens the session and draws the initial weights from {@code config.seed()},
     * with the session settings derived from the config's device and thread count.
     */
    public TensorFlowSupernetTrainer(SupernetConfig config) {
        this(config, SessionSettings.of(config.device(), config.threads()));
    }

    /** As {@link #TensorFlowSupernetTrainer(SupernetConfig)}, with explicit session settings. */
    public TensorFlowSupernetTrainer(SupernetConfig config, SessionSettings settings) {
        this(config, settings, OpTimeRecorder.NONE);
    }

    /** As {@link #TensorFlowSupernetTrainer(SupernetConfig, SessionSettings)}, its training steps traced into {@code recorder} while it records. */
    public TensorFlowSupernetTrainer(SupernetConfig config, SessionSettings settings, OpTimeRecorder recorder) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(settings, "settings");
        try (NativeResources acquiring = new NativeResources()) {
            net = acquiring.add(new SupernetGraph(config, settings));
            session = acquiring.add(new Session(net.graph, settings.toConfigProto()));
            net.variables.initialize(session, config.seed());
            feeds = acquiring.add(new BatchFeeds(config.shape()));
            Shape zShape = Shape.of(EdgeOpMatrix.ROWS, EdgeOpMatrix.COLUMNS);
            zFeeds = new CellPair<>(acquiring.add(TFloat32.tensorOf(zShape)), acquiring.add(TFloat32.tensorOf(zShape)));
            computedFeeds = new CellPair<>(acquiring.add(TBool.tensorOf(zShape)), acquiring.add(TBool.tensorOf(zShape)));
            learningRateFeed = acquiring.add(TFloat32.scalarOf(0f));
            acquiring.keepAll();
        }
        this.settings = settings;
        dropPathStream = config.seed() * 0x9E3779B97F4A7C15L + 0x44524F50L;
        stepTrace = new StepTrace(net.graph, recorder);
    }

    @Override
    public StepResult trainStep(Batch batch, CellPair<EdgeOpMatrix> z, double learningRate, long globalStep) {
        return step(batch, z, learningRate, globalStep, false, this::runTrainStep);
    }

    /**
     * The update of {@link #trainStep} computing only the ops that {@code z} weights by more than 0 (every op
     * under a Concrete sample, one per edge on a one-hot path): the others run no forward or backward op, and
     * the gradient of their weights is zeros. dLoss/dZ is not computed.
     */
    @Override
    public WeightStepResult trainWeightsStep(Batch batch, CellPair<EdgeOpMatrix> z, double learningRate, long globalStep) {
        return step(batch, z, learningRate, globalStep, true, runner -> {
            SupernetGraph.TrainingPass pass = net.weightsOnly();
            try (Result result = stepTrace.run(runner.fetch(pass.loss()).fetch(pass.accuracy()).addTarget(pass.step()))) {
                double loss = scalar(result, 0);
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException("the supernet's loss is NaN or infinite (loss " + loss + ")");
                }
                return new WeightStepResult(loss, scalar(result, 1));
            }
        });
    }

    private <R> R step(Batch batch, CellPair<EdgeOpMatrix> z, double learningRate, long globalStep, boolean onlyWeightedOps,
                       Function<Session.Runner, R> run) {
        requireOpen();
        if (!(learningRate >= 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and non-negative, got " + learningRate);
        }
        BatchFeeds.Tensors inputs = feeds.fill(batch);
        fillZ(z);
        learningRateFeed.setFloat((float) learningRate);
        try (TInt64 seed = TInt64.vectorOf(dropPathStream, globalStep)) {
            Session.Runner runner = session.runner()
                    .feed(net.inputs.images(), inputs.images())
                    .feed(net.inputs.oneHotLabels(), inputs.oneHotLabels())
                    .feed(net.inputs.labels(), inputs.labels())
                    .feed(net.inputs.z().normal(), zFeeds.normal())
                    .feed(net.inputs.z().reduction(), zFeeds.reduction())
                    .feed(net.learningRate, learningRateFeed);
            if (net.dropPathSeed != null) {
                runner.feed(net.dropPathSeed, seed);
            }
            if (onlyWeightedOps) {
                fillComputed(z);
                runner.feed(net.inputs.computed().normal(), computedFeeds.normal())
                        .feed(net.inputs.computed().reduction(), computedFeeds.reduction());
            }
            return run.apply(runner);
        }
    }

    private StepResult runTrainStep(Session.Runner runner) {
        try (Result result = stepTrace.run(runner
                .fetch(net.full.loss())
                .fetch(net.full.accuracy())
                .fetch(net.full.lossGradientZ().normal())
                .fetch(net.full.lossGradientZ().reduction())
                .addTarget(net.full.step()))) {
            double loss = scalar(result, 0);
            float[] normalGradient = floats(result, 2);
            float[] reductionGradient = floats(result, 3);
            if (!Double.isFinite(loss) || !allFinite(normalGradient) || !allFinite(reductionGradient)) {
                // An EdgeOpMatrix cannot hold NaN: report the divergence rather than a half-valid result.
                throw new TrainingDivergedException("the supernet's loss or dLoss/dZ is NaN or infinite (loss " + loss + ")");
            }
            return new StepResult(loss, scalar(result, 1),
                    new CellPair<>(EdgeOpMatrix.ofRowMajor(normalGradient), EdgeOpMatrix.ofRowMajor(reductionGradient)));
        }
    }

    @Override
    public EvaluationResult evaluate(Batch batch, CellPair<EdgeOpMatrix> z) {
        requireOpen();
        return evaluate(session, net.inputs, net.supernet, batch, z);
    }

    /**
     * A derived child's Z (every entry 0 or 1) is evaluated in a graph of the child's ops alone
     * ({@link ChildEvaluationGraph}), any other Z on the supernet with its statistics restored afterwards.
     */
    @Override
    public EvaluationResult evaluateRecalibrated(CellPair<EdgeOpMatrix> z, Iterable<Batch> calibration, Iterable<Batch> batches) {
        requireOpen();
        Objects.requireNonNull(z, "z");
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(batches, "batches");
        if (!OpSelection.isDiscrete(z)) {
            return evaluateRecalibratedOnTheSupernet(z, calibration, batches);
        }
        try (ChildEvaluationGraph child = new ChildEvaluationGraph(net.layout, OpSelection.chosenBy(z), settings,
                net.variables.read(session))) {
            recalibrate(child.session, child.inputs, child.passes, null, z, calibration);
            return EvaluationResult.total(batches, batch -> evaluate(child.session, child.inputs, child.passes, batch, z));
        }
    }

    /** {@link #evaluateRecalibrated} through the supernet's own passes, whatever Z is (tests compare the two). */
    EvaluationResult evaluateRecalibratedOnTheSupernet(CellPair<EdgeOpMatrix> z, Iterable<Batch> calibration, Iterable<Batch> batches) {
        // Every variable, not only the BN statistics: one read and one write, and nothing can be left changed.
        Map<String, float[]> supernetState = net.variables.read(session);
        try {
            recalibrate(session, net.inputs, net.supernet, net.keepProbability, z, calibration);
            return EvaluationResult.total(batches, batch -> evaluate(session, net.inputs, net.supernet, batch, z));
        } finally {
            net.variables.write(session, supernetState);
        }
    }

    private EvaluationResult evaluate(Session target, SupernetInputs placeholders, SupernetGraph.Passes passes, Batch batch,
                                      CellPair<EdgeOpMatrix> z) {
        BatchFeeds.Tensors inputs = feeds.fill(batch);
        fillZ(z);
        try (Result result = target.runner()
                .feed(placeholders.images(), inputs.images())
                .feed(placeholders.oneHotLabels(), inputs.oneHotLabels())
                .feed(placeholders.labels(), inputs.labels())
                .feed(placeholders.z().normal(), zFeeds.normal())
                .feed(placeholders.z().reduction(), zFeeds.reduction())
                .fetch(passes.lossSum())
                .fetch(passes.correct())
                .fetch(passes.correctTop5())
                .run()) {
            return new EvaluationResult(scalar(result, 0), Math.round(scalar(result, 1)), Math.round(scalar(result, 2)), batch.size());
        }
    }

    /**
     * Training-mode passes under {@code z} whose only effect is to make each BN layer's statistics the mean over
     * the batches; {@code keepProbability} (null where there is no drop-path) is fed 1, so that no path is dropped.
     */
    private void recalibrate(Session target, SupernetInputs placeholders, SupernetGraph.Passes passes, Operand<TFloat32> keepProbability,
                             CellPair<EdgeOpMatrix> z, Iterable<Batch> calibration) {
        int count = 0;
        for (Batch batch : calibration) {
            BatchFeeds.Tensors inputs = feeds.fill(batch);
            fillZ(z);
            try (TFloat32 momentum = TFloat32.scalarOf(1f / (count + 1));
                 TFloat32 keepAll = TFloat32.scalarOf(1f)) {
                Session.Runner runner = target.runner()
                        .feed(placeholders.images(), inputs.images())
                        .feed(placeholders.z().normal(), zFeeds.normal())
                        .feed(placeholders.z().reduction(), zFeeds.reduction())
                        .feed(placeholders.batchNormMomentum(), momentum)
                        .addTarget(passes.recalibrationStep());
                if (keepProbability != null) {
                    runner.feed(keepProbability, keepAll);
                }
                runner.run().close();
            }
            count++;
        }
    }

    @Override
    public void saveVariables(Path directory) {
        requireOpen();
        VariableCheckpoint.save(session, net.variables, directory);
    }

    @Override
    public void restoreVariables(Path directory) {
        requireOpen();
        VariableCheckpoint.restore(session, net.variables, directory);
    }

    @Override
    public long parameterCount() {
        return net.variables.size(VariableStore.Kind.TRAINABLE);
    }

    /** The graph's variables (tests read and perturb them). */
    VariableStore variables() {
        return net.variables;
    }

    Session session() {
        return session;
    }

    SupernetGraph graph() {
        return net;
    }

    /** True for every op that {@code z} weights by more than 0. */
    private void fillComputed(CellPair<EdgeOpMatrix> z) {
        for (CellKind kind : CellKind.values()) {
            float[] weights = z.get(kind).toFloatRowMajor();
            TBool feed = computedFeeds.get(kind);
            for (int i = 0; i < weights.length; i++) {
                feed.setBoolean(weights[i] != 0f, i / EdgeOpMatrix.COLUMNS, i % EdgeOpMatrix.COLUMNS);
            }
        }
    }

    private void fillZ(CellPair<EdgeOpMatrix> z) {
        Objects.requireNonNull(z, "z");
        zFeeds.normal().copyFrom(DataBuffers.of(z.normal().toFloatRowMajor(), true, false));
        zFeeds.reduction().copyFrom(DataBuffers.of(z.reduction().toFloatRowMajor(), true, false));
    }

    private static double scalar(Result result, int index) {
        return ((TFloat32) result.get(index)).getFloat();
    }

    private static float[] floats(Result result, int index) {
        float[] values = new float[EdgeOpMatrix.ROWS * EdgeOpMatrix.COLUMNS];
        ((TFloat32) result.get(index)).copyTo(DataBuffers.of(values, false, false));
        return values;
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the supernet trainer is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        feeds.close();
        zFeeds.normal().close();
        zFeeds.reduction().close();
        computedFeeds.normal().close();
        computedFeeds.reduction().close();
        learningRateFeed.close();
        session.close();
        net.close();
    }
}

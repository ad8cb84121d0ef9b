package org.snas4j.application.child;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.data.Batch;
import org.snas4j.application.device.DeviceCheck;
import org.snas4j.application.port.in.RetrainGenotypeUseCase;
import org.snas4j.application.port.out.ChildNetworkConfig;
import org.snas4j.application.port.out.ChildNetworkTrainer;
import org.snas4j.application.port.out.ChildNetworkTrainerFactory;
import org.snas4j.application.port.out.CheckpointStore;
import org.snas4j.application.port.out.ChildRunDirectory;
import org.snas4j.application.port.out.ChildRunDirectoryFactory;
import org.snas4j.application.port.out.ChildStepResult;
import org.snas4j.application.port.out.DatasetSource;
import org.snas4j.application.port.out.EvaluationResult;
import org.snas4j.application.port.out.RetrainListener;
import org.snas4j.application.port.out.events.StepFigures;
import org.snas4j.application.port.out.events.TrainingEventLog;
import org.snas4j.application.port.out.events.TrainingEventSink;
import org.snas4j.application.search.Provenance;
import org.snas4j.application.TrainingDivergedException;
import org.snas4j.domain.genotype.ChildOptions;
import org.snas4j.domain.genotype.NetworkParameterCount;
import org.snas4j.domain.optim.CosineSchedule;

/**
 * Retrains a genotype from scratch as DARTS' train.py does: per epoch, SGD over the shuffled,
 * augmented training set with a cosine learning rate and a drop-path probability ramped linearly
 * with the epoch; then the held-out set (validation part or test set) in inference mode, a metrics
 * line and a checkpoint. At the end the test set, written as the run's result with its provenance.
 */
public final class RetrainService implements RetrainGenotypeUseCase {

    private final DatasetSource datasets;
    private final ChildNetworkTrainerFactory trainers;
    private final ChildRunDirectoryFactory runs;
    private final DeviceCheck deviceCheck;
    private final RetrainListener listener;
    private final TrainingEventLog events;
    private final Clock clock;
    private final String codeVersion;

    public RetrainService(DatasetSource datasets, ChildNetworkTrainerFactory trainers, ChildRunDirectoryFactory runs,
                          DeviceCheck deviceCheck, RetrainListener listener, TrainingEventLog events, Clock clock,
                          String codeVersion) {
        this.datasets = Objects.requireNonNull(datasets, "datasets");
        this.deviceCheck = Objects.requireNonNull(deviceCheck, "deviceCheck");
        this.trainers = Objects.requireNonNull(trainers, "trainers");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.codeVersion = Objects.requireNonNull(codeVersion, "codeVersion");
    }

    @Override
    public RetrainOutcome retrain(RetrainConfiguration configuration, Path runDirectory, String commandLine) {
        RetrainConfigurationValidator.validate(configuration);
        // Before the run directory exists: the configuration written into it names the device the run used.
        deviceCheck.requireAvailable(configuration.device());
        ChildData data = ChildData.prepare(datasets.load(configuration.dataset()), configuration);
        try (ChildRunDirectory run = runs.create(runDirectory)) {
            Provenance provenance = new Provenance(configuration.seed(), data.datasetName(), data.fingerprint(), codeVersion,
                    clock.instant(), null, commandLine, data.classNames());
            run.writeConfiguration(new StoredRetrainRun(configuration, provenance, data.shape(), data.normalization()));
            return execute(configuration, provenance, data, run, Optional.empty());
        }
    }

    @Override
    public RetrainOutcome resume(Path runDirectory, String commandLine) {
        try (ChildRunDirectory run = runs.open(runDirectory)) {
            StoredRetrainRun stored = run.readConfiguration();
            RetrainConfiguration configuration = stored.configuration();
            RetrainConfigurationValidator.validate(configuration);
            requireRecordedDevice(runDirectory, configuration);
            ChildData data = ChildData.prepare(datasets.load(configuration.dataset()), configuration);
            if (!data.fingerprint().equals(stored.provenance().datasetFingerprint()) || !data.shape().equals(stored.shape())) {
                throw new InvalidInputException(runDirectory, "the dataset differs from the one the run started with (fingerprint "
                        + data.fingerprint() + ", recorded " + stored.provenance().datasetFingerprint() + ")");
            }
            return execute(configuration, stored.provenance(), data, run, run.checkpoints().latestValid());
        }
    }

    /** A run continues on the device it recorded, or not at all (a GPU run moved to a machine without one). */
    private void requireRecordedDevice(Path runDirectory, RetrainConfiguration configuration) {
        try {
            deviceCheck.requireAvailable(configuration.device());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(runDirectory, "its recorded device: " + e.problem(), e);
        }
    }

    /** The trainer configuration of a retraining run on images of {@code data}'s shape. */
    static ChildNetworkConfig networkConfig(RetrainConfiguration config, org.snas4j.domain.space.NetworkShape shape) {
        return new ChildNetworkConfig(config.genotype(), shape, new ChildOptions(config.auxiliary(), config.batchNormAfterPools()),
                config.auxiliaryWeight(), 0.9, config.weightDecay(), 5.0, config.seed(), config.device(), config.threads(),
                config.labelSmoothing());
    }

    private RetrainOutcome execute(RetrainConfiguration config, Provenance provenance, ChildData data, ChildRunDirectory run,
                                   Optional<CheckpointStore.Checkpoint<RetrainState>> checkpoint) {
        CosineSchedule learningRates = new CosineSchedule(config.learningRate(), config.learningRateMin(), config.epochs());
        long withoutAuxiliary = NetworkParameterCount.ofChild(config.genotype(), data.shape(),
                new ChildOptions(false, config.batchNormAfterPools()));
        int firstEpoch = checkpoint.map(c -> c.state().completedEpochs()).orElse(0);
        long firstGlobalStep = checkpoint.map(c -> c.state().globalStep()).orElse(0L);
        try (ChildNetworkTrainer trainer = trainers.create(networkConfig(config, data.shape()));
             TrainingEventSink sink = events.open(run.path(), firstGlobalStep)) {
            long globalStep = firstGlobalStep;
            if (checkpoint.isPresent()) {
                trainer.restoreVariables(checkpoint.get().variablesDirectory());
            }
            int stepsPerEpoch = data.stepsPerEpoch();
            listener.trainingStarted(new RetrainStart(run.path(), data.shape(), firstEpoch, config.epochs(), stepsPerEpoch,
                    data.trainImages(), data.heldOutImages(), data.heldOutName(), trainer.parameterCount(), withoutAuxiliary));
            EvaluationResult lastHeldOut = null;
            for (int epoch = firstEpoch; epoch < config.epochs(); epoch++) {
                long started = System.nanoTime();
                double learningRate = learningRates.at(epoch);
                double dropPath = config.dropPathAt(epoch);
                double lossSum = 0;
                double accuracySum = 0;
                int step = 0;
                for (Batch batch : data.trainingBatches(epoch)) {
                    ChildStepResult result = trainer.trainStep(batch, learningRate, dropPath, globalStep);
                    if (!result.isFinite()) {
                        throw new TrainingDivergedException("the loss became NaN or infinite at epoch " + (epoch + 1) + ", step "
                                + (step + 1) + "; the checkpoint of the previous epoch is intact: resume with a lower learning rate");
                    }
                    step++;
                    globalStep++;
                    lossSum += result.loss();
                    accuracySum += result.accuracy();
                    sink.step(StepFigures.retraining(globalStep, result.loss(), result.accuracy(), learningRate));
                    listener.stepFinished(epoch, step, stepsPerEpoch, result.loss(), result.accuracy());
                }
                lastHeldOut = evaluate(trainer, data.heldOutBatches());
                RetrainEpochMetrics metrics = new RetrainEpochMetrics(epoch, learningRate, dropPath, lossSum / step, accuracySum / step,
                        data.heldOutName(), lastHeldOut.meanLoss(), lastHeldOut.accuracy(),
                        ChildEvaluation.of(lastHeldOut, data.shape().classes()).top5OrNaN(), (System.nanoTime() - started) / 1e9);
                // Before the checkpoint: a run resumed from it finds every step up to it in the events.
                sink.retrainEpoch(globalStep, metrics);
                sink.flush();
                run.recordMetrics(metrics);
                run.checkpoints().save(new RetrainState(epoch + 1, globalStep), trainer::saveVariables);
                listener.epochFinished(metrics);
            }
            EvaluationResult test = data.heldOutIsTest() && lastHeldOut != null ? lastHeldOut : evaluate(trainer, data.testBatches());
            RetrainResult result = new RetrainResult(ChildEvaluation.of(test, data.shape().classes()), trainer.parameterCount(),
                    withoutAuxiliary, provenance.finished(clock.instant()));
            run.writeResult(result);
            RetrainOutcome outcome = new RetrainOutcome(run.path(), run.metrics(), result);
            listener.trainingFinished(outcome);
            return outcome;
        }
    }

    static EvaluationResult evaluate(ChildNetworkTrainer trainer, Iterable<Batch> batches) {
        EvaluationResult total = EvaluationResult.EMPTY;
        for (Batch batch : batches) {
            total = total.plus(trainer.evaluate(batch));
        }
        return total;
    }
}

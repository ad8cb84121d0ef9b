package org.snas4j.application.service.search;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.InvalidSettingException;
import org.snas4j.application.TrainingDivergedException;
import org.snas4j.application.port.in.provenance.Provenance;
import org.snas4j.application.port.in.search.EpochMetrics;
import org.snas4j.application.port.in.search.SearchArchitectureUseCase;
import org.snas4j.application.port.in.search.SearchConfiguration;
import org.snas4j.application.port.in.search.SearchConfigurationValidator;
import org.snas4j.application.port.in.search.SearchOutcome;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.data.DatasetSource;
import org.snas4j.application.port.out.events.StepFigures;
import org.snas4j.application.port.out.events.TrainingEventLog;
import org.snas4j.application.port.out.events.TrainingEventSink;
import org.snas4j.application.port.out.progress.SearchListener;
import org.snas4j.application.port.out.progress.SearchStart;
import org.snas4j.application.port.out.storage.CheckpointStore;
import org.snas4j.application.port.out.storage.RunDirectory;
import org.snas4j.application.port.out.storage.RunDirectoryFactory;
import org.snas4j.application.port.out.storage.SearchState;
import org.snas4j.application.port.out.storage.StoredRun;
import org.snas4j.application.port.out.training.EvaluationResult;
import org.snas4j.application.port.out.training.SgdSettings;
import org.snas4j.application.port.out.training.StepResult;
import org.snas4j.application.port.out.training.SupernetConfig;
import org.snas4j.application.port.out.training.SupernetTrainer;
import org.snas4j.application.port.out.training.WeightStepResult;
import org.snas4j.application.port.out.training.SupernetTrainerFactory;
import org.snas4j.application.service.data.CountedBatches;
import org.snas4j.application.service.device.DeviceCheck;
import org.snas4j.domain.cost.NetworkCost;
import org.snas4j.domain.cost.OperationCost;
import org.snas4j.domain.cost.PenaltyEstimate;
import org.snas4j.domain.cost.PenaltyGradientEstimator;
import org.snas4j.domain.cost.ResourcePenalty;
import org.snas4j.domain.cost.SnasCostModel;
import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.distribution.ConcreteSample;
import org.snas4j.domain.distribution.TemperatureSchedule;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.GenotypeDerivation;
import org.snas4j.domain.genotype.GenotypeStatistics;
import org.snas4j.domain.gradient.SearchGradient;
import org.snas4j.domain.optim.AdamOptimizer;
import org.snas4j.domain.optim.AdamSettings;
import org.snas4j.domain.optim.CosineSchedule;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;

/**
 * The SNAS search loop. Per mini-batch: sample Z from the Concrete distribution, let the supernet
 * trainer take one step and return dLoss/dZ, turn it into dLoss/dalpha (search gradient), add the
 * resource penalty's gradient and step Adam on alpha: one loss, one backward pass. Per epoch: derive
 * the genotype, validate the child without retraining on held-out training images, record metrics,
 * genotypes and a checkpoint.
 */
public final class SearchService implements SearchArchitectureUseCase {

    /** Weight of reduction cells in the penalty relative to normal cells (the authors' ratio). */
    static final double REDUCTION_COST_RATIO = 1.0;

    private final DatasetSource datasets;
    private final SupernetTrainerFactory trainers;
    private final RunDirectoryFactory runs;
    private final SearchListener listener;
    private final TrainingEventLog events;
    private final DeviceCheck deviceCheck;
    private final Clock clock;
    private final String codeVersion;

    public SearchService(DatasetSource datasets, SupernetTrainerFactory trainers, RunDirectoryFactory runs,
                         SearchListener listener, TrainingEventLog events, DeviceCheck deviceCheck, Clock clock,
                         String codeVersion) {
        this.datasets = Objects.requireNonNull(datasets, "datasets");
        this.trainers = Objects.requireNonNull(trainers, "trainers");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.events = Objects.requireNonNull(events, "events");
        this.deviceCheck = Objects.requireNonNull(deviceCheck, "deviceCheck");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.codeVersion = Objects.requireNonNull(codeVersion, "codeVersion");
    }

    @Override
    public SearchOutcome search(SearchConfiguration configuration, Path runDirectory, String commandLine) {
        SearchData data = prepare(configuration);
        try (RunDirectory run = runs.create(runDirectory)) {
            Provenance provenance = new Provenance(configuration.seed(), data.datasetName(), data.fingerprint(), codeVersion,
                    clock.instant(), null, commandLine, data.classNames());
            run.writeConfiguration(configuration, provenance);
            return execute(configuration, provenance, data, run, Optional.empty());
        }
    }

    @Override
    public SearchOutcome resume(Path runDirectory, String commandLine) {
        try (RunDirectory run = runs.resume(runDirectory)) {
            StoredRun stored = run.readConfiguration();
            SearchConfiguration configuration = stored.configuration();
            // A resumed run continues with the settings and on the device it recorded, which must still be there.
            SearchData data = InvalidSettingException.whileUsingStored(run.configurationFile(), () -> prepare(configuration));
            if (!data.fingerprint().equals(stored.provenance().datasetFingerprint())) {
                throw new InvalidInputException(runDirectory, "the dataset differs from the one the run started with (fingerprint "
                        + data.fingerprint() + ", recorded " + stored.provenance().datasetFingerprint() + ")");
            }
            return execute(configuration, stored.provenance(), data, run, run.checkpoints().latestValid());
        }
    }

    @Override
    public SearchOutcome searchOrResume(SearchConfiguration configuration, Path runDirectory, String commandLine) {
        return runs.isRunDirectory(runDirectory) ? resume(runDirectory, commandLine) : search(configuration, runDirectory, commandLine);
    }

    /** Checks the settings and the device, before any run directory exists, and loads the data they ask for. */
    private SearchData prepare(SearchConfiguration configuration) {
        SearchConfigurationValidator.validate(configuration);
        deviceCheck.requireAvailable(configuration.device());
        return SearchData.prepare(datasets.load(configuration.dataset()), configuration);
    }

    private SearchOutcome execute(SearchConfiguration config, Provenance provenance, SearchData data, RunDirectory run,
                                  Optional<CheckpointStore.Checkpoint<SearchState>> checkpoint) {
        AdamSettings defaults = AdamSettings.snasDefaults();
        AdamSettings adamSettings = new AdamSettings(config.architectureLearningRate(), defaults.beta1(), defaults.beta2(),
                defaults.epsilon(), defaults.weightDecay(), defaults.gradientClipNorm());
        ArchitectureDistribution distribution = ArchitectureDistribution.initial(config.seed());
        AdamOptimizer adam = new AdamOptimizer(adamSettings);
        int firstEpoch = 0;
        long globalStep = 0;

        SupernetConfig supernetConfig = new SupernetConfig(data.shape(), SgdSettings.PAPER, config.dropPath(), config.seed(),
                config.device(), config.threads());
        try (SupernetTrainer trainer = trainers.create(supernetConfig)) {
            if (checkpoint.isPresent()) {
                SearchState state = checkpoint.get().state();
                trainer.restoreVariables(checkpoint.get().variablesDirectory());
                distribution = distribution.withLogits(state.logits());
                adam = AdamOptimizer.restore(adamSettings, state.optimizer());
                firstEpoch = state.completedEpochs();
                globalStep = state.globalStep();
            }
            return loop(config, provenance, data, run, trainer, distribution, adam, firstEpoch, globalStep);
        }
    }

    private SearchOutcome loop(SearchConfiguration config, Provenance provenance, SearchData data, RunDirectory run,
                               SupernetTrainer trainer, ArchitectureDistribution start, AdamOptimizer adam, int firstEpoch,
                               long firstGlobalStep) {
        NetworkCost cost = NetworkCost.of(data.shape(), new SnasCostModel());
        ResourcePenalty penalty = new ResourcePenalty(cost, config.costMetric(), config.costForm(), config.lambda(),
                REDUCTION_COST_RATIO);
        PenaltyGradientEstimator estimator = config.estimator().create();
        TemperatureSchedule temperatures = config.temperatureSchedule().over(config.temperatureStart(), config.temperatureFloor(),
                config.searchEpochs());
        CosineSchedule learningRates = new CosineSchedule(config.learningRate(), config.learningRateMin(), config.epochs());
        ArchitectureDistribution distribution = start;
        long globalStep = firstGlobalStep;
        try (TrainingEventSink sink = events.open(run.path(), firstGlobalStep)) {
            int stepsPerEpoch = data.stepsPerEpoch();
            listener.searchStarted(new SearchStart(run.path(), data.shape(), firstEpoch, config.epochs(), stepsPerEpoch,
                    data.train().size(), data.validation().size(), trainer.parameterCount()));

            Genotype edgeAll = GenotypeDerivation.edgeAll(distribution.logits());
            Genotype top2 = GenotypeDerivation.top2PerNode(distribution.logits(), config.top2Rule());
            for (int epoch = firstEpoch; epoch < config.epochs(); epoch++) {
                long started = System.nanoTime();
                boolean warmup = config.isWarmup(epoch);
                double temperature = temperatures.temperature(Math.max(0, epoch - config.warmupEpochs()));
                double learningRate = learningRates.at(epoch);
                SplittableRandom noise = RandomStreams.gumbel(config.seed(), epoch);
                double lossSum = 0;
                double accuracySum = 0;
                double penaltySum = 0;
                int step = 0;
                for (Batch batch : data.trainingBatches(epoch)) {
                    double loss;
                    double accuracy;
                    if (warmup) {
                        // The weights learn every op before alpha may prefer any: one uniformly drawn path per step,
                        // whose dLoss/dZ nothing reads, so the ops off the path need not be computed.
                        WeightStepResult result = trainWeightsStep(trainer, batch, ArchitectureDistribution.uniformOneHot(noise),
                                learningRate, epoch, step + 1, globalStep);
                        loss = result.loss();
                        accuracy = result.accuracy();
                    } else {
                        ConcreteSample sample = distribution.sample(temperature, noise);
                        StepResult result = trainStep(trainer, batch, sample.z(), learningRate, epoch, step + 1, globalStep);
                        loss = result.loss();
                        accuracy = result.accuracy();
                        CellPair<EdgeOpMatrix> logitGradient = SearchGradient.logitGradient(sample, result.lossGradientZ());
                        if (config.lambda() > 0) {
                            PenaltyEstimate estimate = estimator.estimate(distribution, sample, penalty);
                            logitGradient = add(logitGradient, estimate.logitGradient());
                            penaltySum += estimate.value();
                        }
                        if (!isFinite(logitGradient)) {
                            throw diverged(epoch, step + 1, "architecture gradient");
                        }
                        CellPair<EdgeOpMatrix> logits = adam.step(distribution.logits(), logitGradient);
                        if (!isFinite(logits) || !isFinite(adam.state().firstMoment()) || !isFinite(adam.state().secondMoment())) {
                            throw diverged(epoch, step + 1, "architecture update");
                        }
                        distribution = distribution.withLogits(logits);
                    }
                    step++;
                    globalStep++;
                    lossSum += loss;
                    accuracySum += accuracy;
                    sink.step(new StepFigures(globalStep, loss, accuracy, learningRate, temperature));
                    listener.stepFinished(epoch, step, stepsPerEpoch, loss, accuracy, temperature);
                }

                edgeAll = GenotypeDerivation.edgeAll(distribution.logits());
                top2 = GenotypeDerivation.top2PerNode(distribution.logits(), config.top2Rule());
                EvaluationResult supernet = evaluateSampled(trainer, data, distribution, temperature, config.seed(), epoch);
                EvaluationResult child = evaluateChild(trainer, data, config, epoch, edgeAll, "edge-all child");
                EvaluationResult top2Child = evaluateChild(trainer, data, config, epoch, top2, "top-2 child");
                OperationCost expected = cost.expected(distribution);
                EpochMetrics metrics = new EpochMetrics(epoch, temperature, learningRate, lossSum / step, accuracySum / step,
                        supernet.accuracy(), child.accuracy(), child.meanLoss(), expected.parameters(), expected.flops(),
                        expected.mac(), penaltySum / step, distribution.entropy(),
                        GenotypeStatistics.parameterFreeEdges(edgeAll), (System.nanoTime() - started) / 1e9, top2Child.accuracy(),
                        Optional.of(distribution.logits()));

                // Before the checkpoint: a run resumed from it finds every step up to it in the events.
                sink.searchEpoch(globalStep, metrics);
                sink.flush();
                String prefix = String.format("epoch-%04d-", epoch);
                run.writeGenotype(prefix + "edge-all", edgeAll);
                run.writeGenotype(prefix + "top2", top2);
                run.recordMetrics(metrics);
                run.checkpoints().save(new SearchState(epoch + 1, globalStep, distribution.logits(), adam.state()),
                        trainer::saveVariables);
                listener.epochFinished(metrics, edgeAll, top2);
            }
            run.writeGenotype("final-edge-all", edgeAll);
            run.writeGenotype("final-top2", top2);
            run.writeConfiguration(config, provenance.finished(clock.instant()));
            SearchOutcome outcome = new SearchOutcome(run.path(), edgeAll, top2, run.metrics());
            listener.searchFinished(outcome);
            return outcome;
        }
    }

    /**
     * A derived child on the held-out images, without retraining: the supernet fed the child's one-hot
     * Z, with batch-norm statistics re-estimated for that child when the run calibrates (the
     * supernet's statistics were gathered under mixed, sampled Z and misplace a single path's activations).
     */
    private EvaluationResult evaluateChild(SupernetTrainer trainer, SearchData data, SearchConfiguration config, int epoch,
                                           Genotype child, String name) {
        CellPair<EdgeOpMatrix> z = GenotypeDerivation.oneHot(child);
        Iterable<Batch> heldOut = heldOut(data, epoch, name + ": held-out images");
        if (config.childCalibrationBatches() == 0) {
            return EvaluationResult.total(heldOut, batch -> trainer.evaluate(batch, z));
        }
        int calibration = Math.min(config.childCalibrationBatches(), data.stepsPerEpoch());
        Iterable<Batch> calibrationBatches = CountedBatches.counting(data.calibrationBatches(epoch, config.childCalibrationBatches()),
                batch -> listener.evaluationStep(epoch, name + ": batch-norm statistics", batch, calibration));
        return trainer.evaluateRecalibrated(z, calibrationBatches, heldOut);
    }

    /** The held-out batches, each reported to the listener as it is evaluated. */
    private Iterable<Batch> heldOut(SearchData data, int epoch, String pass) {
        int batches = data.validationBatchCount();
        return CountedBatches.counting(data.validationBatches(), batch -> listener.evaluationStep(epoch, pass, batch, batches));
    }

    /** The supernet as it is trained: a fresh Concrete sample per batch at the epoch's temperature. */
    private EvaluationResult evaluateSampled(SupernetTrainer trainer, SearchData data, ArchitectureDistribution distribution,
                                             double temperature, long seed, int epoch) {
        SplittableRandom noise = RandomStreams.validation(seed, epoch);
        return EvaluationResult.total(heldOut(data, epoch, "supernet: held-out images"),
                batch -> trainer.evaluate(batch, distribution.sample(temperature, noise).z()));
    }

    /** One trainer step; a NaN or infinite loss or gradient, seen here or by the trainer, stops the run. */
    private static StepResult trainStep(SupernetTrainer trainer, Batch batch, CellPair<EdgeOpMatrix> z, double learningRate,
                                        int epoch, int step, long globalStep) {
        StepResult result;
        try {
            result = trainer.trainStep(batch, z, learningRate, globalStep);
        } catch (TrainingDivergedException e) {
            throw diverged(epoch, step, e.getMessage());
        }
        if (!Double.isFinite(result.loss()) || !isFinite(result.lossGradientZ())) {
            throw diverged(epoch, step, "loss " + result.loss());
        }
        return result;
    }

    private static WeightStepResult trainWeightsStep(SupernetTrainer trainer, Batch batch, CellPair<EdgeOpMatrix> z,
                                                     double learningRate, int epoch, int step, long globalStep) {
        WeightStepResult result;
        try {
            result = trainer.trainWeightsStep(batch, z, learningRate, globalStep);
        } catch (TrainingDivergedException e) {
            throw diverged(epoch, step, e.getMessage());
        }
        if (!Double.isFinite(result.loss())) {
            throw diverged(epoch, step, "loss " + result.loss());
        }
        return result;
    }

    private static TrainingDivergedException diverged(int epoch, int step, String detail) {
        return new TrainingDivergedException("loss or gradient became NaN or infinite at epoch " + (epoch + 1) + ", step " + step
                + " (" + detail + "); the checkpoint of the previous epoch is intact: resume with a lower learning rate");
    }

    private static boolean isFinite(CellPair<EdgeOpMatrix> matrices) {
        return matrices.normal().isFinite() && matrices.reduction().isFinite();
    }

    private static CellPair<EdgeOpMatrix> add(CellPair<EdgeOpMatrix> a, CellPair<EdgeOpMatrix> b) {
        return new CellPair<>(a.normal().plus(b.normal()), a.reduction().plus(b.reduction()));
    }
}

package org.snas4j.application.service.evaluate;

import java.nio.file.Path;
import java.util.Objects;
import java.util.SplittableRandom;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.InvalidSettingException;
import org.snas4j.application.SettingChecks;
import org.snas4j.application.port.in.evaluate.EvaluateChildUseCase;
import org.snas4j.application.port.in.evaluate.SearchChildEvaluation;
import org.snas4j.application.port.in.evaluate.TrainedChildEvaluation;
import org.snas4j.application.port.in.retrain.ChildEvaluation;
import org.snas4j.application.port.in.retrain.RetrainConfiguration;
import org.snas4j.application.port.in.search.SearchConfiguration;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.data.DatasetSource;
import org.snas4j.application.port.out.data.DatasetSplits;
import org.snas4j.application.port.out.data.ImageDataset;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.application.port.out.storage.CheckpointStore;
import org.snas4j.application.port.out.storage.ChildRunDirectory;
import org.snas4j.application.port.out.storage.ChildRunDirectoryFactory;
import org.snas4j.application.port.out.storage.RetrainState;
import org.snas4j.application.port.out.storage.RunDirectory;
import org.snas4j.application.port.out.storage.RunDirectoryFactory;
import org.snas4j.application.port.out.storage.SearchState;
import org.snas4j.application.port.out.storage.StoredRetrainRun;
import org.snas4j.application.port.out.training.ChildNetworkTrainer;
import org.snas4j.application.port.out.training.ChildNetworkTrainerFactory;
import org.snas4j.application.port.out.training.EvaluationResult;
import org.snas4j.application.port.out.training.SgdSettings;
import org.snas4j.application.port.out.training.SupernetConfig;
import org.snas4j.application.port.out.training.SupernetTrainer;
import org.snas4j.application.port.out.training.SupernetTrainerFactory;
import org.snas4j.application.service.data.BatchStream;
import org.snas4j.application.service.search.SearchData;
import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.distribution.TemperatureSchedule;
import org.snas4j.domain.genotype.ChildOptions;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.GenotypeDerivation;
import org.snas4j.domain.genotype.NetworkParameterCount;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.NetworkShape;

/** Test-set figures of retrained children and of search runs' children without retraining. */
public final class EvaluateChildService implements EvaluateChildUseCase {

    /** Seed of the Concrete samples the supernet is evaluated under, apart from the search's own streams. */
    static final long SAMPLE_SEED = 0x45564C53L;

    private final DatasetSource datasets;
    private final ChildNetworkTrainerFactory childTrainers;
    private final ChildRunDirectoryFactory childRuns;
    private final SupernetTrainerFactory supernetTrainers;
    private final RunDirectoryFactory searchRuns;

    public EvaluateChildService(DatasetSource datasets, ChildNetworkTrainerFactory childTrainers, ChildRunDirectoryFactory childRuns,
                                SupernetTrainerFactory supernetTrainers, RunDirectoryFactory searchRuns) {
        this.datasets = Objects.requireNonNull(datasets, "datasets");
        this.childTrainers = Objects.requireNonNull(childTrainers, "childTrainers");
        this.childRuns = Objects.requireNonNull(childRuns, "childRuns");
        this.supernetTrainers = Objects.requireNonNull(supernetTrainers, "supernetTrainers");
        this.searchRuns = Objects.requireNonNull(searchRuns, "searchRuns");
    }

    @Override
    public boolean holdsRetrainedChild(Path run) {
        return childRuns.isRunDirectory(run);
    }

    @Override
    public TrainedChildEvaluation evaluateTrained(Path childRun, Device device, int threads) {
        requireComputeSettings(device, threads);
        try (ChildRunDirectory run = childRuns.open(childRun)) {
            StoredRetrainRun stored = run.readConfiguration();
            CheckpointStore.Checkpoint<RetrainState> checkpoint = run.checkpoints().latestValid()
                    .orElseThrow(() -> new InvalidInputException(childRun, "has no checkpoint yet: nothing trained to evaluate"));
            RetrainConfiguration config = stored.configuration();
            DatasetSplits splits = InvalidSettingException.whileUsingStored(run.configurationFile(), () -> datasets.load(config.dataset()));
            ImageDataset test = splits.test();
            NetworkShape shape = stored.shape();
            if (test.height() != shape.inputSize() || test.channels() != shape.inputChannels() || test.classes() != shape.classes()) {
                throw new InvalidInputException(test.name(), "does not fit the trained network (" + shape.inputSize() + "x"
                        + shape.inputSize() + "x" + shape.inputChannels() + ", " + shape.classes() + " classes)");
            }
            BatchStream batches = BatchStream.evaluation(test, BatchStream.EVALUATION_BATCH, stored.normalization());
            try (ChildNetworkTrainer trainer = childTrainers.create(config.networkConfig(shape).on(device, threads))) {
                trainer.restoreVariables(checkpoint.variablesDirectory());
                EvaluationResult result = EvaluationResult.total(() -> batches.epoch(0), trainer::evaluate);
                long parameters = NetworkParameterCount.ofChild(config.genotype(), shape, new ChildOptions(false, config.batchNormAfterPools()));
                return new TrainedChildEvaluation(stored, checkpoint.state().completedEpochs(), parameters,
                        ChildEvaluation.of(result, shape.classes()));
            }
        }
    }

    @Override
    public SearchChildEvaluation evaluateSearch(Path searchRun, Device device, int threads) {
        requireComputeSettings(device, threads);
        try (RunDirectory run = searchRuns.resume(searchRun)) {
            SearchConfiguration config = run.readConfiguration().configuration();
            CheckpointStore.Checkpoint<SearchState> checkpoint = run.checkpoints().latestValid()
                    .orElseThrow(() -> new InvalidInputException(searchRun, "has no valid checkpoint: the search finished no epoch"));
            DatasetSplits splits = InvalidSettingException.whileUsingStored(run.configurationFile(), () -> datasets.load(config.dataset()));
            NetworkShape shape = shapeOf(splits.test(), config.layers(), config.channels(), searchRun.toString());
            SearchData searchData = InvalidSettingException.whileUsingStored(run.configurationFile(), () -> SearchData.prepare(splits, config));
            BatchStream test = BatchStream.evaluation(splits.test(), BatchStream.EVALUATION_BATCH, searchData.normalization());
            Iterable<Batch> testBatches = () -> test.epoch(0);
            CellPair<EdgeOpMatrix> logits = checkpoint.state().logits();
            int completed = checkpoint.state().completedEpochs();
            int lastEpoch = Math.max(0, completed - 1);
            double temperature = temperatures(config).temperature(Math.max(0, lastEpoch - config.warmupEpochs()));
            Genotype edgeAll = GenotypeDerivation.edgeAll(logits);
            Genotype top2 = GenotypeDerivation.top2PerNode(logits, config.top2Rule());
            SupernetConfig supernetConfig = new SupernetConfig(shape, SgdSettings.PAPER, config.dropPath(), config.seed(), device, threads);
            try (SupernetTrainer supernet = supernetTrainers.create(supernetConfig)) {
                supernet.restoreVariables(checkpoint.variablesDirectory());
                ArchitectureDistribution distribution = ArchitectureDistribution.of(logits);
                SplittableRandom noise = new SplittableRandom(config.seed() ^ SAMPLE_SEED);
                EvaluationResult sampled = EvaluationResult.total(testBatches,
                        batch -> supernet.evaluate(batch, distribution.sample(temperature, noise).z()));
                // The children as the search validated them: with their own BN statistics when the run calibrated.
                EvaluationResult edgeAllResult = evaluateChild(supernet, config, searchData, lastEpoch, edgeAll, testBatches);
                EvaluationResult top2Result = evaluateChild(supernet, config, searchData, lastEpoch, top2, testBatches);
                int classes = shape.classes();
                return new SearchChildEvaluation(completed, temperature, edgeAll, top2, ChildEvaluation.of(sampled, classes),
                        ChildEvaluation.of(edgeAllResult, classes), ChildEvaluation.of(top2Result, classes));
            }
        }
    }

    /** Checked before a run directory is opened, so a bad value costs nothing. */
    private static void requireComputeSettings(Device device, int threads) {
        Objects.requireNonNull(device, "device");
        SettingChecks.zeroOrPositive("threads", "all cores", threads);
    }

    private static EvaluationResult evaluateChild(SupernetTrainer supernet, SearchConfiguration config, SearchData data, int epoch,
                                                  Genotype child, Iterable<Batch> batches) {
        CellPair<EdgeOpMatrix> z = GenotypeDerivation.oneHot(child);
        if (config.childCalibrationBatches() > 0) {
            return supernet.evaluateRecalibrated(z, data.calibrationBatches(epoch, config.childCalibrationBatches()), batches);
        }
        return EvaluationResult.total(batches, batch -> supernet.evaluate(batch, z));
    }

    private static TemperatureSchedule temperatures(SearchConfiguration config) {
        return config.temperatureSchedule().over(config.temperatureStart(), config.temperatureFloor(), config.searchEpochs());
    }

    private static NetworkShape shapeOf(ImageDataset data, int layers, int channels, String source) {
        try {
            return new NetworkShape(layers, channels, data.height(), data.channels(), data.classes());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source, e.getMessage());
        }
    }
}

package org.snas4j.application.child;

import java.nio.file.Path;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.snas4j.application.FlagChecks;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.data.Batch;
import org.snas4j.application.data.BatchStream;
import org.snas4j.application.data.DatasetSplits;
import org.snas4j.application.data.ImageDataset;
import org.snas4j.application.data.Normalization;
import org.snas4j.application.data.TrainValidationSplit;
import org.snas4j.application.port.in.EvaluateChildUseCase;
import org.snas4j.application.port.out.CheckpointStore;
import org.snas4j.application.port.out.ChildNetworkTrainer;
import org.snas4j.application.port.out.ChildNetworkTrainerFactory;
import org.snas4j.application.port.out.ChildRunDirectory;
import org.snas4j.application.port.out.ChildRunDirectoryFactory;
import org.snas4j.application.port.out.DatasetSource;
import org.snas4j.application.port.out.Device;
import org.snas4j.application.port.out.EvaluationResult;
import org.snas4j.application.port.out.RunDirectory;
import org.snas4j.application.port.out.RunDirectoryFactory;
import org.snas4j.application.port.out.SupernetConfig;
import org.snas4j.application.port.out.SupernetTrainer;
import org.snas4j.application.port.out.SupernetTrainerFactory;
import org.snas4j.application.search.SearchConfiguration;
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
            ChildRunDirectory.Checkpoint checkpoint = run.latestCheckpoint()
                    .orElseThrow(() -> new InvalidInputException(childRun, "has no checkpoint yet: nothing trained to evaluate"));
            RetrainConfiguration config = stored.configuration();
            DatasetSplits splits = datasets.load(config.dataset());
            ImageDataset test = splits.test();
            NetworkShape shape = stored.shape();
            if (test.height() != shape.inputSize() || test.channels() != shape.inputChannels() || test.classes() != shape.classes()) {
                throw new InvalidInputException(test.name(), "does not fit the trained network (" + shape.inputSize() + "x"
                        + shape.inputSize() + "x" + shape.inputChannels() + ", " + shape.classes() + " classes)");
            }
            BatchStream batches = BatchStream.evaluation(test, ChildData.EVALUATION_BATCH, stored.normalization());
            try (ChildNetworkTrainer trainer = childTrainers.create(RetrainService.networkConfig(config, shape).on(device, threads))) {
                trainer.restoreVariables(checkpoint.variablesDirectory());
                EvaluationResult result = RetrainService.evaluate(trainer, () -> batches.epoch(0));
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
            CheckpointStore.Checkpoint checkpoint = run.checkpoints().latestValid()
                    .orElseThrow(() -> new InvalidInputException(searchRun, "has no valid checkpoint: the search finished no epoch"));
            DatasetSplits splits = datasets.load(config.dataset());
            NetworkShape shape = shapeOf(splits.test(), config.layers(), config.channels(), searchRun.toString());
            BatchStream test = BatchStream.evaluation(splits.test(), ChildData.EVALUATION_BATCH, searchNormalization(splits, config));
            CellPair<EdgeOpMatrix> logits = checkpoint.state().logits();
            int completed = checkpoint.state().completedEpochs();
            double temperature = temperatures(config).temperature(Math.max(0, completed - 1));
            Genotype edgeAll = GenotypeDerivation.edgeAll(logits);
            Genotype top2 = GenotypeDerivation.top2PerNode(logits);
            SupernetConfig supernetConfig = new SupernetConfig(shape, 0.9, 3e-4, 5.0, config.seed(), device, threads);
            try (SupernetTrainer supernet = supernetTrainers.create(supernetConfig)) {
                supernet.restoreVariables(checkpoint.variablesDirectory());
                ArchitectureDistribution distribution = ArchitectureDistribution.of(logits);
                SplittableRandom noise = new SplittableRandom(config.seed() ^ SAMPLE_SEED);
                EvaluationResult sampled = EvaluationResult.EMPTY;
                EvaluationResult edgeAllResult = EvaluationResult.EMPTY;
                EvaluationResult top2Result = EvaluationResult.EMPTY;
                CellPair<EdgeOpMatrix> edgeAllZ = GenotypeDerivation.oneHot(edgeAll);
                CellPair<EdgeOpMatrix> top2Z = GenotypeDerivation.oneHot(top2);
                for (Batch batch : (Iterable<Batch>) () -> test.epoch(0)) {
                    sampled = sampled.plus(supernet.evaluate(batch, distribution.sample(temperature, noise).z()));
                    edgeAllResult = edgeAllResult.plus(supernet.evaluate(batch, edgeAllZ));
                    top2Result = top2Result.plus(supernet.evaluate(batch, top2Z));
                }
                int classes = shape.classes();
                return new SearchChildEvaluation(completed, temperature, edgeAll, top2, ChildEvaluation.of(sampled, classes),
                        ChildEvaluation.of(edgeAllResult, classes), ChildEvaluation.of(top2Result, classes));
            }
        }
    }

    /** Checked before a run directory is opened, so a bad value costs nothing. */
    private static void requireComputeSettings(Device device, int threads) {
        Objects.requireNonNull(device, "device");
        FlagChecks.zeroOrPositive("--threads", "all cores", threads);
    }

    /** The statistics the search normalised with: those of its training part (same limit, split and seed). */
    private static Normalization searchNormalization(DatasetSplits splits, SearchConfiguration config) {
        ImageDataset all = splits.train();
        if (config.trainLimit() > 0 && config.trainLimit() < all.size()) {
            all = all.subset(all.name(), IntStream.range(0, config.trainLimit()).toArray());
        }
        return Normalization.of(TrainValidationSplit.stratified(all, config.validationFraction(), config.seed()).train());
    }

    private static TemperatureSchedule temperatures(SearchConfiguration config) {
        return config.exponentialTemperature()
                ? TemperatureSchedule.exponential(config.temperatureStart(), config.temperatureFloor(), config.epochs())
                : TemperatureSchedule.linear(config.temperatureStart(), config.temperatureFloor(), config.epochs());
    }

    private static NetworkShape shapeOf(ImageDataset data, int layers, int channels, String source) {
        try {
            return new NetworkShape(layers, channels, data.height(), data.channels(), data.classes());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source, e.getMessage());
        }
    }
}

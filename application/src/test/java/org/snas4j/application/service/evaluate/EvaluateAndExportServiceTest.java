package org.snas4j.application.service.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.in.evaluate.SearchChildEvaluation;
import org.snas4j.application.port.in.evaluate.TrainedChildEvaluation;
import org.snas4j.application.port.in.provenance.Provenance;
import org.snas4j.application.port.in.search.SearchConfiguration;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.data.DatasetRequest;
import org.snas4j.application.port.out.data.DatasetSource;
import org.snas4j.application.port.out.data.DatasetSplits;
import org.snas4j.application.port.out.data.Normalization;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.application.port.out.serving.ModelExporter;
import org.snas4j.application.port.out.serving.ServingMetadata;
import org.snas4j.application.port.out.storage.CheckpointStore;
import org.snas4j.application.port.out.storage.ChildRunDirectory;
import org.snas4j.application.port.out.storage.ChildRunDirectoryFactory;
import org.snas4j.application.port.out.storage.RetrainState;
import org.snas4j.application.port.out.storage.RunDirectory;
import org.snas4j.application.port.out.storage.RunDirectoryFactory;
import org.snas4j.application.port.out.storage.SearchState;
import org.snas4j.application.port.out.storage.StoredRetrainRun;
import org.snas4j.application.port.out.storage.StoredRun;
import org.snas4j.application.port.out.training.ChildNetworkConfig;
import org.snas4j.application.port.out.training.ChildNetworkTrainer;
import org.snas4j.application.port.out.training.ChildNetworkTrainerFactory;
import org.snas4j.application.port.out.training.EvaluationResult;
import org.snas4j.application.port.out.training.SupernetConfig;
import org.snas4j.application.port.out.training.SupernetTrainer;
import org.snas4j.application.port.out.training.SupernetTrainerFactory;
import org.snas4j.application.service.export.ExportChildService;
import org.snas4j.application.service.retrain.RetrainFixtures;
import org.snas4j.domain.cost.CostForm;
import org.snas4j.domain.cost.CostMetric;
import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.genotype.GenotypeDerivation;
import org.snas4j.domain.optim.AdamOptimizer;
import org.snas4j.domain.optim.AdamSettings;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.NetworkShape;

/** Evaluating retrained children and search runs, and exporting, against mocked ports. */
class EvaluateAndExportServiceTest {

    static final Path CHILD_RUN = Path.of("child-run");
    static final Path SEARCH_RUN = Path.of("search-run");
    static final Path VARIABLES = Path.of("child-run/checkpoints/epoch-0004/variables");
    static final NetworkShape SHAPE = new NetworkShape(3, 4, 8, 1, 7);

    private DatasetSource datasets;
    private ChildNetworkTrainerFactory childTrainers;
    private ChildNetworkTrainer childTrainer;
    private ChildRunDirectoryFactory childRuns;
    private ChildRunDirectory childRun;
    private CheckpointStore<RetrainState> childCheckpoints;
    private SupernetTrainerFactory supernetTrainers;
    private SupernetTrainer supernet;
    private RunDirectoryFactory searchRuns;
    private StoredRetrainRun stored;

    @BeforeEach
    void setUp() {
        datasets = mock(DatasetSource.class);
        when(datasets.load(any())).thenReturn(new DatasetSplits(RetrainFixtures.images("train", 60, 0),
                RetrainFixtures.images("test", 20, 5)));
        childTrainer = mock(ChildNetworkTrainer.class);
        when(childTrainer.evaluate(any())).thenAnswer(call -> {
            Batch batch = call.getArgument(0);
            return new EvaluationResult(2.0 * batch.size(), 3, 9, batch.size());
        });
        childTrainers = mock(ChildNetworkTrainerFactory.class);
        when(childTrainers.create(any())).thenReturn(childTrainer);
        stored = new StoredRetrainRun(RetrainFixtures.configuration(0), new Provenance(7, "fashion", "abc", "v1", Instant.EPOCH, null,
                "train"), SHAPE, new Normalization(new float[] {0.3f}, new float[] {0.2f}));
        childRun = mock(ChildRunDirectory.class);
        when(childRun.readConfiguration()).thenReturn(stored);
        childCheckpoints = mock();
        when(childRun.checkpoints()).thenReturn(childCheckpoints);
        when(childCheckpoints.latestValid()).thenReturn(Optional.of(new CheckpointStore.Checkpoint<>(new RetrainState(4, 12), VARIABLES)));
        childRuns = mock(ChildRunDirectoryFactory.class);
        when(childRuns.open(CHILD_RUN)).thenReturn(childRun);
        supernet = mock(SupernetTrainer.class);
        supernetTrainers = mock(SupernetTrainerFactory.class);
        when(supernetTrainers.create(any())).thenReturn(supernet);
        searchRuns = mock(RunDirectoryFactory.class);
    }

    private EvaluateChildService evaluations() {
        return new EvaluateChildService(datasets, childTrainers, childRuns, supernetTrainers, searchRuns);
    }

    @Test
    void aTrainedChildIsRestoredFromItsNewestCheckpointAndMeasuredOnTheTestSet() {
        TrainedChildEvaluation evaluation = evaluations().evaluateTrained(CHILD_RUN, Device.GPU, 3);
        InOrder order = inOrder(childTrainer);
        order.verify(childTrainer).restoreVariables(VARIABLES);
        order.verify(childTrainer).evaluate(any());
        ArgumentCaptor<ChildNetworkConfig> config = ArgumentCaptor.forClass(ChildNetworkConfig.class);
        verify(childTrainers).create(config.capture());
        assertEquals(SHAPE, config.getValue().shape());
        assertEquals(Device.GPU, config.getValue().device(), "the device asked for, not the run's (CPU)");
        assertEquals(3, config.getValue().threads(), "the threads asked for, not the run's (1)");
        assertEquals(20, evaluation.test().examples());
        assertEquals(2.0, evaluation.test().loss(), 1e-12);
        assertEquals(3 / 20.0, evaluation.test().top1(), 1e-12);
        assertEquals(9 / 20.0, evaluation.test().top5().orElseThrow(), 1e-12);
        assertEquals(4, evaluation.completedEpochs());
        verify(childTrainer).close();
        verify(childRun).close();
    }

    @Test
    void testBatchesAreNormalisedWithTheRunsStatistics() {
        evaluations().evaluateTrained(CHILD_RUN, Device.CPU, 1);
        ArgumentCaptor<Batch> batch = ArgumentCaptor.forClass(Batch.class);
        verify(childTrainer).evaluate(batch.capture());
        int firstPixel = RetrainFixtures.images("test", 20, 5).pixel(0, 0, 0, 0);
        assertEquals((firstPixel / 255f - 0.3f) / 0.2f, batch.getValue().images()[0], 1e-5);
    }

    @Test
    void aRunWithoutCheckpointHasNothingToEvaluateOrExport() {
        when(childCheckpoints.latestValid()).thenReturn(Optional.empty());
        assertEquals(CHILD_RUN.toString(), assertThrows(InvalidInputException.class, () -> evaluations().evaluateTrained(CHILD_RUN, Device.CPU, 1)).source());
        ModelExporter exporter = mock(ModelExporter.class);
        assertThrows(InvalidInputException.class, () -> new ExportChildService(childRuns, exporter).export(CHILD_RUN, Path.of("model")));
        verify(exporter, never()).export(any(), any(), any(), any());
    }

    @Test
    void aSearchRunsChildrenAreMeasuredWithTheSupernetsWeightsAndOneHotZ() {
        CellPair<EdgeOpMatrix> logits = ArchitectureDistribution.initial(3).logits();
        SearchConfiguration search = SearchConfiguration.builder().dataset(DatasetRequest.bundledDefault()).layers(3).channels(4)
                .batchSize(16).epochs(10).warmupEpochs(0).seed(5).temperatureFloor(0.1).lambda(0).costMetric(CostMetric.PARAMETERS)
                .costForm(CostForm.LINEAR).validationFraction(0.25).architectureLearningRate(3e-3).threads(1).trainLimit(0)
                .childCalibrationBatches(0).build();
        RunDirectory run = mock(RunDirectory.class);
        when(searchRuns.resume(SEARCH_RUN)).thenReturn(run);
        when(run.readConfiguration()).thenReturn(new StoredRun(search, new Provenance(5, "d", "f", "v", Instant.EPOCH, null, "search")));
        CheckpointStore<SearchState> checkpoints = mock();
        when(run.checkpoints()).thenReturn(checkpoints);
        Path supernetVariables = Path.of("search-run/checkpoints/epoch-0006/variables");
        when(checkpoints.latestValid()).thenReturn(Optional.of(new CheckpointStore.Checkpoint<>(new SearchState(6, 30, logits,
                new AdamOptimizer(AdamSettings.snasDefaults()).state()), supernetVariables)));
        List<CellPair<EdgeOpMatrix>> fed = new ArrayList<>();
        when(supernet.evaluate(any(), any())).thenAnswer(call -> {
            fed.add(call.getArgument(1));
            Batch batch = call.getArgument(0);
            return new EvaluationResult(batch.size(), fed.size() % 3 == 0 ? 20 : 10, 20, batch.size());
        });

        SearchChildEvaluation evaluation = evaluations().evaluateSearch(SEARCH_RUN, Device.GPU, 2);

        verify(supernet).restoreVariables(supernetVariables);
        ArgumentCaptor<SupernetConfig> supernetConfig = ArgumentCaptor.forClass(SupernetConfig.class);
        verify(supernetTrainers).create(supernetConfig.capture());
        assertEquals(Device.GPU, supernetConfig.getValue().device(), "the device asked for, not the search's (CPU)");
        assertEquals(2, supernetConfig.getValue().threads());
        assertEquals(6, evaluation.completedEpochs());
        // Linear from 1.0 at epoch 0 to 0.1 at epoch 9: epoch 5 (the last finished) is 0.5.
        assertEquals(0.5, evaluation.temperature(), 1e-12);
        assertEquals(GenotypeDerivation.edgeAll(logits), evaluation.edgeAllGenotype());
        assertEquals(3, fed.size(), "one test batch, three networks");
        assertEquals(GenotypeDerivation.oneHot(evaluation.edgeAllGenotype()), fed.get(1));
        assertEquals(GenotypeDerivation.oneHot(evaluation.top2Genotype()), fed.get(2));
        assertTrue(fed.get(0).normal().isFinite());
        assertEquals(0.5, evaluation.supernet().top1(), 1e-12);
        assertEquals(1.0, evaluation.top2().top1(), 1e-12);
        verify(supernet).close();
        verify(run).close();
    }

    @Test
    void negativeThreadsAreRefusedNamingTheSettingBeforeAnyRunIsOpened() {
        InvalidInputException trained = assertThrows(InvalidInputException.class, () -> evaluations().evaluateTrained(CHILD_RUN, Device.CPU, -1));
        assertEquals("threads", trained.source());
        InvalidInputException searched = assertThrows(InvalidInputException.class, () -> evaluations().evaluateSearch(SEARCH_RUN, Device.CPU, -2));
        assertEquals("threads", searched.source());
        verifyNoInteractions(childRuns, searchRuns, childTrainers, supernetTrainers);
    }

    @Test
    void exportHandsTheNewestCheckpointTheRunsShapeAndNormalisationToTheExporter() {
        ModelExporter exporter = mock(ModelExporter.class);
        Path target = Path.of("model");
        new ExportChildService(childRuns, exporter).export(CHILD_RUN, target);
        ArgumentCaptor<ChildNetworkConfig> config = ArgumentCaptor.forClass(ChildNetworkConfig.class);
        ArgumentCaptor<ServingMetadata> metadata = ArgumentCaptor.forClass(ServingMetadata.class);
        verify(exporter).export(config.capture(), eq(VARIABLES), metadata.capture(), eq(target));
        assertEquals(SHAPE, config.getValue().shape());
        assertEquals(stored.configuration().genotype(), config.getValue().genotype());
        assertEquals(stored.normalization(), metadata.getValue().normalization());
        assertEquals("darts-v2", metadata.getValue().genotype());
        assertTrue(metadata.getValue().provenance().contains("seed 7"), metadata.getValue().provenance());
        verify(childRun).close();
    }
}

package org.snas4j.application.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.TrainingDivergedException;
import org.snas4j.application.data.Batch;
import org.snas4j.application.data.DatasetRequest;
import org.snas4j.application.data.DatasetSplits;
import org.snas4j.application.data.ImageDataset;
import org.snas4j.application.port.out.CheckpointStore;
import org.snas4j.application.port.out.DatasetSource;
import org.snas4j.application.port.out.Device;
import org.snas4j.application.port.out.EvaluationResult;
import org.snas4j.application.port.out.RunDirectory;
import org.snas4j.application.port.out.RunDirectoryFactory;
import org.snas4j.application.port.out.SearchListener;
import org.snas4j.application.port.out.StepResult;
import org.snas4j.application.port.out.StoredRun;
import org.snas4j.application.port.out.SupernetConfig;
import org.snas4j.application.port.out.SupernetTrainer;
import org.snas4j.application.port.out.SupernetTrainerFactory;
import org.snas4j.domain.cost.CostMetric;
import org.snas4j.domain.cost.GradientEstimator;
import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.genotype.CellEdge;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.optim.AdamOptimizer;
import org.snas4j.domain.optim.AdamSettings;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.Operation;

/** The search loop's logic against mocked ports: no TensorFlow, no files. */
class SearchServiceTest {

    private static final int TRAIN_IMAGES = 100;
    private static final int BATCH = 16;
    private static final int EPOCHS = 4;
    private static final Path RUN = Path.of("run-under-test");

    private DatasetSource datasets;
    private SupernetTrainerFactory trainers;
    private SupernetTrainer trainer;
    private RunDirectoryFactory runs;
    private RunDirectory run;
    private CheckpointStore<SearchState> checkpoints;
    private SearchListener listener;
    private final List<EpochMetrics> recorded = new ArrayList<>();

    @BeforeEach
    void setUp() {
        datasets = mock(DatasetSource.class);
        when(datasets.load(any())).thenReturn(new DatasetSplits(images("train", TRAIN_IMAGES), images("test", 20)));
        trainer = mock(SupernetTrainer.class);
        // dLoss/dZ favours sep_conv_3x3 on every edge: alpha must move towards it.
        when(trainer.trainStep(any(), any(), anyDouble())).thenReturn(new StepResult(1.25, 0.5, favouring(Operation.SEP_CONV_3X3)));
        when(trainer.evaluate(any(), any())).thenAnswer(inv -> {
            Batch batch = inv.getArgument(0);
            return new EvaluationResult(0.5 * batch.size(), batch.size() / 2, batch.size(), batch.size());
        });
        when(trainer.parameterCount()).thenReturn(1234L);
        trainers = mock(SupernetTrainerFactory.class);
        when(trainers.create(any())).thenReturn(trainer);
        checkpoints = mock();
        run = mock(RunDirectory.class);
        when(run.path()).thenReturn(RUN);
        when(run.checkpoints()).thenReturn(checkpoints);
        recorded.clear();
        org.mockito.Mockito.doAnswer(inv -> recorded.add(inv.getArgument(0))).when(run).recordMetrics(any());
        when(run.metrics()).thenAnswer(inv -> List.copyOf(recorded));
        runs = mock(RunDirectoryFactory.class);
        when(runs.create(RUN)).thenReturn(run);
        when(runs.resume(RUN)).thenReturn(run);
        listener = mock(SearchListener.class);
    }

    @Test
    void trainsEveryBatchOfEveryEpochAndCheckpointsEachEpoch() {
        SearchOutcome outcome = service().search(configuration(EPOCHS, 0.0), RUN, "search");

        int steps = stepsPerEpoch();
        verify(trainer, times(EPOCHS * steps)).trainStep(any(), any(), anyDouble());
        ArgumentCaptor<SearchState> states = ArgumentCaptor.forClass(SearchState.class);
        verify(checkpoints, times(EPOCHS)).save(states.capture(), any());
        for (int e = 0; e < EPOCHS; e++) {
            assertEquals(e + 1, states.getAllValues().get(e).completedEpochs());
            assertEquals((long) (e + 1) * steps, states.getAllValues().get(e).globalStep());
        }
        assertEquals(EPOCHS, outcome.metrics().size());
        verify(trainer).close();
        verify(run).close();
    }

    @Test
    void annealsTheTemperatureOverTheRunsOwnEpochs() {
        service().search(configuration(EPOCHS, 0.0), RUN, "search");

        assertEquals(1.0, recorded.get(0).temperature(), 1e-12);
        assertEquals(0.03, recorded.get(EPOCHS - 1).temperature(), 1e-12);
        for (int e = 1; e < EPOCHS; e++) {
            assertTrue(recorded.get(e).temperature() < recorded.get(e - 1).temperature(), "tau falls every epoch");
        }
        verify(listener, times(stepsPerEpoch())).stepFinished(eq(0), anyInt(), eq(stepsPerEpoch()), eq(1.25), eq(0.5), eq(1.0));
    }

    @Test
    void feedsTheCosineLearningRatePerEpoch() {
        service().search(configuration(EPOCHS, 0.0), RUN, "search");

        ArgumentCaptor<Double> rates = ArgumentCaptor.forClass(Double.class);
        verify(trainer, times(EPOCHS * stepsPerEpoch())).trainStep(any(), any(), rates.capture());
        assertEquals(0.025, rates.getAllValues().get(0), 1e-12);
        double lastEpochRate = rates.getAllValues().get(rates.getAllValues().size() - 1);
        assertTrue(lastEpochRate < 0.025 && lastEpochRate > 0.001, "cosine between max and min: " + lastEpochRate);
    }

    @Test
    void movesAlphaAlongTheSearchGradientUntilTheGenotypeFollows() {
        SearchOutcome outcome = service().search(configuration(EPOCHS, 0.0), RUN, "search");

        for (CellEdge edge : outcome.edgeAll().normal().edges()) {
            assertEquals(Operation.SEP_CONV_3X3, edge.operation(), "every edge follows the gradient");
        }
        ArgumentCaptor<SearchState> states = ArgumentCaptor.forClass(SearchState.class);
        verify(checkpoints, times(EPOCHS)).save(states.capture(), any());
        EdgeOpMatrix logits = states.getValue().logits().normal();
        assertTrue(logits.get(0, Operation.SEP_CONV_3X3) > logits.get(0, Operation.SKIP_CONNECT));
    }

    @Test
    void reportsEventsInOrder() {
        service().search(configuration(2, 0.0), RUN, "search");

        InOrder order = inOrder(listener, checkpoints);
        order.verify(listener).searchStarted(any());
        order.verify(listener, atLeastOnce()).stepFinished(eq(0), anyInt(), anyInt(), anyDouble(), anyDouble(), anyDouble());
        order.verify(checkpoints).save(any(), any());
        order.verify(listener).epochFinished(any(), any(), any());
        order.verify(listener, atLeastOnce()).stepFinished(eq(1), anyInt(), anyInt(), anyDouble(), anyDouble(), anyDouble());
        order.verify(checkpoints).save(any(), any());
        order.verify(listener).epochFinished(any(), any(), any());
        order.verify(listener).searchFinished(any());
    }

    @Test
    void aStrongResourcePenaltyDrivesEdgesToParameterFreeOps() {
        when(trainer.trainStep(any(), any(), anyDouble())).thenReturn(new StepResult(1.0, 0.5, CellPair.of(k -> EdgeOpMatrix.zeros())));

        service().search(configuration(EPOCHS, 50.0), RUN, "search");

        EpochMetrics first = recorded.get(0);
        EpochMetrics last = recorded.get(EPOCHS - 1);
        assertTrue(last.expectedParameters() < first.expectedParameters(), "expected parameters fall under the penalty");
        assertTrue(last.penalty() > 0);
    }

    @Test
    void stopsOnANonFiniteLossWithoutCheckpointingThatEpoch() {
        when(trainer.trainStep(any(), any(), anyDouble())).thenReturn(new StepResult(Double.NaN, 0.0, favouring(Operation.NONE)));

        assertThrows(TrainingDivergedException.class, () -> service().search(configuration(EPOCHS, 0.0), RUN, "search"));

        verify(checkpoints, never()).save(any(), any());
        verify(trainer).close();
        verify(run).close();
    }

    @Test
    void resumesFromTheLastCheckpoint() {
        SearchConfiguration config = configuration(EPOCHS, 0.0);
        Provenance provenance = new Provenance(7, "train", images("train", TRAIN_IMAGES).fingerprint(), "test", Instant.EPOCH, null, "search");
        when(run.readConfiguration()).thenReturn(new StoredRun(config, provenance));
        CellPair<EdgeOpMatrix> logits = ArchitectureDistribution.initial(3).logits();
        AdamOptimizer adam = new AdamOptimizer(AdamSettings.snasDefaults());
        adam.step(logits, favouring(Operation.SEP_CONV_5X5));
        Path variables = Path.of("checkpoint-2", "variables");
        when(checkpoints.latestValid()).thenReturn(Optional.of(new CheckpointStore.Checkpoint<>(
                new SearchState(2, 2L * stepsPerEpoch(), logits, adam.state()), variables)));

        SearchOutcome outcome = service().resume(RUN, "search --resume");

        verify(trainer).restoreVariables(variables);
        verify(trainer, times((EPOCHS - 2) * stepsPerEpoch())).trainStep(any(), any(), anyDouble());
        ArgumentCaptor<SearchState> states = ArgumentCaptor.forClass(SearchState.class);
        verify(checkpoints, times(EPOCHS - 2)).save(states.capture(), any());
        assertEquals(3, states.getAllValues().get(0).completedEpochs());
        assertEquals(EPOCHS, states.getValue().completedEpochs());
        assertEquals(2, recorded.get(0).epoch());
        assertEquals(RUN, outcome.runDirectory());
    }

    @Test
    void refusesABatchLargerThanTheTrainingData() {
        SearchConfiguration tooLarge = withBatch(configuration(EPOCHS, 0.0), 500);

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> service().search(tooLarge, RUN, "search"));

        assertEquals("--batch", e.source());
        verify(trainers, never()).create(any());
        verify(runs, never()).create(any());
    }

    @Test
    void passesTheShapeOfTheDataToTheTrainer() {
        service().search(configuration(1, 0.0), RUN, "search");

        ArgumentCaptor<SupernetConfig> config = ArgumentCaptor.forClass(SupernetConfig.class);
        verify(trainers).create(config.capture());
        assertEquals(8, config.getValue().shape().inputSize());
        assertEquals(1, config.getValue().shape().inputChannels());
        assertEquals(3, config.getValue().shape().classes());
        ArgumentCaptor<Provenance> provenance = ArgumentCaptor.forClass(Provenance.class);
        verify(run, times(2)).writeConfiguration(any(), provenance.capture());
        assertEquals(null, provenance.getAllValues().get(0).finishedAt(), "written unfinished at the start");
        assertEquals(Instant.EPOCH, provenance.getAllValues().get(1).finishedAt(), "rewritten finished at the end");
        assertEquals(images("train", TRAIN_IMAGES).fingerprint(), provenance.getValue().datasetFingerprint());
        verify(run, atLeastOnce()).writeGenotype(anyString(), any(Genotype.class));
    }

    private SearchService service() {
        return new SearchService(datasets, trainers, runs, listener, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), "test");
    }

    private static int stepsPerEpoch() {
        // 20% held out (stratified), the rest cut into full batches.
        return (TRAIN_IMAGES - TRAIN_IMAGES / 5) / BATCH;
    }

    private static SearchConfiguration configuration(int epochs, double lambda) {
        return new SearchConfiguration(new DatasetRequest("fashion-mnist", Optional.empty()), 3, 4, BATCH, epochs, 7, 1.0, 0.03, false,
                lambda, CostMetric.PARAMETERS, false, GradientEstimator.EXPECTATION, 0.2, 0.025, 0.001, 0.05, Device.CPU, 1, 0);
    }

    private static SearchConfiguration withBatch(SearchConfiguration c, int batch) {
        return new SearchConfiguration(c.dataset(), c.layers(), c.channels(), batch, c.epochs(), c.seed(), c.temperatureStart(),
                c.temperatureFloor(), c.exponentialTemperature(), c.lambda(), c.costMetric(), c.logarithmicCost(), c.estimator(),
                c.validationFraction(), c.learningRate(), c.learningRateMin(), c.architectureLearningRate(), c.device(), c.threads(), c.trainLimit());
    }

    /** A dLoss/dZ whose descent direction raises {@code op} on every edge. */
    private static CellPair<EdgeOpMatrix> favouring(Operation op) {
        EdgeOpMatrix m = EdgeOpMatrix.filled(0.1);
        for (int e = 0; e < EdgeOpMatrix.ROWS; e++) {
            m = m.with(e, op.ordinal(), -1.0);
        }
        EdgeOpMatrix gradient = m;
        return CellPair.of(k -> gradient);
    }

    private static ImageDataset images(String name, int count) {
        byte[] pixels = new byte[count * 8 * 8];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 3;
            for (int p = 0; p < 64; p++) {
                pixels[i * 64 + p] = (byte) ((i * 31 + p * 7) & 0xFF);
            }
        }
        return new ImageDataset(name, 8, 8, 1, 3, pixels, labels);
    }
}

package org.snas4j.application.service.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
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
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.snas4j.application.InvalidSettingException;
import org.snas4j.application.TrainingDivergedException;
import org.snas4j.application.port.in.provenance.Provenance;
import org.snas4j.application.port.in.search.EpochMetrics;
import org.snas4j.application.port.in.search.SearchConfiguration;
import org.snas4j.application.port.in.search.SearchOutcome;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.data.DatasetRequest;
import org.snas4j.application.port.out.data.DatasetSource;
import org.snas4j.application.port.out.data.DatasetSplits;
import org.snas4j.application.port.out.data.ImageDataset;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.application.port.out.device.DeviceAvailability;
import org.snas4j.application.port.out.device.DeviceInventory;
import org.snas4j.application.port.out.events.StepFigures;
import org.snas4j.application.port.out.events.TrainingEventLog;
import org.snas4j.application.port.out.events.TrainingEventSink;
import org.snas4j.application.port.out.progress.SearchListener;
import org.snas4j.application.port.out.storage.CheckpointStore;
import org.snas4j.application.port.out.storage.RunDirectory;
import org.snas4j.application.port.out.storage.RunDirectoryFactory;
import org.snas4j.application.port.out.storage.SearchState;
import org.snas4j.application.port.out.storage.StoredRun;
import org.snas4j.application.port.out.training.EvaluationResult;
import org.snas4j.application.port.out.training.StepResult;
import org.snas4j.application.port.out.training.SupernetConfig;
import org.snas4j.application.port.out.training.SupernetTrainer;
import org.snas4j.application.port.out.training.SupernetTrainerFactory;
import org.snas4j.application.service.device.DeviceCheck;
import org.snas4j.domain.cost.CostForm;
import org.snas4j.domain.cost.CostMetric;
import org.snas4j.domain.cost.GradientEstimator;
import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.genotype.CellEdge;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.GenotypeDerivation;
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
    private static final Path CONFIGURATION_FILE = RUN.resolve("configuration.textproto");

    private DatasetSource datasets;
    private SupernetTrainerFactory trainers;
    private SupernetTrainer trainer;
    private RunDirectoryFactory runs;
    private RunDirectory run;
    private CheckpointStore<SearchState> checkpoints;
    private SearchListener listener;
    private TrainingEventLog events;
    private TrainingEventSink sink;
    private DeviceAvailability devices;
    private DeviceCheck deviceCheck;
    private final List<EpochMetrics> recorded = new ArrayList<>();

    @BeforeEach
    void setUp() {
        datasets = mock(DatasetSource.class);
        when(datasets.load(any())).thenReturn(new DatasetSplits(images("train", TRAIN_IMAGES), images("test", 20)));
        trainer = mock(SupernetTrainer.class);
        // dLoss/dZ favours sep_conv_3x3 on every edge: alpha must move towards it.
        when(trainer.trainStep(any(), any(), anyDouble(), anyLong())).thenReturn(new StepResult(1.25, 0.5, favouring(Operation.SEP_CONV_3X3)));
        // The port's own weights-only step: trainStep's update, its loss and accuracy.
        when(trainer.trainWeightsStep(any(), any(), anyDouble(), anyLong())).thenCallRealMethod();
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
        when(run.configurationFile()).thenReturn(CONFIGURATION_FILE);
        when(run.checkpoints()).thenReturn(checkpoints);
        recorded.clear();
        org.mockito.Mockito.doAnswer(inv -> recorded.add(inv.getArgument(0))).when(run).recordMetrics(any());
        when(run.metrics()).thenAnswer(inv -> List.copyOf(recorded));
        runs = mock(RunDirectoryFactory.class);
        when(runs.create(RUN)).thenReturn(run);
        when(runs.resume(RUN)).thenReturn(run);
        listener = mock(SearchListener.class);
        events = mock(TrainingEventLog.class);
        sink = mock(TrainingEventSink.class);
        when(events.open(any(), anyLong())).thenReturn(sink);
        devices = mock(DeviceAvailability.class);
        when(devices.inventory()).thenReturn(new DeviceInventory("linux-x86_64", false, Set.of(Device.CPU), List.of("/device:CPU:0")));
        deviceCheck = new DeviceCheck(devices);
    }

    @Test
    void trainsEveryBatchOfEveryEpochAndCheckpointsEachEpoch() {
        SearchOutcome outcome = service().search(configuration(EPOCHS, 0.0), RUN, "search");

        int steps = stepsPerEpoch();
        verify(trainer, times(EPOCHS * steps)).trainStep(any(), any(), anyDouble(), anyLong());
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
        assertEquals(SearchConfiguration.DEFAULTS.temperatureFloor(), recorded.get(EPOCHS - 1).temperature(), 1e-12);
        for (int e = 1; e < EPOCHS; e++) {
            assertTrue(recorded.get(e).temperature() < recorded.get(e - 1).temperature(), "tau falls every epoch");
        }
        verify(listener, times(stepsPerEpoch())).stepFinished(eq(0), anyInt(), eq(stepsPerEpoch()), eq(1.25), eq(0.5), eq(1.0));
    }

    @Test
    void feedsTheCosineLearningRatePerEpoch() {
        service().search(configuration(EPOCHS, 0.0), RUN, "search");

        ArgumentCaptor<Double> rates = ArgumentCaptor.forClass(Double.class);
        verify(trainer, times(EPOCHS * stepsPerEpoch())).trainStep(any(), any(), rates.capture(), anyLong());
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
    void theEventsHoldEveryStepAndEpochAndAreDurableBeforeEachCheckpoint() {
        service().search(configuration(2, 0.0), RUN, "search");

        verify(events).open(RUN, 0);
        ArgumentCaptor<StepFigures> steps = ArgumentCaptor.forClass(StepFigures.class);
        verify(sink, times(2 * stepsPerEpoch())).step(steps.capture());
        for (int i = 0; i < steps.getAllValues().size(); i++) {
            StepFigures figures = steps.getAllValues().get(i);
            assertEquals(i + 1, figures.step(), "global steps from 1");
            assertEquals(1.25, figures.loss());
            assertEquals(0.5, figures.accuracy());
            int epoch = i / stepsPerEpoch();
            assertEquals(recorded.get(epoch).learningRate(), figures.learningRate(), 1e-15);
            assertEquals(recorded.get(epoch).temperature(), figures.temperature(), 1e-15);
        }
        InOrder order = inOrder(sink, checkpoints);
        for (int epoch = 0; epoch < 2; epoch++) {
            order.verify(sink).searchEpoch((long) (epoch + 1) * stepsPerEpoch(), recorded.get(epoch));
            order.verify(sink).flush();
            order.verify(checkpoints).save(any(), any());
        }
        order.verify(sink).close();
    }

    @Test
    void everyEpochRecordsTheAlphaItsChildWasDerivedFrom() {
        SearchOutcome outcome = service().search(configuration(2, 0.0), RUN, "search");

        ArgumentCaptor<SearchState> states = ArgumentCaptor.forClass(SearchState.class);
        verify(checkpoints, times(2)).save(states.capture(), any());
        for (int epoch = 0; epoch < 2; epoch++) {
            assertEquals(Optional.of(states.getAllValues().get(epoch).logits()), recorded.get(epoch).alphaLogits());
        }
        assertEquals(outcome.edgeAll(), GenotypeDerivation.edgeAll(recorded.get(1).alphaLogits().orElseThrow()));
    }

    @Test
    void aStrongResourcePenaltyDrivesEdgesToParameterFreeOps() {
        when(trainer.trainStep(any(), any(), anyDouble(), anyLong())).thenReturn(new StepResult(1.0, 0.5, CellPair.of(k -> EdgeOpMatrix.zeros())));

        service().search(configuration(EPOCHS, 50.0), RUN, "search");

        EpochMetrics first = recorded.get(0);
        EpochMetrics last = recorded.get(EPOCHS - 1);
        assertTrue(last.expectedParameters() < first.expectedParameters(), "expected parameters fall under the penalty");
        assertTrue(last.penalty() > 0);
    }

    @Test
    void stopsOnANonFiniteLossWithoutCheckpointingThatEpoch() {
        when(trainer.trainStep(any(), any(), anyDouble(), anyLong())).thenReturn(new StepResult(Double.NaN, 0.0, favouring(Operation.NONE)));

        assertThrows(TrainingDivergedException.class, () -> service().search(configuration(EPOCHS, 0.0), RUN, "search"));

        verify(checkpoints, never()).save(any(), any());
        verify(trainer).close();
        verify(run).close();
    }

    @Test
    void anOverflowingArchitectureUpdateIsADivergenceNotInvalidInput() {
        // Finite but huge dLoss/dZ: the search gradient overflows to infinity, which the service checks for before Adam.
        CellPair<EdgeOpMatrix> huge = CellPair.of(k -> EdgeOpMatrix.filled(1e308).with(0, 0, -1e308));
        when(trainer.trainStep(any(), any(), anyDouble(), anyLong())).thenReturn(new StepResult(1.0, 0.5, huge));

        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> service().search(configuration(EPOCHS, 0.0), RUN, "search"));

        assertTrue(e.getMessage().contains("epoch 1, step 1 (architecture gradient)"), e.getMessage());
        verify(checkpoints, never()).save(any(), any());
    }

    @Test
    void warmupEpochsTrainUniformOneHotPathsAndLeaveAlphaAlone() {
        SearchConfiguration config = configuration(EPOCHS, 50.0).toBuilder().warmupEpochs(2).build();
        List<CellPair<EdgeOpMatrix>> fed = new ArrayList<>();
        when(trainer.trainStep(any(), any(), anyDouble(), anyLong())).thenAnswer(inv -> {
            fed.add(inv.getArgument(1));
            return new StepResult(1.25, 0.5, favouring(Operation.SEP_CONV_3X3));
        });

        service().search(config, RUN, "search");

        ArgumentCaptor<SearchState> states = ArgumentCaptor.forClass(SearchState.class);
        verify(checkpoints, times(EPOCHS)).save(states.capture(), any());
        CellPair<EdgeOpMatrix> initial = ArchitectureDistribution.initial(config.seed()).logits();
        assertEquals(initial, states.getAllValues().get(0).logits(), "alpha frozen in warm-up epoch 1");
        assertEquals(initial, states.getAllValues().get(1).logits(), "alpha frozen in warm-up epoch 2");
        assertTrue(!initial.equals(states.getAllValues().get(2).logits()), "alpha moves after the warm-up");
        assertEquals(0.0, recorded.get(1).penalty(), "no penalty is charged while alpha is frozen");
        verify(trainer, times(2 * stepsPerEpoch())).trainWeightsStep(any(), any(), anyDouble(), anyLong());
        assertEquals(1.25, recorded.get(0).trainLoss(), 1e-12, "the warm-up's losses are the weights-only steps'");
        // Warm-up steps feed one-hot rows, spread over all 8 ops; the temperature anneals over the other epochs.
        int[] counts = new int[Operation.COUNT];
        for (CellPair<EdgeOpMatrix> z : fed.subList(0, 2 * stepsPerEpoch())) {
            for (int e = 0; e < EdgeOpMatrix.ROWS; e++) {
                int op = z.normal().argmax(e);
                assertEquals(1.0, z.normal().get(e, op));
                assertEquals(1.0, java.util.Arrays.stream(z.normal().row(e)).sum());
                counts[op]++;
            }
        }
        for (int count : counts) {
            assertTrue(count > 0, "every op is drawn: " + java.util.Arrays.toString(counts));
        }
        assertEquals(1.0, recorded.get(2).temperature(), 1e-12);
        assertEquals(SearchConfiguration.DEFAULTS.temperatureFloor(), recorded.get(EPOCHS - 1).temperature(), 1e-12);
    }

    @Test
    void stepsAreNumberedAcrossEpochsForTheDropPathMasks() {
        service().search(configuration(2, 0.0).toBuilder().dropPath(0.15).build(), RUN, "search");

        ArgumentCaptor<Long> steps = ArgumentCaptor.forClass(Long.class);
        verify(trainer, times(2 * stepsPerEpoch())).trainStep(any(), any(), anyDouble(), steps.capture());
        for (int i = 0; i < steps.getAllValues().size(); i++) {
            assertEquals(i, steps.getAllValues().get(i));
        }
        ArgumentCaptor<SupernetConfig> config = ArgumentCaptor.forClass(SupernetConfig.class);
        verify(trainers).create(config.capture());
        assertEquals(0.15, config.getValue().dropPath());
    }

    @Test
    void calibratedChildrenAreValidatedWithTheirOwnBatchNormStatistics() {
        when(trainer.evaluateRecalibrated(any(), any(), any())).thenAnswer(inv -> {
            int calibration = 0;
            for (Batch ignored : (Iterable<Batch>) inv.getArgument(1)) {
                calibration++;
            }
            assertEquals(2, calibration, "the configured number of calibration batches");
            int size = 0;
            for (Batch batch : (Iterable<Batch>) inv.getArgument(2)) {
                size += batch.size();
            }
            return new EvaluationResult(0.1 * size, size, size, size);
        });

        service().search(configuration(1, 0.0).toBuilder().childCalibrationBatches(2).build(), RUN, "search");

        verify(trainer, times(2)).evaluateRecalibrated(any(), any(), any());
        assertEquals(1.0, recorded.get(0).childAccuracy(), "edge-all child from the recalibrated evaluation");
        assertEquals(1.0, recorded.get(0).top2ChildAccuracy(), "top-2 child too");
        assertEquals(0.5, recorded.get(0).supernetAccuracy(), "the supernet keeps its own statistics");
    }

    @Test
    void aResumedRunWhoseRecordedDeviceIsGoneIsRefusedBeforeAnyWork() {
        SearchConfiguration onGpu = configuration(EPOCHS, 0.0).toBuilder().device(Device.GPU).build();
        when(run.readConfiguration()).thenReturn(new StoredRun(onGpu, new Provenance(7, "train",
                images("train", TRAIN_IMAGES).fingerprint(), "test", Instant.EPOCH, null, "search --device gpu")));

        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> service().resume(RUN, "search --resume"));

        assertEquals(DeviceCheck.SETTING, e.setting());
        assertEquals(Optional.of(CONFIGURATION_FILE), e.storedIn(), "the user typed no --device: the run's file recorded it");
        verify(trainers, never()).create(any());
        verify(datasets, never()).load(any());
    }

    @Test
    void aBadStoredSettingIsRefusedOnResumeNamingItsFileAndField() {
        SearchConfiguration frozen = configuration(EPOCHS, 0.0).toBuilder().architectureLearningRate(-1).build();
        when(run.readConfiguration()).thenReturn(new StoredRun(frozen, new Provenance(7, "train",
                images("train", TRAIN_IMAGES).fingerprint(), "test", Instant.EPOCH, null, "search")));

        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> service().resume(RUN, "search --resume"));

        assertEquals(CONFIGURATION_FILE + ": architectureLearningRate must be positive, got -1.0", e.getMessage());
        verify(trainers, never()).create(any());
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
        verify(trainer, times((EPOCHS - 2) * stepsPerEpoch())).trainStep(any(), any(), anyDouble(), anyLong());
        ArgumentCaptor<SearchState> states = ArgumentCaptor.forClass(SearchState.class);
        verify(checkpoints, times(EPOCHS - 2)).save(states.capture(), any());
        assertEquals(3, states.getAllValues().get(0).completedEpochs());
        assertEquals(EPOCHS, states.getValue().completedEpochs());
        assertEquals(2, recorded.get(0).epoch());
        assertEquals(RUN, outcome.runDirectory());
        // The events drop what a killed process recorded after the checkpoint, and go on from its step.
        verify(events).open(RUN, 2L * stepsPerEpoch());
        ArgumentCaptor<StepFigures> steps = ArgumentCaptor.forClass(StepFigures.class);
        verify(sink, times((EPOCHS - 2) * stepsPerEpoch())).step(steps.capture());
        assertEquals(2L * stepsPerEpoch() + 1, steps.getAllValues().get(0).step());
    }

    @Test
    void refusesABatchLargerThanTheTrainingData() {
        SearchConfiguration tooLarge = withBatch(configuration(EPOCHS, 0.0), 500);

        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> service().search(tooLarge, RUN, "search"));

        assertEquals("batchSize", e.setting());
        assertEquals(Optional.empty(), e.storedIn());
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
        return new SearchService(datasets, trainers, runs, listener, events, deviceCheck, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
                "test");
    }

    private static int stepsPerEpoch() {
        // 20% held out (stratified), the rest cut into full batches.
        return (TRAIN_IMAGES - TRAIN_IMAGES / 5) / BATCH;
    }

    private static SearchConfiguration configuration(int epochs, double lambda) {
        return SearchConfiguration.builder().layers(3).channels(4).batchSize(BATCH).epochs(epochs).seed(7).lambda(lambda)
                .costMetric(CostMetric.PARAMETERS).costForm(CostForm.LINEAR).estimator(GradientEstimator.EXPECTATION)
                .architectureLearningRate(0.05).threads(1).trainLimit(0).childCalibrationBatches(0).warmupEpochs(0).build();
    }

    private static SearchConfiguration withBatch(SearchConfiguration c, int batch) {
        return c.toBuilder().batchSize(batch).build();
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

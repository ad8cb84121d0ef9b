package org.snas4j.application.child;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
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
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.data.Batch;
import org.snas4j.application.data.DatasetRequest;
import org.snas4j.application.data.DatasetSplits;
import org.snas4j.application.data.ImageDataset;
import org.snas4j.application.device.DeviceCheck;
import org.snas4j.application.port.out.ChildNetworkConfig;
import org.snas4j.application.port.out.ChildNetworkTrainer;
import org.snas4j.application.port.out.ChildNetworkTrainerFactory;
import org.snas4j.application.port.out.CheckpointStore;
import org.snas4j.application.port.out.ChildRunDirectory;
import org.snas4j.application.port.out.ChildRunDirectoryFactory;
import org.snas4j.application.port.out.ChildStepResult;
import org.snas4j.application.port.out.DatasetSource;
import org.snas4j.application.port.out.Device;
import org.snas4j.application.port.out.DeviceInventory;
import org.snas4j.application.port.out.EvaluationResult;
import org.snas4j.application.port.out.RetrainListener;
import org.snas4j.application.port.out.events.StepFigures;
import org.snas4j.application.port.out.events.TrainingEventLog;
import org.snas4j.application.port.out.events.TrainingEventSink;
import org.snas4j.application.TrainingDivergedException;
import org.snas4j.domain.genotype.PublishedGenotypes;

/** The retraining loop's logic against mocked ports: no TensorFlow, no files. */
class RetrainServiceTest {

    static final int TRAIN_IMAGES = 60;
    static final int TEST_IMAGES = 20;
    static final int BATCH = 16;
    static final int EPOCHS = 4;
    static final Path RUN = Path.of("child-run-under-test");

    private DatasetSource datasets;
    private ChildNetworkTrainerFactory trainers;
    private ChildNetworkTrainer trainer;
    private ChildRunDirectoryFactory runs;
    private ChildRunDirectory run;
    private CheckpointStore<RetrainState> checkpoints;
    private RetrainListener listener;
    private TrainingEventLog events;
    private TrainingEventSink sink;
    private final List<RetrainEpochMetrics> recorded = new ArrayList<>();

    @BeforeEach
    void setUp() {
        datasets = mock(DatasetSource.class);
        when(datasets.load(any())).thenReturn(new DatasetSplits(images("train", TRAIN_IMAGES, 0), images("test", TEST_IMAGES, 5)));
        trainer = mock(ChildNetworkTrainer.class);
        when(trainer.trainStep(any(), anyDouble(), anyDouble(), anyLong())).thenReturn(new ChildStepResult(1.5, 1.9, 0.25));
        when(trainer.evaluate(any())).thenAnswer(call -> {
            Batch batch = call.getArgument(0);
            return new EvaluationResult(0.8 * batch.size(), batch.size() / 2, batch.size(), batch.size());
        });
        when(trainer.parameterCount()).thenReturn(1234L);
        trainers = mock(ChildNetworkTrainerFactory.class);
        when(trainers.create(any())).thenReturn(trainer);
        run = mock(ChildRunDirectory.class);
        when(run.path()).thenReturn(RUN);
        checkpoints = mock();
        when(run.checkpoints()).thenReturn(checkpoints);
        org.mockito.Mockito.doAnswer(call -> recorded.add(call.getArgument(0))).when(run).recordMetrics(any());
        when(run.metrics()).thenAnswer(call -> List.copyOf(recorded));
        runs = mock(ChildRunDirectoryFactory.class);
        when(runs.create(RUN)).thenReturn(run);
        when(runs.open(RUN)).thenReturn(run);
        listener = mock(RetrainListener.class);
        events = mock(TrainingEventLog.class);
        sink = mock(TrainingEventSink.class);
        when(events.open(any(), anyLong())).thenReturn(sink);
    }

    static ImageDataset images(String name, int count, int offset) {
        byte[] pixels = new byte[count * 8 * 8];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 7;
            for (int p = 0; p < 64; p++) {
                pixels[i * 64 + p] = (byte) (((i + offset) * 31 + p * 7) & 0xFF);
            }
        }
        return new ImageDataset(name, 8, 8, 1, 7, pixels, labels);
    }

    static RetrainConfiguration configuration(double validationFraction) {
        return new RetrainConfiguration(DatasetRequest.bundledDefault(), "darts-v2", PublishedGenotypes.byName("darts-v2"), 3, 4,
                BATCH, EPOCHS, 7, false, 0.4, 3, 0.2, 0.025, 0.001, false, validationFraction, Device.CPU, 1, 0);
    }

    /** What the mocked runtime sees: the CPU only. */
    private final DeviceInventory cpuOnly = new DeviceInventory("linux-x86_64", false, Set.of(Device.CPU), List.of("CPU:0"));

    private RetrainService service() {
        return new RetrainService(datasets, trainers, runs, new DeviceCheck(() -> cpuOnly), listener, events,
                Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC), "test-version");
    }

    static RetrainConfiguration onGpu(RetrainConfiguration c) {
        return new RetrainConfiguration(c.dataset(), c.genotypeSource(), c.genotype(), c.layers(), c.channels(), c.batchSize(), c.epochs(),
                c.seed(), c.auxiliary(), c.auxiliaryWeight(), c.cutout(), c.dropPath(), c.learningRate(), c.learningRateMin(),
                c.batchNormAfterPools(), c.validationFraction(), Device.GPU, c.threads(), c.trainLimit());
    }

    @Test
    void aGpuRunWhereNoGpuIsVisibleIsRefusedBeforeItsDirectoryIsCreated() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> service().retrain(onGpu(configuration(0)), RUN, "train"));
        assertEquals(DeviceCheck.SETTING, e.source());
        assertTrue(e.problem().startsWith("gpu requested, but TensorFlow sees only CPU:0"), e.problem());
        verifyNoInteractions(runs, trainers);
    }

    @Test
    void aGpuRunResumedWhereNoGpuIsVisibleIsRefusedNamingTheRun() {
        when(run.readConfiguration()).thenReturn(new StoredRetrainRun(onGpu(configuration(0)), new org.snas4j.application.search.Provenance(7,
                "train", images("train", TRAIN_IMAGES, 0).fingerprint(), "v", Instant.EPOCH, null, "train"),
                new org.snas4j.domain.space.NetworkShape(3, 4, 8, 1, 7), org.snas4j.application.data.Normalization.unitScale(1)));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> service().resume(RUN, "train --resume"));
        assertEquals(RUN.toString(), e.source());
        assertTrue(e.problem().startsWith("its recorded device: gpu requested"), e.problem());
        verifyNoInteractions(trainers);
        verify(run).close();
    }

    @Test
    void everyEpochTrainsEveryFullBatchWithCosineRateAndRampedDropPathThenTestsAndCheckpoints() {
        RetrainOutcome outcome = service().retrain(configuration(0), RUN, "train ...");
        int steps = TRAIN_IMAGES / BATCH;
        ArgumentCaptor<Double> rates = ArgumentCaptor.forClass(Double.class);
        ArgumentCaptor<Double> drops = ArgumentCaptor.forClass(Double.class);
        ArgumentCaptor<Long> globalSteps = ArgumentCaptor.forClass(Long.class);
        verify(trainer, times(EPOCHS * steps)).trainStep(any(), rates.capture(), drops.capture(), globalSteps.capture());
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            double rate = 0.001 + (0.025 - 0.001) * (1 + Math.cos(Math.PI * epoch / EPOCHS)) / 2;
            assertEquals(rate, rates.getAllValues().get(epoch * steps), 1e-12, "epoch " + epoch);
            assertEquals(0.2 * epoch / EPOCHS, drops.getAllValues().get(epoch * steps), 1e-12, "epoch " + epoch);
        }
        for (int i = 0; i < EPOCHS * steps; i++) {
            assertEquals(i, globalSteps.getAllValues().get(i));
        }
        ArgumentCaptor<RetrainState> states = ArgumentCaptor.forClass(RetrainState.class);
        verify(checkpoints, times(EPOCHS)).save(states.capture(), any());
        assertEquals(new RetrainState(EPOCHS, (long) EPOCHS * steps), states.getAllValues().get(EPOCHS - 1));
        assertEquals(EPOCHS, recorded.size());
        RetrainEpochMetrics last = recorded.get(EPOCHS - 1);
        assertEquals("test", last.heldOut());
        assertEquals(0.8, last.heldOutLoss(), 1e-12);
        assertEquals(1.5, last.trainLoss(), 1e-12);
        assertEquals(1.0, last.heldOutTop5(), 1e-12, "7 classes: top-5 is reported");
        // The held-out set is the test set here: the last epoch's figures are the result, not measured again.
        verify(trainer, times(EPOCHS * 1)).evaluate(any());
        assertEquals(TEST_IMAGES, outcome.result().test().examples());
        assertEquals(0.5, outcome.result().test().top1(), 1e-12);
        assertEquals(1234L, outcome.result().parameters());
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), outcome.result().provenance().finishedAt());
        verify(run).writeResult(outcome.result());
        verify(trainer).close();
        verify(run).close();
    }

    @Test
    void theEventsHoldEveryStepAndEpochAndAreDurableBeforeEachCheckpoint() {
        service().retrain(configuration(0), RUN, "train");

        int steps = TRAIN_IMAGES / BATCH;
        verify(events).open(RUN, 0);
        ArgumentCaptor<StepFigures> figures = ArgumentCaptor.forClass(StepFigures.class);
        verify(sink, times(EPOCHS * steps)).step(figures.capture());
        for (int i = 0; i < EPOCHS * steps; i++) {
            StepFigures f = figures.getAllValues().get(i);
            assertEquals(StepFigures.retraining(i + 1, 1.5, 0.25, recorded.get(i / steps).learningRate()), f);
        }
        InOrder order = inOrder(sink, checkpoints);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            order.verify(sink).retrainEpoch((long) (epoch + 1) * steps, recorded.get(epoch));
            order.verify(sink).flush();
            order.verify(checkpoints).save(any(), any());
        }
        order.verify(sink).close();
    }

    @Test
    void theNetworkIsDartsRetrainingNetworkForTheImages() {
        service().retrain(configuration(0), RUN, "train");
        ArgumentCaptor<ChildNetworkConfig> config = ArgumentCaptor.forClass(ChildNetworkConfig.class);
        verify(trainers).create(config.capture());
        assertEquals(new org.snas4j.domain.space.NetworkShape(3, 4, 8, 1, 7), config.getValue().shape());
        assertEquals(0.9, config.getValue().momentum());
        assertEquals(3e-4, config.getValue().weightDecay());
        assertEquals(5.0, config.getValue().gradientClip());
        ArgumentCaptor<StoredRetrainRun> stored = ArgumentCaptor.forClass(StoredRetrainRun.class);
        verify(run).writeConfiguration(stored.capture());
        assertEquals(configuration(0), stored.getValue().configuration());
        assertEquals("test-version", stored.getValue().provenance().codeVersion());
        assertEquals(org.snas4j.application.data.Normalization.of(images("train", TRAIN_IMAGES, 0)), stored.getValue().normalization());
    }

    @Test
    void withAValidationShareEpochsReportItAndTheTestSetIsMeasuredOnceAtTheEnd() {
        RetrainOutcome outcome = service().retrain(configuration(0.25), RUN, "train");
        assertTrue(recorded.stream().allMatch(m -> m.heldOut().equals("validation")));
        ArgumentCaptor<Batch> evaluated = ArgumentCaptor.forClass(Batch.class);
        verify(trainer, times(EPOCHS + 1)).evaluate(evaluated.capture());
        assertEquals(15, evaluated.getAllValues().get(0).size(), "a quarter of the 60 training images");
        assertEquals(TEST_IMAGES, evaluated.getAllValues().get(EPOCHS).size());
        assertEquals(TEST_IMAGES, outcome.result().test().examples());
        int steps = 45 / BATCH;
        verify(trainer, times(EPOCHS * steps)).trainStep(any(), anyDouble(), anyDouble(), anyLong());
    }

    @Test
    void resumeRestoresTheCheckpointAndRunsOnlyTheRemainingEpochs() {
        RetrainConfiguration config = configuration(0);
        when(run.readConfiguration()).thenReturn(new StoredRetrainRun(config, new org.snas4j.application.search.Provenance(7,
                "train", images("train", TRAIN_IMAGES, 0).fingerprint(), "v", Instant.EPOCH, null, "train"),
                new org.snas4j.domain.space.NetworkShape(3, 4, 8, 1, 7), org.snas4j.application.data.Normalization.unitScale(1)));
        Path variables = Path.of("checkpoint-variables");
        when(checkpoints.latestValid()).thenReturn(Optional.of(new CheckpointStore.Checkpoint<>(new RetrainState(3, 9), variables)));
        service().resume(RUN, "train --resume");
        InOrder order = inOrder(trainer);
        order.verify(trainer).restoreVariables(variables);
        order.verify(trainer).trainStep(any(), anyDouble(), eq(0.2 * 3 / EPOCHS), eq(9L));
        verify(trainer, times(3)).trainStep(any(), anyDouble(), anyDouble(), anyLong());
        verify(checkpoints).save(eq(new RetrainState(4, 12)), any());
        verify(run, never()).writeConfiguration(any());
        verify(events).open(RUN, 9);
        ArgumentCaptor<StepFigures> steps = ArgumentCaptor.forClass(StepFigures.class);
        verify(sink, times(3)).step(steps.capture());
        assertEquals(List.of(10L, 11L, 12L), steps.getAllValues().stream().map(StepFigures::step).toList());
    }

    @Test
    void resumingOnOtherDataIsRefused() {
        when(run.readConfiguration()).thenReturn(new StoredRetrainRun(configuration(0), new org.snas4j.application.search.Provenance(7,
                "train", "another fingerprint", "v", Instant.EPOCH, null, "train"),
                new org.snas4j.domain.space.NetworkShape(3, 4, 8, 1, 7), org.snas4j.application.data.Normalization.unitScale(1)));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> service().resume(RUN, "train --resume"));
        assertEquals(RUN.toString(), e.source());
        verify(trainers, never()).create(any());
    }

    @Test
    void aNonFiniteLossStopsTheRunBeforeItsCheckpoint() {
        when(trainer.trainStep(any(), anyDouble(), anyDouble(), anyLong())).thenReturn(new ChildStepResult(Double.NaN, Double.NaN, 0));
        assertThrows(TrainingDivergedException.class, () -> service().retrain(configuration(0), RUN, "train"));
        verify(checkpoints, never()).save(any(), any());
        verify(trainer).close();
    }

    @Test
    void badSettingsAreRefusedNamingTheFlag() {
        RetrainConfiguration c = configuration(0);
        RetrainConfiguration oddChannels = new RetrainConfiguration(c.dataset(), c.genotypeSource(), c.genotype(), 3, 5, BATCH, EPOCHS,
                7, false, 0.4, 0, 0.2, 0.025, 0, false, 0, Device.CPU, 1, 0);
        assertEquals("--channels", assertThrows(InvalidInputException.class, () -> service().retrain(oddChannels, RUN, "")).source());
        RetrainConfiguration certainDrop = new RetrainConfiguration(c.dataset(), c.genotypeSource(), c.genotype(), 3, 4, BATCH, EPOCHS,
                7, false, 0.4, 0, 1.0, 0.025, 0, false, 0, Device.CPU, 1, 0);
        assertEquals("--drop-path", assertThrows(InvalidInputException.class, () -> service().retrain(certainDrop, RUN, "")).source());
        RetrainConfiguration hugeBatch = new RetrainConfiguration(c.dataset(), c.genotypeSource(), c.genotype(), 3, 4, 100, EPOCHS,
                7, false, 0.4, 0, 0.2, 0.025, 0, false, 0, Device.CPU, 1, 0);
        assertEquals("--batch", assertThrows(InvalidInputException.class, () -> service().retrain(hugeBatch, RUN, "")).source());
        RetrainConfiguration headOnTinyMaps = new RetrainConfiguration(c.dataset(), c.genotypeSource(), c.genotype(), 3, 4, BATCH,
                EPOCHS, 7, true, 0.4, 0, 0.2, 0.025, 0, false, 0, Device.CPU, 1, 0);
        assertEquals("--auxiliary", assertThrows(InvalidInputException.class, () -> service().retrain(headOnTinyMaps, RUN, "")).source());
        verify(runs, never()).create(any());
    }

    @Test
    void listenerHearsStartStepsEpochsAndEnd() {
        service().retrain(configuration(0), RUN, "train");
        ArgumentCaptor<RetrainStart> start = ArgumentCaptor.forClass(RetrainStart.class);
        verify(listener).trainingStarted(start.capture());
        assertEquals(TRAIN_IMAGES / BATCH, start.getValue().stepsPerEpoch());
        assertEquals("test", start.getValue().heldOut());
        verify(listener, times(EPOCHS * (TRAIN_IMAGES / BATCH))).stepFinished(any(Integer.class), any(Integer.class), eq(3), eq(1.5),
                eq(0.25));
        verify(listener, times(EPOCHS)).epochFinished(any());
        verify(listener).trainingFinished(any());
    }
}

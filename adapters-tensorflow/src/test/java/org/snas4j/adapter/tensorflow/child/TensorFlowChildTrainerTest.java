package org.snas4j.adapter.tensorflow.child;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.adapter.tensorflow.train.SessionSettings;
import org.snas4j.adapter.tensorflow.train.VariableCheckpoint;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.training.ChildNetworkConfig;
import org.snas4j.application.port.out.training.ChildStepResult;
import org.snas4j.application.port.out.training.EvaluationResult;
import org.snas4j.domain.genotype.ChildOptions;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.NetworkParameterCount;
import org.snas4j.domain.genotype.PublishedGenotypes;
import org.snas4j.domain.space.NetworkShape;
import org.tensorflow.Session;

/** Training steps, evaluation and variable checkpoints of a tiny child network. */
class TensorFlowChildTrainerTest {

    /** 3 cells, C 4, 20x20x3 input (cell 2 emits 5x5, enough for the auxiliary head), 5 classes. */
    static final NetworkShape TINY = new NetworkShape(3, 4, 20, 3, 5);

    static ChildNetworkConfig config(Genotype genotype, boolean auxiliary) {
        return ChildNetworkConfig.dartsDefaults(genotype, TINY, new ChildOptions(auxiliary, false), 42).on(
                org.snas4j.application.port.out.device.Device.CPU, 1);
    }

    /** Random images whose class shows in their mean brightness, so there is something to learn. */
    static Batch batch(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int pixels = TINY.inputSize() * TINY.inputSize() * TINY.inputChannels();
        float[] images = new float[size * pixels];
        int[] labels = new int[size];
        for (int n = 0; n < size; n++) {
            labels[n] = n % TINY.classes();
            for (int i = 0; i < pixels; i++) {
                images[n * pixels + i] = (float) (random.nextGaussian() * 0.5 + (labels[n] - 2) * 0.5);
            }
        }
        return new Batch(size, TINY.inputSize(), TINY.inputSize(), TINY.inputChannels(), TINY.classes(), images, labels);
    }

    @Test
    void aFewStepsReduceTheLossOnAFixedBatch() {
        Batch batch = batch(20, 1);
        try (TensorFlowChildTrainer trainer = new TensorFlowChildTrainer(config(PublishedGenotypes.byName("snas-mild"), true))) {
            ChildStepResult first = trainer.trainStep(batch, 0.05, 0.2, 0);
            assertTrue(first.objective() > first.loss(), "the auxiliary loss adds to the objective");
            ChildStepResult last = first;
            for (int step = 1; step < 12; step++) {
                last = trainer.trainStep(batch, 0.05, 0.2, step);
            }
            assertTrue(last.loss() < 0.7 * first.loss(), "loss " + first.loss() + " -> " + last.loss());
            EvaluationResult evaluation = trainer.evaluate(batch);
            assertEquals(20, evaluation.count());
            // (The inference-mode loss is not compared: 12 updates leave the moving BN statistics far from the batch's.)
            assertTrue(Double.isFinite(evaluation.meanLoss()));
            assertTrue(evaluation.correctTop5() >= evaluation.correct());
            assertEquals(20, evaluation.correctTop5(), "5 classes: every label is within the top 5");
        }
    }

    @Test
    void withoutTheHeadTheObjectiveIsTheLoss() {
        try (TensorFlowChildTrainer trainer = new TensorFlowChildTrainer(config(PublishedGenotypes.byName("darts-v2"), false))) {
            ChildStepResult step = trainer.trainStep(batch(10, 2), 0.01, 0, 0);
            assertEquals(step.loss(), step.objective(), 0);
            assertEquals(NetworkParameterCount.ofChild(PublishedGenotypes.byName("darts-v2"), TINY, new ChildOptions(false, false)),
                    trainer.parameterCount());
        }
    }

    @Test
    void evaluationCountsMatchTheLogits() {
        Batch batch = batch(15, 3);
        try (TensorFlowChildTrainer trainer = new TensorFlowChildTrainer(config(PublishedGenotypes.byName("snas-aggressive"), false))) {
            for (int step = 0; step < 3; step++) {
                trainer.trainStep(batch, 0.05, 0, step);
            }
            float[] logits = trainer.logits(batch);
            long correct = 0;
            double lossSum = 0;
            for (int n = 0; n < batch.size(); n++) {
                float[] row = Arrays.copyOfRange(logits, n * 5, n * 5 + 5);
                int best = 0;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < 5; k++) {
                    if (row[k] > row[best]) {
                        best = k;
                    }
                    max = Math.max(max, row[k]);
                }
                double sum = 0;
                for (float v : row) {
                    sum += Math.exp(v - max);
                }
                lossSum += -(row[batch.labels()[n]] - max - Math.log(sum));
                correct += best == batch.labels()[n] ? 1 : 0;
            }
            EvaluationResult evaluation = trainer.evaluate(batch);
            assertEquals(correct, evaluation.correct());
            assertEquals(lossSum, evaluation.lossSum(), 1e-3 * lossSum);
        }
    }

    @Test
    void savedVariablesRestoreTheExactNetworkIntoAFreshTrainer(@TempDir Path directory) {
        Batch batch = batch(10, 4);
        ChildNetworkConfig config = config(PublishedGenotypes.byName("snas-moderate"), true);
        float[] saved;
        Map<String, float[]> savedVariables;
        try (TensorFlowChildTrainer trainer = new TensorFlowChildTrainer(config)) {
            trainer.trainStep(batch, 0.05, 0.1, 0);
            trainer.saveVariables(directory);
            saved = trainer.logits(batch);
            savedVariables = trainer.variables().read(trainer.session());
            trainer.trainStep(batch, 0.05, 0.1, 1);
            assertFalse(Arrays.equals(saved, trainer.logits(batch)), "a step changes the network");
            trainer.restoreVariables(directory);
            assertArrayEquals(saved, trainer.logits(batch), 0f);
        }
        try (TensorFlowChildTrainer fresh = new TensorFlowChildTrainer(config)) {
            fresh.restoreVariables(directory);
            assertArrayEquals(saved, fresh.logits(batch), 0f);
            Map<String, float[]> restored = fresh.variables().read(fresh.session());
            assertEquals(savedVariables.keySet(), restored.keySet());
            savedVariables.forEach((name, values) -> assertArrayEquals(values, restored.get(name), 0f, name));
        }
    }

    @Test
    void restoringFromADirectoryWithoutVariablesNamesIt(@TempDir Path directory) {
        try (TensorFlowChildTrainer trainer = new TensorFlowChildTrainer(config(PublishedGenotypes.byName("darts-v2"), false))) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> trainer.restoreVariables(directory));
            assertEquals(directory.resolve(VariableCheckpoint.FILE_NAME).toString(), e.source());
        }
    }

    @Test
    void restoringAnotherGenotypesVariablesIsRefused(@TempDir Path directory) {
        try (TensorFlowChildTrainer trainer = new TensorFlowChildTrainer(config(PublishedGenotypes.byName("darts-v2"), false))) {
            trainer.saveVariables(directory);
        }
        try (TensorFlowChildTrainer other = new TensorFlowChildTrainer(config(PublishedGenotypes.byName("snas-moderate"), false))) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> other.restoreVariables(directory));
            assertTrue(e.problem().contains("the network has"), e.getMessage());
        }
    }

    @Test
    void weightsNoKeptEdgeReachesStayUntouched() {
        // The reduction cell keeps no edge leaving input 0, so its preprocess0 feeds nothing.
        Genotype genotype = ChildNetworkParameterCountTest.edgeAllWithEmptyNodes();
        try (TensorFlowChildTrainer trainer = new TensorFlowChildTrainer(config(genotype, false))) {
            Map<String, float[]> before = trainer.variables().read(trainer.session());
            trainer.trainStep(batch(10, 5), 0.1, 0, 0);
            Map<String, float[]> after = trainer.variables().read(trainer.session());
            String unused = "cell1/preprocess0/conv";
            String used = "cell1/preprocess1/conv";
            assertArrayEquals(before.get(unused), after.get(unused), 0f);
            assertFalse(Arrays.equals(before.get(used), after.get(used)));
            assertEquals(NetworkParameterCount.ofChild(genotype, TINY, new ChildOptions(false, false)), trainer.parameterCount());
        }
    }

    @Test
    void aClosedTrainerRefusesWorkAndClosingAgainIsHarmless(@TempDir Path directory) {
        TensorFlowChildTrainer trainer = new TensorFlowChildTrainer(config(PublishedGenotypes.byName("darts-v2"), false));
        trainer.close();
        assertDoesNotThrow(trainer::close);
        Batch batch = batch(4, 6);
        List<Executable> calls = List.of(() -> trainer.trainStep(batch, 0.01, 0, 0), () -> trainer.evaluate(batch),
                () -> trainer.logits(batch), () -> trainer.saveVariables(directory), () -> trainer.restoreVariables(directory),
                trainer::variableValues);
        for (Executable call : calls) {
            assertEquals("the child network trainer is closed", assertThrows(IllegalStateException.class, call).getMessage());
        }
    }

    @Test
    void aFailedVariableInitialisationClosesTheSessionAndTheGraph() {
        AtomicReference<Session> opened = new AtomicReference<>();
        IllegalStateException planted = new IllegalStateException("planted: the device ran out of memory");
        ChildNetworkConfig config = config(PublishedGenotypes.byName("darts-v2"), false);
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> new TensorFlowChildTrainer(config,
                SessionSettings.of(config.device(), config.threads()), (variables, session, seed) -> {
                    opened.set(session);
                    throw planted;
                }));
        assertSame(planted, thrown, "the initialisation's own failure reaches the caller");
        // TensorFlow Java's own "after close()" refusals; an open session or graph would answer instead.
        IllegalStateException session = assertThrows(IllegalStateException.class, () -> opened.get().runner().run());
        assertTrue(session.getMessage().contains("Session after close()"), session.getMessage());
        IllegalStateException graph = assertThrows(IllegalStateException.class, () -> opened.get().graph().operations());
        assertTrue(graph.getMessage().contains("close() has been called on the Graph"), graph.getMessage());
    }

    @Test
    void manyStepsLeaveNoNativeObjectsBehind() {
        // More batch sizes than the feed cache keeps, so cached feeds are also evicted and closed.
        List<Batch> batches = List.of(batch(2, 7), batch(3, 8), batch(4, 9), batch(5, 10), batch(6, 11));
        try (TensorFlowChildTrainer trainer = new TensorFlowChildTrainer(config(PublishedGenotypes.byName("darts-v2"), false))) {
            long step = 0;
            for (int round = 0; round < 3; round++) {
                for (Batch batch : batches) {
                    trainer.trainStep(batch, 0.01, 0.1, step++);
                    trainer.evaluate(batch);
                }
            }
            long before = Pointer.totalCount();
            for (int round = 0; round < 12; round++) {
                for (Batch batch : batches) {
                    trainer.trainStep(batch, 0.01, 0.1, step++);
                    trainer.evaluate(batch);
                }
            }
            // 60 steps and 60 evaluations: one object left behind per call would add 120.
            long after = Pointer.totalCount();
            assertTrue(after - before <= 10, "live native objects " + before + " -> " + after);
        }
    }
}

package org.snas4j.application.port.out.training;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.NetworkShape;

/**
 * What the search relies on from every {@link SupernetTrainer}: finite steps with dLoss/dZ, weights-only
 * steps that update as full ones do, batches
 * refused that do not fit, evaluation that changes nothing, drop-path masks that follow the step
 * number (so a resumed run draws the same ones), variables that continue a run exactly, and a closed
 * trainer that refuses work. A subclass names the factory of its adapter.
 */
public abstract class SupernetTrainerContract {

    /** 3 cells, C = 4, 8x8x1 images, 10 classes (so top-5 differs from top-1); drop-path on, so the step number matters. */
    protected static final NetworkShape SHAPE = new NetworkShape(3, 4, 8, 1, 10);
    private static final int BATCH = 8;

    @TempDir
    protected Path directory;

    protected abstract SupernetTrainerFactory factory();

    private SupernetTrainer trainer(long seed) {
        return factory().create(new SupernetConfig(SHAPE, SgdSettings.PAPER, 0.3, seed, Device.CPU, 1));
    }

    private static Batch batch(long seed) {
        return TrainingFixtures.batch(SHAPE, BATCH, seed);
    }

    @Test
    void aStepGivesAFiniteLossAnAccuracyAndTheGradientForZ() {
        try (SupernetTrainer trainer = trainer(1)) {
            StepResult step = trainer.trainStep(batch(2), TrainingFixtures.softZ(3), 0.05, 0);
            assertTrue(step.loss() > 0 && Double.isFinite(step.loss()), "loss " + step.loss());
            assertTrue(step.accuracy() >= 0 && step.accuracy() <= 1, "accuracy " + step.accuracy());
            assertTrue(step.lossGradientZ().normal().isFinite() && step.lossGradientZ().reduction().isFinite());
            assertTrue(step.lossGradientZ().normal().maxAbs() > 0, "Z weights the normal cells' edges");
            assertTrue(step.lossGradientZ().reduction().maxAbs() > 0, "Z weights the reduction cells' edges");
            assertTrue(trainer.parameterCount() > 0);
        }
    }

    @Test
    void aWeightsOnlyStepMakesTheFullStepsUpdate() {
        CellPair<EdgeOpMatrix> path = ArchitectureDistribution.uniformOneHot(new SplittableRandom(20));
        CellPair<EdgeOpMatrix> z = TrainingFixtures.softZ(21);
        try (SupernetTrainer full = trainer(1); SupernetTrainer weightsOnly = trainer(1)) {
            StepResult expected = full.trainStep(batch(22), path, 0.05, 0);
            WeightStepResult actual = weightsOnly.trainWeightsStep(batch(22), path, 0.05, 0);
            assertEquals(expected.loss(), actual.loss(), 1e-5 * expected.loss());
            assertEquals(expected.accuracy(), actual.accuracy());
            // The next training step (batch statistics, not the moving ones) sees the same weights.
            StepResult next = full.trainStep(batch(23), z, 0.05, 1);
            StepResult nextAfterWeightsOnly = weightsOnly.trainStep(batch(23), z, 0.05, 1);
            assertEquals(next.loss(), nextAfterWeightsOnly.loss(), 1e-5 * next.loss());
            assertTrue(next.lossGradientZ().normal().minus(nextAfterWeightsOnly.lossGradientZ().normal()).maxAbs()
                    <= 1e-4 * next.lossGradientZ().normal().maxAbs(), "the same dLoss/dZ");
        }
    }

    @Test
    void batchesThatDoNotFitTheNetworkAreRefused() {
        Batch otherSize = TrainingFixtures.batch(new NetworkShape(3, 4, 12, 1, 10), BATCH, 4);
        Batch otherClasses = TrainingFixtures.batch(new NetworkShape(3, 4, 8, 1, 3), BATCH, 4);
        CellPair<EdgeOpMatrix> z = TrainingFixtures.softZ(5);
        try (SupernetTrainer trainer = trainer(1)) {
            for (Batch misfit : List.of(otherSize, otherClasses)) {
                assertThrows(IllegalArgumentException.class, () -> trainer.trainStep(misfit, z, 0.05, 0));
                assertThrows(IllegalArgumentException.class, () -> trainer.evaluate(misfit, z));
            }
        }
    }

    @Test
    void evaluationCountsEveryImageAndChangesNothing() {
        Batch batch = batch(6);
        CellPair<EdgeOpMatrix> z = TrainingFixtures.softZ(7);
        try (SupernetTrainer trainer = trainer(1)) {
            trainer.trainStep(batch(8), z, 0.05, 0);
            EvaluationResult first = trainer.evaluate(batch, z);
            assertEquals(BATCH, first.count());
            assertTrue(0 <= first.correct() && first.correct() <= first.correctTop5() && first.correctTop5() <= BATCH, first.toString());
            assertTrue(first.lossSum() > 0 && Double.isFinite(first.lossSum()), first.toString());
            assertEquals(first, trainer.evaluate(batch, z), "an evaluation changes no weight and no statistic");
            trainer.evaluateRecalibrated(TrainingFixtures.softZ(9), List.of(batch(10), batch(11)), List.of(batch));
            assertEquals(first, trainer.evaluate(batch, z), "a recalibrated evaluation restores the supernet's own statistics");
            trainer.trainStep(batch(12), z, 0.05, 1);
            assertNotEquals(first, trainer.evaluate(batch, z), "a training step does change them");
        }
    }

    @Test
    void theDropPathMasksFollowTheStepNumber() {
        Batch batch = batch(13);
        CellPair<EdgeOpMatrix> z = TrainingFixtures.softZ(14);
        try (SupernetTrainer a = trainer(1); SupernetTrainer b = trainer(1); SupernetTrainer c = trainer(1)) {
            double atStepFive = a.trainStep(batch, z, 0.05, 5).loss();
            assertEquals(atStepFive, b.trainStep(batch, z, 0.05, 5).loss(), "the same seed and step draw the same masks");
            assertNotEquals(atStepFive, c.trainStep(batch, z, 0.05, 6).loss(), "another step draws other masks");
        }
    }

    @Test
    void savedVariablesContinueTheRunExactly() {
        CellPair<EdgeOpMatrix> z = TrainingFixtures.softZ(15);
        StepResult uninterrupted;
        try (SupernetTrainer run = trainer(1)) {
            run.trainStep(batch(16), z, 0.05, 0);
            run.trainStep(batch(17), z, 0.05, 1);
            run.saveVariables(directory);
            uninterrupted = run.trainStep(batch(18), z, 0.05, 2);
        }
        try (SupernetTrainer resumed = trainer(1)) {
            resumed.restoreVariables(directory);
            StepResult continued = resumed.trainStep(batch(18), z, 0.05, 2);
            assertEquals(uninterrupted.loss(), continued.loss());
            assertEquals(uninterrupted.lossGradientZ(), continued.lossGradientZ());
        }
    }

    @Test
    void aClosedTrainerRefusesWorkAndClosesOnce() {
        SupernetTrainer trainer = trainer(1);
        Batch batch = batch(19);
        CellPair<EdgeOpMatrix> z = TrainingFixtures.softZ(20);
        trainer.close();
        assertThrows(IllegalStateException.class, () -> trainer.trainStep(batch, z, 0.05, 0));
        assertThrows(IllegalStateException.class, () -> trainer.evaluate(batch, z));
        assertThrows(IllegalStateException.class, () -> trainer.evaluateRecalibrated(z, List.of(batch), List.of(batch)));
        assertThrows(IllegalStateException.class, () -> trainer.saveVariables(directory));
        assertThrows(IllegalStateException.class, () -> trainer.restoreVariables(directory));
        assertDoesNotThrow(trainer::close);
    }
}

package org.snas4j.adapter.tensorflow.supernet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.training.EvaluationResult;
import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;

/** Search-time drop-path and the re-estimation of a child's batch-norm statistics, on the tiny supernet. */
class SupernetSearchFeaturesTest {

    private static final CellPair<EdgeOpMatrix> CHILD = ArchitectureDistribution.uniformOneHot(new SplittableRandom(5));

    @Test
    void recalibratedStatisticsAreTheChildsOwnAndTheSupernetsAreRestored() {
        try (TensorFlowSupernetTrainer trainer = new TensorFlowSupernetTrainer(TinySupernets.config(TinySupernets.TINY, 1))) {
            // Give the supernet statistics of its own, gathered under soft Z on differently scaled images (a
            // learning rate of 0 leaves the weights alone), so they clearly misplace the child's activations.
            for (int step = 0; step < 20; step++) {
                trainer.trainStep(scaled(TinySupernets.batch(TinySupernets.TINY, 16, 100 + step), 4f, 2f), TinySupernets.softZ(step),
                        0.0, step);
            }
            Batch batch = TinySupernets.batch(TinySupernets.TINY, 32, 7);
            Map<String, float[]> before = trainer.variables().read(trainer.session());

            EvaluationResult withSupernetStatistics = trainer.evaluate(batch, CHILD);
            EvaluationResult recalibrated = trainer.evaluateRecalibrated(CHILD, List.of(batch), List.of(batch));

            Map<String, float[]> after = trainer.variables().read(trainer.session());
            assertEquals(before.keySet(), after.keySet());
            before.forEach((name, values) -> assertArrayEquals(values, after.get(name), name + " restored exactly"));
            // Statistics estimated on exactly the evaluated batch: inference nearly equals the training-mode pass
            // on it (the moving variance is the unbiased one, n / (n - 1) larger: 1% at the 2x2 maps of the last
            // cell). A learning rate of 0 leaves the weights as they are; the loss is computed before the update.
            double trainingModeLoss = trainer.trainStep(batch, CHILD, 0.0, 99).loss();
            double recalibratedGap = Math.abs(recalibrated.meanLoss() - trainingModeLoss);
            double supernetGap = Math.abs(withSupernetStatistics.meanLoss() - trainingModeLoss);
            assertTrue(recalibratedGap < 0.01 * trainingModeLoss, "recalibrated " + recalibrated.meanLoss() + " vs " + trainingModeLoss);
            assertTrue(supernetGap > 5 * recalibratedGap, "the supernet's statistics misplace the child: " + supernetGap);
        }
    }

    @Test
    void recalibrationAveragesTheStatisticsOfEveryCalibrationBatch() {
        try (TensorFlowSupernetTrainer trainer = new TensorFlowSupernetTrainer(TinySupernets.config(TinySupernets.TINY, 2))) {
            Batch first = TinySupernets.batch(TinySupernets.TINY, 16, 11);
            Batch second = TinySupernets.batch(TinySupernets.TINY, 16, 12);
            Batch both = concat(first, second);
            Batch probe = TinySupernets.batch(TinySupernets.TINY, 16, 13);
            // Two equal halves: the mean of their batch means is the mean of the union; the variances nearly so.
            EvaluationResult averaged = trainer.evaluateRecalibrated(CHILD, List.of(first, second), List.of(probe));
            EvaluationResult pooled = trainer.evaluateRecalibrated(CHILD, List.of(both), List.of(probe));
            EvaluationResult lastOnly = trainer.evaluateRecalibrated(CHILD, List.of(second), List.of(probe));
            double gapToPooled = Math.abs(averaged.meanLoss() - pooled.meanLoss());
            double gapToLast = Math.abs(averaged.meanLoss() - lastOnly.meanLoss());
            assertTrue(gapToPooled < 0.5 * gapToLast, "the mean over both batches, not the last one's: " + gapToPooled + " vs " + gapToLast);
        }
    }

    @Test
    void dropPathMasksDependOnTheStepAndRepeatForTheSameStep() {
        try (TensorFlowSupernetTrainer trainer = new TensorFlowSupernetTrainer(
                TinySupernets.config(TinySupernets.TINY, 3).withDropPath(0.3))) {
            Batch batch = TinySupernets.batch(TinySupernets.TINY, 16, 21);
            CellPair<EdgeOpMatrix> z = TinySupernets.softZ(22);
            Map<String, float[]> start = trainer.variables().read(trainer.session());
            double stepSeven = trainer.trainStep(batch, z, 0.0, 7).loss();
            trainer.variables().write(trainer.session(), start);
            double stepSevenAgain = trainer.trainStep(batch, z, 0.0, 7).loss();
            trainer.variables().write(trainer.session(), start);
            double stepEight = trainer.trainStep(batch, z, 0.0, 8).loss();
            assertEquals(stepSeven, stepSevenAgain, "a step's masks are a function of (seed, step)");
            assertNotEquals(stepSeven, stepEight, 1e-6);
            // Evaluation never drops paths: repeated evaluations agree whatever the steps before.
            assertEquals(trainer.evaluate(batch, z), trainer.evaluate(batch, z));
        }
    }

    private static Batch scaled(Batch b, float factor, float shift) {
        float[] images = b.images().clone();
        for (int i = 0; i < images.length; i++) {
            images[i] = images[i] * factor + shift;
        }
        return new Batch(b.size(), b.height(), b.width(), b.channels(), b.classes(), images, b.labels());
    }

    private static Batch concat(Batch a, Batch b) {
        float[] images = new float[a.images().length + b.images().length];
        System.arraycopy(a.images(), 0, images, 0, a.images().length);
        System.arraycopy(b.images(), 0, images, a.images().length, b.images().length);
        int[] labels = new int[a.size() + b.size()];
        System.arraycopy(a.labels(), 0, labels, 0, a.size());
        System.arraycopy(b.labels(), 0, labels, a.size(), b.size());
        return new Batch(a.size() + b.size(), a.height(), a.width(), a.channels(), a.classes(), images, labels);
    }
}

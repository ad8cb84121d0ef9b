package org.snas4j.adapter.tensorflow.supernet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snas4j.application.port.out.training.EvaluationResult;
import org.snas4j.application.port.out.training.StepResult;
import org.snas4j.domain.space.NetworkShape;

/** MNIST-like and CIFAR-like inputs, including odd feature-map sizes (28 -> 14 -> 7). */
class InputShapesTest {

    @ParameterizedTest(name = "{0}x{0}x{1}")
    @CsvSource({"28, 1", "32, 3"})
    void buildsTrainsAndEvaluates(int size, int channels) {
        NetworkShape shape = new NetworkShape(3, 2, size, channels, 10);
        try (TensorFlowSupernetTrainer trainer = new TensorFlowSupernetTrainer(TinySupernets.config(shape, 1))) {
            StepResult step = trainer.trainStep(TinySupernets.batch(shape, 3, 2), TinySupernets.softZ(3), 0.025, 0);
            assertTrue(Double.isFinite(step.loss()) && step.loss() > 0);
            assertTrue(step.lossGradientZ().normal().isFinite() && step.lossGradientZ().normal().squaredNorm() > 0);
            assertTrue(step.lossGradientZ().reduction().isFinite() && step.lossGradientZ().reduction().squaredNorm() > 0);
            EvaluationResult evaluation = trainer.evaluate(TinySupernets.batch(shape, 5, 4), TinySupernets.softZ(5));
            assertEquals(5, evaluation.count());
            assertTrue(Double.isFinite(evaluation.lossSum()));
        }
    }
}

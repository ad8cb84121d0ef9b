package org.snas4j.application.port.out.training;

/**
 * What a training step of the weights alone returns ({@link SupernetTrainer#trainWeightsStep}).
 *
 * @param loss     mean cross-entropy of the batch (before the weight update)
 * @param accuracy fraction of the batch classified correctly
 */
public record WeightStepResult(double loss, double accuracy) {
}

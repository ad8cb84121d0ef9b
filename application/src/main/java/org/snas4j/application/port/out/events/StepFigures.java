package org.snas4j.application.port.out.events;

/**
 * One training step's figures.
 *
 * @param step         the run's global step, 1 for its first training step
 * @param loss         the step's training loss (without the resource penalty)
 * @param accuracy     the step's training accuracy
 * @param learningRate the weights' learning rate during the step
 * @param temperature  the Concrete temperature tau of a search step; NaN for a retraining step, which has none
 */
public record StepFigures(long step, double loss, double accuracy, double learningRate, double temperature) {

    public StepFigures {
        if (step < 1) {
            throw new IllegalArgumentException("a step number starts at 1, got " + step);
        }
    }

    /** A retraining step: no temperature. */
    public static StepFigures retraining(long step, double loss, double accuracy, double learningRate) {
        return new StepFigures(step, loss, accuracy, learningRate, Double.NaN);
    }
}

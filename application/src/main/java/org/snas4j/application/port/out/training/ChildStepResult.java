package org.snas4j.application.port.out.training;

/**
 * What one training step of a child network returns, measured before the weight update.
 *
 * @param loss      mean cross-entropy of the main classifier on the batch
 * @param objective what was minimised: loss + auxiliary weight * auxiliary loss (equal to loss without the head)
 * @param accuracy  fraction of the batch the main classifier got right
 */
public record ChildStepResult(double loss, double objective, double accuracy) {

    public boolean isFinite() {
        return Double.isFinite(loss) && Double.isFinite(objective);
    }
}

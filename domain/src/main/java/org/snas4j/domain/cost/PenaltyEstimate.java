package org.snas4j.domain.cost;

import java.util.Objects;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;

/**
 * The resource penalty for one step and its estimated gradient with respect to the logits.
 *
 * @param value         the penalty the estimator charged (to report and add to the loss)
 * @param logitGradient d penalty / d alpha as the estimator estimates it
 */
public record PenaltyEstimate(double value, CellPair<EdgeOpMatrix> logitGradient) {

    public PenaltyEstimate {
        Objects.requireNonNull(logitGradient, "logitGradient");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("penalty must be finite, got " + value);
        }
    }
}

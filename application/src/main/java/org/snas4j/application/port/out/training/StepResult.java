package org.snas4j.application.port.out.training;

import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;

/**
 * What one supernet training step returns.
 *
 * @param loss           mean cross-entropy of the batch (before the weight update)
 * @param accuracy       fraction of the batch classified correctly
 * @param lossGradientZ  dLoss/dZ for the normal and reduction edge weights that were fed
 */
public record StepResult(double loss, double accuracy, CellPair<EdgeOpMatrix> lossGradientZ) {
}

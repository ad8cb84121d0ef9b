package org.snas4j.application.search;

import java.util.Objects;
import java.util.Optional;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;

/**
 * What one search epoch achieved; one line of the run's metrics file.
 *
 * @param epoch                 0-based epoch index
 * @param temperature           tau used during the epoch
 * @param learningRate          weight learning rate used during the epoch
 * @param trainLoss             mean training loss of the supernet (without the penalty)
 * @param trainAccuracy         mean training accuracy of the supernet under sampled Z
 * @param supernetAccuracy      held-out accuracy of the supernet fed a fresh Concrete sample per batch at the epoch's
 *                              temperature, with the statistics its BN layers gathered in training
 * @param childAccuracy         held-out accuracy of the derived edge-all child WITHOUT retraining (one-hot Z; its BN
 *                              statistics re-estimated on training batches when the run calibrates children)
 * @param childLoss             held-out loss of that child
 * @param expectedParameters    parameters of the cells' ops under p_alpha
 * @param expectedFlops         FLOPs of the cells' ops under p_alpha
 * @param expectedMac           memory access cost of the cells' ops under p_alpha
 * @param penalty               mean resource penalty added to the loss
 * @param entropy               mean entropy of alpha per edge (nats)
 * @param parameterFreeEdges    parameter-free edges in the derived edge-all genotype (both cells, of 28)
 * @param seconds               wall-clock seconds the epoch took
 * @param top2ChildAccuracy     held-out accuracy of the derived top-2 child without retraining, like childAccuracy
 *                              (NaN in runs recorded before it was measured)
 * @param alphaLogits           the architecture logits alpha at the end of the epoch, from which the child was derived
 *                              (empty in runs recorded before they were kept per epoch); softmax per edge gives p_alpha
 */
public record EpochMetrics(int epoch, double temperature, double learningRate, double trainLoss, double trainAccuracy,
                           double supernetAccuracy, double childAccuracy, double childLoss, double expectedParameters,
                           double expectedFlops, double expectedMac, double penalty, double entropy,
                           int parameterFreeEdges, double seconds, double top2ChildAccuracy,
                           Optional<CellPair<EdgeOpMatrix>> alphaLogits) {

    public EpochMetrics {
        Objects.requireNonNull(alphaLogits, "alphaLogits");
    }

    /** Metrics without the epoch's alpha, as runs recorded them before alpha was kept per epoch. */
    public EpochMetrics(int epoch, double temperature, double learningRate, double trainLoss, double trainAccuracy,
                        double supernetAccuracy, double childAccuracy, double childLoss, double expectedParameters,
                        double expectedFlops, double expectedMac, double penalty, double entropy,
                        int parameterFreeEdges, double seconds, double top2ChildAccuracy) {
        this(epoch, temperature, learningRate, trainLoss, trainAccuracy, supernetAccuracy, childAccuracy, childLoss,
                expectedParameters, expectedFlops, expectedMac, penalty, entropy, parameterFreeEdges, seconds, top2ChildAccuracy,
                Optional.empty());
    }
}

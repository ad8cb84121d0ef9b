package org.snas4j.domain.cost;

import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.distribution.ConcreteSample;
import org.snas4j.domain.distribution.EdgeSoftmax;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;

/**
 * The authors' "discrete" estimator: the penalty evaluated at softmax(alpha) and differentiated
 * exactly through the softmax. For the linear penalty this is the exact gradient of the expected
 * cost under the categorical distribution; the sample is not used.
 */
final class ExpectationEstimator implements PenaltyGradientEstimator {

    @Override
    public PenaltyEstimate estimate(ArchitectureDistribution distribution, ConcreteSample sample, ResourcePenalty penalty) {
        CellPair<EdgeOpMatrix> p = distribution.probabilities();
        CellPair<EdgeOpMatrix> gradient = p.zip(penalty.gradient(p), (probabilities, upstream) ->
                EdgeSoftmax.backward(probabilities, upstream, 1.0));
        return new PenaltyEstimate(penalty.value(p), gradient);
    }
}

package org.snas4j.domain.cost;

import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.distribution.ConcreteSample;
import org.snas4j.domain.gradient.SearchGradient;

/**
 * Pathwise: the penalty of the sample Z the network was fed, differentiated through Z with the
 * Gumbel noise fixed (straight-through for a hard sample). The authors' choice.
 */
final class ReparametrisationEstimator implements PenaltyGradientEstimator {

    @Override
    public PenaltyEstimate estimate(ArchitectureDistribution distribution, ConcreteSample sample, ResourcePenalty penalty) {
        return new PenaltyEstimate(penalty.value(sample.z()),
                SearchGradient.logitGradient(sample, penalty.gradient(sample.z())));
    }
}

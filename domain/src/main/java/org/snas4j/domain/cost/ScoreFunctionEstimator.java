package org.snas4j.domain.cost;

import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.distribution.ConcreteSample;

/**
 * The authors' "policy gradient": d log p_alpha(Z) / d alpha times the detached penalty of the
 * sample. The log-density is taken at the relaxed sample; the penalty at what the network was
 * fed, so for a hard sample this estimates the gradient of the expected penalty of the one-hot
 * architecture (still unbiased, since the one-hot is a function of the relaxed sample). No
 * baseline: unbiased but with a variance that grows with the penalty's size.
 */
final class ScoreFunctionEstimator implements PenaltyGradientEstimator {

    @Override
    public PenaltyEstimate estimate(ArchitectureDistribution distribution, ConcreteSample sample, ResourcePenalty penalty) {
        double value = penalty.value(sample.z());
        return new PenaltyEstimate(value,
                distribution.logDensityGradient(sample.soft(), sample.temperature()).map(score -> score.scale(value)));
    }
}

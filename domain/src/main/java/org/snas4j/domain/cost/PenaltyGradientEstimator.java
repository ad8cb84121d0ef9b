package org.snas4j.domain.cost;

import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.distribution.ConcreteSample;

/** One of SNAS' three ways to get the resource penalty's gradient with respect to the logits. */
public interface PenaltyGradientEstimator {

    /**
     * @param distribution the current logits
     * @param sample       the step's sample (drawn from {@code distribution}); ignored by the exact expectation
     * @param penalty      what is charged
     */
    PenaltyEstimate estimate(ArchitectureDistribution distribution, ConcreteSample sample, ResourcePenalty penalty);
}

package org.snas4j.domain.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.optim.AdamOptimizer;
import org.snas4j.domain.optim.AdamSettings;
import org.snas4j.domain.space.NetworkShape;

class ConstraintLevelTest {

    @Test
    void lambdasRiseWithTheLevel() {
        assertEquals(List.of(0.0, 1.5e-3, 4e-3, 1e-2), List.of(ConstraintLevel.values()).stream().map(ConstraintLevel::lambda).toList());
        for (ConstraintLevel level : ConstraintLevel.values()) {
            assertEquals(level, ConstraintLevel.fromId(level.id()));
        }
        assertEquals(ConstraintLevel.MODERATE, ConstraintLevel.fromId("Moderate"));
        assertThrows(IllegalArgumentException.class, () -> ConstraintLevel.fromId("extreme"));
    }

    @Test
    void expectedParametersFallAsTheLevelRises() {
        // The penalty alone (log, combined cost, exact expectation gradient) and SNAS' Adam with weight decay,
        // from the same logits. They start near 0 rather than at SNAS' 1: from 1, Adam's coupled weight decay
        // first pulls every logit down alike for ~3000 steps, which postpones the equilibrium this shows.
        NetworkCost cost = NetworkCost.of(NetworkShape.paperSearch(), new SnasCostModel());
        ArchitectureDistribution start = ArchitectureDistribution.initial(3, 0.0, 0.01);
        double previous = Double.POSITIVE_INFINITY;
        for (ConstraintLevel level : ConstraintLevel.values()) {
            ResourcePenalty penalty = new ResourcePenalty(cost, CostMetric.COMBINED, CostForm.LOG, level.lambda(), 1.0);
            PenaltyGradientEstimator estimator = GradientEstimator.EXPECTATION.create();
            AdamOptimizer adam = new AdamOptimizer(AdamSettings.snasDefaults());
            ArchitectureDistribution d = start;
            for (int step = 0; step < 2000; step++) {
                d = d.withLogits(adam.step(d.logits(), estimator.estimate(d, null, penalty).logitGradient()));
            }
            double parameters = cost.expected(d).parameters();
            assertTrue(parameters < 0.95 * previous, level + ": " + parameters + " expected parameters, not 5% below " + previous);
            previous = parameters;
        }
    }
}

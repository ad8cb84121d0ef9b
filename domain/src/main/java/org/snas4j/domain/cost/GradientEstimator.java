package org.snas4j.domain.cost;

import org.snas4j.domain.EnumIds;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** The three estimators of the resource penalty's gradient, by configuration id. */
public enum GradientEstimator {
    /** Pathwise through Z (the authors' "reparametrization"). */
    REPARAMETRISATION(ReparametrisationEstimator::new),
    /** Exact through softmax(alpha) (the authors' "discrete"). */
    EXPECTATION(ExpectationEstimator::new),
    /** log-density gradient times the detached penalty (the authors' "policy gradient"). */
    SCORE_FUNCTION(ScoreFunctionEstimator::new);

    private final Supplier<PenaltyGradientEstimator> factory;

    GradientEstimator(Supplier<PenaltyGradientEstimator> factory) {
        this.factory = factory;
    }

    public PenaltyGradientEstimator create() {
        return factory.get();
    }

    /** Lower-case name used in configuration files and flags, e.g. {@code score_function}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Accepts the ids, with '-' for '_' and in any case, and the SNAS code's names
     * ({@code reparametrization}, {@code discrete}, {@code policy_gradient}).
     *
     * @throws IllegalArgumentException naming the unknown id and the valid ones
     */
    public static GradientEstimator fromId(String id) {
        return EnumIds.fromId(GradientEstimator.class, id, GradientEstimator::id,
                Map.of("reparametrization", REPARAMETRISATION, "discrete", EXPECTATION, "policy_gradient", SCORE_FUNCTION),
                "gradient estimator");
    }
}

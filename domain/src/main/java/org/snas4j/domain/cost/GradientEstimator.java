package org.snas4j.domain.cost;

import java.util.Arrays;
import java.util.Locale;

/** The three estimators of the resource penalty's gradient. */
public enum GradientEstimator {
    REPARAMETRISATION,
    EXPECTATION,
    SCORE_FUNCTION;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static GradientEstimator fromId(String id) {
        for (GradientEstimator e : values()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown gradient estimator '" + id + "' (expected one of "
                + Arrays.stream(values()).map(GradientEstimator::id).toList() + ")");
    }
}

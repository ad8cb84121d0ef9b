package org.snas4j.domain.cost;

import org.snas4j.domain.EnumIds;
import java.util.Locale;
import java.util.Map;

/** Which cost the resource penalty charges. */
public enum CostMetric {
    PARAMETERS,
    FLOPS,
    MAC,
    /** The authors' combination of the three: {@link OperationCost#combined()}, or {@link OperationCost#logCombined()} in log form. */
    COMBINED;

    /** Lower-case name used in configuration files and flags. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The charged cost, linear form. */
    public double of(OperationCost cost) {
        return switch (this) {
            case PARAMETERS -> cost.parameters();
            case FLOPS -> cost.flops();
            case MAC -> cost.mac();
            case COMBINED -> cost.combined();
        };
    }

    /**
     * The charged cost, SNAS log form, for one edge's weighted sum: log(max(x, 1)) of the chosen
     * cost, and for COMBINED the mean of the three clamped logs.
     */
    public double logOf(OperationCost cost) {
        return this == COMBINED ? cost.logCombined() : OperationCost.clampedLog(of(cost));
    }

    /**
     * @throws IllegalArgumentException naming the unknown id and the valid ones
     */
    public static CostMetric fromId(String id) {
        return EnumIds.fromId(CostMetric.class, id, CostMetric::id, Map.of("size", PARAMETERS), "cost metric");
    }
}

package org.snas4j.domain.cost;

import java.util.Arrays;
import java.util.Locale;

/** Which resource the penalty measures. */
public enum CostMetric {
    PARAMETERS,
    FLOPS,
    MAC,
    COMBINED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CostMetric fromId(String id) {
        for (CostMetric m : values()) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown cost metric '" + id + "' (expected one of "
                + Arrays.stream(values()).map(CostMetric::id).toList() + ")");
    }
}

package org.snas4j.domain.cost;

import org.snas4j.domain.EnumIds;
import java.util.Locale;
import java.util.Map;

/** How an edge's cost enters the penalty: the authors' log form, or the weighted sum itself. */
public enum CostForm {
    /** log of the edge's weighted cost, clamped at 1 (the authors' search command). */
    LOG,
    /** the edge's weighted cost. */
    LINEAR;

    /** Lower-case name used in flags and configuration files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the unknown id and the valid ones */
    public static CostForm fromId(String id) {
        return EnumIds.fromId(CostForm.class, id, CostForm::id, Map.of(), "cost form");
    }
}

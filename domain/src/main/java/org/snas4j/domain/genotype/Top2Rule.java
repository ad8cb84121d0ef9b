package org.snas4j.domain.genotype;

import java.util.Locale;
import java.util.Map;
import org.snas4j.domain.EnumIds;

/**
 * How the top-2-per-node child treats {@code none}. DARTS ranks edges by their strongest non-none
 * op and never keeps none; the SNAS code commented that exclusion out, so an edge whose strongest op
 * is none can be kept, as none (the published aggressive cell has such edges).
 */
public enum Top2Rule {
    /** DARTS: rank and choose among non-none ops only. */
    DARTS,
    /** The SNAS code: rank and choose among all 8 ops, none included. */
    SNAS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the unknown id and the valid ones */
    public static Top2Rule fromId(String id) {
        return EnumIds.fromId(Top2Rule.class, id, Top2Rule::id, Map.of(), "top-2 rule");
    }
}

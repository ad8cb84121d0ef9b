package org.snas4j.domain.genotype;

import java.util.Arrays;
import java.util.Locale;

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
        for (Top2Rule rule : values()) {
            if (rule.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return rule;
            }
        }
        throw new IllegalArgumentException("unknown top-2 rule '" + id + "' (expected one of "
                + Arrays.stream(values()).map(Top2Rule::id).toList() + ")");
    }
}

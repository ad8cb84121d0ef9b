package org.snas4j.application.port.in.study;

import java.util.Locale;

/** Where a study's cell comes from. */
public enum StudyGroup {
    /** The final top-2 cell of one of the study's searches. */
    SEARCHED,
    /** Drawn at random from the search space, in the searched cells' form. */
    RANDOM,
    /** A cell published by the SNAS or DARTS authors. */
    PUBLISHED;

    /** Lower-case name for tables and files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

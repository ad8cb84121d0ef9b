package org.snas4j.application.port.in.study;

import java.util.Objects;

/**
 * One run of a study and what the study did with it this time.
 *
 * @param name the run's directory name within the study, e.g. {@code search-seed-1}
 */
public record StudyItem(String name, StudyAction action) {

    public StudyItem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
    }
}

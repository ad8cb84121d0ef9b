package org.snas4j.application.port.out.progress;

import java.nio.file.Path;
import org.snas4j.application.port.in.study.StudyAction;

/** Observes a study: which item comes next and what is done with it. Every method has a no-op default. */
public interface StudyListener {

    StudyListener NONE = new StudyListener() {
    };

    /** The study's settings are accepted (recorded, or the same as recorded) and its first item comes next. */
    default void studyStarted(Path studyDirectory, int items) {
    }

    /**
     * @param item     the item's directory name, e.g. {@code train-random-1}
     * @param position 1-based position among the study's items
     * @param items    how many items the study has
     */
    default void itemStarting(String item, int position, int items, StudyAction action) {
    }
}

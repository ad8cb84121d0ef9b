package org.snas4j.application.port.in.study;

/** What a study does with one of its items when it runs or continues. */
public enum StudyAction {
    /** The item had no run yet: started from scratch. */
    STARTED,
    /** The item's run had started but not finished: continued from its newest checkpoint. */
    RESUMED,
    /** The item's run had finished: its recorded result is used, nothing is trained. */
    KEPT
}

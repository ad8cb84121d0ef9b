package org.snas4j.application.port.out.trial;

import java.nio.file.Path;

/** Observes a sweep: what happens to each trial. Every method has a no-op default. */
public interface SweepListener {

    SweepListener NONE = new SweepListener() {
    };

    /** The grid is accepted (recorded, or the same as recorded) and its trials come next. */
    default void sweepStarted(Path sweepDirectory, String sweepId, int trials, String executor) {
    }

    /**
     * A trial changed: it was kept as finished, launched, found running, made progress, or ended.
     *
     * @param epochs the epochs its search runs in all
     */
    default void trialChanged(TrialRecord trial, int epochs, String what) {
    }
}

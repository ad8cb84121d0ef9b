package org.snas4j.application.port.out.events;

import org.snas4j.application.child.RetrainEpochMetrics;
import org.snas4j.application.search.EpochMetrics;

/** The open events of one run, written by one process. */
public interface TrainingEventSink extends AutoCloseable {

    /** One training step's figures. */
    void step(StepFigures figures);

    /** A search epoch's figures and its alpha, at the global step that ended the epoch. */
    void searchEpoch(long step, EpochMetrics metrics);

    /** A retraining epoch's figures, at the global step that ended the epoch. */
    void retrainEpoch(long step, RetrainEpochMetrics metrics);

    /**
     * Makes everything recorded so far durable. Called before each checkpoint, so the events never lag
     * behind the checkpoint a resumed run continues from.
     */
    void flush();

    /** Flushes and closes; closing twice is harmless. */
    @Override
    void close();
}

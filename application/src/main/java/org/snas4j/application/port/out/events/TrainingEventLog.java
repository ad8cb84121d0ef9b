package org.snas4j.application.port.out.events;

import java.nio.file.Path;
import java.util.List;

/**
 * A run's figures as it runs, for tools that plot them while it goes (TensorBoard): every step's
 * training figures and every epoch's held-out figures and alpha, kept in the run directory beside
 * the metrics file. Its step numbers are the run's global steps (1 for the first training step).
 */
public interface TrainingEventLog {

    /**
     * Opens the run's events for writing. A new run passes 0; a resumed run passes the global step of
     * the checkpoint it continues from, and whatever an earlier process recorded after that step is
     * dropped, because the run does those steps again: every step is recorded once.
     */
    TrainingEventSink open(Path runDirectory, long resumedAfterStep);

    /**
     * The per-step figures recorded in the run, in step order; empty when it has none (a run made
     * before events were written). An incomplete last record, as a killed process leaves, is not an error.
     *
     * @throws org.snas4j.application.InvalidInputException naming the file when a record is damaged
     */
    List<StepFigures> steps(Path runDirectory);
}

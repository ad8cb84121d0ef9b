package org.snas4j.application.port.out.report;

import java.nio.file.Path;
import java.util.List;
import org.snas4j.application.port.in.provenance.Provenance;
import org.snas4j.application.port.out.events.StepFigures;

/** One run as a report shows it: what it recorded, read without disturbing it. */
public sealed interface ReportedRun permits ReportedSearch, ReportedTraining {

    Path directory();

    Provenance provenance();

    /** Every training step's figures from the run's events; empty for a run made before events were written. */
    List<StepFigures> steps();

    /** Epochs recorded so far. */
    int epochsDone();

    /** Epochs the run was started for. */
    int epochsPlanned();

    /** True when the run went to its end. */
    default boolean finished() {
        return provenance().finishedAt() != null;
    }
}

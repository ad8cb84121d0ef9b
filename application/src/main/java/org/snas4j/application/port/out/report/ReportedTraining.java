package org.snas4j.application.port.out.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.snas4j.application.port.in.provenance.Provenance;
import org.snas4j.application.port.in.retrain.RetrainEpochMetrics;
import org.snas4j.application.port.in.retrain.RetrainResult;
import org.snas4j.application.port.out.events.StepFigures;
import org.snas4j.application.port.out.storage.StoredRetrainRun;

/** A retraining run: its settings and genotype, every recorded epoch, and its test result once it finished. */
public record ReportedTraining(Path directory, StoredRetrainRun run, List<RetrainEpochMetrics> epochs, Optional<RetrainResult> result,
                               List<StepFigures> steps) implements ReportedRun {

    public ReportedTraining {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(run, "run");
        epochs = List.copyOf(epochs);
        Objects.requireNonNull(result, "result");
        steps = List.copyOf(steps);
    }

    /** The provenance with the end time once the run finished. */
    @Override
    public Provenance provenance() {
        return result.map(RetrainResult::provenance).orElse(run.provenance());
    }

    @Override
    public int epochsDone() {
        return epochs.size();
    }

    @Override
    public int epochsPlanned() {
        return run.configuration().epochs();
    }

    public RetrainEpochMetrics last() {
        return epochs.get(epochs.size() - 1);
    }
}

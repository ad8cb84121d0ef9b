package org.snas4j.application.port.out.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.snas4j.application.port.in.provenance.Provenance;
import org.snas4j.application.port.in.retrain.RetrainEpochMetrics;
import org.snas4j.application.port.in.retrain.RetrainResult;
import org.snas4j.application.port.in.search.EpochMetrics;
import org.snas4j.application.port.in.search.SearchConfiguration;
import org.snas4j.application.port.out.storage.StoredRetrainRun;
import org.snas4j.domain.genotype.Genotype;

/**
 * Run directories as records to read, finished or not, without taking their lock: a report may look at
 * a run while it runs. Nothing here writes.
 */
public interface RunArchive {

    enum Kind { SEARCH, TRAINING, STUDY, NONE }

    /** What {@code directory} holds: a search run, a retraining run, a study of such runs, or none of these. */
    Kind kindOf(Path directory);

    /**
     * A search run's settings, recorded epochs, and the genotypes of its newest recorded epoch (the final
     * ones once it finished); the genotypes are absent while no epoch is recorded.
     *
     * @throws org.snas4j.application.InvalidInputException naming the file that cannot be read
     */
    SearchRecord readSearch(Path directory);

    /** @throws org.snas4j.application.InvalidInputException naming the file that cannot be read */
    TrainingRecord readTraining(Path directory);

    /** The run directories of a study, in the order their names sort. */
    List<Path> studyRuns(Path studyDirectory);

    record SearchRecord(SearchConfiguration configuration, Provenance provenance, List<EpochMetrics> epochs,
                        Optional<Genotype> edgeAll, Optional<Genotype> top2) {
    }

    record TrainingRecord(StoredRetrainRun run, List<RetrainEpochMetrics> epochs, Optional<RetrainResult> result) {
    }
}

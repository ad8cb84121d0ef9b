package org.snas4j.application.port.in.retrain;

import java.nio.file.Path;

/** Trains a genotype's evaluation network from scratch, or continues such a run. */
public interface RetrainGenotypeUseCase {

    /**
     * @param runDirectory where to write (a new directory)
     * @param commandLine  recorded in the provenance
     */
    RetrainOutcome retrain(RetrainConfiguration configuration, Path runDirectory, String commandLine);

    /** Continues the run in {@code runDirectory} from its newest checkpoint (and only re-tests a finished one). */
    RetrainOutcome resume(Path runDirectory, String commandLine);
}

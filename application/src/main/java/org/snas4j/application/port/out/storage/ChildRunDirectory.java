package org.snas4j.application.port.out.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.snas4j.application.port.in.retrain.RetrainEpochMetrics;
import org.snas4j.application.port.in.retrain.RetrainResult;

/**
 * An open, locked retraining run directory: configuration with provenance and normalisation,
 * per-epoch metrics, checkpoints, and the final result. Every file is written atomically. Only one
 * process holds it at a time; {@link #close()} releases the lock.
 */
public interface ChildRunDirectory extends AutoCloseable {

    Path path();

    void writeConfiguration(StoredRetrainRun run);

    /** @throws org.snas4j.application.InvalidInputException when it is missing or unreadable */
    StoredRetrainRun readConfiguration();

    /** The file {@link #readConfiguration} reads: what a message about a stored setting names. */
    Path configurationFile();

    /** Records one epoch's metrics; recording an epoch again replaces the earlier line. */
    void recordMetrics(RetrainEpochMetrics metrics);

    List<RetrainEpochMetrics> metrics();

    /** The run's checkpoints: the loop state and the network's files at epoch boundaries. */
    CheckpointStore<RetrainState> checkpoints();

    void writeResult(RetrainResult result);

    /** The final result; empty while the run is unfinished. */
    Optional<RetrainResult> readResult();

    @Override
    void close();
}

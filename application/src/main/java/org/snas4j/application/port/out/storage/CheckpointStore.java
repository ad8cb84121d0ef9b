package org.snas4j.application.port.out.storage;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Crash-safe checkpoints of a run at epoch boundaries: each one is complete or absent, never
 * half-written. A search stores its architecture state ({@code SearchState}), a retraining run its
 * loop state ({@code RetrainState}); both beside the network's files.
 *
 * @param <S> the state a run needs besides the network's variables to continue
 */
public interface CheckpointStore<S> {

    /** Fills a fresh directory with the network's files (e.g. {@code trainer::saveVariables}). */
    @FunctionalInterface
    interface VariablesWriter {
        void writeInto(Path directory);
    }

    /**
     * Writes the checkpoint of the epoch boundary {@code state} describes atomically (temporary
     * directory, fsync, manifest with a checksum of every file, rename), replacing one of the same
     * epoch, and prunes all but the newest few.
     */
    void save(S state, VariablesWriter variables);

    /**
     * The newest checkpoint whose manifest and checksums verify; corrupt ones are skipped with a
     * warning. Empty when there is none.
     */
    Optional<Checkpoint<S>> latestValid();

    /** A verified checkpoint: the run's state and the directory holding the network's files. */
    record Checkpoint<S>(S state, Path variablesDirectory) {
    }
}

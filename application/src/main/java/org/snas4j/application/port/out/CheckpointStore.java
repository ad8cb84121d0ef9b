package org.snas4j.application.port.out;

import java.nio.file.Path;
import java.util.Optional;
import org.snas4j.application.search.SearchState;

/**
 * Crash-safe checkpoints of a run: each one is complete or absent, never half-written.
 */
public interface CheckpointStore {

    /** Fills a fresh directory with the network's files (e.g. {@code trainer::saveVariables}). */
    @FunctionalInterface
    interface VariablesWriter {
        void writeInto(Path directory);
    }

    /**
     * Writes checkpoint {@code state.completedEpochs()} atomically (temporary directory, fsync, manifest
     * with a checksum of every file, rename) and prunes all but the newest few.
     */
    void save(SearchState state, VariablesWriter variables);

    /**
     * The newest checkpoint whose manifest and checksums verify; corrupt ones are skipped with a
     * warning. Empty when there is none.
     */
    Optional<Checkpoint> latestValid();

    /** A verified checkpoint: the architecture state and the directory holding the network's files. */
    record Checkpoint(SearchState state, Path variablesDirectory) {
    }
}

package org.snas4j.application.port.out.storage;

import java.nio.file.Path;
import java.util.Optional;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.in.search.SearchOutcome;

/** Opens run directories, taking their lock. */
public interface RunDirectoryFactory {

    /**
     * Creates a new run directory (it must not exist or be empty).
     *
     * @throws InvalidInputException when it already holds a run, or is locked by a live process
     */
    RunDirectory create(Path directory);

    /**
     * Opens an existing run to continue it; a stale lock of a dead process is taken over.
     *
     * @throws InvalidInputException when it is not a run directory or another live process holds it
     */
    RunDirectory resume(Path directory);

    /** True when {@code directory} holds a search run, finished or not. */
    boolean isRunDirectory(Path directory);

    /**
     * The finished search in {@code directory} as it recorded itself: its final genotypes and every
     * epoch's metrics, read without taking the lock (a finished run is written no more). Empty when
     * {@code directory} holds no finished search.
     *
     * @throws InvalidInputException when its final genotypes or metrics cannot be read
     */
    Optional<SearchOutcome> finishedOutcome(Path directory);
}

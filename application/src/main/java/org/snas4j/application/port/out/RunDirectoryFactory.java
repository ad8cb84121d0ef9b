package org.snas4j.application.port.out;

import java.nio.file.Path;
import org.snas4j.application.InvalidInputException;

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
}

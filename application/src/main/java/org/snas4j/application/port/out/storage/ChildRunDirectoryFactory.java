package org.snas4j.application.port.out.storage;

import java.nio.file.Path;

/** Opens retraining run directories, taking their lock. */
public interface ChildRunDirectoryFactory {

    /**
     * Creates a new run directory (absent or empty).
     *
     * @throws org.snas4j.application.InvalidInputException when it already holds files, or is locked by a live process
     */
    ChildRunDirectory create(Path directory);

    /**
     * Opens an existing run (to continue, evaluate or export it); a stale lock of a dead process is taken over.
     *
     * @throws org.snas4j.application.InvalidInputException when it is not a retraining run directory or another live
     *                                                      process holds it
     */
    ChildRunDirectory open(Path directory);

    /** True when {@code directory} holds a retraining run (as opposed to, say, a search run). */
    boolean isRunDirectory(Path directory);
}

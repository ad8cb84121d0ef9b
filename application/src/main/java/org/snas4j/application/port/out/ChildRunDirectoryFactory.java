package org.snas4j.application.port.out;

import java.nio.file.Path;

/** Opens retraining run directories. */
public interface ChildRunDirectoryFactory {

    /**
     * Creates a new run directory (absent or empty).
     *
     * @throws org.snas4j.application.InvalidInputException when it already holds files
     */
    ChildRunDirectory create(Path directory);

    /**
     * Opens an existing run (to continue, evaluate or export it).
     *
     * @throws org.snas4j.application.InvalidInputException when it is not a retraining run directory
     */
    ChildRunDirectory open(Path directory);

    /** True when {@code directory} holds a retraining run (as opposed to, say, a search run). */
    boolean isRunDirectory(Path directory);
}

package org.snas4j.application.port.out.trial;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.snas4j.application.search.EpochMetrics;

/** A sweep directory's own files: its manifest, its reports, and what it reads of its trials' runs while they run. */
public interface SweepFiles {

    /** True when {@code directory} does not exist or is an empty directory. */
    boolean isAbsentOrEmpty(Path directory);

    /**
     * The manifest of the sweep in {@code sweepDirectory}; empty when it has none.
     *
     * @throws org.snas4j.application.InvalidInputException naming the file when it cannot be read
     */
    Optional<SweepManifest> readManifest(Path sweepDirectory);

    /** Records the manifest atomically, creating the directory. */
    void writeManifest(Path sweepDirectory, SweepManifest manifest);

    /**
     * Takes the sweep directory's lock, so that two sweeps never drive one grid.
     *
     * @throws org.snas4j.application.InvalidInputException naming the directory when a live process holds it
     */
    AutoCloseable lock(Path sweepDirectory);

    /**
     * The epochs a (running or finished) search run has recorded so far, read without its lock; empty
     * when it has recorded none.
     *
     * @throws org.snas4j.application.InvalidInputException naming the file when it cannot be read
     */
    List<EpochMetrics> metrics(Path runDirectory);

    /** Writes a UTF-8 text file atomically (a table, a CSV). */
    void writeText(Path file, String content);
}

package org.snas4j.application.port.out.storage;

import java.nio.file.Path;
import java.util.List;
import org.snas4j.application.port.in.provenance.Provenance;
import org.snas4j.application.port.in.search.EpochMetrics;
import org.snas4j.application.port.in.search.SearchConfiguration;
import org.snas4j.domain.genotype.Genotype;

/**
 * An open, locked run directory: the configuration and provenance, genotypes, per-epoch metrics and
 * checkpoints of one run. Only one process holds it at a time; {@link #close()} releases the lock.
 */
public interface RunDirectory extends AutoCloseable {

    Path path();

    /** Writes the configuration and provenance (replacing earlier ones atomically). */
    void writeConfiguration(SearchConfiguration configuration, Provenance provenance);

    /**
     * Reads back what {@link #writeConfiguration} wrote.
     *
     * @throws org.snas4j.application.InvalidInputException when it is missing or unreadable
     */
    StoredRun readConfiguration();

    /** The file {@link #readConfiguration} reads: what a message about a stored setting names. */
    Path configurationFile();

    /** Writes {@code name}.pb, {@code name}.textproto and {@code name}.json, each atomically. */
    void writeGenotype(String name, Genotype genotype);

    /** Records one epoch's metrics; recording an epoch again replaces the earlier line. */
    void recordMetrics(EpochMetrics metrics);

    /** Metrics recorded so far, in epoch order. */
    List<EpochMetrics> metrics();

    CheckpointStore<SearchState> checkpoints();

    @Override
    void close();
}

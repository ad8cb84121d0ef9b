package org.snas4j.adapter.storage.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.snas4j.adapter.storage.genotype.ProtobufGenotypeRepository;
import org.snas4j.adapter.storage.io.ProtoFormat;
import org.snas4j.adapter.storage.search.FileRunDirectory;
import org.snas4j.adapter.storage.search.MetricsFile;
import org.snas4j.application.port.in.search.EpochMetrics;
import org.snas4j.application.port.out.report.RunArchive;
import org.snas4j.application.port.out.storage.StoredRun;
import org.snas4j.domain.genotype.Genotype;

/** A search run directory read as a record, without its lock (layout: see {@link FileRunDirectory}). */
public final class SearchRunRecords {

    private SearchRunRecords() {
    }

    /** True when {@code directory} holds a search run's configuration. */
    public static boolean holdsSearch(Path directory) {
        return Files.isRegularFile(directory.resolve(FileRunDirectory.CONFIGURATION + ProtoFormat.TEXT.extension()));
    }

    /**
     * The run's configuration, its recorded epochs, and the genotypes of its newest recorded epoch:
     * the final ones once the run wrote them. A run writes an epoch's genotypes before its metrics
     * line, so the genotypes of every recorded epoch are there.
     */
    public static RunArchive.SearchRecord read(Path directory) {
        StoredRun stored = FileRunDirectory.readConfiguration(directory);
        List<EpochMetrics> epochs = MetricsFile.open(directory.resolve(FileRunDirectory.METRICS)).all();
        Optional<String> prefix = finalOrNewest(directory, epochs);
        return new RunArchive.SearchRecord(stored.configuration(), stored.provenance(), epochs,
                prefix.map(p -> genotype(directory, p + "edge-all")), prefix.map(p -> genotype(directory, p + "top2")));
    }

    private static Optional<String> finalOrNewest(Path directory, List<EpochMetrics> epochs) {
        if (Files.isRegularFile(genotypeFile(directory, "final-edge-all")) && Files.isRegularFile(genotypeFile(directory, "final-top2"))) {
            return Optional.of("final-");
        }
        if (epochs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format("epoch-%04d-", epochs.get(epochs.size() - 1).epoch()));
    }

    private static Genotype genotype(Path directory, String name) {
        return new ProtobufGenotypeRepository().load(genotypeFile(directory, name));
    }

    private static Path genotypeFile(Path directory, String name) {
        return directory.resolve(FileRunDirectory.GENOTYPES).resolve(name + ProtoFormat.BINARY.extension());
    }
}

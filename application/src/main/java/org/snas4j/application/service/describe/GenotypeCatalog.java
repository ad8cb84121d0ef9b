package org.snas4j.application.service.describe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.storage.GenotypeRepository;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.PublishedGenotypes;

/** Finds a genotype by published name or file; a run directory means its final edge-all genotype. */
public final class GenotypeCatalog {

    private final GenotypeRepository repository;

    public GenotypeCatalog(GenotypeRepository repository) {
        this.repository = Objects.requireNonNull(repository, "repository");
    }

    public Genotype resolve(String nameOrFile) {
        if (PublishedGenotypes.names().contains(nameOrFile)) {
            return PublishedGenotypes.byName(nameOrFile);
        }
        Path path = Path.of(nameOrFile);
        if (Files.isDirectory(path)) {
            Path finalGenotype = path.resolve("genotypes").resolve("final-edge-all.pb");
            if (!Files.isRegularFile(finalGenotype)) {
                throw new InvalidInputException(path, "is a directory without genotypes/final-edge-all.pb (not a finished search run)");
            }
            return repository.load(finalGenotype);
        }
        if (!Files.exists(path)) {
            throw new InvalidInputException(nameOrFile, "no such genotype file, and not a published name "
                    + PublishedGenotypes.names());
        }
        return repository.load(path);
    }
}

package org.snas4j.application.port.out.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snas4j.application.InvalidInputException;
import org.snas4j.domain.genotype.Genotype;

/** What every {@link GenotypeRepository} must do; each adapter runs it by subclassing. */
public abstract class GenotypeRepositoryContract {

    @TempDir
    protected Path directory;

    protected abstract GenotypeRepository repository();

    @ParameterizedTest
    @ValueSource(strings = {"pb", "textproto", "json"})
    void edgeAllGenotypesRoundTrip(String extension) {
        for (int seed = 0; seed < 8; seed++) {
            assertRoundTrip(PortFixtures.edgeAllGenotype(seed), directory.resolve("edge-all-" + seed + "." + extension));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pb", "textproto", "json"})
    void top2GenotypesRoundTrip(String extension) {
        for (int seed = 0; seed < 8; seed++) {
            assertRoundTrip(PortFixtures.top2Genotype(seed), directory.resolve("top2-" + seed + "." + extension));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pb", "textproto", "json"})
    void savingAgainReplacesTheGenotype(String extension) {
        Path file = directory.resolve("g." + extension);
        repository().save(file, PortFixtures.edgeAllGenotype(1));
        repository().save(file, PortFixtures.top2Genotype(2));
        assertEquals(PortFixtures.top2Genotype(2), repository().load(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pb", "textproto", "json"})
    void aMissingFileIsNamed(String extension) {
        Path file = directory.resolve("absent." + extension);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> repository().load(file));
        assertEquals(file.toString(), e.source());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pb", "textproto", "json"})
    void anEmptyFileIsRefused(String extension) throws IOException {
        Path file = Files.createFile(directory.resolve("empty." + extension));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> repository().load(file));
        assertEquals(file.toString(), e.source());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pb", "textproto", "json"})
    void garbageIsRefused(String extension) throws IOException {
        Path file = Files.writeString(directory.resolve("garbage." + extension), "this is { not a genotype ]\u0001\u00ff");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> repository().load(file));
        assertEquals(file.toString(), e.source());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertEquals(List.of(), e.problem().lines().skip(1).toList(), "the problem is one line");
    }

    private void assertRoundTrip(Genotype genotype, Path file) {
        repository().save(file, genotype);
        assertEquals(genotype, repository().load(file), file.toString());
    }
}

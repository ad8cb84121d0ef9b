package org.snas4j.application.port.out.storage;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.in.provenance.Provenance;
import org.snas4j.application.port.in.search.EpochMetrics;

/** What every {@link RunDirectoryFactory} and its {@link RunDirectory} must do; adapters run it by subclassing. */
public abstract class RunDirectoryContract {

    @TempDir
    protected Path parent;

    protected abstract RunDirectoryFactory factory();

    @Test
    void createMakesAMissingDirectory() {
        Path directory = parent.resolve("runs").resolve("first");
        try (RunDirectory run = factory().create(directory)) {
            assertEquals(directory, run.path());
            assertTrue(Files.isDirectory(directory));
        }
    }

    @Test
    void createAcceptsAnEmptyDirectory() throws IOException {
        Path directory = Files.createDirectory(parent.resolve("empty"));
        try (RunDirectory run = factory().create(directory)) {
            assertEquals(directory, run.path());
        }
    }

    @Test
    void createRefusesADirectoryThatHoldsARun() {
        Path directory = parent.resolve("run");
        factory().create(directory).close();

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> factory().create(directory));
        assertEquals(directory.toString(), e.source());
    }

    @Test
    void createRefusesANonEmptyDirectory() throws IOException {
        Path directory = Files.createDirectory(parent.resolve("busy"));
        Files.writeString(directory.resolve("notes.txt"), "not a run");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> factory().create(directory));
        assertEquals(directory.toString(), e.source());
    }

    @Test
    void resumeRefusesADirectoryWithoutARun() throws IOException {
        Path empty = Files.createDirectory(parent.resolve("empty"));
        Path missing = parent.resolve("missing");

        assertEquals(empty.toString(), assertThrows(InvalidInputException.class, () -> factory().resume(empty)).source());
        assertEquals(missing.toString(), assertThrows(InvalidInputException.class, () -> factory().resume(missing)).source());
    }

    @Test
    void anOpenRunCannotBeOpenedAgain() {
        Path directory = parent.resolve("run");
        try (RunDirectory run = factory().create(directory)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> factory().resume(directory));
            assertEquals(directory.toString(), e.source());
            assertTrue(e.problem().toLowerCase(Locale.ROOT).contains("locked"), e.problem());
        }
    }

    @Test
    void closingReleasesTheRunForResume() {
        Path directory = parent.resolve("run");
        factory().create(directory).close();
        try (RunDirectory resumed = factory().resume(directory)) {
            assertEquals(directory, resumed.path());
        }
        try (RunDirectory again = factory().resume(directory)) {
            assertEquals(directory, again.path());
        }
    }

    @Test
    void closingTwiceIsHarmless() {
        RunDirectory run = factory().create(parent.resolve("run"));
        run.close();
        assertDoesNotThrow(run::close);
    }

    @Test
    void metricsAreKeptInEpochOrderAndARecordedEpochIsReplaced() {
        Path directory = parent.resolve("run");
        EpochMetrics replacement = PortFixtures.metrics(5);
        EpochMetrics replacedEpoch1 = new EpochMetrics(1, replacement.temperature(), replacement.learningRate(),
                replacement.trainLoss(), replacement.trainAccuracy(), Double.NaN, replacement.childAccuracy(), replacement.childLoss(),
                replacement.expectedParameters(), replacement.expectedFlops(), replacement.expectedMac(), replacement.penalty(),
                replacement.entropy(), replacement.parameterFreeEdges(), replacement.seconds(),
                replacement.top2ChildAccuracy());
        try (RunDirectory run = factory().create(directory)) {
            run.recordMetrics(PortFixtures.metrics(2));
            run.recordMetrics(PortFixtures.metrics(0));
            run.recordMetrics(PortFixtures.metrics(1));
            run.recordMetrics(replacedEpoch1);
            assertEquals(List.of(PortFixtures.metrics(0), replacedEpoch1, PortFixtures.metrics(2)), run.metrics());
        }
        try (RunDirectory resumed = factory().resume(directory)) {
            assertEquals(List.of(PortFixtures.metrics(0), replacedEpoch1, PortFixtures.metrics(2)), resumed.metrics());
        }
    }

    @Test
    void checkpointsSurviveResume() throws IOException {
        Path directory = parent.resolve("run");
        try (RunDirectory run = factory().create(directory)) {
            assertTrue(run.checkpoints().latestValid().isEmpty());
            run.checkpoints().save(PortFixtures.searchState(2, 5), PortFixtures.variables(5));
        }
        try (RunDirectory resumed = factory().resume(directory)) {
            CheckpointStore.Checkpoint<SearchState> checkpoint = resumed.checkpoints().latestValid().orElseThrow();
            assertEquals(PortFixtures.searchState(2, 5), checkpoint.state());
            PortFixtures.assertVariables(checkpoint.variablesDirectory(), 5);
        }
    }

    @Test
    void configurationAndGenotypesCanBeWrittenAgain() {
        try (RunDirectory run = factory().create(parent.resolve("run"))) {
            assertDoesNotThrow(() -> {
                run.writeConfiguration(PortFixtures.configuration(), PortFixtures.provenance());
                run.writeConfiguration(PortFixtures.configuration(), PortFixtures.provenance().finished(Instant.EPOCH));
                run.writeGenotype("epoch-1", PortFixtures.edgeAllGenotype(1));
                run.writeGenotype("epoch-1", PortFixtures.top2Genotype(1));
            });
        }
    }

    @Test
    void configurationIsReadBackAfterResume() {
        Provenance finished = PortFixtures.provenance().finished(Instant.EPOCH);
        try (RunDirectory run = factory().create(parent.resolve("run"))) {
            run.writeConfiguration(PortFixtures.configuration(), finished);
        }
        try (RunDirectory run = factory().resume(parent.resolve("run"))) {
            assertEquals(new StoredRun(PortFixtures.configuration(), finished), run.readConfiguration());
        }
    }

    @Test
    void readingAMissingConfigurationNamesTheFile() {
        try (RunDirectory run = factory().create(parent.resolve("run"))) {
            InvalidInputException e = assertThrows(InvalidInputException.class, run::readConfiguration);
            assertEquals(run.configurationFile().toString(), e.source());
        }
    }

    @Test
    void theConfigurationFileIsTheOneWrittenInsideTheRun() {
        try (RunDirectory run = factory().create(parent.resolve("run"))) {
            run.writeConfiguration(PortFixtures.configuration(), PortFixtures.provenance());
            assertTrue(Files.isRegularFile(run.configurationFile()), run.configurationFile().toString());
            assertEquals(run.path(), run.configurationFile().getParent());
        }
    }
}

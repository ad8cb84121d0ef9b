package org.snas4j.application.port.out.storage;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.in.retrain.RetrainEpochMetrics;
import org.snas4j.application.port.in.retrain.RetrainResult;
import org.snas4j.domain.genotype.Genotype;

/** What every {@link ChildRunDirectoryFactory} and its {@link ChildRunDirectory} must do; adapters run it by subclassing. */
public abstract class ChildRunDirectoryContract {

    @TempDir
    protected Path parent;

    protected abstract ChildRunDirectoryFactory factory();

    /** A run as {@code train} leaves it once started: created, configuration written, closed. */
    protected Path startedRun(String name) {
        Path directory = parent.resolve(name);
        try (ChildRunDirectory run = factory().create(directory)) {
            run.writeConfiguration(ChildRunFixtures.storedRun(PortFixtures.edgeAllGenotype(1)));
        }
        return directory;
    }

    @Test
    void createMakesAMissingDirectory() {
        Path directory = parent.resolve("runs").resolve("first");
        try (ChildRunDirectory run = factory().create(directory)) {
            assertEquals(directory, run.path());
            assertTrue(Files.isDirectory(directory));
        }
    }

    @Test
    void createAcceptsAnEmptyDirectory() throws IOException {
        Path directory = Files.createDirectory(parent.resolve("empty"));
        try (ChildRunDirectory run = factory().create(directory)) {
            assertEquals(directory, run.path());
        }
    }

    @Test
    void createRefusesANonEmptyDirectoryOrAnotherRun() throws IOException {
        Path busy = Files.createDirectory(parent.resolve("busy"));
        Files.writeString(busy.resolve("notes.txt"), "not a run");
        Path run = startedRun("run");

        assertEquals(busy.toString(), assertThrows(InvalidInputException.class, () -> factory().create(busy)).source());
        assertEquals(run.toString(), assertThrows(InvalidInputException.class, () -> factory().create(run)).source());
    }

    @Test
    void onlyADirectoryWithARunIsOne() throws IOException {
        Path empty = Files.createDirectory(parent.resolve("empty"));
        Path missing = parent.resolve("missing");

        assertFalse(factory().isRunDirectory(empty));
        assertFalse(factory().isRunDirectory(missing));
        assertTrue(factory().isRunDirectory(startedRun("run")));
        assertEquals(empty.toString(), assertThrows(InvalidInputException.class, () -> factory().open(empty)).source());
        assertEquals(missing.toString(), assertThrows(InvalidInputException.class, () -> factory().open(missing)).source());
    }

    @Test
    void anOpenRunCannotBeOpenedAgain() {
        Path directory = parent.resolve("run");
        try (ChildRunDirectory run = factory().create(directory)) {
            run.writeConfiguration(ChildRunFixtures.storedRun(PortFixtures.edgeAllGenotype(1)));

            InvalidInputException e = assertThrows(InvalidInputException.class, () -> factory().open(directory));

            assertEquals(directory.toString(), e.source());
            assertTrue(e.problem().toLowerCase(Locale.ROOT).contains("locked"), e.problem());
        }
    }

    @Test
    void closingReleasesTheRun() {
        Path directory = startedRun("run");
        try (ChildRunDirectory opened = factory().open(directory)) {
            assertEquals(directory, opened.path());
        }
        try (ChildRunDirectory again = factory().open(directory)) {
            assertEquals(directory, again.path());
        }
    }

    @Test
    void closingTwiceIsHarmless() {
        ChildRunDirectory run = factory().create(parent.resolve("run"));
        run.close();
        assertDoesNotThrow(run::close);
    }

    @Test
    void aClosedRunRefusesWrites() {
        ChildRunDirectory run = factory().create(parent.resolve("run"));
        run.close();
        // Its lock is gone: another process may hold the run by now.
        assertThrows(IllegalStateException.class, () -> run.recordMetrics(ChildRunFixtures.metrics(0)));
        assertThrows(IllegalStateException.class, () -> run.checkpoints());
    }

    @Test
    void configurationRoundTripsExactlyForBothGenotypeForms() {
        for (Genotype genotype : List.of(PortFixtures.edgeAllGenotype(2), PortFixtures.top2Genotype(3))) {
            Path directory = parent.resolve(genotype.form().name());
            StoredRetrainRun stored = ChildRunFixtures.storedRun(genotype);
            try (ChildRunDirectory run = factory().create(directory)) {
                run.writeConfiguration(stored);
            }
            try (ChildRunDirectory run = factory().open(directory)) {
                assertEquals(stored, run.readConfiguration(), genotype.form().name());
            }
        }
    }

    @Test
    void readingAMissingConfigurationNamesTheFile() {
        try (ChildRunDirectory run = factory().create(parent.resolve("run"))) {
            InvalidInputException e = assertThrows(InvalidInputException.class, run::readConfiguration);
            assertEquals(run.configurationFile().toString(), e.source());
        }
    }

    @Test
    void theConfigurationFileIsTheOneWrittenInsideTheRun() {
        try (ChildRunDirectory run = factory().create(parent.resolve("run"))) {
            run.writeConfiguration(ChildRunFixtures.storedRun(PortFixtures.edgeAllGenotype(1)));
            assertTrue(Files.isRegularFile(run.configurationFile()), run.configurationFile().toString());
            assertEquals(run.path(), run.configurationFile().getParent());
        }
    }

    @Test
    void metricsAreKeptInEpochOrderAndARecordedEpochIsReplaced() {
        Path directory = startedRun("run");
        RetrainEpochMetrics replacement = ChildRunFixtures.metrics(5);
        RetrainEpochMetrics replacedEpoch1 = new RetrainEpochMetrics(1, replacement.learningRate(), replacement.dropPathProbability(),
                replacement.trainLoss(), replacement.trainAccuracy(), "validation", replacement.heldOutLoss(), replacement.heldOutAccuracy(),
                replacement.heldOutTop5(), replacement.seconds());
        List<RetrainEpochMetrics> expected = List.of(ChildRunFixtures.metrics(0), replacedEpoch1, ChildRunFixtures.metrics(2));
        try (ChildRunDirectory run = factory().open(directory)) {
            assertEquals(List.of(), run.metrics());
            run.recordMetrics(ChildRunFixtures.metrics(2));
            run.recordMetrics(ChildRunFixtures.metrics(0));
            run.recordMetrics(ChildRunFixtures.metrics(1));
            run.recordMetrics(replacedEpoch1);
            assertEquals(expected, run.metrics());
        }
        try (ChildRunDirectory reopened = factory().open(directory)) {
            assertEquals(expected, reopened.metrics());
        }
    }

    @Test
    void checkpointsSurviveReopening() throws IOException {
        Path directory = startedRun("run");
        try (ChildRunDirectory run = factory().open(directory)) {
            assertEquals(Optional.empty(), run.checkpoints().latestValid());
            run.checkpoints().save(new RetrainState(1, 30), PortFixtures.variables(1));
            run.checkpoints().save(new RetrainState(2, 60), PortFixtures.variables(2));
        }
        try (ChildRunDirectory reopened = factory().open(directory)) {
            CheckpointStore.Checkpoint<RetrainState> checkpoint = reopened.checkpoints().latestValid().orElseThrow();
            assertEquals(new RetrainState(2, 60), checkpoint.state());
            PortFixtures.assertVariables(checkpoint.variablesDirectory(), 2);
        }
    }

    @Test
    void theResultIsAbsentUntilWrittenAndRoundTripsWithAndWithoutTopFive() {
        Path directory = startedRun("run");
        for (OptionalDouble top5 : List.of(OptionalDouble.of(0.99), OptionalDouble.empty())) {
            RetrainResult result = ChildRunFixtures.result(top5);
            try (ChildRunDirectory run = factory().open(directory)) {
                run.writeResult(result);
            }
            try (ChildRunDirectory reopened = factory().open(directory)) {
                assertEquals(Optional.of(result), reopened.readResult());
            }
        }
        try (ChildRunDirectory fresh = factory().open(startedRun("fresh"))) {
            assertEquals(Optional.empty(), fresh.readResult());
        }
    }
}

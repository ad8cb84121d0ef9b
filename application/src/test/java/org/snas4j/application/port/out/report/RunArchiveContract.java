package org.snas4j.application.port.out.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.application.port.out.storage.ChildRunDirectory;
import org.snas4j.application.port.out.storage.ChildRunDirectoryFactory;
import org.snas4j.application.port.out.storage.ChildRunFixtures;
import org.snas4j.application.port.out.storage.PortFixtures;
import org.snas4j.application.port.out.storage.RunDirectory;
import org.snas4j.application.port.out.storage.RunDirectoryFactory;
import org.snas4j.application.port.out.storage.StudyFiles;
import org.snas4j.domain.genotype.PublishedGenotypes;

/**
 * What every {@link RunArchive} must do, on runs written through the run directory ports of the same
 * storage: adapters run it by subclassing.
 */
public abstract class RunArchiveContract {

    @TempDir
    protected Path parent;

    protected abstract RunArchive archive();

    protected abstract RunDirectoryFactory searchRuns();

    protected abstract ChildRunDirectoryFactory trainingRuns();

    protected abstract StudyFiles studyFiles();

    private Path searchRun(Path directory, int epochs, boolean finished) {
        try (RunDirectory run = searchRuns().create(directory)) {
            run.writeConfiguration(PortFixtures.configuration(), PortFixtures.provenance());
            for (int e = 0; e < epochs; e++) {
                run.writeGenotype(String.format("epoch-%04d-edge-all", e), PortFixtures.edgeAllGenotype(e));
                run.writeGenotype(String.format("epoch-%04d-top2", e), PortFixtures.top2Genotype(e));
                run.recordMetrics(PortFixtures.metrics(e));
            }
            if (finished) {
                run.writeGenotype("final-edge-all", PortFixtures.edgeAllGenotype(100));
                run.writeGenotype("final-top2", PortFixtures.top2Genotype(100));
            }
        }
        return directory;
    }

    private Path trainingRun(Path directory, int epochs, boolean finished) {
        try (ChildRunDirectory run = trainingRuns().create(directory)) {
            run.writeConfiguration(ChildRunFixtures.storedRun(PublishedGenotypes.byName("snas-mild")));
            for (int e = 0; e < epochs; e++) {
                run.recordMetrics(ChildRunFixtures.metrics(e));
            }
            if (finished) {
                run.writeResult(ChildRunFixtures.result(OptionalDouble.of(0.99)));
            }
        }
        return directory;
    }

    @Test
    void tellsSearchRunsTrainingRunsStudiesAndOtherDirectoriesApart() throws Exception {
        Path search = searchRun(parent.resolve("search"), 1, false);
        Path training = trainingRun(parent.resolve("train"), 1, false);
        Path empty = Files.createDirectories(parent.resolve("empty"));
        Path study = parent.resolve("study");
        studyFiles().writeSettings(study.resolve(StudyFiles.SETTINGS_FILE), Map.of("searches", "1"));

        assertEquals(RunArchive.Kind.SEARCH, archive().kindOf(search));
        assertEquals(RunArchive.Kind.TRAINING, archive().kindOf(training));
        assertEquals(RunArchive.Kind.STUDY, archive().kindOf(study));
        assertEquals(RunArchive.Kind.NONE, archive().kindOf(empty));
        assertEquals(RunArchive.Kind.NONE, archive().kindOf(parent.resolve("missing")));
        assertEquals(RunArchive.Kind.NONE, archive().kindOf(search.resolve("metrics.jsonl")), "a file is no run");
    }

    @Test
    void aStudysRunsAreItsRunDirectoriesInNameOrder() throws Exception {
        Path study = parent.resolve("study");
        studyFiles().writeSettings(study.resolve(StudyFiles.SETTINGS_FILE), Map.of("searches", "1"));
        trainingRun(study.resolve("train-random-1"), 1, true);
        searchRun(study.resolve("search-seed-1"), 1, true);
        Files.createDirectories(study.resolve("not-a-run"));

        assertEquals(List.of(study.resolve("search-seed-1"), study.resolve("train-random-1")), archive().studyRuns(study));
    }

    @Test
    void anUnfinishedSearchShowsItsNewestEpochsGenotypesAndAFinishedOneItsFinalOnes() {
        Path search = searchRun(parent.resolve("search"), 2, false);

        RunArchive.SearchRecord running = archive().readSearch(search);

        assertEquals(PortFixtures.configuration(), running.configuration());
        assertEquals(PortFixtures.provenance(), running.provenance());
        assertEquals(List.of(PortFixtures.metrics(0), PortFixtures.metrics(1)), running.epochs());
        assertEquals(Optional.of(PortFixtures.edgeAllGenotype(1)), running.edgeAll());
        assertEquals(Optional.of(PortFixtures.top2Genotype(1)), running.top2());

        Path finished = searchRun(parent.resolve("finished"), 2, true);
        assertEquals(Optional.of(PortFixtures.edgeAllGenotype(100)), archive().readSearch(finished).edgeAll());
        assertEquals(Optional.of(PortFixtures.top2Genotype(100)), archive().readSearch(finished).top2());

        RunArchive.SearchRecord noEpochYet = archive().readSearch(searchRun(parent.resolve("new"), 0, false));
        assertTrue(noEpochYet.epochs().isEmpty());
        assertTrue(noEpochYet.edgeAll().isEmpty());
    }

    @Test
    void aTrainingRunShowsItsEpochsAndItsResultOnceFinished() {
        RunArchive.TrainingRecord running = archive().readTraining(trainingRun(parent.resolve("running"), 2, false));
        RunArchive.TrainingRecord finished = archive().readTraining(trainingRun(parent.resolve("finished"), 3, true));

        assertEquals(ChildRunFixtures.storedRun(PublishedGenotypes.byName("snas-mild")), running.run());
        assertEquals(List.of(ChildRunFixtures.metrics(0), ChildRunFixtures.metrics(1)), running.epochs());
        assertTrue(running.result().isEmpty());
        assertEquals(Optional.of(ChildRunFixtures.result(OptionalDouble.of(0.99))), finished.result());
    }

    @Test
    void aRunIsReadWhileAnotherProcessHoldsIt() {
        Path search = searchRun(parent.resolve("search"), 1, false);
        try (RunDirectory running = searchRuns().resume(search)) {
            // As a search records an epoch: its genotypes, then its metrics line.
            running.writeGenotype("epoch-0001-edge-all", PortFixtures.edgeAllGenotype(1));
            running.writeGenotype("epoch-0001-top2", PortFixtures.top2Genotype(1));
            running.recordMetrics(PortFixtures.metrics(1));

            assertEquals(2, archive().readSearch(search).epochs().size());
        }
    }
}

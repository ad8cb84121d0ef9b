package org.snas4j.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.adapter.storage.retrain.FileChildRunDirectoryFactory;
import org.snas4j.adapter.storage.search.FileRunDirectoryFactory;
import org.snas4j.application.port.in.provenance.Provenance;
import org.snas4j.application.port.in.retrain.RetrainConfiguration;
import org.snas4j.application.port.in.search.SearchConfiguration;
import org.snas4j.application.port.out.data.DatasetRequest;
import org.snas4j.application.port.out.data.Normalization;
import org.snas4j.application.port.out.storage.ChildRunDirectory;
import org.snas4j.application.port.out.storage.RunDirectory;
import org.snas4j.application.port.out.storage.StoredRetrainRun;
import org.snas4j.domain.space.NetworkShape;

/**
 * The application refuses a setting by its configuration's name. A value typed on the command line
 * is blamed on its flag; a value read back from a run directory on {@code --resume} is blamed on the
 * run's file and field, not on a flag the user never typed.
 */
class SettingRefusalsTest {

    private static final DatasetRequest SUBSET = new DatasetRequest("fashion-mnist-subset", Optional.empty());
    private static final Provenance PROVENANCE = new Provenance(1, "fashion-mnist (bundled subset)", "0".repeat(64), "test",
            Instant.EPOCH, null, "a command line");

    @TempDir
    Path dir;

    @Test
    void aBadFlagOfTrainIsNamedByTheFlag() {
        CommandLineRunner result = CommandLineRunner.run("train", "--genotype", "darts-v2", "--learning-rate", "-1",
                "--output", dir.resolve("run").toString());

        assertRefusedInOneLine(result, "--learning-rate: needs 0 <= minimum <= initial and initial > 0, got -1.0 -> 0.0");
        assertFalse(Files.exists(dir.resolve("run")));
    }

    @Test
    void aBadRetrainingFlagOfStudyIsNamedByTheStudysFlag() {
        CommandLineRunner result = CommandLineRunner.run("study", "--train-channels", "5", "--output", dir.resolve("study").toString());

        assertRefusedInOneLine(result, "--train-channels: must be even (FactorizedReduce halves it), got 5");
        assertFalse(Files.exists(dir.resolve("study")));
    }

    @Test
    void aBadSearchFlagOfStudyIsNamedBySearchsFlag() {
        CommandLineRunner result = CommandLineRunner.run("study", "--arch-learning-rate", "0", "--output", dir.resolve("study").toString());

        assertRefusedInOneLine(result, "--arch-learning-rate: must be positive, got 0.0");
    }

    @Test
    void aBadThreadCountOfEvaluateIsNamedByTheFlag() {
        CommandLineRunner result = CommandLineRunner.run("evaluate", "--threads", "-3", dir.resolve("no-run").toString());

        assertRefusedInOneLine(result, "--threads: must be zero (all cores) or positive, got -3");
    }

    @Test
    void aBadStoredSearchSettingIsBlamedOnTheRunsFileOnResume() throws IOException {
        Path run = dir.resolve("search-run");
        SearchConfiguration frozen = SearchConfiguration.builder().dataset(SUBSET).architectureLearningRate(-1).build();
        Path file;
        try (RunDirectory directory = new FileRunDirectoryFactory().create(run)) {
            directory.writeConfiguration(frozen, PROVENANCE);
            file = directory.configurationFile();
        }

        assertResumeRefused("search", run, file, "architectureLearningRate must be positive, got -1.0");
    }

    @Test
    void aBadStoredRetrainingSettingIsBlamedOnTheRunsFileOnResume() throws IOException {
        Path run = dir.resolve("train-run");
        RetrainConfiguration negativeRate = RetrainConfiguration.builder().dataset(SUBSET).learningRate(-1).build();
        Path file;
        try (ChildRunDirectory directory = new FileChildRunDirectoryFactory().create(run)) {
            directory.writeConfiguration(new StoredRetrainRun(negativeRate, PROVENANCE, new NetworkShape(8, 16, 28, 1, 10),
                    Normalization.unitScale(1)));
            file = directory.configurationFile();
        }

        assertResumeRefused("train", run, file, "learningRate needs 0 <= minimum <= initial and initial > 0, got -1.0 -> 0.0");
    }

    /** {@code command --resume run} refuses the stored setting in one line naming {@code file}, no flag, and leaves the run as it was. */
    private static void assertResumeRefused(String command, Path run, Path file, String problem) throws IOException {
        String before = Files.readString(file);

        CommandLineRunner result = CommandLineRunner.run(command, "--resume", run.toString());

        assertRefusedInOneLine(result, file + ": " + problem);
        assertFalse(result.err().contains(" --"), "no flag is blamed: " + result.err());
        assertEquals(before, Files.readString(file), "the refused run is left as it was");
    }

    private static void assertRefusedInOneLine(CommandLineRunner result, String message) {
        assertEquals(ExitCodes.INVALID_INPUT, result.exitCode(), result.err());
        List<String> lines = result.err().lines().filter(line -> !line.isBlank()).toList();
        assertEquals(List.of("snas4j: " + message), lines, result.err());
    }
}
